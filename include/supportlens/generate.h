#pragma once
// Synthetic workspaces for demos, tests and benchmarks.
#include <cstdint>
#include <string>

#include "supportlens/status.h"

namespace supportlens {

struct GenerateOptions {
  int64_t tickets = 10000;
  uint64_t seed = 1;
  std::string start_date = "2026-01-05";
  int days = 0;
  std::string timezone = "Europe/Berlin";
};

Status Generate(const GenerateOptions& options, const std::string& out_dir);

}  // namespace supportlens
