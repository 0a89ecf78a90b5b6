// supportlens kpis [--format table|json|markdown]: the KPI catalog.
#include <iostream>

#include "commands.h"
#include "supportlens/kpi_info.h"

namespace supportlens::cli {

void RegisterKpis(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("kpis", "Print the KPI catalog");
  auto format = std::make_shared<std::string>("table");
  cmd->add_option("--format", *format, "table | json | markdown")->capture_default_str()->check(CLI::IsMember({"table", "json", "markdown"}));
  cmd->callback([format, &action] {
    action = [format] {
      std::cout << RenderCatalog(*format);
      return 0;
    };
  });
}

}  // namespace supportlens::cli
