// Leading and lagging KPIs over eight weeks built by hand: volume doubles in week 5, customers
// find it hard from week 6, and CSAT falls in week 7. Every move and link is worked out below.
#include "supportlens/lead_lag.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/civil_date.h"
#include "core/time_zone.h"
#include "engine/report_engine.h"
#include "ingest/batch_importer.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;

// Weeks 1-8 from Monday 2026-03-02 (ISO weeks W10-W17), UTC:
//   tickets  4 4 4 4 8 8 8 8      (one a day from Monday; the 8-ticket weeks reach Sunday twice)
//   CES      7 7 7 7 7 1 1 1      (two answers a week on 1-7; 7 is easy, 1 is not)
//   CSAT     3 3 3 3 3 3 1 1      satisfied of four answers a week: 75 % x 6, then 25 %
// With `easier`, CES goes the other way: one 7 and one 1 a week (50 % easy), then 7 and 7 from
// week 6 (100 %).
std::unique_ptr<LoadedWorkspace> EightWeeks(int weeks = 8, bool easier = false) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("sl_leadlag_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string db = (dir / fmt::format("weeks{}{}.db", weeks, easier ? "e" : "")).string();
  fs::remove(db);
  auto store = *SqliteStore::Open(db, true);
  nlohmann::json tickets = nlohmann::json::array(), surveys = nlohmann::json::array();
  const int64_t monday = DaysFromCivil(2026, 3, 2);
  auto day = [&](int week, int d) { return FormatDate(static_cast<DayNumber>(monday + 7 * week + d)); };
  for (int w = 0; w < weeks; ++w) {
    const int volume = w < 4 ? 4 : 8;
    for (int i = 0; i < volume; ++i)
      tickets.push_back({{"ticket_id", fmt::format("T{}-{}", w, i)}, {"created_at", day(w, std::min(i, 6)) + "T10:00:00Z"}, {"channel", "email"}});
    for (int i = 0; i < 2; ++i)
      surveys.push_back({{"response_id", fmt::format("E{}-{}", w, i)}, {"kind", "ces"}, {"score", easier ? (w < 5 && i == 1 ? 1 : 7) : (w < 5 ? 7 : 1)}, {"answered_at", day(w, 2) + "T12:00:00Z"}});
    for (int i = 0; i < 4; ++i)
      surveys.push_back({{"response_id", fmt::format("S{}-{}", w, i)}, {"kind", "csat"}, {"score", i < (w < 6 ? 3 : 1) ? 5 : 2},
                         {"answered_at", day(w, 2) + "T12:00:00Z"}});
  }
  for (auto [entity, records] : {std::pair{"tickets", &tickets}, std::pair{"surveys", &surveys}}) {
    auto r = ImportBatch(*store, "default", *FindEntity(entity), *records);
    EXPECT_TRUE(r.ok() && r->issues.empty()) << entity;
  }
  return std::move(*LoadedWorkspace::Load(*store, 1));
}

LeadLagRequest ThreeKpis() {
  LeadLagRequest r;
  r.kpis = {"ticket_volume", "ces_easy_pct", "csat"};
  return r;
}

