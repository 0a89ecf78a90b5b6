#pragma once
// A derived columnar snapshot of a workspace beside the SQLite file, so that a fresh process
// reads the engine's columns at disk speed instead of re-decoding every row. It is keyed by the
// workspace's data version and rebuilt whenever the store has changed; deleting it loses nothing.
#include <optional>
#include <string>

#include "engine/dataset.h"
#include "engine/ticket_timeline.h"

namespace supportlens {

std::string SnapshotPath(const std::string& db_path, int64_t workspace);
// The columns and the folded timelines (which depend only on the data and the settings, and a
// settings change bumps the data version too).
struct Snapshot {
  Dataset data;
  TicketFacts facts;
};

// Writes atomically (temporary file, then rename).
Status WriteSnapshot(const Dataset& data, const TicketFacts& facts, const std::string& path, int64_t data_version);
// The snapshot, or nullopt when it is missing, from another format or stale. Settings are not
// part of it: the caller reads them from the store.
Result<std::optional<Snapshot>> ReadSnapshot(const std::string& path, int64_t data_version);

}  // namespace supportlens
