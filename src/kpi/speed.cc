// Handling speed: durations (median as value, mean and p90 beside) in calendar or business
// seconds, and the answer-speed rates of queued contacts.
#include <array>
#include <limits>
#include <type_traits>

#include "kpi/families.h"

namespace supportlens::kpi {
namespace {

// A ticket duration from start(t) to end(t); without business time, its calendar seconds are
// read from `seconds` (when every one fitted). Which way is a compile-time choice: a test per
// ticket made the three ticket durations about a tenth slower.
template <typename Start, typename End>
void TicketDuration(KpiContext& ctx, TicketTime time, TicketAgent agent, KpiOutputs& out, const Column<int32_t>& seconds, Start&& start,
                    End&& end) {
  const auto& groups = ctx.TicketGroups(time, agent);
  // Calendar seconds are cheap to read or subtract again in every pass, so the figures can stream.
  GroupedDurations st(!ctx.q.business_time, ctx.values_only);
  auto run = [&](auto calendar_seconds) {
    st.Over(
        groups.size(),
        [&](size_t t, auto&& emit) {
          const int32_t g = groups[t];
          if (g < 0) return;
          if constexpr (decltype(calendar_seconds)::value) {
            if (seconds[t] != kNoSeconds) emit(g, [&] { return seconds[t]; });  // whole seconds (see GroupedDurations)
          } else if (end(t) != kNoTime) {
            emit(g, [&] { return ctx.Duration(start(t), end(t)); });
          }
        },
        [&](int32_t g, size_t t, double d) { ctx.Drill(g, RecordKind::kTicket, t, d); }, out);
  };
  const bool calendar_seconds = !ctx.q.business_time && seconds.size() == groups.size();
  // A breakdown's pairs keep the values per slot (see TicketPlacement::Slots).
  if (calendar_seconds && !ctx.drill && groups.Slots(kMaxSlotState) > 0) {
    SlotOutputs by_slot([&](size_t slot) { return groups.GroupOfSlot(slot); }, out);
    st.Over(
        groups.size(),
        [&](size_t t, auto&& emit) {
          const int32_t slot = groups.SlotOf(t);
          if (slot >= 0 && seconds[t] != kNoSeconds) emit(slot, [&] { return seconds[t]; });
        },
        [](int32_t, size_t, double) {}, by_slot);
    return;
  }
  if (calendar_seconds) run(std::true_type());
  else run(std::false_type());
}

bool Answered(const CallTable& c, size_t i) { return c.answered_at[i] != kNoTime; }

// Abandoned: left the queue before an agent answered (an abandon time, or an end without answer).
int64_t AbandonedAt(const CallTable& c, size_t i) {
  if (Answered(c, i)) return kNoTime;
  return c.abandoned_at[i] != kNoTime ? c.abandoned_at[i] : c.ended_at[i];
}

}  // namespace

bool IsShortAbandon(const KpiContext& ctx, size_t i) {
  int64_t at = AbandonedAt(ctx.data.calls, i);
  return at != kNoTime && at - ctx.data.calls.offered_at[i] < ctx.data.settings.short_abandon_seconds;
}
bool IsAbandoned(const KpiContext& ctx, size_t i) { return AbandonedAt(ctx.data.calls, i) != kNoTime; }

void FirstReplyTime(KpiContext& ctx, KpiOutputs& out) {
  const auto& f = ctx.facts;
  TicketDuration(ctx, TicketTime::kFirstReply, TicketAgent::kFirstReplier, out, f.first_reply_seconds, [&](size_t t) { return f.frt_start[t]; },
                 [&](size_t t) { return f.first_reply_at[t]; });
}

void ResolutionTime(KpiContext& ctx, KpiOutputs& out) {
  const auto& f = ctx.facts;
  const auto& tk = ctx.data.tickets;
  TicketDuration(ctx, TicketTime::kFinalSolve, TicketAgent::kFinalSolver, out, f.final_solve_seconds, [&](size_t t) { return tk.created_at[t]; },
                 [&](size_t t) { return f.final_solve_at[t]; });
}

void FirstResolutionTime(KpiContext& ctx, KpiOutputs& out) {
  const auto& f = ctx.facts;
  const auto& tk = ctx.data.tickets;
  TicketDuration(ctx, TicketTime::kFirstSolve, TicketAgent::kFirstSolver, out, f.first_solve_seconds, [&](size_t t) { return tk.created_at[t]; },
                 [&](size_t t) { return f.first_solve_at[t]; });
}

void AverageReplyTime(KpiContext& ctx, KpiOutputs& out) {
  const auto& f = ctx.facts;
  const auto& tk = ctx.data.tickets;
  // Without agent or team, and placed at the ticket's creation or without time buckets, a wait's
  // group is its ticket's: a lookup in a per-ticket table, done again in each pass instead
  // of kept per wait (60 MB of fresh memory at 10M tickets), and once per run of the same ticket.
  const bool keep = ctx.UsesAgent() || (ctx.q.cohort == Cohort::kEvent && ctx.q.bucket != BucketKind::kNone);
  size_t last_ticket = SIZE_MAX;
  int32_t last_group = -1;
  // A wait belongs to the window of its reply (event cohort) or of its ticket.
  auto group_of = [&](size_t w) {
    size_t t = static_cast<size_t>(f.wait_ticket[w]);
    int64_t at = ctx.q.cohort == Cohort::kEvent ? f.wait_until[w] : tk.created_at[t];
    if (!ctx.InTicketCohort(t, at)) return -1;
    if (keep) return ctx.TicketFactGroup(t, at, f.wait_agent[w]);
    if (t != last_ticket) {
      last_ticket = t;
      last_group = ctx.TicketFactGroup(t, at, f.wait_agent[w]);
    }
    return last_group;
  };
  // Kept, each group is worked out on the first pass that reaches its wait.
  constexpr int32_t kNotYet = -2;
  std::vector<int32_t> kept(keep ? f.wait_ticket.size() : 0, kNotYet);
  // Without business time a wait's calendar seconds are read, not subtracted (when every one fitted).
  const bool calendar_seconds = !ctx.q.business_time && f.wait_seconds.size() == f.wait_ticket.size();
  // Under the created cohort a wait's group is its ticket's: one read in the table of the
  // window's tickets when a KPI made it (alone, this KPI does not: a ticket without waits must
  // not create a group).
  const int32_t* by_ticket = ctx.CreatedGroupsIfPlaced();
  GroupedDurations st(!ctx.q.business_time, ctx.values_only);
  auto run = [&](auto whole_seconds) {
    st.Over(
        f.wait_ticket.size(),
        [&](size_t w, auto&& emit) {
          int32_t g;
          if (by_ticket) {
            g = by_ticket[f.wait_ticket[w]];
          } else if (keep) {
            if (kept[w] == kNotYet) kept[w] = group_of(w);
            g = kept[w];
          } else {
            g = group_of(w);
          }
          if (g < 0) return;
          if constexpr (decltype(whole_seconds)::value) emit(g, [&] { return f.wait_seconds[w]; });  // see GroupedDurations
          else emit(g, [&] { return ctx.Duration(f.wait_from[w], f.wait_until[w]); });
        },
        [&](int32_t g, size_t w, double d) { ctx.Drill(g, RecordKind::kWait, w, d); }, out);
  };
  if (calendar_seconds) run(std::true_type());
  else run(std::false_type());
}

void AverageHandleTime(KpiContext& ctx, KpiOutputs& out) {
  const auto& c = ctx.data.calls;
  // Talk, hold and wrap-up of an answered call in the window; false when it does not count.
  auto handling = [&](size_t i, std::array<double, 3>& p) {
    if (!Answered(c, i) || !ctx.q.InWindow(c.offered_at[i])) return false;
    p = {std::isnan(c.talk_s[i]) ? 0 : c.talk_s[i], std::isnan(c.hold_s[i]) ? 0 : c.hold_s[i], std::isnan(c.acw_s[i]) ? 0 : c.acw_s[i]};
    if (std::isnan(c.talk_s[i]) && std::isnan(c.hold_s[i]) && std::isnan(c.acw_s[i])) {
      if (c.ended_at[i] == kNoTime) return false;  // no handling time recorded at all
      p[0] = static_cast<double>(c.ended_at[i] - c.answered_at[i]);
    }
    return true;
  };
  GroupedDurations st(true, ctx.values_only);  // the parts are read in every pass anyway
  std::array<double, 3> p;
  // A breakdown's calls keep their values per slot (see KpiContext::CallSlots); only the values
  // are read there, not the split.
  if (ctx.values_only && c.size() <= std::numeric_limits<uint32_t>::max())
    if (const size_t slots = ctx.CallSlots()) {
      std::vector<uint32_t> one_call(slots);  // a call of each slot with a value
      SlotOutputs by_slot([&](size_t slot) { return ctx.CallSlotGroup(slot, one_call[slot]); }, out);
      st.Over(
          c.size(),
          [&](size_t i, auto&& emit) {
            if (!handling(i, p)) return;
            const int32_t slot = ctx.CallSlotOf(i);
            if (slot < 0) return;
            one_call[static_cast<size_t>(slot)] = static_cast<uint32_t>(i);
            emit(slot, [&] { return p[0] + p[1] + p[2]; });
          },
          [](int32_t, size_t, double) {}, by_slot);
      return;
    }
  PerGroup<std::array<double, 3>> parts;  // talk, hold, wrap-up sums, for the split
  st.Over(
      c.size(),
      [&](size_t i, auto&& emit) {
        if (!handling(i, p)) return;
        if (const int32_t g = ctx.CallGroup(i); g >= 0) emit(g, [&] { return p[0] + p[1] + p[2]; });
      },
      [&](int32_t g, size_t i, double d) {  // p holds call i's parts: the visit that emitted it set them
        ctx.Drill(g, RecordKind::kCall, i, d);
        if (ctx.values_only) return;  // the split is not read
        auto& sums = parts[g];
        for (size_t k = 0; k < 3; ++k) sums[k] += p[k];
      },
      out);
  for (size_t g = 0; g < parts.size(); ++g) {
    auto& v = out[static_cast<int32_t>(g)];
    if (v.n == 0) continue;
    const auto n = static_cast<double>(v.n);
    v.extras.emplace_back("talk_mean", Round2(parts.states[g][0] / n));
    v.extras.emplace_back("hold_mean", Round2(parts.states[g][1] / n));
    v.extras.emplace_back("acw_mean", Round2(parts.states[g][2] / n));
  }
}

void AverageSpeedOfAnswer(KpiContext& ctx, KpiOutputs& out) {
  const auto& c = ctx.data.calls;
  GroupedDurations st(!ctx.q.business_time, ctx.values_only);
  auto run = [&](auto business_time) {
    st.Over(
        c.size(),
        [&](size_t i, auto&& emit) {
          if (!Answered(c, i) || !ctx.q.InWindow(c.offered_at[i])) return;
          const int32_t g = ctx.CallGroup(i);
          if (g < 0) return;
          if constexpr (decltype(business_time)::value) emit(g, [&] { return ctx.Duration(c.offered_at[i], c.answered_at[i]); });
          else emit(g, [&] { return c.answered_at[i] - c.offered_at[i]; });  // whole seconds (see GroupedDurations)
        },
        [&](int32_t g, size_t i, double d) { ctx.Drill(g, RecordKind::kCall, i, d); }, out);
  };
  if (ctx.q.business_time) run(std::true_type());
  else run(std::false_type());
}

void ServiceLevel(KpiContext& ctx, KpiOutputs& out) {
  const auto& c = ctx.data.calls;
  const auto& settings = ctx.data.settings;
  // The threshold per channel id (index 0: no channel, read as phone), looked up once.
  std::vector<int64_t> thresholds(ctx.data.dict.channel.size() + 1);
  thresholds[0] = settings.ServiceLevelSeconds("phone");
  for (size_t ch = 0; ch < ctx.data.dict.channel.size(); ++ch)
    thresholds[ch + 1] = settings.ServiceLevelSeconds(ctx.data.dict.channel.Name(static_cast<int32_t>(ch)));
  // Calls per group and whether answered in time, in lanes (see kCountLanes).
  PerGroup<std::array<int64_t, 2 * kCountLanes>> st;  // [lane * 2 + hit]
  for (size_t i = 0; i < c.size(); ++i) {
    if (!ctx.q.InWindow(c.offered_at[i]) || IsShortAbandon(ctx, i)) continue;
    int32_t g = ctx.CallGroup(i);
    if (g < 0) continue;
    int64_t threshold = thresholds[static_cast<size_t>(c.channel[i] + 1)];
    bool hit = Answered(c, i) && c.answered_at[i] - c.offered_at[i] <= threshold;
    ++st[g][i % kCountLanes * 2 + hit];
    ctx.Drill(g, RecordKind::kCall, i, std::nullopt, hit);
  }
  for (size_t g = 0; g < st.size(); ++g) {
    RatioState s;
    for (size_t lane = 0; lane < kCountLanes; ++lane) {
      s.den += static_cast<double>(st.states[g][lane * 2] + st.states[g][lane * 2 + 1]);
      s.num += static_cast<double>(st.states[g][lane * 2 + 1]);
    }
    s.FinishPercent(out[static_cast<int32_t>(g)]);
  }
}

void SlaCompliance(KpiContext& ctx, KpiOutputs& out) {
  const auto& groups = ctx.TicketGroups(TicketTime::kCreated, TicketAgent::kOwner);
  const auto& f = ctx.facts;
  const auto& tk = ctx.data.tickets;
  // Targets are judged as of the window's end: a target not yet due is pending and left out.
  const int64_t asof = ctx.q.to;
  constexpr int64_t kNone = KpiContext::kNoSlaTarget;
  // The table's view held in a local: read through the context per ticket, its address was
  // reloaded after the counts' stores (a tenth slower at 1M tickets).
  const KpiContext::SlaTable sla = ctx.SlaTargetTable();
  // A ticket's two verdicts as one code: first reply judged, met, resolution judged, met. Each
  // ticket adds one count per (group, code), sized once (every group the placement uses exists
  // now); the judged and met counts, per target and overall, come from the codes at the end:
  // one counter per ticket where six cost a load and a store each; in lanes (see kCountLanes).
  constexpr size_t kCodes = 16;
  std::vector<int64_t> codes(ctx.groups.size() * kCountLanes * kCodes, 0);
  auto run = [&](auto business_time) {
    // A target is judged when done by the window's end (met or breached) or breached while still
    // open; else it is pending. A ticket without the target counts as meeting it. Worked out
    // without branches on the outcome, which varies from ticket to ticket.
    struct Verdict {
      bool judged, met;
    };
    auto judge = [&](int64_t start, int64_t done, int64_t target) -> Verdict {
      const bool done_by_end = done != kNoTime && done <= asof;
      const int64_t end = done_by_end ? done : asof;
      bool breached;
      if constexpr (decltype(business_time)::value) breached = static_cast<double>(ctx.calendar.BusinessSeconds(start, end)) > static_cast<double>(target);
      else breached = end - start > target;  // whole seconds: as their doubles compare
      return {done_by_end || breached, done_by_end && !breached};
    };
    groups.ForEachPlaced([&](size_t t, int32_t g) {
      const auto [frt, res] = sla.Of(tk.priority[t], tk.channel[t]);
      if (frt == kNone && res == kNone) return;
      const Verdict r1 = frt != kNone ? judge(f.frt_start[t], f.first_reply_at[t], frt) : Verdict{false, true};
      const Verdict r2 = res != kNone ? judge(tk.created_at[t], f.final_solve_at[t], res) : Verdict{false, true};
      const size_t code = size_t{r1.judged} | size_t{r1.met} << 1 | size_t{r2.judged} << 2 | size_t{r2.met} << 3;
      ++codes[(static_cast<size_t>(g) * kCountLanes + t % kCountLanes) * kCodes + code];
      if (ctx.drill) {
        // Overall: judged once a target is breached or every target is met.
        const bool met = r1.met && r2.met;
        const bool judged = met || (r1.judged && !r1.met) || (r2.judged && !r2.met);
        if (judged) ctx.Drill(g, RecordKind::kTicket, t, std::nullopt, met);
      }
    });
  };
  if (ctx.q.business_time) run(std::true_type());
  else run(std::false_type());
  // Per group: {judged, met} overall, for the first reply and for the resolution.
  using Counts = std::array<int64_t, 2>;
  const size_t n_groups = ctx.groups.size();
  std::vector<Counts> all(n_groups, {0, 0}), reply(n_groups, {0, 0}), resolve(n_groups, {0, 0});
  for (size_t g = 0; g < n_groups; ++g)
    for (size_t code = 0; code < kCodes; ++code) {
      int64_t n = 0;
      for (size_t lane = 0; lane < kCountLanes; ++lane) n += codes[(g * kCountLanes + lane) * kCodes + code];
      const bool judged1 = code & 1, met1 = code & 2, judged2 = code & 4, met2 = code & 8;
      reply[g][0] += judged1 ? n : 0;
      reply[g][1] += judged1 && met1 ? n : 0;
      resolve[g][0] += judged2 ? n : 0;
      resolve[g][1] += judged2 && met2 ? n : 0;
      const bool met = met1 && met2;
      const bool judged = met || (judged1 && !met1) || (judged2 && !met2);
      all[g][0] += judged ? n : 0;
      all[g][1] += met ? n : 0;
    }
  auto used = [](const std::vector<Counts>& counts) { return GroupsUsed(counts.size(), [&](size_t g) { return counts[g][0] != 0; }); };
  auto finish = [](const Counts& c, KpiValue& v) {
    RatioState s;
    s.den = static_cast<double>(c[0]);
    s.num = static_cast<double>(c[1]);
    s.FinishPercent(v);
  };
  for (size_t g = 0; g < used(all); ++g) finish(all[g], out[static_cast<int32_t>(g)]);
  for (size_t g = 0; g < std::max(used(reply), used(resolve)); ++g) {
    KpiValue tmp;
    finish(reply[g], tmp);
    out[static_cast<int32_t>(g)].extras.emplace_back("first_reply_compliance", tmp.value);
    tmp = KpiValue();
    finish(resolve[g], tmp);
    out[static_cast<int32_t>(g)].extras.emplace_back("resolution_compliance", tmp.value);
  }
}

}  // namespace supportlens::kpi
