// The public entry points (include/supportlens/engine.h): open a source, load, run.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "engine/report_engine.h"
#include "ingest/importer.h"
#include "supportlens/engine.h"

namespace supportlens {
namespace {

struct OpenedSource {
  std::unique_ptr<SqliteStore> store;
  std::unique_ptr<LoadedWorkspace> workspace;
};

// A database file, or a workspace folder imported into a private in-memory database.
Result<std::unique_ptr<SqliteStore>> OpenStoreOf(const std::string& source, const std::string& workspace,
                                                 std::vector<std::string>* warnings) {
  std::unique_ptr<SqliteStore> store;
  std::error_code ec;
  if (std::filesystem::is_directory(source, ec)) {
    SL_ASSIGN_OR_RETURN(store, SqliteStore::Open(":memory:", true));
    SL_ASSIGN_OR_RETURN(ImportSummary summary, ImportWorkspaceFolder(*store, source, workspace));
    if (warnings)
      for (auto& i : summary.issues) warnings->push_back(FormatIssue(i));
  } else {
    if (!std::filesystem::exists(source, ec))
      return Status::NotFound(fmt::format("{}: no such database or workspace folder", source));
    SL_ASSIGN_OR_RETURN(store, SqliteStore::Open(source, false));
  }
  return store;
}

Result<OpenedSource> OpenSource(const std::string& source, const std::string& workspace, std::vector<std::string>* warnings) {
  OpenedSource out;
  SL_ASSIGN_OR_RETURN(out.store, OpenStoreOf(source, workspace, warnings));
  SL_ASSIGN_OR_RETURN(int64_t ws, out.store->Workspace(workspace, false));
  SL_ASSIGN_OR_RETURN(out.workspace, LoadedWorkspace::Load(*out.store, ws));
  return out;
}

std::string RecordName(RecordKind k) {
  switch (k) {
    case RecordKind::kTicket: return "ticket";
    case RecordKind::kWait: return "wait";
    case RecordKind::kSurvey: return "survey";
    case RecordKind::kCall: return "call";
    case RecordKind::kAgentState: return "agent_state";
    case RecordKind::kShift: return "shift";
    case RecordKind::kAgent: return "agent";
    case RecordKind::kCustomer: return "customer";
    case RecordKind::kRetention: return "retention_request";
    case RecordKind::kOffer: return "offer";
    case RecordKind::kSelfService: return "self_service";
    case RecordKind::kCost: return "cost";
  }
  return "record";
}

std::string Number(double v) { return fmt::format("{}", v); }

}  // namespace

namespace {

Result<ImportReport> ReportImport(const ImportSummary& summary, const std::string& db, ImportReport::Written written) {
  ImportReport r;
  r.written = written;
  for (auto& spec : AllEntities()) {
    auto it = summary.entities.find(std::string(spec.name));
    if (it == summary.entities.end()) continue;
    r.entities.push_back({std::string(spec.name), it->second.read, it->second.inserted, it->second.unchanged, it->second.rejected});
  }
  for (auto& i : summary.issues) r.issue_lines.push_back(FormatIssue(i));
  r.rejected = summary.rejected_rows();
  r.rejects_path = db + ".rejects.csv";
  if (r.rejected > 0) {
    SL_RETURN_IF_ERROR(WriteRejectsFile(r.rejects_path, summary.issues));
  } else {
    std::error_code ec;
    std::filesystem::remove(r.rejects_path, ec);  // a clean import leaves no stale rejects behind
  }
  r.notes = summary.notes;
  return r;
}

}  // namespace

namespace {

// A database the import creates is bulk loaded and published whole at the end. An existing one
// takes the rows in one transaction: alone, each page written once, when no other process has it
// open; else through the WAL, beside its readers (see SqliteStore::TakeAloneForImport).
struct ImportTarget {
  std::unique_ptr<SqliteStore> store;
  ImportReport::Written written;
};
Result<ImportTarget> OpenImportTarget(const std::string& db) {
  auto fresh = SqliteStore::CreateForBulkLoad(db);
  if (fresh.ok()) return ImportTarget{std::move(fresh).value(), ImportReport::Written::kNewDatabase};
  if (fresh.status().kind() != ErrorKind::kNotFound) return fresh.status();
  SL_ASSIGN_OR_RETURN(auto existing, SqliteStore::Open(db, true));
  SL_ASSIGN_OR_RETURN(bool alone, existing->TakeAloneForImport());
  return ImportTarget{std::move(existing), alone ? ImportReport::Written::kAlone : ImportReport::Written::kBesideReaders};
}

}  // namespace

Result<ImportReport> ImportFolder(const std::string& dir, const std::string& db, const std::string& workspace) {
  SL_ASSIGN_OR_RETURN(ImportTarget target, OpenImportTarget(db));
  SL_ASSIGN_OR_RETURN(ImportSummary summary, ImportWorkspaceFolder(*target.store, dir, workspace));
  SL_RETURN_IF_ERROR(target.store->Publish());
  return ReportImport(summary, db, target.written);
}

Result<ImportReport> ImportWithConnector(const std::string& format, const std::vector<std::string>& files, const std::string& db,
                                         const std::string& workspace, const std::string& timezone, const std::string& mapping) {
  SL_ASSIGN_OR_RETURN(ImportTarget target, OpenImportTarget(db));
  std::vector<std::filesystem::path> paths(files.begin(), files.end());
  SL_ASSIGN_OR_RETURN(ImportSummary summary, ImportFromConnector(*target.store, format, paths, workspace, timezone, mapping));
  SL_RETURN_IF_ERROR(target.store->Publish());
  return ReportImport(summary, db, target.written);
}

Result<Report> ComputeReport(const std::string& source, const std::string& workspace, const Query& query,
                             std::vector<std::string>* warnings) {
  auto t0 = std::chrono::steady_clock::now();
  SL_ASSIGN_OR_RETURN(OpenedSource opened, OpenSource(source, workspace, warnings));
  auto t1 = std::chrono::steady_clock::now();
  SL_ASSIGN_OR_RETURN(Report report, opened.workspace->Run(query));
  auto t2 = std::chrono::steady_clock::now();
  report.load_seconds = std::chrono::duration<double>(t1 - t0).count();
  report.compute_seconds = std::chrono::duration<double>(t2 - t1).count();
  return report;
}

Result<RowsResult> ListRows(const std::string& source, const std::string& workspace, const std::string& kpi,
                            const Query& query, std::vector<std::string>* warnings) {
  SL_ASSIGN_OR_RETURN(OpenedSource opened, OpenSource(source, workspace, warnings));
  return ListRecords(*opened.workspace, kpi, query);
}

Result<std::unique_ptr<SqliteStore>> OpenSourceStore(const std::string& source, const std::string& workspace) {
  return OpenStoreOf(source, workspace, nullptr);
}

Result<std::unique_ptr<LoadedWorkspace>> OpenLoadedWorkspace(const std::string& source, const std::string& workspace) {
  SL_ASSIGN_OR_RETURN(OpenedSource opened, OpenSource(source, workspace, nullptr));
  return std::move(opened.workspace);
}

Result<RowsResult> ListRecords(const LoadedWorkspace& workspace, const std::string& kpi, const Query& query) {
  Query q = query;
  q.kpis = {kpi};
  DrillSink sink;
  // The report itself is not needed: the sink collects every record the KPI counted.
  SL_RETURN_IF_ERROR(workspace.Run(q, &sink, kpi).status());
  const Dataset& d = workspace.data();
  const TicketFacts& f = workspace.facts();
  RowsResult out;
  out.entity = kpi;
  out.columns = {"record", "id", "at", "value", "counts"};
  auto ts = [](int64_t t) { return t == kNoTime ? std::string() : FormatTimestampUtc(t); };
  for (auto& e : sink.entries) {
    std::string id, at;
    size_t i = e.index;
    switch (e.kind) {
      case RecordKind::kTicket: id = d.dict.ticket.at(static_cast<int32_t>(i)); at = ts(d.tickets.created_at[i]); break;
      case RecordKind::kWait: id = d.dict.ticket.at(f.wait_ticket[i]); at = ts(f.wait_until[i]); break;
      case RecordKind::kSurvey: id = d.surveys.response_id[i]; at = ts(d.surveys.answered_at[i]); break;
      case RecordKind::kCall: id = d.calls.id[i]; at = ts(d.calls.offered_at[i]); break;
      case RecordKind::kAgentState: id = d.dict.agent.at(d.states.agent[i]); at = ts(d.states.start[i]); break;
      case RecordKind::kShift: id = d.dict.agent.at(d.shifts.agent[i]); at = ts(d.shifts.start[i]); break;
      case RecordKind::kAgent: id = d.dict.agent.at(static_cast<int32_t>(i)); break;
      case RecordKind::kCustomer: id = d.dict.customer.at(static_cast<int32_t>(i)); break;
      case RecordKind::kRetention: id = d.retention.id[i]; at = ts(d.retention.requested_at[i]); break;
      case RecordKind::kOffer: id = d.offers.id[i]; at = ts(d.offers.offered_at[i]); break;
      case RecordKind::kSelfService: id = d.self_service.id[i]; at = ts(d.self_service.started_at[i]); break;
      case RecordKind::kCost:
        id = FormatDate(static_cast<DayNumber>(d.costs.start_day[i])) + ".." + FormatDate(static_cast<DayNumber>(d.costs.end_day[i]));
        break;
    }
    std::vector<std::string> row = {RecordName(e.kind), id, at, e.value ? Number(*e.value) : "",
                                    e.hit ? (*e.hit ? "numerator" : "denominator") : ""};
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace supportlens
