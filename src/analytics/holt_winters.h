#pragma once
// Double seasonal Holt-Winters (Taylor, 2003, "Short-term electricity demand forecasting using
// double seasonal exponential smoothing", J. Oper. Res. Soc. 54(8)), additive, without trend:
// a level, a within-day and a within-week seasonal component, for volumes per interval.
#include <cstddef>
#include <vector>

namespace supportlens {

struct HoltWintersParams {
  double alpha = 0.1;  // level
  double delta = 0.1;  // within-day season
  double omega = 0.1;  // within-week season
};

struct HoltWintersFit {
  HoltWintersParams params;
  double sse = 0;                    // one-step-ahead squared error after the first two weeks
  std::vector<double> forecast;      // the next `horizon` intervals, never below zero
};

// `history`: counts per interval, oldest first, `per_day` intervals a day (the week is 7 days).
// Needs two weeks; with less, the forecast repeats the last week (or day) as it was. The
// constants are chosen on a grid: by forecasting the history's last week from the rest when
// there are three weeks, else by one-step-ahead error.
HoltWintersFit FitHoltWinters(const std::vector<double>& history, size_t per_day, size_t horizon);
HoltWintersFit RunHoltWinters(const std::vector<double>& history, size_t per_day, size_t horizon, HoltWintersParams params);

// The seasonal naive forecast: the same interval one week earlier (the usual baseline).
std::vector<double> SeasonalNaive(const std::vector<double>& history, size_t per_day, size_t horizon);

struct ForecastError {
  double mape = 0;  // mean of |error| / actual over intervals with actual > 0, percent
  double wape = 0;  // sum |error| / sum actual, percent
  size_t n = 0;
};
ForecastError MeasureError(const std::vector<double>& actual, const std::vector<double>& forecast);

}  // namespace supportlens
