#pragma once
// The compute functions of every KPI family; the catalog (catalog.cc) binds ids to them.
#include "kpi/kpi_context.h"

namespace supportlens::kpi {

using ComputeFn = void (*)(KpiContext&, KpiOutputs&);

// Service quality (satisfaction.cc)
void Csat(KpiContext&, KpiOutputs&);
void Nps(KpiContext&, KpiOutputs&);
void Ces(KpiContext&, KpiOutputs&);
void CesEasyPct(KpiContext&, KpiOutputs&);
void Esat(KpiContext&, KpiOutputs&);
void SentimentScore(KpiContext&, KpiOutputs&);
// Solution quality (solution.cc)
void FcrRate(KpiContext&, KpiOutputs&);
void OneTouchRate(KpiContext&, KpiOutputs&);
void ReopenRate(KpiContext&, KpiOutputs&);
void EscalationRate(KpiContext&, KpiOutputs&);
void RepeatContactRate(KpiContext&, KpiOutputs&);
void NextIssueAvoidance(KpiContext&, KpiOutputs&);
void BotResolutionRate(KpiContext&, KpiOutputs&);
// Handling speed (speed.cc)
void FirstReplyTime(KpiContext&, KpiOutputs&);
void AverageReplyTime(KpiContext&, KpiOutputs&);
void ResolutionTime(KpiContext&, KpiOutputs&);
void FirstResolutionTime(KpiContext&, KpiOutputs&);
void AverageHandleTime(KpiContext&, KpiOutputs&);
void AverageSpeedOfAnswer(KpiContext&, KpiOutputs&);
void ServiceLevel(KpiContext&, KpiOutputs&);
void SlaCompliance(KpiContext&, KpiOutputs&);
// Volume and workload (volume.cc)
void TicketVolume(KpiContext&, KpiOutputs&);
void TicketsPerChannel(KpiContext&, KpiOutputs&);
void ResolvedTickets(KpiContext&, KpiOutputs&);
void OfferedCalls(KpiContext&, KpiOutputs&);
void AnsweredCalls(KpiContext&, KpiOutputs&);
void Backlog(KpiContext&, KpiOutputs&);
void BacklogOverdue(KpiContext&, KpiOutputs&);
void AbandonmentRate(KpiContext&, KpiOutputs&);
void AverageTouches(KpiContext&, KpiOutputs&);
void TicketsPerAgentHour(KpiContext&, KpiOutputs&);
void ComplaintRate(KpiContext&, KpiOutputs&);
void TopTopics(KpiContext&, KpiOutputs&);
// Workforce (workforce.cc)
void Occupancy(KpiContext&, KpiOutputs&);
void Utilization(KpiContext&, KpiOutputs&);
void AgentTurnoverRate(KpiContext&, KpiOutputs&);
void AgentProductivity(KpiContext&, KpiOutputs&);
// Planning (src/analytics/planning_kpis.cc, beside the forecast and staffing models)
void VolumeForecast(KpiContext&, KpiOutputs&);
void RequiredAgents(KpiContext&, KpiOutputs&);
// Retention and revenue (retention.cc)
void CustomerRetentionRate(KpiContext&, KpiOutputs&);
void CustomerChurnRate(KpiContext&, KpiOutputs&);
void SaveRate(KpiContext&, KpiOutputs&);
void RevenueRetentionRate(KpiContext&, KpiOutputs&);
void UpsellRate(KpiContext&, KpiOutputs&);
// Self-service and cost (self_service_cost.cc)
void SelfServiceRate(KpiContext&, KpiOutputs&);
void DeflectionRate(KpiContext&, KpiOutputs&);
void CostPerTicket(KpiContext&, KpiOutputs&);
void CostPerResolution(KpiContext&, KpiOutputs&);

// Call outcome rules shared by speed and volume KPIs (speed.cc).
bool IsAbandoned(const KpiContext& ctx, size_t call);
bool IsShortAbandon(const KpiContext& ctx, size_t call);

// Shared helper: how many of `groups` per-group entries a PerGroup grown record by record would
// hold, up to the last group g where counted(g). Loops that count into arrays sized once (every
// group of a placement exists before it is read) trim them with it, so that their outputs cover
// the same groups.
template <typename Counted>
size_t GroupsUsed(size_t groups, Counted&& counted) {
  while (groups > 0 && !counted(groups - 1)) --groups;
  return groups;
}

// Shared helper: per group, the tickets placed at `time`, credited to `agent`, whose outcome word
// meets `rule`. From the context's outcome counts when it has them; else ticket by ticket, calling
// on_ticket(group, ticket) for each one counted (a drill-down lists them), and kept for the next
// KPI counting the same tickets (which, not drilling, needs no call).
template <typename OnTicket>
PerGroup<int64_t> CountTickets(KpiContext& ctx, TicketTime time, TicketAgent agent, OutcomeRule rule, OnTicket&& on_ticket) {
  PerGroup<int64_t> counts;
  if (const TicketOutcomeCounts* outcomes = ctx.TicketOutcomes(time, agent)) {
    // A group gets a count up to the last one with a ticket, as ticket by ticket.
    for (size_t g = 0; g < outcomes->groups; ++g)
      if (const int64_t n = outcomes->Count(g, rule)) counts[static_cast<int32_t>(g)] = n;
    return counts;
  }
  const auto& groups = ctx.TicketGroups(time, agent);
  const KpiContext::TicketCountKey key{&groups, rule.mask, rule.value};
  if (!ctx.drill)
    if (auto kept = ctx.ticket_counts.find(key); kept != ctx.ticket_counts.end()) return kept->second;
  // Every group the placement uses exists now: the counts are sized once, not tested per ticket.
  std::vector<int64_t> per_group(ctx.groups.size(), 0);
  const uint16_t* flags = ctx.facts.flags.data();
  if (ctx.drill) {
    groups.ForEachPlaced([&](size_t t, int32_t g) {
      if (!rule.Meets(flags[t])) return;
      ++per_group[static_cast<size_t>(g)];
      on_ticket(g, t);
    });
  } else {
    groups.CountPlaced(per_group, 1, [&](size_t t, int64_t* c) { *c += rule.Meets(flags[t]); });
  }
  per_group.resize(GroupsUsed(per_group.size(), [&](size_t g) { return per_group[g] != 0; }));
  counts.states = std::move(per_group);
  if (!ctx.drill) ctx.ticket_counts[key] = counts;
  return counts;
}

// Shared helper: the states of a ratio per group finished as percentages.
inline void FinishPercents(PerGroup<RatioState>& states, KpiOutputs& out) {
  for (size_t g = 0; g < states.size(); ++g) states.states[g].FinishPercent(out[static_cast<int32_t>(g)]);
}

}  // namespace supportlens::kpi
