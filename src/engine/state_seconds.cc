#include "engine/state_seconds.h"

#include <algorithm>
#include <limits>

#include "core/civil_date.h"

namespace supportlens {

std::unique_ptr<StateSeconds> StateSeconds::Sum(const IntervalTable& states, const std::vector<Period>& periods) {
  int32_t max_agent = -1;
  for (size_t i = 0; i < states.size(); ++i) max_agent = std::max(max_agent, states.agent[i]);
  const size_t agents = static_cast<size_t>(max_agent) + 2;  // agent id + 1, so that none (-1) is 0
  if (agents * periods.size() > (size_t{1} << 24)) return nullptr;
  auto out = std::make_unique<StateSeconds>();
  if (periods.empty()) return out;
  std::vector<int32_t> slot(agents * periods.size(), -1);  // entry of (agent, period), -1 none yet
  size_t hint = 0;  // the period of the previous record's start
  for (size_t i = 0; i < states.size(); ++i) {
    const int64_t start = states.start[i], end = states.end[i];
    // The same slicing as KpiContext::ForEachAgentSlice: from the first period ending after start.
    size_t p = PeriodEndingAfter(periods, start, hint);
    const size_t row = static_cast<size_t>(states.agent[i] + 1) * periods.size();
    const size_t state = static_cast<size_t>(states.state[i]);
    for (; p < periods.size() && periods[p].start < end; ++p) {
      const int64_t a = std::max(start, periods[p].start), b = std::min(end, periods[p].end);
      if (b <= a) continue;
      int32_t& e = slot[row + p];
      if (e < 0) {
        e = static_cast<int32_t>(out->entries.size());
        out->entries.push_back({states.agent[i], static_cast<uint32_t>(p), {}});
      }
      out->entries[static_cast<size_t>(e)].seconds[state] += b - a;
    }
  }
  return out;
}

AgentStateDays FoldAgentStateDays(const IntervalTable& states, const TimeZone& zone) {
  AgentStateDays out;
  if (states.size() == 0) return out;
  int64_t first = states.start[0], last = states.end[0];
  for (size_t i = 0; i < states.size(); ++i) {
    first = std::min(first, states.start[i]);
    last = std::max(last, states.end[i]);
  }
  // The local midnights from the one at or before the first start to one at or after the last end,
  // worked out as a day bucket's edges are (GroupRegistry::ComputePeriods).
  const int64_t first_day = FloorDiv(zone.ToLocal(first), 86400);
  std::vector<Period> days;
  int64_t start = zone.ToUtc(first_day * 86400);
  for (int64_t day = first_day; start < last || days.empty(); ++day) {
    int64_t next = zone.ToUtc((day + 1) * 86400);
    if (next <= start) next = start + 900;  // guard against a zone oddity, as the buckets do
    days.push_back({start, next});
    start = next;
  }
  auto sums = StateSeconds::Sum(states, days);
  if (!sums) return out;
  out.day_start.reserve(days.size() + 1);
  for (const Period& d : days) out.day_start.push_back(d.start);
  out.day_start.push_back(days.back().end);
  out.agent.reserve(sums->entries.size());
  out.day.reserve(sums->entries.size());
  out.seconds.reserve(sums->entries.size() * kAgentStateCount);
  for (const auto& e : sums->entries) {
    out.agent.push_back(e.agent);
    out.day.push_back(e.period);
    for (int64_t v : e.seconds) {
      // Only records overlapping by the thousands on one day could pass this: then none are kept.
      if (v > std::numeric_limits<int32_t>::max()) return AgentStateDays();
      out.seconds.push_back(static_cast<int32_t>(v));
    }
  }
  return out;
}

std::unique_ptr<StateSeconds> StateSeconds::Sum(const IntervalTable& states, const AgentStateDays& days, const std::vector<Period>& periods) {
  const auto& edges = days.day_start;
  if (edges.empty() || periods.empty()) return Sum(states, periods);
  // Every period edge is a midnight of the days, or lies outside them (where no record reaches).
  auto on_edge = [&](int64_t at) { return at <= edges[0] || at >= edges.back() || std::binary_search(edges.begin(), edges.end(), at); };
  for (const Period& p : periods)
    if (!on_edge(p.start) || !on_edge(p.end)) return Sum(states, periods);
  // The period of each day, -1 outside them all.
  const size_t n_days = edges.size() - 1;
  std::vector<int32_t> period_of(n_days, -1);
  size_t hint = 0;
  for (size_t d = 0; d < n_days; ++d) {
    const size_t p = PeriodEndingAfter(periods, edges[d], hint);
    if (p < periods.size() && periods[p].start <= edges[d] && edges[d + 1] <= periods[p].end) period_of[d] = static_cast<int32_t>(p);
  }
  int32_t max_agent = -1;
  for (int32_t a : days.agent) max_agent = std::max(max_agent, a);
  const size_t agents = static_cast<size_t>(max_agent) + 2;  // agent id + 1, so that none (-1) is 0
  if (agents * periods.size() > (size_t{1} << 24)) return Sum(states, periods);
  auto out = std::make_unique<StateSeconds>();
  // Entries of (agent, day) come in the order the records first reach them, so the first one of
  // each (agent, period) comes in the order the records first reach that: Sum's order.
  std::vector<int32_t> slot(agents * periods.size(), -1);
  for (size_t i = 0; i < days.size(); ++i) {
    const int32_t p = period_of[days.day[i]];
    if (p < 0) continue;
    int32_t& e = slot[static_cast<size_t>(days.agent[i] + 1) * periods.size() + static_cast<size_t>(p)];
    if (e < 0) {
      e = static_cast<int32_t>(out->entries.size());
      out->entries.push_back({days.agent[i], static_cast<uint32_t>(p), {}});
    }
    auto& sums = out->entries[static_cast<size_t>(e)].seconds;
    for (size_t k = 0; k < kAgentStateCount; ++k) sums[k] += days.seconds[i * kAgentStateCount + k];
  }
  return out;
}

}  // namespace supportlens
