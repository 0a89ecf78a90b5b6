// Report schedules: stored, run when due, delivered to a folder or a webhook
// (include/supportlens/schedules.h, docs/reports.md).
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "core/iso_week.h"
#include "core/time_zone.h"
#include "engine/dataset.h"
#include "publish/report_templates.h"
#include "supportlens/publish.h"
#include "supportlens/schedules.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;

std::string NowUtc() {
  return FormatTimestampUtc(NowUnixSeconds());
}

Result<TimeZone> ZoneOf(SqliteStore& store, const std::string& workspace) {
  auto id = store.Workspace(workspace, false);
  if (!id.ok()) return Status::NotFound(fmt::format("workspace \"{}\" has no data yet: import some before scheduling reports", workspace));
  SL_ASSIGN_OR_RETURN(WorkspaceSettings settings, Dataset::LoadSettings(store, *id));
  return settings.zone;
}

DayNumber LocalDay(const TimeZone& zone, int64_t utc) { return static_cast<DayNumber>(FloorDiv(zone.ToLocal(utc), 86400)); }

DayNumber FirstOfMonth(DayNumber day) {
  const CivilDate c = CivilFromDays(day);
  return static_cast<DayNumber>(DaysFromCivil(c.year, c.month, 1));
}

DayNumber NextMonth(DayNumber first) {
  const CivilDate c = CivilFromDays(first);
  return static_cast<DayNumber>(c.month == 12 ? DaysFromCivil(c.year + 1, 1, 1) : DaysFromCivil(c.year, c.month + 1, 1));
}

// The first run strictly after `after`: Monday (week) or the 1st (month) at the local hour.
int64_t NextRunAfter(const ReportSchedule& s, const TimeZone& zone, int64_t after) {
  const DayNumber today = LocalDay(zone, after);
  DayNumber day = s.every == "week" ? MondayOf(today) : FirstOfMonth(today);
  for (;;) {
    const int64_t at = zone.ToUtc(int64_t{day} * 86400 + int64_t{s.hour} * 3600);
    if (at > after) return at;
    day = s.every == "week" ? static_cast<DayNumber>(day + 7) : NextMonth(day);
  }
}

// The period a run on local day `run_day` reports: the week or the month that ended that day.
std::pair<DayNumber, DayNumber> PeriodEndingOn(const std::string& every, DayNumber run_day) {
  if (every == "week") return {static_cast<DayNumber>(run_day - 7), run_day};
  return {FirstOfMonth(static_cast<DayNumber>(run_day - 1)), run_day};
}

std::string SafeName(const std::string& text) {
  std::string out;
  for (char c : text) out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
  return out;
}

ReportSchedule FromRow(sqlite3_stmt* q) {
  ReportSchedule s;
  s.id = SqliteStore::ColumnInt(q, 0);
  s.template_name = std::string(SqliteStore::ColumnText(q, 1));
  s.every = std::string(SqliteStore::ColumnText(q, 2));
  s.format = std::string(SqliteStore::ColumnText(q, 3));
  s.deliver = std::string(SqliteStore::ColumnText(q, 4));
  s.target = std::string(SqliteStore::ColumnText(q, 5));
  s.secret = std::string(SqliteStore::ColumnText(q, 6));
  s.hour = static_cast<int>(SqliteStore::ColumnInt(q, 7));
  s.next_run = SqliteStore::ColumnInt(q, 8);
  return s;
}

constexpr const char* kScheduleColumns = "id, template, every, format, deliver, target, secret, hour, next_run";

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Renders one run and delivers it; the outcome goes into `run`.
void Deliver(const std::string& db, const ReportSchedule& s, const HttpPost& post, const DeliveryPolicy& policy, ScheduledRun& run) {
  const PublishRequest request{s.template_name, run.from, run.to};
  const std::string ext = s.format == "pdf" ? ".pdf" : ".html";
  const std::string file_name = fmt::format("{}-{}-{}{}", SafeName(run.workspace), s.template_name, run.from, ext);
  run.attempts = 1;
  if (s.deliver == "folder") {
    std::error_code ec;
    fs::create_directories(s.target, ec);
    const std::string path = (fs::path(s.target) / file_name).string();
    Status written = ec ? Status::Io(fmt::format("{}: {}", s.target, ec.message())) : PublishFile(db, run.workspace, request, path);
    run.status = written.ok() ? "delivered" : "failed";
    run.detail = written.ok() ? path : written.message();
    return;
  }
  std::string body;
  if (s.format == "pdf") {
    const fs::path tmp = fs::temp_directory_path() / fmt::format("supportlens-report-{}-{:x}.pdf", s.id, std::random_device{}());
    Status printed = PublishFile(db, run.workspace, request, tmp.string());
    if (printed.ok()) body = Slurp(tmp);
    std::error_code ec;
    fs::remove(tmp, ec);
    if (!printed.ok()) {
      run.status = "failed", run.detail = printed.message();
      return;
    }
  } else {
    auto html = PublishHtml(db, run.workspace, request);
    if (!html.ok()) {
      run.status = "failed", run.detail = html.status().message();
      return;
    }
    body = std::move(*html);
  }
  const PostOutcome outcome =
      PostWithRetries(post, s.target, body,
                      {{"Content-Type", s.format == "pdf" ? "application/pdf" : "text/html; charset=utf-8"},
                       {"X-SupportLens-Report", s.template_name},
                       {"X-SupportLens-Period", run.from + "/" + run.to},
                       {"X-SupportLens-Filename", file_name},
                       {"X-SupportLens-Signature", AlertSignature(s.secret, body)}},
                      policy);
  run.attempts = outcome.attempts;
  run.status = outcome.delivered ? "delivered" : "failed";
  run.detail = outcome.delivered ? fmt::format("{} ({} bytes) to {}", file_name, body.size(), s.target) : outcome.error;
}

}  // namespace

