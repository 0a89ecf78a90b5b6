#pragma once
// Agent schedules: one 8-hour shift per agent per working day (shifts.csv) and a contiguous,
// non-overlapping sequence of states covering each shift (agent_states.csv): cycles of
// available / handling / after_call_work, a lunch break, and occasional meetings and training.
#include <cstdint>
#include <vector>

#include "supportlens/status.h"
#include "synth/agent_roster.h"
#include "synth/csv_writer.h"
#include "synth/local_calendar.h"

namespace supportlens::synth {

struct ScheduleTotals {
  std::vector<int64_t> labor_cents_per_day;  // scheduled shift hours x hourly cost
};

// Writes the rows of both files (already opened with their headers) for every day of the range.
ScheduleTotals WriteSchedules(const AgentRoster& roster, const LocalCalendar& calendar, uint64_t seed,
                              CsvWriter& shifts, CsvWriter& states);

}  // namespace supportlens::synth
