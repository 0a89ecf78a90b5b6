// Sentiment per ticket and customer, and rising phrases, on small workspaces whose texts are
// scored with the real lexicon (the compounds are worked out in tests/golden/sentiment_score).
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "engine/report_engine.h"
#include "ingest/batch_importer.h"
#include "ingest/importer.h"
#include "supportlens/text_analytics.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;
const std::string kHelpdesk = std::string(SUPPORTLENS_SOURCE_DIR) + "/tests/golden/_workspaces/helpdesk";

std::unique_ptr<LoadedWorkspace> Helpdesk(std::unique_ptr<SqliteStore>& store) {
  store = *SqliteStore::Open(":memory:", true);
  EXPECT_TRUE(ImportWorkspaceFolder(*store, kHelpdesk, "default").ok());
  return *LoadedWorkspace::Load(*store, *store->Workspace("default", false));
}

TEST(TicketSentiment, MostNegativeFirstWithTheTrendAcrossMessages) {
  std::unique_ptr<SqliteStore> store;
  auto ws = Helpdesk(store);
  SentimentListRequest r;
  r.from = "2026-03-02";
  r.to = "2026-03-09";
  r.limit = 0;
  auto tickets = TicketSentiments(*ws, r);
  ASSERT_TRUE(tickets.ok()) << tickets.status().message();
  ASSERT_EQ(tickets->size(), 6u);  // T1-T6; T7 was created before the window
  // T2 'SSO broken' and T3 'Still wrong': (1 - 0.4767) x 50 = 26.165 -> 26.17 (T2 first: its
  // last message is as low, the order is stable); then T5 'Parcel damaged' 27.98.
  EXPECT_EQ((*tickets)[0].score, 26.17);
  EXPECT_EQ((*tickets)[2].ticket_id, "T5");
  EXPECT_EQ((*tickets)[2].score, 27.98);
  // T1: 'I was charged twice' -0.2023 -> 39.89 (39.885 half up), then 'Thanks' 0.4404 -> 72.02;
  // mean (0.2381 / 2 + 1) x 50 = 55.9525 -> 55.95; trend 72.02 - 39.89 = +32.13.
  const auto& t1 = tickets->back();
  EXPECT_EQ(t1.ticket_id, "T1");
  EXPECT_EQ(t1.messages.size(), 2u);
  EXPECT_EQ(t1.first_score, 39.89);
  EXPECT_EQ(t1.last_score, 72.02);
  EXPECT_EQ(t1.score, 55.95);
  EXPECT_EQ(t1.trend, 32.13);
  EXPECT_EQ(t1.channel, "email");

  // Filters and the open-only list: chat tickets T2, T4, T5; of them, the open ones.
  r.filters = {{"channel", "chat"}};
  auto chat = TicketSentiments(*ws, r);
  ASSERT_TRUE(chat.ok());
  EXPECT_EQ(chat->size(), 3u);
  r.open_only = true;
  auto open = TicketSentiments(*ws, r);
  ASSERT_TRUE(open.ok());
  for (const auto& t : *open) EXPECT_TRUE(t.open) << t.ticket_id;
  EXPECT_LT(open->size(), 3u);

  r.filters = {{"colour", "red"}};
  auto bad = TicketSentiments(*ws, r);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown dimension \"colour\""), std::string::npos);
}

TEST(TicketSentiment, PerCustomerOverTheirTickets) {
  std::unique_ptr<SqliteStore> store;
  auto ws = Helpdesk(store);
  SentimentListRequest r;
  r.limit = 0;
  auto customers = CustomerSentiments(*ws, r);
  ASSERT_TRUE(customers.ok()) << customers.status().message();
  const CustomerSentiment* c1 = nullptr;
  for (const auto& c : *customers)
    if (c.customer_id == "C1") c1 = &c;
  ASSERT_NE(c1, nullptr);
  // C1 wrote on T7 ('Reset my password' 0, 27 Feb), T1 (-0.2023, 0.4404) and T3 (-0.4767):
  // sum -0.2386 over 4, (1 - 0.05965) x 50 = 47.0175 -> 47.02; first message 50, last (T3,
  // 3 March) 26.17: trend -23.83.
  EXPECT_EQ(c1->tickets, 3);
  EXPECT_EQ(c1->messages, 4);
  EXPECT_EQ(c1->score, 47.02);
  EXPECT_EQ(c1->first_score, 50);
  EXPECT_EQ(c1->last_score, 26.17);
  EXPECT_EQ(c1->trend, -23.83);
}

// A week of tickets per period: "refund delay" appears in 1 of 20 tickets a week for four weeks,
// then in 12 of 20.
std::unique_ptr<SqliteStore> RisingRefundDelays() {
  auto store = *SqliteStore::Open(":memory:", true);
  nlohmann::json tickets = nlohmann::json::array(), events = nlohmann::json::array();
  int n = 0;
  for (int week = 0; week < 5; ++week)
    for (int i = 0; i < 20; ++i) {
      const std::string id = "T" + std::to_string(++n);
      char created[32];
      const int day = 2 + week * 7 + i % 7;  // of March; past the 31st, of April
      std::snprintf(created, sizeof created, "2026-%02d-%02dT10:00:00Z", day > 31 ? 4 : 3, day > 31 ? day - 31 : day);
      const bool rising = week == 4 ? i < 12 : i == 0;
      tickets.push_back({{"ticket_id", id}, {"created_at", created}, {"channel", i % 2 ? "chat" : "email"},
                         {"subject", rising ? "Refund delay again" : "Question about my invoice"}});
      events.push_back({{"event_id", "E" + std::to_string(n)}, {"ticket_id", id}, {"at", created}, {"type", "message"},
                        {"actor_kind", "customer"},
                        {"text", rising ? "@acme where is my money? https://t.co/x the refund delay is absurd" : "Thanks, see you"}});
    }
  for (auto [entity, records] : {std::pair{"tickets", &tickets}, std::pair{"events", &events}}) {
    auto r = ImportBatch(*store, "default", *FindEntity(entity), *records);
    EXPECT_TRUE(r.ok() && r->issues.empty()) << entity;
  }
  return store;
}

