// The volume forecast model: exact on exactly seasonal data, better than the seasonal naive
// baseline when weeks are noisy, and its error measures worked out by hand.
#include "analytics/holt_winters.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace supportlens {
namespace {

// Hourly volumes: a daily shape (busy 9-17), weekends at a third, plus `noise` (Poisson-like).
std::vector<double> Hourly(size_t weeks, double noise, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> eps(0, 1);
  std::vector<double> y;
  for (size_t t = 0; t < weeks * 168; ++t) {
    size_t hour = t % 24, day = t / 24 % 7;
    double v = (hour >= 9 && hour < 17 ? 40 : 8) * (day >= 5 ? 1.0 / 3 : 1.0);
    y.push_back(std::max(0.0, v + noise * eps(rng) * std::sqrt(v)));
  }
  return y;
}

TEST(HoltWinters, ExactlySeasonalDataIsForecastExactly) {
  std::vector<double> y = Hourly(4, 0, 1);
  std::vector<double> next = Hourly(5, 0, 1);
  HoltWintersFit fit = FitHoltWinters(y, 24, 168);
  ASSERT_EQ(fit.forecast.size(), 168u);
  for (size_t h = 0; h < 168; ++h) EXPECT_NEAR(fit.forecast[h], next[4 * 168 + h], 1e-6) << "hour " << h;
}

TEST(HoltWinters, BeatsTheSeasonalNaiveBaselineOnNoisyWeeks) {
  // Six weeks of history, two held back. The naive forecast carries one week's noise into the
  // next; smoothing over weeks averages it out, so the model's error must be lower.
  for (uint64_t seed : {1u, 2u, 3u}) {
    std::vector<double> y = Hourly(8, 1.0, seed);
    std::vector<double> train(y.begin(), y.end() - 2 * 168), actual(y.end() - 2 * 168, y.end());
    ForecastError model = MeasureError(actual, FitHoltWinters(train, 24, 2 * 168).forecast);
    ForecastError naive = MeasureError(actual, SeasonalNaive(train, 24, 2 * 168));
    EXPECT_LT(model.wape, naive.wape) << "seed " << seed;
    EXPECT_GT(model.wape, 0);
  }
}

TEST(HoltWinters, LessThanTwoWeeksRepeatsTheLastWeek) {
  std::vector<double> y = Hourly(1, 0, 1);
  y[5] = 99;
  HoltWintersFit fit = FitHoltWinters(y, 24, 170);
  EXPECT_EQ(fit.forecast[5], 99);    // the same hour a week later
  EXPECT_EQ(fit.forecast[169], y[1]);  // wraps into the week again
}

TEST(HoltWinters, ForecastsAreNeverNegative) {
  std::vector<double> y = Hourly(3, 0, 1);
  for (size_t t = 2 * 168; t < y.size(); ++t) y[t] = 0;  // volume stops in the last week
  for (double v : RunHoltWinters(y, 24, 168, {0.4, 0.4, 0.4}).forecast) EXPECT_GE(v, 0);
}

TEST(ForecastError, MapeAndWapeByHand) {
  // actual 10, 20, 0, 30; forecast 12, 15, 3, 30.
  // |errors| 2, 5, 3, 0. WAPE = 10 / 60 = 16.67 %. MAPE over actual > 0: (0.2 + 0.25 + 0) / 3 = 15 %.
  ForecastError e = MeasureError({10, 20, 0, 30}, {12, 15, 3, 30});
  EXPECT_NEAR(e.wape, 100.0 * 10 / 60, 1e-9);
  EXPECT_NEAR(e.mape, 15.0, 1e-9);
  EXPECT_EQ(e.n, 4u);
}

}  // namespace
}  // namespace supportlens
