// An import into an existing database that no other connection has open takes it alone, through
// a rollback journal, and gives it back in WAL mode; with another connection open it writes
// through the WAL beside it.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "store/sqlite_store.h"
#include "store_test_support.h"

namespace supportlens {
namespace {

class ImportAloneTest : public ScratchFolderTest {
 protected:
  ImportAloneTest() : ScratchFolderTest("sl_alone_") {}
  void SetUp() override {
    ScratchFolderTest::SetUp();
    auto made = SqliteStore::Open(Db(), true);
    ASSERT_TRUE(made.ok()) << made.status().message();
    ASSERT_TRUE((*made)->Workspace("acme", true).ok());
  }
  // A store that has asked to take the file alone (`alone`: whether it must have), begun its
  // transaction and written a workspace in it.
  std::unique_ptr<SqliteStore> Writing(bool alone) {
    auto store = SqliteStore::Open(Db(), true);
    EXPECT_TRUE(store.ok()) << store.status().message();
    if (!store.ok()) return nullptr;
    auto taken = (*store)->TakeAloneForImport();
    EXPECT_TRUE(taken.ok()) << taken.status().message();
    EXPECT_EQ(taken.ok() && *taken, alone);
    EXPECT_TRUE((*store)->Begin().ok());
    EXPECT_TRUE((*store)->Workspace("globex", true).ok());
    return std::move(store).value();
  }
  int64_t Journals() const {
    const auto names = Files();
    return std::count(names.begin(), names.end(), "store.db-journal");
  }
};

// A plain connection of another reader that does not wait for locks.
class Reader {
 public:
  explicit Reader(const std::string& path) {
    sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_busy_timeout(db_, 0);
  }
  ~Reader() { sqlite3_close(db_); }
  // The number of workspaces, or -1 when the database is locked.
  int64_t Workspaces() {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT count(*) FROM workspaces", -1, &st, nullptr) != SQLITE_OK) return -1;
    const int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
  }
  std::string JournalMode() {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db_, "PRAGMA journal_mode", -1, &st, nullptr);
    std::string mode = sqlite3_step(st) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0)) : "";
    sqlite3_finalize(st);
    return mode;
  }

 private:
  sqlite3* db_ = nullptr;
};

TEST_F(ImportAloneTest, AnIdleDatabaseIsTakenAloneLockedWholeAndGivenBackInWalMode) {
  auto store = Writing(true);
  ASSERT_TRUE(store);
  EXPECT_EQ(Files(), (std::vector<std::string>{"store.db", "store.db-journal"})) << "a rollback journal, no log";
  Reader other(Db());
  EXPECT_EQ(other.Workspaces(), -1) << "locked whole while the import writes";
  ASSERT_TRUE(store->Commit().ok());
  EXPECT_EQ(other.Workspaces(), -1) << "still locked until the file is back in WAL mode";
  ASSERT_TRUE(store->Publish().ok());
  EXPECT_EQ(other.Workspaces(), 2) << "given back: the import's rows are there";
  EXPECT_EQ(other.JournalMode(), "wal");
  // The store goes on as an ordinary connection, beside the other one.
  ASSERT_TRUE(store->Workspace("initech", true).ok());
  EXPECT_EQ(other.Workspaces(), 3);
  EXPECT_EQ(Journals(), 0);
}

TEST_F(ImportAloneTest, ADatabaseOpenElsewhereIsWrittenThroughTheWalBesideItsReader) {
  Reader other(Db());
  ASSERT_EQ(other.Workspaces(), 1);
  auto store = Writing(false);
  ASSERT_TRUE(store);
  EXPECT_EQ(other.Workspaces(), 1) << "the reader reads on, without the uncommitted row";
  ASSERT_TRUE(store->Commit().ok());
  ASSERT_TRUE(store->Publish().ok());
  EXPECT_EQ(other.Workspaces(), 2);
  EXPECT_EQ(other.JournalMode(), "wal");
}

TEST_F(ImportAloneTest, AFailedImportTakenAloneStoresNothingAndLeavesTheFileInWalMode) {
  {
    auto store = Writing(true);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->Rollback().ok());
  }  // closed without Publish(), as a failed import is
  Reader other(Db());
  EXPECT_EQ(other.Workspaces(), 1);
  EXPECT_EQ(other.JournalMode(), "wal");
  EXPECT_EQ(Journals(), 0);
}

// A process that opens the file meanwhile waits for the lock as long as any connection does
// (10 s), then is told why it cannot.
TEST_F(ImportAloneTest, AProcessOpeningTheFileMeanwhileIsToldWhyItCannot) {
  auto store = Writing(true);
  ASSERT_TRUE(store);
  auto meanwhile = SqliteStore::Open(Db(), false);
  ASSERT_FALSE(meanwhile.ok());
  EXPECT_EQ(meanwhile.status().message(), Db() +
                                              ": the database is locked by another process (an import into a database nobody "
                                              "else had open holds it alone until it commits): try again when it is done");
  ASSERT_TRUE(store->Commit().ok());
  ASSERT_TRUE(store->Publish().ok());
  auto after = SqliteStore::Open(Db(), false);
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ((*after)->WorkspaceNames(), (std::vector<std::string>{"acme", "globex"}));
}

}  // namespace
}  // namespace supportlens
