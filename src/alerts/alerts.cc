// Alert rules, their evaluation, the alert history and delivery (include/supportlens/alerts.h,
// docs/alerts.md).
#include "supportlens/alerts.h"

#include <fmt/format.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/civil_date.h"
#include "core/time_zone.h"
#include "engine/report_engine.h"
#include "supportlens/kpi_info.h"
#include "supportlens/targets.h"

namespace supportlens {
namespace {

using V = SqliteStore::SqlValue;

std::string Scope(const std::string& dim, const std::string& value) { return dim.empty() ? "" : dim + "=" + value; }
std::string Num(double v) { return fmt::format("{}", std::round(v * 100) / 100); }

std::string NowUtc() { return FormatTimestampUtc(NowUnixSeconds()); }

// What one rule or target says about the latest data: firing or not, or nothing (no data).
struct Verdict {
  std::string rule, kpi, scope;
  bool firing = false;
  std::optional<double> value;
  std::string message;
};

Result<std::optional<double>> KpiOver(const LoadedWorkspace& ws, const std::string& kpi, const std::string& dim, const std::string& value,
                                      DayNumber from, DayNumber to) {
  Query q;
  q.from = FormatDate(from);
  q.to = FormatDate(to);
  q.kpis = {kpi};
  if (!dim.empty()) q.filters = {{dim, value}};
  SL_ASSIGN_OR_RETURN(Report r, ws.Run(q));
  return r.rows.at(0).kpis.at(0).value;
}

// Whether a move from `before` to `after` goes the KPI's bad way.
bool Worse(const std::string& kpi, double before, double after) {
  const KpiInfo* k = FindKpi(kpi);
  if (k && k->direction == "higher_is_better") return after < before;
  if (k && k->direction == "lower_is_better") return after > before;
  return after != before;
}

Result<std::optional<Verdict>> Judge(const LoadedWorkspace& ws, const AlertRule& r, DayNumber end) {
  Verdict v;
  v.rule = fmt::format("rule:{}", r.id);
  v.kpi = r.kpi;
  v.scope = Scope(r.scope_dim, r.scope_value);
  const std::string where = v.scope.empty() ? "" : " (" + v.scope + ")";
  if (r.kind == "threshold") {
    SL_ASSIGN_OR_RETURN(auto value, KpiOver(ws, r.kpi, r.scope_dim, r.scope_value, end - r.days, end));
    if (!value) return std::optional<Verdict>();
    v.value = *value;
    v.firing = r.op == ">=" ? *value < r.value : *value > r.value;
    v.message = fmt::format("{}{} over the {} days to {} is {} ({} {} expected)", r.kpi, where, r.days, FormatDate(end - 1), Num(*value),
                            r.op, Num(r.value));
  } else if (r.kind == "change") {
    SL_ASSIGN_OR_RETURN(auto now, KpiOver(ws, r.kpi, r.scope_dim, r.scope_value, end - r.days, end));
    SL_ASSIGN_OR_RETURN(auto before, KpiOver(ws, r.kpi, r.scope_dim, r.scope_value, end - 2 * r.days, end - r.days));
    if (!now || !before || *before == 0) return std::optional<Verdict>();
    const double pct = (*now - *before) / std::fabs(*before) * 100;
    v.value = *now;
    v.firing = Worse(r.kpi, *before, *now) && std::fabs(pct) > r.value;
    v.message = fmt::format("{}{} moved from {} to {} ({:+.1f} %) between the last two periods of {} days (alert beyond {} %)", r.kpi,
                            where, Num(*before), Num(*now), pct, r.days, Num(r.value));
  } else {  // anomaly: the last day against the days before it
    Query q;
    q.from = FormatDate(end - r.days);
    q.to = FormatDate(end);
    q.kpis = {r.kpi};
    q.by = {"day"};
    if (!r.scope_dim.empty()) q.filters = {{r.scope_dim, r.scope_value}};
    SL_ASSIGN_OR_RETURN(Report rep, ws.Run(q));
    std::vector<double> history;
    std::optional<double> last;
    const std::string last_day = FormatDate(end - 1);
    for (const ReportRow& row : rep.rows) {
      const auto& kv = row.kpis.at(0);
      if (!kv.value || !row.group.at(0).second) continue;
      if (*row.group.at(0).second == last_day) last = *kv.value;
      else history.push_back(*kv.value);
    }
    if (!last || history.size() < 7) return std::optional<Verdict>();
    double mean = 0, var = 0;
    for (double x : history) mean += x;
    mean /= static_cast<double>(history.size());
    for (double x : history) var += (x - mean) * (x - mean);
    const double sd = std::sqrt(var / static_cast<double>(history.size() - 1));
    if (sd == 0) return std::optional<Verdict>();
    const double z = (*last - mean) / sd;
    v.value = *last;
    v.firing = Worse(r.kpi, mean, *last) && std::fabs(z) >= r.value;
    v.message = fmt::format("{}{} on {} is {}, {:.1f} standard deviations from the {} days before (mean {}, sd {}; alert at {})", r.kpi,
                            where, last_day, Num(*last), z, history.size(), Num(mean), Num(sd), Num(r.value));
  }
  return std::optional<Verdict>(v);
}

AlertRule RuleFrom(sqlite3_stmt* q) {
  AlertRule r;
  r.id = SqliteStore::ColumnInt(q, 0);
  r.kpi = SqliteStore::ColumnText(q, 1);
  r.scope_dim = SqliteStore::ColumnText(q, 2);
  r.scope_value = SqliteStore::ColumnText(q, 3);
  r.kind = SqliteStore::ColumnText(q, 4);
  r.op = SqliteStore::ColumnText(q, 5);
  r.value = SqliteStore::ColumnReal(q, 6);
  r.days = static_cast<int>(SqliteStore::ColumnInt(q, 7));
  return r;
}

}  // namespace

Result<AlertRule> AddAlertRule(const std::string& db, const std::string& workspace, AlertRule r) {
  const KpiInfo* kpi = FindKpi(r.kpi);
  if (!kpi) return Status::InvalidArgument(fmt::format("kpi: unknown KPI id \"{}\" (supportlens kpis lists them)", r.kpi));
  if (!kpi->unavailable_reason.empty()) return Status::InvalidArgument(fmt::format("kpi {}: has no value to watch", r.kpi));
  if (!r.scope_dim.empty() && r.scope_dim != "channel" && r.scope_dim != "team" && r.scope_dim != "agent" && r.scope_dim != "queue")
    return Status::InvalidArgument(fmt::format("scope: expected channel, team, agent or queue, got \"{}\"", r.scope_dim));
  if (r.kind == "threshold") {
    if (r.op != ">=" && r.op != "<=") return Status::InvalidArgument("min, max: a threshold rule needs a minimum the KPI must stay at or above, or a maximum it must stay at or below");
  } else if (r.kind == "change") {
    if (!(r.value > 0)) return Status::InvalidArgument("percent: a change rule needs a percentage above 0");
  } else if (r.kind == "anomaly") {
    if (!(r.value > 0)) return Status::InvalidArgument("z: an anomaly rule needs a number of standard deviations above 0");
  } else {
    return Status::InvalidArgument(fmt::format("kind: expected threshold, change or anomaly, got \"{}\"", r.kind));
  }
  if (r.days < 1 || r.days > 366) return Status::InvalidArgument("days: expected 1 to 366");
  if (r.kind == "anomaly" && r.days < 8) return Status::InvalidArgument("days: an anomaly needs at least 8 days of history");
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, true));
  SL_ASSIGN_OR_RETURN(r.id, store->Query("INSERT INTO alert_rules(workspace, kpi, scope_dim, scope_value, kind, op, value, days, created_at)"
                                         " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                         {workspace, r.kpi, r.scope_dim, r.scope_value, r.kind, r.op, r.value, int64_t{r.days}, NowUtc()}));
  return r;
}

Result<std::vector<AlertRule>> ListAlertRules(const std::string& db, const std::string& workspace) {
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, false));
  std::vector<AlertRule> out;
  SL_RETURN_IF_ERROR(store->Query("SELECT id, kpi, scope_dim, scope_value, kind, op, value, days FROM alert_rules WHERE workspace = ? ORDER BY id",
                                  {workspace}, [&](sqlite3_stmt* q) { out.push_back(RuleFrom(q)); })
                         .status());
  return out;
}

