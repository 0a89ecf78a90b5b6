// Google Benchmark cases for the report engine on a generated workspace.
//
// The workspace is built once per process, on first use: supportlens::Generate writes it to a
// temporary folder (UTC, first reply clock from created_at, as the end-to-end benchmark), it is
// imported into a temporary SQLite file with supportlens::ImportFolder, then loaded with
// LoadedWorkspace::Load (which also writes the columnar snapshot beside the database).
// Everything is removed at exit.
//
// Size: SUPPORTLENS_BENCH_TICKETS (default 100000 tickets, about 250 days of data). Or
// SUPPORTLENS_BENCH_DB: an existing database such as the end-to-end benchmark's 10M one (its
// workspace "default"; only a missing snapshot is written beside it), over the UTC days its
// tickets were created in (the end-to-end benchmark's window). The report cases then measure a
// report once loaded in a process that has already run one, as a server answers.
//   build/supportlens_bench                                 # every case
//   build/supportlens_bench --benchmark_filter=ByChannel    # one case
//   SUPPORTLENS_BENCH_DB=$BENCH_WORK/n10000000/supportlens.db build/supportlens_bench --benchmark_filter=Report
//   (after `make bench` with BENCH_WORK set and KEEP_DATA=1)
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/time_zone.h"
#include "engine/report_engine.h"
#include "store/sqlite_store.h"
#include "supportlens/engine.h"
#include "supportlens/generate.h"

namespace supportlens {
namespace {

constexpr const char* kStartDate = "2026-01-05";

[[noreturn]] void Fail(const std::string& what, const Status& s) {
  throw std::runtime_error(what + ": " + s.message());
}

// definitions.first_reply_restarts_at_bot_handoff = false in a generated workspace.toml (first
// reply time from created_at, as the end-to-end comparison with SQL uses).
void SetFirstReplyFromCreation(const std::filesystem::path& toml_path) {
  constexpr std::string_view kKey = "first_reply_restarts_at_bot_handoff";
  std::string out;
  bool placed = false;
  {
    std::ifstream in(toml_path);
    for (std::string line; std::getline(in, line);) {
      if (line.find(kKey) != std::string::npos) continue;  // replaced below
      out += line + "\n";
      if (line == "[definitions]") {
        out += std::string(kKey) + " = false\n";
        placed = true;
      }
    }
  }
  if (!placed) out += "\n[definitions]\n" + std::string(kKey) + " = false\n";
  std::ofstream(toml_path, std::ios::trunc) << out;
}

// The generated, imported and loaded workspace shared by every case.
class BenchWorkspace {
 public:
  static BenchWorkspace& Get() {
    static BenchWorkspace w;
    return w;
  }

  const LoadedWorkspace& loaded() const { return *loaded_; }
  const std::string& db_path() const { return db_; }
  int64_t workspace_id() const { return ws_; }
  int64_t tickets() const { return tickets_; }
  int64_t events() const { return static_cast<int64_t>(loaded_->data().events.size()); }

  // The whole generated span: [start, start + days).
  Query WindowQuery() const {
    Query q;
    q.from = from_;
    q.to = to_;
    q.cohort = "created";
    return q;
  }

  BenchWorkspace(const BenchWorkspace&) = delete;
  BenchWorkspace& operator=(const BenchWorkspace&) = delete;

