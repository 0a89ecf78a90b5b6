#pragma once
// Query parsing into engine terms, and the group registry: every fact is placed by its
// coordinates (dimension values and an instant) into a group id shared by all KPIs, so the
// rows of a report line up whichever facts produced them.
#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <string>
#include <vector>

#include "core/time_zone.h"
#include "engine/dataset.h"
#include "supportlens/query.h"

namespace supportlens {

enum class Dim : uint8_t { kChannel, kAgent, kTeam, kTopic, kPriority, kSegment, kQueue, kBucket };
enum class BucketKind : uint8_t { kNone, k15Min, k30Min, kHour, kDay, kWeek, kMonth, kQuarter };
enum class Cohort : uint8_t { kCreated, kEvent, kClosedInWindow };

// Where a fact sits. Team is derived from the agent. -1 = the fact has no such value.
struct Coord {
  int32_t channel = -1, agent = -1, topic = -1, priority = -1, segment = -1, queue = -1;
  int64_t time = 0;  // UTC instant that picks the time bucket
};

struct EngineQuery {
  int64_t from = 0, to = 0;            // UTC instants of the window's local midnights
  DayNumber from_day = 0, to_day = 0;  // local dates
  std::vector<Dim> dims;               // in --by order (kBucket stands for the time bucket)
  BucketKind bucket = BucketKind::kNone;
  std::vector<std::pair<Dim, int32_t>> filters;  // value id -2: matches nothing
  bool business_time = false;
  Cohort cohort = Cohort::kCreated;
  std::vector<std::string> kpis;

  bool InWindow(int64_t t) const { return t != kNoTime && t >= from && t < to; }
  // Whether a dimension is grouped by or filtered on.
  bool Uses(Dim d) const {
    for (Dim x : dims)
      if (x == d) return true;
    for (auto& [x, v] : filters)
      if (x == d) return true;
    return false;
  }
};

Result<EngineQuery> ParseQuery(const Query& q, const Dataset& data);
const char* DimName(Dim d, BucketKind b);

// A period: the whole window, or one time bucket of it.
struct Period {
  int64_t start, end;  // UTC
};

// The index of the first of the (contiguous, ascending) periods that ends after `t`, or
// periods.size() when none does: the period holding t when t is inside them. `hint`, the previous
// answer, is tried first, as records mostly come in time order, and then set to this one.
inline size_t PeriodEndingAfter(const std::vector<Period>& periods, int64_t t, size_t& hint) {
  if (hint < periods.size() && periods[hint].end > t && (hint == 0 || periods[hint - 1].end <= t)) return hint;
  hint = static_cast<size_t>(std::upper_bound(periods.begin(), periods.end(), t, [](int64_t v, const Period& p) { return v < p.end; }) -
                             periods.begin());
  return hint;
}

class GroupRegistry {
 public:
  GroupRegistry(const Dataset& data, const EngineQuery& q);
  // The group of a fact, or -1 when a filter excludes it. The caller checks the window.
  int32_t GroupOf(const Coord& c);
  // GroupOf for every ticket created in the window, placed at its creation without an agent,
  // written to out[t] (the other entries are left as they are), in one loop over the ticket
  // columns the query reads. False, with nothing written, when a dimension or filter is not a
  // ticket column or the time bucket (agent, team, segment).
  bool PlaceTicketsCreatedInWindow(std::vector<int32_t>& out);
  // The same on two threads, with `out` holding an entry per ticket: as above for the tickets
  // created in the window, `outside` for the others. The groups are created in the
  // order the loop above creates them (by ticket in creation order), so a registry copied from
  // this one reads `out` as its own. False, with no group created (and `out` undefined), where the
  // loop above is not possible or a key falls outside the dense table.
  bool PlaceTicketsCreatedInWindowOnTwoThreads(int32_t* out, int32_t outside);
  // GroupOf for every call offered in the window, placed by its channel, agent and offer time,
  // written to out[c] (the other entries are left as they are), in one loop over the call
  // columns the query reads. False, with nothing written, when a dimension or filter is not the
  // call's channel or agent or the time bucket (the others can come from the call's ticket or
  // customer).
  bool PlaceCallsInWindow(std::vector<int32_t>& out);
  // The group of a key taken from another registry over the same query.
  int32_t InternKey(const std::vector<int64_t>& key) { return Intern(key.data(), key.size()); }
  // The group of a key, or -1 when no fact has been placed there.
  int32_t Find(const std::vector<int64_t>& key) const;
  size_t size() const { return keys_.size(); }
  const std::vector<int64_t>& key(int32_t g) const { return keys_[static_cast<size_t>(g)]; }
  std::vector<std::pair<std::string, std::optional<std::string>>> Labels(int32_t g) const;
  // Group ids in report order (dimension values ascending, nulls last; buckets by time).
  std::vector<int32_t> Ordered() const;
  // Periods of the window: one per time bucket when grouped by time, else the window. Worked out
  // on first use and kept (a year of 15-minute buckets is 35,000 steps in local time); inline,
  // as record loops ask for them per record.
  const std::vector<Period>& Periods() const { return periods_.empty() ? ComputePeriods() : periods_; }
  int64_t BucketStart(int64_t utc) const;  // local bucket start, as a UTC instant
  bool Matches(const Coord& c) const;

