#pragma once
// Each ticket's event timeline folded once into derived facts: first reply, first and final
// resolution, reopens, touches, escalations, transfers, bot hand-off, attribution, the
// resolved intervals (for backlog) and every customer wait (for average reply time); with them
// each ticket's outcome word, the calendar seconds of its durations, and the agent state seconds
// per local day.
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/dataset.h"
#include "engine/state_seconds.h"

namespace supportlens {

// What a ticket's timeline came to, one bit each: together, its outcome word (kpi/ticket_outcomes.h
// counts tickets by it, so every ticket rate and count is a rule over these bits).
enum TicketFlag : uint16_t {
  kReopened = 1 << 0,
  kEscalated = 1 << 1,
  kTransferred = 1 << 2,
  kBotInvolved = 1 << 3,
  kBotHandoff = 1 << 4,
  kRepeatContact = 1 << 5,  // opened within the repeat window after an earlier ticket (same customer, topic)
  kHasRepeat = 1 << 6,      // followed by such a repeat contact
  kResolvedNow = 1 << 7,    // final_solve_at is set
  kEverSolved = 1 << 8,     // first_solve_at is set
  kOneAgentReply = 1 << 9,  // agent_replies == 1
  kAtMostOneAgentReply = 1 << 10,
};
constexpr size_t kTicketFlagBits = 11;
inline constexpr int32_t kNoSeconds = std::numeric_limits<int32_t>::min();
static_assert(kAtMostOneAgentReply < (1 << kTicketFlagBits), "every flag is one of the outcome word's bits");

struct TicketFacts {
  Column<int64_t> frt_start;       // created_at, or the bot hand-off when the clock restarts there
  Column<int64_t> first_reply_at;  // first public human agent reply, kNoTime if none
  Column<int32_t> first_replier;
  Column<int64_t> first_solve_at;  // first transition into solved/closed
  Column<int64_t> final_solve_at;  // last one, kNoTime unless the ticket is resolved now
  Column<int32_t> first_solver, final_solver;  // attributed agent at those instants
  Column<int32_t> owner;           // the agent a ticket is credited to for volume figures
  Column<uint16_t> agent_replies;  // public human agent messages
  Column<uint16_t> resolutions;    // transitions into a resolved state
  Column<uint16_t> flags;         // TicketFlag bits
  // Resolved intervals of ticket i: [resolved_begin[i], resolved_begin[i+1]) in resolved_from/until.
  Column<uint32_t> resolved_begin;
  Column<int64_t> resolved_from, resolved_until;  // until = kNoTime: still resolved
  // Customer messages with a sentiment score (dataset.h): their compounds summed (ten-thousandths),
  // how many, and how many VADER calls positive and negative.
  Column<int64_t> sentiment_sum;
  Column<uint32_t> sentiment_messages, positive_messages, negative_messages;
  // One wait per customer message answered by a human agent.
  Column<int32_t> wait_ticket, wait_agent;
  Column<int64_t> wait_from, wait_until;

  // Calendar seconds of each ticket's first reply (from frt_start), first and final solve (from
  // creation), and of each wait: a report without business time reads one of these instead of
  // two instants, a quarter of the bytes. kNoSeconds where the end is missing; a column is empty
  // when one of its durations does not fit (the KPI then subtracts the instants).
  Column<int32_t> first_reply_seconds, first_solve_seconds, final_solve_seconds, wait_seconds;

  // Not a ticket's fact, but folded with them once per load and kept beside them in the snapshot.
  AgentStateDays state_days;

  bool Has(size_t t, TicketFlag f) const { return (flags[t] & f) != 0; }
};

TicketFacts FoldTimelines(const Dataset& data);

}  // namespace supportlens