  ~BenchWorkspace() {
    loaded_.reset();
    store_.reset();
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

 private:
  BenchWorkspace() {
    if (const char* db = std::getenv("SUPPORTLENS_BENCH_DB")) {
      db_ = db;
      Open();
      tickets_ = static_cast<int64_t>(loaded_->data().tickets.size());
      const auto& created = loaded_->data().tickets.created_at;
      if (created.empty()) throw std::runtime_error(std::string(db) + ": no tickets in workspace \"default\"");
      const auto [first, last] = std::minmax_element(created.begin(), created.end());
      from_ = FormatDate(static_cast<DayNumber>(FloorDiv(*first, 86400)));
      to_ = FormatDate(static_cast<DayNumber>(FloorDiv(*last, 86400) + 1));
      return;
    }
    if (const char* env = std::getenv("SUPPORTLENS_BENCH_TICKETS")) tickets_ = std::max<int64_t>(1000, std::atoll(env));
    // The generator's own rule (about 400 tickets a day, 28..365 days), made explicit.
    const int days = static_cast<int>(std::clamp<int64_t>((tickets_ + 200) / 400, 28, 365));
    dir_ = std::filesystem::temp_directory_path() / ("supportlens_bench_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    const std::string folder = (dir_ / "workspace").string();
    db_ = (dir_ / "bench.db").string();

    GenerateOptions g;
    g.tickets = tickets_;
    g.seed = 42;
    g.start_date = kStartDate;
    g.days = days;
    g.timezone = "UTC";
    if (Status s = Generate(g, folder); !s.ok()) Fail("generate", s);
    SetFirstReplyFromCreation(std::filesystem::path(folder) / "workspace.toml");
    auto imported = ImportFolder(folder, db_, "default");
    if (!imported.ok()) Fail("import", imported.status());
    if (imported->rejected > 0) throw std::runtime_error("import rejected rows of the generated workspace");
    std::filesystem::remove_all(folder);  // the database holds everything from here on
    Open();
    auto start = ParseDate(kStartDate);
    to_ = FormatDate(static_cast<DayNumber>(*start + days));
  }

  // Opens db_ and loads its workspace "default" (writing the snapshot beside it if missing).
  void Open() {
    auto store = SqliteStore::Open(db_, false);
    if (!store.ok()) Fail("open", store.status());
    store_ = std::move(store).value();
    auto ws = store_->Workspace("default", false);
    if (!ws.ok()) Fail("workspace", ws.status());
    ws_ = *ws;
    auto loaded = LoadedWorkspace::Load(*store_, ws_);
    if (!loaded.ok()) Fail("load", loaded.status());
    loaded_ = std::move(loaded).value();
  }

  int64_t tickets_ = 100000;
  std::filesystem::path dir_;
  std::string db_, from_ = kStartDate, to_;
  int64_t ws_ = 0;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<LoadedWorkspace> loaded_;
};

void SetSizeCounters(benchmark::State& state, const BenchWorkspace& w) {
  state.counters["tickets"] = static_cast<double>(w.tickets());
  state.counters["events"] = static_cast<double>(w.events());
  state.counters["tickets_per_s"] =
      benchmark::Counter(static_cast<double>(w.tickets()), benchmark::Counter::kIsIterationInvariantRate);
}

void RunReport(benchmark::State& state, std::vector<std::string> by) {
  BenchWorkspace& w = BenchWorkspace::Get();
  Query q = w.WindowQuery();
  q.by = std::move(by);
  size_t rows = 0;
  for (auto _ : state) {
    auto report = w.loaded().Run(q);
    if (!report.ok()) {
      state.SkipWithError(report.status().message().c_str());
      return;
    }
    rows = report->rows.size();
    benchmark::DoNotOptimize(rows);
  }
  SetSizeCounters(state, w);
  state.counters["rows"] = static_cast<double>(rows);
}

// Reading the store row by row into columns and folding every ticket's timeline (what the first
// report after an import does before it can answer).
void BM_LoadFromStore(benchmark::State& state) {
  BenchWorkspace& w = BenchWorkspace::Get();
  auto store = SqliteStore::Open(w.db_path(), false);
  if (!store.ok()) {
    state.SkipWithError(store.status().message().c_str());
    return;
  }
  for (auto _ : state) {
    auto data = Dataset::Load(**store, w.workspace_id());
    if (!data.ok()) {
      state.SkipWithError(data.status().message().c_str());
      return;
    }
    auto loaded = LoadedWorkspace::FromDataset(std::move(data).value());
    benchmark::DoNotOptimize(loaded.get());
  }
  SetSizeCounters(state, w);
}
BENCHMARK(BM_LoadFromStore)->Unit(benchmark::kMillisecond)->Iterations(3);

// LoadedWorkspace::Load as a fresh `report` process does it: from the columnar snapshot beside
// the database (written by the first load), which holds the folded timelines too.
void BM_LoadWorkspace(benchmark::State& state) {
  BenchWorkspace& w = BenchWorkspace::Get();
  auto store = SqliteStore::Open(w.db_path(), false);
  if (!store.ok()) {
    state.SkipWithError(store.status().message().c_str());
    return;
  }
  for (auto _ : state) {
    auto loaded = LoadedWorkspace::Load(**store, w.workspace_id());
    if (!loaded.ok()) {
      state.SkipWithError(loaded.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(loaded->get());
  }
  SetSizeCounters(state, w);
}
BENCHMARK(BM_LoadWorkspace)->Unit(benchmark::kMillisecond)->Iterations(3);

// Folding the events of every ticket into first reply, resolutions, reopens, repeat contacts.
void BM_FoldTimelines(benchmark::State& state) {
  BenchWorkspace& w = BenchWorkspace::Get();
  for (auto _ : state) {
    TicketFacts facts = FoldTimelines(w.loaded().data());
    benchmark::DoNotOptimize(facts.flags.data());
  }
  SetSizeCounters(state, w);
}
BENCHMARK(BM_FoldTimelines)->Unit(benchmark::kMillisecond);

// The whole catalog over the whole span, once loaded.
void BM_ReportUngrouped(benchmark::State& state) { RunReport(state, {}); }
BENCHMARK(BM_ReportUngrouped)->Unit(benchmark::kMillisecond);

void BM_ReportByChannel(benchmark::State& state) { RunReport(state, {"channel"}); }
BENCHMARK(BM_ReportByChannel)->Unit(benchmark::kMillisecond);

void BM_ReportByMonth(benchmark::State& state) { RunReport(state, {"month"}); }
BENCHMARK(BM_ReportByMonth)->Unit(benchmark::kMillisecond);

// The SQL-expressible set of the end-to-end comparison, grouped by channel.
void BM_ReportSqlSetByChannel(benchmark::State& state) {
  BenchWorkspace& w = BenchWorkspace::Get();
  Query q = w.WindowQuery();
  q.by = {"channel"};
  q.kpis = {"ticket_volume", "resolved_tickets", "backlog", "first_reply_time", "resolution_time", "fcr_rate",
            "escalation_rate", "reopen_rate", "csat", "nps", "average_touches"};
  for (auto _ : state) {
    auto report = w.loaded().Run(q);
    if (!report.ok()) {
      state.SkipWithError(report.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(report->rows.data());
  }
  SetSizeCounters(state, w);
}
BENCHMARK(BM_ReportSqlSetByChannel)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace supportlens
