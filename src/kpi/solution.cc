// Solution quality: did the fix work. All are ticket rates over the folded timeline facts.
#include "kpi/families.h"

namespace supportlens::kpi {
namespace {

// A ticket rate: the tickets in its denominator (placed at `time`, credited to `agent`), and
// those of them that hit, both told by the ticket's outcome word.
void TicketRate(KpiContext& ctx, TicketTime time, TicketAgent agent, KpiOutputs& out, OutcomeRule den, OutcomeRule hit) {
  PerGroup<RatioState> st;
  if (const TicketOutcomeCounts* counts = ctx.TicketOutcomes(time, agent)) {
    for (size_t g = 0; g < counts->groups; ++g) {
      const int64_t n = counts->Count(g, den);
      if (n == 0) continue;  // as ticket by ticket: a group without tickets here gets no state
      RatioState& s = st[static_cast<int32_t>(g)];
      s.den = static_cast<double>(n);
      s.num = static_cast<double>(counts->Count(g, den.And(hit)));
    }
  } else if (ctx.drill) {
    ctx.TicketGroups(time, agent).ForEachPlaced([&](size_t t, int32_t g) {
      const uint16_t word = ctx.facts.flags[t];
      if (!den.Meets(word)) return;
      const bool h = hit.Meets(word);
      st[g].Add(h);
      ctx.Drill(g, RecordKind::kTicket, t, std::nullopt, h);
    });
  } else {
    // Whole counts per group, sized once (every group the placement uses exists now): a
    // breakdown by agent has tens of thousands of groups and a ticket per few of them.
    const auto& groups = ctx.TicketGroups(time, agent);
    std::vector<int64_t> counts(ctx.groups.size() * 2, 0);  // [group * 2]: den, num
    const uint16_t* flags = ctx.facts.flags.data();
    groups.CountPlaced(counts, 2, [&](size_t t, int64_t* c) {
      const uint16_t word = flags[t];
      c[0] += den.Meets(word);
      c[1] += den.Meets(word) && hit.Meets(word);
    });
    const size_t used = GroupsUsed(ctx.groups.size(), [&](size_t g) { return counts[g * 2] != 0; });
    for (size_t g = 0; g < used; ++g) {
      RatioState& s = st[static_cast<int32_t>(g)];
      s.den = static_cast<double>(counts[g * 2]);
      s.num = static_cast<double>(counts[g * 2 + 1]);
    }
  }
  FinishPercents(st, out);
}

const OutcomeRule kEveryTicket;

}  // namespace

void FcrRate(KpiContext& ctx, KpiOutputs& out) {
  // Resolved now with one agent reply, never reopened, transferred or escalated, and no repeat contact.
  TicketRate(ctx, TicketTime::kCreated, TicketAgent::kFinalSolver, out, kEveryTicket,
             OutcomeRule::Has(kResolvedNow | kOneAgentReply).And(OutcomeRule::Lacks(kReopened | kTransferred | kEscalated | kHasRepeat)));
}

void OneTouchRate(KpiContext& ctx, KpiOutputs& out) {
  TicketRate(ctx, TicketTime::kFinalSolve, TicketAgent::kFinalSolver, out, OutcomeRule::Has(kResolvedNow),
             OutcomeRule::Has(kAtMostOneAgentReply));
}

void ReopenRate(KpiContext& ctx, KpiOutputs& out) {
  TicketRate(ctx, TicketTime::kFirstSolve, TicketAgent::kFirstSolver, out, OutcomeRule::Has(kEverSolved), OutcomeRule::Has(kReopened));
}

void EscalationRate(KpiContext& ctx, KpiOutputs& out) {
  TicketRate(ctx, TicketTime::kCreated, TicketAgent::kOwner, out, kEveryTicket, OutcomeRule::Has(kEscalated));
}

void RepeatContactRate(KpiContext& ctx, KpiOutputs& out) {
  TicketRate(ctx, TicketTime::kCreated, TicketAgent::kOwner, out, kEveryTicket, OutcomeRule::Has(kRepeatContact));
}

void NextIssueAvoidance(KpiContext& ctx, KpiOutputs& out) {
  TicketRate(ctx, TicketTime::kCreated, TicketAgent::kOwner, out, kEveryTicket, OutcomeRule::Lacks(kRepeatContact));
}

void BotResolutionRate(KpiContext& ctx, KpiOutputs& out) {
  // Of the tickets a bot took part in, those resolved without a hand-off to a human.
  TicketRate(ctx, TicketTime::kCreated, TicketAgent::kOwner, out, OutcomeRule::Has(kBotInvolved),
             OutcomeRule::Has(kResolvedNow).And(OutcomeRule::Lacks(kBotHandoff)));
}

}  // namespace supportlens::kpi
