#pragma once
// VolumePlan: how many tickets are created in each local hour of the range. Weekday business
// hours are busy, nights and weekends quiet, holidays like Sundays, with a mild upward trend
// and day-to-day noise; counts are apportioned exactly (largest remainder) so their total is
// the requested number of tickets.
#include <cstdint>
#include <vector>

#include "synth/local_calendar.h"
#include "synth/random.h"

namespace supportlens::synth {

// One entry per (day, local hour), index day * 24 + hour.
std::vector<int64_t> PlanHourlyVolume(const LocalCalendar& calendar, Rng& rng, int64_t tickets);

}  // namespace supportlens::synth
