#pragma once
// TicketSimulator: the life of one ticket as a chronological list of events plus a summary of
// what happened (first reply, solves, reopen, escalation, transfer, bot involvement, the phone
// call or chat queue entry). Event conventions:
//  - creation: a public customer `message` at created_at;
//  - routing: `assign` by the system (assignee_id = agent), before the first agent reply;
//  - bot: a public bot `message` first; the bot either sets `status` solved, or hands off with
//    an `assign` by the bot, or a `transfer` by the bot followed by a system `assign`;
//  - misrouting: `transfer` (agent, internal) then a system `assign` to the right team;
//  - escalation: `escalate` (agent, level 2, internal) then a system `assign` to level 2;
//  - resolution: `status` solved (agent; system when auto-solved after pending/on_hold);
//  - reopen: customer `message`, then `status` open (system), an agent reply, `status` solved;
//  - `status` closed (system) four days after the final solve.
#include <cstdint>
#include <string_view>
#include <vector>

#include "synth/agent_roster.h"
#include "synth/local_calendar.h"
#include "synth/random.h"
#include "synth/vocabulary.h"

namespace supportlens::synth {

enum class EventType : uint8_t { kMessage, kStatus, kAssign, kEscalate, kTransfer };
enum class ActorKind : uint8_t { kCustomer, kAgent, kBot, kSystem };
enum class TicketStatus : uint8_t { kNone, kOpen, kPending, kOnHold, kSolved, kClosed };

inline constexpr std::string_view kEventTypeNames[] = {"message", "status", "assign", "escalate", "transfer"};
inline constexpr std::string_view kActorKindNames[] = {"customer", "agent", "bot", "system"};
inline constexpr std::string_view kTicketStatusNames[] = {"", "open", "pending", "on_hold", "solved", "closed"};

struct SimEvent {
  int64_t at = 0;
  EventType type = EventType::kMessage;
  ActorKind actor = ActorKind::kSystem;
  bool is_public = true;
  TicketStatus status = TicketStatus::kNone;
  uint8_t level = 0;
  int32_t agent = -1;     // actor agent index for agent/bot actors
  int32_t assignee = -1;  // for assign
  std::string_view text;
};

struct TicketStory {
  // Inputs, set by the caller.
  int64_t created_at = 0;
  Channel channel = kEmail;
  Priority priority = kNormal;
  int topic = 0;
  bool complaint = false;

  // Set by the simulator.
  Queue queue = kGeneralQueue;  // where the ticket landed (the wrong queue when misrouted)
  std::string_view subject;
  std::vector<SimEvent> events;
  bool bot_involved = false, bot_handoff = false, bot_solved = false;
  bool transferred = false, escalated = false, reopened = false, slow = false;
  int agent_replies = 0;
  int64_t first_reply_at = -1;
  int64_t first_solved_at = -1;
  int64_t final_solved_at = -1;
  int solver = -1;          // agent (or bot) credited with the final solve
  int last_replier = -1;    // last human agent who replied publicly
  int64_t last_reply_at = -1;
  double penalty = 0;       // how bad the experience was (0 = smooth), drives surveys and churn

  // Phone: the answered call behind the ticket.
  bool has_call = false;
  int64_t call_answered_at = 0, call_ended_at = 0;
  int32_t talk_s = 0, hold_s = 0, acw_s = 0;
  int call_agent = -1;
  // Chat: the queue entry of a conversation that waited for a human.
  bool has_chat_queue = false;
  int64_t chat_offered_at = 0, chat_answered_at = -1, chat_abandoned_at = -1, chat_ended_at = 0;
  int32_t chat_acw_s = 0;
  int chat_agent = -1;
};

class TicketSimulator {
 public:
  TicketSimulator(const LocalCalendar& calendar, const AgentRoster& roster) : calendar_(calendar), roster_(roster) {}

  // Fills everything but the inputs; events come out in chronological order, none before created_at.
  void Simulate(Rng& rng, TicketStory* story) const;

 private:
  const LocalCalendar& calendar_;
  const AgentRoster& roster_;
};

}  // namespace supportlens::synth
