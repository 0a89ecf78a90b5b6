#pragma once
// Everything a published report shows, computed from a loaded workspace before any rendering:
// the period and the one before it, KPI values against targets, the biggest movers, daily
// series, breakdowns, the detractor follow-up list and the agent scorecard.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "publish/report_templates.h"
#include "supportlens/kpi_info.h"
#include "supportlens/result.h"
#include "supportlens/targets.h"

namespace supportlens {

class LoadedWorkspace;
class SqliteStore;

struct KpiComparison {
  const KpiInfo* info = nullptr;
  std::optional<double> current, previous;
  int64_t n = 0, previous_n = 0;
  std::optional<double> change_pct;     // relative to the previous period
  std::optional<double> change_points;  // shares and scores (percent, NPS): the difference, in points
  std::string sense;                 // better, worse, up, down, or "" (no change or no data)
  std::vector<TargetStatus> targets;  // of this KPI, workspace-wide and scoped
};

struct DailySeries {
  std::string kpi;
  std::vector<std::string> labels;              // days (or weeks) of the period
  std::vector<std::optional<double>> current, previous;  // the previous period aligned by position
  std::optional<double> target;                 // the workspace-wide bound, when one applies
};

struct BreakdownTable {
  std::string dim;
  std::vector<const KpiInfo*> kpis;
  std::vector<std::string> groups;
  std::vector<std::vector<std::optional<double>>> values;  // [group][kpi]
};

struct Detractor {
  std::string answered_at, kind, response_id, ticket, customer, agent, comment;
  double score = 0, scale_max = 0;
};

struct ScorecardRow {
  std::string name, team;  // team is empty on team rows
  std::vector<std::optional<double>> current, previous;
  int64_t detractors = 0;
};

struct ReportContents {
  const ReportTemplate* report_template = nullptr;
  std::string workspace, timezone, from, to, previous_from, previous_to, generated_at;
  std::vector<KpiComparison> kpis;    // the template's
  std::vector<KpiComparison> movers;  // the catalog's biggest changes, worse first
  std::vector<DailySeries> charts;
  std::vector<BreakdownTable> breakdowns;
  std::vector<Detractor> detractors;  // the lowest scores first, at most kMaxDetractors
  int64_t detractor_total = 0;
  std::vector<const KpiInfo*> scorecard_kpis;
  std::vector<ScorecardRow> agents, teams;
  int64_t target_breaches = 0, targets_at_risk = 0;
  std::vector<std::string> notes;  // what a reader should know, e.g. that the data starts mid-period
};

inline constexpr size_t kMaxDetractors = 50;
inline constexpr size_t kMaxMovers = 8;

// `targets` are checked over the period (ListTargets with the catalog defaults); `store` and
// `workspace_id` give the detractors' comments.
Result<ReportContents> GatherReport(const LoadedWorkspace& loaded, SqliteStore& store, int64_t workspace_id, const std::string& workspace,
                                    const ReportTemplate& report_template, const std::vector<Target>& targets, const std::string& from,
                                    const std::string& to);

}  // namespace supportlens