Result<bool> DeleteAlertRule(const std::string& db, const std::string& workspace, int64_t id) {
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, false));
  return store->DeleteWorkspaceRow("alert_rules", workspace, id);
}

Result<AlertSink> AddAlertSink(const std::string& db, const std::string& workspace, AlertSink s) {
  if (s.kind == "webhook") {
    if (s.target.rfind("http://", 0) != 0 && s.target.rfind("https://", 0) != 0)
      return Status::InvalidArgument(fmt::format("webhook: expected an http:// or https:// URL, got \"{}\"", s.target));
    if (s.secret.empty()) return Status::InvalidArgument("secret: a webhook needs a secret to sign its payloads");
  } else if (s.kind == "log") {
    if (s.target.empty()) return Status::InvalidArgument("log: the file to append alerts to");
  } else {
    return Status::InvalidArgument("kind: give a log file, or a webhook URL and a secret");
  }
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, true));
  SL_ASSIGN_OR_RETURN(s.id, store->Query("INSERT INTO alert_sinks(workspace, kind, target, secret, created_at) VALUES(?, ?, ?, ?, ?)",
                                         {workspace, s.kind, s.target, s.secret, NowUtc()}));
  return s;
}

Result<bool> DeleteAlertSink(const std::string& db, const std::string& workspace, int64_t id) {
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, false));
  return store->DeleteWorkspaceRow("alert_sinks", workspace, id);
}

