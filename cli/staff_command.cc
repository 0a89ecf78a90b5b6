// supportlens staff --calls N --interval-minutes M --aht S --target-sl PCT --target-seconds S
//   [--shrinkage F] [--max-occupancy F] [--patience S] [--target-asa S] [--format json|table]:
// agents needed for an interval (Erlang C, or Erlang A with --patience). See docs/staffing.md.
#include <iostream>

#include "commands.h"
#include "supportlens/staffing.h"

namespace supportlens::cli {

void RegisterStaff(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("staff", "Agents needed for a service target (Erlang C; Erlang A with --patience)");
  struct Options {
    StaffingRequest request;
    double patience = 0, target_asa = 0;
    std::string format = "table";
  };
  auto o = std::make_shared<Options>();
  // Ranges are checked by the library (one message style, exit code 2), not by CLI11 validators.
  cmd->add_option("--calls", o->request.calls, "Calls offered in the interval")->required();
  cmd->add_option("--interval-minutes", o->request.interval_minutes, "Interval length in minutes")->required();
  cmd->add_option("--aht", o->request.aht_seconds, "Average handle time in seconds")->required();
  cmd->add_option("--target-sl", o->request.target_sl_pct, "Target percent answered within --target-seconds")->required();
  cmd->add_option("--target-seconds", o->request.target_seconds, "Answer-time threshold of the service level")->required();
  cmd->add_option("--shrinkage", o->request.shrinkage, "Share of rostered time off the phones, in [0, 1)")->capture_default_str();
  cmd->add_option("--max-occupancy", o->request.max_occupancy, "Highest acceptable occupancy, in (0, 1]")->capture_default_str();
  auto* patience = cmd->add_option("--patience", o->patience, "Mean caller patience in seconds: use Erlang A");
  auto* target_asa = cmd->add_option("--target-asa", o->target_asa, "Also require an ASA of at most this many seconds");
  cmd->add_option("--format", o->format, "table | json")->capture_default_str()->check(CLI::IsMember({"table", "json"}));
  cmd->callback([o, patience, target_asa, &action] {
    if (patience->count() > 0) o->request.patience_seconds = o->patience;
    if (target_asa->count() > 0) o->request.target_asa_seconds = o->target_asa;
    action = [o] {
      auto result = ComputeStaffing(o->request);
      if (!result.ok()) return Fail(result.status());
      std::cout << RenderStaffing(*result, o->format);
      return 0;
    };
  });
}

}  // namespace supportlens::cli