TEST(LeadLag, MovesAndLinksWorkedOutByHand) {
  auto ws = EightWeeks();
  auto a = AnalyseLeadLag(*ws, ThreeKpis());
  ASSERT_TRUE(a.ok()) << a.status().message();
  // The data runs Monday 2 March to Sunday 26 April: eight whole weeks.
  EXPECT_EQ(a->from, "2026-03-02");
  EXPECT_EQ(a->to, "2026-04-27");
  ASSERT_EQ(a->weeks.size(), 8u);
  EXPECT_EQ(a->weeks.front(), "2026-W10");
  EXPECT_EQ(a->weeks.back(), "2026-W17");
  ASSERT_EQ(a->leading.size(), 2u);
  ASSERT_EQ(a->lagging.size(), 1u);

  // Volume against the mean of up to four weeks before (at least two): week 3 and 4 sit on 4;
  // week 5: 8 vs 4 = +100 %; week 6: 8 vs (4+4+4+8)/4 = 5, +60 %; week 7: 8 vs 6, +33.33 %;
  // week 8: 8 vs 7, +14.29 %. Volume has no direction: the moves are "up".
  const KpiWeeks& volume = a->leading[0];
  EXPECT_EQ(volume.kpi, "ticket_volume");
  ASSERT_EQ(volume.moves.size(), 4u);
  EXPECT_EQ(volume.moves[0].week, "2026-W14");
  EXPECT_DOUBLE_EQ(volume.moves[0].change_pct, 100);
  EXPECT_DOUBLE_EQ(volume.moves[1].change_pct, 60);
  EXPECT_DOUBLE_EQ(volume.moves[2].change_pct, 33.33);
  EXPECT_DOUBLE_EQ(volume.moves[3].change_pct, 14.29);
  EXPECT_EQ(volume.moves[3].sense, "up");

  // CES easy share: 100 % for five weeks, then 0: week 6 is 0 vs 100 (-100 %), week 7 0 vs
  // 75, week 8 0 vs 50; all "worse".
  const KpiWeeks& easy = a->leading[1];
  ASSERT_EQ(easy.moves.size(), 3u);
  EXPECT_EQ(easy.moves[0].week, "2026-W15");
  EXPECT_DOUBLE_EQ(easy.moves[0].baseline, 100);
  EXPECT_EQ(easy.moves[0].sense, "worse");
  EXPECT_DOUBLE_EQ(easy.moves[1].baseline, 75);

  // CSAT: week 7 is 25 vs 75 (-66.67 %), week 8 25 vs (75+75+75+25)/4 = 62.5 (-60 %).
  const KpiWeeks& csat = a->lagging[0];
  ASSERT_EQ(csat.moves.size(), 2u);
  EXPECT_EQ(csat.moves[0].week, "2026-W16");
  EXPECT_DOUBLE_EQ(csat.moves[0].change_pct, -66.67);
  EXPECT_DOUBLE_EQ(csat.moves[1].change_pct, -60);
  EXPECT_EQ(csat.moves[1].sense, "worse");

  // Links: each CSAT move takes the nearest earlier move of each leading KPI (within 3 weeks)
  // that the series bears out at that lead.
  // CES easy one week before: pairs (easy[t-1], csat[t]) for t = 2..8 are (100, 75) x 5 and
  // (0, 25) x 2, a straight line: r = 1, positive as two "higher is better" KPIs should be.
  // Volume one week before: x = 4,4,4,4,8,8,8 (sum 40), y = 75 x 5, 25 x 2 (sum 425);
  // Sxy = 2200 - 40 x 425 / 7 = -1600/7, Sxx = 256 - 1600/7 = 192/7,
  // Syy = 29375 - 425^2 / 7 = 25000/7; r = -1600 / sqrt(192 x 25000) = -0.730.
  // Newest CSAT move first, then the stronger r.
  ASSERT_EQ(a->links.size(), 4u);
  EXPECT_EQ(a->links[0].lagging_week, "2026-W17");
  EXPECT_EQ(a->links[0].leading, "ces_easy_pct");
  EXPECT_EQ(a->links[0].leading_week, "2026-W16");
  EXPECT_EQ(a->links[0].lead_weeks, 1);
  EXPECT_DOUBLE_EQ(*a->links[0].correlation, 1);
  EXPECT_EQ(a->links[1].leading, "ticket_volume");
  EXPECT_DOUBLE_EQ(*a->links[1].correlation, -0.73);
  EXPECT_EQ(a->links[2].lagging_week, "2026-W16");
  EXPECT_EQ(a->links[2].leading_week, "2026-W15");
  EXPECT_EQ(a->links[3].leading, "ticket_volume");
  EXPECT_EQ(a->links[3].leading_week, "2026-W15");
}

TEST(LeadLag, AMoveTheOtherWayIsNoLink) {
  // CES easy share 50 % to 100 % in week 6 (+100 %), then 100 vs 62.5 (+60 %) and 100 vs 75
  // (+33.33 %), all better, while CSAT gets worse in weeks 7 and 8: only volume precedes them.
  auto ws = EightWeeks(8, true);
  auto a = AnalyseLeadLag(*ws, ThreeKpis());
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->leading[1].moves.size(), 3u);
  EXPECT_DOUBLE_EQ(a->leading[1].moves[1].change_pct, 60);
  for (const KpiMove& m : a->leading[1].moves) EXPECT_EQ(m.sense, "better");
  ASSERT_EQ(a->links.size(), 2u);
  for (const LeadLagLink& l : a->links) EXPECT_EQ(l.leading, "ticket_volume");
}

TEST(LeadLag, ChangesBelowTheBarAreNoMoves) {
  auto ws = EightWeeks();
  LeadLagRequest r = ThreeKpis();
  r.min_change_pct = 70;  // volume's +100 % and CES's -100 % are moves; CSAT's -66.67 % is not
  auto a = AnalyseLeadLag(*ws, r);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->leading[0].moves.size(), 1u);
  EXPECT_TRUE(a->lagging[0].moves.empty());
  EXPECT_TRUE(a->links.empty());
}

TEST(LeadLag, JsonAndErrors) {
  auto ws = EightWeeks();
  auto a = AnalyseLeadLag(*ws, ThreeKpis());
  ASSERT_TRUE(a.ok());
  const nlohmann::json j = nlohmann::json::parse(RenderLeadLag(*a, "json"));
  EXPECT_EQ(j["weeks"].size(), 8u);
  EXPECT_EQ(j["lagging"][0]["values"][6], 25);
  EXPECT_EQ(j["links"][0]["lead_weeks"], 1);
  EXPECT_NE(RenderLeadLag(*a, "table").find("2026-W17 csat -60% (worse)  <-  2026-W16 ces_easy_pct -100% (worse), 1 week before, r = 1"),
            std::string::npos)
      << RenderLeadLag(*a, "table");

  LeadLagRequest bad = ThreeKpis();
  bad.from = "2026-03-02";
  EXPECT_NE(AnalyseLeadLag(*ws, bad).status().message().find("from, to"), std::string::npos);
  bad = ThreeKpis();
  bad.kpis = {"happiness"};
  EXPECT_NE(AnalyseLeadLag(*ws, bad).status().message().find("happiness"), std::string::npos);
  auto one_week = EightWeeks(1);
  auto short_data = AnalyseLeadLag(*one_week, ThreeKpis());
  ASSERT_FALSE(short_data.ok());
  EXPECT_NE(short_data.status().message().find("fewer than two whole weeks"), std::string::npos) << short_data.status().message();
}

}  // namespace
}  // namespace supportlens
