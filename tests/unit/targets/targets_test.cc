// Targets: storing them, the catalog's defaults, and each status with its hand arithmetic:
// on track, at risk near the bound, breached, no data, and the projection to a deadline.
#include "supportlens/targets.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "ingest/batch_importer.h"
#include "supportlens/engine.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;
const std::string kHelpdesk = std::string(SUPPORTLENS_SOURCE_DIR) + "/tests/golden/_workspaces/helpdesk";

std::string FreshDb(const std::string& name) {
  fs::path dir = fs::path(::testing::TempDir()) / ("sl_targets_" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path db = dir / name;
  fs::remove(db);
  return db.string();
}

Target MakeTarget(std::string kpi, std::string op, double value, double upper = 0) {
  Target t;
  t.kpi = std::move(kpi);
  t.op = std::move(op);
  t.value = value;
  t.upper = upper;
  return t;
}

TEST(Targets, SettingChecksTheKpiScopeBoundsAndDeadline) {
  const std::string db = FreshDb("set.db");
  auto bad = [&](Target t) { return SetTarget(db, "default", t).status().message(); };
  EXPECT_NE(bad(MakeTarget("happiness", ">=", 1)).find("unknown KPI id \"happiness\""), std::string::npos);
  EXPECT_NE(bad(MakeTarget("csat", "between", 90, 80)).find("min, max: the minimum must not be above the maximum"), std::string::npos);
  Target scoped = MakeTarget("csat", ">=", 80);
  scoped.scope_dim = "weather";
  scoped.scope_value = "rain";
  EXPECT_NE(bad(scoped).find("expected channel, team, agent or queue"), std::string::npos);
  Target late = MakeTarget("csat", ">=", 80);
  late.deadline = "end of Q2";
  EXPECT_NE(bad(late).find("deadline: not a date"), std::string::npos);
  EXPECT_NE(bad(MakeTarget("ticket_volume", ">=", 1)).find("has no value to hold against a target"), std::string::npos);

  // Setting the same KPI and scope again replaces the target.
  ASSERT_TRUE(SetTarget(db, "default", MakeTarget("csat", ">=", 80)).ok());
  auto replaced = SetTarget(db, "default", MakeTarget("csat", ">=", 85));
  ASSERT_TRUE(replaced.ok());
  auto set = ListTargets(db, "default", false);
  ASSERT_TRUE(set.ok());
  ASSERT_EQ(set->size(), 1u);
  EXPECT_EQ((*set)[0].value, 85);
  // With the defaults: every catalog target not set, and the channel targets of first reply time.
  auto all = ListTargets(db, "default", true);
  ASSERT_TRUE(all.ok());
  int csat = 0, chat_frt = 0;
  for (const auto& t : *all) {
    csat += t.kpi == "csat";
    if (t.kpi == "first_reply_time" && t.scope_value == "chat") {
      ++chat_frt;
      EXPECT_EQ(t.value, 120);
      EXPECT_TRUE(t.is_default);
    }
  }
  EXPECT_EQ(csat, 1);  // the one set, not also the default
  EXPECT_EQ(chat_frt, 1);
  // Another workspace of the same database has its own targets.
  EXPECT_TRUE(ListTargets(db, "other", false)->empty());
}

TEST(Targets, StatusOverAWindow) {
  const std::string db = FreshDb("status.db");
  ASSERT_TRUE(ImportFolder(kHelpdesk, db, "default").ok());
  // CSAT over 2-9 March is 50 % (2 of 4 answers in the top two points: tests/golden/csat).
  ASSERT_TRUE(SetTarget(db, "default", MakeTarget("csat", ">=", 40)).ok());
  Target close = MakeTarget("csat", ">=", 49);  // met, but 50 is within 5 % of 49 (2.45)
  close.scope_dim = "channel";
  close.scope_value = "email";
  ASSERT_TRUE(SetTarget(db, "default", close).ok());
  ASSERT_TRUE(SetTarget(db, "default", MakeTarget("reopen_rate", "<=", 0)).ok());
  Target fax = MakeTarget("csat", ">=", 80);  // no ticket came by fax
  fax.scope_dim = "channel";
  fax.scope_value = "fax";
  ASSERT_TRUE(SetTarget(db, "default", fax).ok());
  auto check = CheckTargets(db, "default", "2026-03-02", "2026-03-09", true);
  ASSERT_TRUE(check.ok()) << check.status().message();
  std::map<std::string, TargetStatus> by;
  for (const auto& s : check->targets) by[s.target.kpi + "/" + s.target.scope_value] = s;
  EXPECT_EQ(by["csat/"].status, "on_track");
  EXPECT_EQ(by["csat/"].actual, 50);
  EXPECT_EQ(by["csat/"].n, 4);
  // Email CSAT: S1 (5) and S3 (2) on email tickets: 1 of 2 = 50 %, within 2.45 of 49.
  EXPECT_EQ(by["csat/email"].status, "at_risk");
  EXPECT_EQ(by["reopen_rate/"].status, "breached");
  EXPECT_EQ(by["csat/fax"].status, "no_data");
  EXPECT_TRUE(check->any_breached());
}

// CSAT answers of three weeks: 4, 5, then 6 satisfied of 8 (50 %, 62.5 %, 75 %).
std::string RisingCsat() {
  const std::string db = FreshDb("trend.db");
  auto store = *SqliteStore::Open(db, true);
  nlohmann::json surveys = nlohmann::json::array();
  for (int week = 0; week < 3; ++week)
    for (int i = 0; i < 8; ++i) {
      char at[32];
      std::snprintf(at, sizeof at, "2026-03-%02dT10:00:00Z", 2 + week * 7 + i % 5);
      surveys.push_back({{"response_id", "S" + std::to_string(week * 8 + i)}, {"kind", "csat"}, {"score", i < 4 + week ? 5 : 2},
                         {"answered_at", at}});
    }
  auto r = ImportBatch(*store, "default", *FindEntity("surveys"), surveys);
  EXPECT_TRUE(r.ok() && r->issues.empty());
  return db;
}

TEST(Targets, ADeadlineIsJudgedByTheTrend) {
  const std::string db = RisingCsat();
  Target reachable = MakeTarget("csat", ">=", 90);
  reachable.deadline = "2026-03-30";
  ASSERT_TRUE(SetTarget(db, "default", reachable).ok());
  Target too_high = MakeTarget("csat", ">=", 99);
  too_high.deadline = "2026-03-30";
  too_high.scope_dim = "agent";  // a scope of its own, so that both targets are kept
  too_high.scope_value = "nobody";
  ASSERT_TRUE(SetTarget(db, "default", too_high).ok());
  auto check = CheckTargets(db, "default", "2026-03-02", "2026-03-23", true);
  ASSERT_TRUE(check.ok()) << check.status().message();
  ASSERT_EQ(check->targets.size(), 2u);
  const TargetStatus& s = check->targets[0].target.value == 90 ? check->targets[0] : check->targets[1];
  // 15 of 24 answers satisfied: 62.5 % now, below 90. The weekly points, placed mid-week in weeks
  // since 2 March, are (3/7, 50), (10/7, 62.5), (17/7, 75): slope 12.5 a week through the mean
  // (10/7, 62.5). The deadline is 4 weeks after 2 March: 62.5 + 12.5 x (4 - 10/7) = 94.64.
  EXPECT_EQ(s.actual, 62.5);
  ASSERT_TRUE(s.projected.has_value());
  EXPECT_EQ(*s.projected, 94.64);
  EXPECT_EQ(s.status, "on_track");
  // The agent "nobody" has no answers: no data, whatever the deadline.
  const TargetStatus& other = check->targets[0].target.value == 90 ? check->targets[1] : check->targets[0];
  EXPECT_EQ(other.status, "no_data");
  // The same trend against 99: projected 94.64, short of it.
  too_high.scope_dim.clear();
  too_high.scope_value.clear();
  ASSERT_TRUE(SetTarget(db, "default", too_high).ok());  // replaces the target of 90
  auto again = CheckTargets(db, "default", "2026-03-02", "2026-03-23", true);
  ASSERT_TRUE(again.ok());
  for (const auto& t : again->targets)
    if (t.target.scope_dim.empty()) {
      EXPECT_EQ(t.status, "at_risk");
      EXPECT_FALSE(again->any_breached());  // before the deadline a miss is a risk, not a breach
    }
}

}  // namespace
}  // namespace supportlens
