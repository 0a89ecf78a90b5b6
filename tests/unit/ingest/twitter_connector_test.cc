// The Twitter support-threads connector: conversations from reply chains, brands as agents and
// teams, the exact message for each bad row, and a report per brand from the imported threads.
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



const std::string kHeader = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n";
// Conversation 1: customer 101 asks AcmeCare (10:00), the brand replies after 10 minutes, the
// customer thanks it. Conversation 4: customer 102 asks ShopHelp, which replies after an hour.
// Tweet 7 answers a tweet outside the file: a conversation of its own, addressed by mention.
// Tweet 8 is a brand tweet whose customer tweet is not in the file: left out.
const std::string kThreads = kHeader +
    "1,101,True,Tue Oct 31 10:00:00 +0000 2017,@AcmeCare my order is late and nobody answers,2,\n"
    "2,AcmeCare,False,Tue Oct 31 10:10:00 +0000 2017,@101 Sorry! Please DM us your order number.,3,1.0\n"
    "3,101,True,Tue Oct 31 10:20:00 +0000 2017,@AcmeCare thanks that was fast,,2.0\n"
    "4,102,True,Tue Oct 31 11:00:00 +0000 2017,\"@ShopHelp where is my refund, this is terrible\",5,\n"
    "5,ShopHelp,False,Tue Oct 31 13:00:00 +0100 2017,@102 Refunds take 5 days.,,4.0\n"
    "6,ShopHelp,False,Tue Oct 31 12:05:00 +0000 2017,@102 Anything else?,,5\n"
    "7,103,True,Wed Nov 01 09:00:00 +0000 2017,@AcmeCare still waiting,,999\n"
    "8,AcmeCare,False,Wed Nov 01 09:30:00 +0000 2017,@104 Glad to help,,998\n";

TEST(TwitterThreads, ReplyChainsBecomeTicketsOfTheirBrand) {
  auto log = TranslateTwitterThreads(WriteTemp("threads.csv", kThreads), "threads.csv");
  ASSERT_TRUE(log.ok()) << log.status().message();
  EXPECT_TRUE(log->issues.empty());
  ASSERT_EQ(log->entities.size(), 4u);
  const auto& [agents_spec, agents] = log->entities[0];
  const auto& [tickets_spec, tickets] = log->entities[2];
  const auto& [events_spec, events] = log->entities[3];
  ASSERT_EQ(agents.size(), 2u);
  EXPECT_EQ(Fields(*agents_spec, agents[0]).at("team"), "AcmeCare");
  ASSERT_EQ(tickets.size(), 3u);  // conversations 1, 4 and 7; 8 is left out
  auto t1 = Fields(*tickets_spec, tickets[0]);
  EXPECT_EQ(t1.at("ticket_id"), "1");
  EXPECT_EQ(t1.at("channel"), "twitter");
  EXPECT_EQ(t1.at("customer_id"), "101");
  EXPECT_EQ(t1.at("created_at"), "2017-10-31T10:00:00Z");
  // Per conversation: the assignment to its brand, then one message per tweet.
  std::map<std::string, std::map<std::string, std::string>> by_id;
  for (const auto& e : events) {
    auto f = Fields(*events_spec, e);
    by_id[f.at("event_id")] = f;
  }
  EXPECT_EQ(by_id.at("assign-1").at("assignee_id"), "AcmeCare");
  EXPECT_EQ(by_id.at("assign-7").at("assignee_id"), "AcmeCare");  // by its @mention: nobody replied
  EXPECT_EQ(by_id.at("2").at("actor_kind"), "agent");
  EXPECT_EQ(by_id.at("2").at("actor_id"), "AcmeCare");
  EXPECT_EQ(by_id.at("3").at("ticket_id"), "1");
  EXPECT_EQ(by_id.at("6").at("ticket_id"), "4");  // "5" without ".0" works too
  // "+0100": 13:00 local is 12:00 UTC.
  EXPECT_EQ(by_id.at("5").at("at"), "2017-10-31T12:00:00Z");
  EXPECT_FALSE(by_id.count("8"));
  ASSERT_EQ(log->notes.size(), 2u);
  EXPECT_EQ(log->notes[0], "8 tweets in 3 conversations; 2 replies to tweets not in the file start their own conversation");
  EXPECT_EQ(log->notes[1], "1 conversations of brand tweets only (their customer tweet is not in the file) left out");
}

