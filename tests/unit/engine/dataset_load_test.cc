// The load reads the events on a second connection beside the other tables when it can. Each side
// numbers the agents it meets itself; the merge must give the ids one reader going table by table
// would give (agents directory, events, then calls, surveys, states, shifts, offers), so the
// dataset never depends on the threads.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/dataset.h"
#include "supportlens/engine.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;

// No agents directory, so every agent is first met in a reference. T1's events are stored out of
// time order and interleaved with T2's.
void WriteWorkspace(const fs::path& dir) {
  fs::create_directories(dir);
  auto write = [&](const char* name, const char* text) { std::ofstream(dir / name) << text; };
  write("workspace.toml", "timezone = \"UTC\"\n");
  write("tickets.csv",
        "ticket_id,created_at,channel,customer_id,priority,topic\n"
        "T1,2026-03-02T09:00:00Z,email,C1,high,billing\n"
        "T2,2026-03-02T09:05:00Z,chat,C2,low,login\n");
  write("events.csv",
        "event_id,ticket_id,at,type,actor_kind,actor_id,public,status,assignee_id\n"
        "E1,T1,2026-03-02T09:00:00Z,message,customer,C1,true,,\n"
        "E2,T2,2026-03-02T09:05:00Z,message,customer,C2,true,,\n"
        "E3,T1,2026-03-02T09:10:00Z,message,bot,BOT,true,,\n"
        "E4,T2,2026-03-02T09:20:00Z,assign,system,,true,,A7\n"
        "E5,T1,2026-03-02T09:08:00Z,message,agent,A5,true,,\n"
        "E6,T2,2026-03-02T09:30:00Z,status,agent,A7,true,solved,\n");
  write("calls.csv",
        "call_id,offered_at,channel,queue,customer_id,ticket_id,answered_at,abandoned_at,ended_at,talk_s,hold_s,acw_s,agent_id,transferred\n"
        "K1,2026-03-02T10:00:00Z,phone,general,C1,,2026-03-02T10:00:10Z,,2026-03-02T10:05:10Z,300,0,60,A9,false\n"
        "K2,2026-03-02T11:00:00Z,phone,general,C2,T2,2026-03-02T11:00:10Z,,2026-03-02T11:05:10Z,300,0,60,A5,false\n");
  write("surveys.csv",
        "response_id,kind,score,answered_at,scale_min,scale_max,ticket_id,customer_id,agent_id\n"
        "S1,csat,4,2026-03-02T12:00:00Z,1,5,T1,C1,A8\n");
  write("agent_states.csv", "agent_id,state,start,end\nA6,available,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z\n");
  write("shifts.csv", "agent_id,start,end\nA6,2026-03-02T09:00:00Z,2026-03-02T13:00:00Z\nA11,2026-03-02T09:00:00Z,2026-03-02T13:00:00Z\n");
  write("offers.csv", "offer_id,offered_at,kind,accepted,value,ticket_id,agent_id,customer_id\nO1,2026-03-02T12:00:00Z,upsell,true,100,T1,A10,C1\n");
}

template <typename T>
std::vector<T> Values(const Column<T>& c) { return std::vector<T>(c.begin(), c.end()); }

std::vector<std::string> Names(const Dictionary& d) {
  std::vector<std::string> names;
  for (size_t i = 0; i < d.size(); ++i) names.emplace_back(d.at(static_cast<int32_t>(i)));
  return names;
}

TEST(DatasetLoad, EventsReadBesideTheOtherTablesGiveTheIdsOfOneReader) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("sl_dataset_load_" + std::to_string(getpid()));
  fs::remove_all(dir);
  WriteWorkspace(dir / "ws");
  const std::string db = (dir / "db.sqlite").string();
  ASSERT_TRUE(ImportFolder((dir / "ws").string(), db, "default").ok());
  auto store = *SqliteStore::Open(db, false);
  const int64_t ws = *store->Workspace("default", false);

  // Outside a read transaction there is no commit to share: one connection reads everything.
  auto none = store->ReaderOfSameCommit(ws);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, nullptr);
  auto one_reader = Dataset::Load(*store, ws);
  ASSERT_TRUE(one_reader.ok()) << one_reader.status().message();

  ASSERT_TRUE(store->BeginRead().ok());
  auto second = store->ReaderOfSameCommit(ws);
  ASSERT_TRUE(second.ok());
  EXPECT_NE(*second, nullptr);
  second->reset();
  auto two_readers = Dataset::Load(*store, ws);
  ASSERT_TRUE(two_readers.ok()) << two_readers.status().message();
  ASSERT_TRUE(store->Commit().ok());
  // The load read with a small cache and no memory map; the import settings are back.
  auto pragma = [&](const char* name) {
    int64_t v = 0;
    EXPECT_TRUE(store->Query(std::string("PRAGMA ") + name, {}, [&](sqlite3_stmt* q) { v = SqliteStore::ColumnInt(q, 0); }).ok());
    return v;
  };
  EXPECT_EQ(pragma("cache_size"), -262144);
  EXPECT_GT(pragma("mmap_size"), 0);

  for (const Dataset* d : {&*one_reader, &*two_readers}) {
    // Events first (BOT in E3, A7 assigned in E4, A5 in E5), then A9 from the calls, A8 from the
    // surveys, A6 from the states, A11 from the shifts, A10 from the offers.
    EXPECT_EQ(Names(d->dict.agent), (std::vector<std::string>{"BOT", "A7", "A5", "A9", "A8", "A6", "A11", "A10"}));
    EXPECT_EQ(Values(d->agents.is_bot), (std::vector<uint8_t>{1, 0, 0, 0, 0, 0, 0, 0}));
    EXPECT_EQ(Values(d->calls.agent), (std::vector<int32_t>{3, 2}));
    EXPECT_EQ(Values(d->calls.ticket), (std::vector<int32_t>{-1, 1}));
    EXPECT_EQ(Values(d->surveys.agent), (std::vector<int32_t>{4}));
    EXPECT_EQ(Values(d->states.agent), (std::vector<int32_t>{5}));
    EXPECT_EQ(Values(d->shifts.agent), (std::vector<int32_t>{5, 6}));
    EXPECT_EQ(Values(d->offers.agent), (std::vector<int32_t>{7}));
    // Ticket by ticket, each in time order: T1 = E1, E5 (A5), E3 (BOT); T2 = E2, E4 (assigns A7), E6 (A7).
    EXPECT_EQ(Values(d->tickets.event_begin), (std::vector<uint32_t>{0, 3, 6}));
    EXPECT_EQ(Values(d->events.actor), (std::vector<int32_t>{-1, 2, 0, -1, -1, 1}));
    EXPECT_EQ(Values(d->events.assignee), (std::vector<int32_t>{-1, -1, -1, -1, 1, -1}));
    EXPECT_EQ(d->events.at[1] - d->events.at[0], 8 * 60);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace supportlens
