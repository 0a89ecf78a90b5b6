#pragma once
// CustomerBook: the customer population and what happens to it. Most customers exist before
// the range, the rest are acquired during it; tickets are opened by customers already
// acquired. Each ticket's experience is recorded (a few bytes per customer), and at the end
// churn, retention requests and NPS answers follow those experiences: customers with reopened,
// escalated or badly rated tickets churn and detract more often.
#include <cstdint>
#include <vector>

#include "supportlens/status.h"
#include "synth/csv_writer.h"
#include "synth/local_calendar.h"
#include "synth/random.h"
#include "synth/vocabulary.h"

namespace supportlens::synth {

class CustomerBook {
 public:
  CustomerBook(uint64_t seed, int64_t count, int days);

  int64_t count() const { return count_; }
  // Local day index of acquired_on (negative: before the range).
  int AcquiredDay(int64_t customer) const;
  Segment SegmentOf(int64_t customer) const;
  // A customer already acquired on `day`, long-standing and larger customers more often.
  int64_t Pick(Rng& rng, int day) const;
  // badness: 0 for a smooth ticket, higher for slow, reopened, escalated or badly rated ones.
  void RecordTicket(int64_t customer, int day, int badness);

  // Writes customers.csv rows, and appends NPS responses to `surveys` and retention requests
  // to `retention` (all opened with headers). Ids continue from *next_response_id.
  void WriteOutcomes(const LocalCalendar& calendar, CsvWriter& customers, CsvWriter& surveys,
                     CsvWriter& retention, int64_t* next_response_id) const;

 private:
  struct State {
    int16_t last_ticket_day = -1;
    uint8_t badness = 0;
    uint8_t tickets = 0;
  };
  int64_t EligibleCount(int day) const;

  uint64_t seed_;
  int64_t count_;
  int64_t before_range_;  // customers acquired before the first day
  int days_;
  std::vector<State> state_;
};

}  // namespace supportlens::synth
