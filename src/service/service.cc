// The long-running service behind `supportlens serve` (include/supportlens/service.h).
#include "supportlens/service.h"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "core/time_zone.h"
#include "engine/report_engine.h"
#include "ingest/batch_importer.h"
#include "ingest/importer.h"
#include "model/workspace_settings.h"
#include "service/api_key_codec.h"
#include "service/negative_feedback.h"
#include "supportlens/engine.h"
#include "supportlens/text_analytics.h"

namespace supportlens {

const std::vector<std::string>& EntityNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& spec : AllEntities()) n.emplace_back(spec.name);
    return n;
  }();
  return names;
}

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "admin") return Role::kAdmin;
  if (name == "analyst") return Role::kAnalyst;
  if (name == "ingest") return Role::kIngest;
  return std::nullopt;
}

const char* RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kAnalyst: return "analyst";
    case Role::kIngest: return "ingest";
  }
  return "analyst";
}

namespace {

ApiKeyInfo InfoFrom(const SqliteStore::ApiKeyRow& row) {
  return {row.id, row.workspace, ParseRole(row.role).value_or(Role::kAnalyst), row.name, row.created_at, row.revoked};
}

// Revocations by another process (the CLI) reach a running server within this time.
constexpr auto kKeyCacheTtl = std::chrono::seconds(2);
// Commits by another process are noticed within this time.
constexpr auto kVersionPoll = std::chrono::milliseconds(500);

}  // namespace

struct Service::Impl {
  std::string db;
  ServiceLimits limits;
  // The writer: batches and settings, one transaction at a time.
  std::mutex write_mu;
  std::unique_ptr<SqliteStore> writer;
  // Small reads (versions, keys) on their own connection, so they never wait for a batch's fsync.
  std::mutex meta_mu;
  std::unique_ptr<SqliteStore> meta;

  struct Slot {
    std::mutex load_mu;
    std::shared_ptr<const LoadedWorkspace> loaded;
  };
  std::mutex slots_mu;
  std::map<std::string, std::shared_ptr<Slot>> slots;

  struct CachedKey {
    std::optional<ApiKeyInfo> info;
    std::chrono::steady_clock::time_point fetched;
  };
  std::mutex keys_mu;
  std::map<std::string, CachedKey> key_cache;  // by hash

  std::mutex feedback_mu;
  std::map<std::string, std::shared_ptr<NegativeFeedbackLog>> feedback;
  std::shared_ptr<NegativeFeedbackLog> FeedbackFor(const std::string& ws) {
    std::lock_guard lock(feedback_mu);
    auto& f = feedback[ws];
    if (!f) f = std::make_shared<NegativeFeedbackLog>();
    return f;
  }

  // Alert evaluation after commits: one thread, workspaces queued once however many commits.
  std::mutex alert_mu;
  std::condition_variable alert_cv;
  std::set<std::string> alert_pending;
  bool alert_busy = false, alert_stop = false;
  HttpPost alert_post;
  DeliveryPolicy alert_policy;
  std::thread alert_thread;

  void AlertLoop() {
    std::unique_lock lock(alert_mu);
    for (;;) {
      alert_cv.wait(lock, [&] { return alert_stop || !alert_pending.empty(); });
      if (alert_stop) return;
      const std::string ws = *alert_pending.begin();
      alert_pending.erase(alert_pending.begin());
      alert_busy = true;
      lock.unlock();
      auto loaded = Loaded(ws);
      if (loaded.ok()) {
        auto events = EvaluateAlerts(db, ws, loaded->get());
        if (events.ok()) {
          Status delivered = DeliverAlerts(db, ws, *events, alert_post, alert_policy);
          if (!delivered.ok()) std::cerr << "supportlens: alerts of \"" << ws << "\": " << delivered.message() << "\n";
        } else if (events.status().kind() != ErrorKind::kNotFound) {
          std::cerr << "supportlens: alerts of \"" << ws << "\": " << events.status().message() << "\n";
        }
      }
      lock.lock();
      alert_busy = false;
      alert_cv.notify_all();
    }
  }

  // Report schedules: one thread looks for due runs every `schedule_interval`.
  std::mutex schedule_mu;
  std::condition_variable schedule_cv;
  bool schedule_stop = false;
  std::string reports_dir;
  std::thread schedule_thread;

