#include "engine/grouping.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <thread>

#include "core/iso_week.h"

namespace supportlens {
namespace {

struct DimEntry { const char* name; Dim dim; BucketKind bucket; };
constexpr DimEntry kDims[] = {
    {"channel", Dim::kChannel, BucketKind::kNone}, {"agent", Dim::kAgent, BucketKind::kNone},
    {"team", Dim::kTeam, BucketKind::kNone},       {"topic", Dim::kTopic, BucketKind::kNone},
    {"priority", Dim::kPriority, BucketKind::kNone}, {"customer_segment", Dim::kSegment, BucketKind::kNone},
    {"queue", Dim::kQueue, BucketKind::kNone},     {"15min", Dim::kBucket, BucketKind::k15Min},
    {"30min", Dim::kBucket, BucketKind::k30Min},   {"hour", Dim::kBucket, BucketKind::kHour},
    {"day", Dim::kBucket, BucketKind::kDay},       {"week", Dim::kBucket, BucketKind::kWeek},
    {"month", Dim::kBucket, BucketKind::kMonth},   {"quarter", Dim::kBucket, BucketKind::kQuarter},
};

const Dictionary& DictFor(const Dataset& d, Dim dim) {
  switch (dim) {
    case Dim::kChannel: return d.dict.channel;
    case Dim::kAgent: return d.dict.agent;
    case Dim::kTeam: return d.dict.team;
    case Dim::kTopic: return d.dict.topic;
    case Dim::kPriority: return d.dict.priority;
    case Dim::kSegment: return d.dict.segment;
    case Dim::kQueue: return d.dict.queue;
    case Dim::kBucket: break;
  }
  return d.dict.channel;
}

int32_t CoordValue(const Dataset& d, const Coord& c, Dim dim) {
  switch (dim) {
    case Dim::kChannel: return c.channel;
    case Dim::kAgent: return c.agent;
    case Dim::kTeam: return d.AgentTeam(c.agent);
    case Dim::kTopic: return c.topic;
    case Dim::kPriority: return c.priority;
    case Dim::kSegment: return c.segment;
    case Dim::kQueue: return c.queue;
    case Dim::kBucket: break;
  }
  return -1;
}

}  // namespace

const char* DimName(Dim d, BucketKind b) {
  for (auto& k : kDims)
    if (k.dim == d && (d != Dim::kBucket || k.bucket == b)) return k.name;
  return "?";
}

Result<EngineQuery> ParseQuery(const Query& q, const Dataset& data) {
  EngineQuery e;
  auto from = ParseDate(q.from);
  if (!from.ok()) return Status::InvalidArgument("--from: " + from.status().message());
  auto to = ParseDate(q.to);
  if (!to.ok()) return Status::InvalidArgument("--to: " + to.status().message());
  if (*to <= *from) return Status::InvalidArgument(fmt::format("--to {} must be after --from {}", q.to, q.from));
  e.from_day = *from;
  e.to_day = *to;
  e.from = data.settings.zone.ToUtc(int64_t{*from} * 86400);
  e.to = data.settings.zone.ToUtc(int64_t{*to} * 86400);
  for (auto& name : q.by) {
    const DimEntry* found = nullptr;
    for (auto& k : kDims)
      if (name == k.name) found = &k;
    if (!found)
      return Status::InvalidArgument(fmt::format(
          "--by: unknown dimension \"{}\" (expected channel, agent, team, topic, priority, customer_segment, queue, 15min, 30min, hour, day, week, month or quarter)",
          name));
    if (found->dim == Dim::kBucket) {
      if (e.bucket != BucketKind::kNone) return Status::InvalidArgument("--by: only one time bucket per report");
      e.bucket = found->bucket;
    }
    if (std::find(e.dims.begin(), e.dims.end(), found->dim) != e.dims.end())
      return Status::InvalidArgument(fmt::format("--by: \"{}\" is given twice", name));
    e.dims.push_back(found->dim);
  }
  for (auto& [name, value] : q.filters) {
    const DimEntry* found = nullptr;
    for (auto& k : kDims)
      if (name == k.name && k.dim != Dim::kBucket) found = &k;
    if (!found) return Status::InvalidArgument(fmt::format("filter: unknown dimension \"{}\"", name));
    int32_t id = DictFor(data, found->dim).Find(value);
    e.filters.emplace_back(found->dim, id < 0 ? -2 : id);
  }
  if (q.cohort == "created") e.cohort = Cohort::kCreated;
  else if (q.cohort == "event") e.cohort = Cohort::kEvent;
  else if (q.cohort == "closed_in_window") e.cohort = Cohort::kClosedInWindow;
  else return Status::InvalidArgument(fmt::format("--cohort: expected created, event or closed_in_window, got \"{}\"", q.cohort));
  e.business_time = q.business_time;
  e.kpis = q.kpis;
  return e;
}

GroupRegistry::GroupRegistry(const Dataset& data, const EngineQuery& q)
    : data_(data), q_(q), offsets_(data.settings.zone, std::min(data.min_time, q.from) - 86400 * 400,
                                   std::max(data.max_time, q.to) + 86400 * 400) {
  slots_.assign(64, -1);
  PlanDense();
  if (q.dims.empty()) Intern(nullptr, 0);
  // A pure time series lists every bucket of the window, with or without records.
  if (q.dims.size() == 1 && q.bucket != BucketKind::kNone)
    for (const Period& p : Periods()) {
      Coord c;
      c.time = p.start;
      GroupOf(c);
    }
}

bool GroupRegistry::Matches(const Coord& c) const {
  for (auto& [dim, id] : q_.filters)
    if (CoordValue(data_, c, dim) != id) return false;
  return true;
}

void GroupRegistry::PlanDense() {
  constexpr int64_t kMaxDense = int64_t{1} << 20;  // 4 MB of group ids
  if (q_.dims.empty()) return;
  int64_t product = 1;
  std::vector<int64_t> radix;
  for (Dim d : q_.dims) {
    int64_t r;
    if (d == Dim::kBucket) {
      first_bucket_ = BucketKey(q_.from);
      r = BucketKey(q_.to - 1) - first_bucket_ + 1;
    } else {
      r = static_cast<int64_t>(DictFor(data_, d).size()) + 1;
    }
    if (r <= 0 || r > kMaxDense || product * r > kMaxDense) return;
    product *= r;
    radix.push_back(r);
  }
  radix_ = std::move(radix);
  dense_size_ = static_cast<size_t>(product);  // allocated by the first fact: a registry that only merges needs none
}

int32_t GroupRegistry::GroupOf(const Coord& c) {
  if (!q_.filters.empty() && !Matches(c)) return -1;
  if (q_.dims.empty()) return 0;
  int64_t parts[8];
  size_t n = 0;
  for (Dim d : q_.dims) parts[n++] = d == Dim::kBucket ? BucketKey(c.time) : CoordValue(data_, c, d);
  return GroupOfKey(parts, n);
}

bool GroupRegistry::PlanColumnKeys(const ColumnsByDim& column_of, const int64_t* instants, ColumnKeys& keys) const {
  for (auto& [dim, id] : q_.filters) {
    const int32_t* column = column_of[static_cast<size_t>(dim)];
    if (!column) return false;
    keys.filters.emplace_back(column, id);
  }
  for (Dim d : q_.dims) {
    keys.columns.push_back(column_of[static_cast<size_t>(d)]);
    if (!keys.columns.back() && d != Dim::kBucket) return false;
  }
  // A bucket's key is its period's (as KpiContext::PeriodOf relies on too): found by the period
  // holding the instant, which records in time order mostly share with the previous one,
  // instead of a local time per record.
  keys.instants = instants;
  if (q_.bucket != BucketKind::kNone)
    for (const Period& p : Periods()) keys.period_key.push_back(BucketKey(p.start));
  return true;
}

bool GroupRegistry::PlanCreatedKeys(ColumnKeys& keys) const {
  const TicketTable& tk = data_.tickets;
  ColumnsByDim column_of{};
  column_of[static_cast<size_t>(Dim::kChannel)] = tk.channel.data();
  column_of[static_cast<size_t>(Dim::kTopic)] = tk.topic.data();
  column_of[static_cast<size_t>(Dim::kPriority)] = tk.priority.data();
  column_of[static_cast<size_t>(Dim::kQueue)] = tk.queue.data();
  return PlanColumnKeys(column_of, tk.created_at.data(), keys);
}

bool GroupRegistry::PlaceTicketsCreatedInWindow(std::vector<int32_t>& out) {
  // The key GroupOf would build from the ticket's coordinate, read from the columns directly.
  ColumnKeys keys;
  if (!PlanCreatedKeys(keys)) return false;
  size_t hint = 0;
  int64_t parts[8];
  data_.tickets.ForEachCreatedIn(q_.from, q_.to, [&](size_t t) { out[t] = GroupOfColumns(keys, t, hint, parts); });
  return true;
}

bool GroupRegistry::PlaceCallsInWindow(std::vector<int32_t>& out) {
  const CallTable& calls = data_.calls;
  ColumnsByDim column_of{};
  column_of[static_cast<size_t>(Dim::kChannel)] = calls.channel.data();
  column_of[static_cast<size_t>(Dim::kAgent)] = calls.agent.data();
  ColumnKeys keys;
  if (!PlanColumnKeys(column_of, calls.offered_at.data(), keys)) return false;
  size_t hint = 0;
  int64_t parts[8];
  for (size_t c = 0; c < calls.size(); ++c) {
    if (q_.InWindow(calls.offered_at[c])) out[c] = GroupOfColumns(keys, c, hint, parts);
  }
  return true;
}

bool GroupRegistry::PlaceTicketsCreatedInWindowOnTwoThreads(int32_t* out, int32_t outside) {
  ColumnKeys keys;
  if ((!q_.dims.empty() && radix_.empty()) || !PlanCreatedKeys(keys)) return false;
  const TicketTable& tk = data_.tickets;
  const std::vector<Period>& periods = Periods();  // worked out here, not by both threads at once
  const size_t n = tk.size(), dims = keys.columns.size();
  const auto [first, last] = tk.CreatedPositions(q_.from, q_.to);
  const size_t middle = first + (last - first) / 2;
  // Runs fn(0) here and fn(1) on a second thread: each half of the work on a core of its own.
  auto on_two_threads = [](auto&& fn) {
    std::thread second([&] { fn(1); });
    fn(0);
    second.join();
  };
  // 1. Every entry set to `outside`: the first touch of fresh memory is much of the cost, and
  //    it is shared. Done before any window ticket is written, as a ticket's position in creation
  //    order need not be its index.
  on_two_threads([&](int k) { std::fill(out + n * static_cast<size_t>(k) / 2, out + n * static_cast<size_t>(k + 1) / 2, outside); });
  // 2. Each half of the window's tickets gets its key's index in the dense table (-1 when a filter
  //    excludes it); each half lists the indexes it meets, in the order it first meets them.
  struct Half {
    std::vector<uint8_t> seen;      // per dense index
    std::vector<int64_t> order;     // dense indexes, first met first
    bool in_table = true;           // false: a key fell outside the dense table
  };
  Half halves[2];
  const size_t dense = dims == 0 ? 1 : dense_size_;
  on_two_threads([&](int k) {
    Half& h = halves[k];
    h.seen.assign(dense, 0);
    size_t hint = 0;
    int64_t parts[8];
    for (size_t i = k == 0 ? first : middle; i < (k == 0 ? middle : last); ++i) {
      const size_t t = tk.InCreationOrder(i);
      if (!keys.Of(periods, t, hint, parts)) {
        out[t] = -1;
        continue;
      }
      const int64_t index = dims == 0 ? 0 : DenseIndex(parts, dims);
      if (index < 0) {
        h.in_table = false;
        return;
      }
      out[t] = static_cast<int32_t>(index);
      if (!h.seen[static_cast<size_t>(index)]) {
        h.seen[static_cast<size_t>(index)] = 1;
        h.order.push_back(index);
      }
    }
  });
  if (!halves[0].in_table || !halves[1].in_table) return false;
  // 3. The groups, created in the order one loop over the tickets would meet them: the first
  //    half's keys, then the second half's new ones.
  std::vector<int32_t> group_of(dense, -1);
  for (const Half& h : halves)
    for (int64_t index : h.order) {
      int32_t& g = group_of[static_cast<size_t>(index)];
      if (g >= 0) continue;
      if (dims == 0) {
        g = 0;
        continue;
      }
      int64_t parts[8];
      size_t rest = static_cast<size_t>(index);
      for (size_t d = dims; d-- > 0;) {  // mixed radix, as DenseIndex composes it
        const auto v = static_cast<int64_t>(rest % static_cast<size_t>(radix_[d]));
        rest /= static_cast<size_t>(radix_[d]);
        parts[d] = q_.dims[d] == Dim::kBucket ? v + first_bucket_ : v - 1;
      }
      g = GroupOfKey(parts, dims);
    }
  // 4. Each half's indexes become groups.
  on_two_threads([&](int k) {
    for (size_t i = k == 0 ? first : middle; i < (k == 0 ? middle : last); ++i) {
      const size_t t = tk.InCreationOrder(i);
      if (out[t] >= 0) out[t] = group_of[static_cast<size_t>(out[t])];
    }
  });
  return true;
}

namespace {
uint64_t HashParts(const int64_t* parts, size_t n) {
  uint64_t h = 0x9E3779B97F4A7C15ull;
  for (size_t i = 0; i < n; ++i) {
    h ^= static_cast<uint64_t>(parts[i]) + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    h *= 0xBF58476D1CE4E5B9ull;
  }
  return h ^ (h >> 31);
}
}  // namespace

int32_t GroupRegistry::Find(const std::vector<int64_t>& key) const {
  const uint64_t h = HashParts(key.data(), key.size());
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    int32_t g = slots_[i];
    if (g < 0) return -1;
    if (hashes_[static_cast<size_t>(g)] == h && keys_[static_cast<size_t>(g)] == key) return g;
  }
}

