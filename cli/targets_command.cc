// supportlens targets set --db DB [--workspace W] --kpi ID [--channel C|--team T|--agent A|--queue Q]
//   (--min X | --max X | --min X --max Y) [--deadline DATE] [--warning PCT]
// supportlens targets list --db DB [--workspace W] [--set-only] [--format json|table]
// supportlens targets delete --db DB [--workspace W] --id N
// supportlens check --db DB [--workspace W] [--from DATE --to DATE] [--only-set] [--format json|table]
//   exits 0 when no target is breached, 3 when at least one is.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "query_options.h"
#include "supportlens/targets.h"

namespace supportlens::cli {

void RegisterTargets(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("targets", "Set, list and delete targets (SMART goals) on any KPI");
  cmd->require_subcommand(1);
  struct Options {
    std::string db, workspace = "default", kpi, deadline, format = "table";
    ScopeOptions scope;
    std::optional<double> min, max;
    double warning = 5;
    bool set_only = false;
    int64_t id = 0;
  };
  auto o = std::make_shared<Options>();

  auto* set = cmd->add_subcommand("set", "Set (or replace) the target of a KPI for the workspace or one scope");
  set->add_option("--db", o->db, "SQLite database file")->required();
  set->add_option("--workspace", o->workspace, "Workspace name inside the database")->capture_default_str();
  set->add_option("--kpi", o->kpi, "KPI id (supportlens kpis)")->required();
  o->scope.Register(set);
  set->add_option("--min", o->min, "The KPI must be at least this (with --max: a band)");
  set->add_option("--max", o->max, "The KPI must be at most this");
  set->add_option("--deadline", o->deadline, "Reach the target by this day (YYYY-MM-DD): status comes from the trend");
  set->add_option("--warning", o->warning, "At risk within this % of the bound")->capture_default_str();
  set->callback([o, &action] {
    action = [o] {
      Target t;
      t.kpi = o->kpi;
      std::tie(t.scope_dim, t.scope_value) = o->scope.Scope();
      if (o->min && o->max) t.op = "between", t.value = *o->min, t.upper = *o->max;
      else if (o->min) t.op = ">=", t.value = *o->min;
      else if (o->max) t.op = "<=", t.value = *o->max;
      t.deadline = o->deadline;
      t.warning_pct = o->warning;
      auto saved = SetTarget(o->db, o->workspace, t);
      if (!saved.ok()) return Fail(saved.status());
      std::cout << RenderTargets({*saved}, "table");
      return 0;
    };
  });

  auto* list = cmd->add_subcommand("list", "List the targets set, then the catalog's defaults for the rest");
  list->add_option("--db", o->db, "SQLite database file")->required();
  list->add_option("--workspace", o->workspace, "Workspace name inside the database")->capture_default_str();
  list->add_flag("--set-only", o->set_only, "Only the targets set, not the catalog's defaults");
  list->add_option("--format", o->format, "json | table")->capture_default_str()->check(CLI::IsMember({"json", "table"}));
  list->callback([o, &action] {
    action = [o] {
      auto targets = ListTargets(o->db, o->workspace, !o->set_only);
      if (!targets.ok()) return Fail(targets.status());
      std::cout << RenderTargets(*targets, o->format);
      return 0;
    };
  });

  auto* del = cmd->add_subcommand("delete", "Delete a target set before (its id from targets list)");
  del->add_option("--db", o->db, "SQLite database file")->required();
  del->add_option("--workspace", o->workspace, "Workspace name inside the database")->capture_default_str();
  del->add_option("--id", o->id, "The target's id")->required();
  del->callback([o, &action] {
    action = [o] {
      auto deleted = DeleteTarget(o->db, o->workspace, o->id);
      if (!deleted.ok()) return Fail(deleted.status());
      if (!*deleted) return Fail(Status::NotFound(fmt::format("no target {} in workspace \"{}\"", o->id, o->workspace)));
      return 0;
    };
  });
}

void RegisterCheck(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("check", "Status of every target over a window; exits 3 when one is breached");
  struct Options {
    std::string db, workspace = "default", from, to, format = "table";
    bool only_set = false, no_alerts = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--db", o->db, "SQLite database file")->required();
  cmd->add_option("--workspace", o->workspace, "Workspace name inside the database")->capture_default_str();
  cmd->add_option("--from", o->from, "First day (YYYY-MM-DD; default: 28 days before --to)");
  cmd->add_option("--to", o->to, "Day after the window (default: the day after the last day with data)");
  cmd->add_flag("--only-set", o->only_set, "Only the targets set, not the catalog's defaults");
  cmd->add_flag("--no-alerts", o->no_alerts, "Do not evaluate the alert rules (they run on checks of the latest data)");
  cmd->add_option("--format", o->format, "json | table")->capture_default_str()->check(CLI::IsMember({"json", "table"}));
  cmd->callback([o, &action] {
    action = [o] {
      auto check = CheckTargets(o->db, o->workspace, o->from, o->to, o->only_set);
      if (!check.ok()) return Fail(check.status());
      std::cout << RenderTargetCheck(*check, o->format);
      // Alerts look at the latest data, whatever the window: only on a check of it.
      if (o->from.empty() && o->to.empty() && !o->no_alerts)
        if (int code = EvaluateAndDeliverAlerts(o->db, o->workspace, o->format)) return code;
      return check->any_breached() ? 3 : 0;
    };
  });
}

}  // namespace supportlens::cli