Result<std::vector<AlertSink>> ListAlertSinks(const std::string& db, const std::string& workspace) {
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, false));
  std::vector<AlertSink> out;
  SL_RETURN_IF_ERROR(store->Query("SELECT id, kind, target, secret FROM alert_sinks WHERE workspace = ? ORDER BY id", {workspace},
                                  [&](sqlite3_stmt* q) {
                                    out.push_back({SqliteStore::ColumnInt(q, 0), std::string(SqliteStore::ColumnText(q, 1)),
                                                   std::string(SqliteStore::ColumnText(q, 2)), std::string(SqliteStore::ColumnText(q, 3))});
                                  })
                         .status());
  return out;
}

std::string AlertRulesJson(const std::vector<AlertRule>& rules, const std::vector<AlertSink>& sinks) {
  nlohmann::json r = nlohmann::json::array(), s = nlohmann::json::array();
  for (const auto& x : rules)
    r.push_back({{"id", x.id}, {"kpi", x.kpi}, {"scope", x.scope_dim.empty() ? nlohmann::json() : nlohmann::json{{x.scope_dim, x.scope_value}}},
                 {"kind", x.kind}, {"op", x.op}, {"value", x.value}, {"days", x.days}});
  for (const auto& x : sinks) s.push_back({{"id", x.id}, {"kind", x.kind}, {"target", x.target}});
  return nlohmann::json{{"rules", r}, {"sinks", s}}.dump() + "\n";
}

