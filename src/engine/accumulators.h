#pragma once
// Mergeable KPI states (the DuckDB/ClickHouse aggregate shape): Add, Merge, then Finish into
// a KpiValue. An empty state finishes to null ("no data"), never 0.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <type_traits>
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

// The order statistics a duration figure needs: the two around the median's position and the
// two around the p90's, of n values (n > 0), for Quantile()'s interpolation.
struct DurationRanks {
  explicit DurationRanks(size_t n)
      : median_pos(0.5 * static_cast<double>(n - 1)), p90_pos(0.9 * static_cast<double>(n - 1)),
        median_lo(static_cast<size_t>(std::floor(median_pos))), p90_lo(static_cast<size_t>(std::floor(p90_pos))),
        ranks{median_lo, std::min(median_lo + 1, n - 1), p90_lo, std::min(p90_lo + 1, n - 1)} {}
  double median_pos, p90_pos;
  size_t median_lo, p90_lo;
  size_t ranks[4];  // the median's two, then the p90's two (which may repeat or precede the former)
};

// The median (as value) from the values at r's first two ranks.
inline void FinishMedian(const DurationRanks& r, const double at[2], KpiValue& out) {
  out.median = Round2(at[0] + (at[1] - at[0]) * (r.median_pos - static_cast<double>(r.median_lo)));
  out.value = out.median;
}

// Median (as value), mean and p90 of n values from their sum and the values at r's ranks.
inline void FinishFromOrderStatistics(const DurationRanks& r, size_t n, double sum, const double at[4], KpiValue& out) {
  FinishMedian(r, at, out);
  out.p90 = Round2(at[2] + (at[3] - at[2]) * (r.p90_pos - static_cast<double>(r.p90_lo)));
  out.mean = Round2(sum / static_cast<double>(n));
}

// Median (as value), mean, p90 and n of the durations in [first, last), with select(first, last,
// ranks, found) finding the values at the ranks. The sum is taken first, in the values' order,
// so that a selection may reorder them.
template <typename T, typename Select>
void FinishDurationsBy(T* first, T* last, KpiValue& out, bool value_only, Select&& select) {
  out.is_duration = true;
  out.n = last - first;
  if (first == last) return;
  const size_t n = static_cast<size_t>(last - first);
  const DurationRanks r(n);
  const size_t wanted = value_only ? 2 : 4;  // the median's ranks come first
  double sum = 0;
  if (!value_only)
    for (const T* v = first; v != last; ++v) sum += static_cast<double>(*v);
  std::remove_const_t<T> found[4];
  select(first, last, std::span<const size_t>(r.ranks, wanted), found);
  double at[4];
  for (size_t i = 0; i < wanted; ++i) at[i] = static_cast<double>(found[i]);
  if (value_only) return FinishMedian(r, at, out);
  FinishFromOrderStatistics(r, n, sum, at, out);
}

// Median (as value), mean, p90 and n of the durations in [first, last) (doubles, or whole
// seconds). The quantiles are Quantile()'s: the two order statistics around each position,
// interpolated. With `value_only`, only the median (as value) and n: half the selection.
template <typename T>
void FinishDurations(const T* first, const T* last, KpiValue& out, bool value_only = false) {
  FinishDurationsBy(first, last, out, value_only, [](auto... a) { OrderStatistics(a...); });
}

// The same for values the caller gathered for it, which the selection may reorder (no copy).
template <typename T>
void FinishGatheredDurations(T* first, T* last, KpiValue& out, bool value_only = false) {
  FinishDurationsBy(first, last, out, value_only, [](auto... a) { OrderStatisticsInPlace(a...); });
}

struct DurationState {
  std::vector<double> values;
  void Add(double seconds) { values.push_back(seconds); }
  void Merge(const DurationState& o) { values.insert(values.end(), o.values.begin(), o.values.end()); }
  void Finish(KpiValue& out) { FinishDurations(values.data(), values.data() + values.size(), out); }
};

// Whole-number counters a record adds to are kept in kCountLanes lanes, a record's lane being its
// index modulo kCountLanes: records of one group in a row (a month's, as tickets come in time
// order) would otherwise each wait on the previous one's store to the same counter. Whole numbers
// add up the same in any order; doubles do not, and no double sum is split this way.
inline constexpr size_t kCountLanes = 4;

