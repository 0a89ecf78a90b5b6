// Volume forecast over a workspace: the history per interval comes from the engine (a report of
// ticket_volume or offered_calls by 15min/30min/hour), the model from holt_winters.cc.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "analytics/holt_winters.h"
#include "core/civil_date.h"
#include "core/time_zone.h"
#include "supportlens/engine.h"
#include "supportlens/forecast.h"

namespace supportlens {
namespace {

double Round2(double v) { return std::round(v * 100) / 100; }

}  // namespace

int64_t ForecastIntervalSeconds(const std::string& interval) {
  if (interval == "15min") return 900;
  if (interval == "30min") return 1800;
  if (interval == "hour") return 3600;
  return 0;
}

Result<ForecastResult> ForecastVolume(const std::string& source, const std::string& workspace, const ForecastRequest& r) {
  if (r.kpi != "ticket_volume" && r.kpi != "offered_calls")
    return Status::InvalidArgument(fmt::format("--kpi: expected ticket_volume or offered_calls, got \"{}\"", r.kpi));
  const int64_t step = ForecastIntervalSeconds(r.interval);
  if (step == 0) return Status::InvalidArgument(fmt::format("--interval: expected 15min, 30min or hour, got \"{}\"", r.interval));
  if (r.horizon_days < 1 || r.horizon_days > 366) return Status::InvalidArgument("--horizon-days: expected 1 to 366");
  if (r.backtest_weeks < 0 || r.backtest_weeks > 52) return Status::InvalidArgument("--backtest-weeks: expected 0 to 52");
  SL_ASSIGN_OR_RETURN(DayNumber from, ParseDate(r.history_from));
  SL_ASSIGN_OR_RETURN(DayNumber to, ParseDate(r.history_to));
  if (to - from < 14) return Status::InvalidArgument("the history needs at least two weeks (--from .. --to)");

  Query q;
  q.from = r.history_from;
  q.to = r.history_to;
  q.kpis = {r.kpi};
  q.by = {r.interval};
  q.filters = r.filters;
  SL_ASSIGN_OR_RETURN(Report report, ComputeReport(source, workspace, q));
  std::vector<double> history;
  for (const ReportRow& row : report.rows) history.push_back(row.kpis[0].value.value_or(0));
  const size_t per_day = static_cast<size_t>(86400 / step), week = per_day * 7;

  ForecastResult out;
  out.request = r;
  out.timezone = report.timezone;
  for (double v : history) out.history_total += v;
  // Backtest on the held-back weeks, when the rest still has two weeks to start from.
  size_t held = static_cast<size_t>(r.backtest_weeks) * week;
  if (held > 0 && history.size() >= held + 2 * week) {
    std::vector<double> train(history.begin(), history.end() - static_cast<std::ptrdiff_t>(held));
    std::vector<double> actual(history.end() - static_cast<std::ptrdiff_t>(held), history.end());
    ForecastError model = MeasureError(actual, FitHoltWinters(train, per_day, held).forecast);
    ForecastError naive = MeasureError(actual, SeasonalNaive(train, per_day, held));
    out.backtest_weeks = r.backtest_weeks;
    out.backtest_intervals = model.n;
    out.mape = Round2(model.mape);
    out.wape = Round2(model.wape);
    out.baseline_mape = Round2(naive.mape);
    out.baseline_wape = Round2(naive.wape);
  }
  const size_t horizon = per_day * static_cast<size_t>(r.horizon_days);
  HoltWintersFit fit = FitHoltWinters(history, per_day, horizon);
  out.alpha = fit.params.alpha;
  out.delta = fit.params.delta;
  out.omega = fit.params.omega;
  // Intervals are labelled in local wall-clock time, day by day from history_to.
  for (size_t h = 0; h < horizon; ++h) {
    int64_t local = int64_t{to} * 86400 + static_cast<int64_t>(h) * step;
    int64_t day = FloorDiv(local, 86400), second = local - day * 86400;
    out.points.push_back({fmt::format("{}T{:02}:{:02}", FormatDate(static_cast<DayNumber>(day)), second / 3600, second % 3600 / 60),
                          Round2(fit.forecast[h])});
  }
  return out;
}

std::string RenderForecast(const ForecastResult& f, const std::string& format) {
  const ForecastRequest& r = f.request;
  if (format == "json") {
    nlohmann::json points = nlohmann::json::array();
    for (auto& p : f.points) points.push_back({{"period", p.period}, {"value", p.value}});
    nlohmann::json doc = {
        {"kpi", r.kpi},
        {"interval", r.interval},
        {"timezone", f.timezone},
        {"history", {{"from", r.history_from}, {"to", r.history_to}, {"total", f.history_total}}},
        {"model", {{"method", "double seasonal Holt-Winters (additive)"}, {"alpha", f.alpha}, {"daily", f.delta}, {"weekly", f.omega}}},
        {"backtest", {{"weeks", f.backtest_weeks}, {"intervals", f.backtest_intervals}, {"mape", f.mape}, {"wape", f.wape},
                      {"baseline", {{"method", "seasonal naive (same interval a week earlier)"}, {"mape", f.baseline_mape}, {"wape", f.baseline_wape}}}}},
        {"forecast", points}};
    return doc.dump(2) + "\n";
  }
  std::string s = fmt::format("{} per {} from {} ({}), history {} .. {}\n", r.kpi, r.interval, f.points.empty() ? "" : f.points[0].period,
                              f.timezone, r.history_from, r.history_to);
  s += fmt::format("model: double seasonal Holt-Winters, alpha {} daily {} weekly {}\n", f.alpha, f.delta, f.omega);
  if (f.backtest_weeks > 0)
    s += fmt::format("backtest on the last {} week(s), {} intervals: MAPE {}%, WAPE {}% (seasonal naive: MAPE {}%, WAPE {}%)\n",
                     f.backtest_weeks, f.backtest_intervals, f.mape, f.wape, f.baseline_mape, f.baseline_wape);
  s += "\nperiod            forecast\n";
  for (auto& p : f.points) s += fmt::format("{:<17} {:>8}\n", p.period, p.value);
  return s;
}

}  // namespace supportlens
