#include "kpi/kpi_context.h"

namespace supportlens {

int64_t KpiContext::CohortInstant(size_t t, TicketTime time) const {
  switch (time) {
    case TicketTime::kCreated: return data.tickets.created_at[t];
    case TicketTime::kFirstReply: return facts.first_reply_at[t];
    case TicketTime::kFirstSolve: return facts.first_solve_at[t];
    case TicketTime::kFinalSolve: return facts.final_solve_at[t];
  }
  return kNoTime;
}

Coord KpiContext::TicketCoord(size_t t, int64_t time, int32_t agent) const {
  const auto& tk = data.tickets;
  Coord c;  // only the dimensions the query groups or filters by: GroupOf reads no other
  if (uses_channel_) c.channel = tk.channel[t];
  if (uses_topic_) c.topic = tk.topic[t];
  if (uses_priority_) c.priority = tk.priority[t];
  if (uses_queue_) c.queue = tk.queue[t];
  if (uses_segment_) c.segment = SegmentOf(tk.customer[t]);
  c.agent = agent;
  c.time = time;
  return c;
}

const TicketPlacement& KpiContext::TicketGroups(TicketTime time, TicketAgent agent) {
  // Under the created and closed-in-window cohorts every ticket KPI is placed by creation.
  if (q.cohort != Cohort::kEvent) time = TicketTime::kCreated;
  // When neither agent nor team is grouped or filtered, who is credited cannot change a group:
  // every attribution shares one table.
  const int agent_key = UsesAgent() ? static_cast<int>(agent) : 0;
  int key = static_cast<int>(time) * 8 + agent_key;
  auto it = ticket_groups_.find(key);
  if (it != ticket_groups_.end()) return it->second;
  TicketPlacement& out = ticket_groups_[key];
  const size_t n = data.tickets.size();
  out.size_ = n;
  if (q.cohort == Cohort::kCreated && time == TicketTime::kCreated && !UsesAgent()) {
    out.table_ = CreatedGroups();
    return out;
  }
  const Column<int32_t>* who = nullptr;
  switch (agent) {
    case TicketAgent::kOwner: who = &facts.owner; break;
    case TicketAgent::kFirstReplier: who = &facts.first_replier; break;
    case TicketAgent::kFirstSolver: who = &facts.first_solver; break;
    case TicketAgent::kFinalSolver: who = &facts.final_solver; break;
  }
  if (TicketGroupsFromOuter(time, *who, out)) return out;
  out.storage_.assign(n, -1);
  out.table_ = out.storage_.data();
  auto place = [&](size_t t) {
    int64_t at = CohortInstant(t, time);
    if (InTicketCohort(t, at)) out.storage_[t] = TicketFactGroup(t, at, (*who)[t]);
  };
  // Placed by creation, only the window's tickets can belong: find them by binary search.
  if (time == TicketTime::kCreated) data.tickets.ForEachCreatedIn(q.from, q.to, place);
  else for (size_t t = 0; t < n; ++t) place(t);
  return out;
}

const TicketOutcomeCounts* KpiContext::TicketOutcomes(TicketTime time, TicketAgent agent) {
  if (drill) return nullptr;
  const TicketPlacement& placement = TicketGroups(time, agent);
  // At 512 groups the table is 4 MB, past that counting ticket by ticket touches less memory.
  return KeptCounts(placement, "outcome_counts_of_created_groups", ticket_outcomes_, kTicketOutcomeWords, size_t{1} << 20,
                    [&](size_t n_groups) {
                      TicketOutcomeCounts out;
                      out.groups = n_groups;
                      out.counts.assign(n_groups * kTicketOutcomeWords, 0);
                      const uint16_t* flags = facts.flags.data();
                      placement.ForEachPlaced(
                          [&](size_t t, int32_t g) { ++out.counts[static_cast<size_t>(g) * kTicketOutcomeWords + flags[t]]; });
                      return out;
                    });
}

const TicketColumnCounts* KpiContext::TicketColumns(TicketTime time, TicketAgent agent) {
  if (drill) return nullptr;
  const TicketPlacement& placement = TicketGroups(time, agent);
  const size_t topics = data.dict.topic.size() + 1, channels = data.dict.channel.size() + 1;
  const std::optional<TicketColumnCounts>* kept =
      KeptCounts(placement, kTicketColumnCounts, ticket_columns_, topics * channels * 2, size_t{1} << 19,  // 4 MB
                 [&](size_t n_groups) -> std::optional<TicketColumnCounts> {
                   TicketColumnCounts out;
                   out.groups = n_groups;
                   out.topics = topics;
                   out.channels = channels;
                   out.counts.assign(n_groups * topics * channels * 2, 0);
                   const auto& tk = data.tickets;
                   const int32_t *topic = tk.topic.data(), *channel = tk.channel.data();
                   const uint8_t* complaint = tk.is_complaint.data();
                   bool listed = true;
                   placement.ForEachPlaced([&](size_t t, int32_t g) {
                     const auto topic_slot = static_cast<size_t>(topic[t] + 1), channel_slot = static_cast<size_t>(channel[t] + 1);
                     if (topic_slot >= topics || channel_slot >= channels) [[unlikely]] {
                       listed = false;
                       return;
                     }
                     ++out.counts[out.At(static_cast<size_t>(g), topic_slot, channel_slot, complaint[t] != 0)];
                   });
                   if (!listed) return std::nullopt;
                   return out;
                 });
  return kept && *kept ? &**kept : nullptr;
}

bool KpiContext::TicketGroupsFromOuter(TicketTime time, const Column<int32_t>& who, TicketPlacement& out) {
  // The outer query is this one without the agent dimension. When it neither groups nor filters
  // by agent or team, its placement of a ticket at the same instant is agent-free, and the
  // ticket's group here is a function of that group and the credited agent alone: looked up
  // once per pair instead of once per ticket.
  if (!outer || outer->UsesAgent() || !UsesAgent()) return false;
  const TicketPlacement& placed = outer->TicketGroups(time, TicketAgent::kOwner);
  const size_t agents = PairAgents();
  if (outer->groups.size() * agents > kMaxPairs || !placed.table_) return false;
  out.storage_.assign(outer->groups.size() * agents, kUnplaced);
  // Every pair is looked up now. A pass notes one ticket of each pair present (a store per
  // ticket into a table of a few hundred KB: a load, a test and a branch per ticket cost more),
  // then each noted pair's group comes from that ticket's coordinate, which every ticket of the
  // pair shares (the outer group fixes every other dimension). The groups are created in the
  // order of the pairs, which no figure or row depends on (a breakdown's cells are ordered by
  // outer group and agent).
  std::vector<int32_t> one_ticket(out.storage_.size(), -1);
  auto note = [&](size_t t) {
    if (placed[t] < 0) return;  // outside the window, the cohort or a filter: for every agent
    one_ticket[PairIndex(placed[t], agents, who[t])] = static_cast<int32_t>(t);
  };
  if (time == TicketTime::kCreated) data.tickets.ForEachCreatedIn(q.from, q.to, note);
  else for (size_t t = 0; t < placed.size(); ++t) note(t);
  for (size_t pair = 0; pair < one_ticket.size(); ++pair)
    if (const int32_t t = one_ticket[pair]; t >= 0) {
      const auto ti = static_cast<size_t>(t);
      out.storage_[pair] = groups.GroupOf(TicketCoord(ti, CohortInstant(ti, time), who[ti]));
    }
  out.outer_ = placed.table_;
  out.who_ = who.data();
  out.pair_group_ = out.storage_.data();
  out.agents_ = agents;
  out.pair_groups_ = out.storage_.size();
  return true;
}

const int32_t* KpiContext::CreatedGroups() {
  if (!created_complete_) {
    // Sized even when no ticket falls in the window: it is a placement table for every ticket.
    if (created_groups_.empty()) created_groups_.assign(data.tickets.size(), kUnplaced);
    // The registry places them in one loop when the query reads only ticket columns; else one
    // coordinate per ticket. Either gives each ticket the group CreatedGroup would.
    if (!groups.PlaceTicketsCreatedInWindow(created_groups_))
      data.tickets.ForEachCreatedIn(q.from, q.to, [&](size_t t) { CreatedGroup(created_groups_, t); });
    created_complete_ = true;
    created_ = created_groups_.data();
  }
  return created_;
}

std::unique_ptr<int32_t[]> KpiContext::PlaceCreatedForThreads(const Dataset& data, const EngineQuery& q, GroupRegistry& seed) {
  if (q.cohort != Cohort::kCreated || q.Uses(Dim::kAgent) || q.Uses(Dim::kTeam)) return nullptr;
  // Not zeroed: every entry is written, half by each thread.
  std::unique_ptr<int32_t[]> table(new int32_t[data.tickets.size()]);
  if (!seed.PlaceTicketsCreatedInWindowOnTwoThreads(table.get(), kUnplaced)) return nullptr;
  return table;
}

int32_t KpiContext::PlaceTicketFact(size_t t, int64_t time, int32_t agent) {
  // Without agent or team the group depends on the ticket's own dimensions and, when bucketed,
  // on the bucket of `time`: kept per ticket for facts placed at its creation (every ticket KPI
  // under the created and closed-in-window cohorts), computed anew otherwise.
  const int64_t created = data.tickets.created_at[t];
  if (UsesAgent() || (q.bucket != BucketKind::kNone && time != created)) return groups.GroupOf(TicketCoord(t, time, agent));
  // Filled on first use per ticket: a ticket outside every window must not create a group.
  if (!q.InWindow(created)) return CreatedGroup(static_groups_, t);
  return created_complete_ ? created_[t] : CreatedGroup(created_groups_, t);
}

void KpiContext::BuildSlaTargets() {
  sla_channels_ = data.dict.channel.size() + 1;
  sla_.resize((data.dict.priority.size() + 1) * sla_channels_);
  for (size_t p = 0; p <= data.dict.priority.size(); ++p)
    for (size_t c = 0; c < sla_channels_; ++c) {
      std::string pr = data.dict.priority.Name(static_cast<int32_t>(p) - 1);
      std::string ch = data.dict.channel.Name(static_cast<int32_t>(c) - 1);
      sla_[p * sla_channels_ + c] = {data.settings.SlaFirstReply(pr, ch).value_or(kNoSlaTarget),
                                     data.settings.SlaResolution(pr, ch).value_or(kNoSlaTarget)};
    }
}

int32_t KpiContext::SurveyGroupSlow(size_t s) {
  const auto& sv = data.surveys;
  const int32_t t = sv.ticket[s];
  // In a breakdown by agent of a query without agent or team, a survey's group is a function of
  // its group in the outer query and its credited agent, as a call's (see CallGroupByOuter):
  // worked out once per pair.
  const bool by_outer = outer && !outer->UsesAgent() && uses_agent_;
  const int32_t placed = by_outer ? outer->SurveyGroup(s) : -1;
  if (by_outer && placed < 0) return -1;  // outside the window or a filter, for every agent
  int32_t agent = sv.agent[s];
  // The assignee walks the ticket's events: only worth it when agent or team places the survey.
  if (agent < 0 && t >= 0 && UsesAgent()) agent = AssigneeAt(static_cast<size_t>(t), sv.answered_at[s]);
  int32_t* pair = by_outer ? PairSlot(survey_pairs_, placed, agent) : nullptr;
  if (pair && *pair != kUnplaced) return *pair;
  const int32_t g = SurveyGroupOf(s, agent);
  if (pair) *pair = g;
  return g;
}

int32_t* KpiContext::PairSlot(std::vector<int32_t>& pairs, int32_t placed, int32_t agent) {
  const size_t agents = PairAgents();
  const size_t slot = PairIndex(placed, agents, agent);
  if (slot >= kMaxPairs) return nullptr;
  if (slot >= pairs.size()) pairs.resize(slot + agents, kUnplaced);
  return &pairs[slot];
}

int32_t KpiContext::SurveyGroupOf(size_t s, int32_t agent) {
  const auto& sv = data.surveys;
  const int32_t t = sv.ticket[s];
  if (t >= 0) {
    size_t ti = static_cast<size_t>(t);
    int64_t at = q.cohort == Cohort::kEvent ? sv.answered_at[s] : data.tickets.created_at[ti];
    if (!q.InWindow(at)) return -1;
    if (q.cohort == Cohort::kClosedInWindow && !q.InWindow(facts.final_solve_at[ti])) return -1;
    // Placed at its ticket's creation, and unless its own customer gives the segment, a survey
    // has its ticket's coordinate: once the ticket KPIs have made the per-ticket table, a lookup
    // there saves one per survey (a survey KPI alone does not make the 40 MB table for it).
    if (at == data.tickets.created_at[ti] && (created_complete_ || !created_groups_.empty()) && (!uses_segment_ || sv.customer[s] < 0))
      return TicketFactGroup(ti, at, agent);
    Coord c = TicketCoord(ti, at, agent);
    if (sv.customer[s] >= 0) c.segment = SegmentOf(sv.customer[s]);
    return groups.GroupOf(c);
  }
  if (!q.InWindow(sv.answered_at[s])) return -1;
  Coord c;
  c.agent = agent;
  c.segment = SegmentOf(sv.customer[s]);
  c.time = sv.answered_at[s];
  return groups.GroupOf(c);
}

int32_t KpiContext::CallGroupByOuter(size_t c) {
  // In a breakdown by agent of a query without agent or team, a call's group is a function of its
  // group in the outer query and its agent (as a ticket's, see TicketGroupsFromOuter): worked out
  // once per pair, where a coordinate per call costs a lookup of every dimension, and read
  // through the outer context's table, which its own call KPIs use too, instead of a table of
  // this context's (fresh memory costs more to touch than the lookup).
  const int32_t placed = outer->CallGroup(c);
  if (placed < 0) return -1;  // outside the window or a filter, for every agent
  return CallPairGroup(placed, c);
}

int32_t KpiContext::CallPairGroup(int32_t placed, size_t c) {
  int32_t* g = PairSlot(call_pairs_, placed, data.calls.agent[c]);
  if (!g) return kUnplaced;
  if (*g == kUnplaced) *g = groups.GroupOf(CallCoord(c));
  return *g;
}

int32_t KpiContext::CallGroupSlow(size_t c) {
  if (outer && !outer->UsesAgent() && uses_agent_)
    if (const int32_t g = CallGroupByOuter(c); g != kUnplaced) return g;
  if (call_groups_.empty()) [[unlikely]] PlaceEveryCall();
  int32_t& g = call_groups_[c];
  if (g == kUnplaced) g = groups.GroupOf(CallCoord(c));
  return g;
}

bool KpiContext::PlaceEveryCall() {
  if (call_groups_.empty()) {
    call_groups_.assign(data.calls.size(), kUnplaced);
    // In one loop over the columns when it can be, instead of a coordinate per call.
    if (places_every_call) every_call_placed_ = groups.PlaceCallsInWindow(call_groups_);
  }
  return every_call_placed_;
}

size_t KpiContext::CallSlots() {
  if (drill || !outer || outer->UsesAgent() || !uses_agent_ || !outer->PlaceEveryCall()) return 0;
  // Placed, the window's calls create no more outer groups.
  const size_t slots = outer->groups.size() * PairAgents();
  return slots <= kMaxSlotState ? slots : 0;  // within the pair table's size too
}

Coord KpiContext::CallCoord(size_t i) const {
  const auto& c = data.calls;
  Coord k;
  // The ticket's coordinate is read only when a dimension of the query can come from it.
  if (c.ticket[i] >= 0 && uses_ticket_dims_) k = TicketCoord(static_cast<size_t>(c.ticket[i]), 0, -1);
  k.channel = c.channel[i];
  if (c.queue[i] >= 0) k.queue = c.queue[i];
  if (c.customer[i] >= 0) k.segment = SegmentOf(c.customer[i]);
  k.agent = c.agent[i];
  k.time = c.offered_at[i];
  return k;
}

int32_t KpiContext::AssigneeAt(size_t t, int64_t instant) const {
  int32_t assignee = -1, last_replier = -1;
  const auto& ev = data.events;
  for (uint32_t e = data.tickets.event_begin[t]; e < data.tickets.event_begin[t + 1] && ev.at[e] <= instant; ++e) {
    if ((ev.type[e] == EventType::kAssign || ev.type[e] == EventType::kTransfer) && ev.assignee[e] >= 0) assignee = ev.assignee[e];
    if (ev.type[e] == EventType::kMessage && ev.is_public[e] && data.IsHumanAgent(ev.actor[e])) last_replier = ev.actor[e];
  }
  if (data.settings.attribution == "last_replier") return last_replier >= 0 ? last_replier : assignee;
  return assignee >= 0 ? assignee : last_replier;
}

}  // namespace supportlens
