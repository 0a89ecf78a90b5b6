#pragma once
// Leading and lagging KPIs: the catalog's KPIs week by week, split by their timing tag, each
// week's move against the weeks before it, and which leading indicators moved one to a few
// weeks before a lagging KPI did the same way. Method: docs/leading-lagging.md.
#include <optional>
#include <string>
#include <vector>

#include "supportlens/result.h"

namespace supportlens {

class LoadedWorkspace;

struct LeadLagRequest {
  std::string from, to;        // YYYY-MM-DD, local; empty: `weeks` whole weeks up to the latest data
  int weeks = 12;
  double min_change_pct = 10;  // a move: this far (relative) from the mean of the weeks before
  int baseline_weeks = 4;      // how many weeks before make that mean (at least 2 with data)
  int max_lead_weeks = 3;      // how far back a leading move may be to precede a lagging one
  std::vector<std::string> kpis;  // empty: every catalogued KPI with a value
};

struct KpiMove {
  std::string week;       // ISO label, e.g. 2026-W05
  double value = 0, baseline = 0, change_pct = 0;
  std::string sense;      // worse or better (by the KPI's direction), up or down (no direction)
};

struct KpiWeeks {
  std::string kpi, name, unit, direction, timing;
  std::vector<std::optional<double>> values;  // per week of the analysis (a time KPI's median)
  std::vector<KpiMove> moves;
};

struct LeadLagLink {
  std::string lagging, lagging_week, leading, leading_week;
  double lagging_change_pct = 0, leading_change_pct = 0;
  std::string lagging_sense, leading_sense;
  int lead_weeks = 0;
  // Pearson's r between the leading KPI's weekly values and the lagging one's `lead_weeks`
  // later, over the whole analysis (null with fewer than 5 pairs or a flat series).
  std::optional<double> correlation;
};

struct LeadLagAnalysis {
  std::string from, to, timezone;
  std::vector<std::string> weeks;  // ISO labels, oldest first
  std::vector<KpiWeeks> leading, lagging;
  std::vector<LeadLagLink> links;  // newest lagging move first
};

Result<LeadLagAnalysis> AnalyseLeadLag(const LoadedWorkspace& workspace, const LeadLagRequest& request);
std::string RenderLeadLag(const LeadLagAnalysis& analysis, const std::string& format);  // json or table

}  // namespace supportlens
