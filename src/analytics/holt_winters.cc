#include "analytics/holt_winters.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace supportlens {

std::vector<double> SeasonalNaive(const std::vector<double>& history, size_t per_day, size_t horizon) {
  std::vector<double> out(horizon, 0);
  const size_t season = history.size() >= per_day * 7 ? per_day * 7 : per_day;
  if (history.size() < season || season == 0) return out;
  for (size_t h = 0; h < horizon; ++h) out[h] = history[history.size() - season + h % season];
  return out;
}

HoltWintersFit RunHoltWinters(const std::vector<double>& y, size_t per_day, size_t horizon, HoltWintersParams p) {
  HoltWintersFit fit;
  fit.params = p;
  const size_t s1 = per_day, s2 = per_day * 7;
  if (s1 == 0 || y.size() < 2 * s2) {
    fit.forecast = SeasonalNaive(y, per_day, horizon);
    fit.sse = std::numeric_limits<double>::infinity();
    return fit;
  }
  // Initial state from the first two weeks: level = their mean; the daily profile = the mean
  // deviation per time of day; the weekly profile = what is left per time of week.
  double level = 0;
  for (size_t i = 0; i < 2 * s2; ++i) level += y[i];
  level /= static_cast<double>(2 * s2);
  std::vector<double> day(s1, 0), week(s2, 0);
  for (size_t i = 0; i < 2 * s2; ++i) day[i % s1] += (y[i] - level) / 14.0;
  for (size_t i = 0; i < 2 * s2; ++i) week[i % s2] += (y[i] - level - day[i % s1]) / 2.0;
  // Seasonal states are kept in rings indexed by time of day / week.
  double sse = 0;
  for (size_t t = 0; t < y.size(); ++t) {
    double& d = day[t % s1];
    double& w = week[t % s2];
    double predicted = level + d + w;
    if (t >= 2 * s2) sse += (y[t] - predicted) * (y[t] - predicted);
    double new_level = p.alpha * (y[t] - d - w) + (1 - p.alpha) * level;
    double new_day = p.delta * (y[t] - new_level - w) + (1 - p.delta) * d;
    double new_week = p.omega * (y[t] - new_level - d) + (1 - p.omega) * w;
    level = new_level;
    d = new_day;
    w = new_week;
  }
  fit.sse = sse;
  fit.forecast.resize(horizon);
  for (size_t h = 0; h < horizon; ++h) {
    size_t t = y.size() + h;
    fit.forecast[h] = std::max(0.0, level + day[t % s1] + week[t % s2]);
  }
  return fit;
}

HoltWintersFit FitHoltWinters(const std::vector<double>& history, size_t per_day, size_t horizon) {
  // A grid over the three smoothing constants. The forecast is used weeks ahead, so with three
  // weeks or more the constants are chosen by how well the history without its last week
  // forecasts that week; with less, by one-step-ahead error. A high level constant wins
  // one-step fits and then carries the last hours' level into the whole next week.
  static constexpr double kGrid[] = {0.01, 0.05, 0.1, 0.2, 0.4};
  // The weekly constant may go up to 1 (next week = this week), which is the seasonal naive
  // forecast's own assumption, so the fit can always match that baseline's behaviour.
  static constexpr double kWeekGrid[] = {0.01, 0.05, 0.1, 0.2, 0.4, 0.7, 1.0};
  const size_t week = per_day * 7;
  const bool holdout = per_day > 0 && history.size() >= 3 * week;
  std::vector<double> head, last_week;
  if (holdout) {
    head.assign(history.begin(), history.end() - static_cast<std::ptrdiff_t>(week));
    last_week.assign(history.end() - static_cast<std::ptrdiff_t>(week), history.end());
  }
  HoltWintersParams best;
  double best_score = std::numeric_limits<double>::infinity();
  for (double a : kGrid)
    for (double d : kGrid)
      for (double w : kWeekGrid) {
        double score;
        if (holdout) {
          HoltWintersFit fit = RunHoltWinters(head, per_day, week, {a, d, w});
          score = 0;
          for (size_t i = 0; i < week; ++i) score += (last_week[i] - fit.forecast[i]) * (last_week[i] - fit.forecast[i]);
        } else {
          score = RunHoltWinters(history, per_day, 0, {a, d, w}).sse;
        }
        if (score < best_score) {
          best_score = score;
          best = {a, d, w};
        }
      }
  return RunHoltWinters(history, per_day, horizon, best);
}

ForecastError MeasureError(const std::vector<double>& actual, const std::vector<double>& forecast) {
  ForecastError e;
  double abs_sum = 0, actual_sum = 0, ape_sum = 0;
  size_t ape_n = 0;
  for (size_t i = 0; i < std::min(actual.size(), forecast.size()); ++i) {
    double err = std::fabs(actual[i] - forecast[i]);
    abs_sum += err;
    actual_sum += actual[i];
    if (actual[i] > 0) {
      ape_sum += err / actual[i];
      ++ape_n;
    }
    ++e.n;
  }
  e.mape = ape_n ? 100.0 * ape_sum / static_cast<double>(ape_n) : 0;
  e.wape = actual_sum > 0 ? 100.0 * abs_sum / actual_sum : 0;
  return e;
}

}  // namespace supportlens
