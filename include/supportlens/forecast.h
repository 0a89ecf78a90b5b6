#pragma once
// Volume forecast per interval (tickets or offered calls) with daily and weekly seasonality,
// and its error measured by backtesting on held-back weeks. Method: docs/forecast.md.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "supportlens/result.h"

namespace supportlens {

struct ForecastRequest {
  std::string kpi = "ticket_volume";  // ticket_volume or offered_calls
  std::string interval = "hour";      // 15min, 30min or hour
  std::string history_from, history_to;  // YYYY-MM-DD, local; the forecast starts at history_to
  int horizon_days = 7;
  int backtest_weeks = 2;
  std::vector<std::pair<std::string, std::string>> filters;  // e.g. channel=phone, queue=PS
};

struct ForecastPoint {
  std::string period;  // local start of the interval, YYYY-MM-DDTHH:MM
  double value = 0;
};

struct ForecastResult {
  ForecastRequest request;
  std::string timezone;
  double alpha = 0, delta = 0, omega = 0;  // the smoothing constants chosen
  // Backtest: the model fitted without the last `backtest_weeks` weeks of history and scored on
  // them, beside the seasonal naive forecast (the same interval a week earlier) as a baseline.
  int backtest_weeks = 0;
  size_t backtest_intervals = 0;
  double mape = 0, wape = 0, baseline_mape = 0, baseline_wape = 0;
  double history_total = 0;
  std::vector<ForecastPoint> points;
};

// Seconds in a forecast interval ("15min", "30min", "hour"); 0 for anything else.
int64_t ForecastIntervalSeconds(const std::string& interval);

Result<ForecastResult> ForecastVolume(const std::string& source, const std::string& workspace, const ForecastRequest& request);
std::string RenderForecast(const ForecastResult& result, const std::string& format);  // json or table

}  // namespace supportlens
