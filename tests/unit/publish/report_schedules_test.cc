// Report schedules: when they run, which period each run reports, once however long a schedule
// waited, delivery to a folder and to a webhook (signed, retried, recorded), and the server's
// runner delivering a due schedule on its own.
#include "supportlens/schedules.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "core/time_zone.h"
#include "store/sqlite_store.h"
#include "supportlens/engine.h"
#include "supportlens/service.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;
const std::string kHelpdesk = std::string(SUPPORTLENS_SOURCE_DIR) + "/tests/golden/_workspaces/helpdesk";

fs::path Dir() {
  fs::path dir = fs::path(::testing::TempDir()) / ("sl_schedules_" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir;
}

// The golden helpdesk workspace (UTC; the week of 2 March 2026).
std::string Db(const std::string& name) {
  const fs::path db = Dir() / name;
  fs::remove(db);
  EXPECT_TRUE(ImportFolder(kHelpdesk, db.string(), "default").ok());
  return db.string();
}

int64_t At(const std::string& iso) { return *ParseTimestamp(iso, TimeZone::Utc()); }

ReportSchedule Weekly(const std::string& folder) {
  ReportSchedule s;
  s.template_name = "weekly-ops";
  s.every = "week";
  s.deliver = "folder";
  s.target = folder;
  return s;
}

TEST(ReportSchedules, RunsReportThePeriodJustEndedOnce) {
  const std::string db = Db("folder.db");
  const fs::path out = Dir() / "reports";
  fs::remove_all(out);
  // Added on Wednesday 4 March at noon: the weekly one runs on Monday 9 March at 06:00 (UTC
  // workspace), the monthly one on 1 April.
  auto weekly = AddReportSchedule(db, "default", Weekly(out.string()), At("2026-03-04T12:00:00Z"));
  ASSERT_TRUE(weekly.ok()) << weekly.status().message();
  EXPECT_EQ(FormatTimestampUtc(weekly->next_run), "2026-03-09T06:00:00Z");
  ReportSchedule monthly = Weekly(out.string());
  monthly.template_name = "monthly-satisfaction", monthly.every = "month", monthly.format = "html", monthly.hour = 7;
  auto added = AddReportSchedule(db, "default", monthly, At("2026-03-04T12:00:00Z"));
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(FormatTimestampUtc(added->next_run), "2026-04-01T07:00:00Z");

  // Before 06:00 nothing is due.
  auto early = RunDueReports(db, At("2026-03-09T05:59:59Z"), nullptr);
  ASSERT_TRUE(early.ok());
  EXPECT_TRUE(early->empty());
  // At 06:30 the weekly one reports 2-8 March, into the folder.
  auto runs = RunDueReports(db, At("2026-03-09T06:30:00Z"), nullptr);
  ASSERT_TRUE(runs.ok()) << runs.status().message();
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ((*runs)[0].from, "2026-03-02");
  EXPECT_EQ((*runs)[0].to, "2026-03-09");
  EXPECT_EQ((*runs)[0].status, "delivered") << (*runs)[0].detail;
  const fs::path file = out / "default-weekly-ops-2026-03-02.html";
  EXPECT_EQ((*runs)[0].detail, file.string());
  ASSERT_TRUE(fs::exists(file));
  EXPECT_GT(fs::file_size(file), 5000u);
  // Asked again at the same time: already done.
  EXPECT_TRUE(RunDueReports(db, At("2026-03-09T06:31:00Z"), nullptr)->empty());

  // Nobody looked for three weeks: on 2 April the weekly one reports the week that ended on
  // Monday 30 March, once, and the monthly one March.
  runs = RunDueReports(db, At("2026-04-02T00:00:00Z"), nullptr);
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ((*runs)[0].template_name, "weekly-ops");
  EXPECT_EQ((*runs)[0].from, "2026-03-23");
  EXPECT_EQ((*runs)[0].to, "2026-03-30");
  EXPECT_EQ((*runs)[1].from, "2026-03-01");
  EXPECT_EQ((*runs)[1].to, "2026-04-01");
  auto listed = ListReportSchedules(db, "default");
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(FormatTimestampUtc((*listed)[0].next_run), "2026-04-06T06:00:00Z");
  EXPECT_EQ(FormatTimestampUtc((*listed)[1].next_run), "2026-05-01T07:00:00Z");
  auto history = ListScheduledRuns(db, "default");
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].template_name, "monthly-satisfaction");  // newest first
}

TEST(ReportSchedules, WebhookGetsTheSignedReportAfterARetry) {
  const std::string db = Db("webhook.db");
  ReportSchedule s = Weekly("");
  s.deliver = "webhook", s.target = "http://127.0.0.1:9/reports", s.secret = "k3y";
  ASSERT_TRUE(AddReportSchedule(db, "default", s, At("2026-03-04T12:00:00Z")).ok());
  std::vector<std::pair<std::string, std::string>> headers_seen;
  std::string body_seen;
  int calls = 0;
  HttpPost post = [&](const std::string& url, const std::string& body, const std::vector<std::pair<std::string, std::string>>& headers) {
    EXPECT_EQ(url, "http://127.0.0.1:9/reports");
    body_seen = body;
    headers_seen = headers;
    return ++calls == 1 ? 500 : 200;
  };
  auto runs = RunDueReports(db, At("2026-03-09T07:00:00Z"), post, {3, std::chrono::milliseconds(1)});
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ((*runs)[0].status, "delivered");
  EXPECT_EQ((*runs)[0].attempts, 2);
  EXPECT_EQ(body_seen.rfind("<!DOCTYPE html>", 0), 0u);
  std::map<std::string, std::string> h(headers_seen.begin(), headers_seen.end());
  EXPECT_EQ(h["X-SupportLens-Signature"], AlertSignature("k3y", body_seen));
  EXPECT_EQ(h["X-SupportLens-Period"], "2026-03-02/2026-03-09");
  EXPECT_EQ(h["X-SupportLens-Report"], "weekly-ops");
  EXPECT_EQ(h["Content-Type"], "text/html; charset=utf-8");
}

