// The Freshdesk connector on a ticket export written from its documented export fields and a
// conversations JSON of the API (tests/unit/ingest/data/freshdesk/): times local to the account
// (Europe/Berlin), a ticket resolved and reopened with its real conversation and a private note,
// a chat closed without an agent, a survey answer per ticket, and two bad rows.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "engine/report_engine.h"
#include "ingest/connectors/connectors.h"
#include "connector_test_support.h"
#include "ingest/importer.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;
const fs::path kExport = fs::path(SUPPORTLENS_SOURCE_DIR) / "tests" / "unit" / "ingest" / "data" / "freshdesk";


TEST(Freshdesk, TheExportBecomesCanonicalRecords) {
  auto log = TranslateFreshdesk({kExport / "tickets.csv", kExport / "conversations.json"}, *TimeZone::Find("Europe/Berlin"));
  ASSERT_TRUE(log.ok()) << log.status().message();
  RecordsByKey by_id = ByKey(*log);
  const auto& t = by_id["tickets"];
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t.at("301").at("created_at"), "2024-03-04T08:00:00Z");  // 09:00 in Berlin (CET)
  EXPECT_EQ(t.at("301").at("channel"), "email");
  EXPECT_EQ(t.at("302").at("channel"), "web");    // Portal
  EXPECT_EQ(t.at("303").at("channel"), "chat");
  EXPECT_EQ(t.at("301").at("priority"), "normal");  // Medium
  EXPECT_EQ(t.at("301").at("topic"), "Refund");     // Type
  EXPECT_EQ(t.at("301").at("tags"), "refund;vip");
  EXPECT_EQ(by_id["agents"].at("anna-schmidt").at("team"), "Billing");
  const auto& e = by_id["events"];
  EXPECT_EQ(e.at("fd-301-first-response").at("at"), "2024-03-04T08:30:00Z");  // from the export
  EXPECT_FALSE(e.count("fd-302-first-response"));                             // 302 has its conversation
  EXPECT_EQ(e.at("fd-302-c9001").at("actor_kind"), "agent");
  EXPECT_EQ(e.at("fd-302-c9002").at("actor_kind"), "customer");
  EXPECT_EQ(e.at("fd-302-c9003").at("public"), "false");
  EXPECT_EQ(e.at("fd-302-resolved").at("status"), "solved");
  EXPECT_EQ(e.at("fd-302-reopened").at("status"), "open");  // Open now, resolved before
  EXPECT_EQ(e.at("fd-302-reopened").at("at"), "2024-03-04T14:00:00Z");  // the last update
  EXPECT_EQ(e.at("fd-303-closed").at("status"), "closed");
  EXPECT_EQ(by_id["surveys"].at("fd-survey-301").at("score"), "5");  // Awesome
  EXPECT_EQ(by_id["surveys"].at("fd-survey-302").at("score"), "1");  // Not Good
  ASSERT_EQ(log->issues.size(), 2u);
  EXPECT_EQ(FormatIssue(log->issues[0]), "tickets.csv:5: Created time: not a time like 2024-03-04 09:00:00: \"04/03/2024 11:00\"");
  EXPECT_EQ(FormatIssue(log->issues[1]),
            "tickets.csv:6: Status: unknown status \"Snoozed\" (Open, Pending, Resolved, Closed, Waiting on Customer, Waiting on Third Party)");
}

TEST(Freshdesk, ImportedTicketsMatchTheExportsOwnFigures) {
  auto store = *SqliteStore::Open(":memory:", true);
  const std::vector<fs::path> files = {kExport / "tickets.csv", kExport / "conversations.json"};
  auto first = ImportFromConnector(*store, "freshdesk", files, "default", "Europe/Berlin");
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->entities.at("tickets").rejected, 2);
  EXPECT_EQ(ImportFromConnector(*store, "freshdesk", files, "default")->inserted_rows(), 0);
  auto k = OverallKpis(*store, "2024-03-04", "2024-03-06", {"ticket_volume", "first_reply_time", "csat", "reopen_rate"});
  ASSERT_FALSE(k.empty());
  EXPECT_EQ(k["ticket_volume"].value, 3);
  // The export's "First response time (in hrs)": 0.5 for 301 and 0.25 for 302 (303 none):
  // 1,800 s and 900 s, median 1,350 s.
  EXPECT_EQ(k["first_reply_time"].n, 2);
  EXPECT_EQ(k["first_reply_time"].median, 1350);
  // Freshdesk's satisfaction: Awesome / all answers = 1 / 2.
  EXPECT_EQ(k["csat"].value, 50);
  // Of the 3 resolved tickets, 302 was reopened.
  EXPECT_EQ(k["reopen_rate"].value, 33.33);
}

}  // namespace
}  // namespace supportlens
