// The import contract: exact FILE:LINE: COLUMN: reason messages for each class of bad input,
// valid rows stored, nothing stored lost or changed, re-import idempotent.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "../store/store_test_support.h"
#include "supportlens/engine.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;

const char* kTickets = "ticket_id,created_at,channel\nT1,2026-03-02T09:00:00Z,email\n";
const char* kEventsHeader = "event_id,ticket_id,at,type,actor_kind,actor_id\n";

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(::testing::TempDir()) / ("sl_import_" + std::to_string(counter_++) + "_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "ws");
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(root_ / "ws" / name) << text; }
  std::string Db() const { return (root_ / "store.db").string(); }
  Result<ImportReport> Import() { return ImportFolder((root_ / "ws").string(), Db(), "default"); }
  int64_t CountRows(const std::string& table) {
    sqlite3* db = nullptr;
    sqlite3_open(Db().c_str(), &db);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, ("SELECT count(*) FROM " + table).c_str(), -1, &st, nullptr);
    sqlite3_step(st);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }
  std::string JournalMode() const { return JournalModeOf(Db()); }
  fs::path root_;
  static inline int counter_ = 0;
};

struct BadInputCase {
  const char* name;
  std::map<std::string, std::string> files;  // besides tickets.csv (kTickets) unless overridden
  std::string expected;
};

TEST_F(ImportTest, EachBadInputClassGetsItsExactMessage) {
  const BadInputCase kCases[] = {
      {"malformed_quoting", {{"tickets.csv", std::string(kTickets) + "T2,\"2026-03-02T09:00:00Z\"x,email\n"}},
       "tickets.csv:3: created_at: malformed CSV quoting: text after the closing quote"},
      {"unknown_enum", {{"events.csv", std::string(kEventsHeader) + "E1,T1,2026-03-02T10:00:00Z,shout,customer,C1\n"}},
       "events.csv:2: type: unknown value \"shout\" (expected one of: message, status, assign, escalate, transfer, merge)"},
      {"bad_timestamp", {{"tickets.csv", std::string(kTickets) + "T2,not-a-time,email\n"}},
       "tickets.csv:3: created_at: not a timestamp: \"not-a-time\""},
      {"bad_date", {{"agents.csv", "agent_id,hired_on\nA1,2026-02-30\n"}},
       "agents.csv:2: hired_on: not a date (expected YYYY-MM-DD): \"2026-02-30\""},
      {"negative_duration", {{"calls.csv", "call_id,offered_at,talk_s\nK1,2026-03-02T10:00:00Z,-5\n"}},
       "calls.csv:2: talk_s: negative duration: -5"},
      {"event_before_ticket", {{"events.csv", std::string(kEventsHeader) + "E1,T1,2026-03-02T08:59:59Z,message,customer,C1\n"}},
       "events.csv:2: at: before its ticket was created (2026-03-02T09:00:00Z)"},
      {"duplicate_id", {{"tickets.csv", std::string(kTickets) + "T1,2026-03-02T09:00:00Z,email\n"}},
       "tickets.csv:3: ticket_id: duplicate id \"T1\" (first seen on line 2)"},
      {"missing_ticket", {{"events.csv", std::string(kEventsHeader) + "E1,T9,2026-03-02T10:00:00Z,message,customer,C1\n"}},
       "events.csv:2: ticket_id: unknown ticket \"T9\""},
      {"missing_agent",
       {{"agents.csv", "agent_id\nA1\n"}, {"events.csv", std::string(kEventsHeader) + "E1,T1,2026-03-02T10:00:00Z,message,agent,A7\n"}},
       "events.csv:2: actor_id: unknown agent \"A7\""},
      {"survey_out_of_scale", {{"surveys.csv", "response_id,kind,score,answered_at\nR1,csat,6,2026-03-02T10:00:00Z\n"}},
       "surveys.csv:2: score: 6 is outside the scale 1-5"},
      {"end_before_start",
       {{"agent_states.csv", "agent_id,state,start,end\nA1,available,2026-03-02T10:00:00Z,2026-03-02T09:00:00Z\n"}},
       "agent_states.csv:2: end: before start (end before start)"},
      {"empty_required", {{"tickets.csv", std::string(kTickets) + "T3,,email\n"}}, "tickets.csv:3: created_at: required value is empty"},
      {"wrong_field_count", {{"tickets.csv", std::string(kTickets) + "T4,2026-03-02T09:00:00Z\n"}},
       "tickets.csv:3: channel: row has 2 fields, the header has 3"},
      {"bad_boolean",
       {{"tickets.csv", "ticket_id,created_at,channel,is_complaint\nT1,2026-03-02T09:00:00Z,email,0\nT2,2026-03-02T09:00:00Z,email,maybe\n"}},
       "tickets.csv:3: is_complaint: not a boolean (expected true/false/1/0): \"maybe\""},
      {"jsonl_bad_value", {{"events.jsonl", "{\"event_id\":\"E1\",\"ticket_id\":\"T1\",\"at\":\"yesterday\",\"type\":\"message\"}\n"}},
       "events.jsonl:1: at: not a timestamp: \"yesterday\""},
  };
  for (const auto& c : kCases) {
    SetUp();
    Write("tickets.csv", kTickets);
    for (auto& [name, text] : c.files) Write(name, text);
    auto r = Import();
    ASSERT_TRUE(r.ok()) << c.name << ": " << r.status().message();
    ASSERT_EQ(r->issue_lines.size(), 1u) << c.name;
    EXPECT_EQ(r->issue_lines[0], c.expected) << c.name;
    EXPECT_EQ(r->rejected, 1) << c.name;
    EXPECT_TRUE(fs::exists(r->rejects_path)) << c.name << ": the rejects file is written beside the database";
    EXPECT_EQ(CountRows("tickets"), 1) << c.name << ": the valid ticket is stored";
    TearDown();
  }
}

