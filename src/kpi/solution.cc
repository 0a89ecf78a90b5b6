// Solution quality: did the fix work. All are ticket rates over the folded timeline facts.
#include "kpi/families.h"

namespace supportlens::kpi {
namespace {

// A ticket rate: which tickets are in the denominator (and where they are placed), and which hit.
template <typename InDen, typename Hit>
void TicketRate(KpiContext& ctx, TicketTime time, TicketAgent agent, KpiOutputs& out, InDen&& in_den, Hit&& hit) {
  const auto& groups = ctx.TicketGroups(time, agent);
  PerGroup<RatioState> st;
  for (size_t t = 0; t < groups.size(); ++t) {
    int32_t g = groups[t];
    if (g < 0 || !in_den(t)) continue;
    bool h = hit(t);
    st[g].Add(h);
    ctx.Drill(g, RecordKind::kTicket, t, std::nullopt, h);
  }
  FinishPercents(st, out);
}

}  // namespace

void FcrRate(KpiContext& ctx, KpiOutputs& out) {
  const auto& f = ctx.facts;
  TicketRate(ctx, TicketTime::kCreated, TicketAgent::kFinalSolver, out, [](size_t) { return true; }, [&](size_t t) {
    return f.final_solve_at[t] != kNoTime && f.agent_replies[t] == 1 && !f.Has(t, kReopened) && !f.Has(t, kTransferred) &&
           !f.Has(t, kEscalated) && !f.Has(t, kHasRepeat);
  });
}

void OneTouchRate(KpiContext& ctx, KpiOutputs& out) {
  const auto& f = ctx.facts;
  TicketRate(ctx, TicketTime::kFinalSolve, TicketAgent::kFinalSolver, out,
             [&](size_t t) { return f.final_solve_at[t] != kNoTime; }, [&](size_t t) { return f.agent_replies[t] <= 1; });
}

void ReopenRate(KpiContext& ctx, KpiOutputs& out) {
  const auto& f = ctx.facts;
  TicketRate(ctx, TicketTime::kFirstSolve, TicketAgent::kFirstSolver, out,
             [&](size_t t) { return f.first_solve_at[t] != kNoTime; }, [&](size_t t) { return f.Has(t, kReopened); });
}

void EscalationRate(KpiContext& ctx, KpiOutputs& out) {
  const auto& f = ctx.facts;
  TicketRate(ctx, TicketTime::kCreated, TicketAgent::kOwner, out, [](size_t) { return true; },
             [&](size_t t) { return f.Has(t, kEscalated); });
}

void RepeatContactRate(KpiContext& ctx, KpiOutputs& out) {
  const auto& f = ctx.facts;
  TicketRate(ctx, TicketTime::kCreated, TicketAgent::kOwner, out, [](size_t) { return true; },
             [&](size_t t) { return f.Has(t, kRepeatContact); });
}

void NextIssueAvoidance(KpiContext& ctx, KpiOutputs& out) {
  const auto& f = ctx.facts;
  TicketRate(ctx, TicketTime::kCreated, TicketAgent::kOwner, out, [](size_t) { return true; },
             [&](size_t t) { return !f.Has(t, kRepeatContact); });
}

void BotResolutionRate(KpiContext& ctx, KpiOutputs& out) {
  const auto& f = ctx.facts;
  TicketRate(ctx, TicketTime::kCreated, TicketAgent::kOwner, out, [&](size_t t) { return f.Has(t, kBotInvolved); },
             [&](size_t t) { return f.final_solve_at[t] != kNoTime && !f.Has(t, kBotHandoff); });
}

}  // namespace supportlens::kpi