TEST(RisingPhrases, FindsAPhraseWhoseShareJumps) {
  auto store = RisingRefundDelays();
  PhraseTrendRequest r;
  r.from = "2026-03-30";
  r.to = "2026-04-06";
  r.previous_periods = 4;
  auto result = RisingPhrases(*store, *store->Workspace("default", false), r);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->tickets, 20);
  EXPECT_EQ(result->previous_tickets, 80);
  ASSERT_FALSE(result->rising.empty());
  const PhraseTrend* delay = nullptr;
  for (const auto& p : result->rising) {
    if (p.phrase == "refund delay") delay = &p;
    // Stop words, mentions and links are no phrases.
    EXPECT_NE(p.phrase, "the");
    EXPECT_EQ(p.phrase.find("acme"), std::string::npos);
    EXPECT_EQ(p.phrase.find("t.co"), std::string::npos);
  }
  ASSERT_NE(delay, nullptr);
  // 12 of 20 tickets now (60 %), 4 of 80 before (5 %): +55 points. Pooled p = 16/100 = 0.16,
  // se = sqrt(0.16 x 0.84 x (1/20 + 1/80)) = sqrt(0.0084) = 0.091652, z = 0.55 / 0.091652 = 6.00.
  EXPECT_EQ(delay->tickets, 12);
  EXPECT_EQ(delay->previous_tickets, 4);
  EXPECT_EQ(delay->share, 60);
  EXPECT_EQ(delay->previous_share, 5);
  EXPECT_EQ(delay->change, 55);
  EXPECT_EQ(delay->z, 6);
  // "refund", "delay", "again", "money", "absurd" rise the same way; the invoice words fall.
  for (const auto& p : result->rising) EXPECT_EQ(p.phrase.find("invoice"), std::string::npos);

  // Filtered to chat: the rising tickets with odd i (6 of 10 now; i == 0 before is email).
  r.filters = {{"channel", "chat"}};
  auto chat = RisingPhrases(*store, *store->Workspace("default", false), r);
  ASSERT_TRUE(chat.ok());
  EXPECT_EQ(chat->tickets, 10);
}

TEST(RisingPhrases, RejectsABadPeriod) {
  auto store = RisingRefundDelays();
  PhraseTrendRequest r;
  r.from = "2026-04-06";
  r.to = "2026-03-30";
  auto result = RisingPhrases(*store, *store->Workspace("default", false), r);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("--to must be after --from"), std::string::npos);
}

TEST(StoredSentiment, ADatabaseFromBeforeGetsTheColumn) {
  const fs::path db = fs::path(::testing::TempDir()) / ("sl_old_schema_" + std::to_string(getpid()) + ".db");
  fs::remove(db);
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    // The events table as it was before the derived column.
    ASSERT_EQ(sqlite3_exec(raw,
                           "CREATE TABLE events(ws INTEGER NOT NULL, record_key TEXT NOT NULL, event_id TEXT, ticket_id TEXT, at "
                           "INTEGER, type TEXT, actor_kind TEXT, actor_id TEXT, public INTEGER, status TEXT, assignee_id TEXT, "
                           "level REAL, text TEXT, attrs TEXT, row_hash INTEGER NOT NULL, import_id INTEGER NOT NULL, source_line "
                           "INTEGER NOT NULL)",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
  }
  auto store = SqliteStore::Open(db.string(), false);
  ASSERT_TRUE(store.ok()) << store.status().message();
  auto ticket = ImportBatch(**store, "default", *FindEntity("tickets"),
                            nlohmann::json::parse(R"([{"ticket_id": "T1", "created_at": "2026-03-02T09:00:00Z", "channel": "chat"}])"));
  ASSERT_TRUE(ticket.ok());
  auto events = ImportBatch(**store, "default", *FindEntity("events"), nlohmann::json::parse(R"([
    {"event_id": "E1", "ticket_id": "T1", "at": "2026-03-02T09:00:00Z", "type": "message", "actor_kind": "customer", "text": "Still wrong"},
    {"event_id": "E2", "ticket_id": "T1", "at": "2026-03-02T09:10:00Z", "type": "message", "actor_kind": "agent", "text": "Sorry, fixed"}])"));
  ASSERT_TRUE(events.ok() && events->issues.empty());
  auto loaded = LoadedWorkspace::Load(**store, *(*store)->Workspace("default", false));
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  // The customer's message is scored (-0.4767), the agent's is not.
  const auto& ev = (*loaded)->data().events;
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev.sentiment[0], -4767);
  EXPECT_EQ(ev.sentiment[1], kNoSentiment);
  fs::remove(db);
}

}  // namespace
}  // namespace supportlens
