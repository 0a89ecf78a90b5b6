#pragma once
// Exact order statistics (the k-th smallest values) of a large set without reordering it: a
// histogram over the leading bits of each value's order-preserving integer key tells which bucket
// holds each wanted rank, and only that bucket's values are selected among. That is three
// streaming passes where std::nth_element moves the values around with a hard-to-predict branch
// per comparison; on a million durations it is several times faster.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace supportlens {

// An unsigned integer that orders like the double (NaN aside): flip every bit of a negative
// value, only the sign bit of a positive one. Without a branch: record loops call it per value.
inline uint64_t OrderKey(double v) {
  v += 0.0;  // -0.0 + 0.0 is 0.0: both zeros take one key
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  const uint64_t negative = uint64_t{0} - (bits >> 63);  // all ones for a negative value
  return bits ^ (negative | (uint64_t{1} << 63));
}

// Rearranges [first, last) as std::nth_element does: *nth becomes the value a sort would put
// there, nothing before it is greater and nothing after it smaller. A quickselect whose partition
// moves every value with arithmetic on the comparison instead of a branch on it: on the few
// hundred durations of a scorecard cell it takes about a third of std::nth_element's time. The
// values must not be NaN.
void NthElement(double* first, double* nth, double* last);
void NthElement(int32_t* first, int32_t* nth, int32_t* last);

// out[i] = the ranks[i]-th smallest value of [first, last) (0-based; ranks below last - first),
// the same value a sort would put there. The values must not be NaN; -0.0 and 0.0 are one value.
void OrderStatistics(const double* first, const double* last, std::span<const size_t> ranks, double* out);
// The same for whole numbers (durations in whole seconds, kept in half the memory).
void OrderStatistics(const int32_t* first, const int32_t* last, std::span<const size_t> ranks, int32_t* out);
// The same, free to reorder [first, last): a small set is selected in place instead of in a copy.
void OrderStatisticsInPlace(double* first, double* last, std::span<const size_t> ranks, double* out);
void OrderStatisticsInPlace(int32_t* first, int32_t* last, std::span<const size_t> ranks, int32_t* out);

}  // namespace supportlens