Result<ReportSchedule> AddReportSchedule(const std::string& db, const std::string& workspace, ReportSchedule s, int64_t now) {
  if (!FindReportTemplate(s.template_name)) {
    std::string names;
    for (const auto& [name, title] : ReportTemplateNames()) names += (names.empty() ? "" : ", ") + name;
    return Status::InvalidArgument(fmt::format("template: unknown \"{}\" (expected one of {})", s.template_name, names));
  }
  if (s.every != "week" && s.every != "month") return Status::InvalidArgument(fmt::format("every: expected week or month, got \"{}\"", s.every));
  if (s.format != "html" && s.format != "pdf") return Status::InvalidArgument(fmt::format("format: expected html or pdf, got \"{}\"", s.format));
  if (s.hour < 0 || s.hour > 23) return Status::InvalidArgument(fmt::format("hour: expected 0 to 23, got {}", s.hour));
  if (s.deliver == "webhook") {
    if (s.target.rfind("http://", 0) != 0 && s.target.rfind("https://", 0) != 0)
      return Status::InvalidArgument(fmt::format("webhook: expected an http:// or https:// URL, got \"{}\"", s.target));
    if (s.secret.empty()) return Status::InvalidArgument("secret: a webhook needs a secret to sign what it receives");
  } else if (s.deliver == "folder") {
    if (s.target.empty()) return Status::InvalidArgument("folder: the folder to write the reports to");
  } else {
    return Status::InvalidArgument("give a folder to write to, or a webhook URL and a secret");
  }
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, false));
  SL_ASSIGN_OR_RETURN(TimeZone zone, ZoneOf(*store, workspace));
  s.next_run = NextRunAfter(s, zone, now);
  SL_ASSIGN_OR_RETURN(s.id, store->Query("INSERT INTO report_schedules(workspace, template, every, format, deliver, target, secret, hour,"
                                         " next_run, created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                         {workspace, s.template_name, s.every, s.format, s.deliver, s.target, s.secret, int64_t{s.hour},
                                          s.next_run, NowUtc()}));
  return s;
}

Result<std::vector<ReportSchedule>> ListReportSchedules(const std::string& db, const std::string& workspace) {
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, false));
  std::vector<ReportSchedule> out;
  SL_RETURN_IF_ERROR(store->Query(fmt::format("SELECT {} FROM report_schedules WHERE workspace = ? ORDER BY id", kScheduleColumns), {workspace},
                                  [&](sqlite3_stmt* q) { out.push_back(FromRow(q)); })
                         .status());
  return out;
}

Result<bool> DeleteReportSchedule(const std::string& db, const std::string& workspace, int64_t id) {
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, false));
  return store->DeleteWorkspaceRow("report_schedules", workspace, id);
}

Result<std::vector<ScheduledRun>> ListScheduledRuns(const std::string& db, const std::string& workspace, size_t limit) {
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, false));
  std::vector<ScheduledRun> out;
  SL_RETURN_IF_ERROR(store->Query("SELECT schedule_id, workspace, template, period_from, period_to, status, attempts, detail, at FROM report_runs"
                                  " WHERE workspace = ? ORDER BY id DESC LIMIT ?",
                                  {workspace, static_cast<int64_t>(limit)},
                                  [&](sqlite3_stmt* q) {
                                    ScheduledRun r;
                                    r.schedule_id = SqliteStore::ColumnInt(q, 0);
                                    r.workspace = std::string(SqliteStore::ColumnText(q, 1));
                                    r.template_name = std::string(SqliteStore::ColumnText(q, 2));
                                    r.from = std::string(SqliteStore::ColumnText(q, 3));
                                    r.to = std::string(SqliteStore::ColumnText(q, 4));
                                    r.status = std::string(SqliteStore::ColumnText(q, 5));
                                    r.attempts = static_cast<int>(SqliteStore::ColumnInt(q, 6));
                                    r.detail = std::string(SqliteStore::ColumnText(q, 7));
                                    r.at = std::string(SqliteStore::ColumnText(q, 8));
                                    out.push_back(std::move(r));
                                  })
                         .status());
  return out;
}

