#include "synth/agent_schedule.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "synth/distributions.h"

namespace supportlens::synth {
namespace {

struct Block {
  int64_t start;
  int64_t end;
  std::string_view state;
};

void EmitState(CsvWriter& states, const Agent& agent, std::string_view state, int64_t start, int64_t end) {
  if (end <= start) return;
  states.Raw(agent.id).Raw(state).Timestamp(start).Timestamp(end);
  states.EndRow();
}

// Fills [from, to) with work cycles; handling dominates so occupancy lands around 85 %.
void FillWork(Rng& rng, CsvWriter& states, const Agent& agent, int64_t from, int64_t to) {
  static constexpr std::array<std::string_view, 3> kCycle = {"available", "handling", "after_call_work"};
  static constexpr std::array<double, 3> kMedianSeconds = {420, 2100, 240};
  int phase = 0;
  int64_t t = from;
  while (t < to) {
    const auto length = std::max<int64_t>(60, std::llround(LogNormal(rng, kMedianSeconds[phase], 0.6)));
    const int64_t end = std::min(to, t + length);
    EmitState(states, agent, kCycle[phase], t, end);
    t = end;
    phase = (phase + 1) % 3;
  }
}

}  // namespace

ScheduleTotals WriteSchedules(const AgentRoster& roster, const LocalCalendar& calendar, uint64_t seed,
                              CsvWriter& shifts, CsvWriter& states) {
  ScheduleTotals totals;
  totals.labor_cents_per_day.assign(static_cast<size_t>(calendar.days()), 0);
  Rng rng(seed, 0x5C4ED);
  const auto& agents = roster.agents();
  std::vector<Block> blocks;
  for (int day = 0; day < calendar.days(); ++day) {
    for (size_t i = 0; i < agents.size(); ++i) {
      const Agent& agent = agents[i];
      if (!roster.Works(static_cast<int>(i), day)) continue;
      const int64_t start = calendar.HourStart(day, agent.shift_start_hour);
      const int64_t end = calendar.HourStart(day, agent.shift_start_hour + AgentRoster::kShiftHours);
      if (end <= start) continue;
      shifts.Raw(agent.id).Timestamp(start).Timestamp(end);
      shifts.EndRow();
      totals.labor_cents_per_day[static_cast<size_t>(day)] += (end - start) * agent.hourly_cost_cents / 3600;

      // Fixed blocks: lunch around the middle, short breaks before and after it, sometimes a
      // meeting in the morning and training in the afternoon.
      blocks.clear();
      const int64_t lunch = start + 4 * 3600 + rng.Between(-1800, 1800);
      if (rng.Chance(0.25)) {
        const int64_t m = start + rng.Between(3600, 2 * 3600);
        blocks.push_back({m, m + (rng.Chance(0.5) ? 1800 : 3600), "meeting"});
      }
      if (rng.Chance(0.7)) {  // a short morning break
        const int64_t b = start + rng.Between(2 * 3600 + 1800, 3 * 3600);
        if (blocks.empty() || b >= blocks.back().end) blocks.push_back({b, b + 900, "break"});
      }
      blocks.push_back({lunch, lunch + rng.Between(1800, 2700), "break"});
      if (rng.Chance(0.08)) {
        const int64_t tr = lunch + 1800 + rng.Between(1800, 2 * 3600);
        blocks.push_back({tr, std::min(end, tr + 3600), "training"});
      }
      if (rng.Chance(0.7)) {  // a short afternoon break
        const int64_t b = std::max(blocks.back().end + 1800, end - rng.Between(5400, 7200));
        if (b + 900 < end) blocks.push_back({b, b + 900, "break"});
      }
      int64_t cursor = start;
      for (const Block& b : blocks) {
        if (b.start < cursor || b.end > end) continue;
        FillWork(rng, states, agent, cursor, b.start);
        EmitState(states, agent, b.state, b.start, b.end);
        cursor = b.end;
      }
      FillWork(rng, states, agent, cursor, end);
    }
  }
  return totals;
}

}  // namespace supportlens::synth
