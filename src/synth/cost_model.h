#pragma once
// Monthly support costs (costs.csv): labor from the scheduled shifts, technology (helpdesk
// seats, and per-channel telephony, chat/bot platform and social tooling), facilities,
// training (per seat and per new hire) and overhead. One row per category (and channel) per
// calendar month clipped to the range; period_end is inclusive (the last day of the period).
#include <cstdint>
#include <vector>

#include "synth/agent_roster.h"
#include "synth/csv_writer.h"
#include "synth/local_calendar.h"

namespace supportlens::synth {

struct DailyActivity {
  std::vector<int64_t> labor_cents;      // per day, from the schedule
  std::vector<int64_t> phone_seconds;    // talk + hold + after-call work
  std::vector<int64_t> chats;            // chat conversations created
  std::vector<int64_t> bot_conversations;
};

void WriteCosts(const LocalCalendar& calendar, const AgentRoster& roster, const DailyActivity& activity,
                CsvWriter& costs);

}  // namespace supportlens::synth
