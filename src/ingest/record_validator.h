#pragma once
// Row-local validation: every value parsed against its FieldSpec, then the entity's own
// consistency rules (end before start, survey score within its scale, ...). Rules that need
// other records (references, duplicates, events before their ticket) live in the importer.
#include <string>
#include <vector>

#include "ingest/record_source.h"
#include "model/workspace_settings.h"

namespace supportlens {

// Fills `out` and returns true when the row is valid; otherwise appends issues and returns false.
bool ValidateRecord(const EntitySpec& spec, const WorkspaceSettings& settings, const std::string& file,
                    RawRecord& raw, TypedRecord& out, std::vector<RowIssue>& issues);

// Default survey scale for a kind (csat 1-5, nps 0-10, ces 1-7, esat 1-5).
void DefaultSurveyScale(const std::string& kind, double& min, double& max);

}  // namespace supportlens