int32_t GroupRegistry::Intern(const int64_t* parts, size_t n) {
  const uint64_t h = HashParts(parts, n);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    int32_t g = slots_[i];
    if (g < 0) break;
    if (hashes_[static_cast<size_t>(g)] != h) continue;
    const int64_t* k = keys_[static_cast<size_t>(g)].data();
    size_t same = 0;
    while (same < n && k[same] == parts[same]) ++same;
    if (same == n) return g;
  }
  int32_t g = static_cast<int32_t>(keys_.size());
  keys_.emplace_back(parts, parts + n);
  hashes_.push_back(h);
  if (keys_.size() * 2 > slots_.size()) {
    Rehash();
  } else {
    for (size_t i = h & mask;; i = (i + 1) & mask)
      if (slots_[i] < 0) { slots_[i] = g; break; }
  }
  return g;
}

void GroupRegistry::Rehash() {
  slots_.assign(slots_.size() * 2, -1);
  const size_t mask = slots_.size() - 1;
  for (size_t g = 0; g < keys_.size(); ++g)
    for (size_t i = hashes_[g] & mask;; i = (i + 1) & mask)
      if (slots_[i] < 0) { slots_[i] = static_cast<int32_t>(g); break; }
}

int64_t GroupRegistry::IntervalSeconds() const {
  switch (q_.bucket) {
    case BucketKind::k15Min: return 900;
    case BucketKind::k30Min: return 1800;
    default: return 3600;
  }
}

