#pragma once
// A ticket's outcome as one small word (its timeline flags, whether it is resolved, how many agent
// replies), and the tickets of each group counted by that word. A ticket count or rate is then a
// sum over the words that meet its rule: the KPIs placed alike share one pass over the tickets
// instead of taking one each, and the pass adds one counter per ticket whatever their number.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/ticket_timeline.h"

namespace supportlens {

struct TicketOutcome {
  // Bits 0-6 are the ticket's TicketFlag bits, the others come from its facts.
  static constexpr uint16_t kFlags = 0x7f;
  static constexpr uint16_t kResolved = 1 << 7;           // resolved now (a final solve)
  static constexpr uint16_t kEverSolved = 1 << 8;         // solved at least once (a first solve)
  static constexpr uint16_t kOneAgentReply = 1 << 9;      // exactly one public agent reply
  static constexpr uint16_t kAtMostOneAgentReply = 1 << 10;
  static constexpr size_t kWords = size_t{1} << 11;
  static_assert(kHasRepeat <= 1 << 6, "a TicketFlag above bit 6 would overlap the outcome bits");

  static uint16_t Of(const TicketFacts& f, size_t t) { return Of(f, t, 0xffff); }
  // The bits of `needed` and the flags (one byte) as Of(f, t) has them; the others may be left
  // out. A rule counted ticket by ticket then reads no column it does not use.
  static uint16_t Of(const TicketFacts& f, size_t t, uint16_t needed) {
    uint16_t word = f.flags[t] & kFlags;
    if (needed & kResolved) word |= f.final_solve_at[t] != kNoTime ? kResolved : 0;
    if (needed & kEverSolved) word |= f.first_solve_at[t] != kNoTime ? kEverSolved : 0;
    if (needed & (kOneAgentReply | kAtMostOneAgentReply)) {
      const uint16_t replies = f.agent_replies[t];
      word |= static_cast<uint16_t>((replies == 1 ? kOneAgentReply : 0) | (replies <= 1 ? kAtMostOneAgentReply : 0));
    }
    return word;
  }
};

// Which outcome words a count takes: those whose `mask` bits equal `value` (no mask: every ticket).
struct OutcomeRule {
  uint16_t mask = 0, value = 0;
  bool Meets(uint16_t word) const { return (word & mask) == value; }
  // The words that meet both rules (they must not ask opposite values of one bit).
  OutcomeRule And(OutcomeRule o) const { return {static_cast<uint16_t>(mask | o.mask), static_cast<uint16_t>(value | o.value)}; }
  static OutcomeRule Has(uint16_t bits) { return {bits, bits}; }  // every one of the bits set
  static OutcomeRule Lacks(uint16_t bits) { return {bits, 0}; }   // none of them set
};

// Tickets per group and outcome word, for one placement of the tickets.
struct TicketOutcomeCounts {
  size_t groups = 0;
  std::vector<uint32_t> counts;  // [group * TicketOutcome::kWords + word]
  // The tickets of group g whose word meets `rule`.
  int64_t Count(size_t g, OutcomeRule rule) const {
    int64_t n = 0;
    const uint32_t* words = counts.data() + g * TicketOutcome::kWords;
    for (size_t w = 0; w < TicketOutcome::kWords; ++w) n += rule.Meets(static_cast<uint16_t>(w)) ? words[w] : 0;
    return n;
  }
};

}  // namespace supportlens
