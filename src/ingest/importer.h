#pragma once
// Imports a workspace folder into the store under the import contract: every bad row is
// reported as FILE:LINE: COLUMN: reason, valid rows are stored in one durable transaction,
// stored rows are never changed, and re-importing the same folder stores nothing twice.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/record.h"
#include "ingest/record_writer.h"
#include "model/workspace_settings.h"
#include "store/sqlite_store.h"

namespace supportlens {

struct ImportSummary {
  std::map<std::string, EntityImportCounts> entities;  // by entity name
  std::vector<RowIssue> issues;
  std::vector<std::string> notes;  // what a connector left out on purpose, with counts
  int64_t rejected_rows() const;
  int64_t inserted_rows() const;
  int64_t unchanged_rows() const;
};

// Imports `dir` into workspace `workspace` of `store`. Returns the summary (issues included);
// an error Status only for failures that stop the whole import (unreadable folder, bad
// workspace.toml, missing tickets file or required column, database failure), in which case
// nothing of this import is stored.
Result<ImportSummary> ImportWorkspaceFolder(SqliteStore& store, const std::filesystem::path& dir,
                                            const std::string& workspace);

// The workspace's stored workspace.toml, parsed; nullopt when it has none.
Result<std::optional<WorkspaceSettings>> StoredSettings(SqliteStore& store, int64_t ws);

// Imports a source (`format`: one of ConnectorFormats()) through its connector, under the
// same contract as a folder; the log's lines are the lines of the messages. `timezone` (optional)
// sets the zone of a workspace that has no settings yet (logs with local clock times need it).
const std::vector<std::string>& ConnectorFormats();
Result<ImportSummary> ImportFromConnector(SqliteStore& store, const std::string& format, const std::filesystem::path& file,
                                          const std::string& workspace, const std::string& timezone = "",
                                          const std::string& mapping = "");
// Several files of one source in one transaction (an export of several files, such as Zendesk's).
Result<ImportSummary> ImportFromConnector(SqliteStore& store, const std::string& format, const std::vector<std::filesystem::path>& files,
                                          const std::string& workspace, const std::string& timezone = "",
                                          const std::string& mapping = "");

// Writes the issues as CSV (file,line,column,reason,record).
Status WriteRejectsFile(const std::filesystem::path& path, const std::vector<RowIssue>& issues);
std::string FormatIssue(const RowIssue& issue);  // FILE:LINE: COLUMN: reason

}  // namespace supportlens