TEST_F(ImportTest, MissingRequiredColumnStopsTheImportNamingFileAndColumn) {
  Write("tickets.csv", "ticket_id,created_at\nT1,2026-03-02T09:00:00Z\n");
  auto r = Import();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "tickets.csv:1: channel: missing required column");
}

TEST_F(ImportTest, ReimportStoresNothingTwice) {
  Write("tickets.csv", kTickets);
  Write("events.csv", std::string(kEventsHeader) + "E1,T1,2026-03-02T10:00:00Z,message,customer,C1\n");
  auto first = Import();
  ASSERT_TRUE(first.ok());
  auto second = Import();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->rejected, 0);
  for (auto& e : second->entities) {
    EXPECT_EQ(e.inserted, 0) << e.name;
    EXPECT_EQ(e.unchanged, e.read) << e.name;
  }
  EXPECT_EQ(CountRows("tickets"), 1);
  EXPECT_EQ(CountRows("events"), 1);
}

TEST_F(ImportTest, ChangedRowIsRejectedAndTheStoredOneKept) {
  Write("tickets.csv", kTickets);
  ASSERT_TRUE(Import().ok());
  Write("tickets.csv", "ticket_id,created_at,channel\nT1,2026-03-02T09:00:00Z,chat\nT2,2026-03-03T09:00:00Z,chat\n");
  auto r = Import();
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->issue_lines.size(), 1u);
  EXPECT_EQ(r->issue_lines[0], "tickets.csv:2: ticket_id: \"T1\" is already stored with different values (stored rows are never changed)");
  EXPECT_EQ(CountRows("tickets"), 2) << "T2 is new and valid";
  Query q{"2026-03-02", "2026-03-03", {"tickets_per_channel"}};
  auto report = ComputeReport(Db(), "default", q);
  ASSERT_TRUE(report.ok());
  EXPECT_NE(report->rows[0].kpis[0].details_json.find("\"email\""), std::string::npos) << "T1 is still email";
}

