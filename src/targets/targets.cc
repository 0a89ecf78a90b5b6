// Targets and their status (include/supportlens/targets.h, docs/targets.md).
#include "supportlens/targets.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "core/civil_date.h"
#include "core/iso_week.h"
#include "core/time_zone.h"
#include "engine/report_engine.h"
#include "supportlens/kpi_info.h"

namespace supportlens {
namespace {

// Channel targets of the field (docs/kpis.md, first_reply_time): chat about 2 minutes, email
// 1-2 hours (the upper end), social 1 hour, phone 3 rings (3 x 6 s, the North American ring cycle).
const std::map<std::string, std::map<std::string, double>>& ChannelDefaults() {
  static const std::map<std::string, std::map<std::string, double>> defaults = {
      {"first_reply_time", {{"chat", 120}, {"email", 7200}, {"social", 3600}, {"phone", 18}}}};
  return defaults;
}

Target FromRow(const SqliteStore::TargetRow& r) {
  Target t;
  t.id = r.id;
  t.kpi = r.kpi;
  t.scope_dim = r.scope_dim;
  t.scope_value = r.scope_value;
  t.op = r.op;
  t.value = r.value;
  t.upper = r.upper;
  t.deadline = r.deadline;
  t.warning_pct = r.warning_pct;
  return t;
}

bool Meets(const Target& t, double v) {
  if (t.op == ">=") return v >= t.value;
  if (t.op == "<=") return v <= t.value;
  return v >= t.value && v <= t.upper;
}

// Met, but within the warning margin of a bound it must not cross.
bool Close(const Target& t, double v) {
  auto near = [&](double bound) { return std::fabs(v - bound) <= std::fabs(bound) * t.warning_pct / 100; };
  if (t.op == ">=" || t.op == "<=") return near(t.value);
  return near(t.value) || near(t.upper);
}

std::string Describe(const Target& t) {
  if (t.op == "between") return fmt::format("{} .. {}", t.value, t.upper);
  return fmt::format("{} {}", t.op, t.value);
}

std::string Round2Text(double v) { return fmt::format("{}", std::round(v * 100) / 100); }

// The local date of an instant.
std::string LocalDate(int64_t utc, const TimeZone& zone) {
  OffsetTable offsets(zone, utc - 2 * 86400, utc + 2 * 86400);
  return FormatDate(FloorDiv(offsets.ToLocal(utc), 86400));
}


}  // namespace

namespace {

// The first and last instants a ticket or call arrived (not shifts or costs, which may reach
// further than the data).
Result<std::pair<int64_t, int64_t>> ArrivalSpan(const LoadedWorkspace& workspace) {
  const Dataset& d = workspace.data();
  int64_t first = std::numeric_limits<int64_t>::max(), last = std::numeric_limits<int64_t>::min();
  for (const auto* column : {&d.tickets.created_at, &d.calls.offered_at})
    for (int64_t t : *column) first = std::min(first, t), last = std::max(last, t);
  if (last == std::numeric_limits<int64_t>::min()) return Status::NotFound("no tickets or calls: give --from and --to");
  return std::pair{first, last};
}

}  // namespace

Result<std::string> DayAfterLastArrival(const LoadedWorkspace& workspace) {
  SL_ASSIGN_OR_RETURN(auto span, ArrivalSpan(workspace));
  SL_ASSIGN_OR_RETURN(DayNumber last, ParseDate(LocalDate(span.second, workspace.data().settings.zone)));
  return FormatDate(last + 1);
}

Result<std::string> FirstArrivalDay(const LoadedWorkspace& workspace) {
  SL_ASSIGN_OR_RETURN(auto span, ArrivalSpan(workspace));
  return LocalDate(span.first, workspace.data().settings.zone);
}

bool TargetCheck::any_breached() const {
  for (const auto& t : targets)
    if (t.status == "breached") return true;
  return false;
}

Result<Target> SetTarget(const std::string& db, const std::string& workspace, Target t) {
  const KpiInfo* kpi = FindKpi(t.kpi);
  if (!kpi) return Status::InvalidArgument(fmt::format("kpi: unknown KPI id \"{}\" (supportlens kpis lists them)", t.kpi));
  if (!kpi->unavailable_reason.empty() || kpi->direction == "none")
    return Status::InvalidArgument(fmt::format("kpi {}: has no value to hold against a target", t.kpi));
  if (!t.scope_dim.empty() && t.scope_dim != "channel" && t.scope_dim != "team" && t.scope_dim != "agent" && t.scope_dim != "queue")
    return Status::InvalidArgument(fmt::format("scope: expected channel, team, agent or queue, got \"{}\"", t.scope_dim));
  if (t.scope_dim.empty() != t.scope_value.empty()) return Status::InvalidArgument("scope: a dimension needs a value");
  if (t.op != ">=" && t.op != "<=" && t.op != "between") return Status::InvalidArgument("min, max: give a minimum, a maximum, or both for a band");
  if (!std::isfinite(t.value) || !std::isfinite(t.upper) || (t.op == "between" && t.upper < t.value))
    return Status::InvalidArgument("min, max: the minimum must not be above the maximum");
  if (!t.deadline.empty()) {
    auto d = ParseDate(t.deadline);
    if (!d.ok()) return Status::InvalidArgument(fmt::format("deadline: not a date YYYY-MM-DD: \"{}\"", t.deadline));
  }
  if (!(t.warning_pct >= 0 && t.warning_pct <= 100)) return Status::InvalidArgument("warning_pct: expected a percentage from 0 to 100");
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, true));
  SqliteStore::TargetRow r{0, workspace, t.kpi, t.scope_dim, t.scope_value, t.op, t.value, t.upper, t.deadline, t.warning_pct, ""};
  SL_ASSIGN_OR_RETURN(t.id, store->SaveTarget(r));
  t.is_default = false;
  return t;
}

