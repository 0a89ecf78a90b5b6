// Tickets counted per group and outcome word give each rule's tickets: every word whose bits
// the rule asks for, and no other.
#include "kpi/ticket_outcomes.h"

#include <gtest/gtest.h>

namespace supportlens {
namespace {

TEST(TicketOutcomeCounts, EachRuleCountsTheWordsThatMeetIt) {
  // Group 0: an unsolved ticket without reply; one solved with one reply and escalated.
  // Group 1: one solved after a reopen and three replies; one solved once, open again now, from a bot.
  const uint16_t words[4] = {
      kAtMostOneAgentReply,
      static_cast<uint16_t>(kEscalated | kResolvedNow | kEverSolved | kOneAgentReply | kAtMostOneAgentReply),
      static_cast<uint16_t>(kReopened | kResolvedNow | kEverSolved),
      static_cast<uint16_t>(kReopened | kBotInvolved | kEverSolved),
  };
  TicketOutcomeCounts counts;
  counts.groups = 2;
  counts.counts.assign(2 * kTicketOutcomeWords, 0);
  for (size_t t = 0; t < 4; ++t) ++counts.counts[(t / 2) * kTicketOutcomeWords + words[t]];
  const OutcomeRule every, resolved = OutcomeRule::Has(kResolvedNow), not_reopened = OutcomeRule::Lacks(kReopened);
  EXPECT_EQ(counts.Count(0, every), 2);
  EXPECT_EQ(counts.Count(1, every), 2);
  EXPECT_EQ(counts.Count(0, resolved), 1);                       // the second ticket
  EXPECT_EQ(counts.Count(1, resolved), 1);                       // the third; the fourth is open again
  EXPECT_EQ(counts.Count(1, OutcomeRule::Has(kEverSolved)), 2);  // both were solved once
  EXPECT_EQ(counts.Count(0, not_reopened), 2);
  EXPECT_EQ(counts.Count(1, not_reopened), 0);
  EXPECT_EQ(counts.Count(1, resolved.And(not_reopened)), 0);
  EXPECT_EQ(counts.Count(0, resolved.And(OutcomeRule::Has(kOneAgentReply | kEscalated))), 1);
  EXPECT_EQ(counts.Count(1, OutcomeRule::Has(kReopened | kBotInvolved)), 1);     // both bits: the fourth only
  EXPECT_EQ(counts.Count(1, OutcomeRule::Lacks(kBotInvolved | kEscalated)), 1);  // neither bit: the third
  EXPECT_EQ(counts.Count(0, OutcomeRule::Has(kAtMostOneAgentReply)), 2);
}

TEST(OutcomeRule, AWordMeetsARuleWhenTheAskedBitsMatch) {
  const OutcomeRule fcr_hit = OutcomeRule::Has(kResolvedNow | kOneAgentReply).And(OutcomeRule::Lacks(kReopened | kEscalated));
  EXPECT_TRUE(fcr_hit.Meets(kResolvedNow | kOneAgentReply | kAtMostOneAgentReply | kBotInvolved));  // other bits do not matter
  EXPECT_FALSE(fcr_hit.Meets(kResolvedNow | kOneAgentReply | kEscalated));
  EXPECT_FALSE(fcr_hit.Meets(kResolvedNow));
  EXPECT_TRUE(OutcomeRule().Meets(0));
  EXPECT_TRUE(OutcomeRule().Meets(kReopened | kHasRepeat));
}

}  // namespace
}  // namespace supportlens
