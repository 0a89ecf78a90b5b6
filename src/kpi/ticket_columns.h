#pragma once
// Tickets counted per group, topic, channel and complaint flag in one pass. The KPIs that count a
// placement's tickets by one of those columns (complaint rate, top topics, tickets per channel)
// each read their sums from these counts instead of taking a pass over the tickets of their own.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace supportlens {

struct TicketColumnCounts {
  size_t groups = 0;
  size_t topics = 0, channels = 0;  // topic and channel ids + 1 (none is 0)
  std::vector<int64_t> counts;      // [((group * topics + topic + 1) * channels + channel + 1) * 2 + complaint]
  size_t At(size_t g, size_t topic_slot, size_t channel_slot, bool complaint) const {
    return ((g * topics + topic_slot) * channels + channel_slot) * 2 + complaint;
  }
  // Per group and topic (id + 1), the tickets and, beside them, the complaints among them:
  // [(group * topics + topic + 1) * 2 + complaint], summed over the channels.
  std::vector<int64_t> ByTopic() const {
    std::vector<int64_t> out(groups * topics * 2, 0);
    for (size_t g = 0; g < groups; ++g)
      for (size_t topic = 0; topic < topics; ++topic)
        for (size_t channel = 0; channel < channels; ++channel)
          for (size_t complaint = 0; complaint < 2; ++complaint)
            out[(g * topics + topic) * 2 + complaint] += counts[At(g, topic, channel, complaint != 0)];
    return out;
  }
  // Per group and channel (id + 1), the tickets: [group * channels + channel + 1].
  std::vector<int64_t> ByChannel() const {
    std::vector<int64_t> out(groups * channels, 0);
    for (size_t g = 0; g < groups; ++g)
      for (size_t topic = 0; topic < topics; ++topic)
        for (size_t channel = 0; channel < channels; ++channel)
          out[g * channels + channel] += counts[At(g, topic, channel, false)] + counts[At(g, topic, channel, true)];
    return out;
  }
};

}  // namespace supportlens