int64_t GroupRegistry::BucketKey(int64_t utc) const {
  int64_t local = offsets_.ToLocal(utc);
  int64_t day = FloorDiv(local, 86400);
  switch (q_.bucket) {
    case BucketKind::k15Min: return FloorDiv(local, 900);
    case BucketKind::k30Min: return FloorDiv(local, 1800);
    case BucketKind::kHour: return FloorDiv(local, 3600);
    case BucketKind::kDay: return day;
    case BucketKind::kWeek: return day - WeekdayFromDays(day);  // the week's Monday
    case BucketKind::kMonth:
    case BucketKind::kQuarter: {
      if (day != cached_day_) {
        CivilDate c = CivilFromDays(day);
        unsigned m = q_.bucket == BucketKind::kQuarter ? (c.month - 1) / 3 * 3 + 1 : c.month;
        cached_day_ = day;
        cached_month_key_ = int64_t{c.year} * 12 + (m - 1);
      }
      return cached_month_key_;
    }
    case BucketKind::kNone: break;
  }
  return 0;
}

int64_t GroupRegistry::BucketStart(int64_t utc) const {
  int64_t key = BucketKey(utc);
  switch (q_.bucket) {
    case BucketKind::k15Min:
    case BucketKind::k30Min:
    case BucketKind::kHour: return data_.settings.zone.ToUtc(key * IntervalSeconds());
    case BucketKind::kDay:
    case BucketKind::kWeek: return data_.settings.zone.ToUtc(key * 86400);
    case BucketKind::kMonth:
    case BucketKind::kQuarter:
      return data_.settings.zone.ToUtc(int64_t{DaysFromCivil(static_cast<int>(key / 12), static_cast<unsigned>(key % 12) + 1, 1)} * 86400);
    case BucketKind::kNone: break;
  }
  return q_.from;
}

