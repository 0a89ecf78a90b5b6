#include "engine/grouping.h"

#include <gtest/gtest.h>

namespace supportlens {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kMarch2 = 20514 * kDay;  // 2026-03-02 00:00 UTC

// A fact's group is a direct table lookup when the dimensions span few combinations; values
// outside the table's ranges (an instant beyond the window, an id the dictionary does not
// know) take the hashed path. Both must give one group per coordinate, shared across paths.
TEST(GroupRegistry, PlacesFactsByCoordinatesOnBothPaths) {
  Dataset d;
  d.dict.channel.Intern("email");
  d.dict.channel.Intern("phone");
  d.min_time = kMarch2;
  d.max_time = kMarch2 + 10 * kDay;
  Query query;
  query.from = "2026-03-02";
  query.to = "2026-03-05";  // three days
  query.by = {"channel", "day"};
  auto q = ParseQuery(query, d);
  ASSERT_TRUE(q.ok()) << q.status().message();
  GroupRegistry groups(d, *q);

  auto at = [](int32_t channel, int64_t time) {
    Coord c;
    c.channel = channel;
    c.time = time;
    return c;
  };
  const int32_t email_day1 = groups.GroupOf(at(0, kMarch2 + 3600));
  EXPECT_EQ(groups.GroupOf(at(0, kMarch2 + 23 * 3600)), email_day1) << "same channel, same day";
  const int32_t phone_day1 = groups.GroupOf(at(1, kMarch2 + 60));
  const int32_t email_day3 = groups.GroupOf(at(0, kMarch2 + 2 * kDay));
  const int32_t none_day2 = groups.GroupOf(at(-1, kMarch2 + kDay));
  EXPECT_NE(phone_day1, email_day1);
  EXPECT_NE(email_day3, email_day1);
  EXPECT_NE(none_day2, email_day1);
  // Beyond the window (day 4) and an unknown channel id: hashed, still stable and distinct.
  const int32_t email_day4 = groups.GroupOf(at(0, kMarch2 + 3 * kDay + 5));
  EXPECT_EQ(groups.GroupOf(at(0, kMarch2 + 3 * kDay + 7000)), email_day4);
  const int32_t unknown = groups.GroupOf(at(7, kMarch2));
  EXPECT_EQ(groups.GroupOf(at(7, kMarch2 + 10)), unknown);
  EXPECT_EQ(groups.size(), 6u);
  // The hashed path finds the groups the table made, and the other way round.
  EXPECT_EQ(groups.Find(groups.key(email_day3)), email_day3);
  EXPECT_EQ(groups.InternKey(groups.key(phone_day1)), phone_day1);
  auto labels = groups.Labels(email_day3);
  ASSERT_EQ(labels.size(), 2u);
  EXPECT_EQ(labels[0].second, "email");
  EXPECT_EQ(labels[1].second, "2026-03-04");
  EXPECT_EQ(groups.Labels(none_day2)[0].second, std::nullopt);
}

}  // namespace
}  // namespace supportlens
