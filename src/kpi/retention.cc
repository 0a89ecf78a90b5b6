// Retention and revenue: customer populations at period boundaries from the customer
// directory (acquired_on, churned_on), retention requests and offers.
#include <algorithm>
#include <limits>

#include "kpi/families.h"

namespace supportlens::kpi {
namespace {

struct Populations {
  double at_start = 0, at_end = 0, new_in = 0, lost = 0, revenue_start = 0, revenue_kept = 0;
};

// A customer is present on a day when acquired before it and not churned before it, i.e. on the
// days [acquired_on + 1, churned_on].
struct Presence {
  int64_t first, last;  // inclusive day range, open ends at the int64 limits
};

Presence PresenceOf(const CustomerTable& c, size_t i) {
  return {c.acquired_on[i] == kNoTime ? std::numeric_limits<int64_t>::min() : c.acquired_on[i] + 1,
          c.churned_on[i] == kNoTime ? std::numeric_limits<int64_t>::max() : c.churned_on[i]};
}

// Record by record (used when the records behind the figure are listed).
PerGroup<Populations> CustomerPopulationsByRecord(KpiContext& ctx, const std::vector<int64_t>& start_day,
                                                  const std::vector<int64_t>& end_day) {
  const auto& c = ctx.data.customers;
  PerGroup<Populations> st;
  for (size_t pi = 0; pi < start_day.size(); ++pi)
    for (size_t i = 0; i < c.segment.size(); ++i) {
      if (!c.in_directory[i]) continue;
      Presence pr = PresenceOf(c, i);
      bool s = pr.first <= start_day[pi] && start_day[pi] <= pr.last;
      bool e = pr.first <= end_day[pi] && end_day[pi] <= pr.last;
      bool is_new = c.acquired_on[i] != kNoTime && c.acquired_on[i] >= start_day[pi] && c.acquired_on[i] < end_day[pi];
      if (!s && !e && !is_new) continue;
      int32_t g = ctx.SegmentPeriodGroup(c.segment[i], pi);
      if (g < 0) continue;
      Populations& x = st[g];
      double revenue = std::isnan(c.revenue[i]) ? 0 : c.revenue[i];
      x.at_start += s;
      x.at_end += e;
      x.new_in += is_new;
      x.lost += s && !e;
      if (s) x.revenue_start += revenue;
      if (s && e) x.revenue_kept += revenue;
      ctx.Drill(g, RecordKind::kCustomer, i, revenue, s && !e);
    }
  return st;
}

// How many days of a sorted list lie before a day, or on it at the latest: read from a table
// over the days the list spans, where a binary search per customer and period bound cost as
// much as the rest of the customer's work (a report by month has 12 periods).
class DayRanks {
 public:
  explicit DayRanks(const std::vector<int64_t>& days) : n_(days.size()) {
    if (days.empty()) return;
    first_ = days.front();
    before_.resize(static_cast<size_t>(days.back() - first_) + 2);  // days first_ .. last + 1
    size_t k = 0;
    for (size_t d = 0; d < before_.size(); ++d) {
      while (k < n_ && days[k] < first_ + static_cast<int64_t>(d)) ++k;
      before_[d] = k;
    }
  }
  // Days of the list before `day` (std::lower_bound's index).
  size_t Before(int64_t day) const {
    if (n_ == 0 || day <= first_) return 0;
    const auto d = static_cast<uint64_t>(day) - static_cast<uint64_t>(first_);
    return d >= before_.size() ? n_ : before_[d];
  }
  // Days of the list on or before `day` (std::upper_bound's index).
  size_t UpTo(int64_t day) const { return day == std::numeric_limits<int64_t>::max() ? n_ : Before(day + 1); }