const std::vector<Period>& GroupRegistry::ComputePeriods() const {
  std::vector<Period>& out = periods_;
  if (q_.bucket == BucketKind::kNone) {
    out.push_back({q_.from, q_.to});
    return out;
  }
  int64_t start = q_.from;
  while (start < q_.to) {
    // The next bucket starts at the first instant whose bucket key differs: step in local time.
    int64_t key = BucketKey(start);
    int64_t next;
    switch (q_.bucket) {
      case BucketKind::k15Min:
      case BucketKind::k30Min:
      case BucketKind::kHour: next = data_.settings.zone.ToUtc((key + 1) * IntervalSeconds()); break;
      case BucketKind::kDay: next = data_.settings.zone.ToUtc((key + 1) * 86400); break;
      case BucketKind::kWeek: next = data_.settings.zone.ToUtc((key + 7) * 86400); break;
      default: {
        int64_t months = q_.bucket == BucketKind::kQuarter ? 3 : 1;
        int64_t k = key + months;
        next = data_.settings.zone.ToUtc(int64_t{DaysFromCivil(static_cast<int>(k / 12), static_cast<unsigned>(k % 12) + 1, 1)} * 86400);
      }
    }
    if (next <= start) next = start + 900;  // guard against a zone oddity
    out.push_back({start, std::min(next, q_.to)});
    start = next;
  }
  return out;
}

