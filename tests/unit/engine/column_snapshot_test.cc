// The columnar snapshot is derived data: the same report with or without it, rebuilt when the
// store changes, ignored when damaged.
#include "engine/column_snapshot.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "store/sqlite_store.h"
#include "supportlens/engine.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;

const std::string kHelpdesk = std::string(SUPPORTLENS_SOURCE_DIR) + "/tests/golden/_workspaces/helpdesk";

// A fresh folder of its own holding `s.db`, the helpdesk workspace imported into it.
fs::path FolderWithHelpdesk(const std::string& name) {
  fs::path dir = fs::path(::testing::TempDir()) / (name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  EXPECT_TRUE(ImportFolder(kHelpdesk, (dir / "s.db").string(), "default").ok());
  return dir;
}

TEST(ColumnSnapshot, ReportsAreIdenticalWithAndWithoutItAndItFollowsTheStore) {
  fs::path dir = FolderWithHelpdesk("sl_snap");
  std::string db = (dir / "s.db").string();
  Query q{"2026-03-02", "2026-03-09", {}, {"channel"}};
  auto render = [&] { return *RenderReport(*ComputeReport(db, "default", q), "json"); };
  std::string from_store = render();
  ASSERT_TRUE(fs::exists(SnapshotPath(db, 1))) << "the first report writes the snapshot";
  EXPECT_EQ(render(), from_store) << "the snapshot gives the same numbers";

  // A new import changes the data version: the stale snapshot is not used.
  fs::path more = dir / "more";
  fs::create_directories(more);
  std::ofstream(more / "tickets.csv") << "ticket_id,created_at,channel\nT99,2026-03-04T10:00:00Z,phone\n";
  ASSERT_TRUE(ImportFolder(more.string(), db, "default").ok());
  std::string after = render();
  EXPECT_NE(after.find("\"phone\""), std::string::npos) << after;

  // A damaged snapshot is ignored and rebuilt.
  std::ofstream(SnapshotPath(db, 1), std::ios::trunc) << "garbage";
  EXPECT_EQ(render(), after);
  fs::remove_all(dir);
}

// A database deleted and made again at the same path counts its versions from the start, so
// its first import has the version the old one's snapshot was written at. The snapshot beside it
// belongs to the old data and must not be read: the report is the new data's.
TEST(ColumnSnapshot, ADatabaseMadeAgainAtTheSamePathDoesNotReadTheOldOnesSnapshot) {
  fs::path dir = FolderWithHelpdesk("sl_snapagain");
  std::string db = (dir / "s.db").string();
  Query q{"2026-03-02", "2026-03-09", {"ticket_volume"}, {"channel"}};
  auto render = [&] { return *RenderReport(*ComputeReport(db, "default", q), "json"); };
  const std::string old_report = render();
  ASSERT_TRUE(fs::exists(SnapshotPath(db, 1)));
  auto version_of = [&] { return *(*SqliteStore::Open(db, false))->DataVersion(1); };
  const int64_t old_version = version_of();

  // Only the database goes; the snapshot stays beside the path.
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
  fs::path other = dir / "other";
  fs::create_directories(other);
  fs::copy_file(fs::path(kHelpdesk) / "workspace.toml", other / "workspace.toml");  // settings, then rows: two versions
  std::ofstream(other / "tickets.csv") << "ticket_id,created_at,channel\nN1,2026-03-04T10:00:00Z,phone\n"
                                          "N2,2026-03-05T11:00:00Z,phone\n";
  ASSERT_TRUE(ImportFolder(other.string(), db, "default").ok());
  ASSERT_EQ(version_of(), old_version) << "the case this test is about: the same version of other data";
  ASSERT_TRUE(fs::exists(SnapshotPath(db, 1)));

  const std::string report = render();
  EXPECT_NE(report, old_report);
  // Two phone tickets and nothing else: the old data's channels are gone.
  EXPECT_NE(report.find("\"phone\""), std::string::npos) << report;
  EXPECT_EQ(report.find("\"email\""), std::string::npos) << report;
  EXPECT_NE(report.find("\"value\": 2"), std::string::npos) << report;
  EXPECT_EQ(render(), report) << "and the snapshot written for it now serves it";
  fs::remove_all(dir);
}

// The first report writes the columns while it folds the timelines; an unfinished write must
// leave no file behind, a finished one must read back whole.
TEST(ColumnSnapshot, AWriteFinishedReadsBackAndOneLeftUnfinishedLeavesNothing) {
  fs::path dir = FolderWithHelpdesk("sl_snapwrite");
  auto store = SqliteStore::Open((dir / "s.db").string(), false);
  ASSERT_TRUE(store.ok());
  auto data = Dataset::Load(**store, 1);
  ASSERT_TRUE(data.ok());
  const std::string path = (dir / "snapshot").string();

  { SnapshotWrite abandoned(*data, path, 7, 41); }
  size_t files = 0;
  for (auto& entry : fs::directory_iterator(dir)) files += entry.path().filename().string().rfind("snapshot", 0) == 0;
  EXPECT_EQ(files, 0u) << "neither the snapshot nor its temporary file";

  TicketFacts facts;
  {
    SnapshotWrite write(*data, path, 7, 41);
    facts = FoldTimelines(*data);
    ASSERT_TRUE(write.Finish(facts).ok());
  }
  auto read = ReadSnapshot(path, 7, 41);
  ASSERT_TRUE(read.ok() && read->has_value());
  const Snapshot& back = **read;
  ASSERT_EQ(back.data.tickets.size(), data->tickets.size());
  for (size_t t = 0; t < data->tickets.size(); ++t) {
    EXPECT_EQ(back.data.tickets.created_at[t], data->tickets.created_at[t]) << t;
    EXPECT_EQ(back.data.dict.ticket.at(static_cast<int32_t>(t)), data->dict.ticket.at(static_cast<int32_t>(t))) << t;
    EXPECT_EQ(back.facts.first_reply_at[t], facts.first_reply_at[t]) << t;
    EXPECT_EQ(back.facts.owner[t], facts.owner[t]) << t;
  }
  EXPECT_EQ(back.data.events.size(), data->events.size());
  auto other_version = ReadSnapshot(path, 8, 41);
  ASSERT_TRUE(other_version.ok());
  EXPECT_FALSE(other_version->has_value()) << "a snapshot of another data version is not used";
  auto other_stamp = ReadSnapshot(path, 7, 42);
  ASSERT_TRUE(other_stamp.ok());
  EXPECT_FALSE(other_stamp->has_value()) << "nor one of the same version of other data";

  const std::string nowhere = (dir / "missing" / "snapshot").string();
  SnapshotWrite cannot(*data, nowhere, 7, 41);
  Status s = cannot.Finish(facts);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find((dir / "missing").string()), std::string::npos) << s.message();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace supportlens
