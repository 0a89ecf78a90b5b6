#include "engine/ticket_timeline.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace supportlens {

namespace {

bool IsResolved(TicketStatus s) { return s == TicketStatus::kSolved || s == TicketStatus::kClosed; }

void MarkRepeatContacts(const Dataset& d, TicketFacts& f) {
  const auto& tk = d.tickets;
  std::vector<uint32_t> order;
  order.reserve(tk.size());
  for (uint32_t t = 0; t < tk.size(); ++t)
    if (tk.customer[t] >= 0) order.push_back(t);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (tk.customer[a] != tk.customer[b]) return tk.customer[a] < tk.customer[b];
    if (tk.topic[a] != tk.topic[b]) return tk.topic[a] < tk.topic[b];
    if (tk.created_at[a] != tk.created_at[b]) return tk.created_at[a] < tk.created_at[b];
    return a < b;
  });
  const int64_t window = d.settings.repeat_contact_days * 86400;
  for (size_t i = 1; i < order.size(); ++i) {
    uint32_t prev = order[i - 1], cur = order[i];
    if (tk.customer[prev] != tk.customer[cur] || tk.topic[prev] != tk.topic[cur]) continue;
    if (tk.created_at[cur] - tk.created_at[prev] <= window) {
      f.flags[cur] |= kRepeatContact;
      f.flags[prev] |= kHasRepeat;
    }
  }
}

// end(i) - start(i) per record, kNoSeconds where end(i) is kNoTime; empty when one does not fit.
template <typename Start, typename End>
Column<int32_t> CalendarSeconds(size_t n, Start&& start, End&& end) {
  Column<int32_t> out;
  out.resize(n);
  int32_t* seconds = out.mutable_data();
  for (size_t i = 0; i < n; ++i) {
    if (end(i) == kNoTime) {
      seconds[i] = kNoSeconds;
      continue;
    }
    const int64_t d = end(i) - start(i);
    if (d <= kNoSeconds || d > std::numeric_limits<int32_t>::max()) return Column<int32_t>();
    seconds[i] = static_cast<int32_t>(d);
  }
  return out;
}

}  // namespace