Result<bool> DeleteTarget(const std::string& db, const std::string& workspace, int64_t id) {
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, false));
  return store->DeleteWorkspaceRow("targets", workspace, id);
}

Result<std::vector<Target>> ListTargets(const std::string& db, const std::string& workspace, bool with_defaults) {
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, false));
  SL_ASSIGN_OR_RETURN(auto rows, store->ListTargets(workspace));
  std::vector<Target> out;
  std::map<std::pair<std::string, std::string>, bool> set;  // (kpi, scope) already targeted
  for (const auto& r : rows) {
    out.push_back(FromRow(r));
    set[{r.kpi, r.scope_dim + "=" + r.scope_value}] = true;
  }
  if (!with_defaults) return out;
  for (const KpiInfo& k : KpiCatalog()) {
    if (!k.target || !k.unavailable_reason.empty()) continue;
    auto add = [&](const std::string& dim, const std::string& value, double bound) {
      if (set.count({k.id, dim + "=" + value})) return;
      Target t;
      t.kpi = k.id;
      t.scope_dim = dim;
      t.scope_value = value;
      t.op = k.target->op;
      t.value = bound;
      t.upper = k.target->upper;
      t.is_default = true;
      out.push_back(std::move(t));
    };
    add("", "", k.target->value);
    if (auto c = ChannelDefaults().find(k.id); c != ChannelDefaults().end())
      for (const auto& [channel, bound] : c->second) add("channel", channel, bound);
  }
  return out;
}

Result<TargetCheck> CheckTargets(const std::string& db, const std::string& workspace, const std::string& from,
                                 const std::string& to, bool only_set) {
  SL_ASSIGN_OR_RETURN(std::vector<Target> targets, ListTargets(db, workspace, !only_set));
  SL_ASSIGN_OR_RETURN(auto loaded, OpenLoadedWorkspace(db, workspace));
  return CheckTargets(*loaded, targets, from, to);
}

