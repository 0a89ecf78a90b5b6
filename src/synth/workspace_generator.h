#pragma once
// Deterministic synthetic workspace: a realistic support operation written in the
// documented workspace folder format (tickets, events, agents, customers, calls,
// surveys, agent states, shifts, retention requests, offers, self-service, costs).
#include <cstdint>
#include <filesystem>
#include <string>

#include "supportlens/status.h"

namespace supportlens {

struct GeneratorOptions {
  int64_t tickets = 10000;
  uint64_t seed = 1;
  std::string start_date = "2026-01-05";  // a Monday, local date in `timezone`
  int days = 0;                             // 0: derived from tickets (about 400 tickets a day, 28..365 days)
  std::string timezone = "Europe/Berlin";
};

// Writes the workspace into out_dir (created if missing; existing files replaced).
Status GenerateWorkspace(const GeneratorOptions& options, const std::filesystem::path& out_dir);

}  // namespace supportlens