TEST_F(ImportTest, FailedImportLeavesStoredDataUntouched) {
  Write("tickets.csv", kTickets);
  ASSERT_TRUE(Import().ok());
  Write("tickets.csv", "ticket_id,created_at,channel\nT2,2026-03-03T09:00:00Z,chat\n");
  Write("workspace.toml", "timezone = \"Atlantis/Capital\"\n");
  auto r = Import();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(CountRows("tickets"), 1) << "nothing of the failed import is stored, nothing before it lost";
  EXPECT_EQ(JournalMode(), "wal") << "the file taken alone for the import is given back in WAL mode";
  EXPECT_FALSE(fs::exists(Db() + "-journal"));
}

// Into an existing database nobody else has open, the import writes each page once (a rollback
// journal) and leaves the file as it found it: in WAL mode, with no journal beside it.
TEST_F(ImportTest, AnImportIntoAnExistingDatabaseLeavesItInWalModeWithNoJournal) {
  Write("tickets.csv", kTickets);
  auto first = Import();
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->written, ImportReport::Written::kNewDatabase);
  Write("tickets.csv", "ticket_id,created_at,channel\nT2,2026-03-03T09:00:00Z,chat\n");
  auto r = Import();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->written, ImportReport::Written::kAlone) << "nobody else has the file open";
  EXPECT_EQ(CountRows("tickets"), 2);
  EXPECT_EQ(JournalMode(), "wal");
  std::vector<std::string> files;
  for (auto& e : fs::directory_iterator(root_)) files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, (std::vector<std::string>{"store.db", "ws"}));
}

TEST_F(ImportTest, FailedFirstImportLeavesNoDatabase) {
  Write("tickets.csv", kTickets);
  Write("workspace.toml", "timezone = \"Atlantis/Capital\"\n");
  ASSERT_FALSE(Import().ok());
  std::vector<std::string> left;
  for (auto& e : fs::directory_iterator(root_)) left.push_back(e.path().filename().string());
  EXPECT_EQ(left, std::vector<std::string>{"ws"}) << "no database and no half-loaded file";
  fs::remove(root_ / "ws" / "workspace.toml");
  ASSERT_TRUE(Import().ok());
  EXPECT_EQ(CountRows("tickets"), 1);
}

// With the database open in another connection (as a server holds it), the import writes
// through the WAL and that connection reads on.
TEST_F(ImportTest, AnImportBesideAnotherConnectionWritesThroughTheWal) {
  Write("tickets.csv", kTickets);
  ASSERT_TRUE(Import().ok());
  sqlite3* other = nullptr;
  sqlite3_open(Db().c_str(), &other);
  sqlite3_exec(other, "SELECT count(*) FROM tickets", nullptr, nullptr, nullptr);  // opened in WAL mode
  Write("tickets.csv", "ticket_id,created_at,channel\nT2,2026-03-03T09:00:00Z,chat\n");
  auto r = Import();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->written, ImportReport::Written::kBesideReaders);
  EXPECT_EQ(CountRows("tickets"), 2);
  sqlite3_close(other);
  EXPECT_EQ(JournalMode(), "wal");
}

