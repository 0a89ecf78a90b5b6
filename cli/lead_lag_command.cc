// supportlens lead-lag SOURCE [--from D --to D | --weeks 12] [--min-change 10] [--max-lead 3]
//   [--format json|table]: leading and lagging KPIs week by week, and which leading
//   indicators moved before a lagging KPI did.
#include <iostream>

#include "commands.h"
#include "engine/report_engine.h"
#include "supportlens/lead_lag.h"

namespace supportlens::cli {

void RegisterLeadLag(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("lead-lag", "Leading and lagging KPIs week by week, and which leading indicators moved first");
  struct Options {
    std::string source, workspace = "default", format = "table";
    LeadLagRequest request;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("source", o->source, "Database file or workspace folder")->required();
  cmd->add_option("--workspace", o->workspace, "Workspace name inside the database")->capture_default_str();
  cmd->add_option("--from", o->request.from, "First day (YYYY-MM-DD); default: --weeks whole weeks up to the latest data");
  cmd->add_option("--to", o->request.to, "Day after the last");
  cmd->add_option("--weeks", o->request.weeks, "Weeks to look at when --from and --to are not given")->capture_default_str();
  cmd->add_option("--min-change", o->request.min_change_pct, "A move: this % away from the mean of the weeks before")->capture_default_str();
  cmd->add_option("--baseline-weeks", o->request.baseline_weeks, "Weeks before that make that mean")->capture_default_str();
  cmd->add_option("--max-lead", o->request.max_lead_weeks, "How many weeks before a lagging move a leading one may be")->capture_default_str();
  cmd->add_option("--kpi", o->request.kpis, "KPI ids (default: every catalogued KPI with a value)")->delimiter(',');
  cmd->add_option("--format", o->format, "json | table")->capture_default_str()->check(CLI::IsMember({"json", "table"}));
  cmd->callback([o, &action] {
    action = [o] {
      auto loaded = OpenLoadedWorkspace(o->source, o->workspace);
      if (!loaded.ok()) return Fail(loaded.status());
      auto analysis = AnalyseLeadLag(**loaded, o->request);
      if (!analysis.ok()) return Fail(analysis.status());
      std::cout << RenderLeadLag(*analysis, o->format);
      return 0;
    };
  });
}

}  // namespace supportlens::cli
