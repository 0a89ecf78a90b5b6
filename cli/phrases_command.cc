// supportlens phrases SOURCE --from D --to D [--previous 4] [--top 20] [--min-tickets 5]
//   [--filter DIM=VALUE] [--format json|table]: the phrases rising in what customers write.
#include <iostream>

#include "commands.h"
#include "query_options.h"
#include "supportlens/text_analytics.h"

namespace supportlens::cli {

void RegisterPhrases(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("phrases", "Words and two-word phrases whose share of tickets rises against the previous periods");
  struct Options {
    std::string source, workspace = "default", format = "table";
    PhraseTrendRequest request;
    std::vector<std::string> filters;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("source", o->source, "Database file or workspace folder")->required();
  cmd->add_option("--workspace", o->workspace, "Workspace name inside the database")->capture_default_str();
  cmd->add_option("--from", o->request.from, "First day of the period (YYYY-MM-DD)")->required();
  cmd->add_option("--to", o->request.to, "Day after the period")->required();
  cmd->add_option("--previous", o->request.previous_periods, "Periods of the same length before it to compare with")->capture_default_str();
  cmd->add_option("--top", o->request.top, "At most this many phrases")->capture_default_str();
  cmd->add_option("--min-tickets", o->request.min_tickets, "Tickets in the period a phrase needs")->capture_default_str();
  cmd->add_option("--filter", o->filters, "Keep only DIM=VALUE (channel, topic, priority, queue; repeatable)");
  cmd->add_option("--format", o->format, "json | table")->capture_default_str()->check(CLI::IsMember({"json", "table"}));
  cmd->callback([o, &action] {
    action = [o] {
      auto filters = ParseFilters(o->filters);
      if (!filters.ok()) return Fail(filters.status());
      o->request.filters = *filters;
      auto result = RisingPhrases(o->source, o->workspace, o->request);
      if (!result.ok()) return Fail(result.status());
      std::cout << RenderPhraseTrends(*result, o->format);
      return 0;
    };
  });
}

}  // namespace supportlens::cli
