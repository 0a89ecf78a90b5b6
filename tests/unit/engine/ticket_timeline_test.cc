// Folding a ticket's timeline sets its outcome word: the flags of what happened on the way, and
// whether it is resolved now, was ever solved, and had exactly one or at most one agent reply.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "engine/report_engine.h"
#include "store/sqlite_store.h"
#include "supportlens/engine.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;

// A UTC workspace of these tickets and events, imported (every row accepted) and loaded; the
// folder is removed when the test's value goes.
struct Imported {
  fs::path dir;
  std::unique_ptr<LoadedWorkspace> loaded;
  ~Imported() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

void Import(const std::string& name, const char* tickets_csv, const char* events_csv, Imported& out) {
  out.dir = fs::path(::testing::TempDir()) / (name + "_" + std::to_string(getpid()));
  fs::remove_all(out.dir);
  fs::create_directories(out.dir / "ws");
  auto write = [&](const char* file, const char* text) { std::ofstream(out.dir / "ws" / file) << text; };
  write("workspace.toml", "timezone = \"UTC\"\n");
  write("tickets.csv", tickets_csv);
  write("events.csv", events_csv);
  const std::string db = (out.dir / "db.sqlite").string();
  auto imported = ImportFolder((out.dir / "ws").string(), db, "default");
  ASSERT_TRUE(imported.ok()) << imported.status().message();
  ASSERT_EQ(imported->rejected, 0) << (imported->issue_lines.empty() ? "" : imported->issue_lines[0]);
  auto store = *SqliteStore::Open(db, false);
  auto loaded = LoadedWorkspace::Load(*store, *store->Workspace("default", false));
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  out.loaded = std::move(*loaded);
}

TEST(TicketTimeline, FoldingSetsEachTicketsOutcomeWord) {
  Imported ws;
  // Four customers and topics, so that no ticket is a repeat contact of another.
  Import("sl_timeline",
         "ticket_id,created_at,channel,customer_id,priority,topic\n"
         "T1,2026-03-02T09:00:00Z,email,C1,high,billing\n"
         "T2,2026-03-02T09:00:00Z,email,C2,high,login\n"
         "T3,2026-03-02T09:00:00Z,email,C3,high,refund\n"
         "T4,2026-03-02T09:00:00Z,chat,C4,high,shipping\n",
         "event_id,ticket_id,at,type,actor_kind,actor_id,public,status,assignee_id\n"
         // T1: the customer writes, nobody answers.
         "E1,T1,2026-03-02T09:00:00Z,message,customer,C1,true,,\n"
         // T2: one reply, escalated, solved.
         "E2,T2,2026-03-02T09:00:00Z,message,customer,C2,true,,\n"
         "E3,T2,2026-03-02T09:10:00Z,message,agent,A1,true,,\n"
         "E4,T2,2026-03-02T09:15:00Z,escalate,agent,A1,true,,\n"
         "E5,T2,2026-03-02T09:20:00Z,status,agent,A1,true,solved,\n"
         // T3: two replies, solved, reopened, a third reply, solved again.
         "E6,T3,2026-03-02T09:00:00Z,message,customer,C3,true,,\n"
         "E7,T3,2026-03-02T09:10:00Z,message,agent,A1,true,,\n"
         "E8,T3,2026-03-02T09:11:00Z,message,agent,A1,true,,\n"
         "E9,T3,2026-03-02T09:20:00Z,status,agent,A1,true,solved,\n"
         "E10,T3,2026-03-02T10:00:00Z,status,customer,C3,true,open,\n"
         "E11,T3,2026-03-02T10:10:00Z,message,agent,A1,true,,\n"
         "E12,T3,2026-03-02T10:20:00Z,status,agent,A1,true,solved,\n"
         // T4: a bot first, then two agent replies (a hand-off), solved, open again at the end.
         "E13,T4,2026-03-02T09:00:00Z,message,bot,BOT,true,,\n"
         "E14,T4,2026-03-02T09:05:00Z,message,agent,A2,true,,\n"
         "E15,T4,2026-03-02T09:06:00Z,message,agent,A2,true,,\n"
         "E16,T4,2026-03-02T09:20:00Z,status,agent,A2,true,solved,\n"
         "E17,T4,2026-03-02T11:00:00Z,status,customer,C4,true,open,\n",
         ws);
  ASSERT_TRUE(ws.loaded);
  const TicketFacts& f = ws.loaded->facts();
  ASSERT_EQ(f.flags.size(), 4u);  // tickets are stored in the order of the file
  EXPECT_EQ(f.flags[0], kAtMostOneAgentReply);  // no reply is at most one
  EXPECT_EQ(f.flags[1], kEscalated | kResolvedNow | kEverSolved | kOneAgentReply | kAtMostOneAgentReply);
  EXPECT_EQ(f.flags[2], kReopened | kResolvedNow | kEverSolved);  // three replies
  EXPECT_EQ(f.flags[3], kBotInvolved | kBotHandoff | kReopened | kEverSolved);  // two replies, not resolved now
  // Calendar seconds, from creation (09:00 for all four; the bot's message opens T4 too).
  const std::vector<int32_t> first_reply = {kNoSeconds, 600, 600, 300}, first_solve = {kNoSeconds, 1200, 1200, 1200},
                             final_solve = {kNoSeconds, 1200, 4800, kNoSeconds};  // T3 10:20; T4 open again
  EXPECT_EQ(std::vector<int32_t>(f.first_reply_seconds.begin(), f.first_reply_seconds.end()), first_reply);
  EXPECT_EQ(std::vector<int32_t>(f.first_solve_seconds.begin(), f.first_solve_seconds.end()), first_solve);
  EXPECT_EQ(std::vector<int32_t>(f.final_solve_seconds.begin(), f.final_solve_seconds.end()), final_solve);
  // Waits: T2's and T3's opening messages, answered ten minutes later; T1's is never answered.
  EXPECT_EQ(std::vector<int32_t>(f.wait_seconds.begin(), f.wait_seconds.end()), (std::vector<int32_t>{600, 600}));
}

TEST(TicketTimeline, ADurationPastThirtyTwoBitsIsSubtractedFromTheInstants) {
  Imported ws;
  // T1 is answered 74 years later, past the 2,147,483,647 seconds an int32 holds.
  Import("sl_timeline_long",
         "ticket_id,created_at,channel,customer_id,priority,topic\n"
         "T1,2026-03-02T09:00:00Z,email,C1,high,billing\n"
         "T2,2026-03-02T09:00:00Z,email,C2,high,login\n",
         "event_id,ticket_id,at,type,actor_kind,actor_id,public,status,assignee_id\n"
         "E1,T1,2026-03-02T09:00:00Z,message,customer,C1,true,,\n"
         "E2,T1,2100-03-02T09:00:00Z,message,agent,A1,true,,\n"
         "E3,T2,2026-03-02T09:00:00Z,message,customer,C2,true,,\n"
         "E4,T2,2026-03-02T09:10:00Z,message,agent,A1,true,,\n"
         "E5,T2,2026-03-02T09:20:00Z,status,agent,A1,true,solved,\n",
         ws);
  ASSERT_TRUE(ws.loaded);
  const TicketFacts& f = ws.loaded->facts();
  EXPECT_TRUE(f.first_reply_seconds.empty());  // one does not fit: the column is left out
  EXPECT_TRUE(f.wait_seconds.empty());
  EXPECT_EQ(f.final_solve_seconds.size(), 2u);  // the others still fit
  Query q;
  q.from = "2026-03-01";
  q.to = "2026-03-08";
  q.kpis = {"first_reply_time", "average_reply_time"};
  auto report = ws.loaded->Run(q);
  ASSERT_TRUE(report.ok()) << report.status().message();
  ASSERT_EQ(report->rows.size(), 1u);
  // 2026-03-02 to 2100-03-02 is 74 x 365 days plus 18 leap days (2028 to 2096) = 27,028 days
  // = 2,335,219,200 s; T2 waited 600 s. Median and mean of the two: (600 + 2,335,219,200) / 2.
  for (const auto& k : report->rows[0].kpis) {
    EXPECT_EQ(k.n, 2) << k.id;
    ASSERT_TRUE(k.value && k.mean) << k.id;
    EXPECT_DOUBLE_EQ(*k.value, 1167609900.0) << k.id;
    EXPECT_DOUBLE_EQ(*k.mean, 1167609900.0) << k.id;
  }
}

}  // namespace
}  // namespace supportlens
