#pragma once
// The KPI catalog's public view: one KpiInfo per KPI id of the specification.
#include <optional>
#include <string>
#include <vector>

namespace supportlens {

struct KpiTarget {
  std::string op;     // ">=" or "<=" or "between"
  double value = 0;   // the default target (lower bound for "between")
  double upper = 0;   // upper bound for "between"
  std::string text;   // the targets seen in the field, in words
};

struct KpiInfo {
  std::string id;
  std::string name;
  std::string category;   // service_quality, solution_quality, handling_speed, volume, workforce, retention, self_service_cost, planning
  std::string unit;       // percent, seconds, count, score, nps, currency, per_hour
  std::string direction;  // higher_is_better, lower_is_better, band, none
  std::string timing;     // leading or lagging
  std::string formula;
  std::vector<std::string> inputs;  // entities the KPI reads
  std::string cohort_event;         // which instant places a record in the window (see docs/kpis.md)
  std::optional<KpiTarget> target;
  std::string unavailable_reason;   // non-empty: catalogued, reports null with this reason
  bool is_duration() const { return unit == "seconds"; }
};

const std::vector<KpiInfo>& KpiCatalog();
const KpiInfo* FindKpi(const std::string& id);

// Renders the catalog as "table", "json" or "markdown".
std::string RenderCatalog(const std::string& format);

}  // namespace supportlens
