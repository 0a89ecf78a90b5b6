#include "model/workspace_settings.h"

#include <fmt/format.h>

#include <algorithm>

#include <toml++/toml.h>

namespace supportlens {
namespace {

std::optional<int64_t> Lookup(const std::map<std::string, int64_t>& m, const std::string& priority,
                              const std::string& channel) {
  if (auto it = m.find(priority + "." + channel); it != m.end()) return it->second;
  if (auto it = m.find(priority); it != m.end()) return it->second;
  return std::nullopt;
}

Result<int> ParseClock(std::string_view s, bool allow_24) {
  if (s.size() != 5 || s[2] != ':' || !isdigit(s[0]) || !isdigit(s[1]) || !isdigit(s[3]) || !isdigit(s[4]))
    return Status::InvalidData(fmt::format("not a clock time (HH:MM): \"{}\"", s));
  int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_24)))
    return Status::InvalidData(fmt::format("not a clock time (HH:MM): \"{}\"", s));
  return h * 60 + m;
}

Status ParseRanges(std::string_view text, std::vector<OpeningRange>& out, const std::string& where) {
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t comma = text.find(',', pos);
    std::string_view part = text.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    size_t dash = part.find('-');
    if (dash == std::string_view::npos)
      return Status::InvalidData(fmt::format("{}: expected ranges like \"09:00-17:00\", got \"{}\"", where, text));
    auto b = ParseClock(part.substr(0, dash), false);
    auto e = ParseClock(part.substr(dash + 1), true);
    if (!b.ok()) return Status::InvalidData(where + ": " + b.status().message());
    if (!e.ok()) return Status::InvalidData(where + ": " + e.status().message());
    if (*e <= *b) return Status::InvalidData(fmt::format("{}: range \"{}\" ends before it starts", where, part));
    out.push_back({*b, *e});
    if (comma == std::string_view::npos) break;
    pos = comma + 1;
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.begin_minute < b.begin_minute; });
  for (size_t i = 1; i < out.size(); ++i)
    if (out[i].begin_minute < out[i - 1].end_minute)
      return Status::InvalidData(fmt::format("{}: ranges overlap in \"{}\"", where, text));
  return Status::Ok();
}

Status ReadSecondsTable(const toml::table* t, std::map<std::string, int64_t>& out, const std::string& where) {
  if (!t) return Status::Ok();
  for (auto&& [k, v] : *t) {
    auto n = v.value<double>();
    if (!n || *n < 0) return Status::InvalidData(fmt::format("{}.{}: expected a number of seconds", where, k.str()));
    out[std::string(k.str())] = static_cast<int64_t>(*n);
  }
  return Status::Ok();
}

}  // namespace

int64_t WorkspaceSettings::ServiceLevelSeconds(const std::string& channel) const {
  auto it = service_level_seconds.find(channel);
  return it == service_level_seconds.end() ? default_service_level_seconds : it->second;
}

std::optional<int64_t> WorkspaceSettings::SlaFirstReply(const std::string& p, const std::string& c) const {
  return Lookup(sla_first_reply_seconds, p, c);
}

std::optional<int64_t> WorkspaceSettings::SlaResolution(const std::string& p, const std::string& c) const {
  return Lookup(sla_resolution_seconds, p, c);
}

