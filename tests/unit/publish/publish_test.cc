// Published reports over two weeks built by hand: the KPI table against the previous week and
// a target, the movers, the detractor list with its comments, the scorecard, and the HTML.
#include "supportlens/publish.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "engine/report_engine.h"
#include "ingest/batch_importer.h"
#include "publish/report_contents.h"
#include "publish/report_html.h"
#include "publish/svg_chart.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Previous week (2-8 March 2026, UTC): 4 tickets; CSAT 5, 5, 5, 2.
// This week (9-15 March): 6 tickets (3 chat, 3 email); CSAT 5 (A1), 2 (A1, "waited two days"),
// 1 (A2, "nobody answered"), 5 (A2); NPS 3 (A2, "too slow"), 10 (A1).
std::string TwoWeeks() {
  const fs::path dir = fs::path(::testing::TempDir()) / ("sl_publish_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string db = (dir / "two_weeks.db").string();
  fs::remove(db);
  auto store = *SqliteStore::Open(db, true);
  json agents = json::array({{{"agent_id", "A1"}, {"team", "north"}}, {{"agent_id", "A2"}, {"team", "south"}}});
  json tickets = json::array(), surveys = json::array();
  for (int i = 0; i < 4; ++i) tickets.push_back({{"ticket_id", "P" + std::to_string(i)}, {"created_at", "2026-03-03T10:00:00Z"}, {"channel", "email"}});
  for (int i = 0; i < 6; ++i)
    tickets.push_back({{"ticket_id", "T" + std::to_string(i)}, {"created_at", "2026-03-10T10:00:00Z"}, {"channel", i < 3 ? "chat" : "email"}});
  auto survey = [&](const std::string& id, const std::string& kind, int score, const std::string& at, const std::string& agent,
                    const std::string& comment) {
    json s = {{"response_id", id}, {"kind", kind}, {"score", score}, {"answered_at", at}};
    if (!agent.empty()) s["agent_id"] = agent;
    if (!comment.empty()) s["comment"] = comment;
    surveys.push_back(s);
  };
  for (int i = 0; i < 4; ++i) survey("P" + std::to_string(i), "csat", i < 3 ? 5 : 2, "2026-03-04T12:00:00Z", "", "");
  survey("S1", "csat", 5, "2026-03-11T09:00:00Z", "A1", "");
  survey("S2", "csat", 2, "2026-03-11T10:00:00Z", "A1", "waited two days");
  survey("S3", "csat", 1, "2026-03-11T11:00:00Z", "A2", "nobody <b>answered</b>");
  survey("S4", "csat", 5, "2026-03-11T12:00:00Z", "A2", "");
  survey("N1", "nps", 3, "2026-03-12T09:00:00Z", "A2", "too slow");
  survey("N2", "nps", 10, "2026-03-12T10:00:00Z", "A1", "");
  for (auto [entity, records] : {std::pair{"agents", &agents}, std::pair{"tickets", &tickets}, std::pair{"surveys", &surveys}}) {
    auto r = ImportBatch(*store, "default", *FindEntity(entity), *records);
    EXPECT_TRUE(r.ok() && r->issues.empty()) << entity;
  }
  return db;
}

Result<ReportContents> Gather(const std::string& db, const std::string& name, const std::vector<Target>& targets,
                              const std::string& from = "2026-03-09", const std::string& to = "2026-03-16") {
  auto store = *SqliteStore::Open(db, false);
  auto loaded = *LoadedWorkspace::Load(*store, 1);
  return GatherReport(*loaded, *store, 1, "default", *FindReportTemplate(name), targets, from, to);
}

const KpiComparison& Row(const ReportContents& c, const std::string& kpi) {
  for (const auto& k : c.kpis)
    if (k.info->id == kpi) return k;
  throw std::runtime_error("no row " + kpi);
}

TEST(Publish, ValuesFormattedForPeople) {
  EXPECT_EQ(FormatKpiValue(42, "seconds"), "42 s");
  EXPECT_EQ(FormatKpiValue(125, "seconds"), "2 min 05 s");
  EXPECT_EQ(FormatKpiValue(3900, "seconds"), "1 h 05 min");
  EXPECT_EQ(FormatKpiValue(90000, "seconds"), "1 d 01 h");
  EXPECT_EQ(FormatKpiValue(84.04, "percent"), "84.0 %");
  EXPECT_EQ(FormatKpiValue(-12, "nps"), "-12");
  EXPECT_EQ(FormatKpiValue(47, "nps"), "+47");
  EXPECT_EQ(FormatKpiValue(2389, "count"), "2,389");
  EXPECT_EQ(FormatKpiValue(std::nullopt, "count"), "–");
  EXPECT_EQ(EscapeHtml("<a href=\"x\">&</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
}

TEST(Publish, WeeklyOpsWorkedOutByHand) {
  const std::string db = TwoWeeks();
  Target csat_goal;
  csat_goal.kpi = "csat", csat_goal.op = ">=", csat_goal.value = 60, csat_goal.id = 1;
  auto c = Gather(db, "weekly-ops", {csat_goal});
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->previous_from, "2026-03-02");
  EXPECT_EQ(c->previous_to, "2026-03-09");
  // The first ticket arrived on 3 March, a day into the previous week; the last on 10 March.
  ASSERT_EQ(c->notes.size(), 2u);
  EXPECT_EQ(c->notes[0], "The data starts on 2026-03-03, after the previous period began (2026-03-02): comparisons with it cover only part of it.");
  EXPECT_EQ(c->notes[1], "The data ends on 2026-03-10, before the period's last day (2026-03-15): the days after it are empty.");
  // Volume 4 -> 6: +50 %, a KPI without a better way: "up".
  const KpiComparison& volume = Row(*c, "ticket_volume");
  EXPECT_EQ(volume.current, 6);
  EXPECT_EQ(volume.previous, 4);
  EXPECT_EQ(volume.change_pct, 50);
  EXPECT_EQ(volume.sense, "up");
  // CSAT: 2 of 4 satisfied (50 %) after 3 of 4 (75 %): -33.3 %, worse, and below the 60 set.
  const KpiComparison& csat = Row(*c, "csat");
  EXPECT_EQ(csat.current, 50);
  EXPECT_EQ(csat.previous, 75);
  EXPECT_EQ(csat.change_pct, -33.3);
  EXPECT_EQ(csat.change_points, -25);  // a share: shown as -25.0 pts
  EXPECT_EQ(csat.sense, "worse");
  EXPECT_FALSE(volume.change_points.has_value());
  ASSERT_EQ(csat.targets.size(), 1u);
  EXPECT_EQ(csat.targets[0].status, "breached");
  EXPECT_EQ(c->target_breaches, 1);
  // Movers need 10 records a side; four answers a week are too few.
  EXPECT_TRUE(c->movers.empty());
  // Detractors: CSAT 1 and 2 (bottom two of 1-5) and NPS 3; the lowest share of the scale first:
  // 1/5 -> 0, 2/5 -> 0.25, 3/10 -> 0.3.
  EXPECT_EQ(c->detractor_total, 3);
  ASSERT_EQ(c->detractors.size(), 3u);
  EXPECT_EQ(c->detractors[0].response_id, "S3");
  EXPECT_EQ(c->detractors[0].comment, "nobody <b>answered</b>");
  EXPECT_EQ(c->detractors[0].agent, "A2");
  EXPECT_EQ(c->detractors[0].answered_at, "2026-03-11 11:00");
  EXPECT_EQ(c->detractors[1].response_id, "S2");
  EXPECT_EQ(c->detractors[2].response_id, "N1");
  EXPECT_EQ(c->detractors[2].kind, "NPS");
  // By channel: chat and email, three tickets each; the surveys name no ticket, so their CSAT
  // (50 %) has no channel.
  ASSERT_EQ(c->breakdowns.size(), 1u);
  EXPECT_EQ(c->breakdowns[0].groups, (std::vector<std::string>{"chat", "email", "(none)"}));
  EXPECT_EQ(c->breakdowns[0].values[0][0], 3);
  EXPECT_EQ(c->breakdowns[0].values[2][5], 50);  // csat, the sixth KPI of the breakdown
  // The volume chart: seven days, 6 tickets on the 10th, 4 on the 3rd one week before.
  ASSERT_EQ(c->charts[0].labels.size(), 7u);
  EXPECT_EQ(c->charts[0].current[1], 6);
  EXPECT_EQ(c->charts[0].previous[1], 4);

  const std::string html = RenderReportHtml(*c);
  EXPECT_NE(html.find("<td>Customer satisfaction (CSAT)</td><td class=\"num\">50.0 %</td><td class=\"num\">75.0 %</td>"), std::string::npos);
  EXPECT_NE(html.find(">-25.0 pts<"), std::string::npos);
  EXPECT_NE(html.find(">+50.0 %<"), std::string::npos);
  EXPECT_NE(html.find("nobody &lt;b&gt;answered&lt;/b&gt;"), std::string::npos);  // comments are escaped
  EXPECT_NE(html.find("<svg"), std::string::npos);
  // Self-contained: nothing fetched, nothing run.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
}

TEST(Publish, AgentScorecardCreditsSurveysToTheirAgents) {
  const std::string db = TwoWeeks();
  auto c = Gather(db, "agent-scorecard", {});
  ASSERT_TRUE(c.ok()) << c.status().message();
  // CSAT by agent: A1 answered 5 and 2 (50 %), A2 1 and 5 (50 %); one CSAT detractor each and
  // A2's NPS 3: A1 1, A2 2. Teams carry their agents' detractors.
  std::map<std::string, const ScorecardRow*> agents, teams;
  for (const auto& r : c->agents) agents[r.name] = &r;
  for (const auto& r : c->teams) teams[r.name] = &r;
  ASSERT_TRUE(agents.count("A1") && agents.count("A2"));
  size_t csat = 0;
  while (c->scorecard_kpis[csat]->id != "csat") ++csat;
  EXPECT_EQ(agents["A1"]->current[csat], 50);
  EXPECT_EQ(agents["A1"]->team, "north");
  EXPECT_EQ(agents["A1"]->detractors, 1);
  EXPECT_EQ(agents["A2"]->detractors, 2);
  ASSERT_TRUE(teams.count("south"));
  EXPECT_EQ(teams["south"]->detractors, 2);
  const std::string html = RenderReportHtml(*c);
  EXPECT_NE(html.find("A4 landscape"), std::string::npos);
  EXPECT_NE(html.find("Customer satisfaction (CSAT) by agent"), std::string::npos);
  EXPECT_EQ(html.find("Detractors to follow up"), std::string::npos);  // not in this template
}

TEST(Publish, WholeMonthsCompareWithTheMonthsBefore) {
  const std::string db = TwoWeeks();
  // March (31 days) against February (28), not against the 31 days from 29 January.
  auto march = Gather(db, "monthly-satisfaction", {}, "2026-03-01", "2026-04-01");
  ASSERT_TRUE(march.ok());
  EXPECT_EQ(march->previous_from, "2026-02-01");
  EXPECT_EQ(march->previous_to, "2026-03-01");
  // A quarter against the quarter before, across a year.
  auto quarter = Gather(db, "monthly-satisfaction", {}, "2026-01-01", "2026-04-01");
  ASSERT_TRUE(quarter.ok());
  EXPECT_EQ(quarter->previous_from, "2025-10-01");
  // Any other period: as many days before.
  auto days = Gather(db, "weekly-ops", {}, "2026-03-01", "2026-03-11");
  ASSERT_TRUE(days.ok());
  EXPECT_EQ(days->previous_from, "2026-02-19");
}

TEST(Publish, BadRequestsNameTheProblem) {
  const std::string db = TwoWeeks();
  PublishRequest r{"weekly-ops", "2026-03-09", "2026-03-16"};
  auto bad = r;
  bad.template_name = "daily";
  EXPECT_NE(PublishHtml(db, "default", bad).status().message().find("weekly-ops, monthly-satisfaction, agent-scorecard"), std::string::npos);
  bad = r;
  bad.to = "2026-03-09";
  EXPECT_NE(PublishHtml(db, "default", bad).status().message().find("must be after"), std::string::npos);
  EXPECT_NE(PublishFile(db, "default", r, db + ".docx").message().find(".html or .pdf"), std::string::npos);
  EXPECT_EQ(PublishHtml(db, "nope", r).status().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(PublishHtml(db + ".missing", "default", r).status().kind(), ErrorKind::kNotFound);
  // An HTML file is written whole.
  const std::string out = db + ".html";
  ASSERT_TRUE(PublishFile(db, "default", r, out).ok());
  EXPECT_GT(fs::file_size(out), 5000u);
  EXPECT_FALSE(fs::exists(out + ".partial"));
}

}  // namespace
}  // namespace supportlens
