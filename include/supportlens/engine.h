#pragma once
// The library's entry points used by the CLI and the server.
#include <string>
#include <vector>

#include "supportlens/kpi_info.h"
#include "supportlens/query.h"
#include "supportlens/result.h"

namespace supportlens {

struct EntityCounts {
  std::string name;
  int64_t read = 0, inserted = 0, unchanged = 0, rejected = 0;
};

struct ImportReport {
  std::vector<EntityCounts> entities;
  std::vector<std::string> issue_lines;  // FILE:LINE: COLUMN: reason
  int64_t rejected = 0;
  std::string rejects_path;              // beside the database
  std::vector<std::string> notes;        // what a connector left out on purpose, with counts
  // How the rows were written: into a new database (bulk loaded), into an existing one that no
  // other process had open (taken alone, each page written once), or through the WAL beside
  // another process's connections.
  enum class Written { kNewDatabase, kAlone, kBesideReaders };
  Written written = Written::kNewDatabase;
};

// Imports a workspace folder into a SQLite database (created if missing).
Result<ImportReport> ImportFolder(const std::string& dir, const std::string& db, const std::string& workspace);

// Imports the files of a source through a connector, in one transaction: format "anonymous-bank",
// "asterisk-queue-log", "twitter", "zendesk", "freshdesk", "chatwoot", or "csv" with a `mapping` file (docs/connectors/).
// `timezone` (optional) sets the zone of a workspace that has no settings yet.
Result<ImportReport> ImportWithConnector(const std::string& format, const std::vector<std::string>& files, const std::string& db,
                                         const std::string& workspace, const std::string& timezone = "",
                                         const std::string& mapping = "");

// Computes a report from a database or straight from a workspace folder (imported into memory;
// rejected rows are listed in `warnings`).
Result<Report> ComputeReport(const std::string& source, const std::string& workspace, const Query& query,
                             std::vector<std::string>* warnings = nullptr);

// Lists the records behind one KPI figure: the query's window, cohort and filters, with the
// group's dimension values given as filters.
Result<RowsResult> ListRows(const std::string& source, const std::string& workspace, const std::string& kpi,
                            const Query& query, std::vector<std::string>* warnings = nullptr);

// Output formats: json, table, csv, markdown.
Result<std::string> RenderReport(const Report& report, const std::string& format);
Result<std::string> RenderRows(const RowsResult& rows, const std::string& format);

}  // namespace supportlens
