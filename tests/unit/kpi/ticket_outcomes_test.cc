// A ticket's outcome word carries its flags and the facts the ticket rates ask about, and the
// counts per group and word give each rule's tickets.
#include "kpi/ticket_outcomes.h"

#include <gtest/gtest.h>

namespace supportlens {
namespace {

// Four tickets: unsolved with no reply; solved once with one reply and escalated; solved, reopened
// and solved again after three replies; solved earlier but open again now (no final solve).
TicketFacts FourTickets() {
  TicketFacts f;
  f.final_solve_at.assign(4, kNoTime);
  f.first_solve_at.assign(4, kNoTime);
  f.final_solve_at[1] = f.first_solve_at[1] = 100;
  f.first_solve_at[2] = 200;
  f.final_solve_at[2] = 300;
  f.first_solve_at[3] = 400;
  f.agent_replies.assign(4, 0);
  f.agent_replies[1] = 1;
  f.agent_replies[2] = 3;
  f.agent_replies[3] = 2;
  f.flags.assign(4, 0);
  f.flags[1] = kEscalated;
  f.flags[2] = kReopened;
  f.flags[3] = kReopened | kBotInvolved;
  return f;
}

TEST(TicketOutcome, AWordCarriesTheFlagsTheSolvesAndTheReplies) {
  using O = TicketOutcome;
  const TicketFacts f = FourTickets();
  EXPECT_EQ(O::Of(f, 0), O::kAtMostOneAgentReply);  // no reply is at most one
  EXPECT_EQ(O::Of(f, 1), kEscalated | O::kResolved | O::kEverSolved | O::kOneAgentReply | O::kAtMostOneAgentReply);
  EXPECT_EQ(O::Of(f, 2), kReopened | O::kResolved | O::kEverSolved);
  EXPECT_EQ(O::Of(f, 3), kReopened | kBotInvolved | O::kEverSolved);
  // Asked for some bits, a word has those (and the flags) as the full word has them.
  for (uint16_t needed : {uint16_t{0}, O::kResolved, O::kEverSolved, O::kOneAgentReply, uint16_t(O::kResolved | O::kAtMostOneAgentReply)}) {
    const uint16_t kept = O::kFlags | needed;
    for (size_t t = 0; t < 4; ++t) EXPECT_EQ(O::Of(f, t, needed) & kept, O::Of(f, t) & kept) << "ticket " << t;
  }
  EXPECT_EQ(O::Of(f, 2, 0), kReopened);  // no column but the flags read
}

TEST(TicketOutcome, CountsPerGroupGiveEachRulesTickets) {
  using O = TicketOutcome;
  const TicketFacts f = FourTickets();
  // Tickets 0 and 1 in group 0, tickets 2 and 3 in group 1.
  TicketOutcomeCounts counts;
  counts.groups = 2;
  counts.counts.assign(2 * O::kWords, 0);
  for (size_t t = 0; t < 4; ++t) ++counts.counts[(t / 2) * O::kWords + O::Of(f, t)];
  const OutcomeRule every, resolved = OutcomeRule::Has(O::kResolved), not_reopened = OutcomeRule::Lacks(kReopened);
  EXPECT_EQ(counts.Count(0, every), 2);
  EXPECT_EQ(counts.Count(1, every), 2);
  EXPECT_EQ(counts.Count(0, resolved), 1);                        // ticket 1
  EXPECT_EQ(counts.Count(1, resolved), 1);                        // ticket 2; ticket 3 is open again
  EXPECT_EQ(counts.Count(1, OutcomeRule::Has(O::kEverSolved)), 2);  // both were solved once
  EXPECT_EQ(counts.Count(0, not_reopened), 2);
  EXPECT_EQ(counts.Count(1, not_reopened), 0);
  EXPECT_EQ(counts.Count(1, resolved.And(not_reopened)), 0);
  EXPECT_EQ(counts.Count(0, resolved.And(OutcomeRule::Has(O::kOneAgentReply | kEscalated))), 1);
  EXPECT_EQ(counts.Count(1, OutcomeRule::Has(kReopened | kBotInvolved)), 1);  // both bits: ticket 3 only
  EXPECT_EQ(counts.Count(1, OutcomeRule::Lacks(kBotInvolved | kEscalated)), 1);  // neither bit: ticket 2
}

}  // namespace
}  // namespace supportlens
