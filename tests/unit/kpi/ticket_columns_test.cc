// Tickets counted per group, topic, channel and complaint flag give each column's sums: per topic
// with the complaints beside, per channel over every topic and flag.
#include "kpi/ticket_columns.h"

#include <gtest/gtest.h>

namespace supportlens {
namespace {

TEST(TicketColumnCounts, EachColumnSumsTheOthersAway) {
  // Two topics (ids 0, 1) and two channels (ids 0, 1), slot = id + 1 (slot 0: none).
  // Group 0: 3 tickets of topic 0 on channel 1 (one a complaint), 2 of topic 1 on channel 0 (both
  //          complaints), 1 without topic on channel 0.
  // Group 1: 4 tickets of topic 1 on channel 1, none a complaint; 1 of topic 0 without channel, a complaint.
  TicketColumnCounts c;
  c.groups = 2;
  c.topics = 3;
  c.channels = 3;
  c.counts.assign(2 * 3 * 3 * 2, 0);
  c.counts[c.At(0, 1, 2, false)] = 2;
  c.counts[c.At(0, 1, 2, true)] = 1;
  c.counts[c.At(0, 2, 1, true)] = 2;
  c.counts[c.At(0, 0, 1, false)] = 1;
  c.counts[c.At(1, 2, 2, false)] = 4;
  c.counts[c.At(1, 1, 0, true)] = 1;

  // [(group * topics + slot) * 2 + complaint]
  const std::vector<int64_t> by_topic = c.ByTopic();
  const std::vector<int64_t> want_topic = {
      1, 0,  // group 0, no topic: 1 ticket, no complaint
      2, 1,  // group 0, topic 0: 2 + 1 complaint
      0, 2,  // group 0, topic 1: 2 complaints
      0, 0,  // group 1, no topic
      0, 1,  // group 1, topic 0: 1 complaint
      4, 0,  // group 1, topic 1: 4
  };
  EXPECT_EQ(by_topic, want_topic);

  // [group * channels + slot], complaints or not
  const std::vector<int64_t> by_channel = c.ByChannel();
  const std::vector<int64_t> want_channel = {
      0, 3, 3,  // group 0: channel 0 has 2 (topic 1) + 1 (no topic); channel 1 has 3 (topic 0)
      1, 0, 4,  // group 1: 1 without channel, 4 on channel 1
  };
  EXPECT_EQ(by_channel, want_channel);
}

}  // namespace
}  // namespace supportlens
