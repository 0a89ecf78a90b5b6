#include "kpi/state_seconds.h"

#include <algorithm>

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

}  // namespace supportlens