// The durations of each group of a KPI, finished into median, mean, p90 and n. Over() runs the
// passes over the records itself and picks the way; a caller can also run the two passes (Count,
// then StartFilling and Add, then Finish). Three ways, with the same figures:
// - Bracketed, in one pass, for many records in a few groups whose values are cheap to compute
//   (calendar seconds): a sample of a 64th of the records tells each group a value range around each
//   wanted rank, wide enough to hold it with a wide margin; the pass sums each group, counts the
//   values below each range and keeps those inside. A rank that falls outside its range after all
//   (values far from the sample's) sends the records through the two passes below instead. Whole
//   seconds given as integers take two counters per value (see AddBracketed).
// - Streamed, for a few groups whose values are cheap to compute twice (calendar seconds): the
//   first pass also sums each group and counts its values per bucket of a histogram, which tells
//   the bucket of each wanted rank; the second keeps only the values of those buckets, and the
//   ranks are selected among them. No value is stored otherwise: at 10M tickets that spares a
//   40 to 60 MB buffer, and fresh memory costs more to touch than values cost to compute.
// - Buffered, otherwise (many groups, as the scorecard's agents, or business seconds): each group's
//   values are kept in a buffer that a thread reuses from KPI to KPI, then selected among. They
//   are kept as 32-bit whole seconds until a value is not one, and only then as doubles. Over()
//   fills it in one pass, each group's values in blocks of a cache line's size (see Blocked);
//   the two passes of Count and Add lay each group's values out in one run instead.
class GroupedDurations {
 public:
  // `stream`: the caller gives each value to Count too (see Count).
  // `value_only`: only each group's value (the median) and n are read (see FinishDurations).
  explicit GroupedDurations(bool stream = false, bool value_only = false) : streaming_(stream), value_only_(value_only) {}

  // Every pass over records [0, records), then Finish(out). visit(i, emit) calls emit(g, value)
  // when record i counts, in group g, and value() gives its duration (called only when needed,
  // and only with `stream` more than once per record). counted(g, i, v) is called once per
  // counted record with its duration, in record order (for drilling, or sums beside), from
  // inside that record's emit: what visit worked out for record i is still at hand.
  template <typename Visit, typename Counted, typename Out>
  void Over(size_t records, Visit&& visit, Counted&& counted, Out& out) {
    if (streaming_ && records >= kMinBracketed) {
      if (!PlanBrackets(records, visit)) {
        // More groups than ranges are for: more than histograms are for too.
        streaming_ = false;
        return RunBlocked(records, visit, counted, out);
      }
      VisitCounted(records, visit, [&](size_t i, int32_t g, auto v) {
        AddBracketed(g, v, i);
        counted(g, i, static_cast<double>(v));
      });
      passes_ = 1;
      if (FinishBracketed(out)) return;
      // Some rank fell outside its range: the two passes, with `counted` already called.
      bracketed_.clear();
      counts_.clear();
      whole_ranges_.clear();
      whole_codes_.clear();
      whole_sums_.clear();
      RunTwoPasses(records, visit, [](int32_t, size_t, double) {}, out);
      passes_ = 3;
      return;
    }
    if (!streaming_) return RunBlocked(records, visit, counted, out);
    RunTwoPasses(records, visit, counted, out);
    passes_ = 2;
  }
  // The full passes over the records Over() made: 1 bracketed or blocked, 2 counted then added,
  // 3 when a bracketed pass missed a rank and the two passes followed (the sample is left out).
  int passes() const { return passes_; }

