// supportlens alerts add --db DB [--workspace W] --kpi ID [--channel C|--team T|--agent A|--queue Q]
//   --kind threshold (--min X | --max X) | --kind change --percent P | --kind anomaly [--z Z] [--days N]
// supportlens alerts list|delete --id N|history, and alerts sink add (--log FILE | --webhook URL --secret S)|sink delete --id N
// `check` evaluates the rules and the targets too, and delivers what opens or closes.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "query_options.h"
#include "http_server.h"
#include "supportlens/alerts.h"

namespace supportlens::cli {

void RegisterAlerts(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("alerts", "Alert rules on any KPI, their sinks (log file, webhooks) and the alert history");
  cmd->require_subcommand(1);
  struct Options {
    std::string db, workspace = "default", kpi, kind = "threshold", format = "table";
    ScopeOptions scope;
    std::optional<double> min, max, percent, z;
    int days = 0;
    int64_t id = 0;
    std::string log, webhook, secret;
  };
  auto o = std::make_shared<Options>();
  auto common = [o](CLI::App* c) {
    c->add_option("--db", o->db, "SQLite database file")->required();
    c->add_option("--workspace", o->workspace, "Workspace name inside the database")->capture_default_str();
  };

  auto* add = cmd->add_subcommand("add", "Add a rule: a threshold, a change against the previous period, or an anomaly");
  common(add);
  add->add_option("--kpi", o->kpi, "KPI id (supportlens kpis)")->required();
  o->scope.Register(add);
  add->add_option("--kind", o->kind, "threshold | change | anomaly")->capture_default_str();
  add->add_option("--min", o->min, "threshold: alert when the KPI falls below this");
  add->add_option("--max", o->max, "threshold: alert when the KPI rises above this");
  add->add_option("--percent", o->percent, "change: alert when the KPI moves its bad way by more than this %");
  add->add_option("--z", o->z, "anomaly: alert at this many standard deviations (default 3)");
  add->add_option("--days", o->days, "The period (threshold, change; default 7) or the history (anomaly; default 28)");
  add->callback([o, &action] {
    action = [o] {
      AlertRule r;
      r.kpi = o->kpi;
      std::tie(r.scope_dim, r.scope_value) = o->scope.Scope();
      r.kind = o->kind;
      if (o->kind == "threshold") {
        if (o->min && o->max) return Fail(Status::InvalidArgument("a threshold rule takes --min or --max, not both"));
        if (o->min) r.op = ">=", r.value = *o->min;
        if (o->max) r.op = "<=", r.value = *o->max;
      }
      if (o->kind == "change") r.value = o->percent.value_or(0);
      if (o->kind == "anomaly") r.value = o->z.value_or(3);
      r.days = o->days ? o->days : (o->kind == "anomaly" ? 28 : 7);
      auto rule = AddAlertRule(o->db, o->workspace, r);
      if (!rule.ok()) return Fail(rule.status());
      std::cout << fmt::format("rule {}: {} {} on {}{}\n", rule->id, rule->kind, rule->kind == "threshold" ? rule->op + " " + fmt::format("{}", rule->value) : fmt::format("{}", rule->value),
                               rule->kpi, rule->scope_dim.empty() ? "" : " (" + rule->scope_dim + "=" + rule->scope_value + ")");
      return 0;
    };
  });

  auto* list = cmd->add_subcommand("list", "List the rules and the sinks");
  common(list);
  list->add_option("--format", o->format, "json | table")->capture_default_str()->check(CLI::IsMember({"json", "table"}));
  list->callback([o, &action] {
    action = [o] {
      auto rules = ListAlertRules(o->db, o->workspace);
      if (!rules.ok()) return Fail(rules.status());
      auto sinks = ListAlertSinks(o->db, o->workspace);
      if (!sinks.ok()) return Fail(sinks.status());
      if (o->format == "json") {
        std::cout << AlertRulesJson(*rules, *sinks);
        return 0;
      }
      for (const auto& x : *rules)
        std::cout << fmt::format("rule {:>3}  {:<9} {:<24} {:<20} {} {} over {} days\n", x.id, x.kind, x.kpi,
                                 x.scope_dim.empty() ? "all" : x.scope_dim + "=" + x.scope_value, x.op, x.value, x.days);
      for (const auto& x : *sinks) std::cout << fmt::format("sink {:>3}  {:<9} {}\n", x.id, x.kind, x.target);
      return 0;
    };
  });

  auto* del = cmd->add_subcommand("delete", "Delete a rule");
  common(del);
  del->add_option("--id", o->id, "The rule's id")->required();
  del->callback([o, &action] {
    action = [o] {
      auto deleted = DeleteAlertRule(o->db, o->workspace, o->id);
      if (!deleted.ok()) return Fail(deleted.status());
      if (!*deleted) return Fail(Status::NotFound(fmt::format("no alert rule {} in workspace \"{}\"", o->id, o->workspace)));
      return 0;
    };
  });

  auto* history = cmd->add_subcommand("history", "The alerts raised, newest first, with their deliveries");
  common(history);
  history->add_option("--format", o->format, "json | table")->capture_default_str()->check(CLI::IsMember({"json", "table"}));
  history->callback([o, &action] {
    action = [o] {
      auto h = AlertHistory(o->db, o->workspace, o->format);
      if (!h.ok()) return Fail(h.status());
      std::cout << *h;
      return 0;
    };
  });

  auto* sink = cmd->add_subcommand("sink", "Where alerts go: a log file or a webhook");
  sink->require_subcommand(1);
  auto* sink_add = sink->add_subcommand("add", "Add a log file (--log FILE) or a webhook (--webhook URL --secret S)");
  common(sink_add);
  sink_add->add_option("--log", o->log, "Append each alert and recovery to this file, one JSON object a line");
  sink_add->add_option("--webhook", o->webhook, "POST each alert and recovery to this URL, signed");
  sink_add->add_option("--secret", o->secret, "The webhook's HMAC-SHA256 key (X-SupportLens-Signature)");
  sink_add->callback([o, &action] {
    action = [o] {
      AlertSink s;
      s.kind = !o->webhook.empty() ? "webhook" : !o->log.empty() ? "log" : "";
      s.target = !o->webhook.empty() ? o->webhook : o->log;
      s.secret = o->secret;
      auto added = AddAlertSink(o->db, o->workspace, s);
      if (!added.ok()) return Fail(added.status());
      std::cout << fmt::format("sink {}: {} {}\n", added->id, added->kind, added->target);
      return 0;
    };
  });
  auto* sink_delete = sink->add_subcommand("delete", "Delete a sink");
  common(sink_delete);
  sink_delete->add_option("--id", o->id, "The sink's id (alerts list)")->required();
  sink_delete->callback([o, &action] {
    action = [o] {
      auto deleted = DeleteAlertSink(o->db, o->workspace, o->id);
      if (!deleted.ok()) return Fail(deleted.status());
      if (!*deleted) return Fail(Status::NotFound(fmt::format("no alert sink {} in workspace \"{}\"", o->id, o->workspace)));
      return 0;
    };
  });
}

// `check`'s part after the targets: evaluate and deliver; prints what opened or closed.
int EvaluateAndDeliverAlerts(const std::string& db, const std::string& workspace, const std::string& format) {
  auto events = EvaluateAlerts(db, workspace);
  if (!events.ok()) return Fail(events.status());
  Status delivered = DeliverAlerts(db, workspace, *events, server::WebhookPoster());
  if (!delivered.ok()) return Fail(delivered);
  if (format != "json") std::cout << RenderAlertEvents(*events, "table");
  return 0;
}

}  // namespace supportlens::cli
