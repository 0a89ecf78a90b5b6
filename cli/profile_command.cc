// supportlens profile SOURCE --from D --to D [--kpi offered_calls|ticket_volume] [--filter DIM=VALUE]
//   [--format table|json|csv]: the arrival profile by hour of week.
#include <iostream>

#include "commands.h"
#include "query_options.h"
#include "supportlens/arrival_profile.h"

namespace supportlens::cli {

void RegisterProfile(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("profile", "Arrival profile: mean volume per hour of week over a window");
  struct Options {
    std::string source, workspace = "default", from, to, kpi = "offered_calls", format = "table";
    std::vector<std::string> filters;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("source", o->source, "Database file or workspace folder")->required();
  cmd->add_option("--workspace", o->workspace, "Workspace name inside the database")->capture_default_str();
  cmd->add_option("--from", o->from, "Window start YYYY-MM-DD (inclusive)")->required();
  cmd->add_option("--to", o->to, "Window end YYYY-MM-DD (exclusive)")->required();
  cmd->add_option("--kpi", o->kpi, "offered_calls | ticket_volume")->capture_default_str();
  cmd->add_option("--filter", o->filters, "Keep only DIM=VALUE (repeatable)");
  cmd->add_option("--format", o->format, "table | json | csv")->capture_default_str()->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->callback([o, &action] {
    action = [o] {
      auto filters = ParseFilters(o->filters);
      if (!filters.ok()) return Fail(filters.status());
      auto p = ComputeArrivalProfile(o->source, o->workspace, o->kpi, o->from, o->to, *filters);
      if (!p.ok()) return Fail(p.status());
      std::cout << RenderArrivalProfile(*p, o->format);
      return 0;
    };
  });
}

}  // namespace supportlens::cli
