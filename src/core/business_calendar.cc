#include "core/business_calendar.h"

#include <algorithm>

namespace supportlens {

BusinessCalendar::BusinessCalendar(const WeeklyHours& hours, const TimeZone& zone, UnixSeconds from, UnixSeconds to)
    : always_open_(hours.always_open) {
  if (always_open_) return;
  DayNumber first = static_cast<DayNumber>(FloorDiv(zone.ToLocal(from), 86400)) - 1;
  DayNumber last = static_cast<DayNumber>(FloorDiv(zone.ToLocal(to), 86400)) + 1;
  for (DayNumber d = first; d <= last; ++d) {
    if (hours.holidays.count(d)) continue;
    for (const auto& r : hours.days[static_cast<size_t>(WeekdayFromDays(d))]) {
      UnixSeconds b = zone.ToUtc(int64_t{d} * 86400 + r.begin_minute * 60);
      UnixSeconds e = zone.ToUtc(int64_t{d} * 86400 + r.end_minute * 60);
      if (e <= b) continue;
      if (!intervals_.empty() && b <= intervals_.back().second) {
        intervals_.back().second = std::max(intervals_.back().second, e);  // touching ranges merge
      } else {
        intervals_.emplace_back(b, e);
      }
    }
  }
  prefix_.resize(intervals_.size() + 1, 0);
  for (size_t i = 0; i < intervals_.size(); ++i)
    prefix_[i + 1] = prefix_[i] + (intervals_[i].second - intervals_[i].first);
}

int64_t BusinessCalendar::Cumulative(UnixSeconds t) const {
  auto it = std::upper_bound(intervals_.begin(), intervals_.end(), t,
                             [](UnixSeconds v, const auto& iv) { return v < iv.first; });
  if (it == intervals_.begin()) return 0;
  size_t i = static_cast<size_t>(it - intervals_.begin()) - 1;
  return prefix_[i] + (std::min(t, intervals_[i].second) - intervals_[i].first);
}

int64_t BusinessCalendar::BusinessSeconds(UnixSeconds a, UnixSeconds b) const {
  if (b <= a) return 0;
  if (always_open_) return b - a;
  return Cumulative(b) - Cumulative(a);
}

}  // namespace supportlens
