// A refresh reads only the rows committed since the last load, and must give exactly what a full
// load of the store gives, whether the previous load came from the store or from the snapshot.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "engine/column_snapshot.h"
#include "engine/report_engine.h"
#include "ingest/batch_importer.h"
#include "ingest/importer.h"
#include "supportlens/engine.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;
const std::string kHelpdesk = std::string(SUPPORTLENS_SOURCE_DIR) + "/tests/golden/_workspaces/helpdesk";

// New records of several entities, touching old tickets as well as a new one: an event on T4 that
// reopens nothing but replies, a new ticket with its events and a survey, a new channel value.
void CommitBatches(SqliteStore& store) {
  auto batch = [&](const char* entity, const char* json) {
    auto r = ImportBatch(store, "default", *FindEntity(entity), nlohmann::json::parse(json));
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_TRUE(r->issues.empty()) << r->issues[0].reason;
  };
  batch("tickets", R"([{"ticket_id": "T20", "created_at": "2026-03-06T08:00:00Z", "channel": "voice", "customer_id": "C2",
                        "priority": "high", "topic": "billing"}])");
  batch("events", R"([
    {"event_id": "E900", "ticket_id": "T20", "at": "2026-03-06T08:00:00Z", "type": "message", "actor_kind": "customer", "actor_id": "C2"},
    {"event_id": "E901", "ticket_id": "T20", "at": "2026-03-06T08:30:00Z", "type": "message", "actor_kind": "agent", "actor_id": "A1", "public": true},
    {"event_id": "E902", "ticket_id": "T20", "at": "2026-03-06T09:00:00Z", "type": "status", "actor_kind": "agent", "actor_id": "A1", "status": "solved"},
    {"event_id": "E903", "ticket_id": "T4", "at": "2026-03-07T10:00:00Z", "type": "message", "actor_kind": "agent", "actor_id": "A2", "public": true}])");
  batch("surveys", R"([{"response_id": "S900", "kind": "csat", "score": 2, "answered_at": "2026-03-06T10:00:00Z",
                         "scale_min": 1, "scale_max": 5, "ticket_id": "T20", "customer_id": "C2", "agent_id": "A1"}])");
}

// A fresh folder of its own, `db.sqlite` in it holding the helpdesk workspace as "default".
struct HelpdeskStore {
  explicit HelpdeskStore(const std::string& name)
      : dir(fs::path(::testing::TempDir()) / (name + "_" + std::to_string(getpid()))), db((dir / "db.sqlite").string()) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    EXPECT_TRUE(ImportFolder(kHelpdesk, db, "default").ok());
    store = *SqliteStore::Open(db, false);
    ws = *store->Workspace("default", false);
  }
  ~HelpdeskStore() {
    store.reset();
    fs::remove_all(dir);
  }
  fs::path dir;
  std::string db;
  std::unique_ptr<SqliteStore> store;
  int64_t ws = 0;
};

// The load reserves its columns by this bound, so it must never be below what a scan returns.
TEST(IncrementalLoad, RowsAfterBoundsTheRowsAScanFromThereReturns) {
  HelpdeskStore h("sl_rows_after");
  auto& store = h.store;
  const int64_t ws = h.ws;
  const EntitySpec& events = *FindEntity("events");
  auto scan = [&](int64_t workspace, int64_t after, int64_t* last) {
    int64_t rows = 0;
    EXPECT_TRUE(store->Scan(workspace, events, {"event_id"}, [&](sqlite3_stmt*) { ++rows; }, after, last).ok());
    return rows;
  };
  int64_t last = 0;
  const int64_t stored = scan(ws, 0, &last);
  ASSERT_GT(stored, 0);
  EXPECT_EQ(*store->RowsAfter(events, 0), stored) << "one workspace, nothing deleted: the bound is the count";
  EXPECT_EQ(*store->RowsAfter(events, last), 0);

  CommitBatches(*store);  // four more events
  const int64_t before = last;
  EXPECT_EQ(scan(ws, before, &last), 4);
  EXPECT_EQ(*store->RowsAfter(events, before), 4);

  // Another workspace's rows count too: the bound may exceed this workspace's rows, never fall short.
  ASSERT_TRUE(ImportFolder(kHelpdesk, h.db, "other").ok());
  EXPECT_EQ(*store->RowsAfter(events, 0), stored + 4 + stored);
  EXPECT_EQ(scan(ws, 0, nullptr), stored + 4);
}