Result<std::vector<ScheduledRun>> RunDueReports(const std::string& db, int64_t now, const HttpPost& post, const DeliveryPolicy& policy) {
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, false));
  std::vector<std::pair<std::string, ReportSchedule>> due;
  SL_RETURN_IF_ERROR(store->Query(fmt::format("SELECT {}, workspace FROM report_schedules WHERE next_run <= ? ORDER BY next_run, id", kScheduleColumns),
                                  {now}, [&](sqlite3_stmt* q) { due.emplace_back(std::string(SqliteStore::ColumnText(q, 9)), FromRow(q)); })
                         .status());
  std::vector<ScheduledRun> runs;
  for (auto& [workspace, s] : due) {
    ScheduledRun run;
    run.schedule_id = s.id;
    run.workspace = workspace;
    run.template_name = s.template_name;
    auto zone = ZoneOf(*store, workspace);
    const TimeZone tz = zone.ok() ? *zone : TimeZone::Utc();
    // The latest run time that has passed: a schedule that waited reports the period just ended, once.
    int64_t at = s.next_run;
    for (int64_t next = NextRunAfter(s, tz, at); next <= now; next = NextRunAfter(s, tz, at)) at = next;
    const int64_t following = NextRunAfter(s, tz, now);
    // Claimed by moving its next run on; whoever else looks (another process) then finds it not due.
    SL_RETURN_IF_ERROR(store->Query("UPDATE report_schedules SET next_run = ? WHERE id = ? AND next_run = ?", {following, s.id, s.next_run}).status());
    int64_t claimed = 0;
    SL_RETURN_IF_ERROR(store->Query("SELECT changes()", {}, [&](sqlite3_stmt* q) { claimed = SqliteStore::ColumnInt(q, 0); }).status());
    if (claimed == 0) continue;
    const auto [from, to] = PeriodEndingOn(s.every, LocalDay(tz, at));
    run.from = FormatDate(from);
    run.to = FormatDate(to);
    if (!zone.ok()) {
      run.status = "failed", run.detail = zone.status().message();
    } else {
      Deliver(db, s, post, policy, run);
    }
    run.at = NowUtc();
    SL_RETURN_IF_ERROR(store->Query("INSERT INTO report_runs(schedule_id, workspace, template, period_from, period_to, status, attempts, detail, at)"
                                    " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    {s.id, workspace, s.template_name, run.from, run.to, run.status, int64_t{run.attempts}, run.detail, run.at})
                           .status());
    runs.push_back(std::move(run));
  }
  return runs;
}

std::string ReportSchedulesJson(const std::vector<ReportSchedule>& schedules, const std::vector<ScheduledRun>& runs) {
  nlohmann::json s = nlohmann::json::array(), r = nlohmann::json::array();
  for (const ReportSchedule& x : schedules)
    s.push_back({{"id", x.id}, {"template", x.template_name}, {"every", x.every}, {"format", x.format}, {"hour", x.hour},
                 {"deliver", x.deliver}, {"target", x.target}, {"next_run", FormatTimestampUtc(x.next_run)}});
  for (const ScheduledRun& x : runs)
    r.push_back({{"schedule", x.schedule_id}, {"template", x.template_name}, {"from", x.from}, {"to", x.to}, {"status", x.status},
                 {"attempts", x.attempts}, {"detail", x.detail}, {"at", x.at}});
  return nlohmann::json{{"schedules", s}, {"runs", r}}.dump() + "\n";
}

Result<ReportSchedule> ReportScheduleFromJson(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Status::InvalidArgument("the body must be a JSON object {\"template\": ..., \"every\": ..., \"folder\" or \"webhook\": ...}");
  ReportSchedule s;
  for (auto [key, out] : {std::pair<const char*, std::string*>{"template", &s.template_name}, {"every", &s.every}, {"format", &s.format},
                          {"secret", &s.secret}}) {
    if (!j.contains(key) || j[key].is_null()) continue;
    if (!j[key].is_string()) return Status::InvalidArgument(fmt::format("{}: expected a string", key));
    *out = j[key].get<std::string>();
  }
  if (j.contains("hour") && !j["hour"].is_null()) {
    if (!j["hour"].is_number_integer()) return Status::InvalidArgument("hour: expected a whole number 0 to 23");
    s.hour = static_cast<int>(std::clamp<int64_t>(j["hour"].get<int64_t>(), -1, 24));
  }
  for (const char* kind : {"folder", "webhook"}) {
    if (!j.contains(kind) || j[kind].is_null()) continue;
    if (!j[kind].is_string()) return Status::InvalidArgument(fmt::format("{}: expected a string", kind));
    if (!s.deliver.empty()) return Status::InvalidArgument("folder, webhook: give one of them, not both");
    s.deliver = kind;
    s.target = j[kind].get<std::string>();
  }
  return s;
}

}  // namespace supportlens
