// supportlens forecast SOURCE --from D --to D [--kpi ticket_volume|offered_calls] [--interval hour]
//   [--horizon-days 7] [--backtest-weeks 2] [--filter DIM=VALUE] [--format json|table]
#include <iostream>

#include "commands.h"
#include "query_options.h"
#include "supportlens/forecast.h"

namespace supportlens::cli {

void RegisterForecast(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("forecast", "Forecast volume per interval from the history, with its backtest error");
  struct Options {
    std::string source, workspace = "default", format = "table";
    ForecastRequest request;
    std::vector<std::string> filters;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("source", o->source, "Database file or workspace folder")->required();
  cmd->add_option("--workspace", o->workspace, "Workspace name inside the database")->capture_default_str();
  cmd->add_option("--from", o->request.history_from, "First day of the history (YYYY-MM-DD)")->required();
  cmd->add_option("--to", o->request.history_to, "Day after the history; the forecast starts here")->required();
  cmd->add_option("--kpi", o->request.kpi, "ticket_volume | offered_calls")->capture_default_str();
  cmd->add_option("--interval", o->request.interval, "15min | 30min | hour")->capture_default_str();
  cmd->add_option("--horizon-days", o->request.horizon_days, "Days to forecast")->capture_default_str();
  cmd->add_option("--backtest-weeks", o->request.backtest_weeks, "Weeks held back to measure the error")->capture_default_str();
  cmd->add_option("--filter", o->filters, "Keep only DIM=VALUE (repeatable), e.g. --filter queue=PS");
  cmd->add_option("--format", o->format, "json | table")->capture_default_str()->check(CLI::IsMember({"json", "table"}));
  cmd->callback([o, &action] {
    action = [o] {
      auto filters = ParseFilters(o->filters);
      if (!filters.ok()) return Fail(filters.status());
      o->request.filters = *filters;
      auto result = ForecastVolume(o->source, o->workspace, o->request);
      if (!result.ok()) return Fail(result.status());
      std::cout << RenderForecast(*result, o->format);
      return 0;
    };
  });
}

}  // namespace supportlens::cli
