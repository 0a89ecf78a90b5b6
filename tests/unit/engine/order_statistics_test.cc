// OrderStatistics must give exactly what a sort gives, for every shape of data a duration KPI
// meets: skewed, tied, negative, zero of both signs, one value repeated, a huge range.
#include "engine/order_statistics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "engine/accumulators.h"

namespace supportlens {
namespace {

// The ranks a duration KPI asks for, plus both ends.
std::vector<size_t> RanksOf(size_t n) {
  std::vector<size_t> r = {n / 2, std::min(n / 2 + 1, n - 1), (n - 1) * 9 / 10, std::min((n - 1) * 9 / 10 + 1, n - 1), 0, n - 1};
  return r;
}

void ExpectSameAsSort(const std::vector<double>& values, const char* what) {
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  const std::vector<size_t> ranks = RanksOf(values.size());
  std::vector<double> got(ranks.size());
  const std::vector<double> before = values;
  OrderStatistics(values.data(), values.data() + values.size(), ranks, got.data());
  for (size_t i = 0; i < ranks.size(); ++i) EXPECT_EQ(got[i], sorted[ranks[i]]) << what << ", n " << values.size() << ", rank " << ranks[i];
  EXPECT_EQ(values, before) << what << ": the input must not be reordered";
}

TEST(OrderStatistics, EqualsSortOnEveryShape) {
  std::mt19937_64 rng(11);
  for (size_t n : {1ul, 2ul, 7ul, 5000ul, 16383ul, 16384ul, 20000ul, 100003ul}) {
    std::lognormal_distribution<double> delay(7, 1.5);
    std::vector<double> skewed(n), integral(n), tied(n), signed_(n), zeros(n), huge(n), same(n, 42.5);
    for (size_t i = 0; i < n; ++i) {
      skewed[i] = delay(rng);
      integral[i] = std::round(delay(rng));
      tied[i] = static_cast<double>(rng() % 5) * 60;
      signed_[i] = delay(rng) * ((rng() & 1) ? 1 : -1);
      zeros[i] = (rng() % 3 == 0) ? -0.0 : (rng() % 2 ? 0.0 : 1.0);
      huge[i] = (rng() % 1000 == 0) ? 1e12 : delay(rng) * 1e-3;
    }
    ExpectSameAsSort(skewed, "lognormal");
    ExpectSameAsSort(integral, "whole seconds");
    ExpectSameAsSort(tied, "five values");
    ExpectSameAsSort(signed_, "both signs");
    ExpectSameAsSort(zeros, "zeros of both signs and ones");
    ExpectSameAsSort(huge, "rare outliers nine orders of magnitude up");
    ExpectSameAsSort(same, "one value");
  }
}

// NthElement must leave what std::nth_element leaves: the sorted value at nth, nothing greater
// before it and nothing smaller after it, the same values in all. Every rank of small sets, and
// the shapes that stall a quickselect: sorted, reversed, organ pipe, sawtooth, few values, one value.
template <typename T>
void ExpectNthElementAsSort(const std::vector<T>& values, size_t nth, const char* what) {
  std::vector<T> sorted = values, got = values;
  std::sort(sorted.begin(), sorted.end());
  NthElement(got.data(), got.data() + nth, got.data() + got.size());
  ASSERT_EQ(got[nth], sorted[nth]) << what << ", n " << values.size() << ", nth " << nth;
  for (size_t i = 0; i < nth; ++i) ASSERT_LE(got[i], got[nth]) << what << ", before " << i;
  for (size_t i = nth + 1; i < got.size(); ++i) ASSERT_GE(got[i], got[nth]) << what << ", after " << i;
  std::sort(got.begin(), got.end());
  ASSERT_EQ(got, sorted) << what << ": values lost or invented";
}

TEST(OrderStatistics, NthElementLeavesWhatStdNthElementLeaves) {
  std::mt19937_64 rng(13);
  std::lognormal_distribution<double> delay(6, 1.5);
  for (size_t n : {1ul, 2ul, 3ul, 16ul, 17ul, 33ul, 400ul, 1001ul, 20000ul}) {
    std::vector<int32_t> skewed(n), sorted(n), reversed(n), organ(n), saw(n), few(n), same(n, 9);
    std::vector<double> doubles(n);
    for (size_t i = 0; i < n; ++i) {
      skewed[i] = static_cast<int32_t>(std::round(delay(rng)));
      sorted[i] = static_cast<int32_t>(i);
      reversed[i] = static_cast<int32_t>(n - i);
      organ[i] = static_cast<int32_t>(std::min(i, n - 1 - i));
      saw[i] = static_cast<int32_t>(i % 7);
      few[i] = static_cast<int32_t>(rng() % 3) - 1;
      doubles[i] = delay(rng) * ((rng() & 1) ? 1 : -1);
    }
    // Every rank of the small sets, every 13th of the middle ones; the ranks a duration asks for,
    // and both ends, of all.
    std::vector<size_t> ranks = RanksOf(n);
    if (n <= 1001)
      for (size_t k = 0; k < n; k += n <= 33 ? 1 : 13) ranks.push_back(k);
    for (size_t k : ranks) {
      ExpectNthElementAsSort(skewed, k, "lognormal whole seconds");
      ExpectNthElementAsSort(sorted, k, "sorted");
      ExpectNthElementAsSort(reversed, k, "reversed");
      ExpectNthElementAsSort(organ, k, "organ pipe");
      ExpectNthElementAsSort(saw, k, "sawtooth of seven values");
      ExpectNthElementAsSort(few, k, "three values");
      ExpectNthElementAsSort(same, k, "one value");
      ExpectNthElementAsSort(doubles, k, "doubles of both signs");
    }
  }
}

TEST(OrderStatistics, FinishedDurationsMatchInterpolatedSortedQuantiles) {
  // Whole-second durations, small and large sets: median and p90 equal Quantile() on a sort.
  std::mt19937_64 rng(3);
  std::lognormal_distribution<double> delay(6, 1.2);
  for (size_t n : {1u, 2u, 3u, 10u, 11u, 999u, 10000u, 10001u, 20000u, 20001u}) {
    std::vector<double> v(n);
    for (auto& x : v) x = std::round(delay(rng));
    KpiValue out;
    FinishDurations(v.data(), v.data() + v.size(), out);
    std::sort(v.begin(), v.end());
    EXPECT_EQ(out.median, Round2(Quantile(v, 0.5))) << n;
    EXPECT_EQ(out.p90, Round2(Quantile(v, 0.9))) << n;
    EXPECT_EQ(out.n, static_cast<int64_t>(n));
  }
}

TEST(OrderStatistics, WholeNumbersEqualSortOnEveryShape) {
  std::mt19937_64 rng(5);
  std::lognormal_distribution<double> delay(7, 2);
  for (size_t n : {1ul, 2ul, 7ul, 16383ul, 16384ul, 100003ul}) {
    std::vector<int32_t> skewed(n), tied(n), extremes(n), same(n, -7);
    for (size_t i = 0; i < n; ++i) {
      skewed[i] = static_cast<int32_t>(std::min(delay(rng), 2e9));
      tied[i] = static_cast<int32_t>(rng() % 5) * 60 - 120;
      extremes[i] = (rng() % 500 == 0) ? ((rng() & 1) ? INT32_MAX : INT32_MIN) : static_cast<int32_t>(rng() % 1000);
    }
    for (const auto* values : {&skewed, &tied, &extremes, &same}) {
      std::vector<int32_t> sorted = *values;
      std::sort(sorted.begin(), sorted.end());
      const std::vector<size_t> ranks = RanksOf(n);
      std::vector<int32_t> got(ranks.size());
      OrderStatistics(values->data(), values->data() + n, ranks, got.data());
      for (size_t i = 0; i < ranks.size(); ++i) EXPECT_EQ(got[i], sorted[ranks[i]]) << "n " << n << ", rank " << ranks[i];
    }
  }
}

// GroupedDurations either streams (a histogram per group in the first pass, the values of the
// wanted buckets kept in the second) or buffers every value, as 32-bit whole seconds until a
// value is not one (a fraction, or beyond 32 bits) and as doubles from then on. Every way must
// give each group the figures of a DurationState fed the same values: buffered, streamed, and
// streamed until a group beyond the streamed ones turns up halfway through the first pass.
TEST(GroupedDurations, SameFiguresStreamedOrBufferedWholeOrNot) {
  std::mt19937_64 rng(9);
  std::lognormal_distribution<double> delay(6, 1.5);
  for (int mode = 0; mode < 3; ++mode) {
    const int groups = mode == 2 ? 40 : 7;
    for (int variant = 0; variant < 6; ++variant) {
      std::vector<std::pair<int32_t, double>> facts;
      for (int i = 0; i < 60000; ++i) {
        // Mode 2: the groups above 6 only from halfway on, so the state streams until then.
        const int in = mode == 2 && i < 30000 ? 7 : groups;
        facts.emplace_back(static_cast<int32_t>(rng() % static_cast<uint64_t>(in)), std::round(delay(rng)));
      }
      if (variant == 1) facts[30000].second = 12.5;           // a fraction halfway through
      if (variant == 2) facts[0].second = 3e9;                // beyond 32 bits, first
      if (variant == 3) facts[59999].second = -2147483649.0;  // just below 32 bits, last
      if (variant == 4)                                       // ties: most values one of three
        for (auto& [g, v] : facts) v = static_cast<double>(rng() % 3) * 60;
      if (variant == 5)  // fractions throughout, and negative and zero values
        for (auto& [g, v] : facts) v = (v - 400) / 3;
      SCOPED_TRACE(testing::Message() << "mode " << mode << ", variant " << variant);
      GroupedDurations st(mode != 0);
      std::vector<DurationState> expected(static_cast<size_t>(groups));
      for (auto& [g, v] : facts) st.Count(g, [&] { return v; });
      st.StartFilling();
      for (auto& [g, v] : facts) {
        st.Add(g, v);
        expected[static_cast<size_t>(g)].Add(v);
      }
      PerGroup<KpiValue> got;
      st.Finish(got);
      for (int g = 0; g < groups; ++g) {
        KpiValue want;
        expected[static_cast<size_t>(g)].Finish(want);
        EXPECT_EQ(got[g].n, want.n) << "group " << g;
        EXPECT_EQ(got[g].median, want.median) << "group " << g;
        EXPECT_EQ(got[g].mean, want.mean) << "group " << g;
        EXPECT_EQ(got[g].p90, want.p90) << "group " << g;
      }
    }
  }
  // Small groups, where the p90's ranks repeat or precede the median's (three values: ranks 1, 2,
  // then 1, 2 again).
  for (size_t n = 1; n <= 12; ++n)
    for (bool stream : {false, true}) {
      GroupedDurations st(stream);
      DurationState expected;
      std::vector<double> values;
      for (size_t i = 0; i < n; ++i) values.push_back(std::round(delay(rng)));
      for (double v : values) st.Count(0, [&] { return v; });
      st.StartFilling();
      for (double v : values) {
        st.Add(0, v);
        expected.Add(v);
      }
      PerGroup<KpiValue> got;
      st.Finish(got);
      KpiValue want;
      expected.Finish(want);
      EXPECT_EQ(got[0].median, want.median) << "n " << n << ", stream " << stream;
      EXPECT_EQ(got[0].p90, want.p90) << "n " << n << ", stream " << stream;
    }
  // The state is exact, so the checks above can fail: the values of a fraction, of a value on
  // each side of the median, and of a p90 between two values.
  for (bool stream : {false, true}) {
    GroupedDurations st(stream);
    const double values[] = {1, 2.5, 1000, 7};
    for (double v : values) st.Count(0, [&] { return v; });
    st.StartFilling();
    for (double v : values) st.Add(0, v);
    PerGroup<KpiValue> got;
    st.Finish(got);
    EXPECT_EQ(got[0].mean, 252.63) << "stream " << stream;    // (1 + 2.5 + 1000 + 7) / 4 = 252.625
    EXPECT_EQ(got[0].median, 4.75) << "stream " << stream;    // sorted 1, 2.5, 7, 1000: (2.5 + 7) / 2
    EXPECT_EQ(got[0].p90, 702.1) << "stream " << stream;      // position 2.7: 7 + 0.7 x (1000 - 7)
    EXPECT_EQ(got[0].n, 4) << "stream " << stream;
  }
}

// A breakdown that reads only each group's value (the scorecard's) selects the median alone: the
// same value and n as the full figures, and nothing else.
TEST(GroupedDurations, ValueOnlyGivesTheSameMedianAndNothingElse) {
  std::mt19937_64 rng(11);
  std::lognormal_distribution<double> delay(6, 1.5);
  for (bool whole : {true, false}) {
    std::vector<std::pair<int32_t, double>> facts;
    for (int i = 0; i < 50000; ++i) {
      const double v = delay(rng);
      facts.emplace_back(static_cast<int32_t>(rng() % 40), whole ? std::round(v) : v / 7);
    }
    PerGroup<KpiValue> got[2];
    for (bool value_only : {false, true}) {
      GroupedDurations st(false, value_only);
      for (auto& [g, v] : facts) st.Count(g, [&] { return v; });
      st.StartFilling();
      for (auto& [g, v] : facts) st.Add(g, v);
      st.Finish(got[value_only]);
    }
    for (int32_t g = 0; g < 40; ++g) {
      SCOPED_TRACE(testing::Message() << "group " << g << ", whole " << whole);
      ASSERT_TRUE(got[0][g].value && got[0][g].mean && got[0][g].p90);
      EXPECT_EQ(got[1][g].value, got[0][g].value);
      EXPECT_EQ(got[1][g].n, got[0][g].n);
      EXPECT_FALSE(got[1][g].mean || got[1][g].p90);
    }
  }
}


// Over() runs the passes itself: for many records in a few streamed groups, one bracketed pass
// after a sample; for more groups than the sample's ranges are for, or values not streamed, one
// pass into blocks; for few records, or when a rank falls outside its sampled range, counted then
// added.
// Every way must give each group the figures of a DurationState fed the same values, and call
// `counted` once per counted record, in record order, with its value. Whole seconds given as
// integers take the bracketed pass's own counters; negatives among them, or doubles beside
// them, send the records through the two passes.
TEST(GroupedDurations, OverGivesTheSameFiguresInOnePassOrTwo) {
  constexpr size_t kRecords = 300000;
  // A record in a run the sample reads (16 of every 1,024), as GroupedDurations takes it.
  auto sampled = [](size_t i) { return i % 1024 < 16; };
  struct Case {
    const char* name;
    int groups;
    bool stream, value_only;
    int passes;  // what Over() must have done
    bool whole = false;  // value() gives an int32_t
  };
  const Case cases[] = {
      {"lognormal whole seconds", 5, true, false, 1},
      {"fractions, negatives and both zeros", 5, true, false, 1},
      {"ties: three values", 5, true, false, 1},
      {"value only", 5, true, true, 1},
      {"a group only outside the sample", 5, true, false, 1},
      {"the sample misleads: ranks outside their ranges", 5, true, false, 3},
      {"more groups than brackets are for (blocks)", 80, true, false, 1},
      {"more groups, value only", 80, true, true, 1},
      {"thousands of groups", 3000, true, false, 1},
      {"not streamed (business seconds)", 5, false, false, 1},
      {"blocks, whole seconds then a fraction", 80, true, false, 1},
      {"blocks, fractions, negatives and both zeros", 300, false, false, 1},
      {"a few records, counted then added", 80, true, false, 2},
      {"whole seconds as integers", 5, true, false, 1, true},
      {"whole seconds as integers, value only", 5, true, true, 1, true},
      {"integers, a group only outside the sample", 5, true, false, 1, true},
      {"integers, ties: three values", 5, true, false, 1, true},
      {"integers, the sample misleads", 5, true, false, 3, true},
      {"integers, one negative", 5, true, false, 3, true},
      {"integers and doubles", 5, true, false, 3, true},
      {"integers into blocks", 80, true, false, 1, true},
      {"64-bit integers", 5, true, false, 1, true},
      {"64-bit integers, one past 2^31", 5, true, false, 3, true},
  };
  std::mt19937_64 rng(21);
  std::lognormal_distribution<double> delay(7, 1.2);
  // A small reservation: the blocks outgrow it, and move to larger buffers with what they hold.
  GroupedDurations::ReserveForThread(16);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string name = c.name;
    // Under the sample's minimum, the two passes (streamed while the groups are few).
    const size_t records = name == "a few records, counted then added" ? 50000 : kRecords;
    std::vector<int32_t> group(records);
    std::vector<double> value(records);
    for (size_t i = 0; i < records; ++i) {
      group[i] = rng() % 10 == 0 ? -1 : static_cast<int32_t>(rng() % static_cast<uint64_t>(c.groups));  // -1: not counted
      value[i] = std::round(delay(rng));
      if (name == "fractions, negatives and both zeros" || name == "blocks, fractions, negatives and both zeros")
        value[i] = i % 7 == 0 ? (i % 2 ? -0.0 : 0.0) : (value[i] - 1100) / 3;
      // Whole seconds into the blocks until then; then every block moves over to doubles.
      if (name == "blocks, whole seconds then a fraction" && i == 150001) value[i] = 12.5;
      if (name == "ties: three values" || name == "integers, ties: three values") value[i] = static_cast<double>(rng() % 3) * 60;
      if ((name == "a group only outside the sample" || name == "integers, a group only outside the sample") && !sampled(i) && i % 5 == 0)
        group[i] = 5;
      // Small values where the sample reads, large ones elsewhere: the sampled ranges hold none of
      // the wanted ranks.
      if (name == "the sample misleads: ranks outside their ranges") value[i] = sampled(i) ? value[i] / 1000 : value[i] + 1e6;
      if (name == "integers, the sample misleads") value[i] = sampled(i) ? std::round(value[i] / 1000) : value[i] + 1e6;
      if (name == "integers, one negative" && i == 200003) value[i] = -5, group[i] = 2;
      if (name == "64-bit integers, one past 2^31" && i == 200003) value[i] = 3e9, group[i] = 2;
    }
    // Which records give an int32_t: every one in a case of whole seconds, but the odd ones when
    // doubles come beside them.
    auto as_integer = [&](size_t i) { return c.whole && (name != "integers and doubles" || i % 2 == 0); };
    GroupedDurations st(c.stream, c.value_only);
    std::vector<std::tuple<int32_t, size_t, double>> seen;
    PerGroup<KpiValue> got;
    st.Over(
        records,
        [&](size_t i, auto&& emit) {
          if (group[i] < 0) return;
          if (as_integer(i) && name.starts_with("64-bit")) emit(group[i], [&] { return static_cast<int64_t>(value[i]); });
          else if (as_integer(i)) emit(group[i], [&] { return static_cast<int32_t>(value[i]); });
          else emit(group[i], [&] { return value[i]; });
        },
        [&](int32_t g, size_t i, double v) { seen.emplace_back(g, i, v); }, got);
    EXPECT_EQ(st.passes(), c.passes);
    std::vector<DurationState> expected(static_cast<size_t>(c.groups) + 1);
    std::vector<std::tuple<int32_t, size_t, double>> want_seen;
    for (size_t i = 0; i < records; ++i)
      if (group[i] >= 0) {
        expected[static_cast<size_t>(group[i])].Add(value[i]);
        want_seen.emplace_back(group[i], i, value[i]);
      }
    EXPECT_TRUE(seen == want_seen);
    for (size_t g = 0; g < expected.size(); ++g) {
      if (expected[g].values.empty()) continue;
      KpiValue want;
      expected[g].Finish(want);
      const KpiValue& v = got[static_cast<int32_t>(g)];
      EXPECT_EQ(v.n, want.n) << "group " << g;
      EXPECT_EQ(v.value, want.median) << "group " << g;
      if (c.value_only) {
        EXPECT_FALSE(v.mean || v.p90) << "group " << g;
      } else {
        EXPECT_EQ(v.median, want.median) << "group " << g;
        EXPECT_EQ(v.mean, want.mean) << "group " << g;
        EXPECT_EQ(v.p90, want.p90) << "group " << g;
      }
    }
  }
}

// Whole seconds summed as integers stand for the sum a double takes in the records' order only
// while that sum is exact: past 2^53 (4.3M values near 2^31 in one group), the two passes sum
// them as doubles.
TEST(GroupedDurations, WholeSecondsPast2To53AreSummedAsDoubles) {
  constexpr size_t kRecords = (size_t{1} << 22) + 4096;
  constexpr int32_t kValue = 2147483000;  // kRecords * kValue > 2^53 = 9.007e15
  std::vector<int32_t> value(kRecords);
  for (size_t i = 0; i < kRecords; ++i) value[i] = kValue - static_cast<int32_t>(i % 1000);
  GroupedDurations st(true, false);
  PerGroup<KpiValue> got;
  st.Over(
      kRecords, [&](size_t i, auto&& emit) { emit(0, [&] { return value[i]; }); }, [](int32_t, size_t, double) {}, got);
  EXPECT_EQ(st.passes(), 3);
  double sum = 0;
  for (int32_t v : value) sum += v;
  const KpiValue& v = got[0];
  EXPECT_EQ(v.n, static_cast<int64_t>(kRecords));
  EXPECT_EQ(v.mean, Round2(sum / static_cast<double>(kRecords)));
  // kValue - k for k = i % 1000: 4,198 of each k, and one more for k < 400. The 500 smallest
  // (k = 999 .. 500) fill ranks 0 .. 2,098,999; k = 499 fills the next 4,198, which hold both
  // of the median's ranks (n = 4,198,400: 2,099,199 and 2,099,200).
  EXPECT_EQ(v.median, kValue - 499.0);
}

}  // namespace
}  // namespace supportlens