Result<AlertRule> AlertRuleFromJson(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Status::InvalidArgument("the body must be a JSON object {\"kpi\": ..., \"kind\": ..., ...}");
  AlertRule r;
  auto text = [&](const char* key, std::string& out, bool required) -> Status {
    if (!j.contains(key) || j[key].is_null()) return required ? Status::InvalidArgument(fmt::format("{}: required", key)) : Status::Ok();
    if (!j[key].is_string()) return Status::InvalidArgument(fmt::format("{}: expected a string", key));
    out = j[key].get<std::string>();
    return Status::Ok();
  };
  auto number = [&](const char* key) -> Result<std::optional<double>> {
    if (!j.contains(key) || j[key].is_null()) return std::optional<double>();
    if (!j[key].is_number()) return Status::InvalidArgument(fmt::format("{}: expected a number", key));
    return std::optional<double>(j[key].get<double>());
  };
  SL_RETURN_IF_ERROR(text("kpi", r.kpi, true));
  r.kind = "threshold";
  SL_RETURN_IF_ERROR(text("kind", r.kind, false));
  if (j.contains("scope") && !j["scope"].is_null()) {
    if (!j["scope"].is_object() || j["scope"].size() != 1 || !j["scope"].begin().value().is_string())
      return Status::InvalidArgument("scope: expected one dimension and value, e.g. {\"channel\": \"chat\"}");
    r.scope_dim = j["scope"].begin().key();
    r.scope_value = j["scope"].begin().value().get<std::string>();
  }
  SL_ASSIGN_OR_RETURN(auto min, number("min"));
  SL_ASSIGN_OR_RETURN(auto max, number("max"));
  SL_ASSIGN_OR_RETURN(auto percent, number("percent"));
  SL_ASSIGN_OR_RETURN(auto z, number("z"));
  SL_ASSIGN_OR_RETURN(auto days, number("days"));
  if (r.kind == "threshold") {
    if (min && max) return Status::InvalidArgument("min, max: a threshold rule takes one of them, not both");
    if (min) r.op = ">=", r.value = *min;
    if (max) r.op = "<=", r.value = *max;
  }
  if (r.kind == "change") r.value = percent.value_or(0);
  if (r.kind == "anomaly") r.value = z.value_or(3);
  if (days && (*days != std::floor(*days))) return Status::InvalidArgument("days: expected a whole number");
  r.days = days ? static_cast<int>(std::clamp(*days, -1.0, 10000.0)) : (r.kind == "anomaly" ? 28 : 7);
  return r;
}

Result<AlertSink> AlertSinkFromJson(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Status::InvalidArgument("the body must be a JSON object {\"kind\": \"log\" or \"webhook\", \"target\": ...}");
  AlertSink s;
  for (auto [key, out] : {std::pair<const char*, std::string*>{"kind", &s.kind}, {"target", &s.target}, {"secret", &s.secret}}) {
    if (!j.contains(key) || j[key].is_null()) continue;
    if (!j[key].is_string()) return Status::InvalidArgument(fmt::format("{}: expected a string", key));
    *out = j[key].get<std::string>();
  }
  if (s.kind != "log" && s.kind != "webhook") return Status::InvalidArgument("kind: expected \"log\" or \"webhook\"");
  return s;
}

