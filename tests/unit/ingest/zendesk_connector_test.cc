// The Zendesk connector on a small export written from the Support API's documented shapes
// (tests/unit/ingest/data/zendesk/): merged and deleted tickets, a deleted agent, a reopened
// ticket, private notes, a group change, ratings good, bad and only offered. Its figures are
// checked against Zendesk's own ticket metrics of the same tickets where the definitions agree.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "engine/report_engine.h"
#include "ingest/connectors/connectors.h"
#include "connector_test_support.h"
#include "ingest/importer.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;
const fs::path kExport = fs::path(SUPPORTLENS_SOURCE_DIR) / "tests" / "unit" / "ingest" / "data" / "zendesk";

std::vector<fs::path> ExportFiles() {
  return {kExport / "tickets.json", kExport / "audits.json", kExport / "ticket_metrics.json"};
}


TEST(Zendesk, TheExportBecomesCanonicalRecords) {
  auto log = TranslateZendesk(ExportFiles());
  ASSERT_TRUE(log.ok()) << log.status().message();
  EXPECT_TRUE(log->issues.empty());
  std::map<std::string, std::vector<std::map<std::string, std::string>>> by_entity;
  for (const auto& [spec, records] : log->entities)
    for (const auto& r : records) by_entity[std::string(spec->name)].push_back(Fields(*spec, r));
  // Agents: the two users with an agent role, with their default group as team, and the deleted
  // agent who answered ticket 102 (no longer in the users).
  ASSERT_EQ(by_entity["agents"].size(), 3u);
  EXPECT_EQ(by_entity["agents"][0].at("team"), "Billing");
  EXPECT_EQ(by_entity["agents"][2].at("agent_id"), "3003");
  EXPECT_EQ(by_entity["agents"][2].at("name"), "(deleted user 3003)");
  // Tickets: 104 is deleted; via.channel maps email/chat/web; the group is the queue.
  ASSERT_EQ(by_entity["tickets"].size(), 3u);
  EXPECT_EQ(by_entity["tickets"][0].at("channel"), "email");
  EXPECT_EQ(by_entity["tickets"][0].at("queue"), "Billing");
  EXPECT_EQ(by_entity["tickets"][2].at("tags"), "closed_by_merge;billing");
  // Surveys: good -> 5, bad -> 1 on 1-5; the rating only offered on 103 is no answer.
  ASSERT_EQ(by_entity["surveys"].size(), 2u);
  EXPECT_EQ(by_entity["surveys"][0].at("score"), "5");
  EXPECT_EQ(by_entity["surveys"][1].at("score"), "1");
  EXPECT_EQ(by_entity["surveys"][1].at("comment"), "Took two tries");
  // Events: per type.
  std::map<std::string, int> types;
  std::map<std::string, std::map<std::string, std::string>> event;
  for (const auto& e : by_entity["events"]) {
    ++types[e.at("type")];
    event[e.at("event_id")] = e;
  }
  EXPECT_EQ(types["message"], 9);  // 7 public comments and 2 private notes
  EXPECT_EQ(types["status"], 8);   // 3 creations, 5 changes
  EXPECT_EQ(types["assign"], 2);
  EXPECT_EQ(types["transfer"], 1);  // 102 moved from Tech to Billing; a first group is no transfer
  EXPECT_EQ(types["merge"], 1);
  EXPECT_EQ(event.at("zd-8").at("public"), "false");
  EXPECT_EQ(event.at("zd-14").at("actor_kind"), "agent");  // the deleted agent
  EXPECT_EQ(event.at("zd-16").at("actor_kind"), "customer");
  EXPECT_EQ(event.at("zd-17").at("status"), "open");
}

TEST(Zendesk, FiguresMatchZendesksOwnMetricsWhereTheDefinitionsAgree) {
  auto store = *SqliteStore::Open(":memory:", true);
  auto first = ImportFromConnector(*store, "zendesk", ExportFiles(), "default");
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->rejected_rows(), 0);
  auto again = ImportFromConnector(*store, "zendesk", ExportFiles(), "default");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->inserted_rows(), 0);
  auto k = OverallKpis(*store, "2024-03-04", "2024-03-06", {"ticket_volume", "first_reply_time", "first_resolution_time", "csat", "reopen_rate"});
  ASSERT_FALSE(k.empty());
  EXPECT_EQ(k["ticket_volume"].value, 3);
  // Zendesk's reply_time_in_minutes: 30 for 101 and 45 for 102 (103 never had a public reply):
  // median of 1,800 s and 2,700 s = 2,250 s.
  EXPECT_EQ(k["first_reply_time"].n, 2);
  EXPECT_EQ(k["first_reply_time"].median, 2250);
  // first_resolution_time_in_minutes: 60 and 60; 103 closed by its merge after 30 minutes.
  EXPECT_EQ(k["first_resolution_time"].median, 3600);
  EXPECT_EQ(k["first_resolution_time"].n, 3);
  // Zendesk's CSAT: good / (good + bad) = 1 / 2.
  EXPECT_EQ(k["csat"].value, 50);
  EXPECT_EQ(k["csat"].n, 2);
  // reopens: 1 of the 3 resolved tickets (102, as Zendesk's "reopens": 1).
  EXPECT_EQ(k["reopen_rate"].value, 33.33);
}

TEST(Zendesk, MalformedFilesStoreNothingAndBadRecordsAreNamedByNumber) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("sl_zendesk_" + std::to_string(getpid()));
  fs::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return dir / name;
  };
  auto store = *SqliteStore::Open(":memory:", true);
  // Truncated JSON: an error for the file, nothing stored (not even the good file beside it).
  auto truncated = ImportFromConnector(*store, "zendesk", {kExport / "tickets.json", write("audits.json", R"({"audits": [{"id": 1,)")}, "default");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().message().rfind("audits.json: not valid JSON (byte ", 0), 0u) << truncated.status().message();
  EXPECT_FALSE(store->Workspace("default", false).ok());
  // A key of the wrong type.
  auto wrong = TranslateZendesk({write("tickets.json", R"({"tickets": {"id": 1}})")});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().message(), "tickets.json: tickets: expected an array");
  auto foreign = TranslateZendesk({write("other.json", R"({"conversations": []})")});
  ASSERT_FALSE(foreign.ok());
  EXPECT_NE(foreign.status().message().find("none of the keys of a Zendesk export"), std::string::npos);
  // Records without what they need: named by their number in the file.
  auto bad = ImportFromConnector(*store, "zendesk", {write("tickets.json", R"({"tickets": [
      {"id": 1, "created_at": "2024-03-04T09:00:00Z", "via": {"channel": "email"}, "requester_id": 5},
      {"created_at": "2024-03-04T09:00:00Z"},
      {"id": 3, "created_at": "yesterday", "via": {"channel": "email"}}]})")}, "default");
  ASSERT_TRUE(bad.ok()) << bad.status().message();
  ASSERT_EQ(bad->issues.size(), 2u);
  EXPECT_EQ(FormatIssue(bad->issues[0]), "tickets.json:record 2: id: missing");
  EXPECT_EQ(FormatIssue(bad->issues[1]).rfind("tickets.json:record 3: created_at: ", 0), 0u) << FormatIssue(bad->issues[1]);
  EXPECT_EQ(bad->inserted_rows(), 2);  // ticket 1 and its requester
}

}  // namespace
}  // namespace supportlens
