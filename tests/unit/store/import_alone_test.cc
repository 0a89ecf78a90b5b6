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

namespace supportlens {
namespace {

namespace fs = std::filesystem;

class ImportAloneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(::testing::TempDir()) / ("sl_alone_" + std::to_string(counter_++) + "_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
    auto made = SqliteStore::Open(Db(), true);
    ASSERT_TRUE(made.ok()) << made.status().message();
    ASSERT_TRUE((*made)->Workspace("acme", true).ok());
  }
  void TearDown() override { fs::remove_all(root_); }
  std::string Db() const { return (root_ / "store.db").string(); }
  std::vector<std::string> Files() const {
    std::vector<std::string> names;
    for (auto& e : fs::directory_iterator(root_)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  fs::path root_;
  static inline int counter_ = 0;
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
  auto store = SqliteStore::Open(Db(), true);
  ASSERT_TRUE(store.ok());
  auto alone = (*store)->TakeAloneForImport();
  ASSERT_TRUE(alone.ok()) << alone.status().message();
  EXPECT_TRUE(*alone);
  ASSERT_TRUE((*store)->Begin().ok());
  ASSERT_TRUE((*store)->Workspace("globex", true).ok());
  EXPECT_EQ(Files(), (std::vector<std::string>{"store.db", "store.db-journal"})) << "a rollback journal, no log";
  Reader other(Db());
  EXPECT_EQ(other.Workspaces(), -1) << "locked whole while the import writes";
  ASSERT_TRUE((*store)->Commit().ok());
  EXPECT_EQ(other.Workspaces(), -1) << "still locked until the file is back in WAL mode";
  ASSERT_TRUE((*store)->Publish().ok());
  EXPECT_EQ(other.Workspaces(), 2) << "given back: the import's rows are there";
  EXPECT_EQ(other.JournalMode(), "wal");
  // The store goes on as an ordinary connection, beside the other one.
  ASSERT_TRUE((*store)->Workspace("initech", true).ok());
  EXPECT_EQ(other.Workspaces(), 3);
  EXPECT_EQ([&] { const auto f = Files(); return std::count(f.begin(), f.end(), "store.db-journal"); }(), 0);
}

TEST_F(ImportAloneTest, ADatabaseOpenElsewhereIsWrittenThroughTheWalBesideItsReader) {
  Reader other(Db());
  ASSERT_EQ(other.Workspaces(), 1);
  auto store = SqliteStore::Open(Db(), true);
  ASSERT_TRUE(store.ok());
  auto alone = (*store)->TakeAloneForImport();
  ASSERT_TRUE(alone.ok()) << alone.status().message();
  EXPECT_FALSE(*alone);
  ASSERT_TRUE((*store)->Begin().ok());
  ASSERT_TRUE((*store)->Workspace("globex", true).ok());
  EXPECT_EQ(other.Workspaces(), 1) << "the reader reads on, without the uncommitted row";
  ASSERT_TRUE((*store)->Commit().ok());
  ASSERT_TRUE((*store)->Publish().ok());
  EXPECT_EQ(other.Workspaces(), 2);
  EXPECT_EQ(other.JournalMode(), "wal");
}

TEST_F(ImportAloneTest, AFailedImportTakenAloneStoresNothingAndLeavesTheFileInWalMode) {
  {
    auto store = SqliteStore::Open(Db(), true);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(*(*store)->TakeAloneForImport());
    ASSERT_TRUE((*store)->Begin().ok());
    ASSERT_TRUE((*store)->Workspace("globex", true).ok());
    ASSERT_TRUE((*store)->Rollback().ok());
  }  // closed without Publish(), as a failed import is
  Reader other(Db());
  EXPECT_EQ(other.Workspaces(), 1);
  EXPECT_EQ(other.JournalMode(), "wal");
  EXPECT_EQ([&] { const auto f = Files(); return std::count(f.begin(), f.end(), "store.db-journal"); }(), 0);
}

// A process that opens the file meanwhile waits for the lock as long as any connection does
// (10 s), then is told why it cannot.
TEST_F(ImportAloneTest, AProcessOpeningTheFileMeanwhileIsToldWhyItCannot) {
  auto store = SqliteStore::Open(Db(), true);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(*(*store)->TakeAloneForImport());
  ASSERT_TRUE((*store)->Begin().ok());
  ASSERT_TRUE((*store)->Workspace("globex", true).ok());
  auto meanwhile = SqliteStore::Open(Db(), false);
  ASSERT_FALSE(meanwhile.ok());
  EXPECT_EQ(meanwhile.status().message(), Db() +
                                              ": the database is locked by another process (an import into a database nobody "
                                              "else had open holds it alone until it commits): try again when it is done");
  ASSERT_TRUE((*store)->Commit().ok());
  ASSERT_TRUE((*store)->Publish().ok());
  auto after = SqliteStore::Open(Db(), false);
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ((*after)->WorkspaceNames(), (std::vector<std::string>{"acme", "globex"}));
}

}  // namespace
}  // namespace supportlens