Result<TargetCheck> CheckTargets(const LoadedWorkspace& workspace, const std::vector<Target>& targets, const std::string& from_arg,
                                 const std::string& to_arg) {
  const LoadedWorkspace* loaded = &workspace;
  const Dataset& d = loaded->data();
  TargetCheck check;
  check.timezone = d.settings.zone.name();
  check.to = to_arg;
  check.from = from_arg;
  // By default the 28 days up to the last day with data, so that a check of an export is about its data.
  if (check.to.empty()) {
    SL_ASSIGN_OR_RETURN(check.to, DayAfterLastArrival(*loaded));
  }
  if (check.from.empty()) {
    SL_ASSIGN_OR_RETURN(DayNumber to_day, ParseDate(check.to));
    check.from = FormatDate(to_day - 28);
  }
  SL_ASSIGN_OR_RETURN(DayNumber from_day, ParseDate(check.from));
  SL_ASSIGN_OR_RETURN(DayNumber to_day, ParseDate(check.to));
  if (to_day <= from_day) return Status::InvalidArgument("--to must be after --from");

  for (const Target& t : targets) {
    TargetStatus s;
    s.target = t;
    Query q;
    q.from = check.from;
    q.to = check.to;
    q.kpis = {t.kpi};
    if (!t.scope_dim.empty()) q.filters = {{t.scope_dim, t.scope_value}};
    SL_ASSIGN_OR_RETURN(Report report, loaded->Run(q));
    const KpiValue& v = report.rows.at(0).kpis.at(0);
    s.actual = v.value;
    s.n = v.n;
    if (!v.value) {
      s.status = "no_data";
      s.reason = v.reason.empty() ? "no data in the window" : v.reason;
      check.targets.push_back(std::move(s));
      continue;
    }
    const double actual = *v.value;
    const bool met = Meets(t, actual);
    // Before a deadline the question is where the trend leads: the least-squares line through the
    // weekly values, extended to the deadline.
    std::optional<DayNumber> deadline;
    if (!t.deadline.empty()) {
      SL_ASSIGN_OR_RETURN(DayNumber dl, ParseDate(t.deadline));
      if (dl >= to_day) deadline = dl;
    }
    if (deadline) {
      Query weekly = q;
      weekly.by = {"week"};
      SL_ASSIGN_OR_RETURN(Report series, loaded->Run(weekly));
      std::vector<std::pair<double, double>> points;  // (weeks since the window's start, value)
      for (const ReportRow& row : series.rows) {
        const auto& kv = row.kpis.at(0);
        if (!kv.value || !row.group.at(0).second) continue;
        auto week_start = IsoWeekMonday(*row.group.at(0).second);
        if (!week_start) continue;
        points.push_back({static_cast<double>(*week_start + 3 - from_day) / 7.0, *kv.value});  // mid-week
      }
      if (points.size() >= 3) {
        double mx = 0, my = 0;
        for (auto [x, y] : points) mx += x, my += y;
        mx /= static_cast<double>(points.size());
        my /= static_cast<double>(points.size());
        double sxy = 0, sxx = 0;
        for (auto [x, y] : points) sxy += (x - mx) * (y - my), sxx += (x - mx) * (x - mx);
        const double slope = sxx > 0 ? sxy / sxx : 0;
        const double at = static_cast<double>(*deadline - from_day) / 7.0;
        // A straight line leaves the KPI's range sooner or later: no time below zero, no share above 100 %.
        double projected = my + slope * (at - mx);
        const KpiInfo* info = FindKpi(t.kpi);
        const std::string unit = info ? info->unit : "";
        if (unit == "percent") projected = std::clamp(projected, 0.0, 100.0);
        else if (unit == "nps") projected = std::clamp(projected, -100.0, 100.0);
        else if (unit == "seconds" || unit == "count" || unit == "currency" || unit == "per_hour") projected = std::max(projected, 0.0);
        s.projected = std::round(projected * 100) / 100;
      }
    }
    if (deadline && s.projected) {
      const bool will_meet = Meets(t, *s.projected);
      s.status = will_meet ? "on_track" : "at_risk";
      s.reason = fmt::format("{} now ({}); the weekly trend reaches {} by {}: {}", Round2Text(actual), met ? "met" : "not met yet",
                             Round2Text(*s.projected), t.deadline, will_meet ? "within the target" : "short of it");
    } else if (deadline) {
      s.status = met ? "on_track" : "at_risk";
      s.reason = fmt::format("{} now; fewer than three weeks with data: no trend to project to {}", Round2Text(actual), t.deadline);
    } else if (!met) {
      s.status = "breached";
      s.reason = fmt::format("{} against {}", Round2Text(actual), Describe(t));
    } else if (Close(t, actual)) {
      s.status = "at_risk";
      s.reason = fmt::format("{} is within {}% of the bound {}", Round2Text(actual), t.warning_pct, Describe(t));
    } else {
      s.status = "on_track";
      s.reason = fmt::format("{} against {}", Round2Text(actual), Describe(t));
    }
    check.targets.push_back(std::move(s));
  }
  return check;
}