std::string GroupRegistry::BucketLabel(int64_t key) const {
  switch (q_.bucket) {
    case BucketKind::k15Min:
    case BucketKind::k30Min:
    case BucketKind::kHour: {
      int64_t local = key * IntervalSeconds();
      int64_t day = FloorDiv(local, 86400), second = local - day * 86400;
      return fmt::format("{}T{:02}:{:02}", FormatDate(static_cast<DayNumber>(day)), second / 3600, second % 3600 / 60);
    }
    case BucketKind::kDay: return FormatDate(static_cast<DayNumber>(key));
    case BucketKind::kWeek: return IsoWeekLabel(static_cast<DayNumber>(key));
    case BucketKind::kMonth: return fmt::format("{}-{:02}", key / 12, key % 12 + 1);
    case BucketKind::kQuarter: return fmt::format("{}-Q{}", key / 12, key % 12 / 3 + 1);
    case BucketKind::kNone: break;
  }
  return "";
}

std::vector<std::pair<std::string, std::optional<std::string>>> GroupRegistry::Labels(int32_t g) const {
  std::vector<std::pair<std::string, std::optional<std::string>>> out;
  const auto& k = keys_[static_cast<size_t>(g)];
  for (size_t i = 0; i < q_.dims.size(); ++i) {
    Dim d = q_.dims[i];
    std::optional<std::string> v;
    if (d == Dim::kBucket) v = BucketLabel(k[i]);
    else if (k[i] >= 0) v = DictFor(data_, d).at(static_cast<int32_t>(k[i]));
    out.emplace_back(DimName(d, q_.bucket), v);
  }
  return out;
}

std::vector<int32_t> GroupRegistry::Ordered() const {
  std::vector<int32_t> ids(keys_.size());
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<int32_t>(i);
  std::vector<std::vector<std::pair<std::string, std::optional<std::string>>>> labels;
  for (auto id : ids) labels.push_back(Labels(id));
  std::sort(ids.begin(), ids.end(), [&](int32_t a, int32_t b) {
    const auto& ka = keys_[static_cast<size_t>(a)];
    const auto& kb = keys_[static_cast<size_t>(b)];
    for (size_t i = 0; i < q_.dims.size(); ++i) {
      if (q_.dims[i] == Dim::kBucket) {
        if (ka[i] != kb[i]) return ka[i] < kb[i];
        continue;
      }
      const auto& la = labels[static_cast<size_t>(a)][i].second;
      const auto& lb = labels[static_cast<size_t>(b)][i].second;
      if (la != lb) {
        if (!la) return false;  // nulls last
        if (!lb) return true;
        return *la < *lb;
      }
    }
    return false;
  });
  return ids;
}

}  // namespace supportlens