  void ScheduleLoop(HttpPost post, DeliveryPolicy policy, std::chrono::milliseconds interval) {
    std::unique_lock lock(schedule_mu);
    while (!schedule_stop) {
      lock.unlock();
      const int64_t now = NowUnixSeconds();
      auto runs = RunDueReports(db, now, post, policy);
      if (!runs.ok()) std::cerr << "supportlens: report schedules: " << runs.status().message() << "\n";
      else
        for (const ScheduledRun& r : *runs)
          std::cerr << "supportlens: report " << r.template_name << " of \"" << r.workspace << "\" for " << r.from << " .. " << r.to << ": "
                    << r.status << " (" << r.detail << ")\n";
      lock.lock();
      schedule_cv.wait_for(lock, interval, [&] { return schedule_stop; });
    }
  }

  std::mutex change_mu;
  std::condition_variable change_cv;
  uint64_t wake_generation = 0;

  std::shared_ptr<Slot> SlotFor(const std::string& ws) {
    std::lock_guard lock(slots_mu);
    auto& s = slots[ws];
    if (!s) s = std::make_shared<Slot>();
    return s;
  }

  Result<int64_t> Version(const std::string& ws) {
    std::lock_guard lock(meta_mu);
    auto id = meta->Workspace(ws, false);
    // The store's message names the database file, which is not the client's business.
    if (!id.ok() && id.status().kind() == ErrorKind::kNotFound)
      return Status::NotFound(fmt::format("no workspace named \"{}\" (it is created by its first write)", ws));
    if (!id.ok()) return id.status();
    return meta->DataVersion(*id);
  }

  // The workspace as last committed: the cached copy when the store has not changed since.
  Result<std::shared_ptr<const LoadedWorkspace>> Loaded(const std::string& ws) {
    SL_ASSIGN_OR_RETURN(int64_t version, Version(ws));
    auto slot = SlotFor(ws);
    std::lock_guard lock(slot->load_mu);  // concurrent readers share one load
    if (slot->loaded && slot->loaded->data_version() == version) return slot->loaded;
    SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, false));
    SL_ASSIGN_OR_RETURN(int64_t id, store->Workspace(ws, false));
    // After a commit, only the rows committed since the last load are read.
    SL_ASSIGN_OR_RETURN(std::unique_ptr<LoadedWorkspace> fresh, slot->loaded ? LoadedWorkspace::Refresh(*store, id, *slot->loaded)
                                                                             : LoadedWorkspace::Load(*store, id));
    slot->loaded = std::shared_ptr<const LoadedWorkspace>(std::move(fresh));
    return slot->loaded;
  }

  void Notify() {
    {
      std::lock_guard lock(change_mu);
      ++wake_generation;
    }
    change_cv.notify_all();
  }
};

Service::Service(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Service::~Service() {
  {
    std::lock_guard lock(impl_->alert_mu);
    impl_->alert_stop = true;
    impl_->alert_cv.notify_all();
  }
  if (impl_->alert_thread.joinable()) impl_->alert_thread.join();
  {
    std::lock_guard lock(impl_->schedule_mu);
    impl_->schedule_stop = true;
    impl_->schedule_cv.notify_all();
  }
  if (impl_->schedule_thread.joinable()) impl_->schedule_thread.join();
}

Result<std::unique_ptr<Service>> Service::Open(const std::string& db, ServiceLimits limits) {
  auto impl = std::make_unique<Impl>();
  impl->db = db;
  impl->limits = limits;
  SL_ASSIGN_OR_RETURN(impl->writer, SqliteStore::Open(db, true));
  SL_ASSIGN_OR_RETURN(impl->meta, SqliteStore::Open(db, false));
  return std::unique_ptr<Service>(new Service(std::move(impl)));
}

Result<NewApiKey> Service::CreateKey(const std::string& workspace, Role role, const std::string& name) {
  if (workspace.empty()) return Status::InvalidArgument("a key needs a workspace name");
  SL_ASSIGN_OR_RETURN(std::string key, NewApiKeySecret());
  std::lock_guard lock(impl_->write_mu);
  SL_ASSIGN_OR_RETURN(int64_t id, impl_->writer->AddApiKey(workspace, RoleName(role), name, Sha256Hex(key)));
  SL_ASSIGN_OR_RETURN(auto row, impl_->writer->FindApiKey(Sha256Hex(key)));
  if (!row) return Status::Internal("the new key was not stored");
  (void)id;
  return NewApiKey{InfoFrom(*row), key};
}

Result<std::optional<ApiKeyInfo>> Service::Authenticate(std::string_view key) {
  if (key.substr(0, kApiKeyPrefix.size()) != kApiKeyPrefix) return std::optional<ApiKeyInfo>();
  std::string hash = Sha256Hex(key);
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(impl_->keys_mu);
    auto it = impl_->key_cache.find(hash);
    if (it != impl_->key_cache.end() && now - it->second.fetched < kKeyCacheTtl) return it->second.info;
  }
  std::optional<ApiKeyInfo> info;
  {
    std::lock_guard lock(impl_->meta_mu);
    SL_ASSIGN_OR_RETURN(auto row, impl_->meta->FindApiKey(hash));
    if (row && !row->revoked) info = InfoFrom(*row);
  }
  std::lock_guard lock(impl_->keys_mu);
  if (impl_->key_cache.size() > 10000) impl_->key_cache.clear();  // unknown keys must not grow it without bound
  impl_->key_cache[hash] = {info, now};
  return info;
}

