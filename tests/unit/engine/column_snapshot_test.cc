// The columnar snapshot is derived data: the same report with or without it, rebuilt when the
// store changes, ignored when damaged.
#include "engine/column_snapshot.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "supportlens/engine.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;

const std::string kHelpdesk = std::string(SUPPORTLENS_SOURCE_DIR) + "/tests/golden/_workspaces/helpdesk";

TEST(ColumnSnapshot, ReportsAreIdenticalWithAndWithoutItAndItFollowsTheStore) {
  fs::path dir = fs::path(::testing::TempDir()) / ("sl_snap_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string db = (dir / "s.db").string();
  ASSERT_TRUE(ImportFolder(kHelpdesk, db, "default").ok());
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

}  // namespace
}  // namespace supportlens
