// The shared agent-state sums slice records at period edges exactly as the per-record path does.
#include "kpi/state_seconds.h"

#include <gtest/gtest.h>

namespace supportlens {
namespace {

TEST(StateSeconds, SlicesRecordsAtPeriodEdgesPerAgentPeriodAndState) {
  // Two periods [0, 100) and [100, 200).
  const std::vector<Period> periods = {{0, 100}, {100, 200}};
  IntervalTable st;
  auto add = [&](int32_t agent, AgentState s, int64_t start, int64_t end) {
    st.agent.push_back(agent);
    st.state.push_back(s);
    st.start.push_back(start);
    st.end.push_back(end);
  };
  add(3, AgentState::kHandling, 50, 150);    // 50 s in each period
  add(3, AgentState::kAvailable, 150, 260);  // 50 s in the second, the rest after the window
  add(-1, AgentState::kBreak, 10, 20);       // no agent: its own entry
  add(3, AgentState::kHandling, 100, 100);   // zero length: nothing
  add(0, AgentState::kLoggedOut, 200, 300);  // after the window: nothing
  auto sums = StateSeconds::Sum(st, periods);
  ASSERT_NE(sums, nullptr);
  ASSERT_EQ(sums->entries.size(), 3u);
  // First reached: agent 3 in period 0, then agent 3 in period 1, then no agent in period 0.
  EXPECT_EQ(sums->entries[0].agent, 3);
  EXPECT_EQ(sums->entries[0].period, 0u);
  EXPECT_EQ(sums->entries[0].Of(AgentState::kHandling), 50);
  EXPECT_EQ(sums->entries[1].period, 1u);
  EXPECT_EQ(sums->entries[1].Of(AgentState::kHandling), 50);
  EXPECT_EQ(sums->entries[1].Of(AgentState::kAvailable), 50);
  EXPECT_EQ(sums->entries[2].agent, -1);
  EXPECT_EQ(sums->entries[2].Of(AgentState::kBreak), 10);
  EXPECT_EQ(sums->entries[2].Of(AgentState::kHandling), 0);
}

TEST(StateSeconds, DeclinesWhenAgentsTimesPeriodsIsTooLarge) {
  // 35,040 quarter hours (a year) x 600 agents is more than the dense table takes.
  std::vector<Period> periods;
  for (int64_t p = 0; p < 35040; ++p) periods.push_back({p * 900, (p + 1) * 900});
  IntervalTable st;
  st.agent.push_back(599);
  st.state.push_back(AgentState::kHandling);
  st.start.push_back(0);
  st.end.push_back(900);
  EXPECT_EQ(StateSeconds::Sum(st, periods), nullptr);
}

}  // namespace
}  // namespace supportlens