Result<std::vector<ApiKeyInfo>> Service::ListKeys(const std::string& workspace) {
  std::lock_guard lock(impl_->meta_mu);
  SL_ASSIGN_OR_RETURN(auto rows, impl_->meta->ListApiKeys(workspace));
  std::vector<ApiKeyInfo> out;
  for (auto& r : rows) out.push_back(InfoFrom(r));
  return out;
}

Result<bool> Service::RevokeKey(const std::string& workspace, int64_t id) {
  bool revoked;
  {
    std::lock_guard lock(impl_->write_mu);
    SL_ASSIGN_OR_RETURN(revoked, impl_->writer->RevokeApiKey(id, workspace));
  }
  std::lock_guard lock(impl_->keys_mu);
  impl_->key_cache.clear();  // the revoked key must stop working at once
  return revoked;
}

Result<IngestResult> Service::Ingest(const std::string& workspace, const std::string& entity, std::string_view body) {
  const EntitySpec* spec = FindEntity(entity);
  if (!spec) return Status::NotFound(fmt::format("unknown entity \"{}\" (expected one of the workspace folder's file names)", entity));
  nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded()) return Status::InvalidArgument("the body is not valid JSON");
  if (!doc.is_object() || !doc.contains("records") || !doc["records"].is_array())
    return Status::InvalidArgument("the body must be a JSON object {\"records\": [ ... ]}");
  const auto& records = doc["records"];
  if (records.size() > impl_->limits.max_batch_records)
    return Status::TooLarge(fmt::format("{} records in one batch; the limit is {}", records.size(), impl_->limits.max_batch_records));
  BatchImportResult batch;
  {
    std::lock_guard lock(impl_->write_mu);
    SL_ASSIGN_OR_RETURN(batch, ImportBatch(*impl_->writer, workspace, *spec, records));
  }
  IngestResult r;
  r.entity = entity;
  r.received = static_cast<int64_t>(records.size());
  r.inserted = batch.counts.inserted;
  r.unchanged = batch.counts.unchanged;
  r.data_version = batch.data_version;
  for (auto& i : batch.issues) r.issues.push_back({i.line - 1, i.column, i.reason, FormatIssue(i)});
  if (r.issues.empty() && r.inserted > 0) {
    // Negative feedback first: the live stream sends it before the (slower) refreshed report.
    impl_->FeedbackFor(workspace)->Observe(entity, records);
    impl_->Notify();
    {
      std::lock_guard lock(impl_->alert_mu);
      if (impl_->alert_thread.joinable()) {
        impl_->alert_pending.insert(workspace);
        impl_->alert_cv.notify_all();
      }
    }
  }
  return r;
}