  // First pass. value() gives the duration; it is called only while the state streams.
  template <typename Value>
  [[gnu::always_inline]] void Count(int32_t g, Value&& value) {
    const auto i = static_cast<size_t>(g);
    if (i >= counts_.size()) counts_.resize(i + 1, 0);
    ++counts_[i];
    if (!streaming_) return;
    if (i >= kMaxStreamedGroups) {  // too many histograms: buffered after all (the counts suffice)
      streaming_ = false;
      streamed_.clear();
      return;
    }
    if (i >= streamed_.size()) streamed_.resize(i + 1);
    Streamed& s = streamed_[i];
    if (s.histogram.empty()) s.histogram.assign(size_t{1} << kBucketBits, 0);
    const double v = value();
    ++s.histogram[BucketOf(v)];
    s.sum += v;
  }
  void StartFilling() {
    if (streaming_) return PickBuckets();
    fill_.assign(counts_.size() + 1, 0);
    for (size_t g = 0; g < counts_.size(); ++g) fill_[g + 1] = fill_[g] + counts_[g];
    begin_ = fill_;
    // Every slot is written before it is read: no need to zero a fresh buffer.
    whole_ = Grow(ThreadBuffers().whole, fill_.back());
  }
  // Second pass: the same values, in the same order, as the first.
  [[gnu::always_inline]] void Add(int32_t g, double v) {
    if (streaming_) {
      Streamed& s = streamed_[static_cast<size_t>(g)];
      const uint32_t b = BucketOf(v);
      for (size_t k = 0; k < s.buckets; ++k)
        if (b == s.bucket[k]) s.picked[k].push_back(v);
      return;
    }
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
  // Reserves this thread's buffers for up to n durations without touching them: growing one
  // from KPI to KPI would free memory already touched and touch a larger block afresh.
  static void ReserveForThread(size_t n) {
    // Blocks leave the last one of each group part empty: an eighth more holds that for up to
    // a group per 128 values (the scorecard has one per 400 or so).
    const size_t blocks = (n + n / 8) / kBlock + 1024;
    Grow(ThreadBuffers().whole, blocks * kBlock);
    Grow(ThreadBuffers().doubles, blocks * kBlock);
    Grow(ThreadBuffers().owner, blocks);
  }
  template <typename Out>
  void Finish(Out& out) {
    for (size_t g = 0; g < counts_.size(); ++g) {
      if (counts_[g] == 0) continue;
      KpiValue& v = out[static_cast<int32_t>(g)];
      if (streaming_) FinishStreamed(g, v);
      else if (values_) FinishDurations(values_ + begin_[g], values_ + begin_[g] + counts_[g], v, value_only_);
      else FinishDurations(whole_ + begin_[g], whole_ + begin_[g] + counts_[g], v, value_only_);
    }
  }

 private:
  // Calls fn(i, g, v) for each counted record i, its group and its duration, as value() gives
  // it (whole seconds as an integer, or a double).
  template <typename Visit, typename Fn>
  static void VisitCounted(size_t records, Visit& visit, Fn&& fn) {
    for (size_t i = 0; i < records; ++i)
      visit(i, [&](int32_t g, auto&& value) { fn(i, g, value()); });
  }
  // Blocked: one pass, each group's values appended to its last block, then finished.
  template <typename Visit, typename Counted, typename Out>
  void RunBlocked(size_t records, Visit& visit, Counted&& counted, Out& out) {
    if (records > std::numeric_limits<uint32_t>::max()) {  // a group's count must fit GroupBlocks::n
      RunTwoPasses(records, visit, counted, out);
      passes_ = 2;
      return;
    }
    Buffers& buffers = ThreadBuffers();
    whole_ = buffers.whole.values.get();
    owner_ = buffers.owner.values.get();
    capacity_ = std::min(buffers.whole.size / kBlock, buffers.owner.size);
    VisitCounted(records, visit, [&](size_t i, int32_t g, auto v) {
      AddBlocked(g, static_cast<double>(v));
      counted(g, i, static_cast<double>(v));
    });
    FinishBlocked(out);
    passes_ = 1;
  }
  // The two passes (streamed or buffered), then Finish.
  template <typename Visit, typename Counted, typename Out>
  void RunTwoPasses(size_t records, Visit& visit, Counted&& counted, Out& out) {
    for (size_t i = 0; i < records; ++i) visit(i, [&](int32_t g, auto&& value) { Count(g, value); });
    StartFilling();
    VisitCounted(records, visit, [&](size_t i, int32_t g, auto v) {
      Add(g, static_cast<double>(v));
      counted(g, i, static_cast<double>(v));
    });
    Finish(out);
  }

  // Bracketed: below this many records the sample is too small to be worth a pass of its own.
  static constexpr size_t kMinBracketed = size_t{1} << 16;
  // The sample: runs of 16 consecutive records, one every 1,024 (a 64th of them), read as
  // sequential memory rather than a cache line per sampled record.
  static constexpr size_t kSampleRun = 16, kSampleEvery = 1024, kSampleStride = kSampleEvery / kSampleRun;
  static constexpr size_t kMaxBracketedGroups = 64;
  // A range is tested on the values' ordered bits (OrderKey): one unsigned comparison, where two
  // on doubles compile to branches that half the values mispredict.
  // Whole seconds (an integer value()) are tested on WholeKey, with no conversion to a double.
  static uint64_t WholeKey(int64_t v) { return static_cast<uint64_t>(v) ^ (uint64_t{1} << 63); }
  struct Bracket {
    uint64_t lo;                 // OrderKey of the range's low end
    uint64_t span;               // OrderKey of its high end - lo: both ends included
    uint64_t whole_lo = 0, whole_span = 0;  // the same as WholeKeys, for whole seconds
    size_t below = 0;            // values under the range
    std::vector<double> inside;  // values in it
    void Set(double low, double high) {
      lo = OrderKey(low);
      span = OrderKey(high) - lo;
      // The whole numbers in [low, high]: the sample of whole seconds gives whole ends (or an
      // open one), so the range is never empty.
      constexpr double kLowest = -9.2e18, kHighest = 9.2e18;
      whole_lo = low < kLowest ? 0 : WholeKey(static_cast<int64_t>(std::ceil(low)));
      const uint64_t whole_hi = high > kHighest ? ~uint64_t{0} : WholeKey(static_cast<int64_t>(std::floor(high)));
      whole_span = whole_hi - whole_lo;
    }
  };
  struct Bracketed {
    double sum = 0;  // in the order of the records, as a buffered slice sums them
    // Whole seconds are summed as integers: when every one is in [0, 2^31) and the sum is under
    // 2^53, every partial sum a double takes in the records' order is exact, and so equals this
    // one (the lanes' sums, see kCountLanes, add up to the same).
    int64_t whole_sum = 0;
    size_t ranges = 0;  // 0 until planned or reached
    Bracket range[2];   // around the median, then the p90; one open range if unsampled
  };
  std::vector<Bracketed> bracketed_;  // per group
  static constexpr uint64_t kExactWholeSums = uint64_t{1} << 53;
  // Whole seconds' state per group, kept apart from bracketed_ so that a value touches two
  // counters and one line of ranges: the ranges as WholeKeys, a count per code, the sum.
  struct WholeRanges {
    uint64_t lo[2], span[2];
  };
  static constexpr size_t kWholeCodes = 8;  // below range 0, below range 1, outside [0, 2^31): one bit each
  // Whole values in [0, 2^31) only: their integer sums cannot overflow (fewer than 2^32 records),
  // and the one check left is the sum's 2^53. Any other value sends the records through the two
  // passes.
  static constexpr uint64_t kMaxSmallWhole = 2147483647;
  std::vector<WholeRanges> whole_ranges_;
  std::vector<size_t> whole_codes_;   // [(group * kCountLanes + lane) * kWholeCodes + code]
  std::vector<int64_t> whole_sums_;  // [group * kCountLanes + lane]
  int passes_ = 0;
  // Samples a 64th of the records and sets each sampled group's ranges; false (nothing
  // kept) when the sample shows more groups than a one-pass state is meant for.
  template <typename Visit>
  bool PlanBrackets(size_t records, Visit& visit) {
    std::vector<std::vector<double>> sample;
    bool too_many = false;
    for (size_t run = 0; run < records && !too_many; run += kSampleEvery)
      for (size_t i = run; i < std::min(run + kSampleRun, records); ++i)
        visit(i, [&](int32_t g, auto&& value) {
          const auto k = static_cast<size_t>(g);
          if (k >= kMaxBracketedGroups) return void(too_many = true);
          if (k >= sample.size()) sample.resize(k + 1);
          sample[k].push_back(static_cast<double>(value()));
        });
    if (too_many) return false;
    bracketed_.resize(sample.size());
    for (size_t g = 0; g < sample.size(); ++g) PlanGroup(sample[g], bracketed_[g]);
    counts_.assign(bracketed_.size(), 0);
    for (Bracketed& b : bracketed_) OpenIfUnplanned(b);  // the groups the sample missed
    MirrorWholeRanges();
    return true;
  }
  // The ranges of one group from its sample (reordered here): around each wanted quantile's
  // position in the sample, five standard deviations of a sample rank plus five values on each side.
  void PlanGroup(std::vector<double>& sample, Bracketed& b) {
    if (sample.empty()) return;  // an open range (OpenRange)
    const double m = static_cast<double>(sample.size());
    auto at = [&](double i) {  // the sample's i-th smallest value
      double* nth = sample.data() + static_cast<size_t>(i);
      NthElement(sample.data(), nth, sample.data() + sample.size());
      return *nth;
    };
    constexpr double kInf = std::numeric_limits<double>::infinity();
    for (double q : {0.5, 0.9}) {
      if (q != 0.5 && value_only_) break;
      const double pos = q * (m - 1), margin = 5 * std::sqrt(m * q * (1 - q)) + 5;
      const double lo_at = std::floor(pos - margin), hi_at = std::ceil(pos + margin) + 1;
      Bracket& r = b.range[b.ranges++];
      r.Set(lo_at <= 0 ? -kInf : at(lo_at), hi_at >= m - 1 ? kInf : at(hi_at));
      // About that share of the group's values falls inside (the sample is a 64th of the records).
      r.inside.reserve(static_cast<size_t>((std::min(hi_at, m - 1) - std::max(lo_at, 0.0) + 1) * kSampleStride * 1.1));
    }
  }
  // Inline: it runs once per record.
  template <typename V>
  [[gnu::always_inline]] void AddBracketed(int32_t g, V v, size_t record) {
    const auto i = static_cast<size_t>(g);
    if constexpr (std::is_integral_v<V> && (std::is_signed_v<V> || sizeof(V) < 8)) {
      // Whole seconds: two counters per value, its code (which ranges it lies below, whether it
      // is outside [0, 2^31)) and its group's sum, in place of a count, a double sum and a count
      // below each range. The code's counts give those at the end.
      if (i >= whole_ranges_.size()) [[unlikely]] OpenRange(i);
      const auto w = static_cast<int64_t>(v);
      const WholeRanges& r = whole_ranges_[i];
      const uint64_t key = WholeKey(w);
      const size_t lane = i * kCountLanes + record % kCountLanes;
      ++whole_codes_[lane * kWholeCodes +
                     (static_cast<size_t>(key < r.lo[0]) | static_cast<size_t>(key < r.lo[1]) << 1 |
                      static_cast<size_t>(static_cast<uint64_t>(w) > kMaxSmallWhole) << 2)];
      whole_sums_[lane] += w;
      if (key - r.lo[0] <= r.span[0]) [[unlikely]] bracketed_[i].range[0].inside.push_back(static_cast<double>(w));
      if (key - r.lo[1] <= r.span[1]) [[unlikely]] bracketed_[i].range[1].inside.push_back(static_cast<double>(w));
    } else {
      if (i >= bracketed_.size() || bracketed_[i].ranges == 0) [[unlikely]] OpenRange(i);
      ++counts_[i];
      Bracketed& b = bracketed_[i];
      b.sum += static_cast<double>(v);
      // Without a branch on which side of a range a value lies (half of them lie below the
      // median's); the one branch, into the range, is rarely taken.
      const uint64_t key = OrderKey(static_cast<double>(v));
      for (size_t k = 0; k < b.ranges; ++k) {
        Bracket& r = b.range[k];
        r.below += static_cast<size_t>(key < r.lo);
        if (key - r.lo <= r.span) [[unlikely]] r.inside.push_back(static_cast<double>(v));
      }
    }
  }
  // A group the sample missed keeps every value, in one open range.
  [[gnu::noinline]] void OpenRange(size_t i) {
    if (i >= bracketed_.size()) {
      bracketed_.resize(i + 1);
      counts_.resize(i + 1, 0);
    }
    OpenIfUnplanned(bracketed_[i]);
    MirrorWholeRanges();
  }
  static void OpenIfUnplanned(Bracketed& b) {
    if (b.ranges == 0) b.range[b.ranges++].Set(-std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity());
  }
  // The whole-seconds view of every group's ranges (see AddBracketed), sized as bracketed_.
  // A range not in use gets one only INT64_MIN reaches (key 0), a value that sends the records
  // through the two passes anyway.
  void MirrorWholeRanges() {
    whole_ranges_.resize(bracketed_.size());
    whole_codes_.resize(bracketed_.size() * kCountLanes * kWholeCodes, 0);
    whole_sums_.resize(bracketed_.size() * kCountLanes, 0);
    for (size_t g = 0; g < bracketed_.size(); ++g)
      for (size_t k = 0; k < 2; ++k) {
        const bool used = k < bracketed_[g].ranges;
        whole_ranges_[g].lo[k] = used ? bracketed_[g].range[k].whole_lo : 0;
        whole_ranges_[g].span[k] = used ? bracketed_[g].range[k].whole_span : 0;
      }
  }
  // The counts the codes stand for, into counts_ and each range's `below`; false when a group's
  // whole seconds cannot stand for a sum of doubles (see Bracketed::whole_sum).
  bool FoldWholeCodes() {
    for (size_t g = 0; g < bracketed_.size(); ++g) {
      size_t n = 0, outside = 0, below[2] = {0, 0};
      int64_t sum = 0;
      for (size_t lane = g * kCountLanes; lane < (g + 1) * kCountLanes; ++lane) {
        const size_t* codes = whole_codes_.data() + lane * kWholeCodes;
        for (size_t c = 0; c < kWholeCodes; ++c) {
          n += codes[c];
          outside += (c & 4) ? codes[c] : 0;
          for (size_t k = 0; k < 2; ++k) below[k] += (c >> k & 1) ? codes[c] : 0;
        }
        sum += whole_sums_[lane];
      }
      if (n == 0) continue;
      // Values outside [0, 2^31), a sum past 2^53, or doubles in the same group (counted in counts_
      // as they came): the two passes sum them as doubles.
      if (outside != 0 || sum >= static_cast<int64_t>(kExactWholeSums) || counts_[g] != 0) return false;
      counts_[g] += n;
      bracketed_[g].whole_sum = sum;
      for (size_t k = 0; k < bracketed_[g].ranges; ++k) bracketed_[g].range[k].below += below[k];
    }
    return true;
  }
  // Finishes every group when each wanted rank lies inside one of its group's ranges; false,
  // with `out` untouched, when one does not.
  template <typename Out>
  bool FinishBracketed(Out& out) {
    if (!FoldWholeCodes()) return false;
    const size_t wanted = value_only_ ? 2 : 4;
    std::vector<std::array<std::pair<Bracket*, size_t>, 4>> found(counts_.size());  // range, rank in it
    for (size_t g = 0; g < counts_.size(); ++g) {
      if (counts_[g] == 0) continue;
      const DurationRanks r(counts_[g]);
      for (size_t k = 0; k < wanted; ++k) {
        found[g][k] = {nullptr, 0};
        for (size_t j = 0; j < bracketed_[g].ranges; ++j) {
          Bracket& b = bracketed_[g].range[j];
          if (r.ranks[k] >= b.below && r.ranks[k] - b.below < b.inside.size()) found[g][k] = {&b, r.ranks[k] - b.below};
        }
        if (!found[g][k].first) return false;
      }
    }
    for (size_t g = 0; g < counts_.size(); ++g) {
      if (counts_[g] == 0) continue;
      KpiValue& v = out[static_cast<int32_t>(g)];
      v.is_duration = true;
      v.n = counts_[g];
      double at[4];
      for (size_t k = 0; k < wanted; ++k) {
        auto [b, inner] = found[g][k];
        NthElement(b->inside.data(), b->inside.data() + inner, b->inside.data() + b->inside.size());
        at[k] = b->inside[inner];
      }
      const DurationRanks r(counts_[g]);
      if (value_only_) FinishMedian(r, at, v);
      else FinishFromOrderStatistics(r, counts_[g], bracketed_[g].sum + static_cast<double>(bracketed_[g].whole_sum), at, v);
    }
    return true;
  }

  // Blocked: the thread's buffer is cut into blocks of kBlock values (64 bytes of whole
  // seconds, a cache line's size), taken in turn; a group's values fill its last block, then a
  // new one. Without a count pass no group's share is known ahead, and a block per group being
  // filled keeps the writes as local as a laid-out run's, so one pass does. Each block's group is
  // noted as it is taken, so that the finish lists every group's blocks with one counting pass
  // instead of following links from block to block (each load waiting for the one before).
  static constexpr size_t kBlock = 16;
  struct GroupBlocks {
    uint32_t last = 0;  // the block being filled
    uint32_t n = 0;     // values (8 bytes a group: tens of thousands of them stay in cache)
  };
  std::vector<GroupBlocks> group_blocks_;  // per group
  uint32_t* owner_ = nullptr;  // per block taken: its group
  size_t blocks_ = 0, capacity_ = 0;  // blocks taken, blocks the buffers hold
  [[gnu::always_inline]] void AddBlocked(int32_t g, double v) {
    const auto i = static_cast<size_t>(g);
    if (i >= group_blocks_.size()) [[unlikely]] group_blocks_.resize(i + 1);
    // Moved to doubles before a block is taken: every block then holds what its group's count says.
    const bool whole = !values_ && v >= kMinWhole && v <= kMaxWhole && v == std::floor(v);
    if (!values_ && !whole) BlocksToDoubles();
    GroupBlocks& c = group_blocks_[i];
    const size_t k = c.n % kBlock;
    if (k == 0) [[unlikely]] TakeBlock(c, i);
    const size_t slot = c.last * kBlock + k;
    if (whole) whole_[slot] = static_cast<int32_t>(v);
    else values_[slot] = v;
    ++c.n;
  }
  // A new block for group g; the buffers grow (keeping what they hold) when full.
  [[gnu::noinline]] void TakeBlock(GroupBlocks& c, size_t g) {
    if (blocks_ == capacity_) GrowBlocks();
    owner_[blocks_] = static_cast<uint32_t>(g);
    c.last = static_cast<uint32_t>(blocks_++);
  }
  void GrowBlocks() {
    const size_t blocks = std::max<size_t>(capacity_ * 2, 1024);
    Buffers& buffers = ThreadBuffers();
    if (values_) values_ = GrowKeeping(buffers.doubles, blocks * kBlock, blocks_ * kBlock);
    else whole_ = GrowKeeping(buffers.whole, blocks * kBlock, blocks_ * kBlock);
    owner_ = GrowKeeping(buffers.owner, blocks, blocks_);
    capacity_ = blocks;
  }
  // The values block b holds: kBlock, but in the last block of its group (which has a value).
  size_t HeldIn(size_t b) const {
    const GroupBlocks& c = group_blocks_[owner_[b]];
    return c.last == b && c.n % kBlock != 0 ? c.n % kBlock : kBlock;
  }
  // At the first value that is not a whole number of seconds, the blocks move over to doubles,
  // each where it was.
  void BlocksToDoubles() {
    values_ = Grow(ThreadBuffers().doubles, capacity_ * kBlock);
    for (size_t b = 0; b < blocks_; ++b)
      for (size_t k = 0, held = HeldIn(b); k < held; ++k) values_[b * kBlock + k] = whole_[b * kBlock + k];
  }
  // Each group's blocks gathered into one run, in the order its values came, then selected among.
  template <typename T, typename Out>
  void FinishBlocks(const T* pool, Out& out) {
    std::vector<uint32_t> first(group_blocks_.size() + 1, 0), list(blocks_);  // blocks listed by group
    for (size_t g = 0; g < group_blocks_.size(); ++g) first[g + 1] = first[g] + static_cast<uint32_t>((group_blocks_[g].n + kBlock - 1) / kBlock);
    {
      std::vector<uint32_t> at(first.begin(), first.end() - 1);
      for (size_t b = 0; b < blocks_; ++b) list[at[owner_[b]]++] = static_cast<uint32_t>(b);
    }
    static thread_local std::vector<T> run;
    for (size_t g = 0; g < group_blocks_.size(); ++g) {
      const size_t n = group_blocks_[g].n;
      if (n == 0) continue;
      run.resize(n);
      for (uint32_t i = first[g]; i < first[g + 1]; ++i) {
        const size_t done = (i - first[g]) * kBlock;
        std::memcpy(run.data() + done, pool + size_t{list[i]} * kBlock, std::min(kBlock, n - done) * sizeof(T));
      }
      FinishGatheredDurations(run.data(), run.data() + n, out[static_cast<int32_t>(g)], value_only_);
    }
  }
  template <typename Out>
  void FinishBlocked(Out& out) {
    if (values_) FinishBlocks(values_, out);
    else FinishBlocks(whole_, out);
  }

  static constexpr double kMinWhole = -2147483648.0, kMaxWhole = 2147483647.0;
  // 16 groups of 16,384 buckets: a histogram is 64 KiB, and all of them stay in cache.
  static constexpr size_t kMaxStreamedGroups = 16;
  static constexpr int kBucketBits = 14;
  // The leading bits of the value as a float, ordered like the values: a bucket spans 1/32 of a
  // power of two (finer where values are small, as a log scale is), and v <= w gives
  // BucketOf(v) <= BucketOf(w), so each rank's value is in the bucket the counts point to.
  static uint32_t BucketOf(double v) {
    float f = static_cast<float>(v);
    if (f == 0) f = 0;  // -0 is 0
    uint32_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    bits = (bits >> 31) != 0 ? ~bits : bits | (uint32_t{1} << 31);
    return bits >> (32 - kBucketBits);
  }
  struct Streamed {
    std::vector<uint32_t> histogram;
    double sum = 0;  // in the order of the records, as a buffered slice sums them
    size_t buckets = 0;          // distinct buckets holding a wanted rank
    uint32_t bucket[4] = {};     // those buckets
    std::vector<double> picked[4];  // their values
    size_t which[4] = {}, inner[4] = {};  // per rank: its bucket's index above, its rank inside it
  };
  // The bucket of each wanted rank per group, from the histogram; the histograms go.
  void PickBuckets() {
    for (size_t g = 0; g < streamed_.size(); ++g) {
      if (counts_[g] == 0) continue;
      Streamed& s = streamed_[g];
      const DurationRanks r(counts_[g]);
      // In ascending order of rank (a p90 can share the median's upper rank, below it in the list).
      size_t order[4] = {0, 1, 2, 3};
      std::sort(order, order + 4, [&](size_t a, size_t b) { return r.ranks[a] < r.ranks[b]; });
      size_t b = 0, below = 0;
      for (size_t i : order) {
        while (below + s.histogram[b] <= r.ranks[i]) below += s.histogram[b++];
        if (s.buckets == 0 || s.bucket[s.buckets - 1] != b) {
          s.bucket[s.buckets] = static_cast<uint32_t>(b);
          s.picked[s.buckets].reserve(s.histogram[b]);
          ++s.buckets;
        }
        s.which[i] = s.buckets - 1;
        s.inner[i] = r.ranks[i] - below;
      }
      s.histogram = std::vector<uint32_t>();
    }
  }
  void FinishStreamed(size_t g, KpiValue& out) {
    Streamed& s = streamed_[g];
    out.is_duration = true;
    out.n = counts_[g];
    const DurationRanks r(counts_[g]);
    double at[4];
    for (size_t i = 0; i < 4; ++i) {
      auto& v = s.picked[s.which[i]];
      NthElement(v.data(), v.data() + s.inner[i], v.data() + v.size());
      at[i] = v[s.inner[i]];
    }
    FinishFromOrderStatistics(r, counts_[g], s.sum, at, out);
  }
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
  // Grow, keeping the first `used` values.
  template <typename T>
  static T* GrowKeeping(Buffer<T>& b, size_t at_least, size_t used) {
    if (b.size < at_least) {
      std::unique_ptr<T[]> larger(new T[at_least]);
      std::copy(b.values.get(), b.values.get() + used, larger.get());
      b.values = std::move(larger);
      b.size = at_least;
    }
    return b.values.get();
  }
  struct Buffers {
    Buffer<int32_t> whole;
    Buffer<double> doubles;
    Buffer<uint32_t> owner;  // the blocks' groups
  };
  // Kept from KPI to KPI; one state fills at a time per thread.
  static Buffers& ThreadBuffers() {
    static thread_local Buffers buffers;
    return buffers;
  }
  bool streaming_;
  bool value_only_;
  std::vector<Streamed> streamed_;  // per group, while streaming
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
    if (i < counts.size()) [[likely]] ++counts[i];
    else Grow(i);
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

 private:
  [[gnu::noinline]] void Grow(size_t i) {
    counts.resize(i + 1, 0);
    ++counts[i];
  }
};

// One state per group, grown on demand (groups appear as facts are placed).
// The lookup of a group that exists is inlined into the record loops that call it once per
// record; growing stays out of line (inlined whole, it was a call per record).
template <typename State>
struct PerGroup {
  std::vector<State> states;
  State& operator[](int32_t g) {
    const auto i = static_cast<size_t>(g);
    if (i < states.size()) [[likely]] return states[i];
    return Grow(i);
  }
  size_t size() const { return states.size(); }

 private:
  [[gnu::noinline]] State& Grow(size_t i) {
    states.resize(i + 1);
    return states[i];
  }
};

}  // namespace supportlens
