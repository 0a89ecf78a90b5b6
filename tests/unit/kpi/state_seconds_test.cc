// The shared agent-state sums slice records at period edges exactly as the per-record path does.
#include "kpi/state_seconds.h"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

namespace supportlens {
namespace {

// Appends an agent-state record to a table.
void AddState(IntervalTable& st, int32_t agent, AgentState s, int64_t start, int64_t end) {
  st.agent.push_back(agent);
  st.state.push_back(s);
  st.start.push_back(start);
  st.end.push_back(end);
}

TEST(StateSeconds, SlicesRecordsAtPeriodEdgesPerAgentPeriodAndState) {
  // Two periods [0, 100) and [100, 200).
  const std::vector<Period> periods = {{0, 100}, {100, 200}};
  IntervalTable st;
  auto add = [&](int32_t agent, AgentState s, int64_t start, int64_t end) { AddState(st, agent, s, start, end); };
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

// The sums start each record's slicing from the previous record's period when that is still the
// right one, else search: records in time order, out of order, before, across and after the
// periods must all give what slicing each record on its own gives.
TEST(StateSeconds, EqualsSlicingEachRecordOnItsOwnInAnyRecordOrder) {
  const std::vector<Period> periods = {{0, 100}, {100, 250}, {250, 260}, {260, 400}};
  IntervalTable st;
  auto add = [&](int32_t agent, AgentState s, int64_t start, int64_t end) { AddState(st, agent, s, start, end); };
  add(1, AgentState::kHandling, 10, 20);     // period 0
  add(1, AgentState::kAvailable, 20, 120);   // periods 0 and 1, in time order
  add(1, AgentState::kBreak, 255, 258);      // skips ahead to period 2
  add(2, AgentState::kHandling, 30, 40);     // back to period 0 (another agent's day)
  add(2, AgentState::kHandling, -50, 500);   // from before the first period to after the last
  add(2, AgentState::kMeeting, -50, -10);    // wholly before: nothing
  add(0, AgentState::kTraining, 400, 450);   // wholly after: nothing
  add(0, AgentState::kTraining, 399, 401);   // the last second of the last period
  add(1, AgentState::kAvailable, 100, 100);  // zero length: nothing
  auto sums = StateSeconds::Sum(st, periods);
  ASSERT_NE(sums, nullptr);
  // Each record on its own: seconds per (agent, period, state).
  std::map<std::tuple<int32_t, uint32_t, size_t>, int64_t> expected, got;
  for (size_t i = 0; i < st.size(); ++i)
    for (uint32_t p = 0; p < periods.size(); ++p) {
      const int64_t a = std::max(st.start[i], periods[p].start), b = std::min(st.end[i], periods[p].end);
      if (b > a) expected[{st.agent[i], p, static_cast<size_t>(st.state[i])}] += b - a;
    }
  for (const auto& e : sums->entries)
    for (size_t k = 0; k < kAgentStateCount; ++k)
      if (e.seconds[k] != 0) got[{e.agent, e.period, k}] = e.seconds[k];
  EXPECT_EQ(got, expected);
  // Spot checks of the above: agent 2 spans every period whole (100 + 150 + 10 + 140 s).
  EXPECT_EQ(got[std::make_tuple(2, 1u, static_cast<size_t>(AgentState::kHandling))], 150);
  EXPECT_EQ(got[std::make_tuple(2, 0u, static_cast<size_t>(AgentState::kHandling))], 100 + 10);
  EXPECT_EQ(got[std::make_tuple(0, 3u, static_cast<size_t>(AgentState::kTraining))], 1);
  // Entries in the order records first reach them: agent 1 in periods 0, 1, 2, then agent 2.
  ASSERT_GE(sums->entries.size(), 4u);
  EXPECT_EQ(sums->entries[2].agent, 1);
  EXPECT_EQ(sums->entries[2].period, 2u);
  EXPECT_EQ(sums->entries[3].agent, 2);
  EXPECT_EQ(sums->entries[3].period, 0u);
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