Result<int64_t> Service::SaveSettings(const std::string& workspace, const std::string& toml_text) {
  auto parsed = ParseWorkspaceSettings(toml_text, "workspace.toml");
  if (!parsed.ok()) return Status::InvalidData(parsed.status().message());
  int64_t version;
  {
    std::lock_guard lock(impl_->write_mu);
    auto& store = *impl_->writer;
    SL_RETURN_IF_ERROR(store.Begin());
    auto run = [&]() -> Result<int64_t> {
      SL_ASSIGN_OR_RETURN(int64_t ws, store.Workspace(workspace, true));
      SL_RETURN_IF_ERROR(store.SaveSettings(ws, toml_text));
      return store.DataVersion(ws);
    };
    auto v = run();
    if (!v.ok()) {
      (void)store.Rollback();
      return v.status();
    }
    SL_RETURN_IF_ERROR(store.Commit());
    version = *v;
  }
  impl_->Notify();
  return version;
}

Result<Report> Service::RunReport(const std::string& workspace, const Query& query) {
  auto t0 = std::chrono::steady_clock::now();
  SL_ASSIGN_OR_RETURN(auto loaded, impl_->Loaded(workspace));
  auto t1 = std::chrono::steady_clock::now();
  SL_ASSIGN_OR_RETURN(Report report, loaded->Run(query));
  report.load_seconds = std::chrono::duration<double>(t1 - t0).count();
  report.compute_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  return report;
}

Result<RowsResult> Service::Rows(const std::string& workspace, const std::string& kpi, const Query& query) {
  SL_ASSIGN_OR_RETURN(auto loaded, impl_->Loaded(workspace));
  return ListRecords(*loaded, kpi, query);
}

Result<WorkspaceDimensions> Service::Dimensions(const std::string& workspace) {
  SL_ASSIGN_OR_RETURN(auto loaded, impl_->Loaded(workspace));
  const Dataset& d = loaded->data();
  WorkspaceDimensions out;
  out.workspace = workspace;
  out.timezone = d.settings.zone.name();
  out.data_version = loaded->data_version();
  // The span of ticket creation: what a dashboard's default window should cover.
  if (d.tickets.size() > 0) {
    auto [lo, hi] = std::minmax_element(d.tickets.created_at.begin(), d.tickets.created_at.end());
    auto local_day = [&](int64_t t) { return FormatDate(static_cast<DayNumber>(FloorDiv(d.settings.zone.ToLocal(t), 86400))); };
    out.first_day = local_day(*lo);
    out.last_day = local_day(*hi);
  }
  auto add = [&](const char* name, const Dictionary& dict) {
    std::vector<std::string> v;
    for (size_t i = 0; i < dict.size(); ++i) v.emplace_back(dict.at(static_cast<int32_t>(i)));
    std::sort(v.begin(), v.end());
    out.values.emplace_back(name, std::move(v));
  };
  add("channel", d.dict.channel);
  add("team", d.dict.team);
  add("topic", d.dict.topic);
  add("priority", d.dict.priority);
  add("queue", d.dict.queue);
  add("customer_segment", d.dict.segment);
  return out;
}

Result<int64_t> Service::DataVersion(const std::string& workspace) { return impl_->Version(workspace); }

// Version() first: an unknown workspace is NotFound without the database path in the message.
Result<std::string> Service::ForecastJson(const std::string& workspace, const ForecastRequest& request) {
  SL_RETURN_IF_ERROR(impl_->Version(workspace).status());
  SL_ASSIGN_OR_RETURN(ForecastResult result, ForecastVolume(impl_->db, workspace, request));
  return RenderForecast(result, "json");
}

Result<std::string> Service::TicketSentimentsJson(const std::string& workspace, const SentimentListRequest& request) {
  SL_ASSIGN_OR_RETURN(auto loaded, impl_->Loaded(workspace));
  SL_ASSIGN_OR_RETURN(auto tickets, TicketSentiments(*loaded, request));
  return RenderTicketSentiments(tickets, "json");
}

Result<std::string> Service::CustomerSentimentsJson(const std::string& workspace, const SentimentListRequest& request) {
  SL_ASSIGN_OR_RETURN(auto loaded, impl_->Loaded(workspace));
  SL_ASSIGN_OR_RETURN(auto customers, CustomerSentiments(*loaded, request));
  return RenderCustomerSentiments(customers, "json");
}

Result<std::string> Service::PhrasesJson(const std::string& workspace, const PhraseTrendRequest& request) {
  SL_RETURN_IF_ERROR(impl_->Version(workspace).status());
  SL_ASSIGN_OR_RETURN(PhraseTrendResult result, RisingPhrases(impl_->db, workspace, request));
  return RenderPhraseTrends(result, "json");
}

