// Google Benchmark cases for the contact-center work: staffing a year of 15-minute intervals,
// and interval reports over many calls, with SQLite computing the same interval counts and mean
// speed of answer from the same calls as the peer.
//
//   build/supportlens_bench --benchmark_filter='Staffing|IntervalReport'
//   SUPPORTLENS_BENCH_CALLS=10000000 (default; the calls are built in memory, about 1.3 GB)
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <random>
#include <stdexcept>

#include "engine/report_engine.h"
#include "supportlens/staffing.h"

namespace supportlens {
namespace {

// A year of 15-minute intervals with a daily shape: 35,040 staffing problems.
std::vector<double> YearOfIntervals() {
  std::vector<double> calls;
  for (int day = 0; day < 365; ++day)
    for (int q = 0; q < 96; ++q) {
      double hour = q / 4.0;
      double shape = hour < 7 || hour >= 21 ? 5 : 60 + 140 * std::sin((hour - 7) / 14 * 3.14159265);
      calls.push_back(day % 7 >= 5 ? shape / 3 : shape);
    }
  return calls;
}

void Staff(benchmark::State& state, bool erlang_a) {
  const std::vector<double> year = YearOfIntervals();
  for (auto _ : state) {
    int64_t agents = 0;
    for (double c : year) {
      StaffingRequest r;
      r.calls = c;
      r.interval_minutes = 15;
      r.aht_seconds = 240;
      r.target_sl_pct = 80;
      r.target_seconds = 20;
      r.shrinkage = 0.3;
      r.max_occupancy = 0.9;
      if (erlang_a) r.patience_seconds = 180;
      auto s = ComputeStaffing(r);
      if (!s.ok()) throw std::runtime_error(s.status().message());
      agents += s->agents;
    }
    benchmark::DoNotOptimize(agents);
  }
  state.counters["intervals"] = static_cast<double>(year.size());
  state.counters["per_interval"] = benchmark::Counter(static_cast<double>(year.size()), benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
void BM_StaffingYear15MinErlangC(benchmark::State& state) { Staff(state, false); }
void BM_StaffingYear15MinErlangA(benchmark::State& state) { Staff(state, true); }
BENCHMARK(BM_StaffingYear15MinErlangC)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_StaffingYear15MinErlangA)->Unit(benchmark::kMillisecond);

// N calls over 2026 (UTC), 4 queues, 75 % answered after an exponential wait, the rest abandoned.
const LoadedWorkspace& Calls() {
  static std::unique_ptr<LoadedWorkspace> loaded = [] {
    size_t n = 10'000'000;
    if (const char* env = std::getenv("SUPPORTLENS_BENCH_CALLS")) n = std::strtoull(env, nullptr, 10);
    Dataset d;
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<int64_t> when(0, 365 * 86400 - 1);
    std::exponential_distribution<double> wait(1.0 / 40), talk(1.0 / 240);
    std::bernoulli_distribution answered(0.75);
    const int64_t year = 1767225600;  // 2026-01-01T00:00:00Z
    for (const char* q : {"billing", "general", "technical", "sales"}) d.dict.queue.Intern(q);
    d.dict.channel.Intern("phone");
    auto& c = d.calls;
    for (size_t i = 0; i < n; ++i) {
      int64_t offered = year + when(rng);
      int64_t waited = static_cast<int64_t>(wait(rng));
      bool ok = answered(rng);
      double t = std::round(talk(rng));
      c.offered_at.push_back(offered);
      c.answered_at.push_back(ok ? offered + waited : kNoTime);
      c.abandoned_at.push_back(ok ? kNoTime : offered + waited);
      c.ended_at.push_back(offered + waited + (ok ? static_cast<int64_t>(t) : 0));
      c.talk_s.push_back(ok ? t : kNoNumber);
      c.hold_s.push_back(ok ? 0 : kNoNumber);
      c.acw_s.push_back(ok ? 30 : kNoNumber);
      c.channel.push_back(0);
      c.queue.push_back(static_cast<int32_t>(i % 4));
      c.customer.push_back(-1);
      c.ticket.push_back(-1);
      c.agent.push_back(-1);
      c.transferred.push_back(0);
      c.id.push_back("");
    }
    d.min_time = year;
    d.max_time = year + 366 * 86400;
    d.tickets.event_begin.push_back(0);
    return LoadedWorkspace::FromDataset(std::move(d));
  }();
  return *loaded;
}

void BM_IntervalReport30MinCalls(benchmark::State& state) {
  const LoadedWorkspace& w = Calls();
  Query q{"2026-01-01", "2027-01-01",
          {"offered_calls", "answered_calls", "abandonment_rate", "average_speed_of_answer", "service_level", "average_handle_time"},
          {"30min"}};
  size_t rows = 0;
  for (auto _ : state) {
    auto r = w.Run(q);
    if (!r.ok()) throw std::runtime_error(r.status().message());
    rows = r->rows.size();
  }
  state.counters["calls"] = static_cast<double>(w.data().calls.size());
  state.counters["intervals"] = static_cast<double>(rows);
}
BENCHMARK(BM_IntervalReport30MinCalls)->Unit(benchmark::kMillisecond)->Iterations(3);

// The peer: the same calls in an in-memory SQLite table, offered, answered, abandoned and the mean
// speed of answer per 30-minute interval in one GROUP BY (what SQL expresses directly).
void BM_IntervalReport30MinCallsSqlitePeer(benchmark::State& state) {
  const CallTable& c = Calls().data().calls;
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  sqlite3_exec(db, "CREATE TABLE calls(offered_at INTEGER, answered_at INTEGER, abandoned_at INTEGER)", nullptr, nullptr, nullptr);
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO calls VALUES(?, ?, ?)", -1, &ins, nullptr);
  for (size_t i = 0; i < c.size(); ++i) {
    sqlite3_bind_int64(ins, 1, c.offered_at[i]);
    if (c.answered_at[i] == kNoTime) sqlite3_bind_null(ins, 2); else sqlite3_bind_int64(ins, 2, c.answered_at[i]);
    if (c.abandoned_at[i] == kNoTime) sqlite3_bind_null(ins, 3); else sqlite3_bind_int64(ins, 3, c.abandoned_at[i]);
    sqlite3_step(ins);
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  const char* sql =
      "SELECT offered_at / 1800 AS slot, count(*), count(answered_at), count(abandoned_at), "
      "avg(answered_at - offered_at) FROM calls WHERE offered_at >= 1767225600 AND offered_at < 1798761600 "
      "GROUP BY slot ORDER BY slot";
  int64_t rows = 0;
  for (auto _ : state) {
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &q, nullptr);
    rows = 0;
    while (sqlite3_step(q) == SQLITE_ROW) ++rows;
    sqlite3_finalize(q);
  }
  sqlite3_close(db);
  state.counters["intervals"] = static_cast<double>(rows);
}
BENCHMARK(BM_IntervalReport30MinCallsSqlitePeer)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace supportlens