Result<std::vector<AlertEvent>> EvaluateAlerts(const std::string& db, const std::string& workspace, const LoadedWorkspace* loaded) {
  std::unique_ptr<LoadedWorkspace> own;
  if (!loaded) {
    SL_ASSIGN_OR_RETURN(own, OpenLoadedWorkspace(db, workspace));
    loaded = own.get();
  }
  SL_ASSIGN_OR_RETURN(std::string end_text, DayAfterLastArrival(*loaded));
  SL_ASSIGN_OR_RETURN(DayNumber end, ParseDate(end_text));
  SL_ASSIGN_OR_RETURN(std::vector<AlertRule> rules, ListAlertRules(db, workspace));
  std::vector<Verdict> verdicts;
  for (const AlertRule& r : rules) {
    SL_ASSIGN_OR_RETURN(auto v, Judge(*loaded, r, end));
    if (v) verdicts.push_back(std::move(*v));
  }
  // A target set is a rule too: its breach raises an alert.
  SL_ASSIGN_OR_RETURN(std::vector<Target> targets, ListTargets(db, workspace, false));
  if (!targets.empty()) {
    SL_ASSIGN_OR_RETURN(TargetCheck check, CheckTargets(*loaded, targets, "", ""));
    for (const TargetStatus& s : check.targets) {
      if (s.status == "no_data") continue;
      verdicts.push_back({fmt::format("target:{}", s.target.id), s.target.kpi, Scope(s.target.scope_dim, s.target.scope_value),
                          s.status == "breached", s.actual,
                          fmt::format("target {}{}: {} ({} .. {})", s.target.kpi,
                                      s.target.scope_dim.empty() ? "" : " (" + Scope(s.target.scope_dim, s.target.scope_value) + ")",
                                      s.reason, check.from, check.to)});
    }
  }
  // Open an alert for a new breach, keep one that is still open, close one that ended.
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, false));
  std::vector<AlertEvent> events;
  const std::string now = NowUtc();
  for (const Verdict& v : verdicts) {
    std::optional<int64_t> open;
    SL_RETURN_IF_ERROR(store->Query("SELECT id FROM alerts WHERE workspace = ? AND rule = ? AND closed_at IS NULL", {workspace, v.rule},
                                    [&](sqlite3_stmt* q) { open = SqliteStore::ColumnInt(q, 0); })
                           .status());
    const V value = v.value ? V(*v.value) : V();
    if (v.firing && !open) {
      SL_ASSIGN_OR_RETURN(int64_t id, store->Query("INSERT INTO alerts(workspace, rule, kpi, scope, opened_at, value, message) VALUES(?, ?, ?, ?, ?, ?, ?)",
                                                   {workspace, v.rule, v.kpi, v.scope, now, value, v.message}));
      events.push_back({id, "alert", v.rule, v.kpi, v.scope, v.value, v.message, now});
    } else if (v.firing) {
      SL_RETURN_IF_ERROR(store->Query("UPDATE alerts SET value = ? WHERE id = ?", {value, *open}).status());
    } else if (open) {
      SL_RETURN_IF_ERROR(store->Query("UPDATE alerts SET closed_at = ?, value = ? WHERE id = ?", {now, value, *open}).status());
      events.push_back({*open, "recovery", v.rule, v.kpi, v.scope, v.value, "recovered: " + v.message, now});
    }
  }
  return events;
}

std::string AlertPayload(const std::string& workspace, const AlertEvent& e) {
  return nlohmann::json{{"workspace", workspace}, {"event", e.event}, {"alert_id", e.alert_id}, {"rule", e.rule}, {"kpi", e.kpi},
                        {"scope", e.scope.empty() ? nlohmann::json() : nlohmann::json(e.scope)},
                        {"value", e.value ? nlohmann::json(*e.value) : nlohmann::json()}, {"message", e.message}, {"at", e.at}}
      .dump();
}

std::string AlertSignature(const std::string& secret, const std::string& payload) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(payload.data()), payload.size(),
       mac, &len);
  std::string hex = "sha256=";
  for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", mac[i]);
  return hex;
}

PostOutcome PostWithRetries(const HttpPost& post, const std::string& url, const std::string& body,
                            const std::vector<std::pair<std::string, std::string>>& headers, const DeliveryPolicy& policy) {
  PostOutcome out;
  auto backoff = policy.first_backoff;
  for (out.attempts = 1;; ++out.attempts) {
    const int code = post ? post(url, body, headers) : 0;
    if (code >= 200 && code < 300) {
      out.delivered = true;
      out.error.clear();
      return out;
    }
    out.error = code ? fmt::format("HTTP {}", code) : "unreachable";
    if (out.attempts >= policy.attempts) return out;
    std::this_thread::sleep_for(backoff);
    backoff *= 2;
  }
}

Status DeliverAlerts(const std::string& db, const std::string& workspace, const std::vector<AlertEvent>& events, const HttpPost& post,
                     const DeliveryPolicy& policy) {
  if (events.empty()) return Status::Ok();
  SL_ASSIGN_OR_RETURN(std::vector<AlertSink> sinks, ListAlertSinks(db, workspace));
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, false));
  for (const AlertEvent& e : events) {
    const std::string payload = AlertPayload(workspace, e);
    for (const AlertSink& sink : sinks) {
      std::string status = "delivered", error;
      int attempts = 0;
      if (sink.kind == "log") {
        ++attempts;
        std::ofstream log(sink.target, std::ios::app);
        if (!(log << payload << '\n')) status = "dead", error = sink.target + ": cannot be written";
      } else {
        // After the last try, a dead letter keeps the payload's fate.
        const PostOutcome outcome = PostWithRetries(post, sink.target, payload,
                                                    {{"Content-Type", "application/json"}, {"X-SupportLens-Event", e.event},
                                                     {"X-SupportLens-Signature", AlertSignature(sink.secret, payload)}},
                                                    policy);
        attempts = outcome.attempts;
        if (!outcome.delivered) status = "dead", error = outcome.error;
      }
      SL_RETURN_IF_ERROR(store->Query("INSERT INTO alert_deliveries(alert_id, sink_id, event, status, attempts, error, at) VALUES(?, ?, ?, ?, ?, ?, ?)",
                                      {e.alert_id, sink.id, e.event, status, int64_t{attempts}, error, NowUtc()})
                             .status());
    }
  }
  return Status::Ok();
}

