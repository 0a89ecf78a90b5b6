#include "core/time_zone.h"

#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <fmt/format.h>

namespace supportlens {

Result<TimeZone> TimeZone::Find(const std::string& name) {
  TimeZone tz;
  tz.name_ = name;
  if (name == "UTC" || name == "Etc/UTC") return tz;
  try {
    tz.zone_ = date::locate_zone(name);
  } catch (const std::exception&) {
    return Status::InvalidArgument(fmt::format("unknown time zone \"{}\" (expected an IANA name such as Europe/Berlin)", name));
  }
  return tz;
}

TimeZone TimeZone::Utc() {
  TimeZone tz;
  tz.name_ = "UTC";
  return tz;
}

int64_t TimeZone::ToLocal(UnixSeconds utc) const {
  if (!zone_) return utc;
  auto info = zone_->get_info(date::sys_seconds{std::chrono::seconds{utc}});
  return utc + info.offset.count();
}

UnixSeconds TimeZone::ToUtc(int64_t local) const {
  if (!zone_) return local;
  date::local_seconds ls{std::chrono::seconds{local}};
  auto info = zone_->get_info(ls);
  switch (info.result) {
    case date::local_info::unique:
      return local - info.first.offset.count();
    case date::local_info::ambiguous:
      return local - info.first.offset.count();  // earlier instant
    case date::local_info::nonexistent:
      // The wall clock skipped this time: the first instant after the gap.
      return info.second.begin.time_since_epoch().count();
  }
  return local;
}

OffsetTable::OffsetTable(const TimeZone& zone, UnixSeconds from, UnixSeconds to)
    : zone_(&zone), from_(from), to_(to) {
  // Walk the zone's transitions across [from, to] once.
  UnixSeconds t = from;
  for (int guard = 0; guard < 100000; ++guard) {
    int64_t off = zone.ToLocal(t) - t;
    begins_.push_back(t);
    offsets_.push_back(static_cast<int32_t>(off));
    if (t >= to) break;
    // Find the next change by probing day by day, then bisecting.
    UnixSeconds lo = t, hi = t;
    bool changed = false;
    while (hi < to) {
      hi = std::min<UnixSeconds>(hi + 86400 * 7, to);
      if (zone.ToLocal(hi) - hi != off) { changed = true; break; }
      lo = hi;
    }
    if (!changed) break;
    while (hi - lo > 1) {
      UnixSeconds mid = lo + (hi - lo) / 2;
      if (zone.ToLocal(mid) - mid != off) hi = mid; else lo = mid;
    }
    t = hi;
  }
}

int64_t OffsetTable::ToLocal(UnixSeconds utc) const {
  if (utc < from_ || utc > to_ || begins_.empty()) return zone_ ? zone_->ToLocal(utc) : utc;
  size_t i = last_;
  if (!(begins_[i] <= utc && (i + 1 == begins_.size() || utc < begins_[i + 1]))) {
    auto it = std::upper_bound(begins_.begin(), begins_.end(), utc);
    i = static_cast<size_t>(it - begins_.begin()) - 1;
    last_ = i;
  }
  return utc + offsets_[i];
}

namespace {

bool ReadDigits(std::string_view s, size_t& pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  out = v;
  return true;
}

unsigned DaysInMonth(int y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

bool ParseCivilDate(std::string_view s, size_t& pos, DayNumber& out) {
  int y, mo, d;
  if (!ReadDigits(s, pos, 4, y) || pos >= s.size() || s[pos++] != '-' || !ReadDigits(s, pos, 2, mo) ||
      pos >= s.size() || s[pos++] != '-' || !ReadDigits(s, pos, 2, d))
    return false;
  if (mo < 1 || mo > 12 || d < 1 || static_cast<unsigned>(d) > DaysInMonth(y, static_cast<unsigned>(mo))) return false;
  out = static_cast<DayNumber>(DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)));
  return true;
}

}  // namespace

Result<DayNumber> ParseDate(std::string_view text) {
  size_t pos = 0;
  DayNumber d;
  if (!ParseCivilDate(text, pos, d) || pos != text.size())
    return Status::InvalidData(fmt::format("not a date (expected YYYY-MM-DD): \"{}\"", text));
  return d;
}

Result<UnixSeconds> ParseTimestamp(std::string_view s, const TimeZone& zone) {
  auto bad = [&] { return Status::InvalidData(fmt::format("not a timestamp: \"{}\"", s)); };
  size_t pos = 0;
  DayNumber day;
  if (!ParseCivilDate(s, pos, day)) return bad();
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) return bad();
  ++pos;
  int hh, mm, ss = 0;
  if (!ReadDigits(s, pos, 2, hh) || pos >= s.size() || s[pos++] != ':' || !ReadDigits(s, pos, 2, mm)) return bad();
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!ReadDigits(s, pos, 2, ss)) return bad();
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      size_t start = pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start) return bad();
    }
  }
  if (hh > 24 || mm > 59 || ss > 60 || (hh == 24 && (mm != 0 || ss != 0))) return bad();
  if (ss == 60) ss = 59;  // leap second: clamp, unix time has none
  int64_t local = int64_t{day} * 86400 + hh * 3600 + mm * 60 + ss;
  if (pos == s.size()) return zone.ToUtc(local);
  char c = s[pos];
  if ((c == 'Z' || c == 'z') && pos + 1 == s.size()) return local;
  if (c != '+' && c != '-') return bad();
  ++pos;
  int oh, om = 0;
  if (!ReadDigits(s, pos, 2, oh)) return bad();
  if (pos < s.size() && s[pos] == ':') ++pos;
  if (pos < s.size() && !ReadDigits(s, pos, 2, om)) return bad();
  if (pos != s.size() || oh > 18 || om > 59) return bad();
  int64_t offset = (oh * 3600 + om * 60) * (c == '+' ? 1 : -1);
  return local - offset;
}

std::string FormatTimestampUtc(UnixSeconds t) {
  int64_t day = FloorDiv(t, 86400);
  int64_t sod = t - day * 86400;
  CivilDate c = CivilFromDays(day);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.year, c.month, c.day, sod / 3600, (sod / 60) % 60, sod % 60);
}

std::string FormatDate(DayNumber day) {
  CivilDate c = CivilFromDays(day);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

UnixSeconds NowUnixSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace supportlens