Result<WorkspaceSettings> ParseWorkspaceSettings(const std::string& text, const std::string& source) {
  WorkspaceSettings s;
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(source));
  } catch (const toml::parse_error& e) {
    return Status::InvalidData(fmt::format("{}:{}: {}", source, e.source().begin.line, e.description()));
  }
  if (auto tz = root["timezone"].value<std::string>()) {
    auto zone = TimeZone::Find(*tz);
    if (!zone.ok()) return Status::InvalidData(fmt::format("{}: timezone: {}", source, zone.status().message()));
    s.zone = *zone;
  }
  if (auto cur = root["currency"].value<std::string>()) s.currency = *cur;
  if (auto* bh = root["business_hours"].as_table()) {
    s.hours.always_open = false;
    static const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    for (auto&& [k, v] : *bh) {
      std::string key(k.str());
      if (key == "holidays") {
        auto* arr = v.as_array();
        if (!arr) return Status::InvalidData(fmt::format("{}: business_hours.holidays: expected a list of dates", source));
        for (auto& h : *arr) {
          auto str = h.value<std::string>();
          std::optional<DayNumber> day;
          if (str) {
            auto d = ParseDate(*str);
            if (d.ok()) day = *d;
          } else if (auto* td = h.as_date()) {
            day = static_cast<DayNumber>(DaysFromCivil(td->get().year, td->get().month, td->get().day));
          }
          if (!day) return Status::InvalidData(fmt::format("{}: business_hours.holidays: not a date (expected YYYY-MM-DD)", source));
          s.hours.holidays.insert(*day);
        }
        continue;
      }
      int idx = -1;
      for (int i = 0; i < 7; ++i)
        if (key == kDays[i]) idx = i;
      if (idx < 0) return Status::InvalidData(fmt::format("{}: business_hours.{}: unknown day (mon..sun or holidays)", source, key));
      auto str = v.value<std::string>();
      if (!str) return Status::InvalidData(fmt::format("{}: business_hours.{}: expected a string like \"09:00-17:00\"", source, key));
      SL_RETURN_IF_ERROR(ParseRanges(*str, s.hours.days[static_cast<size_t>(idx)], fmt::format("{}: business_hours.{}", source, key)));
    }
  }
  // Holidays may also stand at the top level of workspace.toml, outside [business_hours].
  if (auto* arr = root["holidays"].as_array()) {
    for (auto& h : *arr) {
      auto str = h.value<std::string>();
      auto d = str ? ParseDate(*str) : Result<DayNumber>(Status::InvalidData("x"));
      if (!d.ok()) return Status::InvalidData(fmt::format("{}: holidays: not a date (expected YYYY-MM-DD)", source));
      s.hours.holidays.insert(*d);
    }
  }
  if (auto* th = root["thresholds"].as_table()) {
    if (auto v = (*th)["short_abandon_seconds"].value<double>()) s.short_abandon_seconds = static_cast<int64_t>(*v);
    if (auto v = (*th)["repeat_contact_days"].value<double>()) s.repeat_contact_days = static_cast<int64_t>(*v);
    auto sl = (*th)["service_level_seconds"];
    if (auto v = sl.value<double>()) s.default_service_level_seconds = static_cast<int64_t>(*v);
    SL_RETURN_IF_ERROR(ReadSecondsTable(sl.as_table(), s.service_level_seconds, source + ": thresholds.service_level_seconds"));
    if (auto it = s.service_level_seconds.find("default"); it != s.service_level_seconds.end())
      s.default_service_level_seconds = it->second;
  }
  if (auto* sla = root["sla"].as_table()) {
    SL_RETURN_IF_ERROR(ReadSecondsTable((*sla)["first_reply_seconds"].as_table(), s.sla_first_reply_seconds, source + ": sla.first_reply_seconds"));
    SL_RETURN_IF_ERROR(ReadSecondsTable((*sla)["resolution_seconds"].as_table(), s.sla_resolution_seconds, source + ": sla.resolution_seconds"));
  }
  if (auto* def = root["definitions"].as_table()) {
    if (auto v = (*def)["first_reply_restarts_at_bot_handoff"].value<bool>()) s.first_reply_restarts_at_bot_handoff = *v;
    if (auto v = (*def)["attribution"].value<std::string>()) {
      if (*v != "assignee" && *v != "last_replier")
        return Status::InvalidData(fmt::format("{}: definitions.attribution: expected assignee or last_replier, got \"{}\"", source, *v));
      s.attribution = *v;
    }
  }
  return s;
}

}  // namespace supportlens
