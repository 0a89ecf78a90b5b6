#include "synth/ticket_simulator.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "synth/distributions.h"

namespace supportlens::synth {
namespace {

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 86400;
constexpr int64_t kCloseAfterSolve = 4 * kDay;
constexpr std::array<double, kPriorityCount> kReplySpeedFactor = {1.6, 1.0, 0.55, 0.25};
constexpr std::array<double, kPriorityCount> kEscalationFactor = {0.6, 1.0, 1.5, 2.5};
constexpr std::array<double, kChannelCount> kExtraRounds = {0.35, 0.6, 0.25, 0.3, 0.3};
// A chat answered later than this was given up by the customer (the reply arrives offline).
constexpr int64_t kChatPatienceSeconds = 1200;

int64_t Secs(double seconds) { return std::llround(seconds); }

template <size_t N>
std::string_view PickText(Rng& rng, const std::array<std::string_view, N>& texts) {
  return texts[rng.Below(N)];
}

// Seconds until an agent replies, by channel: chat within a minute, social about an hour,
// email one to two hours, web a little slower; written channels faster for urgent tickets.
int64_t ReplyDelay(Rng& rng, Channel channel, Priority priority, bool first) {
  const double f = kReplySpeedFactor[priority];
  switch (channel) {
    case kChat: return std::max<int64_t>(5, Secs(LogNormal(rng, first ? 35 : 40, 0.8)));
    case kEmail: return std::max<int64_t>(60, Secs(LogNormal(rng, 3600 * f, 1.0)));
    case kWeb: return std::max<int64_t>(60, Secs(LogNormal(rng, 4500 * f, 1.0)));
    case kSocial: return std::max<int64_t>(60, Secs(LogNormal(rng, 2400 * f, 0.9)));
    case kPhone: return std::max<int64_t>(300, Secs(LogNormal(rng, 4 * kHour * f, 1.0)));  // follow-up by email
    default: return 3600;
  }
}

// Appends events in chronological order: an event never goes before the previous one.
class StoryBuilder {
 public:
  explicit StoryBuilder(TicketStory* story) : story_(story) {}

  int64_t Message(int64_t at, ActorKind actor, int agent, bool is_public, std::string_view text) {
    SimEvent e;
    e.at = at;
    e.type = EventType::kMessage;
    e.actor = actor;
    e.agent = agent;
    e.is_public = is_public;
    e.text = text;
    return Push(e);
  }
  int64_t Status(int64_t at, ActorKind actor, int agent, TicketStatus status) {
    SimEvent e;
    e.at = at;
    e.type = EventType::kStatus;
    e.actor = actor;
    e.agent = agent;
    e.status = status;
    return Push(e);
  }
  int64_t Assign(int64_t at, ActorKind actor, int agent, int assignee) {
    SimEvent e;
    e.at = at;
    e.type = EventType::kAssign;
    e.actor = actor;
    e.agent = agent;
    e.assignee = assignee;
    return Push(e);
  }
  int64_t Escalate(int64_t at, int agent, std::string_view text) {
    SimEvent e;
    e.at = at;
    e.type = EventType::kEscalate;
    e.actor = ActorKind::kAgent;
    e.agent = agent;
    e.is_public = false;
    e.level = 2;
    e.text = text;
    return Push(e);
  }
  int64_t Transfer(int64_t at, ActorKind actor, int agent, std::string_view text) {
    SimEvent e;
    e.at = at;
    e.type = EventType::kTransfer;
    e.actor = actor;
    e.agent = agent;
    e.is_public = false;
    e.text = text;
    return Push(e);
  }

