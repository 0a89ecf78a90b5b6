#pragma once
// IANA time zones (Howard Hinnant's date/tz over the system tz database) and the
// timestamp/date parsing every input goes through. Instants are UTC unix seconds.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_date.h"
#include "supportlens/result.h"

namespace date { class time_zone; }

namespace supportlens {

using UnixSeconds = int64_t;
using DayNumber = int32_t;  // days since 1970-01-01

class TimeZone {
 public:
  static Result<TimeZone> Find(const std::string& name);
  static TimeZone Utc();

  const std::string& name() const { return name_; }
  // Local wall-clock seconds (as if the local clock were UTC) for an instant.
  int64_t ToLocal(UnixSeconds utc) const;
  // The instant of a local wall-clock time. In a DST gap the time is moved forward by the gap;
  // in an overlap the earlier instant is used.
  UnixSeconds ToUtc(int64_t local) const;

 private:
  std::string name_;
  const date::time_zone* zone_ = nullptr;  // null: UTC
};

// A precomputed list of UTC offsets for fast repeated conversion over a span (the engine's
// bucketing converts millions of instants).
class OffsetTable {
 public:
  OffsetTable() = default;
  OffsetTable(const TimeZone& zone, UnixSeconds from, UnixSeconds to);
  int64_t ToLocal(UnixSeconds utc) const;

 private:
  std::vector<UnixSeconds> begins_;
  std::vector<int32_t> offsets_;
  mutable size_t last_ = 0;  // the segment of the previous lookup: consecutive instants mostly share it
  const TimeZone* zone_ = nullptr;
  UnixSeconds from_ = 0, to_ = 0;
};

// Parses ISO 8601 "YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|+HH:MM|+HHMM|+HH]"; without an offset the
// time is read in `zone`. Fractions of a second are truncated.
Result<UnixSeconds> ParseTimestamp(std::string_view text, const TimeZone& zone);
Result<DayNumber> ParseDate(std::string_view text);
std::string FormatTimestampUtc(UnixSeconds t);  // 2026-03-02T09:15:00Z
UnixSeconds NowUnixSeconds();                   // the system clock, whole seconds
std::string FormatDate(DayNumber d);            // 2026-03-02


}  // namespace supportlens
