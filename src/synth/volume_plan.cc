#include "synth/volume_plan.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "synth/distributions.h"

namespace supportlens::synth {
namespace {

// Relative volume per local hour on a workday and on a weekend day or holiday.
constexpr std::array<double, 24> kWorkdayHours = {0.15, 0.10, 0.08, 0.07, 0.08, 0.15, 0.35, 0.70,
                                                  1.20, 1.60, 1.75, 1.70, 1.45, 1.55, 1.65, 1.55,
                                                  1.35, 1.10, 0.80, 0.60, 0.50, 0.45, 0.35, 0.25};
constexpr std::array<double, 24> kRestdayHours = {0.20, 0.15, 0.10, 0.08, 0.08, 0.10, 0.20, 0.35,
                                                  0.60, 0.85, 1.00, 1.10, 1.10, 1.05, 1.00, 0.95,
                                                  0.95, 0.90, 0.85, 0.80, 0.70, 0.60, 0.45, 0.30};
// Monday .. Sunday: Mondays are the busiest, weekends a third of a weekday.
constexpr std::array<double, 7> kWeekdayWeight = {1.15, 1.08, 1.03, 1.00, 0.90, 0.38, 0.30};
constexpr double kHolidayWeight = 0.30;
constexpr double kGrowthOverRange = 0.10;

double Sum(const std::array<double, 24>& a) { return std::accumulate(a.begin(), a.end(), 0.0); }

}  // namespace

std::vector<int64_t> PlanHourlyVolume(const LocalCalendar& calendar, Rng& rng, int64_t tickets) {
  const int days = calendar.days();
  const size_t cells = static_cast<size_t>(days) * 24;
  std::vector<double> weight(cells, 0.0);
  const double workday_sum = Sum(kWorkdayHours);
  const double restday_sum = Sum(kRestdayHours);
  double total = 0;
  for (int d = 0; d < days; ++d) {
    const bool workday = calendar.IsWorkday(d);
    const double day_weight = (calendar.IsHoliday(d) ? kHolidayWeight : kWeekdayWeight[calendar.Weekday(d)]) *
                              (1.0 + kGrowthOverRange * d / days) * LogNormal(rng, 1.0, 0.08);
    for (int h = 0; h < 24; ++h) {
      // Hour length in hours: 0 for the hour skipped by DST, 2 for a repeated one.
      const double length = static_cast<double>(calendar.HourStart(d, h + 1) - calendar.HourStart(d, h)) / 3600.0;
      const double profile = workday ? kWorkdayHours[h] / workday_sum : kRestdayHours[h] / restday_sum;
      const double w = day_weight * profile * length * LogNormal(rng, 1.0, 0.12);
      weight[static_cast<size_t>(d) * 24 + h] = w;
      total += w;
    }
  }
  std::vector<int64_t> counts(cells, 0);
  if (tickets <= 0 || total <= 0) return counts;
  std::vector<double> remainder(cells, 0.0);
  int64_t assigned = 0;
  for (size_t i = 0; i < cells; ++i) {
    const double quota = static_cast<double>(tickets) * weight[i] / total;
    counts[i] = static_cast<int64_t>(std::floor(quota));
    remainder[i] = quota - static_cast<double>(counts[i]);
    assigned += counts[i];
  }
  std::vector<size_t> order(cells);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return remainder[a] > remainder[b]; });
  // Floating-point quotas can overshoot by a rounding hair: take back from the smallest remainders.
  for (size_t k = cells; assigned > tickets && k > 0; --k) {
    if (counts[order[k - 1]] > 0) {
      --counts[order[k - 1]];
      --assigned;
    }
  }
  for (size_t k = 0; assigned < tickets; k = (k + 1) % cells) {
    if (weight[order[k]] <= 0) continue;
    ++counts[order[k]];
    ++assigned;
  }
  return counts;
}

}  // namespace supportlens::synth