Result<std::string> AlertHistory(const std::string& db, const std::string& workspace, const std::string& format) {
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, false));
  nlohmann::json alerts = nlohmann::json::array();
  SL_RETURN_IF_ERROR(store->Query("SELECT id, rule, kpi, scope, opened_at, closed_at, value, message FROM alerts WHERE workspace = ? ORDER BY id DESC",
                                  {workspace},
                                  [&](sqlite3_stmt* q) {
                                    alerts.push_back({{"id", SqliteStore::ColumnInt(q, 0)},
                                                      {"rule", std::string(SqliteStore::ColumnText(q, 1))},
                                                      {"kpi", std::string(SqliteStore::ColumnText(q, 2))},
                                                      {"scope", std::string(SqliteStore::ColumnText(q, 3))},
                                                      {"opened_at", std::string(SqliteStore::ColumnText(q, 4))},
                                                      {"closed_at", SqliteStore::ColumnIsNull(q, 5) ? nlohmann::json() : nlohmann::json(std::string(SqliteStore::ColumnText(q, 5)))},
                                                      {"value", SqliteStore::ColumnIsNull(q, 6) ? nlohmann::json() : nlohmann::json(SqliteStore::ColumnReal(q, 6))},
                                                      {"message", std::string(SqliteStore::ColumnText(q, 7))},
                                                      {"deliveries", nlohmann::json::array()}});
                                  })
                         .status());
  for (auto& a : alerts)
    SL_RETURN_IF_ERROR(store->Query("SELECT sink_id, event, status, attempts, error, at FROM alert_deliveries WHERE alert_id = ? ORDER BY id",
                                    {a["id"].get<int64_t>()},
                                    [&](sqlite3_stmt* q) {
                                      a["deliveries"].push_back({{"sink", SqliteStore::ColumnInt(q, 0)},
                                                                 {"event", std::string(SqliteStore::ColumnText(q, 1))},
                                                                 {"status", std::string(SqliteStore::ColumnText(q, 2))},
                                                                 {"attempts", SqliteStore::ColumnInt(q, 3)},
                                                                 {"error", std::string(SqliteStore::ColumnText(q, 4))},
                                                                 {"at", std::string(SqliteStore::ColumnText(q, 5))}});
                                    })
                           .status());
  if (format == "json") return nlohmann::json{{"alerts", alerts}}.dump() + "\n";
  std::string out = fmt::format("{:>4}  {:<8} {:<20} {:<20} {:<21} {}\n", "id", "state", "kpi", "opened", "closed", "message");
  for (const auto& a : alerts)
    out += fmt::format("{:>4}  {:<8} {:<20} {:<20} {:<21} {}\n", a["id"].get<int64_t>(), a["closed_at"].is_null() ? "open" : "closed",
                       a["kpi"].get<std::string>(), a["opened_at"].get<std::string>(),
                       a["closed_at"].is_null() ? "-" : a["closed_at"].get<std::string>(), a["message"].get<std::string>());
  return out;
}

std::string RenderAlertEvents(const std::vector<AlertEvent>& events, const std::string& format) {
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : events) list.push_back(nlohmann::json::parse(AlertPayload("", e)));
    return nlohmann::json{{"events", list}}.dump() + "\n";
  }
  std::string out;
  for (const auto& e : events) out += fmt::format("{}: {}\n", e.event, e.message);
  return out;
}

}  // namespace supportlens
