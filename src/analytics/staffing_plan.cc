// The staffing plan: forecast, then Erlang per interval with the history's handle time and the
// callers' patience, beside the scheduled shifts.
//
// Patience: callers' patience is taken as exponential (the Erlang A assumption). Its maximum
// likelihood estimate with right-censoring is the total time queued calls waited (abandoned calls
// until they hung up, answered calls until the answer, which only says patience was longer)
// divided by the number of abandonments (e.g. Mandelbaum & Zeltyn, "Staffing many-server queues
// with impatient customers", Oper. Res. 57(5), 2009, on estimating patience from call data).
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/civil_date.h"
#include "engine/accumulators.h"  // Round2
#include "engine/report_engine.h"
#include "supportlens/staffing_plan.h"

namespace supportlens {
namespace {


}  // namespace

Result<StaffingPlan> PlanStaffing(const std::string& source, const std::string& workspace, const StaffingPlanRequest& r) {
  StaffingPlan plan;
  ForecastRequest fr = r.forecast;
  for (auto& [dim, value] : fr.filters)
    if (dim != "channel" && dim != "queue")
      return Status::InvalidArgument(fmt::format("--filter {}: a staffing plan is filtered by channel or queue only", dim));
  fr.kpi = "offered_calls";
  SL_ASSIGN_OR_RETURN(plan.forecast, ForecastVolume(source, workspace, fr));
  SL_ASSIGN_OR_RETURN(std::unique_ptr<LoadedWorkspace> loaded, OpenLoadedWorkspace(source, workspace));
  const Dataset& d = loaded->data();
  SL_ASSIGN_OR_RETURN(DayNumber from, ParseDate(fr.history_from));
  SL_ASSIGN_OR_RETURN(DayNumber to, ParseDate(fr.history_to));
  const TimeZone& zone = d.settings.zone;
  const int64_t history_from = zone.ToUtc(int64_t{from} * 86400), history_to = zone.ToUtc(int64_t{to} * 86400);

  // Handle time and patience from the history's calls (the forecast's filters apply to them too).
  Query filters_only{fr.history_from, fr.history_to, {"offered_calls"}, {}, fr.filters};
  SL_ASSIGN_OR_RETURN(Report check, loaded->Run(filters_only));  // validates the filter names and values
  (void)check;
  auto matches = [&](size_t i) {
    for (auto& [dim, value] : fr.filters) {
      if (dim == "channel" && (d.calls.channel[i] < 0 || d.dict.channel.at(d.calls.channel[i]) != value)) return false;
      if (dim == "queue" && (d.calls.queue[i] < 0 || d.dict.queue.at(d.calls.queue[i]) != value)) return false;
    }
    return true;
  };
  double handle = 0, waited = 0;
  for (size_t i = 0; i < d.calls.size(); ++i) {
    int64_t offered = d.calls.offered_at[i];
    if (offered < history_from || offered >= history_to || !matches(i)) continue;
    if (d.calls.answered_at[i] != kNoTime) {
      ++plan.answered;
      waited += static_cast<double>(d.calls.answered_at[i] - offered);
      double talk = std::isnan(d.calls.talk_s[i]) ? 0 : d.calls.talk_s[i];
      double hold = std::isnan(d.calls.hold_s[i]) ? 0 : d.calls.hold_s[i];
      double acw = std::isnan(d.calls.acw_s[i]) ? 0 : d.calls.acw_s[i];
      handle += talk + hold + acw;
    } else if (d.calls.abandoned_at[i] != kNoTime) {
      ++plan.abandoned;
      waited += static_cast<double>(d.calls.abandoned_at[i] - offered);
    }
  }
  if (plan.answered == 0) return Status::InvalidData("no answered calls in the history: the handle time cannot be measured");
  plan.aht_seconds = std::round(handle / static_cast<double>(plan.answered) * 100) / 100;
  if (plan.aht_seconds <= 0) return Status::InvalidData("the history's answered calls have no handle time (talk_s, hold_s, acw_s)");
  if (plan.abandoned > 0) plan.patience_seconds = std::round(waited / static_cast<double>(plan.abandoned) * 100) / 100;

  const int64_t step = ForecastIntervalSeconds(fr.interval);  // validated by the forecast above
  for (size_t h = 0; h < plan.forecast.points.size(); ++h) {
    const ForecastPoint& p = plan.forecast.points[h];
    StaffingPlanInterval iv;
    iv.period = p.period;
    iv.calls = p.value;
    StaffingRequest s;
    s.calls = p.value;
    s.interval_minutes = static_cast<double>(step) / 60;
    s.aht_seconds = plan.aht_seconds;
    s.target_sl_pct = r.target_sl_pct;
    s.target_seconds = r.target_seconds;
    s.target_asa_seconds = r.target_asa_seconds;
    s.shrinkage = r.shrinkage;
    s.max_occupancy = r.max_occupancy;
    if (r.erlang_a) s.patience_seconds = plan.patience_seconds;
    SL_ASSIGN_OR_RETURN(iv.staffing, ComputeStaffing(s));
    const int64_t middle = zone.ToUtc(int64_t{to} * 86400 + static_cast<int64_t>(h) * step + step / 2);
    for (size_t k = 0; k < d.shifts.size(); ++k) iv.scheduled += d.shifts.start[k] <= middle && middle < d.shifts.end[k];
    plan.intervals.push_back(std::move(iv));
  }
  return plan;
}

std::string RenderStaffingPlan(const StaffingPlan& plan, const std::string& format) {
  const ForecastResult& f = plan.forecast;
  if (format == "json") {
    nlohmann::json intervals = nlohmann::json::array();
    for (auto& iv : plan.intervals)
      intervals.push_back({{"period", iv.period},
                           {"calls", iv.calls},
                           {"agents", iv.staffing.agents},
                           {"rostered", iv.staffing.rostered},
                           {"scheduled", iv.scheduled},
                           {"gap", iv.scheduled - iv.staffing.rostered},
                           {"service_level", Round2(iv.staffing.service_level)},
                           {"asa", Round2(iv.staffing.asa)},
                           {"occupancy", Round2(iv.staffing.occupancy)},
                           {"p_wait", Round2(iv.staffing.p_wait)},
                           {"p_abandon", Round2(iv.staffing.p_abandon)}});
    nlohmann::json doc = {{"interval", f.request.interval},
                          {"timezone", f.timezone},
                          {"model", plan.intervals.empty() ? "erlang_c" : plan.intervals[0].staffing.model},
                          {"history", {{"from", f.request.history_from}, {"to", f.request.history_to}, {"answered_calls", plan.answered},
                                       {"abandoned_calls", plan.abandoned}, {"aht_seconds", plan.aht_seconds},
                                       {"patience_seconds", plan.patience_seconds ? nlohmann::json(*plan.patience_seconds) : nlohmann::json(nullptr)}}},
                          {"forecast", {{"mape", f.mape}, {"wape", f.wape}, {"backtest_weeks", f.backtest_weeks},
                                        {"baseline", {{"mape", f.baseline_mape}, {"wape", f.baseline_wape}}}}},
                          {"intervals", intervals}};
    return doc.dump(2) + "\n";
  }
  std::string s = fmt::format("staffing plan per {} ({}), from history {} .. {}: AHT {} s, patience {}, {} model\n", f.request.interval,
                              f.timezone, f.request.history_from, f.request.history_to, plan.aht_seconds,
                              plan.patience_seconds ? fmt::format("{} s", *plan.patience_seconds) : "not measured",
                              plan.intervals.empty() ? "" : plan.intervals[0].staffing.model);
  if (f.backtest_weeks > 0)
    s += fmt::format("forecast backtest over {} week(s): WAPE {}% (seasonal naive {}%)\n", f.backtest_weeks, f.wape, f.baseline_wape);
  s += fmt::format("\n{:<17} {:>7} {:>6} {:>8} {:>9} {:>6} {:>7} {:>7} {:>6}\n", "period", "calls", "agents", "rostered", "scheduled",
                   "gap", "SL %", "ASA s", "occ %");
  for (auto& iv : plan.intervals)
    s += fmt::format("{:<17} {:>7} {:>6} {:>8} {:>9} {:>6} {:>7} {:>7} {:>6}\n", iv.period, iv.calls, iv.staffing.agents,
                     iv.staffing.rostered, iv.scheduled, iv.scheduled - iv.staffing.rostered, Round2(iv.staffing.service_level),
                     Round2(iv.staffing.asa), Round2(iv.staffing.occupancy));
  return s;
}

}  // namespace supportlens
