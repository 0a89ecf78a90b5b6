#pragma once
// A loaded workspace (columnar data, folded timelines, compiled calendar) and the query
// runner that turns a Query into a Report.
#include <memory>
#include <vector>

#include "engine/dataset.h"
#include "engine/ticket_timeline.h"
#include "kpi/kpi_context.h"
#include "supportlens/query.h"

namespace supportlens {

class LoadedWorkspace {
 public:
  static Result<std::unique_ptr<LoadedWorkspace>> Load(SqliteStore& store, int64_t workspace);
  static std::unique_ptr<LoadedWorkspace> FromDataset(Dataset data);
  // `previous` plus what was committed since it was loaded, without rereading the rest of the
  // store (a server's refresh after an ingest batch). The snapshot file is left as it is.
  static Result<std::unique_ptr<LoadedWorkspace>> Refresh(SqliteStore& store, int64_t workspace, const LoadedWorkspace& previous);

  Result<Report> Run(const Query& query, DrillSink* drill = nullptr, const std::string& drill_kpi = "") const;
  const Dataset& data() const { return data_; }
  const TicketFacts& facts() const { return facts_; }
  int64_t data_version() const { return data_version_; }  // of the store when loaded (0: in memory)

 private:
  // Folds the timelines unless `facts` are given (from a snapshot), and compiles the calendar.
  static Result<std::unique_ptr<LoadedWorkspace>> LoadConsistent(SqliteStore& store, int64_t workspace);
  static std::unique_ptr<LoadedWorkspace> Assemble(Dataset data, std::optional<TicketFacts> facts);
  Dataset data_;
  TicketFacts facts_;
  BusinessCalendar calendar_;
  int64_t calendar_from_ = 0, calendar_to_ = 0;
  int64_t data_version_ = 0;  // the span calendar_ was compiled for
};

struct KpiDefinition;
// The order in which a report's two threads take its KPIs, as tasks that a thread runs whole:
// heaviest first (the scorecard, which recomputes seven KPIs per agent, then the durations; the
// weights only order the list), and the KPIs reading one costly shared sum
// (KpiDefinition::shares) in one task, in list order at the first one's place. Taken one by one,
// two of them would start together and one thread would wait for the sum the other computes.
std::vector<std::vector<const KpiDefinition*>> ReportTasks(const std::vector<const KpiDefinition*>& defs);

// Whether a KPI's cell renders as empty: no record was placed in it. Such a cell can carry zeros
// (0 hours, an empty list) or nothing, depending on the groups other KPIs of its thread created,
// so the report renders every one the same plain way.
bool RendersEmpty(const KpiValue& v, bool is_count);

// Opens a database (or imports a workspace folder into memory) and loads one workspace: what
// the report entry points do first, for analyses that need the columns themselves.
Result<std::unique_ptr<LoadedWorkspace>> OpenLoadedWorkspace(const std::string& source, const std::string& workspace);
// The store behind a source: the database, or a workspace folder imported into memory.
Result<std::unique_ptr<SqliteStore>> OpenSourceStore(const std::string& source, const std::string& workspace);

// The records behind one KPI figure of a query (drill-down): the query's window, cohort and
// filters, with a group's dimension values given as filters.
Result<RowsResult> ListRecords(const LoadedWorkspace& workspace, const std::string& kpi, const Query& query);

}  // namespace supportlens
