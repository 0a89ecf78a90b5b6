#pragma once
// Mergeable KPI states (the DuckDB/ClickHouse aggregate shape): Add, Merge, then Finish into
// a KpiValue. An empty state finishes to null ("no data"), never 0.
#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <vector>

#include "engine/order_statistics.h"
#include "supportlens/query.h"

namespace supportlens {

inline double Round2(double v) { return std::round(v * 100.0) / 100.0; }

struct RatioState {
  double num = 0, den = 0;
  void Add(bool hit, double weight = 1) { num += hit ? weight : 0; den += weight; }
  void Merge(const RatioState& o) { num += o.num; den += o.den; }
  // Percentage of num over den; n is the denominator's count.
  void FinishPercent(KpiValue& out) const {
    out.n = static_cast<int64_t>(den);
    out.value = den > 0 ? std::optional<double>(Round2(100.0 * num / den)) : std::nullopt;
  }
};

struct MeanState {
  double sum = 0;
  int64_t n = 0;
  void Add(double v) { sum += v; ++n; }
  void Merge(const MeanState& o) { sum += o.sum; n += o.n; }
  std::optional<double> Mean() const { return n > 0 ? std::optional<double>(sum / static_cast<double>(n)) : std::nullopt; }
};

// Linear interpolation between closest ranks (Hyndman-Fan type 7, as DuckDB's quantile_cont and
// numpy's default): the median of an even count is the mean of the two middle values.
inline double Quantile(const std::vector<double>& sorted, double q) {
  double pos = q * static_cast<double>(sorted.size() - 1);
  size_t lo = static_cast<size_t>(std::floor(pos));
  size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
}

// Median (as value), mean, p90 and n of the durations in [first, last) (doubles, or whole
// seconds). The quantiles are Quantile()'s: the two order statistics around each position,
// interpolated.
template <typename T>
void FinishDurations(const T* first, const T* last, KpiValue& out) {
  out.is_duration = true;
  out.n = last - first;
  if (first == last) return;
  double sum = 0;
  for (const T* v = first; v != last; ++v) sum += static_cast<double>(*v);
  const size_t n = static_cast<size_t>(last - first);
  const double median_pos = 0.5 * static_cast<double>(n - 1), p90_pos = 0.9 * static_cast<double>(n - 1);
  const auto median_lo = static_cast<size_t>(std::floor(median_pos)), p90_lo = static_cast<size_t>(std::floor(p90_pos));
  const size_t ranks[4] = {median_lo, std::min(median_lo + 1, n - 1), p90_lo, std::min(p90_lo + 1, n - 1)};
  T found[4];
  OrderStatistics(first, last, ranks, found);
  double at[4];
  for (int i = 0; i < 4; ++i) at[i] = static_cast<double>(found[i]);
  out.median = Round2(at[0] + (at[1] - at[0]) * (median_pos - static_cast<double>(median_lo)));
  out.p90 = Round2(at[2] + (at[3] - at[2]) * (p90_pos - static_cast<double>(p90_lo)));
  out.mean = Round2(sum / static_cast<double>(n));
  out.value = out.median;
}

struct DurationState {
  std::vector<double> values;
  void Add(double seconds) { values.push_back(seconds); }
  void Merge(const DurationState& o) { values.insert(values.end(), o.values.begin(), o.values.end()); }
  void Finish(KpiValue& out) { FinishDurations(values.data(), values.data() + values.size(), out); }
};

// Durations of many groups laid out in one buffer that a thread reuses from KPI to KPI: count
// per group first, then fill, then finish each group's slice. It gives the same figures as a
// DurationState per group without growing (and first-touching) a fresh vector per group.
// Durations are nearly always whole seconds: they are kept as 32-bit integers until a value is
// not one, and only then as doubles. That halves the buffer, the largest memory of a report
// (10M values at 10M tickets), and fresh memory costs more to touch than values cost to sort.
class GroupedDurations {
 public:
  void Count(int32_t g) {
    if (static_cast<size_t>(g) >= counts_.size()) counts_.resize(static_cast<size_t>(g) + 1, 0);
    ++counts_[static_cast<size_t>(g)];
  }
  void StartFilling() {
    fill_.assign(counts_.size() + 1, 0);
    for (size_t g = 0; g < counts_.size(); ++g) fill_[g + 1] = fill_[g] + counts_[g];
    begin_ = fill_;
    // Every slot is written before it is read: no need to zero a fresh buffer.
    whole_ = Grow(ThreadBuffers().whole, fill_.back());
  }
  void Add(int32_t g, double v) {
    size_t& slot = fill_[static_cast<size_t>(g)];
    if (!values_) {
      if (v >= kMinWhole && v <= kMaxWhole && v == std::floor(v)) {
        whole_[slot++] = static_cast<int32_t>(v);
        return;
      }
      ToDoubles();
    }
    values_[slot++] = v;
  }
  template <typename Out>
  void Finish(Out& out) {
    for (size_t g = 0; g < counts_.size(); ++g) {
      if (counts_[g] == 0) continue;
      KpiValue& v = out[static_cast<int32_t>(g)];
      if (values_) FinishDurations(values_ + begin_[g], values_ + begin_[g] + counts_[g], v);
      else FinishDurations(whole_ + begin_[g], whole_ + begin_[g] + counts_[g], v);
    }
  }

