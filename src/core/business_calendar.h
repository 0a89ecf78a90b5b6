#pragma once
// Business calendar: weekly opening hours per weekday (several ranges a day), holidays and
// a time zone. Compiled for a span into sorted UTC intervals with prefix sums, so that the
// business seconds between any two instants cost two binary searches (DST included, because
// every local range is converted to UTC on its own day).
#include <array>
#include <set>
#include <utility>
#include <vector>

#include "core/time_zone.h"

namespace supportlens {

struct OpeningRange {
  int begin_minute = 0;  // minutes after local midnight
  int end_minute = 0;    // exclusive; up to 24*60
};

struct WeeklyHours {
  bool always_open = true;                         // no [business_hours] section: 24/7
  std::array<std::vector<OpeningRange>, 7> days;   // index 0 = Monday (ISO)
  std::set<DayNumber> holidays;                    // local dates, closed all day
};

class BusinessCalendar {
 public:
  BusinessCalendar() = default;
  // Compiles the opening intervals that fall within [from, to] (UTC instants, padded by a day).
  BusinessCalendar(const WeeklyHours& hours, const TimeZone& zone, UnixSeconds from, UnixSeconds to);

  // Seconds of [a, b) that fall in opening hours; 0 when b <= a.
  int64_t BusinessSeconds(UnixSeconds a, UnixSeconds b) const;
  bool always_open() const { return always_open_; }

 private:
  int64_t Cumulative(UnixSeconds t) const;
  bool always_open_ = true;
  std::vector<std::pair<UnixSeconds, UnixSeconds>> intervals_;  // sorted, disjoint, UTC
  std::vector<int64_t> prefix_;                                  // seconds before interval i
};


}  // namespace supportlens