// The store takes rows many per statement (32): runs longer than that, with duplicates inside
// and across statements and invalid rows between, must give the row-by-row outcome, in file order.
TEST_F(ImportTest, ManyRowsStoredTogetherKeepRowByRowOutcomesInFileOrder) {
  std::string tickets = "ticket_id,created_at,channel\n";
  for (int i = 1; i <= 100; ++i) {
    const int line = i + 1;
    if (line == 10) tickets += "T3,2026-03-02T09:00:00Z,chat\n";        // duplicate inside T3's statement
    else if (line == 50) tickets += "T49,not-a-time,email\n";          // invalid: splits the run
    else if (line == 80) tickets += "T40,2026-03-02T09:00:00Z,chat\n";  // duplicate from an earlier statement
    else tickets += fmt::format("T{},2026-03-02T09:00:00Z,email\n", i);
  }
  Write("tickets.csv", tickets);
  std::string events = kEventsHeader;
  for (int i = 1; i <= 70; ++i)
    events += fmt::format("E{},{},2026-03-02T10:00:00Z,message,customer,C1\n", i, i == 35 ? "T999" : "T1");
  Write("events.csv", events);
  auto r = Import();
  ASSERT_TRUE(r.ok()) << r.status().message();
  const std::vector<std::string> expected = {
      "tickets.csv:10: ticket_id: duplicate id \"T3\" (first seen on line 4)",
      "tickets.csv:50: created_at: not a timestamp: \"not-a-time\"",
      "tickets.csv:80: ticket_id: duplicate id \"T40\" (first seen on line 41)",
      "events.csv:36: ticket_id: unknown ticket \"T999\"",
  };
  EXPECT_EQ(r->issue_lines, expected);
  // 100 rows read, 3 rejected: T9, T49 and T79 were never written, so 97 tickets are stored.
  EXPECT_EQ(CountRows("tickets"), 97);
  EXPECT_EQ(CountRows("events"), 69);

  // Into the existing database: the stored rows are unchanged, the changed duplicates conflict.
  auto again = Import();
  ASSERT_TRUE(again.ok());
  const std::vector<std::string> expected_again = {
      "tickets.csv:10: ticket_id: \"T3\" is already stored with different values (stored rows are never changed)",
      "tickets.csv:50: created_at: not a timestamp: \"not-a-time\"",
      "tickets.csv:80: ticket_id: \"T40\" is already stored with different values (stored rows are never changed)",
      "events.csv:36: ticket_id: unknown ticket \"T999\"",
  };
  EXPECT_EQ(again->issue_lines, expected_again);
  auto tickets_counts = std::find_if(again->entities.begin(), again->entities.end(), [](auto& e) { return e.name == "tickets"; });
  ASSERT_NE(tickets_counts, again->entities.end());
  EXPECT_EQ(tickets_counts->unchanged, 97);
  EXPECT_EQ(tickets_counts->inserted, 0);
  EXPECT_EQ(CountRows("tickets"), 97);
}

TEST_F(ImportTest, ExtraColumnsAreKeptAsAttributesAndJsonlIsAccepted) {
  Write("tickets.jsonl",
        "{\"ticket_id\":\"T1\",\"created_at\":\"2026-03-02T09:00:00Z\",\"channel\":\"email\",\"tags\":[\"a\",\"b\"],\"plan\":\"gold\"}\n");
  auto r = Import();
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->rejected, 0);
  sqlite3* db = nullptr;
  sqlite3_open(Db().c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT tags, attrs FROM tickets", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "a;b");
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)), "{\"plan\":\"gold\"}");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_F(ImportTest, WorkspacesInOneDatabaseAreIsolated) {
  Write("tickets.csv", kTickets);
  ASSERT_TRUE(ImportFolder((root_ / "ws").string(), Db(), "acme").ok());
  Write("tickets.csv", "ticket_id,created_at,channel\nT1,2026-03-02T09:00:00Z,chat\n");
  auto r = ImportFolder((root_ / "ws").string(), Db(), "globex");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rejected, 0) << "the same id in another workspace is another record";
  Query q{"2026-03-02", "2026-03-03", {"ticket_volume"}, {"channel"}};
  auto acme = ComputeReport(Db(), "acme", q);
  ASSERT_TRUE(acme.ok());
  ASSERT_EQ(acme->rows.size(), 1u);
  EXPECT_EQ(*acme->rows[0].group[0].second, "email");
  EXPECT_FALSE(ComputeReport(Db(), "initech", q).ok());
}

}  // namespace
}  // namespace supportlens