 private:
  int64_t BucketKey(int64_t utc) const;  // local-time bucket number
  int64_t IntervalSeconds() const;       // length of a 15min, 30min or hour bucket
  // Facts arrive roughly in time order: remember the last day's month key.
  mutable int64_t cached_day_ = INT64_MIN, cached_month_key_ = 0;
  mutable std::vector<Period> periods_;  // Periods(), once asked
  const std::vector<Period>& ComputePeriods() const;
  std::string BucketLabel(int64_t key) const;
  int32_t Intern(const int64_t* parts, size_t n);
  // A key's index in the dense table, or -1 when a value lies outside its ranges (or there is none).
  int64_t DenseIndex(const int64_t* parts, size_t n) const {
    if (radix_.empty()) return -1;
    size_t index = 0;
    for (size_t i = 0; i < n; ++i) {
      const int64_t v = q_.dims[i] == Dim::kBucket ? parts[i] - first_bucket_ : parts[i] + 1;
      if (v < 0 || v >= radix_[i]) return -1;
      index = index * static_cast<size_t>(radix_[i]) + static_cast<size_t>(v);
    }
    return static_cast<int64_t>(index);
  }
  // The group of a key of the query's dimensions: its entry in the dense table, else hashed.
  // Inline: it runs once per ticket when a report places the window's tickets.
  int32_t GroupOfKey(const int64_t* parts, size_t n) {
    const int64_t index = DenseIndex(parts, n);
    if (index < 0) return Intern(parts, n);
    if (dense_.empty()) [[unlikely]] dense_.assign(dense_size_, -1);
    int32_t& g = dense_[static_cast<size_t>(index)];
    if (g < 0) [[unlikely]] g = Intern(parts, n);
    return g;
  }
  // How a record is keyed from its own columns alone (the window's tickets, or its calls).
  struct ColumnKeys {
    std::vector<std::pair<const int32_t*, int32_t>> filters;  // column, the id it must hold
    std::vector<const int32_t*> columns;                      // per dimension; null for the time bucket
    std::vector<int64_t> period_key;                          // per period, when bucketed
    const int64_t* instants = nullptr;                        // the instant that picks the bucket
    // Record i's key parts, from the period holding its instant (`hint` as PeriodEndingAfter's);
    // false when a filter excludes it.
    bool Of(const std::vector<Period>& periods, size_t i, size_t& hint, int64_t* parts) const {
      for (const auto& [column, id] : filters)
        if (column[i] != id) return false;
      const int64_t bucket = period_key.empty() ? 0 : period_key[PeriodEndingAfter(periods, instants[i], hint)];
      for (size_t d = 0; d < columns.size(); ++d) parts[d] = columns[d] ? int64_t{columns[d][i]} : bucket;
      return true;
    }
  };
  // The keys of records whose column per dimension is column_of[dim] (null: the records have
  // none) and whose instant is `instants`. False when a dimension or filter of the query is
  // neither such a column nor the time bucket.
  using ColumnsByDim = std::array<const int32_t*, static_cast<size_t>(Dim::kBucket) + 1>;
  bool PlanColumnKeys(const ColumnsByDim& column_of, const int64_t* instants, ColumnKeys& keys) const;
  // The window's tickets' keys by their creation.
  bool PlanCreatedKeys(ColumnKeys& keys) const;
  // GroupOf for record i keyed by `keys` (-1 when a filter excludes it); `hint` and `parts` as Of's.
  int32_t GroupOfColumns(const ColumnKeys& keys, size_t i, size_t& hint, int64_t* parts) {
    if (!keys.Of(Periods(), i, hint, parts)) return -1;
    return keys.columns.empty() ? 0 : GroupOfKey(parts, keys.columns.size());
  }
  void Rehash();
  // When the query's dimensions span few combinations, a fact's group is a direct index into
  // dense_: each dimension value (+1, so that -1 is 0) in mixed radix, the bucket counted from the
  // window's first. Values outside the ranges fall back to hashing.
  void PlanDense();
  std::vector<int64_t> radix_;     // per dimension; empty: no dense table
  int64_t first_bucket_ = 0;
  size_t dense_size_ = 0;          // entries of dense_ once a fact is placed
  std::vector<int32_t> dense_;     // group id, -1 not seen yet
  const Dataset& data_;
  const EngineQuery& q_;
  OffsetTable offsets_;
  std::vector<std::vector<int64_t>> keys_;
  // Open addressing over group ids (-1 empty): the hot path hashes a few integers, no strings.
  std::vector<int32_t> slots_;
  std::vector<uint64_t> hashes_;
};

}  // namespace supportlens