Result<Target> TargetFromJson(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument("the body must be a JSON object {\"kpi\": ..., \"min\" or \"max\": ...}");
  Target t;
  if (!j.contains("kpi") || !j["kpi"].is_string()) return Status::InvalidArgument("kpi: required, a KPI id");
  t.kpi = j["kpi"].get<std::string>();
  if (j.contains("scope") && !j["scope"].is_null()) {
    if (!j["scope"].is_object() || j["scope"].size() != 1 || !j["scope"].begin().value().is_string())
      return Status::InvalidArgument("scope: expected one dimension and value, e.g. {\"channel\": \"chat\"}");
    t.scope_dim = j["scope"].begin().key();
    t.scope_value = j["scope"].begin().value().get<std::string>();
  }
  auto number = [&](const char* key) -> Result<std::optional<double>> {
    if (!j.contains(key) || j[key].is_null()) return std::optional<double>();
    if (!j[key].is_number()) return Status::InvalidArgument(fmt::format("{}: expected a number", key));
    return std::optional<double>(j[key].get<double>());
  };
  SL_ASSIGN_OR_RETURN(auto min, number("min"));
  SL_ASSIGN_OR_RETURN(auto max, number("max"));
  SL_ASSIGN_OR_RETURN(auto warning, number("warning_pct"));
  if (min && max) t.op = "between", t.value = *min, t.upper = *max;
  else if (min) t.op = ">=", t.value = *min;
  else if (max) t.op = "<=", t.value = *max;
  if (warning) t.warning_pct = *warning;
  if (j.contains("deadline") && !j["deadline"].is_null()) {
    if (!j["deadline"].is_string()) return Status::InvalidArgument("deadline: expected a date YYYY-MM-DD");
    t.deadline = j["deadline"].get<std::string>();
  }
  return t;
}

std::string TargetJson(const Target& t) {
  nlohmann::json j = nlohmann::json::parse(RenderTargets({t}, "json"))["targets"][0];
  return j.dump();
}

std::string RenderTargets(const std::vector<Target>& targets, const std::string& format) {
  auto scope = [](const Target& t) { return t.scope_dim.empty() ? std::string("all") : t.scope_dim + "=" + t.scope_value; };
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& t : targets) {
      nlohmann::json j = {{"kpi", t.kpi}, {"scope", t.scope_dim.empty() ? nlohmann::json() : nlohmann::json{{t.scope_dim, t.scope_value}}},
                          {"op", t.op}, {"value", t.value}, {"deadline", t.deadline.empty() ? nlohmann::json() : nlohmann::json(t.deadline)},
                          {"warning_pct", t.warning_pct}, {"source", t.is_default ? "catalog" : "set"}};
      if (t.op == "between") j["upper"] = t.upper;
      if (!t.is_default) j["id"] = t.id;
      list.push_back(std::move(j));
    }
    return nlohmann::json{{"targets", list}}.dump() + "\n";
  }
  std::string out = fmt::format("{:>4}  {:<26} {:<22} {:<18} {:<10} {}\n", "id", "kpi", "scope", "target", "deadline", "source");
  for (const auto& t : targets)
    out += fmt::format("{:>4}  {:<26} {:<22} {:<18} {:<10} {}\n", t.is_default ? std::string("-") : std::to_string(t.id), t.kpi, scope(t),
                       Describe(t), t.deadline.empty() ? "-" : t.deadline, t.is_default ? "catalog" : "set");
  return out;
}

std::string RenderTargetCheck(const TargetCheck& c, const std::string& format) {
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : c.targets) {
      const Target& t = s.target;
      nlohmann::json j = {{"kpi", t.kpi},
                          {"scope", t.scope_dim.empty() ? nlohmann::json() : nlohmann::json{{t.scope_dim, t.scope_value}}},
                          {"target", Describe(t)},
                          {"actual", s.actual ? nlohmann::json(*s.actual) : nlohmann::json()},
                          {"n", s.n},
                          {"status", s.status},
                          {"projected", s.projected ? nlohmann::json(*s.projected) : nlohmann::json()},
                          {"deadline", t.deadline.empty() ? nlohmann::json() : nlohmann::json(t.deadline)},
                          {"source", t.is_default ? "catalog" : "set"},
                          {"reason", s.reason}};
      list.push_back(std::move(j));
    }
    return nlohmann::json{{"from", c.from}, {"to", c.to}, {"timezone", c.timezone}, {"breached", c.any_breached()}, {"targets", list}}.dump() +
           "\n";
  }
  std::string out = fmt::format("Targets {} .. {} ({})\n", c.from, c.to, c.timezone);
  out += fmt::format("{:<10} {:<26} {:<20} {:<16} {:>12} {:>6}  {}\n", "status", "kpi", "scope", "target", "actual", "n", "why");
  for (const auto& s : c.targets) {
    const Target& t = s.target;
    out += fmt::format("{:<10} {:<26} {:<20} {:<16} {:>12} {:>6}  {}\n", s.status, t.kpi,
                       t.scope_dim.empty() ? std::string("all") : t.scope_dim + "=" + t.scope_value, Describe(t),
                       s.actual ? Round2Text(*s.actual) : std::string("null"), s.n, s.reason);
  }
  return out;
}

}  // namespace supportlens
