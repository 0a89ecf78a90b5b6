#include "synth/cost_model.h"

#include <cmath>

#include "synth/civil_time.h"

namespace supportlens::synth {
namespace {

constexpr int64_t kSeatLicenseCents = 8900;    // per human agent and month
constexpr int64_t kFacilitiesCents = 32000;    // per human agent and month
constexpr int64_t kTrainingSeatCents = 4000;   // per human agent and month
constexpr int64_t kOnboardingCents = 180000;   // per new hire
constexpr int64_t kTelephonyBaseCents = 45000;
constexpr int64_t kChatBaseCents = 60000;
constexpr int64_t kSocialBaseCents = 20000;

int64_t Scaled(int64_t monthly_cents, double month_fraction) {
  return std::llround(static_cast<double>(monthly_cents) * month_fraction);
}

void Row(CsvWriter& w, int64_t first_day, int d0, int d1, int64_t cents, std::string_view category,
         std::string_view channel) {
  // period_end is inclusive (the last day the cost covers), as the engine reads it.
  w.Date(first_day + d0).Date(first_day + d1 - 1).Cents(cents).Raw(category);
  if (channel.empty()) {
    w.Empty();
  } else {
    w.Raw(channel);
  }
  w.EndRow();
}

}  // namespace

void WriteCosts(const LocalCalendar& calendar, const AgentRoster& roster, const DailyActivity& activity,
                CsvWriter& costs) {
  const int64_t first = calendar.first_unix_day();
  const int days = calendar.days();
  int d0 = 0;
  while (d0 < days) {
    const CivilDate start = CivilFromDays(first + d0);
    const int64_t month_first = DaysFromCivil(start.year, start.month, 1);
    const int64_t next_month = start.month == 12 ? DaysFromCivil(start.year + 1, 1, 1)
                                                 : DaysFromCivil(start.year, start.month + 1, 1);
    const int d1 = static_cast<int>(std::min<int64_t>(days, next_month - first));
    const double fraction = static_cast<double>(d1 - d0) / static_cast<double>(next_month - month_first);

    int64_t labor = 0, phone_seconds = 0, chats = 0, bot_conversations = 0;
    for (int d = d0; d < d1; ++d) {
      labor += activity.labor_cents[static_cast<size_t>(d)];
      phone_seconds += activity.phone_seconds[static_cast<size_t>(d)];
      chats += activity.chats[static_cast<size_t>(d)];
      bot_conversations += activity.bot_conversations[static_cast<size_t>(d)];
    }
    int64_t seats = 0, hires = 0;
    const int mid = (d0 + d1) / 2;
    for (size_t i = 0; i < roster.agents().size(); ++i) {
      const Agent& a = roster.agent(static_cast<int>(i));
      if (a.bot) continue;
      if (roster.IsActive(static_cast<int>(i), mid)) ++seats;
      if (a.hired_day >= d0 && a.hired_day < d1) ++hires;
    }
    Row(costs, first, d0, d1, labor, "labor", "");
    Row(costs, first, d0, d1, Scaled(seats * kSeatLicenseCents, fraction), "technology", "");
    Row(costs, first, d0, d1, Scaled(kTelephonyBaseCents, fraction) + phone_seconds * 3 / 10 / 6, "technology",
        "phone");  // 1.8 cents per minute
    Row(costs, first, d0, d1, Scaled(kChatBaseCents, fraction) + chats * 4 + bot_conversations * 12, "technology",
        "chat");
    Row(costs, first, d0, d1, Scaled(kSocialBaseCents, fraction), "technology", "social");
    Row(costs, first, d0, d1, Scaled(seats * kFacilitiesCents, fraction), "facilities", "");
    Row(costs, first, d0, d1, Scaled(seats * kTrainingSeatCents, fraction) + hires * kOnboardingCents, "training",
        "");
    Row(costs, first, d0, d1, labor * 12 / 100, "overhead", "");
    d0 = d1;
  }
}

}  // namespace supportlens::synth