 private:
  int64_t Push(SimEvent e) {
    const int64_t floor = story_->events.empty() ? story_->created_at : story_->events.back().at;
    if (e.at < floor) e.at = floor;
    story_->events.push_back(e);
    return e.at;
  }
  TicketStory* story_;
};

void ResetOutcome(TicketStory* s) {
  s->events.clear();
  s->bot_involved = s->bot_handoff = s->bot_solved = false;
  s->transferred = s->escalated = s->reopened = s->slow = false;
  s->agent_replies = 0;
  s->first_reply_at = s->first_solved_at = s->final_solved_at = s->last_reply_at = -1;
  s->solver = s->last_replier = -1;
  s->penalty = 0;
  s->has_call = false;
  s->talk_s = s->hold_s = s->acw_s = 0;
  s->call_agent = -1;
  s->has_chat_queue = false;
  s->chat_answered_at = s->chat_abandoned_at = -1;
  s->chat_acw_s = 0;
  s->chat_agent = -1;
}

}  // namespace

void TicketSimulator::Simulate(Rng& rng, TicketStory* s) const {
  ResetOutcome(s);
  const TopicInfo& topic = kTopics[static_cast<size_t>(s->topic)];
  const Channel ch = s->channel;
  const Priority pr = s->priority;
  StoryBuilder b(s);

  // Delays that land outside staffed hours wait for the next opening plus a morning backlog.
  auto staffed = [&](int64_t t) {
    if (calendar_.IsStaffed(t)) return t;
    const int64_t open = calendar_.NextStaffed(t);
    return open == t ? t : open + Secs(LogNormal(rng, 1200, 0.8));
  };
  auto agent_reply = [&](int64_t at, int agent, std::string_view text) {
    const int64_t t = b.Message(at, ActorKind::kAgent, agent, true, text);
    if (s->first_reply_at < 0) s->first_reply_at = t;
    s->last_reply_at = t;
    s->last_replier = agent;
    ++s->agent_replies;
    return t;
  };
  // Agents who left meanwhile hand their tickets to a colleague of the same team.
  auto ensure_active = [&](int assignee, int64_t at) {
    if (roster_.IsActive(assignee, calendar_.DayOf(at))) return assignee;
    const int next = roster_.PickHuman(rng, roster_.agent(assignee).team, at);
    b.Assign(at, ActorKind::kSystem, -1, next);
    return next;
  };

  s->subject = topic.subjects[rng.Below(topic.subjects.size())];
  const Team team = static_cast<Team>(topic.queue);
  const bool bot = (ch == kChat && rng.Chance(0.6)) || (ch == kWeb && rng.Chance(0.3));
  const bool misrouted = !bot && rng.Chance(0.07);
  s->queue = misrouted ? static_cast<Queue>((topic.queue + 1 + rng.Below(2)) % kQueueCount) : topic.queue;
  const Team landed_team = static_cast<Team>(s->queue);

  int64_t now = b.Message(s->created_at, ActorKind::kCustomer, -1, true, s->subject);
  int assignee = -1;
  bool solved = false;
  int bot_agent = -1;
  int64_t waiting_since = s->created_at;  // when the ticket started waiting for a human

  if (bot) {
    s->bot_involved = true;
    bot_agent = roster_.PickBot(rng);
    now = b.Message(now + rng.Between(1, 8), ActorKind::kBot, bot_agent, true, PickText(rng, kBotAnswers));
    if (rng.Chance(0.55 / topic.severity * (s->complaint ? 0.5 : 1.0))) {
      if (rng.Chance(0.6)) {
        now = b.Message(now + Secs(LogNormal(rng, 70, 0.6)), ActorKind::kCustomer, -1, true,
                        PickText(rng, kCustomerPositive));
      }
      now = b.Status(now + rng.Between(5, 60), ActorKind::kBot, bot_agent, TicketStatus::kSolved);
      s->bot_solved = true;
      s->solver = bot_agent;
      s->first_solved_at = now;
      solved = true;
    } else {
      now = b.Message(now + Secs(LogNormal(rng, 50, 0.7)), ActorKind::kCustomer, -1, true, PickText(rng, kAskForHuman));
      s->bot_handoff = true;
      waiting_since = now;
    }
  }

  if (!solved && ch == kPhone) {
    // The call is offered when the ticket is created; the answer is the first reply.
    const double median_wait = calendar_.IsStaffed(s->created_at) ? 12 : 45;
    const int64_t answered = s->created_at + std::clamp<int64_t>(Secs(LogNormal(rng, median_wait, 0.9)), 1, 1200);
    const int first_agent = roster_.PickHuman(rng, landed_team, answered);
    b.Assign(answered, ActorKind::kSystem, -1, first_agent);
    now = agent_reply(answered, first_agent, PickText(rng, kAgentReplies));
    assignee = first_agent;
    int64_t talk = std::max<int64_t>(20, Secs(LogNormal(rng, 300, 0.7)));
    const int64_t hold = rng.Chance(0.3) ? std::max<int64_t>(5, Secs(LogNormal(rng, 50, 0.8))) : 0;
    if (misrouted) {
      s->transferred = true;
      const int64_t at = answered + std::max<int64_t>(10, Secs(static_cast<double>(talk) * (0.15 + 0.25 * rng.Uniform())));
      b.Transfer(at, ActorKind::kAgent, first_agent, "Transferring the call to the right team");
      assignee = roster_.PickHuman(rng, team, at);
      b.Assign(at, ActorKind::kSystem, -1, assignee);
      now = agent_reply(at + rng.Between(10, 40), assignee, PickText(rng, kAgentReplies));
      talk += Secs(LogNormal(rng, 150, 0.6)) + (now - at);
    }
    const int64_t ended = answered + talk + hold;
    s->has_call = true;
    s->call_answered_at = answered;
    s->call_ended_at = ended;
    s->talk_s = static_cast<int32_t>(talk);
    s->hold_s = static_cast<int32_t>(hold);
    s->acw_s = static_cast<int32_t>(std::max<int64_t>(5, Secs(LogNormal(rng, 50, 0.6))));
    s->call_agent = first_agent;
    now = std::max(now, ended);
    if (rng.Chance(std::min(0.9, 0.75 / topic.severity) * (s->complaint ? 0.8 : 1.0))) {
      now = b.Status(ended, ActorKind::kAgent, assignee, TicketStatus::kSolved);
      s->first_solved_at = now;
      s->solver = assignee;
      solved = true;
    }
  } else if (!solved) {
    int64_t reply = staffed(waiting_since + ReplyDelay(rng, ch, pr, true));
    if (s->bot_handoff) {
      assignee = roster_.PickHuman(rng, team, reply);
      if (rng.Chance(0.5)) {
        b.Transfer(now, ActorKind::kBot, bot_agent, "Handing over to a human agent");
        b.Assign(now, ActorKind::kSystem, -1, assignee);
      } else {
        b.Assign(now, ActorKind::kBot, bot_agent, assignee);
      }
    } else {
      const int64_t assign_at =
          ch == kChat ? std::min(reply, s->created_at + rng.Between(2, 20))
                      : std::max(s->created_at, reply - Secs(LogNormal(rng, 240, 1.0)));
      assignee = roster_.PickHuman(rng, landed_team, reply);
      b.Assign(assign_at, ActorKind::kSystem, -1, assignee);
      if (misrouted) {
        s->transferred = true;
        const int64_t at = assign_at + std::max<int64_t>(30, Secs(static_cast<double>(reply - assign_at) *
                                                                   (0.2 + 0.6 * rng.Uniform())));
        b.Transfer(at, ActorKind::kAgent, assignee, "Wrong queue, moving to the right team");
        reply = staffed(at + ReplyDelay(rng, ch, pr, false));
        assignee = roster_.PickHuman(rng, team, reply);
        b.Assign(at, ActorKind::kSystem, -1, assignee);
      }
    }
    now = agent_reply(reply, assignee, PickText(rng, kAgentReplies));
    // Outside staffed hours the chat widget takes a message instead of queueing the customer.
    if (ch == kChat && calendar_.IsStaffed(waiting_since)) {
      s->has_chat_queue = true;
      s->chat_offered_at = waiting_since;
      // Some customers leave the queue early; everybody leaves after kChatPatienceSeconds.
      const int64_t gave_up = std::max<int64_t>(1, Secs(LogNormal(rng, rng.Chance(0.15) ? 60 : 300, 0.7)));
      const int64_t wait = now - waiting_since;
      if (wait <= kChatPatienceSeconds && gave_up >= wait) {
        s->chat_answered_at = now;
        s->chat_agent = assignee;
        s->chat_acw_s = static_cast<int32_t>(std::max<int64_t>(5, Secs(LogNormal(rng, 40, 0.6))));
      } else {
        s->chat_abandoned_at = waiting_since + std::min(wait - 1, gave_up);
        s->chat_ended_at = s->chat_abandoned_at;
      }
    }
  }

  if (!solved) {
    if (rng.Chance(0.12)) {
      now = b.Message(now + Secs(LogNormal(rng, 600, 1.0)), ActorKind::kAgent, assignee, false,
                      PickText(rng, kInternalNotes));
    }
    const double p_escalate =
        0.035 * topic.severity * kEscalationFactor[pr] * (s->complaint ? 1.5 : 1.0);
    if (rng.Chance(p_escalate)) {
      const int64_t at = staffed(now + Secs(LogNormal(rng, 2 * kHour, 1.0)));
      assignee = ensure_active(assignee, at);
      b.Escalate(at, assignee, "Escalated to level 2");
      assignee = roster_.PickHuman(rng, roster_.escalation_team(), at);
      b.Assign(at, ActorKind::kSystem, -1, assignee);
      s->escalated = true;
      now = agent_reply(staffed(at + Secs(LogNormal(rng, 3 * kHour, 1.0))), assignee, PickText(rng, kAgentReplies));
    }
    const double lambda =
        std::max(0.1, kExtraRounds[ch] + (s->complaint ? 0.3 : 0.0) + (topic.severity - 1.0) * 0.5);
    const int64_t rounds = std::min<int64_t>(6, Poisson(rng, lambda));
    for (int64_t i = 0; i < rounds; ++i) {
      const int64_t wait = ch == kChat ? Secs(LogNormal(rng, 40, 0.6)) : Secs(LogNormal(rng, 3 * kHour, 1.1));
      const bool upset = (s->complaint || s->escalated) && rng.Chance(0.5);
      now = b.Message(now + wait, ActorKind::kCustomer, -1, true,
                      upset ? PickText(rng, kCustomerNegative) : PickText(rng, kCustomerFollowUps));
      const int64_t reply = staffed(now + ReplyDelay(rng, ch, pr, false));
      assignee = ensure_active(assignee, reply);
      now = agent_reply(reply, assignee, PickText(rng, kAgentReplies));
    }
    if (ch != kChat && rng.Chance(0.3)) {
      // Waiting for the customer: solved automatically after the pending (or on-hold) period.
      const bool on_hold = rng.Chance(0.12);
      now = b.Status(now + rng.Between(0, 120), ActorKind::kAgent, assignee,
                     on_hold ? TicketStatus::kOnHold : TicketStatus::kPending);
      const int64_t wait = std::min<int64_t>(Secs(LogNormal(rng, on_hold ? 4 * kDay : 20 * kHour, 0.6)), 10 * kDay);
      now = b.Status(now + wait, ActorKind::kSystem, -1, TicketStatus::kSolved);
    } else {
      now = b.Status(now + (ch == kChat ? rng.Between(10, 90) : rng.Between(0, 600)), ActorKind::kAgent, assignee,
                     TicketStatus::kSolved);
    }
    s->first_solved_at = now;
    s->solver = assignee;
  }
  s->final_solved_at = s->first_solved_at;
  if (s->has_chat_queue && s->chat_answered_at >= 0) {
    s->chat_ended_at = std::max(s->chat_answered_at + 30, std::min(s->first_solved_at, s->chat_answered_at + kHour));
  }

  // Reopen: the customer writes again after the solve, the ticket opens, is answered and solved again.
  const double p_reopen = 0.04 * topic.severity + (s->complaint ? 0.05 : 0.0) + (s->bot_solved ? 0.06 : 0.0) +
                          (s->agent_replies >= 3 ? 0.03 : 0.0);
  if (rng.Chance(p_reopen)) {
    s->reopened = true;
    now = b.Message(now + std::min<int64_t>(Secs(LogNormal(rng, 18 * kHour, 0.9)), 3 * kDay + 12 * kHour),
                    ActorKind::kCustomer, -1, true, PickText(rng, kCustomerReopen));
    b.Status(now, ActorKind::kSystem, -1, TicketStatus::kOpen);
    const int64_t reply = staffed(now + ReplyDelay(rng, ch, pr, false));
    if (assignee < 0) {
      assignee = roster_.PickHuman(rng, team, reply);
      b.Assign(now, ActorKind::kSystem, -1, assignee);
    } else {
      assignee = ensure_active(assignee, reply);
    }
    now = agent_reply(reply, assignee, PickText(rng, kAgentReplies));
    if (rng.Chance(0.3)) {
      now = b.Message(now + Secs(LogNormal(rng, 2 * kHour, 1.0)), ActorKind::kCustomer, -1, true,
                      PickText(rng, kCustomerNegative));
      const int64_t again = staffed(now + ReplyDelay(rng, ch, pr, false));
      assignee = ensure_active(assignee, again);
      now = agent_reply(again, assignee, PickText(rng, kAgentReplies));
    }
    now = b.Status(now + rng.Between(0, 900), ActorKind::kAgent, assignee, TicketStatus::kSolved);
    s->final_solved_at = now;
    s->solver = assignee;
  }
  b.Status(s->final_solved_at + kCloseAfterSolve + rng.Between(0, 3600), ActorKind::kSystem, -1,
           TicketStatus::kClosed);

  s->slow = (s->first_reply_at >= 0 && s->first_reply_at - s->created_at > kSlaFirstReplySeconds[pr]) ||
            s->final_solved_at - s->created_at > kSlaResolutionSeconds[pr];
  s->penalty = 0.9 * s->reopened + 0.6 * s->escalated + 0.7 * s->complaint + 0.6 * s->slow +
               0.35 * s->transferred + 0.15 * std::max(0, s->agent_replies - 2) -
               ((s->bot_solved && !s->reopened) ? 0.1 : 0.0);
}

}  // namespace supportlens::synth
