#pragma once
// The long-running face of the library, used by `supportlens serve` and `supportlens keys`:
// one database, batches of records written durably, reports over a loaded copy of each
// workspace that is refreshed when the store changes, API keys, and change notification.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "supportlens/alerts.h"
#include "supportlens/forecast.h"
#include "supportlens/lead_lag.h"
#include "supportlens/query.h"
#include "supportlens/result.h"
#include "supportlens/schedules.h"
#include "supportlens/staffing_plan.h"
#include "supportlens/targets.h"
#include "supportlens/text_analytics.h"

namespace supportlens {

// The entities records can be written to: the workspace folder's file names without extension.
const std::vector<std::string>& EntityNames();

enum class Role { kAdmin, kAnalyst, kIngest };
std::optional<Role> ParseRole(std::string_view name);
const char* RoleName(Role role);

struct ApiKeyInfo {
  int64_t id = 0;
  std::string workspace;
  Role role = Role::kAnalyst;
  std::string name, created_at;
  bool revoked = false;
};

struct NewApiKey {
  ApiKeyInfo info;
  std::string key;  // shown once; the database keeps only its SHA-256
};

struct IngestIssue {
  int64_t record = 0;  // 0-based index in the batch
  std::string field, reason;
  std::string message;  // ENTITY:NUMBER: FIELD: reason, as the folder import prints it
};

struct IngestResult {
  std::string entity;
  int64_t received = 0, inserted = 0, unchanged = 0;
  int64_t data_version = 0;
  std::vector<IngestIssue> issues;  // non-empty: the batch was rejected whole, nothing stored
};

struct WorkspaceDimensions {
  std::string workspace, timezone;
  std::string first_day, last_day;  // local dates of the first and last instant in the data ("" when empty)
  int64_t data_version = 0;
  std::vector<std::pair<std::string, std::vector<std::string>>> values;  // dimension -> sorted values
};

struct ServiceLimits {
  size_t max_batch_records = 10000;
};

class Service {
 public:
  static Result<std::unique_ptr<Service>> Open(const std::string& db, ServiceLimits limits = {});
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // API keys.
  Result<NewApiKey> CreateKey(const std::string& workspace, Role role, const std::string& name = "");
  // The key's record when it exists and is not revoked.
  Result<std::optional<ApiKeyInfo>> Authenticate(std::string_view key);
  Result<std::vector<ApiKeyInfo>> ListKeys(const std::string& workspace);  // "" = all workspaces
  Result<bool> RevokeKey(const std::string& workspace, int64_t id);        // "" = any workspace

  // Writes. `body` is {"records": [ {...}, ... ]}; ErrorKind::kTooLarge beyond the batch limit.
  Result<IngestResult> Ingest(const std::string& workspace, const std::string& entity, std::string_view body);
  Result<int64_t> SaveSettings(const std::string& workspace, const std::string& toml_text);

  // Reads, over the workspace as last committed.
  Result<Report> RunReport(const std::string& workspace, const Query& query);
  Result<RowsResult> Rows(const std::string& workspace, const std::string& kpi, const Query& query);
  Result<WorkspaceDimensions> Dimensions(const std::string& workspace);
  Result<int64_t> DataVersion(const std::string& workspace);
  // The JSON of supportlens/forecast.h and supportlens/staffing_plan.h over the workspace's
  // history in the database (as `supportlens forecast|plan --format json`).
  Result<std::string> ForecastJson(const std::string& workspace, const ForecastRequest& request);
  Result<std::string> StaffingPlanJson(const std::string& workspace, const StaffingPlanRequest& request);
  // The JSON of supportlens/text_analytics.h (as `supportlens sentiment --db` and `phrases`).
  Result<std::string> TicketSentimentsJson(const std::string& workspace, const SentimentListRequest& request);
  Result<std::string> CustomerSentimentsJson(const std::string& workspace, const SentimentListRequest& request);
  Result<std::string> PhrasesJson(const std::string& workspace, const PhraseTrendRequest& request);
  // Leading and lagging KPIs week by week (supportlens/lead_lag.h), as `supportlens lead-lag --format json`.
  Result<std::string> LeadLagJson(const std::string& workspace, const LeadLagRequest& request);
  // Targets (supportlens/targets.h): the JSON of `targets list` and `check`; a set from its JSON.
  Result<std::string> TargetsJson(const std::string& workspace, bool set_only);
  Result<std::string> SetTargetJson(const std::string& workspace, const std::string& body);
  Result<bool> DeleteTarget(const std::string& workspace, int64_t id);
  Result<std::string> TargetStatusJson(const std::string& workspace, const std::string& from, const std::string& to, bool only_set);
  // The alert history (supportlens/alerts.h), as `supportlens alerts history --format json`.
  Result<std::string> AlertHistoryJson(const std::string& workspace);
  // Alert rules and sinks: the JSON of `supportlens alerts list --format json`; a rule or a
  // webhook sink added from its JSON (supportlens/alerts.h), returned as stored; one deleted.
  Result<std::string> AlertRulesJson(const std::string& workspace);
  Result<std::string> AddAlertRuleJson(const std::string& workspace, const std::string& body);
  Result<std::string> AddAlertSinkJson(const std::string& workspace, const std::string& body);
  Result<bool> DeleteAlertRule(const std::string& workspace, int64_t id);
  Result<bool> DeleteAlertSink(const std::string& workspace, int64_t id);
  // Report schedules (supportlens/schedules.h): the schedules and their latest runs as JSON, a
  // schedule added from its JSON (a folder is a name under the reports folder), one deleted.
  Result<std::string> ReportSchedulesJson(const std::string& workspace);
  Result<std::string> AddReportScheduleJson(const std::string& workspace, const std::string& body);
  Result<bool> DeleteReportSchedule(const std::string& workspace, int64_t id);
  // Runs due report schedules on a thread of their own, looking every `interval`; folder
  // schedules added over the API write under `reports_dir` ("" refuses them).
  void EnableSchedules(HttpPost post, const std::string& reports_dir, DeliveryPolicy policy = {},
                       std::chrono::milliseconds interval = std::chrono::seconds(30));
  // Alerts: after each commit the workspace's rules and targets are evaluated on a thread of
  // their own, and what opens or closes is delivered with `post` (never blocking ingest).
  void EnableAlerts(HttpPost post, DeliveryPolicy policy = {});
  // Waits until the evaluations asked for so far are done (tests, shutdown).
  void WaitForAlerts();
  // Negative feedback (strongly negative customer messages, detractor surveys) received through
  // Ingest since the service started: {"items": [...], "last_seq": N}, items newer than `after`.
  std::string FeedbackJson(const std::string& workspace, int64_t after, size_t limit);
  int64_t FeedbackSeq(const std::string& workspace);

  // Waits until the workspace's data version differs from `seen`, its negative feedback has
  // items after `seen_feedback` (FeedbackSeq), `timeout` passes or `stop` is set; returns the
  // version then. Commits by this process wake it at once, those of other processes within
  // about a second. Feedback is noted just after its commit: a wait that saw the commit's version
  // must still wake for the feedback.
  int64_t WaitForChange(const std::string& workspace, int64_t seen, int64_t seen_feedback, std::chrono::milliseconds timeout,
                        const std::atomic<bool>& stop);
  void WakeAll();  // ends every wait early (shutdown)

 private:
  struct Impl;
  explicit Service(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace supportlens
