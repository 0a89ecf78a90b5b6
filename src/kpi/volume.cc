// Volume and workload: counts, queue outcomes, backlog at the end of each period, and the
// per-ticket workload figures.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <map>
#include <utility>

#include "kpi/families.h"

namespace supportlens::kpi {
namespace {

void FinishCounts(PerGroup<int64_t>& counts, KpiOutputs& out) {
  for (size_t g = 0; g < counts.size(); ++g) {
    auto& v = out[static_cast<int32_t>(g)];
    v.n = counts.states[g];
    v.value = static_cast<double>(counts.states[g]);
  }
}

void CountTicketsInto(KpiContext& ctx, TicketTime time, TicketAgent agent, KpiOutputs& out, OutcomeRule rule) {
  PerGroup<int64_t> counts = CountTickets(ctx, time, agent, rule, [&](int32_t g, size_t t) { ctx.Drill(g, RecordKind::kTicket, t); });
  FinishCounts(counts, out);
}

template <typename Pred>
void CountCalls(KpiContext& ctx, KpiOutputs& out, Pred&& pred) {
  const auto& c = ctx.data.calls;
  PerGroup<int64_t> counts;
  for (size_t i = 0; i < c.size(); ++i) {
    if (!ctx.q.InWindow(c.offered_at[i]) || !pred(i)) continue;
    int32_t g = ctx.CallGroup(i);
    if (g < 0) continue;
    ++counts[g];
    ctx.Drill(g, RecordKind::kCall, i);
  }
  FinishCounts(counts, out);
}

// Calls fn(t, p) for each ticket t open at the end of period p (created before it and not in a
// resolved state then), ticket by ticket, periods ascending, until fn returns false.
template <typename Fn>
void ForEachOpenAtPeriodEnd(const KpiContext& ctx, const std::vector<Period>& periods, Fn&& fn) {
  const auto& tk = ctx.data.tickets;
  const auto& f = ctx.facts;
  // Each ticket is open over [created, first solve), [reopen, next solve), ...: find the period
  // ends inside each open stretch by binary search instead of testing every period.
  std::vector<int64_t> instants;
  for (const Period& p : periods) instants.push_back(p.end - 1);
  auto open_over = [&](size_t t, int64_t from, int64_t until) {  // open on [from, until); false: stop
    for (auto it = std::lower_bound(instants.begin(), instants.end(), from); it != instants.end() && *it < until; ++it)
      if (!fn(t, static_cast<size_t>(it - instants.begin()))) return false;
    return true;
  };
  constexpr int64_t kForever = std::numeric_limits<int64_t>::max();
  // The first period end at or after an instant, found from the last one asked for: tickets
  // come mostly in time order.
  size_t next = 0;
  auto first_end_from = [&](int64_t at) {
    while (next > 0 && instants[next - 1] >= at) --next;
    while (next < instants.size() && instants[next] < at) ++next;
    return next;
  };
  for (size_t t = 0; t < tk.size(); ++t) {
    if (tk.created_at[t] >= ctx.q.to) continue;
    // A ticket resolved now is open only between its creation and its final solve (its last
    // resolved stretch has no end): with no period end in between, it is open at none. Most
    // tickets are, and the test reads two instants where the walk reads its stretches.
    if (const int64_t final_solve = f.final_solve_at[t]; final_solve != kNoTime) {
      const size_t p = first_end_from(tk.created_at[t]);
      if (p == instants.size() || instants[p] >= final_solve) continue;
    }
    int64_t open_from = tk.created_at[t];
    for (uint32_t k = f.resolved_begin[t]; k < f.resolved_begin[t + 1] && open_from != kForever; ++k) {
      if (!open_over(t, open_from, f.resolved_from[k])) return;
      open_from = f.resolved_until[k] == kNoTime ? kForever : f.resolved_until[k];
    }
    if (open_from != kForever && !open_over(t, open_from, kForever)) return;
  }
}

// The (ticket, period) pairs of ForEachOpenAtPeriodEnd, in its order, found once per report for
// both backlog KPIs (the walk reads every ticket's open stretches). Empty with `complete` false
// when there are more than a list is worth keeping (short periods over a long window): each KPI
// then walks the tickets itself.
struct OpenAtPeriodEnds {
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  bool complete = false;
};
const OpenAtPeriodEnds& SharedOpenAtPeriodEnds(KpiContext& ctx) {
  return ctx.Shared<OpenAtPeriodEnds>(kOpenAtPeriodEnds, [&] {
    OpenAtPeriodEnds open;
    const size_t most = std::max<size_t>(size_t{1} << 16, ctx.data.tickets.size() / 8);
    if (ctx.data.tickets.size() > UINT32_MAX || ctx.Periods().size() > UINT32_MAX) return open;
    open.complete = true;
    ForEachOpenAtPeriodEnd(ctx, ctx.Periods(), [&](size_t t, size_t p) {
      if (open.pairs.size() == most) {  // too many to keep: the walk stops here
        open.complete = false;
        open.pairs = {};
        return false;
      }
      open.pairs.emplace_back(static_cast<uint32_t>(t), static_cast<uint32_t>(p));
      return true;
    });
    return open;
  });
}

// Tickets open at the end of each period that meet extra(t, period end), counted in the group
// of the period's start.
template <typename Pred>
void CountOpenAtPeriodEnds(KpiContext& ctx, KpiOutputs& out, Pred&& extra) {
  const auto& f = ctx.facts;
  const auto& periods = ctx.Periods();
  const bool attribute_then = ctx.UsesAgent();
  PerGroup<int64_t> counts;
  auto count = [&](size_t t, size_t period) {
    const Period& p = periods[period];
    if (!extra(t, p.end)) return true;
    int32_t agent = attribute_then ? ctx.AssigneeAt(t, p.end - 1) : f.owner[t];
    int32_t g = ctx.TicketFactGroup(t, p.start, agent);
    if (g < 0) return true;
    ++counts[g];
    ctx.Drill(g, RecordKind::kTicket, t);
    return true;
  };
  if (const OpenAtPeriodEnds& open = SharedOpenAtPeriodEnds(ctx); open.complete)
    for (auto [t, p] : open.pairs) count(t, p);
  else
    ForEachOpenAtPeriodEnd(ctx, periods, count);
  FinishCounts(counts, out);
}

// Per group of a ticket placement: the tickets placed, and those that meet keep(t) counted by
// their value in an id column (a dictionary's ids, -1 for none). Counted in one flat table of
// whole numbers sized once (every group the placement uses exists now); an id beyond the
// dictionary is counted apart. on_ticket(g, t) is called for each ticket placed (drilling).
struct IdCountsPerGroup {
  PerGroup<IdCounts> kept;    // up to the last group with a ticket placed, as grown per ticket
  std::vector<int64_t> placed;  // per group, the same length
};
// The counts per (group, value, kept) of CountIdsPerGroup, [(group * stride + value + 1) * 2 +
// kept], with the tickets whose value is past the dictionary counted apart, folded into its result.
IdCountsPerGroup FoldIdCounts(const std::vector<int64_t>& flat, const std::vector<int64_t>& unlisted, PerGroup<IdCounts> kept_unlisted,
                              size_t stride) {
  const size_t n_groups = flat.size() / (stride * 2);
  IdCountsPerGroup out;
  out.kept = std::move(kept_unlisted);
  std::vector<int64_t> placed(n_groups, 0);
  for (size_t g = 0; g < n_groups; ++g) {
    placed[g] = g < unlisted.size() ? unlisted[g] : 0;
    for (size_t i = g * stride * 2; i < (g + 1) * stride * 2; ++i) placed[g] += flat[i];
  }
  const size_t used = GroupsUsed(n_groups, [&](size_t g) { return placed[g] != 0; });
  placed.resize(used);
  out.placed = std::move(placed);
  for (size_t g = 0; g < used; ++g) {
    IdCounts& c = out.kept[static_cast<int32_t>(g)];
    for (size_t slot = 0; slot < stride; ++slot) {
      const int64_t n = flat[(g * stride + slot) * 2 + 1];
      if (n == 0) continue;
      if (c.counts.size() < stride) c.counts.resize(stride, 0);
      c.counts[slot] += n;
    }
  }
  return out;
}
// Per group: the tickets placed, and those keep(t) keeps counted per value of `column` (ids
// below `ids`). One pass over the placed tickets, on_ticket(g, t) called for each.
template <typename Keep, typename OnTicket>
IdCountsPerGroup CountIdsPerGroup(KpiContext& ctx, const TicketPlacement& groups, const Column<int32_t>& column, size_t ids,
                                  Keep&& keep, OnTicket&& on_ticket) {
  const size_t stride = ids + 1, n_groups = ctx.groups.size();
  // One count per ticket: by group, value and whether it is kept, [(group * stride + slot) * 2 +
  // kept]. The tickets placed per group are the sums over a group's row; a ticket adding to a
  // count of its own beside costs a load and a store more.
  std::vector<int64_t> flat(n_groups * stride * 2, 0), unlisted(n_groups, 0);  // unlisted: a value past the dictionary
  PerGroup<IdCounts> kept_unlisted;
  const int32_t* values = column.data();
  groups.ForEachPlaced([&](size_t t, int32_t g) {
    const auto k = static_cast<size_t>(g);
    on_ticket(g, t);
    const bool kept = keep(t);
    const auto slot = static_cast<size_t>(values[t] + 1);
    if (slot < stride) [[likely]] {
      ++flat[(k * stride + slot) * 2 + kept];
    } else {
      ++unlisted[k];
      if (kept) kept_unlisted[g].Add(values[t]);
    }
  });
  return FoldIdCounts(flat, unlisted, std::move(kept_unlisted), stride);
}
// The tickets placed at creation and credited to the owner, per group and value of the ticket's
// topic (or channel), kept when a complaint (or always): from the context's column counts when it
// has them, else one pass of this KPI's own (CountIdsPerGroup, on_ticket(g, t) per ticket).
enum class TicketColumn { kTopic, kChannel };
template <typename OnTicket>
IdCountsPerGroup CountByColumn(KpiContext& ctx, TicketColumn column, bool complaints_only, OnTicket&& on_ticket) {
  const auto& tk = ctx.data.tickets;
  const bool by_topic = column == TicketColumn::kTopic;
  const size_t ids = by_topic ? ctx.data.dict.topic.size() : ctx.data.dict.channel.size();
  if (const TicketColumnCounts* counts = ctx.TicketColumns(TicketTime::kCreated, TicketAgent::kOwner)) {
    // The same counts, [(group * (ids + 1) + id + 1) * 2 + kept], as CountIdsPerGroup's pass makes.
    std::vector<int64_t> flat;
    if (by_topic) {
      flat = counts->ByTopic();
      // Kept: every ticket, or the complaints. The first count of a pair is then the rest.
      if (!complaints_only)
        for (size_t i = 0; i < flat.size(); i += 2) flat[i + 1] += std::exchange(flat[i], 0);
    } else {
      const std::vector<int64_t> tickets = counts->ByChannel();
      flat.assign(tickets.size() * 2, 0);
      for (size_t i = 0; i < tickets.size(); ++i) flat[i * 2 + 1] = tickets[i];  // kept: every ticket
    }
    return FoldIdCounts(flat, {}, {}, ids + 1);
  }
  const auto& groups = ctx.TicketGroups(TicketTime::kCreated, TicketAgent::kOwner);
  const Column<int32_t>& values = by_topic ? tk.topic : tk.channel;
  if (complaints_only) return CountIdsPerGroup(ctx, groups, values, ids, [&](size_t t) { return tk.is_complaint[t] != 0; }, on_ticket);
  return CountIdsPerGroup(ctx, groups, values, ids, [](size_t) { return true; }, on_ticket);
}

// (name, count) per value, names ascending, "(none)" for records without one.
std::vector<std::pair<std::string, int64_t>> NamedCounts(const IdCounts& counts, const Dictionary& dict) {
  std::vector<std::pair<std::string, int64_t>> out;
  for (auto& [id, n] : counts.Entries()) out.emplace_back(dict.Name(id, "(none)"), n);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void TicketVolume(KpiContext& ctx, KpiOutputs& out) {
  CountTicketsInto(ctx, TicketTime::kCreated, TicketAgent::kOwner, out, OutcomeRule());
}

void TicketsPerChannel(KpiContext& ctx, KpiOutputs& out) {
  IdCountsPerGroup counted =
      CountByColumn(ctx, TicketColumn::kChannel, false, [&](int32_t g, size_t t) { ctx.Drill(g, RecordKind::kTicket, t); });
  PerGroup<IdCounts>& per = counted.kept;
  PerGroup<int64_t> total;
  total.states = std::move(counted.placed);
  FinishCounts(total, out);
  for (size_t g = 0; g < per.size(); ++g) {
    nlohmann::json list = nlohmann::json::array();
    for (auto& [ch, n] : NamedCounts(per.states[g], ctx.data.dict.channel))
      list.push_back({{"channel", ch}, {"tickets", n},
                      {"share", Round2(100.0 * static_cast<double>(n) / static_cast<double>(total.states[g]))}});
    out[static_cast<int32_t>(g)].details_json = list.dump();
  }
}

void ResolvedTickets(KpiContext& ctx, KpiOutputs& out) {
  CountTicketsInto(ctx, TicketTime::kFinalSolve, TicketAgent::kFinalSolver, out, OutcomeRule::Has(kResolvedNow));
}

void OfferedCalls(KpiContext& ctx, KpiOutputs& out) {
  CountCalls(ctx, out, [](size_t) { return true; });
}

void AnsweredCalls(KpiContext& ctx, KpiOutputs& out) {
  const auto& c = ctx.data.calls;
  CountCalls(ctx, out, [&](size_t i) { return c.answered_at[i] != kNoTime; });
}

void Backlog(KpiContext& ctx, KpiOutputs& out) {
  CountOpenAtPeriodEnds(ctx, out, [](size_t, int64_t) { return true; });
}

void BacklogOverdue(KpiContext& ctx, KpiOutputs& out) {
  const auto& tk = ctx.data.tickets;
  const auto& f = ctx.facts;
  CountOpenAtPeriodEnds(ctx, out, [&](size_t t, int64_t end) {
    const auto [frt, res] = ctx.SlaTargets(t);
    bool unreplied = f.first_reply_at[t] == kNoTime || f.first_reply_at[t] >= end;
    if (frt != KpiContext::kNoSlaTarget && unreplied && ctx.Duration(f.frt_start[t], end) > static_cast<double>(frt)) return true;
    return res != KpiContext::kNoSlaTarget && ctx.Duration(tk.created_at[t], end) > static_cast<double>(res);
  });
}

void AbandonmentRate(KpiContext& ctx, KpiOutputs& out) {
  const auto& c = ctx.data.calls;
  PerGroup<RatioState> st;
  PerGroup<int64_t> abandoned, short_abandons;  // reported beside the rate
  for (size_t i = 0; i < c.size(); ++i) {
    if (!ctx.q.InWindow(c.offered_at[i])) continue;
    int32_t g = ctx.CallGroup(i);
    if (g < 0) continue;
    if (IsShortAbandon(ctx, i)) {
      ++short_abandons[g];
      continue;
    }
    bool hit = IsAbandoned(ctx, i);
    st[g].Add(hit);
    abandoned[g] += hit;
    ctx.Drill(g, RecordKind::kCall, i, std::nullopt, hit);
  }
  FinishPercents(st, out);
  for (size_t g = 0; g < std::max(abandoned.size(), short_abandons.size()); ++g) {
    auto& v = out[static_cast<int32_t>(g)];
    v.extras.emplace_back("abandoned", g < abandoned.size() ? static_cast<double>(abandoned.states[g]) : 0.0);
    v.extras.emplace_back("short_abandons", g < short_abandons.size() ? static_cast<double>(short_abandons.states[g]) : 0.0);
  }
}

void AverageTouches(KpiContext& ctx, KpiOutputs& out) {
  const auto& groups = ctx.TicketGroups(TicketTime::kFinalSolve, TicketAgent::kFinalSolver);
  const auto& f = ctx.facts;
  // Replies and tickets per group, in lanes (see kCountLanes). A double's sum of these whole
  // numbers (under 2^53) is exact in the tickets' order too, so the mean is the same.
  std::vector<std::array<int64_t, 2>> sums(ctx.groups.size() * kCountLanes, {0, 0});  // replies, tickets
  groups.ForEachPlaced([&](size_t t, int32_t g) {
    if (f.final_solve_at[t] == kNoTime) return;
    auto& s = sums[static_cast<size_t>(g) * kCountLanes + t % kCountLanes];
    s[0] += f.agent_replies[t];
    ++s[1];
    ctx.Drill(g, RecordKind::kTicket, t, f.agent_replies[t]);
  });
  std::vector<std::array<int64_t, 2>> per_group(ctx.groups.size(), {0, 0});
  for (size_t i = 0; i < sums.size(); ++i) {
    per_group[i / kCountLanes][0] += sums[i][0];
    per_group[i / kCountLanes][1] += sums[i][1];
  }
  const size_t used = GroupsUsed(per_group.size(), [&](size_t g) { return per_group[g][1] != 0; });
  for (size_t g = 0; g < used; ++g) {
    auto& v = out[static_cast<int32_t>(g)];
    v.n = per_group[g][1];
    if (v.n > 0) v.value = Round2(static_cast<double>(per_group[g][0]) / static_cast<double>(per_group[g][1]));
  }
}

void TicketsPerAgentHour(KpiContext& ctx, KpiOutputs& out) {
  // The tickets resolved_tickets counts.
  PerGroup<int64_t> resolved = CountTickets(ctx, TicketTime::kFinalSolve, TicketAgent::kFinalSolver, OutcomeRule::Has(kResolvedNow),
                                            [&](int32_t g, size_t t) { ctx.Drill(g, RecordKind::kTicket, t); });
  PerGroup<double> seconds;
  // Logged-in seconds: from the report's shared sums per agent and period when it has them.
  if (const StateSeconds* sums = ctx.AgentStateSeconds()) {
    for (const auto& e : sums->entries) {
      int64_t logged_in = 0;
      for (size_t k = 0; k < kAgentStateCount; ++k)
        if (static_cast<AgentState>(k) != AgentState::kLoggedOut) logged_in += e.seconds[k];
      if (logged_in == 0) continue;
      const int32_t g = ctx.AgentPeriodGroup(e.agent, e.period);
      if (g >= 0) seconds[g] += static_cast<double>(logged_in);
    }
  } else {
    const auto& st = ctx.data.states;
    for (size_t i = 0; i < st.size(); ++i) {
      if (st.state[i] == AgentState::kLoggedOut) continue;
      ctx.ForEachAgentSlice(st.agent[i], st.start[i], st.end[i],
                            [&](int32_t g, int64_t secs) { seconds[g] += static_cast<double>(secs); });
    }
  }
  for (size_t g = 0; g < std::max(resolved.size(), seconds.size()); ++g) {
    auto& v = out[static_cast<int32_t>(g)];
    double hours = seconds[static_cast<int32_t>(g)] / 3600.0;
    v.n = resolved[static_cast<int32_t>(g)];
    if (hours > 0) v.value = Round2(static_cast<double>(v.n) / hours);
    v.extras.emplace_back("logged_in_hours", Round2(hours));
  }
}

void ComplaintRate(KpiContext& ctx, KpiOutputs& out) {
  const auto& tk = ctx.data.tickets;
  IdCountsPerGroup counted = CountByColumn(ctx, TicketColumn::kTopic, true, [&](int32_t g, size_t t) {
    if (ctx.drill) ctx.Drill(g, RecordKind::kTicket, t, std::nullopt, tk.is_complaint[t] != 0);
  });
  PerGroup<IdCounts>& by_topic = counted.kept;
  PerGroup<RatioState> st;
  for (size_t g = 0; g < counted.placed.size(); ++g) {
    RatioState& s = st[static_cast<int32_t>(g)];
    s.den = static_cast<double>(counted.placed[g]);
    for (const auto& [topic, n] : by_topic[static_cast<int32_t>(g)].Entries()) s.num += static_cast<double>(n);
  }
  FinishPercents(st, out);
  // Every group with tickets lists its complaint types, an empty list when there are none.
  for (size_t g = 0; g < st.size(); ++g) {
    if (st.states[g].den == 0) continue;
    double complaints = st.states[g].num;
    nlohmann::json list = nlohmann::json::array();
    std::vector<std::pair<std::string, int64_t>> rows = NamedCounts(by_topic[static_cast<int32_t>(g)], ctx.data.dict.topic);
    std::stable_sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.second > b.second; });
    for (auto& [topic, n] : rows)
      list.push_back({{"type", topic}, {"complaints", n}, {"share", Round2(100.0 * static_cast<double>(n) / complaints)}});
    out[static_cast<int32_t>(g)].details_json = list.dump();
  }
}

void TopTopics(KpiContext& ctx, KpiOutputs& out) {
  const auto& tk = ctx.data.tickets;
  IdCountsPerGroup counted =
      CountByColumn(ctx, TicketColumn::kTopic, false, [&](int32_t g, size_t t) { ctx.Drill(g, RecordKind::kTicket, t); });
  PerGroup<IdCounts>& counts = counted.kept;
  PerGroup<int64_t> total;
  total.states = std::move(counted.placed);
  // Week over week: the window's last seven days against the seven before (which may precede the
  // window). Only without a time bucket, where "the week" is unambiguous for every row.
  const bool wow = ctx.q.bucket == BucketKind::kNone;
  PerGroup<IdCounts> this_week, last_week;
  if (wow) {
    const int64_t mid = ctx.q.to - 7 * 86400, start = ctx.q.to - 14 * 86400;
    // Only the two weeks' tickets, found by binary search (counts do not depend on the order).
    // Inside the window, a ticket's group is read from the table of the window's tickets when
    // there is one (their group by creation, as GroupOf gives it).
    const int32_t* created = ctx.CreatedGroupsIfPlaced();
    tk.ForEachCreatedIn(start, ctx.q.to, [&](size_t t) {
      const int64_t at = tk.created_at[t];
      const int32_t g = created && at >= ctx.q.from ? created[t] : ctx.groups.GroupOf(ctx.TicketCoord(t, at, ctx.facts.owner[t]));
      if (g >= 0) (at >= mid ? this_week : last_week)[g].Add(tk.topic[t]);
    });
  }
  for (size_t g = 0; g < counts.size(); ++g) {
    auto& v = out[static_cast<int32_t>(g)];
    std::vector<std::pair<int32_t, int64_t>> rows = counts.states[g].Entries();
    std::stable_sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.second > b.second; });
    nlohmann::json list = nlohmann::json::array();
    for (auto& [topic, n] : rows) {
      nlohmann::json row = {{"topic", ctx.data.dict.topic.Name(topic, "(none)")},
                            {"tickets", n},
                            {"share", Round2(100.0 * static_cast<double>(n) / static_cast<double>(total.states[g]))}};
      if (wow) {
        int64_t cur = this_week[static_cast<int32_t>(g)].Of(topic), prev = last_week[static_cast<int32_t>(g)].Of(topic);
        row["this_week"] = cur;
        row["previous_week"] = prev;
        row["week_over_week_pct"] = prev > 0 ? nlohmann::json(Round2(100.0 * static_cast<double>(cur - prev) / static_cast<double>(prev)))
                                             : nlohmann::json(nullptr);
      }
      list.push_back(row);
    }
    v.n = total.states[g];
    if (!rows.empty()) v.value = Round2(100.0 * static_cast<double>(rows[0].second) / static_cast<double>(total.states[g]));
    v.details_json = list.dump();
  }
}

}  // namespace supportlens::kpi
