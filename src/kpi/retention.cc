// Retention and revenue: customer populations at period boundaries from the customer
// directory (acquired_on, churned_on), retention requests and offers.
#include "kpi/families.h"

namespace supportlens::kpi {
namespace {

struct Populations {
  double at_start = 0, at_end = 0, new_in = 0, lost = 0, revenue_start = 0, revenue_kept = 0;
};

PerGroup<Populations> CustomerPopulations(KpiContext& ctx) {
  const auto& c = ctx.data.customers;
  const auto& zone = ctx.data.settings.zone;
  PerGroup<Populations> st;
  const auto& periods = ctx.Periods();
  for (size_t pi = 0; pi < periods.size(); ++pi) {
    const Period& p = periods[pi];
    const int64_t start_day = FloorDiv(zone.ToLocal(p.start), 86400), end_day = FloorDiv(zone.ToLocal(p.end), 86400);
    for (size_t i = 0; i < c.segment.size(); ++i) {
      if (!c.in_directory[i]) continue;
      // A customer is present on a day when acquired on or before it and not churned by then.
      auto present = [&](int64_t day) {
        return (c.acquired_on[i] == kNoTime || c.acquired_on[i] < day) && (c.churned_on[i] == kNoTime || c.churned_on[i] >= day);
      };
      bool s = present(start_day), e = present(end_day);
      bool is_new = c.acquired_on[i] != kNoTime && c.acquired_on[i] >= start_day && c.acquired_on[i] < end_day;
      if (!s && !e && !is_new) continue;
      int32_t g = ctx.SegmentPeriodGroup(c.segment[i], pi);
      if (g < 0) continue;
      Populations& x = st[g];
      double revenue = std::isnan(c.revenue[i]) ? 0 : c.revenue[i];
      x.at_start += s;
      x.at_end += e;
      x.new_in += is_new;
      if (s && !e) x.lost += 1;
      if (s) x.revenue_start += revenue;
      if (s && e) x.revenue_kept += revenue;
      ctx.Drill(g, RecordKind::kCustomer, i, revenue, s && !e);
    }
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
    k.segment = ctx.data.CustomerSegment(r.customer[i]);
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
    if (o.customer[i] >= 0) k.segment = ctx.data.CustomerSegment(o.customer[i]);
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
