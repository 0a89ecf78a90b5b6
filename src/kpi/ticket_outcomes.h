#pragma once
// Tickets counted per group and outcome word (their TicketFlag bits, folded once per ticket). A
// ticket count or rate is then a sum over the words that meet its rule: the KPIs placed alike
// share one pass over the tickets instead of taking one each, and the pass adds one counter per
// ticket whatever their number.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/ticket_timeline.h"

namespace supportlens {

constexpr size_t kTicketOutcomeWords = size_t{1} << kTicketFlagBits;

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
  std::vector<uint32_t> counts;  // [group * kTicketOutcomeWords + word]
  // The tickets of group g whose word meets `rule`.
  int64_t Count(size_t g, OutcomeRule rule) const {
    int64_t n = 0;
    const uint32_t* words = counts.data() + g * kTicketOutcomeWords;
    for (size_t w = 0; w < kTicketOutcomeWords; ++w) n += rule.Meets(static_cast<uint16_t>(w)) ? words[w] : 0;
    return n;
  }
};

}  // namespace supportlens
