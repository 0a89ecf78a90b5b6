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