Result<std::string> Service::LeadLagJson(const std::string& workspace, const LeadLagRequest& request) {
  SL_ASSIGN_OR_RETURN(auto loaded, impl_->Loaded(workspace));
  SL_ASSIGN_OR_RETURN(LeadLagAnalysis analysis, AnalyseLeadLag(*loaded, request));
  return RenderLeadLag(analysis, "json");
}

Result<std::string> Service::TargetsJson(const std::string& workspace, bool set_only) {
  SL_ASSIGN_OR_RETURN(auto targets, ListTargets(impl_->db, workspace, !set_only));
  return RenderTargets(targets, "json");
}

Result<std::string> Service::SetTargetJson(const std::string& workspace, const std::string& body) {
  SL_ASSIGN_OR_RETURN(Target t, TargetFromJson(body));
  std::lock_guard lock(impl_->write_mu);
  SL_ASSIGN_OR_RETURN(Target saved, SetTarget(impl_->db, workspace, t));
  return TargetJson(saved);
}

Result<bool> Service::DeleteTarget(const std::string& workspace, int64_t id) {
  std::lock_guard lock(impl_->write_mu);
  return supportlens::DeleteTarget(impl_->db, workspace, id);
}

Result<std::string> Service::TargetStatusJson(const std::string& workspace, const std::string& from, const std::string& to, bool only_set) {
  SL_ASSIGN_OR_RETURN(auto loaded, impl_->Loaded(workspace));
  SL_ASSIGN_OR_RETURN(auto targets, ListTargets(impl_->db, workspace, !only_set));
  SL_ASSIGN_OR_RETURN(TargetCheck check, CheckTargets(*loaded, targets, from, to));
  return RenderTargetCheck(check, "json");
}

Result<std::string> Service::AlertHistoryJson(const std::string& workspace) { return AlertHistory(impl_->db, workspace, "json"); }

Result<std::string> Service::AlertRulesJson(const std::string& workspace) {
  SL_ASSIGN_OR_RETURN(auto rules, ListAlertRules(impl_->db, workspace));
  SL_ASSIGN_OR_RETURN(auto sinks, ListAlertSinks(impl_->db, workspace));
  return supportlens::AlertRulesJson(rules, sinks);
}

Result<std::string> Service::AddAlertRuleJson(const std::string& workspace, const std::string& body) {
  SL_ASSIGN_OR_RETURN(AlertRule rule, AlertRuleFromJson(body));
  std::lock_guard lock(impl_->write_mu);
  SL_ASSIGN_OR_RETURN(AlertRule added, AddAlertRule(impl_->db, workspace, rule));
  return nlohmann::json::parse(supportlens::AlertRulesJson({added}, {}))["rules"][0].dump();
}

Result<std::string> Service::AddAlertSinkJson(const std::string& workspace, const std::string& body) {
  SL_ASSIGN_OR_RETURN(AlertSink sink, AlertSinkFromJson(body));
  // A log file is a path on the server's machine: its operator sets those up with the CLI.
  if (sink.kind == "log")
    return Status::InvalidArgument("kind: a log file is added on the server's machine (supportlens alerts sink add --log FILE); over the API, add a webhook");
  std::lock_guard lock(impl_->write_mu);
  SL_ASSIGN_OR_RETURN(AlertSink added, AddAlertSink(impl_->db, workspace, sink));
  return nlohmann::json::parse(supportlens::AlertRulesJson({}, {added}))["sinks"][0].dump();
}

Result<bool> Service::DeleteAlertRule(const std::string& workspace, int64_t id) {
  std::lock_guard lock(impl_->write_mu);
  return supportlens::DeleteAlertRule(impl_->db, workspace, id);
}

Result<bool> Service::DeleteAlertSink(const std::string& workspace, int64_t id) {
  std::lock_guard lock(impl_->write_mu);
  return supportlens::DeleteAlertSink(impl_->db, workspace, id);
}

Result<std::string> Service::ReportSchedulesJson(const std::string& workspace) {
  SL_ASSIGN_OR_RETURN(auto schedules, ListReportSchedules(impl_->db, workspace));
  SL_ASSIGN_OR_RETURN(auto runs, ListScheduledRuns(impl_->db, workspace, 20));
  return supportlens::ReportSchedulesJson(schedules, runs);
}

