#include "synth/local_calendar.h"

#include <date/tz.h>

#include <chrono>
#include <exception>

#include "synth/civil_time.h"

namespace supportlens::synth {
namespace {

// Extra days after the range so that instants just past the horizon can still be located.
constexpr int kMarginDays = 21;

// Gregorian Easter Sunday (anonymous Gregorian algorithm), as days since 1970-01-01.
int64_t EasterSunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

// A national-holiday calendar in the German style (the default zone is Europe/Berlin):
// fixed dates plus the Easter-dependent ones.
bool IsPublicHoliday(int64_t unix_day) {
  const CivilDate c = CivilFromDays(unix_day);
  if ((c.month == 1 && c.day == 1) || (c.month == 5 && c.day == 1) || (c.month == 10 && c.day == 3) ||
      (c.month == 12 && (c.day == 25 || c.day == 26))) {
    return true;
  }
  const int64_t easter = EasterSunday(c.year);
  const int64_t offset = unix_day - easter;
  return offset == -2 || offset == 1 || offset == 39 || offset == 50;
}

}  // namespace

Result<LocalCalendar> LocalCalendar::Create(const std::string& timezone, int64_t first_unix_day, int days) {
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(timezone);
  } catch (const std::exception& e) {
    return Status::InvalidArgument("unknown time zone \"" + timezone + "\": " + e.what());
  }
  LocalCalendar cal;
  cal.days_ = days;
  cal.table_days_ = days + kMarginDays;
  cal.first_unix_day_ = first_unix_day;
  cal.weekday0_ = WeekdayFromDays(first_unix_day);
  cal.hour_starts_.resize(static_cast<size_t>(cal.table_days_ + 1) * 24);
  cal.holiday_.resize(static_cast<size_t>(cal.table_days_ + 1));
  try {
    for (int d = 0; d <= cal.table_days_; ++d) {
      const date::local_days local_day{date::days{first_unix_day + d}};
      for (int h = 0; h < 24; ++h) {
        const auto sys = zone->to_sys(local_day + std::chrono::hours{h}, date::choose::earliest);
        cal.hour_starts_[static_cast<size_t>(d) * 24 + h] =
            std::chrono::duration_cast<std::chrono::seconds>(sys.time_since_epoch()).count();
      }
      cal.holiday_[static_cast<size_t>(d)] = IsPublicHoliday(first_unix_day + d);
    }
  } catch (const std::exception& e) {
    return Status::InvalidArgument("cannot convert local times in \"" + timezone + "\": " + e.what());
  }
  return cal;
}

std::vector<int64_t> LocalCalendar::HolidaysInRange() const {
  std::vector<int64_t> out;
  for (int d = 0; d < days_; ++d) {
    if (IsHoliday(d)) out.push_back(first_unix_day_ + d);
  }
  return out;
}

int LocalCalendar::DayOf(int64_t t) const {
  int64_t d = FloorDiv(t - hour_starts_[0], 86400);
  if (d < 0) return 0;
  if (d >= table_days_) return table_days_ - 1;
  auto day = static_cast<int>(d);
  while (day > 0 && t < DayStart(day)) --day;
  while (day + 1 < table_days_ && t >= DayStart(day + 1)) ++day;
  return day;
}

bool LocalCalendar::Locate(int64_t t, int* day, int* hour) const {
  if (t < hour_starts_[0] || t >= DayStart(table_days_)) return false;
  const int d = DayOf(t);
  int h = 23;
  while (h > 0 && HourStart(d, h) > t) --h;
  *day = d;
  *hour = h;
  return true;
}

bool LocalCalendar::IsStaffed(int64_t t) const {
  int d = 0, h = 0;
  if (!Locate(t, &d, &h)) return false;
  return IsWorkday(d) && h >= kStaffedOpenHour && h < kStaffedCloseHour;
}

int64_t LocalCalendar::NextStaffed(int64_t t) const {
  int d = 0, h = 0;
  if (!Locate(t, &d, &h)) return t;
  if (IsWorkday(d)) {
    if (h >= kStaffedOpenHour && h < kStaffedCloseHour) return t;
    if (h < kStaffedOpenHour) return HourStart(d, kStaffedOpenHour);
  }
  for (int next = d + 1; next < table_days_; ++next) {
    if (IsWorkday(next)) return HourStart(next, kStaffedOpenHour);
  }
  return t;
}

}  // namespace supportlens::synth