TEST(TwitterThreads, EachBadRowHasItsMessage) {
  auto log = TranslateTwitterThreads(WriteTemp("bad.csv", kHeader +
      "1,101,True,Tue Oct 31 10:00:00 +0000 2017,hello,,\n"
      "x1,101,True,Tue Oct 31 10:00:00 +0000 2017,hello,,\n"
      "2,,True,Tue Oct 31 10:00:00 +0000 2017,hello,,\n"
      "3,101,maybe,Tue Oct 31 10:00:00 +0000 2017,hello,,\n"
      "4,101,True,yesterday,hello,,\n"
      "5,101,True,Tue Oct 31 10:00:00 +0000 2017,hello,,abc\n"
      "1,101,True,Tue Oct 31 10:00:00 +0000 2017,again,,\n"
      "6,101,True,Tue Oct 31 10:00:00 +0000 2017,\"unclosed,,\n"), "bad.csv");
  ASSERT_TRUE(log.ok()) << log.status().message();
  std::vector<std::string> got;
  for (const auto& i : log->issues) got.push_back(i.file + ":" + std::to_string(i.line) + ": " + i.column + ": " + i.reason);
  ASSERT_GE(got.size(), 6u);
  EXPECT_EQ(got[0], "bad.csv:3: tweet_id: not a tweet id: \"x1\"");
  EXPECT_EQ(got[1], "bad.csv:4: author_id: missing");
  EXPECT_EQ(got[2], "bad.csv:5: inbound: expected True or False, got \"maybe\"");
  EXPECT_EQ(got[3], "bad.csv:6: created_at: not a time like \"Tue Oct 31 22:10:47 +0000 2017\": \"yesterday\"");
  EXPECT_EQ(got[4], "bad.csv:7: in_response_to_tweet_id: not a tweet id: \"abc\"");
  EXPECT_EQ(got[5], "bad.csv:8: tweet_id: duplicate id \"1\" (first seen on line 2)");
  ASSERT_EQ(got.size(), 7u);
  EXPECT_EQ(got[6].rfind("bad.csv:9: text: ", 0), 0u) << got[6];  // the unclosed quote
  // A file without the format's columns stops before anything is read.
  auto headerless = TranslateTwitterThreads(WriteTemp("other.csv", "id,text\n1,hi\n"), "other.csv");
  ASSERT_FALSE(headerless.ok());
  EXPECT_EQ(headerless.status().message().rfind("other.csv:1: tweet_id: missing column", 0), 0u) << headerless.status().message();
}

TEST(TwitterThreads, ImportedThreadsReportPerBrandAndReimportStoresNothingTwice) {
  auto store = *SqliteStore::Open(":memory:", true);
  const std::string path = WriteTemp("threads.csv", kThreads);
  auto first = ImportFromConnector(*store, "twitter", path, "default");
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->rejected_rows(), 0);
  auto again = ImportFromConnector(*store, "twitter", path, "default");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->inserted_rows(), 0);
  auto ws = LoadedWorkspace::Load(*store, *store->Workspace("default", false));
  ASSERT_TRUE(ws.ok());
  Query q;
  q.from = "2017-10-01";
  q.to = "2017-12-01";
  q.kpis = {"ticket_volume", "first_reply_time"};
  q.by = {"team"};
  auto report = (*ws)->Run(q);
  ASSERT_TRUE(report.ok()) << report.status().message();
  std::map<std::string, std::pair<double, int64_t>> frt;
  for (const auto& row : report->rows)
    if (row.group[0].second) frt[*row.group[0].second] = {row.kpis[1].value.value_or(-1), row.kpis[0].n};
  // AcmeCare: conversation 1 answered after 600 s, conversation 7 not at all (no FRT);
  // ShopHelp: conversation 4 asked at 11:00 UTC, answered at 13:00 +0100 = 12:00 UTC: 3,600 s.
  EXPECT_EQ(frt.at("AcmeCare").first, 600);
  EXPECT_EQ(frt.at("AcmeCare").second, 2);  // two conversations
  EXPECT_EQ(frt.at("ShopHelp").first, 3600);
}

}  // namespace
}  // namespace supportlens
