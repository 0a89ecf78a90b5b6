#pragma once
// ISO 8601 week labels ("2026-W05"): weeks start on Monday and belong to the year of their
// Thursday. The engine's `by week` groups and the weekly analyses share these.
#include <fmt/format.h>

#include <cstdio>
#include <optional>
#include <string>

#include "core/civil_date.h"
#include "core/time_zone.h"

namespace supportlens {

// The label of the week that starts on `monday`.
inline std::string IsoWeekLabel(DayNumber monday) {
  const DayNumber thursday = static_cast<DayNumber>(monday + 3);
  const int year = CivilFromDays(thursday).year;
  return fmt::format("{}-W{:02}", year, (thursday - DaysFromCivil(year, 1, 1)) / 7 + 1);
}

// The Monday of a label (nullopt when it is not one).
inline std::optional<DayNumber> IsoWeekMonday(const std::string& label) {
  int year = 0, week = 0;
  if (std::sscanf(label.c_str(), "%d-W%d", &year, &week) != 2 || week < 1 || week > 53) return std::nullopt;
  const int64_t jan4 = DaysFromCivil(year, 1, 4);
  return static_cast<DayNumber>(jan4 - WeekdayFromDays(jan4) + (week - 1) * 7);
}

// The Monday on or before `day`.
inline DayNumber MondayOf(DayNumber day) { return static_cast<DayNumber>(day - WeekdayFromDays(day)); }

}  // namespace supportlens
