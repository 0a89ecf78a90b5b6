#pragma once
// A report query and its result, independent of how they are rendered.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace supportlens {

inline constexpr const char* kDefinitionVersion = "1";

struct Query {
  std::string from;                     // YYYY-MM-DD (workspace time zone), inclusive
  std::string to;                       // YYYY-MM-DD, exclusive
  std::vector<std::string> kpis;        // empty: the whole catalog
  std::vector<std::string> by;          // channel, agent, team, topic, priority, customer_segment, queue, 15min, 30min, hour, day, week, month, quarter
  std::vector<std::pair<std::string, std::string>> filters;  // dimension = value
  bool business_time = false;
  std::string cohort = "created";       // created | event | closed_in_window
};

struct KpiValue {
  std::string id;
  std::optional<double> value;          // null when there is no data (or not yet computable)
  int64_t n = 0;
  bool is_duration = false;
  std::optional<double> median, mean, p90;
  std::vector<std::pair<std::string, std::optional<double>>> extras;  // secondary figures, e.g. mean_score
  std::string details_json;             // lists (per channel shares, topic ranks, scorecards), JSON
  std::string reason;                   // why value is null, when it is known
};

struct ReportRow {
  std::vector<std::pair<std::string, std::optional<std::string>>> group;  // dimension -> value (null: none)
  std::vector<KpiValue> kpis;
};

struct Report {
  std::string from, to, timezone, cohort, definition_version = kDefinitionVersion;
  bool business_time = false;
  std::vector<ReportRow> rows;
  // How long it took (not part of the rendered report): reading the store into the engine's
  // columns and folding timelines, then computing the query.
  double load_seconds = 0, compute_seconds = 0;
  std::vector<std::pair<std::string, double>> kpi_seconds;  // per KPI (the scorecard's own as "agent_productivity/<kpi>")
  std::vector<double> thread_seconds;  // how long each thread computing KPIs was busy
};

// The tickets (or other records) behind a figure, for drill-down.
struct RowsResult {
  std::string entity;                   // tickets, surveys, calls, ...
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

}  // namespace supportlens
