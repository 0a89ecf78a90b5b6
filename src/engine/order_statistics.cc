#include "engine/order_statistics.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

namespace supportlens {
namespace {

// Whole numbers take their double's key (OrderKey in the header, one overload set with this one),
// so that buckets are spaced as for doubles (below).
using supportlens::OrderKey;
uint64_t OrderKey(int32_t v) { return OrderKey(static_cast<double>(v)); }

// Below this many values (128 KiB) a copy and std::nth_element in cache is faster (measured).
constexpr size_t kMinHistogram = 16384;

// Indices of `ranks` in ascending order of rank.
std::vector<size_t> AscendingOrder(std::span<const size_t> ranks) {
  std::vector<size_t> order(ranks.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ranks[a] < ranks[b]; });
  return order;
}

// Below this many values an insertion sort finishes the selection.
constexpr size_t kInsertionSort = 16;

template <typename T>
void SelectInPlace(T* first, T* nth, T* last) {
  size_t n = static_cast<size_t>(last - first), k = static_cast<size_t>(nth - first);
  if (k >= n) return;
  T* a = first;
  // A median-of-three pivot shrinks the range by a steady share on any data met so far; past
  // this many rounds the data is adversarial, and the library's introselect takes over.
  for (int rounds = 2 * static_cast<int>(std::bit_width(n)) + 8; n > kInsertionSort; --rounds) {
    if (rounds == 0) return std::nth_element(a, a + k, a + n);
    const T x = a[0], y = a[n / 2], z = a[n - 1];
    const T pivot = std::max(std::min(x, y), std::min(std::max(x, y), z));
    // [0, below) < pivot, then [below, equal) == pivot: each value is swapped with the first one
    // not yet taken, and the count moves on when it was taken. The second pass runs only when
    // the rank is not below the pivot, so that many equal values cannot stall the selection.
    size_t below = 0;
    for (size_t i = 0; i < n; ++i) {
      const T v = a[i];
      a[i] = a[below];
      a[below] = v;
      below += static_cast<size_t>(v < pivot);
    }
    if (k < below) {
      n = below;
      continue;
    }
    size_t equal = below;
    for (size_t i = below; i < n; ++i) {
      const T v = a[i];
      a[i] = a[equal];
      a[equal] = v;
      equal += static_cast<size_t>(v == pivot);
    }
    if (k < equal) return;  // the pivot itself (the pivot is one of the values: equal > below)
    a += equal;
    k -= equal;
    n -= equal;
  }
  for (size_t i = 1; i < n; ++i) {
    const T v = a[i];
    size_t j = i;
    for (; j > 0 && v < a[j - 1]; --j) a[j] = a[j - 1];
    a[j] = v;
  }
}

// The ranks of a small set, selected in [first, last), which is reordered.
template <typename T>
void SelectRanksInPlace(T* first, T* last, std::span<const size_t> ranks, T* out) {
  // Ranks ascending: each selection leaves larger values after its rank, so the next one only
  // looks there. A duration asks for two or four ranks, ordered here without a heap allocation
  // (a scorecard finishes tens of thousands of cells).
  size_t order[4] = {0, 1, 2, 3};
  std::vector<size_t> more;
  std::span<const size_t> ascending;
  if (ranks.size() <= 4) {
    std::sort(order, order + ranks.size(), [&](size_t a, size_t b) { return ranks[a] < ranks[b]; });
    ascending = std::span<const size_t>(order, ranks.size());
  } else {
    more = AscendingOrder(ranks);
    ascending = more;
  }
  size_t from = 0;
  for (size_t i : ascending) {
    const size_t r = ranks[i];
    if (r == from) {
      // The next rank up (the upper of an interpolated pair) is the smallest of what is left: one
      // scan instead of a selection.
      std::iter_swap(first + r, std::min_element(first + r, last));
      from = r + 1;
    } else if (r > from) {
      SelectInPlace(first + from, first + r, last);
      from = r + 1;
    }
    out[i] = first[r];
  }
}

template <typename T>
void SelectByCopy(const T* first, const T* last, std::span<const size_t> ranks, T* out) {
  static thread_local std::vector<T> copy;
  copy.assign(first, last);
  SelectRanksInPlace(copy.data(), copy.data() + copy.size(), ranks, out);
}

// Whether the histogram's three passes beat a selection in place (or in a copy).
bool ByHistogram(size_t n, std::span<const size_t> ranks) {
  return n >= kMinHistogram && n <= std::numeric_limits<uint32_t>::max() && ranks.size() <= 127;
}

template <typename T>
void Select(const T* first, const T* last, std::span<const size_t> ranks, T* out) {
  const size_t n = static_cast<size_t>(last - first);
  if (ranks.empty() || n == 0) return;
  if (!ByHistogram(n, ranks)) return SelectByCopy(first, last, ranks, out);

  // Pass 1: the range of keys (the smallest and largest values).
  T min_v = *first, max_v = *first;
  for (const T* p = first; p != last; ++p) {
    min_v = std::min(min_v, *p);
    max_v = std::max(max_v, *p);
  }
  const uint64_t lo = OrderKey(min_v), span = OrderKey(max_v) - lo;
  if (span == 0) {  // all values equal
    std::fill(out, out + ranks.size(), min_v);
    return;
  }
  // About one bucket per value, at most 65,536; keys are float bits, so buckets are finer where
  // values are small, as a log scale is.
  const int bits = std::clamp(static_cast<int>(std::bit_width(n)) - 1, 8, 16);
  const int shift = std::max(0, static_cast<int>(std::bit_width(span)) - bits);
  auto bucket_of = [&](T v) { return static_cast<size_t>((OrderKey(v) - lo) >> shift); };

  // Pass 2: values per bucket.
  std::vector<uint32_t> count(static_cast<size_t>(span >> shift) + 1, 0);
  for (const T* p = first; p != last; ++p) ++count[bucket_of(*p)];

  // Each rank's bucket, and its rank among that bucket's values.
  const std::vector<size_t> order = AscendingOrder(ranks);
  std::vector<size_t> bucket(ranks.size()), inner(ranks.size());
  size_t b = 0, below = 0;  // values in buckets before b
  for (size_t i : order) {
    while (below + count[b] <= ranks[i]) below += count[b++];
    bucket[i] = b;
    inner[i] = ranks[i] - below;
  }

  // Pass 3: gather the values of the wanted buckets (a handful), then select inside each.
  std::vector<size_t> wanted(bucket);
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::vector<std::vector<T>> values(wanted.size());
  // Which gathered list a bucket's values go to (-1: none). Few values land in a wanted bucket,
  // so the one branch per value is nearly always predicted.
  std::vector<int8_t> slot(count.size(), -1);
  for (size_t w = 0; w < wanted.size(); ++w) {
    slot[wanted[w]] = static_cast<int8_t>(w);
    values[w].reserve(count[wanted[w]]);
  }
  for (const T* p = first; p != last; ++p) {
    const int8_t w = slot[bucket_of(*p)];
    if (w >= 0) values[static_cast<size_t>(w)].push_back(*p);
  }
  for (size_t i = 0; i < ranks.size(); ++i) {
    auto& v = values[static_cast<size_t>(std::lower_bound(wanted.begin(), wanted.end(), bucket[i]) - wanted.begin())];
    SelectInPlace(v.data(), v.data() + inner[i], v.data() + v.size());
    out[i] = v[inner[i]];
  }
}

// Select, free to reorder [first, last): a small set is selected where it is, not in a copy.
template <typename T>
void SelectMaybeInPlace(T* first, T* last, std::span<const size_t> ranks, T* out) {
  if (first == last || ranks.empty()) return;
  if (ByHistogram(static_cast<size_t>(last - first), ranks)) return Select<T>(first, last, ranks, out);
  SelectRanksInPlace(first, last, ranks, out);
}

}  // namespace

void NthElement(double* first, double* nth, double* last) { SelectInPlace(first, nth, last); }
void NthElement(int32_t* first, int32_t* nth, int32_t* last) { SelectInPlace(first, nth, last); }

void OrderStatistics(const double* first, const double* last, std::span<const size_t> ranks, double* out) {
  Select(first, last, ranks, out);
}

void OrderStatistics(const int32_t* first, const int32_t* last, std::span<const size_t> ranks, int32_t* out) {
  Select(first, last, ranks, out);
}

void OrderStatisticsInPlace(double* first, double* last, std::span<const size_t> ranks, double* out) {
  SelectMaybeInPlace(first, last, ranks, out);
}

void OrderStatisticsInPlace(int32_t* first, int32_t* last, std::span<const size_t> ranks, int32_t* out) {
  SelectMaybeInPlace(first, last, ranks, out);
}

}  // namespace supportlens
