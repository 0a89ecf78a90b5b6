#pragma once
// The query flags shared by `report` and `rows`, and the --filter parsing of every command.
#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

#include "supportlens/query.h"
#include "supportlens/result.h"

namespace supportlens::cli {

// --filter DIM=VALUE flags as (dimension, value) pairs; shared by every command that filters.
Result<std::vector<std::pair<std::string, std::string>>> ParseFilters(const std::vector<std::string>& flags);

// --channel, --team, --agent or --queue (one of them): the scope of a target or an alert rule.
struct ScopeOptions {
  std::string channel, team, agent, queue;
  void Register(CLI::App* cmd);
  // The dimension and value given, or two empty strings for the whole workspace.
  std::pair<std::string, std::string> Scope() const;
};

struct QueryOptions {
  std::string source;
  std::string workspace = "default";
  std::string from, to;
  std::vector<std::string> kpis, by, filters;
  bool business_time = false;
  std::string cohort = "created";
  std::string format = "table";
  bool timings = false;

  void Register(CLI::App* cmd);
  Result<Query> ToQuery() const;
};

}  // namespace supportlens::cli
