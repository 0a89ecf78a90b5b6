#pragma once
// A staffing plan: the forecast of offered calls per interval (supportlens/forecast.h), the
// handle time and callers' patience measured in the history, and the agents each interval
// needs for the service target (supportlens/staffing.h), beside the agents scheduled in shifts.
#include <optional>
#include <string>
#include <vector>

#include "supportlens/forecast.h"
#include "supportlens/staffing.h"

namespace supportlens {

struct StaffingPlanRequest {
  ForecastRequest forecast;  // kpi is offered_calls; the plan covers the forecast's horizon
  double target_sl_pct = 80, target_seconds = 20;
  std::optional<double> target_asa_seconds;
  double shrinkage = 0, max_occupancy = 1;
  bool erlang_a = true;  // use the patience measured in the history (Erlang A); false: Erlang C
};

struct StaffingPlanInterval {
  std::string period;
  double calls = 0;          // forecast
  StaffingResult staffing;   // for those calls
  int64_t scheduled = 0;     // agents whose shifts cover the interval's middle
};

struct StaffingPlan {
  ForecastResult forecast;
  double aht_seconds = 0;                 // mean handle time of the history's answered calls
  std::optional<double> patience_seconds; // estimated from the history (null: no abandonment seen)
  int64_t answered = 0, abandoned = 0;    // the history's calls behind those estimates
  std::vector<StaffingPlanInterval> intervals;
};

Result<StaffingPlan> PlanStaffing(const std::string& source, const std::string& workspace, const StaffingPlanRequest& request);
std::string RenderStaffingPlan(const StaffingPlan& plan, const std::string& format);  // json or table

}  // namespace supportlens
