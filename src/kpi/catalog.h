#pragma once
// The KPI catalog: one entry per KPI, binding its public description to its compute function.
#include <vector>

#include "kpi/families.h"
#include "supportlens/kpi_info.h"

namespace supportlens {

struct KpiDefinition {
  KpiInfo info;
  kpi::ComputeFn compute = nullptr;  // null: catalogued, not yet computable (info.unavailable_reason)
  bool is_count = false;             // a count: a group without records shows 0, not null
  // The report-wide sum (a SharedSums key) the compute reads, when computing it is a good part of
  // the KPI's work: the engine runs the KPIs sharing one on one thread, so that neither thread
  // waits for the other to finish it.
  const char* shares = nullptr;
};

const std::vector<KpiDefinition>& KpiDefinitions();
const KpiDefinition* FindKpiDefinition(const std::string& id);

}  // namespace supportlens
