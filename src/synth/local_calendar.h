#pragma once
// LocalCalendar: the workspace's local days over the generated range (plus a margin), with the
// UTC instant of every local hour, weekdays, public holidays and the staffed hours in which
// human agents work. Local-to-UTC conversion is done once per hour through the tz database,
// so DST days have 23 or 25 hours and nothing else needs to know about time zones.
#include <cstdint>
#include <string>
#include <vector>

#include "supportlens/result.h"

namespace supportlens::synth {

class LocalCalendar {
 public:
  // Human agents work shifts inside [kStaffedOpenHour, kStaffedCloseHour) local on workdays.
  static constexpr int kStaffedOpenHour = 7;
  static constexpr int kStaffedCloseHour = 20;

  // first_unix_day: the first local date (days since 1970-01-01); `days` generated days.
  static Result<LocalCalendar> Create(const std::string& timezone, int64_t first_unix_day, int days);

  int days() const { return days_; }
  int table_days() const { return table_days_; }
  int64_t first_unix_day() const { return first_unix_day_; }
  // UTC seconds at local hour `hour` (0..24; 24 is the next midnight) of day index `day`
  // (0..table_days()-1). A skipped DST hour has the same start as the hour after it.
  int64_t HourStart(int day, int hour) const { return hour_starts_[static_cast<size_t>(day) * 24 + hour]; }
  int64_t DayStart(int day) const { return HourStart(day, 0); }
  // The end of the generated range: local midnight after the last day. Nothing is recorded after it.
  int64_t horizon() const { return DayStart(days_); }
  int Weekday(int day) const { return static_cast<int>((weekday0_ + day) % 7); }  // 0 = Monday
  bool IsHoliday(int day) const { return holiday_[static_cast<size_t>(day)]; }
  bool IsWorkday(int day) const { return Weekday(day) < 5 && !IsHoliday(day); }
  // Holidays inside the generated range, as days since 1970-01-01.
  std::vector<int64_t> HolidaysInRange() const;

  // Local day index and hour of a UTC instant; false when outside the table.
  bool Locate(int64_t t, int* day, int* hour) const;
  // Day index of a UTC instant, clamped into [0, table_days()).
  int DayOf(int64_t t) const;
  bool IsStaffed(int64_t t) const;
  // t when staffed; otherwise the next staffed opening (t itself when beyond the table).
  int64_t NextStaffed(int64_t t) const;

 private:
  LocalCalendar() = default;

  int days_ = 0;
  int table_days_ = 0;
  int64_t first_unix_day_ = 0;
  int weekday0_ = 0;
  std::vector<int64_t> hour_starts_;  // (table_days_ + 1) * 24 entries
  std::vector<bool> holiday_;
};

}  // namespace supportlens::synth