 private:
  size_t n_;
  int64_t first_ = 0;
  std::vector<size_t> before_;
};

// The populations per customer segment and period ([segment id + 1][period]), each customer
// touching only the periods where it changes: its presence is a day range, so "present at each
// period's start" is a contiguous run of periods (a difference array per segment), and "new" and
// "lost" are single periods. They depend on the periods alone, so a report sums them once.
std::vector<Populations> SegmentPopulations(const Dataset& data, const std::vector<int64_t>& start_day,
                                            const std::vector<int64_t>& end_day) {
  const auto& c = data.customers;
  const size_t np = start_day.size(), segments = data.dict.segment.size() + 1;
  std::vector<Populations> diff(segments * (np + 1));
  auto range_add = [&](size_t seg, size_t from, size_t to, double Populations::*field, double v) {
    if (from >= to) return;
    diff[seg * (np + 1) + from].*field += v;
    diff[seg * (np + 1) + to].*field -= v;
  };
  const DayRanks starts(start_day), ends(end_day);
  std::vector<Populations> out(segments * np);  // new_in and lost first, then the running sums
  for (size_t i = 0; i < c.segment.size(); ++i) {
    if (!c.in_directory[i]) continue;
    const size_t seg = static_cast<size_t>(c.segment[i] + 1);
    const Presence pr = PresenceOf(c, i);
    const double revenue = std::isnan(c.revenue[i]) ? 0 : c.revenue[i];
    // Most customers are present over the whole window: every period, without a search.
    const bool whole = np > 0 && pr.first <= start_day.front() && pr.last >= end_day.back();
    const size_t first_start = whole ? 0 : starts.Before(pr.first), last_start = whole ? np : starts.UpTo(pr.last);
    const size_t first_end = whole ? 0 : ends.Before(pr.first), last_end = whole ? np : ends.UpTo(pr.last);
    range_add(seg, first_start, last_start, &Populations::at_start, 1);
    range_add(seg, first_start, last_start, &Populations::revenue_start, revenue);
    range_add(seg, first_end, last_end, &Populations::at_end, 1);
    range_add(seg, first_start, last_end, &Populations::revenue_kept, revenue);
    if (c.acquired_on[i] != kNoTime) {
      size_t p = starts.UpTo(c.acquired_on[i]);
      if (p > 0 && c.acquired_on[i] < end_day[p - 1]) out[seg * np + p - 1].new_in += 1;
    }
    if (c.churned_on[i] != kNoTime) {  // present at a period's start, gone at its end
      size_t p = starts.UpTo(pr.last);
      if (p > 0 && start_day[p - 1] >= pr.first && pr.last < end_day[p - 1]) out[seg * np + p - 1].lost += 1;
    }
  }
  for (size_t seg = 0; seg < segments; ++seg) {
    Populations run;
    for (size_t p = 0; p < np; ++p) {
      const Populations& d = diff[seg * (np + 1) + p];
      run.at_start += d.at_start;
      run.at_end += d.at_end;
      run.revenue_start += d.revenue_start;
      run.revenue_kept += d.revenue_kept;
      Populations& x = out[seg * np + p];
      x.at_start = run.at_start;
      x.at_end = run.at_end;
      x.revenue_start = run.revenue_start;
      x.revenue_kept = run.revenue_kept;
    }
  }
  return out;
}

PerGroup<Populations> CustomerPopulations(KpiContext& ctx) {
  const auto& zone = ctx.data.settings.zone;
  const auto& periods = ctx.Periods();
  const size_t np = periods.size();
  std::vector<int64_t> start_day(np), end_day(np);
  for (size_t p = 0; p < np; ++p) {
    start_day[p] = FloorDiv(zone.ToLocal(periods[p].start), 86400);
    end_day[p] = FloorDiv(zone.ToLocal(periods[p].end), 86400);
  }
  if (ctx.drill) return CustomerPopulationsByRecord(ctx, start_day, end_day);

  const auto& sums = ctx.Shared<std::vector<Populations>>(kSegmentPopulations, [&] { return SegmentPopulations(ctx.data, start_day, end_day); });
  PerGroup<Populations> st;
  for (size_t i = 0; i < sums.size(); ++i) {
    const Populations& one = sums[i];
    if (one.at_start == 0 && one.at_end == 0 && one.new_in == 0) continue;
    int32_t g = ctx.SegmentPeriodGroup(static_cast<int32_t>(i / np) - 1, i % np);
    if (g < 0) continue;
    Populations& x = st[g];
    x.at_start += one.at_start;
    x.at_end += one.at_end;
    x.revenue_start += one.revenue_start;
    x.revenue_kept += one.revenue_kept;
    x.new_in += one.new_in;
    x.lost += one.lost;
  }
  return st;
}

}  // namespace

void CustomerRetentionRate(KpiContext& ctx, KpiOutputs& out) {
  auto st = CustomerPopulations(ctx);
  for (size_t g = 0; g < st.size(); ++g) {
    const Populations& p = st.states[g];
    auto& v = out[static_cast<int32_t>(g)];
    v.n = static_cast<int64_t>(p.at_start);
    if (p.at_start > 0) v.value = Round2(100.0 * (p.at_end - p.new_in) / p.at_start);
    v.extras.emplace_back("customers_at_start", p.at_start);
    v.extras.emplace_back("customers_at_end", p.at_end);
    v.extras.emplace_back("new_customers", p.new_in);
  }
}

void CustomerChurnRate(KpiContext& ctx, KpiOutputs& out) {
  auto st = CustomerPopulations(ctx);
  for (size_t g = 0; g < st.size(); ++g) {
    const Populations& p = st.states[g];
    auto& v = out[static_cast<int32_t>(g)];
    v.n = static_cast<int64_t>(p.at_start);
    if (p.at_start > 0) v.value = Round2(100.0 * p.lost / p.at_start);
    v.extras.emplace_back("customers_lost", p.lost);
  }
}

void RevenueRetentionRate(KpiContext& ctx, KpiOutputs& out) {
  auto st = CustomerPopulations(ctx);
  for (size_t g = 0; g < st.size(); ++g) {
    const Populations& p = st.states[g];
    auto& v = out[static_cast<int32_t>(g)];
    v.n = static_cast<int64_t>(p.at_start);
    if (p.revenue_start > 0) v.value = Round2(100.0 * p.revenue_kept / p.revenue_start);
    v.extras.emplace_back("revenue_at_start", Round2(p.revenue_start));
  }
}

void SaveRate(KpiContext& ctx, KpiOutputs& out) {
  const auto& r = ctx.data.retention;
  PerGroup<RatioState> st;
  for (size_t i = 0; i < r.size(); ++i) {
    if (!ctx.q.InWindow(r.requested_at[i]) || r.outcome[i] == 2) continue;  // pending requests are not resolved
    Coord k;
    k.segment = ctx.SegmentOf(r.customer[i]);
    k.time = r.requested_at[i];
    int32_t g = ctx.groups.GroupOf(k);
    if (g < 0) continue;
    st[g].Add(r.outcome[i] == 0);
    ctx.Drill(g, RecordKind::kRetention, i, std::nullopt, r.outcome[i] == 0);
  }
  FinishPercents(st, out);
}

void UpsellRate(KpiContext& ctx, KpiOutputs& out) {
  const auto& o = ctx.data.offers;
  PerGroup<RatioState> st;
  PerGroup<double> value;
  for (size_t i = 0; i < o.size(); ++i) {
    if (!ctx.q.InWindow(o.offered_at[i])) continue;
    Coord k;
    if (o.ticket[i] >= 0) k = ctx.TicketCoord(static_cast<size_t>(o.ticket[i]), 0, -1);
    k.agent = o.agent[i];
    if (o.customer[i] >= 0) k.segment = ctx.SegmentOf(o.customer[i]);
    k.time = o.offered_at[i];
    int32_t g = ctx.groups.GroupOf(k);
    if (g < 0) continue;
    st[g].Add(o.accepted[i] != 0);
    if (o.accepted[i]) value[g] += o.value[i];
    ctx.Drill(g, RecordKind::kOffer, i, o.value[i], o.accepted[i] != 0);
  }
  FinishPercents(st, out);
  for (size_t g = 0; g < st.size(); ++g)
    out[static_cast<int32_t>(g)].extras.emplace_back("accepted_value", Round2(value[static_cast<int32_t>(g)]));
}

}  // namespace supportlens::kpi
