#include "synth/customer_book.h"

#include <algorithm>
#include <cmath>

#include "synth/distributions.h"

namespace supportlens::synth {
namespace {

constexpr int kHistoryDays = 1460;  // pre-range customers were acquired over four years
constexpr std::array<double, kSegmentCount> kAnnualChurn = {0.25, 0.12, 0.06};
constexpr std::array<double, kSegmentCount> kMonthlyRevenueEuros = {90, 1200, 9000};

// A timestamp inside local working hours of `day`.
int64_t DaytimeAt(const LocalCalendar& calendar, Rng& rng, int day) {
  const int hour = static_cast<int>(rng.Between(9, 17));
  return calendar.HourStart(day, hour) + rng.Between(0, 3599);
}

}  // namespace

CustomerBook::CustomerBook(uint64_t seed, int64_t count, int days)
    : seed_(seed),
      count_(std::max<int64_t>(1, count)),
      before_range_(std::max<int64_t>(1, count_ * 4 / 5)),
      days_(days),
      state_(static_cast<size_t>(count_)) {}

int CustomerBook::AcquiredDay(int64_t customer) const {
  if (customer < before_range_) {
    return -static_cast<int>(1 + (before_range_ - 1 - customer) * kHistoryDays / before_range_);
  }
  const int64_t during = count_ - before_range_;
  return static_cast<int>((customer - before_range_) * days_ / during);
}

int64_t CustomerBook::EligibleCount(int day) const {
  const int64_t during = count_ - before_range_;
  const int64_t acquired = ((static_cast<int64_t>(day) + 1) * during + days_ - 1) / days_;
  return before_range_ + std::min(during, acquired);
}

Segment CustomerBook::SegmentOf(int64_t customer) const {
  const double u = static_cast<double>(Mix64(seed_ ^ 0xC057, static_cast<uint64_t>(customer)) >> 11) * 0x1.0p-53;
  return u < 0.70 ? kSmb : (u < 0.92 ? kMidMarket : kEnterprise);
}

int64_t CustomerBook::Pick(Rng& rng, int day) const {
  const int64_t n = EligibleCount(day);
  int64_t pick = 0;
  for (int attempt = 0; attempt < 2; ++attempt) {
    // Skewed towards long-standing customers; small customers are re-drawn once in three.
    pick = std::min<int64_t>(n - 1, static_cast<int64_t>(static_cast<double>(n) * std::pow(rng.Uniform(), 1.25)));
    if (SegmentOf(pick) != kSmb || !rng.Chance(0.35)) break;
  }
  return pick;
}

void CustomerBook::RecordTicket(int64_t customer, int day, int badness) {
  State& s = state_[static_cast<size_t>(customer)];
  s.last_ticket_day = static_cast<int16_t>(std::max<int>(s.last_ticket_day, day));
  s.badness = static_cast<uint8_t>(std::min(255, s.badness + badness));
  if (s.tickets < 255) ++s.tickets;
}

void CustomerBook::WriteOutcomes(const LocalCalendar& calendar, CsvWriter& customers, CsvWriter& surveys,
                                 CsvWriter& retention, int64_t* next_response_id) const {
  Rng rng(seed_, 0xC0FFEE);
  const int64_t first = calendar.first_unix_day();
  int64_t request_id = 0;
  for (int64_t c = 0; c < count_; ++c) {
    const State& s = state_[static_cast<size_t>(c)];
    const Segment segment = SegmentOf(c);
    const int acquired = AcquiredDay(c);
    const double bad = std::min(10.0, static_cast<double>(s.badness));

    // Churn: a segment base rate over the range, raised by bad experiences; it happens some
    // weeks after the customer's last ticket.
    double p = kAnnualChurn[segment] * days_ / 365.0;
    p = s.tickets > 0 ? p + 0.07 * bad : p * 0.7;
    p = std::min(p, 0.85);
    int churn_day = -1;
    if (rng.Chance(p)) {
      const int after = std::max({acquired, static_cast<int>(s.last_ticket_day), 0});
      const int day = s.tickets > 0 ? after + 3 + static_cast<int>(std::lround(LogNormal(rng, 10, 0.8)))
                                    : after + 1 + static_cast<int>(rng.Below(static_cast<uint64_t>(days_)));
      if (day < days_) churn_day = day;
    }
    const auto revenue_cents = std::llround(LogNormal(rng, kMonthlyRevenueEuros[segment], 0.5) * 100.0);
    customers.Id("C", c + 1, 7).Raw(kSegmentNames[segment]).Date(first + acquired);
    if (churn_day >= 0) {
      customers.Date(first + churn_day);
    } else {
      customers.Empty();
    }
    customers.Cents(revenue_cents);
    customers.EndRow();

    // Retention requests: most churners asked to cancel first (cancelled); unhappy customers
    // who stayed were saved; requests in the last days are still pending.
    const int alive_from = std::max(acquired, 0);
    int request_day = -1;
    const char* outcome = nullptr;
    if (churn_day >= 0 && rng.Chance(0.55)) {
      request_day = std::max(alive_from, churn_day - static_cast<int>(rng.Between(0, 5)));
      outcome = "cancelled";
    } else if (churn_day < 0 && rng.Chance(bad >= 3 ? 0.25 : 0.015)) {
      const int from = std::max(alive_from, static_cast<int>(s.last_ticket_day) + 1);
      if (from < days_) {
        request_day = static_cast<int>(rng.Between(from, std::min(days_ - 1, from + 20)));
        outcome = request_day >= days_ - 3 ? "pending" : (rng.Chance(0.9) ? "saved" : "pending");
      }
    }
    if (request_day >= 0 && request_day < days_) {
      retention.Id("R", ++request_id, 7).Id("C", c + 1, 7).Timestamp(DaytimeAt(calendar, rng, request_day));
      retention.Raw(outcome);
      retention.EndRow();
    }

    // NPS: an occasional relationship survey while the customer is active.
    const int alive_to = churn_day >= 0 ? churn_day - 1 : days_ - 1;
    if (alive_from <= alive_to && rng.Chance(0.12)) {
      const int day = static_cast<int>(rng.Between(alive_from, alive_to));
      const double mean = 9.0 - 0.35 * bad + (segment == kEnterprise ? 0.2 : 0.0);
      const int score = static_cast<int>(std::clamp<double>(std::round(Normal(rng, mean, 1.5)), 0, 10));
      surveys.Id("S", ++*next_response_id, 9).Raw("nps").Int(score).Timestamp(DaytimeAt(calendar, rng, day));
      surveys.Int(0).Int(10).Empty().Id("C", c + 1, 7).Empty().Empty();
      surveys.EndRow();
    }
  }
}

}  // namespace supportlens::synth