Result<std::string> Service::AddReportScheduleJson(const std::string& workspace, const std::string& body) {
  SL_ASSIGN_OR_RETURN(ReportSchedule schedule, ReportScheduleFromJson(body));
  if (schedule.deliver == "folder") {
    // Over the API a folder is a name under the server's reports folder, never a path of its own.
    std::string reports_dir;
    {
      std::lock_guard lock(impl_->schedule_mu);
      reports_dir = impl_->reports_dir;
    }
    if (reports_dir.empty())
      return Status::InvalidArgument("folder: this server has no reports folder (serve --reports-dir DIR); deliver to a webhook instead");
    const std::filesystem::path sub(schedule.target);
    bool plain = !schedule.target.empty() && sub.is_relative();
    for (const auto& part : sub) plain = plain && part != ".." && part != ".";
    if (!plain) return Status::InvalidArgument(fmt::format("folder: expected a folder name under the reports folder, got \"{}\"", schedule.target));
    schedule.target = (std::filesystem::path(reports_dir) / sub).string();
  }
  const int64_t now = NowUnixSeconds();
  std::lock_guard lock(impl_->write_mu);
  SL_ASSIGN_OR_RETURN(ReportSchedule added, AddReportSchedule(impl_->db, workspace, schedule, now));
  return nlohmann::json::parse(supportlens::ReportSchedulesJson({added}, {}))["schedules"][0].dump();
}

Result<bool> Service::DeleteReportSchedule(const std::string& workspace, int64_t id) {
  std::lock_guard lock(impl_->write_mu);
  return supportlens::DeleteReportSchedule(impl_->db, workspace, id);
}

void Service::EnableSchedules(HttpPost post, const std::string& reports_dir, DeliveryPolicy policy, std::chrono::milliseconds interval) {
  std::lock_guard lock(impl_->schedule_mu);
  impl_->reports_dir = reports_dir;
  if (impl_->schedule_thread.joinable()) return;
  impl_->schedule_thread = std::thread([this, post = std::move(post), policy, interval] { impl_->ScheduleLoop(post, policy, interval); });
}

void Service::EnableAlerts(HttpPost post, DeliveryPolicy policy) {
  std::lock_guard lock(impl_->alert_mu);
  if (impl_->alert_thread.joinable()) return;
  impl_->alert_post = std::move(post);
  impl_->alert_policy = policy;
  impl_->alert_thread = std::thread([this] { impl_->AlertLoop(); });
}

void Service::WaitForAlerts() {
  std::unique_lock lock(impl_->alert_mu);
  impl_->alert_cv.wait(lock, [&] { return impl_->alert_stop || (impl_->alert_pending.empty() && !impl_->alert_busy); });
}

std::string Service::FeedbackJson(const std::string& workspace, int64_t after, size_t limit) {
  return impl_->FeedbackFor(workspace)->After(after, limit).dump();
}

int64_t Service::FeedbackSeq(const std::string& workspace) { return impl_->FeedbackFor(workspace)->last_seq(); }

Result<std::string> Service::StaffingPlanJson(const std::string& workspace, const StaffingPlanRequest& request) {
  SL_RETURN_IF_ERROR(impl_->Version(workspace).status());
  SL_ASSIGN_OR_RETURN(StaffingPlan plan, PlanStaffing(impl_->db, workspace, request));
  return RenderStaffingPlan(plan, "json");
}

int64_t Service::WaitForChange(const std::string& workspace, int64_t seen, int64_t seen_feedback,
                               std::chrono::milliseconds timeout, const std::atomic<bool>& stop) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    uint64_t generation;
    {
      std::lock_guard lock(impl_->change_mu);
      generation = impl_->wake_generation;
    }
    auto v = impl_->Version(workspace);
    int64_t now_version = v.ok() ? *v : seen;
    if (now_version != seen || FeedbackSeq(workspace) != seen_feedback || stop.load() ||
        std::chrono::steady_clock::now() >= deadline)
      return now_version;
    std::unique_lock lock(impl_->change_mu);
    impl_->change_cv.wait_until(lock, std::min(deadline, std::chrono::steady_clock::now() + kVersionPoll),
                                [&] { return impl_->wake_generation != generation || stop.load(); });
  }
}

void Service::WakeAll() { impl_->Notify(); }

}  // namespace supportlens
