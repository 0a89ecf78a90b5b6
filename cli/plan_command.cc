// supportlens plan SOURCE --from D --to D [--interval 30min] [--horizon-days 7] [--filter queue=Q]
//   [--target-sl 80 --target-seconds 20] [--target-asa S] [--shrinkage F] [--max-occupancy F]
//   [--model erlang-a|erlang-c] [--format json|table]: next week's staffing per interval.
#include <iostream>

#include "commands.h"
#include "query_options.h"
#include "supportlens/staffing_plan.h"

namespace supportlens::cli {

void RegisterPlan(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("plan", "Staffing plan per interval: forecast calls, Erlang staffing, scheduled shifts");
  struct Options {
    std::string source, workspace = "default", format = "table", model = "erlang-a";
    StaffingPlanRequest request;
    std::vector<std::string> filters;
    double target_asa = 0;
  };
  auto o = std::make_shared<Options>();
  o->request.forecast.interval = "30min";
  auto& f = o->request.forecast;
  cmd->add_option("source", o->source, "Database file or workspace folder")->required();
  cmd->add_option("--workspace", o->workspace, "Workspace name inside the database")->capture_default_str();
  cmd->add_option("--from", f.history_from, "First day of the history (YYYY-MM-DD)")->required();
  cmd->add_option("--to", f.history_to, "Day after the history; the plan starts here")->required();
  cmd->add_option("--interval", f.interval, "15min | 30min | hour")->capture_default_str();
  cmd->add_option("--horizon-days", f.horizon_days, "Days to plan")->capture_default_str();
  cmd->add_option("--backtest-weeks", f.backtest_weeks, "Weeks held back to measure the forecast error")->capture_default_str();
  cmd->add_option("--filter", o->filters, "channel=VALUE or queue=VALUE (repeatable)");
  cmd->add_option("--target-sl", o->request.target_sl_pct, "Percent answered within --target-seconds")->capture_default_str();
  cmd->add_option("--target-seconds", o->request.target_seconds, "Service level threshold")->capture_default_str();
  cmd->add_option("--target-asa", o->target_asa, "Also keep the average speed of answer under this many seconds");
  cmd->add_option("--shrinkage", o->request.shrinkage, "Share of paid time not on the phones, [0, 1)")->capture_default_str();
  cmd->add_option("--max-occupancy", o->request.max_occupancy, "Highest occupancy allowed, (0, 1]")->capture_default_str();
  cmd->add_option("--model", o->model, "erlang-a (patience measured in the history) | erlang-c")
      ->capture_default_str()->check(CLI::IsMember({"erlang-a", "erlang-c"}));
  cmd->add_option("--format", o->format, "json | table")->capture_default_str()->check(CLI::IsMember({"json", "table"}));
  cmd->callback([o, &action] {
    action = [o] {
      auto filters = ParseFilters(o->filters);
      if (!filters.ok()) return Fail(filters.status());
      o->request.forecast.filters = *filters;
      if (o->target_asa > 0) o->request.target_asa_seconds = o->target_asa;
      o->request.erlang_a = o->model == "erlang-a";
      auto plan = PlanStaffing(o->source, o->workspace, o->request);
      if (!plan.ok()) return Fail(plan.status());
      std::cout << RenderStaffingPlan(*plan, o->format);
      return 0;
    };
  });
}

}  // namespace supportlens::cli
