// A workspace's data stamp is drawn afresh with every new data version, so that a file derived
// from one state of the data (the column snapshot) is never taken for another's.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "store/sqlite_store.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;

fs::path FreshFolder(const std::string& name) {
  fs::path dir = fs::path(::testing::TempDir()) / (name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(DataStamp, EachNewVersionDrawsANewStampAndNothingElseChangesIt) {
  fs::path dir = FreshFolder("sl_stamp");
  auto store = SqliteStore::Open((dir / "s.db").string(), true);
  ASSERT_TRUE(store.ok());
  SqliteStore& s = **store;
  auto ws = s.Workspace("default", true);
  ASSERT_TRUE(ws.ok());
  auto state = [&] { return std::make_pair(*s.DataVersion(*ws), *s.DataStamp(*ws)); };

  const auto created = state();
  EXPECT_EQ(created.first, 0);
  EXPECT_NE(created.second, 0) << "a new workspace has a stamp";

  ASSERT_TRUE(s.SaveSettings(*ws, "timezone = \"UTC\"\n").ok());
  const auto settings = state();
  EXPECT_EQ(settings.first, 1);
  EXPECT_NE(settings.second, created.second) << "a settings change draws a new stamp";

  auto import = s.StartImport(*ws, "folder");
  ASSERT_TRUE(import.ok());
  ASSERT_TRUE(s.FinishImport(*import, 0, 5, 0).ok());
  EXPECT_EQ(state(), settings) << "an import that stored nothing changes neither";

  import = s.StartImport(*ws, "folder");
  ASSERT_TRUE(import.ok());
  ASSERT_TRUE(s.FinishImport(*import, 3, 0, 0).ok());
  const auto imported = state();
  EXPECT_EQ(imported.first, 2);
  EXPECT_NE(imported.second, settings.second) << "an import that stored rows draws a new stamp";
  EXPECT_NE(imported.second, created.second);
  fs::remove_all(dir);
}

TEST(DataStamp, ADatabaseMadeBeforeStampsGetsOneWhenOpened) {
  fs::path dir = FreshFolder("sl_stamp_old");
  const std::string db = (dir / "s.db").string();
  int64_t ws = 0;
  {
    auto store = SqliteStore::Open(db, true);
    ASSERT_TRUE(store.ok());
    ws = *(*store)->Workspace("default", true);
    ASSERT_TRUE((*store)->SaveSettings(ws, "timezone = \"UTC\"\n").ok());
  }
  {  // As an older version left it: no stamp column.
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "ALTER TABLE workspaces DROP COLUMN data_stamp", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
  }
  auto store = SqliteStore::Open(db, false);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(*(*store)->DataVersion(ws), 1) << "the version is kept";
  const int64_t stamp = *(*store)->DataStamp(ws);
  EXPECT_NE(stamp, 0);
  store->reset();
  auto again = SqliteStore::Open(db, false);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*(*again)->DataStamp(ws), stamp) << "drawn once, then kept";
  fs::remove_all(dir);
}

}  // namespace
}  // namespace supportlens
