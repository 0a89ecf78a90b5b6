#pragma once
// Imports one batch of records of one entity, given as JSON objects (the HTTP ingest), under the
// import contract with one difference: a batch is all or nothing. Each record is validated with
// the folder import's rules and messages (the entity is the file, the 1-based record number the
// line); when any record is bad nothing of the batch is stored.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/record_writer.h"
#include "store/sqlite_store.h"

namespace supportlens {

struct BatchImportResult {
  EntityImportCounts counts;
  std::vector<RowIssue> issues;  // non-empty: the batch was rejected and nothing stored
  int64_t data_version = 0;      // the workspace's version after the batch
};

Result<BatchImportResult> ImportBatch(SqliteStore& store, const std::string& workspace, const EntitySpec& spec,
                                      const nlohmann::json& records);

}  // namespace supportlens