// A refresh copies only the columns that take new rows: the others keep viewing the snapshot.
TEST(IncrementalLoad, ARefreshWithoutNewTicketsLeavesTheTicketColumnsViewingTheSnapshot) {
  HelpdeskStore h("sl_refresh_views");
  auto& store = h.store;
  const int64_t ws = h.ws;
  ASSERT_TRUE(LoadedWorkspace::Load(*store, ws).ok());  // writes the snapshot
  auto mapped = LoadedWorkspace::Load(*store, ws);      // reads it: the columns view the mapping
  ASSERT_TRUE(mapped.ok());
  auto r = ImportBatch(*store, "default", *FindEntity("events"), nlohmann::json::parse(R"([{"event_id": "E950", "ticket_id": "T4",
      "at": "2026-03-08T10:00:00Z", "type": "message", "actor_kind": "agent", "actor_id": "A2", "public": true}])"));
  ASSERT_TRUE(r.ok() && r->issues.empty());
  auto refreshed = LoadedWorkspace::Refresh(*store, ws, **mapped);
  ASSERT_TRUE(refreshed.ok()) << refreshed.status().message();
  const Dataset& before = (*mapped)->data();
  const Dataset& after = (*refreshed)->data();
  EXPECT_EQ(after.events.size(), before.events.size() + 1);
  EXPECT_EQ(after.tickets.created_at.data(), before.tickets.created_at.data()) << "no new ticket: still the snapshot's view";
  EXPECT_EQ(after.tickets.channel.data(), before.tickets.channel.data());
}

std::string Rendered(const LoadedWorkspace& w, const Query& q) { return *RenderReport(*w.Run(q), "json"); }

TEST(IncrementalLoad, ARefreshEqualsAFullLoadOfTheStore) {
  for (bool from_snapshot : {false, true}) {
    fs::path dir = fs::path(::testing::TempDir()) / ("sl_incr_" + std::to_string(getpid()) + (from_snapshot ? "_snap" : "_store"));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string db = (dir / "db.sqlite").string();
    ASSERT_TRUE(ImportFolder(kHelpdesk, db, "default").ok());
    auto store = *SqliteStore::Open(db, false);
    int64_t ws = *store->Workspace("default", false);
    auto first = LoadedWorkspace::Load(*store, ws);  // reads the store, writes the snapshot
    ASSERT_TRUE(first.ok());
    std::unique_ptr<LoadedWorkspace> previous = std::move(*first);
    if (from_snapshot) {
      auto again = LoadedWorkspace::Load(*store, ws);  // the same version: from the snapshot's views
      ASSERT_TRUE(again.ok());
      previous = std::move(*again);
    }
    CommitBatches(*store);
    auto refreshed = LoadedWorkspace::Refresh(*store, ws, *previous);
    ASSERT_TRUE(refreshed.ok()) << refreshed.status().message();
    fs::remove(SnapshotPath(db, ws));
    auto full = LoadedWorkspace::Load(*store, ws);
    ASSERT_TRUE(full.ok());
    EXPECT_EQ((*refreshed)->data_version(), (*full)->data_version());
    EXPECT_EQ((*refreshed)->data().events.size(), (*full)->data().events.size());
    for (const std::vector<std::string>& by : {std::vector<std::string>{}, {"channel"}, {"agent"}, {"day"}}) {
      Query q{"2026-02-23", "2026-03-16", {}, by};
      std::string want = Rendered(**full, q);
      EXPECT_EQ(Rendered(**refreshed, q), want) << (from_snapshot ? "snapshot" : "store") << " by " << (by.empty() ? "-" : by[0]);
      EXPECT_NE(want, Rendered(*previous, q));  // the batches did change the numbers
    }
    EXPECT_NE(Rendered(**refreshed, Query{"2026-03-02", "2026-03-09", {"ticket_volume"}, {"channel"}}).find("voice"), std::string::npos);
    fs::remove_all(dir);
  }
}

}  // namespace
}  // namespace supportlens
