// The shared agent-state sums slice records at period edges exactly as the per-record path does.
#include "engine/state_seconds.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "core/civil_date.h"

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

namespace supportlens {
namespace {

bool SameEntries(const StateSeconds& a, const StateSeconds& b) {
  if (a.entries.size() != b.entries.size()) return false;
  for (size_t i = 0; i < a.entries.size(); ++i)
    if (a.entries[i].agent != b.entries[i].agent || a.entries[i].period != b.entries[i].period || a.entries[i].seconds != b.entries[i].seconds)
      return false;
  return true;
}

// The per-day sums give a report's sums, entries in the same order, whenever its periods are whole
// local days, across a change to summer time; other periods are summed from the records.
TEST(StateSeconds, PerDaySumsGiveTheSumsOfPeriodsMadeOfWholeDays) {
  const TimeZone zone = *TimeZone::Find("Europe/Berlin");  // summer time from 2026-03-29 02:00
  auto midnight = [&](int y, unsigned m, unsigned d) { return zone.ToUtc(int64_t{DaysFromCivil(y, m, d)} * 86400); };
  // Records from 2026-03-20 to about 2026-04-12, out of time order, many across midnight, some of
  // no agent, of zero length, or up to 30 hours long.
  IntervalTable st;
  uint64_t x = 12345;
  auto next = [&](uint64_t bound) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return (x >> 33) % bound;
  };
  const int64_t from = midnight(2026, 3, 20);
  for (int i = 0; i < 4000; ++i) {
    const int64_t start = from + static_cast<int64_t>(next(23 * 86400));
    const int64_t length = i % 50 == 0 ? 0 : static_cast<int64_t>(next(i % 10 == 0 ? 30 * 3600 : 3 * 3600));
    AddState(st, static_cast<int32_t>(next(7)) - 1, static_cast<AgentState>(next(kAgentStateCount)), start, start + length);
  }
  const AgentStateDays days = FoldAgentStateDays(st, zone);
  ASSERT_FALSE(days.day_start.empty());
  EXPECT_EQ(days.day_start[0], from);  // the local midnight before the first record
  // A day of 23 hours where the clocks go forward.
  const auto& edges = days.day_start;
  const size_t d29 = static_cast<size_t>(std::find(edges.begin(), edges.end(), midnight(2026, 3, 29)) - edges.begin());
  ASSERT_LT(d29 + 1, edges.size());
  EXPECT_EQ(edges[d29 + 1] - edges[d29], 23 * 3600);

  auto day_periods = [&](int64_t first, int64_t last, int step) {
    std::vector<Period> ps;
    for (int64_t day = first; day < last; day += step)
      ps.push_back({zone.ToUtc(day * 86400), zone.ToUtc(std::min(day + step, last) * 86400)});
    return ps;
  };
  const int64_t mar22 = DaysFromCivil(2026, 3, 22), apr5 = DaysFromCivil(2026, 4, 5);
  const std::vector<std::vector<Period>> whole_days = {
      {{midnight(2026, 3, 22), midnight(2026, 4, 5)}},          // a window
      day_periods(mar22, apr5, 1),                              // days
      day_periods(mar22, apr5, 7),                              // weeks
      {{midnight(2026, 3, 1), midnight(2026, 5, 1)}},           // wider than the records
      {{midnight(2026, 4, 1), midnight(2026, 4, 2)}, {midnight(2026, 4, 2), midnight(2026, 4, 10)}},
  };
  for (size_t i = 0; i < whole_days.size(); ++i) {
    auto from_records = StateSeconds::Sum(st, whole_days[i]);
    auto from_days = StateSeconds::Sum(st, days, whole_days[i]);
    // Given no records at all, only the per-day sums can give the figures.
    auto days_alone = StateSeconds::Sum(IntervalTable(), days, whole_days[i]);
    ASSERT_TRUE(from_records && from_days && days_alone);
    EXPECT_FALSE(from_records->entries.empty()) << "periods " << i;
    EXPECT_TRUE(SameEntries(*from_records, *from_days)) << "periods " << i;
    EXPECT_TRUE(SameEntries(*from_records, *days_alone)) << "periods " << i;
  }
  // Hours, and a period from noon: not whole days, so the records are sliced.
  std::vector<Period> hours;
  for (int64_t at = midnight(2026, 3, 28); at < midnight(2026, 3, 31); at += 3600) hours.push_back({at, at + 3600});
  const std::vector<std::vector<Period>> other = {hours, {{midnight(2026, 3, 25) + 12 * 3600, midnight(2026, 4, 1)}}};
  for (size_t i = 0; i < other.size(); ++i) {
    auto from_records = StateSeconds::Sum(st, other[i]);
    auto from_days = StateSeconds::Sum(st, days, other[i]);
    ASSERT_TRUE(from_records && from_days);
    EXPECT_FALSE(from_records->entries.empty());
    EXPECT_TRUE(SameEntries(*from_records, *from_days)) << "periods " << i;
    EXPECT_TRUE(StateSeconds::Sum(IntervalTable(), days, other[i])->entries.empty()) << "periods " << i;
  }
  // No records: no days, and the sums come from the (empty) records.
  EXPECT_TRUE(FoldAgentStateDays(IntervalTable(), zone).day_start.empty());
}

}  // namespace
}  // namespace supportlens
