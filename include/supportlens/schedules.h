#pragma once
// Report schedules: a template run every week (on Monday, over the week just ended) or every
// month (on the 1st, over the month just ended) at a local hour, delivered as HTML or PDF to a
// folder or to a webhook (signed like alerts, retried, recorded). The server runs the due ones;
// `supportlens schedules run` does the same from cron. Method: docs/reports.md.
#include <cstdint>
#include <string>
#include <vector>

#include "supportlens/alerts.h"
#include "supportlens/result.h"

namespace supportlens {

struct ReportSchedule {
  int64_t id = 0;
  std::string template_name;
  std::string every;            // week or month
  std::string format = "html";  // html or pdf
  std::string deliver;          // folder or webhook
  std::string target;           // the folder, or the webhook's URL
  std::string secret;           // webhook: the key of the HMAC-SHA256 signature
  int hour = 6;                 // local hour of the run
  int64_t next_run = 0;         // UTC seconds of the next run
};

struct ScheduledRun {
  int64_t schedule_id = 0;
  std::string workspace, template_name, from, to;  // the period reported, [from, to)
  std::string status;                              // delivered or failed
  int attempts = 0;
  std::string detail;                              // the file written, or why it failed
  std::string at;                                  // UTC
};

// Checks the schedule (template, period, format, delivery) and stores it with its first run
// after `now` (UTC seconds) in the workspace's time zone.
Result<ReportSchedule> AddReportSchedule(const std::string& db, const std::string& workspace, ReportSchedule schedule, int64_t now);
Result<std::vector<ReportSchedule>> ListReportSchedules(const std::string& db, const std::string& workspace);
Result<bool> DeleteReportSchedule(const std::string& db, const std::string& workspace, int64_t id);
// The newest runs of a workspace's schedules, newest first.
Result<std::vector<ScheduledRun>> ListScheduledRuns(const std::string& db, const std::string& workspace, size_t limit = 50);

// Runs every schedule (of every workspace) due at `now`: the period that has just ended, once
// however long the schedule waited; then the next run is set. Webhooks go through `post` with
// the alert retry policy. Returns what ran.
Result<std::vector<ScheduledRun>> RunDueReports(const std::string& db, int64_t now, const HttpPost& post, const DeliveryPolicy& policy = {});

// JSON forms for the API: {"schedules": [...], "runs": [...]} (no secrets), and a schedule from
// {"template", "every", "format", "hour", "folder" | "webhook" + "secret"}; errors name the field.
std::string ReportSchedulesJson(const std::vector<ReportSchedule>& schedules, const std::vector<ScheduledRun>& runs);
Result<ReportSchedule> ReportScheduleFromJson(const std::string& body);

}  // namespace supportlens
