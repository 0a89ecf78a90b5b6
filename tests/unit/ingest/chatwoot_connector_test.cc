// The Chatwoot connector on a small export written from the application API's documented shapes
// (tests/unit/ingest/data/chatwoot/): a web-widget conversation a bot hands to a person, with a
// private note and an in-conversation CSAT answer; an email conversation resolved and reopened,
// rated in the CSAT responses; a WhatsApp conversation nobody answered yet.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "engine/report_engine.h"
#include "ingest/connectors/connectors.h"
#include "connector_test_support.h"
#include "ingest/importer.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;
const fs::path kExport = fs::path(SUPPORTLENS_SOURCE_DIR) / "tests" / "unit" / "ingest" / "data" / "chatwoot";

std::vector<fs::path> ExportFiles() {
  std::vector<fs::path> files;
  for (const char* f : {"inboxes.json", "agents.json", "conversations.json", "messages_10.json", "messages_11.json", "csat_survey_responses.json"})
    files.push_back(kExport / f);
  return files;
}


TEST(Chatwoot, ConversationsAndMessagesBecomeCanonicalRecords) {
  auto log = TranslateChatwoot(ExportFiles());
  ASSERT_TRUE(log.ok()) << log.status().message();
  EXPECT_TRUE(log->issues.empty());
  RecordsByKey by_id = ByKey(*log);
  const auto& tickets = by_id["tickets"];
  ASSERT_EQ(tickets.size(), 3u);
  EXPECT_EQ(tickets.at("10").at("channel"), "chat");     // Channel::WebWidget
  EXPECT_EQ(tickets.at("11").at("channel"), "email");    // its inbox's Channel::Email
  EXPECT_EQ(tickets.at("12").at("channel"), "social");   // Channel::Whatsapp
  EXPECT_EQ(tickets.at("10").at("created_at"), "2024-03-04T09:00:00Z");  // Unix seconds
  EXPECT_EQ(tickets.at("10").at("priority"), "normal");  // medium
  EXPECT_EQ(tickets.at("10").at("tags"), "billing");     // labels
  EXPECT_EQ(tickets.at("10").at("queue"), "Website");    // the inbox
  EXPECT_EQ(tickets.at("10").at("customer_id"), "12");
  const auto& agents = by_id["agents"];
  EXPECT_EQ(agents.at("bot-7").at("kind"), "bot");
  EXPECT_EQ(agents.at("1").at("name"), "John");
  const auto& events = by_id["events"];
  EXPECT_EQ(events.at("cw-101").at("actor_kind"), "bot");
  EXPECT_EQ(events.at("cw-103").at("type"), "transfer");  // "Assigned to John" after the bot: the hand-off
  EXPECT_EQ(events.at("cw-103").at("assignee_id"), "1");
  EXPECT_EQ(events.at("cw-105").at("public"), "false");   // a private note
  EXPECT_EQ(events.at("cw-106").at("status"), "solved");
  EXPECT_EQ(events.at("cw-204").at("status"), "open");    // reopened
  EXPECT_EQ(events.at("cw-400").at("text"), "Hola, ¿cuál es el horario?");
  EXPECT_FALSE(events.count("cw-107"));  // the CSAT message is a survey answer, not a turn
  const auto& surveys = by_id["surveys"];
  ASSERT_EQ(surveys.size(), 2u);
  EXPECT_EQ(surveys.at("cw-csat-message-107").at("score"), "5");
  EXPECT_EQ(surveys.at("cw-csat-1").at("score"), "2");
  EXPECT_EQ(surveys.at("cw-csat-1").at("agent_id"), "2");
}

TEST(Chatwoot, ImportedConversationsReportTheHelpdeskFigures) {
  auto store = *SqliteStore::Open(":memory:", true);
  auto first = ImportFromConnector(*store, "chatwoot", ExportFiles(), "default");
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->rejected_rows(), 0);
  EXPECT_EQ(ImportFromConnector(*store, "chatwoot", ExportFiles(), "default")->inserted_rows(), 0);
  auto k = OverallKpis(*store, "2024-03-04", "2024-03-06", {"ticket_volume", "first_reply_time", "csat", "reopen_rate", "bot_resolution_rate"});
  ASSERT_FALSE(k.empty());
  EXPECT_EQ(k["ticket_volume"].value, 3);
  // Conversation 10: the clock restarts at the hand-off (09:02) and John replies at 09:10: 480 s.
  // Conversation 11: asked 10:00, answered 10:30: 1,800 s. 12 has no reply. Median 1,140 s.
  EXPECT_EQ(k["first_reply_time"].n, 2);
  EXPECT_EQ(k["first_reply_time"].median, 1140);
  // CSAT: 5 (top two) and 2: 1 / 2.
  EXPECT_EQ(k["csat"].value, 50);
  // Resolved: 10 and 11; reopened: 11.
  EXPECT_EQ(k["reopen_rate"].value, 50);
  // The one bot conversation was handed to a person: 0 %.
  EXPECT_EQ(k["bot_resolution_rate"].value, 0);
  EXPECT_EQ(k["bot_resolution_rate"].n, 1);
}

TEST(Chatwoot, MalformedFilesStoreNothingAndBadItemsAreNamedByNumber) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("sl_chatwoot_" + std::to_string(getpid()));
  fs::create_directories(dir);
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return dir / name;
  };
  auto store = *SqliteStore::Open(":memory:", true);
  auto truncated = ImportFromConnector(*store, "chatwoot", {kExport / "conversations.json", write("messages.json", R"({"payload": [{"id": 1,)")}, "default");
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.status().message().rfind("messages.json: not valid JSON (byte ", 0), 0u) << truncated.status().message();
  EXPECT_FALSE(store->Workspace("default", false).ok());
  auto wrong = TranslateChatwoot({write("conversations.json", R"({"payload": {"id": 1}})")});
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("expected an array of Chatwoot objects"), std::string::npos);
  auto bad = TranslateChatwoot({write("conversations.json", R"({"payload": [
      {"id": 1, "inbox_id": 1, "status": "open", "created_at": 1709542800, "meta": {"sender": {"id": 5}}},
      {"id": 2, "inbox_id": 1, "status": "open", "meta": {}},
      {"id": 9, "conversation_id": 1, "message_type": 0, "content": "no time"}]})")});
  ASSERT_TRUE(bad.ok()) << bad.status().message();
  ASSERT_EQ(bad->issues.size(), 2u);
  EXPECT_EQ(FormatIssue(bad->issues[0]), "conversations.json:record 2: created_at: missing or not a time");
  EXPECT_EQ(FormatIssue(bad->issues[1]), "conversations.json:record 3: created_at: missing or not a time");
}

}  // namespace
}  // namespace supportlens
