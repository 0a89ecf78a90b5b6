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

template <typename T>
void SelectByCopy(const T* first, const T* last, std::span<const size_t> ranks, T* out) {
  static thread_local std::vector<T> copy;
  copy.assign(first, last);
  // Ranks ascending: each selection leaves larger values after its rank, so the next one only
  // looks there.
  const std::vector<size_t> order = AscendingOrder(ranks);
  size_t from = 0;
  for (size_t i : order) {
    const size_t r = ranks[i];
    if (r == from) {
      // The next rank up (the upper of an interpolated pair) is the smallest of what is left: one
      // scan instead of a selection.
      std::iter_swap(copy.begin() + static_cast<std::ptrdiff_t>(r), std::min_element(copy.begin() + static_cast<std::ptrdiff_t>(r), copy.end()));
      from = r + 1;
    } else if (r > from) {
      std::nth_element(copy.begin() + static_cast<std::ptrdiff_t>(from), copy.begin() + static_cast<std::ptrdiff_t>(r), copy.end());
      from = r + 1;
    }
    out[i] = copy[r];
  }
}

template <typename T>
void Select(const T* first, const T* last, std::span<const size_t> ranks, T* out) {
  const size_t n = static_cast<size_t>(last - first);
  if (ranks.empty() || n == 0) return;
  if (n < kMinHistogram || n > std::numeric_limits<uint32_t>::max() || ranks.size() > 127)
    return SelectByCopy(first, last, ranks, out);

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
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(inner[i]), v.end());
    out[i] = v[inner[i]];
  }
}

}  // namespace

void OrderStatistics(const double* first, const double* last, std::span<const size_t> ranks, double* out) {
  Select(first, last, ranks, out);
}

void OrderStatistics(const int32_t* first, const int32_t* last, std::span<const size_t> ranks, int32_t* out) {
  Select(first, last, ranks, out);
}

}  // namespace supportlens
