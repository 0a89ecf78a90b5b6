// supportlens generate --tickets N --seed S --out DIR: a realistic synthetic workspace.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "supportlens/generate.h"

namespace supportlens::cli {

void RegisterGenerate(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("generate", "Write a deterministic synthetic workspace folder");
  auto opts = std::make_shared<GenerateOptions>();
  auto out = std::make_shared<std::string>();
  cmd->add_option("--tickets", opts->tickets, "Number of tickets")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--seed", opts->seed, "Random seed (same seed, same files)")->capture_default_str();
  cmd->add_option("--start", opts->start_date, "First local date (YYYY-MM-DD)")->capture_default_str();
  cmd->add_option("--days", opts->days, "Days to cover (0: derived from --tickets)")->capture_default_str();
  cmd->add_option("--timezone", opts->timezone, "IANA time zone of the workspace")->capture_default_str();
  cmd->add_option("--out", *out, "Output folder")->required();
  cmd->callback([opts, out, &action] {
    action = [opts, out] {
      Status s = Generate(*opts, *out);
      if (!s.ok()) return Fail(s);
      std::cout << fmt::format("wrote a workspace of {} tickets to {}\n", opts->tickets, *out);
      return 0;
    };
  });
}

}  // namespace supportlens::cli
