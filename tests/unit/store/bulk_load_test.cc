// A database the import creates is loaded beside its final path and published whole.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "store/sqlite_store.h"
#include "store_test_support.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;

class BulkLoadTest : public ScratchFolderTest {
 protected:
  BulkLoadTest() : ScratchFolderTest("sl_bulk_") {}
};

TEST_F(BulkLoadTest, TheDatabaseAppearsOnlyWhenPublishedAndThenInWalMode) {
  auto store = SqliteStore::CreateForBulkLoad(Db());
  ASSERT_TRUE(store.ok()) << store.status().message();
  ASSERT_TRUE((*store)->Workspace("acme", true).ok());
  EXPECT_FALSE(fs::exists(Db())) << "nothing at the final path while loading";
  ASSERT_EQ(Files().size(), 1u);
  EXPECT_EQ(Files()[0].rfind("store.db.loading-", 0), 0u) << Files()[0];

  ASSERT_TRUE((*store)->Publish().ok());
  EXPECT_EQ((*store)->path(), Db());
  // The store goes on at the published path, and the file is an ordinary WAL database.
  ASSERT_TRUE((*store)->Workspace("globex", true).ok());
  store->reset();
  EXPECT_EQ(Files(), std::vector<std::string>{"store.db"}) << "no loading file left";
  EXPECT_EQ(JournalModeOf(Db()), "wal");
  auto reopened = SqliteStore::Open(Db(), false);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->WorkspaceNames(), (std::vector<std::string>{"acme", "globex"}));
}

TEST_F(BulkLoadTest, AnUnpublishedLoadLeavesNothing) {
  {
    auto store = SqliteStore::CreateForBulkLoad(Db());
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Workspace("acme", true).ok());
  }
  EXPECT_TRUE(Files().empty());
}

TEST_F(BulkLoadTest, AnExistingDatabaseOrJournalIsNotNew) {
  ASSERT_TRUE(SqliteStore::Open(Db(), true).ok());
  auto existing = SqliteStore::CreateForBulkLoad(Db());
  ASSERT_FALSE(existing.ok());
  EXPECT_EQ(existing.status().kind(), ErrorKind::kNotFound);

  // A journal without its database would be replayed into whatever file takes the name.
  const std::string other = (root_ / "other.db").string();
  std::ofstream(other + "-wal") << "x";
  auto journal = SqliteStore::CreateForBulkLoad(other);
  ASSERT_FALSE(journal.ok());
  EXPECT_EQ(journal.status().message(), other + "-wal: exists, so the database is not new");
}

TEST_F(BulkLoadTest, PublishingNeverReplacesADatabaseCreatedMeanwhile) {
  auto store = SqliteStore::CreateForBulkLoad(Db());
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->Workspace("loaded", true).ok());
  {
    auto other = SqliteStore::Open(Db(), true);
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE((*other)->Workspace("meanwhile", true).ok());
  }
  Status published = (*store)->Publish();
  ASSERT_FALSE(published.ok());
  EXPECT_EQ(published.message(),
            Db() + ": cannot move the loaded database into place (another process created it meanwhile): nothing was stored");
  store->reset();
  EXPECT_EQ(Files(), std::vector<std::string>{"store.db"});
  auto kept = SqliteStore::Open(Db(), false);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ((*kept)->WorkspaceNames(), std::vector<std::string>{"meanwhile"});
}

}  // namespace
}  // namespace supportlens