TEST(ReportSchedules, AReceiverThatKeepsFailingIsRecorded) {
  const std::string db = Db("dead.db");
  ReportSchedule s = Weekly("");
  s.deliver = "webhook", s.target = "http://127.0.0.1:9/reports", s.secret = "k";
  ASSERT_TRUE(AddReportSchedule(db, "default", s, At("2026-03-04T12:00:00Z")).ok());
  int calls = 0;
  auto runs = RunDueReports(db, At("2026-03-09T07:00:00Z"), [&](auto&&...) { return ++calls, 503; }, {3, std::chrono::milliseconds(1)});
  ASSERT_TRUE(runs.ok());
  EXPECT_EQ(calls, 3);
  EXPECT_EQ((*runs)[0].status, "failed");
  EXPECT_EQ((*runs)[0].detail, "HTTP 503");
  auto history = ListScheduledRuns(db, "default");
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].attempts, 3);
  // The failure does not stop the next week.
  EXPECT_EQ(FormatTimestampUtc((*ListReportSchedules(db, "default"))[0].next_run), "2026-03-16T06:00:00Z");
}

TEST(ReportSchedules, BadSchedulesNameTheField) {
  const std::string db = Db("bad.db");
  const int64_t now = At("2026-03-04T12:00:00Z");
  auto with = [&](auto change) {
    ReportSchedule s = Weekly((Dir() / "x").string());
    change(s);
    return AddReportSchedule(db, "default", s, now).status().message();
  };
  EXPECT_NE(with([](ReportSchedule& s) { s.template_name = "daily"; }).find("template"), std::string::npos);
  EXPECT_NE(with([](ReportSchedule& s) { s.every = "day"; }).find("every"), std::string::npos);
  EXPECT_NE(with([](ReportSchedule& s) { s.format = "docx"; }).find("format"), std::string::npos);
  EXPECT_NE(with([](ReportSchedule& s) { s.hour = 24; }).find("hour"), std::string::npos);
  EXPECT_NE(with([](ReportSchedule& s) { s.deliver = "webhook", s.target = "http://x/y"; }).find("secret"), std::string::npos);
  EXPECT_NE(with([](ReportSchedule& s) { s.deliver = "webhook", s.target = "ftp://x"; }).find("http"), std::string::npos);
  EXPECT_NE(AddReportSchedule(db, "nowhere", Weekly("x"), now).status().message().find("no data yet"), std::string::npos);
  EXPECT_NE(ReportScheduleFromJson(R"({"template": "weekly-ops", "folder": "a", "webhook": "http://b"})").status().message().find("not both"),
            std::string::npos);
  EXPECT_NE(ReportScheduleFromJson(R"({"hour": "six"})").status().message().find("hour"), std::string::npos);
  // Secrets are never listed.
  ReportSchedule s = Weekly("");
  s.deliver = "webhook", s.target = "http://127.0.0.1:9/r", s.secret = "hush";
  auto added = AddReportSchedule(db, "default", s, now);
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(ReportSchedulesJson({*added}, {}).find("hush"), std::string::npos);
  // A deleted schedule's number is not given to the next: its runs stay its own.
  ASSERT_TRUE(*DeleteReportSchedule(db, "default", added->id));
  auto next = AddReportSchedule(db, "default", s, now);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->id, added->id + 1);
}

TEST(ReportSchedules, TheServerRunsADueScheduleOnItsOwn) {
  const std::string db = Db("server.db");
  const fs::path reports = Dir() / "server-reports";
  fs::remove_all(reports);
  auto service = Service::Open(db);
  ASSERT_TRUE(service.ok());
  (*service)->EnableSchedules(nullptr, reports.string(), {}, std::chrono::milliseconds(50));
  // Over the API a folder is a name under the reports folder, never a path.
  EXPECT_FALSE((*service)->AddReportScheduleJson("default", R"({"template": "weekly-ops", "every": "week", "folder": "../etc"})").ok());
  EXPECT_FALSE((*service)->AddReportScheduleJson("default", R"({"template": "weekly-ops", "every": "week", "folder": "/tmp"})").ok());
  auto added = (*service)->AddReportScheduleJson("default", R"({"template": "agent-scorecard", "every": "week", "folder": "team-leads"})");
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_EQ(nlohmann::json::parse(*added)["target"], (reports / "team-leads").string());
  // Its time comes (the run time moved into the past, as if a week had gone by).
  {
    auto store = *SqliteStore::Open(db, false);
    ASSERT_TRUE(store->Query("UPDATE report_schedules SET next_run = ?", {At("2026-03-09T06:00:00Z")}).ok());
  }
  std::vector<ScheduledRun> history;
  for (int i = 0; i < 200 && history.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    history = *ListScheduledRuns(db, "default");
  }
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].status, "delivered") << history[0].detail;
  EXPECT_TRUE(fs::exists(fs::path(history[0].detail))) << history[0].detail;
  EXPECT_EQ(fs::path(history[0].detail).parent_path(), reports / "team-leads");
  const nlohmann::json listed = nlohmann::json::parse(*(*service)->ReportSchedulesJson("default"));
  EXPECT_EQ(listed["runs"].size(), 1u);
}

}  // namespace
}  // namespace supportlens
