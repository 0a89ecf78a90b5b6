#pragma once
// A derived columnar snapshot of a workspace beside the SQLite file, so that a fresh process
// reads the engine's columns at disk speed instead of re-decoding every row. It is keyed by the
// workspace's data version and rebuilt whenever the store has changed; deleting it loses nothing.
#include <optional>
#include <string>

#include "engine/dataset.h"

namespace supportlens {

std::string SnapshotPath(const std::string& db_path, int64_t workspace);
// Writes atomically (temporary file, then rename).
Status WriteSnapshot(const Dataset& data, const std::string& path, int64_t data_version);
// The dataset, or nullopt when the snapshot is missing, from another format or stale.
Result<std::optional<Dataset>> ReadSnapshot(const std::string& path, int64_t data_version);

}  // namespace supportlens