TicketFacts FoldTimelines(const Dataset& d) {
  const auto& tk = d.tickets;
  const auto& ev = d.events;
  const size_t n = tk.size();
  TicketFacts f;
  f.frt_start.resize(n);
  f.first_reply_at.assign(n, kNoTime);
  f.first_replier.assign(n, -1);
  f.first_solve_at.assign(n, kNoTime);
  f.final_solve_at.assign(n, kNoTime);
  f.first_solver.assign(n, -1);
  f.final_solver.assign(n, -1);
  f.owner.assign(n, -1);
  f.agent_replies.assign(n, 0);
  f.resolutions.assign(n, 0);
  f.flags.assign(n, 0);
  f.resolved_begin.assign(n + 1, 0);
  f.sentiment_sum.assign(n, 0);
  f.sentiment_messages.assign(n, 0);
  f.positive_messages.assign(n, 0);
  f.negative_messages.assign(n, 0);
  const bool by_last_replier = d.settings.attribution == "last_replier";
  const bool restart_at_handoff = d.settings.first_reply_restarts_at_bot_handoff;

  std::vector<int64_t> pending_customer_messages;
  for (size_t t = 0; t < n; ++t) {
    int32_t assignee = -1, last_replier = -1;
    bool resolved = false, bot_posted = false;
    int64_t handoff_at = kNoTime, last_bot_message = kNoTime;
    pending_customer_messages.clear();
    auto attributed = [&] {
      if (by_last_replier) return last_replier >= 0 ? last_replier : assignee;
      return assignee >= 0 ? assignee : last_replier;
    };
    for (uint32_t e = tk.event_begin[t]; e < tk.event_begin[t + 1]; ++e) {
      const int64_t at = ev.at[e];
      switch (ev.type[e]) {
        case EventType::kMessage: {
          const ActorKind k = ev.actor_kind[e];
          const bool human_agent = k == ActorKind::kAgent && !(ev.actor[e] >= 0 && d.agents.is_bot[static_cast<size_t>(ev.actor[e])]);
          const bool bot = k == ActorKind::kBot || (k == ActorKind::kAgent && !human_agent);
          if (bot) {
            bot_posted = true;
            f.flags[t] |= kBotInvolved;
            last_bot_message = at;
          } else if (human_agent && ev.is_public[e]) {
            if (bot_posted && handoff_at == kNoTime) handoff_at = last_bot_message;
            if (bot_posted) f.flags[t] |= kBotHandoff;
            ++f.agent_replies[t];
            last_replier = ev.actor[e];
            if (f.first_reply_at[t] == kNoTime) {
              f.first_reply_at[t] = at;
              f.first_replier[t] = ev.actor[e];
            }
            for (int64_t from : pending_customer_messages) {
              f.wait_ticket.push_back(static_cast<int32_t>(t));
              f.wait_agent.push_back(ev.actor[e]);
              f.wait_from.push_back(from);
              f.wait_until.push_back(at);
            }
            pending_customer_messages.clear();
          } else if (k == ActorKind::kCustomer && ev.is_public[e]) {
            pending_customer_messages.push_back(at);
          }
          if (k == ActorKind::kCustomer && ev.sentiment[e] != kNoSentiment) {
            const int compound = ev.sentiment[e];
            f.sentiment_sum[t] += compound;
            ++f.sentiment_messages[t];
            f.positive_messages[t] += compound >= kPositiveCompound;
            f.negative_messages[t] += compound <= kNegativeCompound;
          }
          break;
        }
        case EventType::kStatus: {
          const bool now_resolved = IsResolved(ev.status[e]);
          if (now_resolved && !resolved) {
            ++f.resolutions[t];
            if (f.first_solve_at[t] == kNoTime) {
              f.first_solve_at[t] = at;
              f.first_solver[t] = attributed();
            }
            f.final_solve_at[t] = at;
            f.final_solver[t] = attributed();
            f.resolved_from.push_back(at);
            f.resolved_until.push_back(kNoTime);
          } else if (!now_resolved && resolved && ev.status[e] != TicketStatus::kNone) {
            f.flags[t] |= kReopened;
            f.final_solve_at[t] = kNoTime;
            f.final_solver[t] = -1;
            f.resolved_until.back() = at;
          }
          if (ev.status[e] != TicketStatus::kNone) resolved = now_resolved;
          break;
        }
        case EventType::kAssign:
          if (ev.assignee[e] >= 0) {
            if (bot_posted && handoff_at == kNoTime && d.IsHumanAgent(ev.assignee[e])) {
              handoff_at = at;
              f.flags[t] |= kBotHandoff;
            }
            assignee = ev.assignee[e];
          }
          break;
        case EventType::kTransfer:
          f.flags[t] |= kTransferred;
          if (bot_posted && handoff_at == kNoTime) {
            handoff_at = at;
            f.flags[t] |= kBotHandoff;
          }
          if (ev.assignee[e] >= 0) assignee = ev.assignee[e];
          break;
        case EventType::kEscalate:
          f.flags[t] |= kEscalated;
          break;
        case EventType::kMerge:
          break;
      }
    }
    f.resolved_begin[t + 1] = static_cast<uint32_t>(f.resolved_from.size());
    f.frt_start[t] = tk.created_at[t];
    if (restart_at_handoff && handoff_at != kNoTime && f.first_reply_at[t] != kNoTime && handoff_at <= f.first_reply_at[t])
      f.frt_start[t] = std::max(handoff_at, tk.created_at[t]);
    f.owner[t] = attributed();
    const uint16_t replies = f.agent_replies[t];
    f.flags[t] |= static_cast<uint16_t>((f.final_solve_at[t] != kNoTime ? kResolvedNow : 0) | (f.first_solve_at[t] != kNoTime ? kEverSolved : 0) |
                                        (replies == 1 ? kOneAgentReply : 0) | (replies <= 1 ? kAtMostOneAgentReply : 0));
  }
  MarkRepeatContacts(d, f);
  f.first_reply_seconds = CalendarSeconds(n, [&](size_t t) { return f.frt_start[t]; }, [&](size_t t) { return f.first_reply_at[t]; });
  f.first_solve_seconds = CalendarSeconds(n, [&](size_t t) { return tk.created_at[t]; }, [&](size_t t) { return f.first_solve_at[t]; });
  f.final_solve_seconds = CalendarSeconds(n, [&](size_t t) { return tk.created_at[t]; }, [&](size_t t) { return f.final_solve_at[t]; });
  f.wait_seconds = CalendarSeconds(f.wait_from.size(), [&](size_t w) { return f.wait_from[w]; }, [&](size_t w) { return f.wait_until[w]; });
  f.state_days = FoldAgentStateDays(d.states, d.settings.zone);
  return f;
}

}  // namespace supportlens
