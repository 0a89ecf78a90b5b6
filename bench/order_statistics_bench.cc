// Median and p90 of one group's durations, as every duration KPI finishes them: the engine's
// OrderStatistics (histogram over order-preserving keys) against std::nth_element on a copy, the
// selection the engine used before, over the same values. Then many small groups, as the
// scorecard's (group, agent) cells: the engine against a selection per rank.
//
//   build/supportlens_bench --benchmark_filter=MedianAndP90
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "engine/order_statistics.h"

namespace supportlens {
namespace {

// Whole seconds, lognormal (median about 18 minutes), as reply and resolution times are.
std::vector<double> Durations(size_t n) {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> delay(7, 1.5);
  std::vector<double> v(n);
  for (auto& x : v) x = std::round(delay(rng));
  return v;
}

std::vector<size_t> Ranks(size_t n) {
  const auto m = static_cast<size_t>(0.5 * static_cast<double>(n - 1)), p = static_cast<size_t>(0.9 * static_cast<double>(n - 1));
  return {m, std::min(m + 1, n - 1), p, std::min(p + 1, n - 1)};
}

void BM_MedianAndP90ByHistogram(benchmark::State& state) {
  const auto values = Durations(static_cast<size_t>(state.range(0)));
  const auto ranks = Ranks(values.size());
  double out[4];
  for (auto _ : state) {
    OrderStatistics(values.data(), values.data() + values.size(), ranks, out);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_MedianAndP90ByHistogram)->Arg(100000)->Arg(1000000)->Arg(10000000)->Unit(benchmark::kMillisecond);

// The peer: nth_element for the median, then for p90, each with its next order statistic as
// the minimum after it, on a copy made outside the timing.
void BM_MedianAndP90ByNthElement(benchmark::State& state) {
  const auto values = Durations(static_cast<size_t>(state.range(0)));
  const auto ranks = Ranks(values.size());
  std::vector<double> work(values.size());
  for (auto _ : state) {
    state.PauseTiming();
    std::copy(values.begin(), values.end(), work.begin());
    state.ResumeTiming();
    double out[4];
    for (size_t i : {0u, 2u}) {
      auto at = work.begin() + static_cast<std::ptrdiff_t>(ranks[i]);
      std::nth_element(work.begin(), at, work.end());
      out[i] = *at;
      out[i + 1] = at + 1 == work.end() ? *at : *std::min_element(at + 1, work.end());
    }
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_MedianAndP90ByNthElement)->Arg(100000)->Arg(1000000)->Arg(10000000)->Unit(benchmark::kMillisecond);

// 10M durations in groups of range(0) values (the scorecard has about 400 per cell at 10M
// tickets): median and p90 of each by `select(first, last, ranks, out)`.
template <typename Select>
void SmallGroups(benchmark::State& state, Select&& select) {
  const auto values = Durations(10000000);
  const auto size = static_cast<size_t>(state.range(0));
  const auto ranks = Ranks(size);
  double out[4];
  for (auto _ : state) {
    for (size_t first = 0; first + size <= values.size(); first += size) {
      select(values.data() + first, values.data() + first + size, ranks, out);
      benchmark::DoNotOptimize(out);
    }
  }
}

// As the engine finishes them.
void BM_MedianAndP90OfSmallGroups(benchmark::State& state) {
  SmallGroups(state, [](const double* first, const double* last, const std::vector<size_t>& ranks, double* out) {
    OrderStatistics(first, last, ranks, out);
  });
}
BENCHMARK(BM_MedianAndP90OfSmallGroups)->Arg(40)->Arg(400)->Arg(4000)->Unit(benchmark::kMillisecond);

// The peer: each group copied, with a selection (std::nth_element) for each of the four ranks in
// ascending order, each over what lies above the previous one.
void BM_MedianAndP90OfSmallGroupsBySelectionPerRank(benchmark::State& state) {
  std::vector<double> copy;
  SmallGroups(state, [&](const double* first, const double* last, const std::vector<size_t>& ranks, double* out) {
    copy.assign(first, last);
    size_t from = 0;
    for (size_t i = 0; i < ranks.size(); ++i) {
      if (ranks[i] >= from) {
        std::nth_element(copy.begin() + static_cast<std::ptrdiff_t>(from), copy.begin() + static_cast<std::ptrdiff_t>(ranks[i]), copy.end());
        from = ranks[i] + 1;
      }
      out[i] = copy[ranks[i]];
    }
  });
}
BENCHMARK(BM_MedianAndP90OfSmallGroupsBySelectionPerRank)->Arg(40)->Arg(400)->Arg(4000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace supportlens