 private:
  static constexpr double kMinWhole = -2147483648.0, kMaxWhole = 2147483647.0;
  // At the first value that is not a whole number of seconds, what was filled so far moves over.
  void ToDoubles() {
    values_ = Grow(ThreadBuffers().doubles, fill_.back());
    for (size_t g = 0; g + 1 < fill_.size(); ++g)
      for (size_t i = begin_[g]; i < fill_[g]; ++i) values_[i] = whole_[i];
  }
  template <typename T>
  struct Buffer {
    std::unique_ptr<T[]> values;
    size_t size = 0;
  };
  template <typename T>
  static T* Grow(Buffer<T>& b, size_t at_least) {
    if (b.size < at_least) {
      b.values.reset(new T[at_least]);
      b.size = at_least;
    }
    return b.values.get();
  }
  struct Buffers {
    Buffer<int32_t> whole;
    Buffer<double> doubles;
  };
  // Kept from KPI to KPI; one state fills at a time per thread.
  static Buffers& ThreadBuffers() {
    static thread_local Buffers buffers;
    return buffers;
  }
  int32_t* whole_ = nullptr;
  double* values_ = nullptr;  // set once a value is not whole: then every value is here
  std::vector<size_t> counts_, fill_, begin_;
};

// Counts per dictionary id (-1 = none) inside one group's figure, such as tickets per channel: an
// array indexed by id instead of a map keyed by name, which costs a lookup per record.
struct IdCounts {
  std::vector<int64_t> counts;  // [id + 1]
  void Add(int32_t id) {
    const auto i = static_cast<size_t>(id + 1);
    if (i >= counts.size()) counts.resize(i + 1, 0);
    ++counts[i];
  }
  int64_t Of(int32_t id) const {
    const auto i = static_cast<size_t>(id + 1);
    return i < counts.size() ? counts[i] : 0;
  }
  // (id, count) of every id counted, ids ascending.
  std::vector<std::pair<int32_t, int64_t>> Entries() const {
    std::vector<std::pair<int32_t, int64_t>> out;
    for (size_t i = 0; i < counts.size(); ++i)
      if (counts[i] > 0) out.emplace_back(static_cast<int32_t>(i) - 1, counts[i]);
    return out;
  }
};

// One state per group, grown on demand (groups appear as facts are placed).
template <typename State>
struct PerGroup {
  std::vector<State> states;
  State& operator[](int32_t g) {
    if (static_cast<size_t>(g) >= states.size()) states.resize(static_cast<size_t>(g) + 1);
    return states[static_cast<size_t>(g)];
  }
  size_t size() const { return states.size(); }
};

}  // namespace supportlens
