// supportlens report SOURCE --from DATE --to DATE [--kpi ids] [--by dims] [--business-time] [--cohort C] --format F
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "commands.h"
#include "query_options.h"
#include "supportlens/engine.h"

namespace supportlens::cli {

void RegisterReport(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("report", "Compute KPIs over a window, optionally grouped");
  auto opts = std::make_shared<QueryOptions>();
  opts->Register(cmd);
  cmd->callback([opts, &action] {
    action = [opts] {
      auto q = opts->ToQuery();
      if (!q.ok()) return Fail(q.status());
      std::vector<std::string> warnings;
      auto report = ComputeReport(opts->source, opts->workspace, *q, &warnings);
      for (auto& w : warnings) std::cerr << w << "\n";
      if (!warnings.empty())
        std::cerr << "supportlens: " << warnings.size() << " row problem(s) in the folder; the report uses the valid rows\n";
      if (!report.ok()) return Fail(report.status());
      auto text = RenderReport(*report, opts->format);
      if (!text.ok()) return Fail(text.status());
      std::cout << *text;
      if (opts->timings) {
        std::cerr << fmt::format("timings: load {:.3f} s, compute {:.3f} s (threads busy {:.3f} s)\n", report->load_seconds,
                                 report->compute_seconds, fmt::join(report->thread_seconds, " s, "));
        auto slowest = report->kpi_seconds;
        std::sort(slowest.begin(), slowest.end(), [](auto& a, auto& b) { return a.second > b.second; });
        for (size_t i = 0; i < slowest.size(); ++i)
          std::cerr << fmt::format("  {:<42} {:.3f} s\n", slowest[i].first, slowest[i].second);
      }
      return 0;
    };
  });
}

}  // namespace supportlens::cli
