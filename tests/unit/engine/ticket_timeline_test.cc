// Folding a ticket's timeline sets its outcome word: the flags of what happened on the way, and
// whether it is resolved now, was ever solved, and had exactly one or at most one agent reply.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/report_engine.h"
#include "store/sqlite_store.h"
#include "supportlens/engine.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;

TEST(TicketTimeline, FoldingSetsEachTicketsOutcomeWord) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("sl_timeline_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "ws");
  auto write = [&](const char* name, const char* text) { std::ofstream(dir / "ws" / name) << text; };
  write("workspace.toml", "timezone = \"UTC\"\n");
  // Four customers and topics, so that no ticket is a repeat contact of another.
  write("tickets.csv",
        "ticket_id,created_at,channel,customer_id,priority,topic\n"
        "T1,2026-03-02T09:00:00Z,email,C1,high,billing\n"
        "T2,2026-03-02T09:00:00Z,email,C2,high,login\n"
        "T3,2026-03-02T09:00:00Z,email,C3,high,refund\n"
        "T4,2026-03-02T09:00:00Z,chat,C4,high,shipping\n");
  write("events.csv",
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
        "E17,T4,2026-03-02T11:00:00Z,status,customer,C4,true,open,\n");
  const std::string db = (dir / "db.sqlite").string();
  auto imported = ImportFolder((dir / "ws").string(), db, "default");
  ASSERT_TRUE(imported.ok()) << imported.status().message();
  ASSERT_EQ(imported->rejected, 0) << (imported->issue_lines.empty() ? "" : imported->issue_lines[0]);
  auto store = *SqliteStore::Open(db, false);
  auto loaded = LoadedWorkspace::Load(*store, *store->Workspace("default", false));
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const TicketFacts& f = (*loaded)->facts();
  ASSERT_EQ(f.flags.size(), 4u);  // tickets are stored in the order of the file
  EXPECT_EQ(f.flags[0], kAtMostOneAgentReply);  // no reply is at most one
  EXPECT_EQ(f.flags[1], kEscalated | kResolvedNow | kEverSolved | kOneAgentReply | kAtMostOneAgentReply);
  EXPECT_EQ(f.flags[2], kReopened | kResolvedNow | kEverSolved);  // three replies
  EXPECT_EQ(f.flags[3], kBotInvolved | kBotHandoff | kReopened | kEverSolved);  // two replies, not resolved now
  fs::remove_all(dir);
}

}  // namespace
}  // namespace supportlens
