// Self-service and cost. Costs are spread evenly over the days of their period, so any window
// or bucket gets the share of the days it covers.
#include "kpi/families.h"

namespace supportlens::kpi {
namespace {

// Cost falling in each group: each cost row's amount per day, for the days inside the window.
PerGroup<double> CostsByGroup(KpiContext& ctx) {
  const auto& c = ctx.data.costs;
  const auto& zone = ctx.data.settings.zone;
  PerGroup<double> cost;
  for (size_t i = 0; i < c.size(); ++i) {
    int64_t first = std::max<int64_t>(c.start_day[i], ctx.q.from_day);
    int64_t last = std::min<int64_t>(c.end_day[i], ctx.q.to_day - 1);
    if (last < first) continue;
    double per_day = c.amount[i] / static_cast<double>(c.end_day[i] - c.start_day[i] + 1);
    for (int64_t day = first; day <= last; ++day) {
      Coord k;
      k.channel = c.channel[i];
      k.time = zone.ToUtc(day * 86400);
      int32_t g = ctx.groups.GroupOf(k);
      if (g < 0) continue;
      cost[g] += per_day;
      ctx.Drill(g, RecordKind::kCost, i, per_day);
    }
  }
  return cost;
}

// Self-service sessions started in the window, with their group (placed by the customer's segment
// and the period of the start): a lookup per segment and period instead of a coordinate per session,
// and only when either changes, as consecutive sessions mostly share both.
// With a drill-down sink each session is listed; else see SessionsByGroup.
template <typename F>
void ForEachSession(KpiContext& ctx, F&& fn) {
  const auto& s = ctx.data.self_service;
  size_t hint = 0;
  int32_t segment = Dictionary::kNone, group = -1;
  size_t period = SIZE_MAX;  // none yet
  for (size_t i = 0; i < s.size(); ++i) {
    const int64_t at = s.started_at[i];
    if (!ctx.q.InWindow(at)) continue;
    const int32_t sg = ctx.SegmentOf(s.customer[i]);
    const size_t p = ctx.PeriodOf(at, hint);
    if (p != period || sg != segment) {
      segment = sg;
      period = p;
      group = ctx.SegmentPeriodGroup(sg, p);
    }
    if (group >= 0) fn(group, i);
  }
}

struct SessionCounts {
  int64_t sessions = 0, resolved = 0;  // resolved: without an agent
};

// The sessions per group, from counts per customer segment and period ([segment id + 1][period]).
// Those depend on the periods alone, so a report's contexts count them once, the first to ask for
// every self-service KPI of the report.
PerGroup<SessionCounts> SessionsByGroup(KpiContext& ctx) {
  const size_t periods = ctx.Periods().size();
  const auto& sums = ctx.Shared<std::vector<SessionCounts>>(kSelfServiceSessions, [&] {
    std::vector<SessionCounts> counts((ctx.data.dict.segment.size() + 1) * periods);
    const auto& s = ctx.data.self_service;
    size_t hint = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      const int64_t at = s.started_at[i];
      if (!ctx.q.InWindow(at)) continue;
      SessionCounts& c = counts[static_cast<size_t>(ctx.SegmentOf(s.customer[i]) + 1) * periods + ctx.PeriodOf(at, hint)];
      ++c.sessions;
      c.resolved += s.resolved[i] != 0;
    }
    return counts;
  });
  PerGroup<SessionCounts> out;
  for (size_t i = 0; i < sums.size(); ++i) {
    if (sums[i].sessions == 0) continue;
    const int32_t g = ctx.SegmentPeriodGroup(static_cast<int32_t>(i / periods) - 1, i % periods);
    if (g < 0) continue;
    out[g].sessions += sums[i].sessions;
    out[g].resolved += sums[i].resolved;
  }
  return out;
}

void CostPer(KpiContext& ctx, TicketTime time, TicketAgent agent, KpiOutputs& out, OutcomeRule rule) {
  PerGroup<double> cost = CostsByGroup(ctx);
  PerGroup<int64_t> tickets = CountTickets(ctx, time, agent, rule, [&](int32_t g, size_t t) { ctx.Drill(g, RecordKind::kTicket, t); });
  for (size_t g = 0; g < std::max(cost.size(), tickets.size()); ++g) {
    auto& v = out[static_cast<int32_t>(g)];
    int64_t n = tickets[static_cast<int32_t>(g)];
    v.n = n;
    if (n > 0) v.value = Round2(cost[static_cast<int32_t>(g)] / static_cast<double>(n));
    v.extras.emplace_back("cost", Round2(cost[static_cast<int32_t>(g)]));
  }
}

}  // namespace

void SelfServiceRate(KpiContext& ctx, KpiOutputs& out) {
  PerGroup<RatioState> st;
  if (ctx.drill) {
    ForEachSession(ctx, [&](int32_t g, size_t i) {
      st[g].Add(true);
      ctx.Drill(g, RecordKind::kSelfService, i, std::nullopt, true);
    });
  } else {
    const PerGroup<SessionCounts> sessions = SessionsByGroup(ctx);
    for (size_t g = 0; g < sessions.size(); ++g)
      if (const int64_t n = sessions.states[g].sessions) st[static_cast<int32_t>(g)].Add(true, static_cast<double>(n));
  }
  // Tickets count in the denominator only.
  const PerGroup<int64_t> tickets = CountTickets(ctx, TicketTime::kCreated, TicketAgent::kOwner, OutcomeRule(),
                                                 [&](int32_t g, size_t t) { ctx.Drill(g, RecordKind::kTicket, t, std::nullopt, false); });
  for (size_t g = 0; g < tickets.size(); ++g)
    if (tickets.states[g] > 0) st[static_cast<int32_t>(g)].den += static_cast<double>(tickets.states[g]);
  FinishPercents(st, out);
}

void DeflectionRate(KpiContext& ctx, KpiOutputs& out) {
  const auto& s = ctx.data.self_service;
  PerGroup<RatioState> st;
  if (ctx.drill) {
    ForEachSession(ctx, [&](int32_t g, size_t i) {
      st[g].Add(s.resolved[i] != 0);
      ctx.Drill(g, RecordKind::kSelfService, i, std::nullopt, s.resolved[i] != 0);
    });
  } else {
    const PerGroup<SessionCounts> sessions = SessionsByGroup(ctx);
    for (size_t g = 0; g < sessions.size(); ++g) {
      const SessionCounts& c = sessions.states[g];
      if (c.sessions == 0) continue;
      st[static_cast<int32_t>(g)].num = static_cast<double>(c.resolved);
      st[static_cast<int32_t>(g)].den = static_cast<double>(c.sessions);
    }
  }
  FinishPercents(st, out);
}

void CostPerTicket(KpiContext& ctx, KpiOutputs& out) {
  CostPer(ctx, TicketTime::kCreated, TicketAgent::kOwner, out, OutcomeRule());
}

void CostPerResolution(KpiContext& ctx, KpiOutputs& out) {
  CostPer(ctx, TicketTime::kFinalSolve, TicketAgent::kFinalSolver, out, OutcomeRule::Has(kResolvedNow));
}

}  // namespace supportlens::kpi
