// supportlens rows SOURCE --kpi ID --from DATE --to DATE [--filter DIM=VALUE]...: the records behind a figure.
#include <iostream>

#include "commands.h"
#include "query_options.h"
#include "supportlens/engine.h"

namespace supportlens::cli {

void RegisterRows(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("rows", "List the records behind one KPI figure (drill-down)");
  auto opts = std::make_shared<QueryOptions>();
  opts->Register(cmd);
  cmd->callback([opts, &action] {
    action = [opts] {
      auto q = opts->ToQuery();
      if (!q.ok()) return Fail(q.status());
      if (q->kpis.size() != 1) return Fail(Status::InvalidArgument("rows: give exactly one --kpi"));
      if (!q->by.empty())
        return Fail(Status::InvalidArgument("rows: select the figure with --filter DIM=VALUE instead of --by"));
      std::vector<std::string> warnings;
      auto rows = ListRows(opts->source, opts->workspace, q->kpis[0], *q, &warnings);
      for (auto& w : warnings) std::cerr << w << "\n";
      if (!rows.ok()) return Fail(rows.status());
      auto text = RenderRows(*rows, opts->format);
      if (!text.ok()) return Fail(text.status());
      std::cout << *text;
      return 0;
    };
  });
}

}  // namespace supportlens::cli
