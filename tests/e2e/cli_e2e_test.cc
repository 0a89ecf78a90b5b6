// End-to-end tests of the real `supportlens` binary: the report contract, formats, import exit
// codes and rejects, determinism of `generate`, drill-down, and that docs/kpis.md is current.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_runner.h"

namespace {

namespace fs = std::filesystem;

using e2e::Cli;
using e2e::CliRun;
using e2e::Slurp;

fs::path Scratch() {
  static const fs::path dir = e2e::NewScratch("sl_e2e_");
  return dir;
}

const std::string kHelpdesk = std::string(SUPPORTLENS_SOURCE_DIR) + "/tests/golden/_workspaces/helpdesk";
const std::string kWindow = " --from 2026-03-02 --to 2026-03-09";

TEST(ReportContract, JsonDocumentHasTheDocumentedShape) {
  CliRun r = Cli("report " + kHelpdesk + kWindow + " --kpi csat,first_reply_time --by channel --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["window"], (nlohmann::json{{"from", "2026-03-02"}, {"to", "2026-03-09"}, {"timezone", "UTC"}}));
  EXPECT_EQ(doc["cohort"], "created");
  EXPECT_EQ(doc["business_time"], false);
  EXPECT_EQ(doc["definition_version"], "1");
  ASSERT_EQ(doc["rows"].size(), 2u);
  const auto& email = doc["rows"][1];
  EXPECT_EQ(email["group"], (nlohmann::json{{"channel", "email"}}));
  EXPECT_EQ(email["kpis"]["csat"]["value"], 50);
  EXPECT_EQ(email["kpis"]["csat"]["n"], 2);
  const auto& frt = email["kpis"]["first_reply_time"];
  EXPECT_EQ(frt["value"], 2400);
  EXPECT_EQ(frt["median"], 2400);
  EXPECT_EQ(frt["mean"], 2400);
  EXPECT_EQ(frt["p90"], 3360);  // 1200 + 0.9 x (3600 - 1200)
  EXPECT_EQ(frt["n"], 2);
}

TEST(ReportContract, NoGroupingGivesOneRowWithAnEmptyGroupAndNullMeansNoData) {
  CliRun r = Cli("report " + kHelpdesk + " --from 2026-01-05 --to 2026-01-12 --kpi csat,ticket_volume --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["rows"].size(), 1u);
  EXPECT_EQ(doc["rows"][0]["group"], nlohmann::json::object());
  EXPECT_TRUE(doc["rows"][0]["kpis"]["csat"]["value"].is_null());
  EXPECT_EQ(doc["rows"][0]["kpis"]["ticket_volume"]["value"], 0);
}

TEST(ReportContract, CohortAndBusinessTimeAreEchoed) {
  CliRun r = Cli("report " + kHelpdesk + kWindow + " --kpi resolution_time --cohort event --business-time --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["cohort"], "event");
  EXPECT_EQ(doc["business_time"], true);
}

TEST(ReportFormats, TableCsvAndMarkdownShowTheSameNumbers) {
  std::string base = "report " + kHelpdesk + kWindow + " --kpi first_reply_time,sla_compliance --by channel --format ";
  CliRun csv = Cli(base + "csv"), table = Cli(base + "table"), md = Cli(base + "markdown");
  ASSERT_EQ(csv.code, 0);
  EXPECT_NE(csv.out.find("channel,kpi,value,n,median,mean,p90,extras\n"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("email,first_reply_time,2400,2,2400,2400,3360,\n"), std::string::npos) << csv.out;
  for (const CliRun* r : {&table, &md})
    for (const char* figure : {"2400", "3360", "first_reply_compliance=100"}) EXPECT_NE(r->out.find(figure), std::string::npos) << figure;
}

TEST(Import, BadRowsExitNonZeroWithExactErrorsAndARejectsFile) {
  fs::path ws = Scratch() / "bad_ws";
  fs::create_directories(ws);
  std::ofstream(ws / "tickets.csv") << "ticket_id,created_at,channel\nT1,2026-03-02T09:00:00Z,email\nT2,not-a-time,chat\n";
  std::string db = (Scratch() / "bad.db").string();
  CliRun r = Cli("import " + ws.string() + " --db " + db);
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("tickets.csv:3: created_at: not a timestamp: \"not-a-time\"\n"), std::string::npos) << r.err;
  std::string rejects = Slurp(db + ".rejects.csv");
  EXPECT_NE(rejects.find("\"tickets.csv\",3,\"created_at\""), std::string::npos) << rejects;
  CliRun again = Cli("import " + ws.string() + " --db " + db);
  EXPECT_EQ(again.code, 1) << "the bad row is still bad";
  EXPECT_NE(again.out.find("stored         0  unchanged         1"), std::string::npos) << again.out;
}

TEST(Import, CleanFolderExitsZeroAndIsIdempotent) {
  std::string db = (Scratch() / "helpdesk.db").string();
  CliRun first = Cli("import " + kHelpdesk + " --db " + db);
  ASSERT_EQ(first.code, 0) << first.err;
  CliRun second = Cli("import " + kHelpdesk + " --db " + db);
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_EQ(second.out.find("stored         1"), std::string::npos);
  // The database and the folder give the same report.
  std::string q = kWindow + " --kpi fcr_rate,resolution_time --format json";
  EXPECT_EQ(Cli("report " + db + q).out, Cli("report " + kHelpdesk + q).out);
}

TEST(Generate, SameSeedSameFilesAndTheyImportCleanly) {
  fs::path a = Scratch() / "gen_a", b = Scratch() / "gen_b";
  ASSERT_EQ(Cli("generate --tickets 1500 --seed 9 --out " + a.string()).code, 0);
  ASSERT_EQ(Cli("generate --tickets 1500 --seed 9 --out " + b.string()).code, 0);
  for (auto& f : fs::directory_iterator(a)) EXPECT_EQ(Slurp(f.path()), Slurp(b / f.path().filename())) << f.path().filename();
  CliRun imp = Cli("import " + a.string() + " --db " + (Scratch() / "gen.db").string());
  EXPECT_EQ(imp.code, 0) << imp.err;
}

TEST(Rows, ListsTheTicketsBehindAFigure) {
  CliRun r = Cli("rows " + kHelpdesk + kWindow + " --kpi fcr_rate --filter channel=email --format csv");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "record,id,at,value,counts\n"
            "ticket,T1,2026-03-02T09:00:00Z,,denominator\n"
            "ticket,T3,2026-03-03T09:00:00Z,,numerator\n"
            "ticket,T6,2026-03-05T16:00:00Z,,denominator\n");
}

TEST(Kpis, CatalogListsEveryKpiAndTheGeneratedDocIsCurrent) {
  CliRun r = Cli("kpis --format json");
  ASSERT_EQ(r.code, 0);
  auto cat = nlohmann::json::parse(r.out);
  EXPECT_EQ(cat.size(), 49u);
  EXPECT_EQ(cat[0]["id"], "csat");
  CliRun md = Cli("kpis --format markdown");
  EXPECT_EQ(md.out, Slurp(std::string(SUPPORTLENS_SOURCE_DIR) + "/docs/kpis.md")) << "run `make docs` to regenerate docs/kpis.md";
}

// The CLI contract: `sentiment TEXT --format json` prints compound, pos,
// neu, neg and the 0-100 score. "Still wrong": wrong -2.1, -2.1 / sqrt(2.1^2 + 15) = -0.4767;
// neg (2.1 + 1) / (3.1 + 1) = 0.756; score (1 - 0.4767) x 50 = 26.165 -> 26.17.
TEST(Sentiment, TextJsonHasTheContractFields) {
  CliRun r = Cli("sentiment \"Still wrong\" --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["compound"], -0.4767);
  EXPECT_EQ(j["neg"], 0.756);
  EXPECT_EQ(j["neu"], 0.244);
  EXPECT_EQ(j["pos"], 0.0);
  EXPECT_EQ(j["score"], 26.17);
  EXPECT_EQ(j.size(), 5u);
  // One JSON line per input line.
  std::ofstream(Scratch() / "two_lines.txt") << "Thanks\nWhere is it\n";
  CliRun lines = Cli("sentiment --lines < " + (Scratch() / "two_lines.txt").string());
  ASSERT_EQ(lines.code, 0) << lines.err;
  EXPECT_EQ(lines.out, "{\"compound\":0.4404,\"neg\":0.0,\"neu\":0.0,\"pos\":1.0,\"score\":72.02}\n"
                       "{\"compound\":0.0,\"neg\":0.0,\"neu\":1.0,\"pos\":0.0,\"score\":50.0}\n");
  CliRun missing = Cli("sentiment good --lexicon /no/such/vader_lexicon.txt");
  EXPECT_EQ(missing.code, 3);
  EXPECT_NE(missing.err.find("npm package vader-sentiment"), std::string::npos) << missing.err;
  EXPECT_EQ(Cli("sentiment").code, 2);
}

TEST(Sentiment, StoredScoresPerTicketAndTheReportColumn) {
  CliRun r = Cli("sentiment --db " + kHelpdesk + kWindow + " --limit 3 --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto tickets = nlohmann::json::parse(r.out)["tickets"];
  ASSERT_EQ(tickets.size(), 3u);
  EXPECT_EQ(tickets[0]["score"], 26.17);  // 'SSO broken' / 'Still wrong'
  EXPECT_EQ(tickets[2]["ticket_id"], "T5");  // 'Parcel damaged' 27.98
  CliRun report = Cli("report " + kHelpdesk + kWindow + " --kpi sentiment_score --by channel --format csv");
  ASSERT_EQ(report.code, 0) << report.err;
  EXPECT_NE(report.out.find("34.72"), std::string::npos) << report.out;  // chat, tests/golden/sentiment_score
  EXPECT_NE(report.out.find("47.02"), std::string::npos) << report.out;  // email
  CliRun phrases = Cli("phrases " + kHelpdesk + kWindow + " --previous 1 --min-tickets 1 --format json");
  ASSERT_EQ(phrases.code, 0) << phrases.err;
  EXPECT_EQ(nlohmann::json::parse(phrases.out)["tickets"], 6);
  EXPECT_EQ(Cli("phrases " + kHelpdesk + " --from 2026-03-09 --to 2026-03-02").code, 2);
}

// The connector contract: `import --from SOURCE PATH... --db DB`, several files in one run, then
// `report` as for a folder (tests/unit/ingest/data/zendesk/: three tickets, one answered after
// 30 minutes and one after 45 by a deleted agent: per team, Billing 1,800 s).
TEST(ConnectorImport, SeveralFilesOfOneExportThenReportByTeam) {
  const std::string data = std::string(SUPPORTLENS_SOURCE_DIR) + "/tests/unit/ingest/data/zendesk/";
  const std::string db = (Scratch() / "zendesk.db").string();
  CliRun r = Cli("import --from zendesk " + data + "tickets.json " + data + "audits.json " + data + "ticket_metrics.json --db " + db);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("tickets              read         3  stored         3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("note: 1 deleted tickets left out"), std::string::npos) << r.out;
  CliRun report = Cli("report " + db + " --from 2024-03-04 --to 2024-03-06 --kpi first_reply_time --by team --format csv");
  ASSERT_EQ(report.code, 0) << report.err;
  EXPECT_NE(report.out.find("Billing,first_reply_time,1800,1,1800,1800,1800,"), std::string::npos) << report.out;
  // Usage errors: a CSV without its mapping, an unknown source.
  CliRun nomap = Cli("import --from csv " + data + "tickets.json --db " + db);
  EXPECT_EQ(nomap.code, 2);
  EXPECT_NE(nomap.err.find("--from csv needs --mapping"), std::string::npos) << nomap.err;
  EXPECT_EQ(Cli("import --from helpscout " + data + "tickets.json --db " + db).code, 2);
}

// The targets contract: `targets set` (--min/--max, a scope, a deadline), `targets list`, and
// `check`, which exits 0 when no target is breached and 3 when one is. The helpdesk week's CSAT
// is 50 % (tests/golden/csat) and its chat first reply time 1,800 s (T2 answered after 30 min;
// T4 and T5 have none).
TEST(Targets, SetListAndCheckWithItsExitCodes) {
  const std::string db = (Scratch() / "targets.db").string();
  ASSERT_EQ(Cli("import " + kHelpdesk + " --db " + db + " --quiet").code, 0);
  ASSERT_EQ(Cli("targets set --db " + db + " --kpi csat --min 40").code, 0);
  CliRun chat = Cli("targets set --db " + db + " --kpi first_reply_time --channel chat --max 3600 --deadline 2026-12-31");
  ASSERT_EQ(chat.code, 0) << chat.err;
  CliRun list = Cli("targets list --db " + db + " --set-only --format json");
  ASSERT_EQ(list.code, 0) << list.err;
  auto targets = nlohmann::json::parse(list.out)["targets"];
  ASSERT_EQ(targets.size(), 2u);
  EXPECT_EQ(targets[1]["scope"]["channel"], "chat");
  EXPECT_EQ(targets[1]["deadline"], "2026-12-31");
  CliRun ok = Cli("check --db " + db + " --from 2026-03-02 --to 2026-03-09 --only-set --format json");
  EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
  EXPECT_EQ(nlohmann::json::parse(ok.out)["targets"][0]["actual"], 50);
  ASSERT_EQ(Cli("targets set --db " + db + " --kpi csat --min 60").code, 0);  // replaces the 40
  CliRun breached = Cli("check --db " + db + " --from 2026-03-02 --to 2026-03-09 --only-set");
  EXPECT_EQ(breached.code, 3) << breached.out;
  EXPECT_NE(breached.out.find("breached"), std::string::npos) << breached.out;
  EXPECT_EQ(Cli("targets set --db " + db + " --kpi csat --min 90 --max 80").code, 2);
  EXPECT_EQ(Cli("targets set --db " + db + " --kpi csat --min 90 --channel chat --team billing").code, 2);
}

// Alerts from the CLI: a rule and a log sink; `check` of the latest data opens the alert once,
// writes it to the log, and the history lists it. The helpdesk's last 7 days (to 5 March, the last ticket) have
// CSAT 50 % (tests/golden/csat), below the rule's 80.
TEST(Alerts, CheckOpensAnAlertOnceAndTheLogGetsIt) {
  const std::string db = (Scratch() / "alerts.db").string();
  const std::string log = (Scratch() / "alerts.log").string();
  fs::remove(db);
  fs::remove(log);
  ASSERT_EQ(Cli("import " + kHelpdesk + " --db " + db + " --quiet").code, 0);
  ASSERT_EQ(Cli("alerts add --db " + db + " --kpi csat --min 80").code, 0);
  ASSERT_EQ(Cli("alerts sink add --db " + db + " --log " + log).code, 0);
  CliRun first = Cli("check --db " + db + " --only-set");
  EXPECT_EQ(first.code, 0) << first.err;  // no target set: nothing breached
  EXPECT_NE(first.out.find("alert: csat over the 7 days to 2026-03-05 is 50 (>= 80 expected)"), std::string::npos) << first.out;
  CliRun second = Cli("check --db " + db + " --only-set");
  EXPECT_EQ(second.out.find("alert:"), std::string::npos) << second.out;  // still open: not raised again
  auto history = nlohmann::json::parse(Cli("alerts history --db " + db + " --format json").out)["alerts"];
  ASSERT_EQ(history.size(), 1u);
  EXPECT_TRUE(history[0]["closed_at"].is_null());
  EXPECT_EQ(history[0]["deliveries"][0]["status"], "delivered");
  EXPECT_NE(Slurp(log).find("\"event\":\"alert\""), std::string::npos);
  EXPECT_EQ(Cli("alerts add --db " + db + " --kpi csat --kind spike").code, 2);
}

TEST(Errors, UsageErrorsNameTheProblem) {
  CliRun r = Cli("report " + kHelpdesk + kWindow + " --kpi happiness");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown KPI id \"happiness\""), std::string::npos) << r.err;
  r = Cli("report " + kHelpdesk + kWindow + " --by weather");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown dimension \"weather\""), std::string::npos) << r.err;
  r = Cli("report /no/such/place" + kWindow);
  EXPECT_EQ(r.code, 3);
}

}  // namespace

// The Anonymous Bank connector end to end, on tests/e2e/data/anonymous_bank_sample.csv (UTC):
// calls 1 and 2 answered after 15 s and 60 s, talk 180 s and 120 s; call 3 abandoned after
// 120 s in the queue, call 4 after 2 s (a short abandon under the default 5 s); call 5 hung up
// in the VRU and call 6 is a phantom: both left out, with notes.
TEST(CallLogImport, AnonymousBankCallsReportTheCallKpis) {
  const std::string db = (Scratch() / "bank.db").string();
  const std::string file = std::string(SUPPORTLENS_SOURCE_DIR) + "/tests/e2e/data/anonymous_bank_sample.csv";
  CliRun imported = Cli("import --from anonymous-bank " + file + " --db " + db);
  ASSERT_EQ(imported.code, 0) << imported.err;
  EXPECT_NE(imported.out.find("calls                read         4  stored         4"), std::string::npos) << imported.out;
  EXPECT_NE(imported.out.find("note: 1 calls hung up in the VRU"), std::string::npos) << imported.out;
  EXPECT_NE(imported.out.find("note: 1 PHANTOM calls"), std::string::npos) << imported.out;
  CliRun r = Cli("report " + db + " --from 2010-08-02 --to 2010-08-03 --kpi offered_calls,answered_calls,abandonment_rate,"
                 "average_speed_of_answer,service_level,average_handle_time --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto k = nlohmann::json::parse(r.out)["rows"][0]["kpis"];
  EXPECT_EQ(k["offered_calls"]["value"], 4);
  EXPECT_EQ(k["answered_calls"]["value"], 2);
  // Short abandons leave the base: 1 abandoned of 3 = 33.33 %.
  EXPECT_EQ(k["abandonment_rate"]["value"], 33.33);
  EXPECT_EQ(k["average_speed_of_answer"]["mean"], 37.5);  // (15 + 60) / 2
  // Within 20 s: call 1 only, of the 3 calls that are not short abandons = 33.33 %.
  EXPECT_EQ(k["service_level"]["value"], 33.33);
  EXPECT_EQ(k["average_handle_time"]["mean"], 150);  // (180 + 120) / 2, no hold or wrap-up given

  CliRun again = Cli("import --from anonymous-bank " + file + " --db " + db);
  EXPECT_EQ(again.code, 0);
  EXPECT_NE(again.out.find("stored         0  unchanged         4"), std::string::npos) << again.out;
  CliRun unknown = Cli("import --from genesys " + file + " --db " + db);
  EXPECT_EQ(unknown.code, 2);
}

// The Asterisk connector end to end, on tests/e2e/data/asterisk_queue_log (2026-03-02 10:00 UTC
// onwards): c1 answered after 20 s with 120 s of talk; c2 abandoned after 45 s; c3 after 2 s, a
// short abandon. SIP/201 logged in 10:00-11:00: handling 10:00:30-10:02:30 (120 s), available
// the other 3,480 s.
TEST(CallLogImport, AsteriskQueueLogCallsAndStatesReport) {
  const std::string db = (Scratch() / "asterisk.db").string();
  const std::string file = std::string(SUPPORTLENS_SOURCE_DIR) + "/tests/e2e/data/asterisk_queue_log";
  CliRun imported = Cli("import --from asterisk-queue-log " + file + " --db " + db);
  ASSERT_EQ(imported.code, 0) << imported.err;
  EXPECT_NE(imported.out.find("calls                read         3  stored         3"), std::string::npos) << imported.out;
  EXPECT_NE(imported.out.find("agent_states         read         3  stored         3"), std::string::npos) << imported.out;
  CliRun r = Cli("report " + db + " --from 2026-03-02 --to 2026-03-03 --kpi offered_calls,answered_calls,abandonment_rate,"
                 "average_speed_of_answer,occupancy --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto k = nlohmann::json::parse(r.out)["rows"][0]["kpis"];
  EXPECT_EQ(k["offered_calls"]["value"], 3);
  EXPECT_EQ(k["answered_calls"]["value"], 1);
  EXPECT_EQ(k["abandonment_rate"]["value"], 50);        // c2 of c1, c2 (c3 is a short abandon)
  EXPECT_EQ(k["average_speed_of_answer"]["value"], 20);
  EXPECT_EQ(k["occupancy"]["value"], 3.33);             // 120 handling / (120 + 3480) x 100
}
