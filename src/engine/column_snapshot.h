#pragma once
// A derived columnar snapshot of a workspace beside the SQLite file, so that a fresh process
// reads the engine's columns at disk speed instead of re-decoding every row. It is keyed by the
// workspace's data version and data stamp (SqliteStore::DataStamp) and rebuilt whenever the store
// has changed, or is another database at the same path; deleting it loses nothing.
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

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

class SnapshotFileWriter;

// A snapshot being written: the dataset's columns on a thread of their own from construction,
// so that the caller can fold the timelines meanwhile (both only read the dataset, which must
// outlive this), then the facts. Atomic: a temporary file, renamed into place by Finish();
// destroyed unfinished, it leaves nothing behind.
class SnapshotWrite {
 public:
  SnapshotWrite(const Dataset& data, std::string path, int64_t data_version, int64_t data_stamp);
  SnapshotWrite(const SnapshotWrite&) = delete;
  SnapshotWrite& operator=(const SnapshotWrite&) = delete;
  ~SnapshotWrite();
  Status Finish(const TicketFacts& facts);

 private:
  Status Close(bool complete);
  std::string path_, tmp_, open_error_;
  std::vector<char> buffer_;
  FILE* file_ = nullptr;
  std::unique_ptr<SnapshotFileWriter> writer_;
  std::thread columns_;
};

// The snapshot, or nullopt when it is missing, from another format, stale, or of other data (a
// database made again at the same path). Settings are not part of it: the caller reads them from
// the store.
Result<std::optional<Snapshot>> ReadSnapshot(const std::string& path, int64_t data_version, int64_t data_stamp);

}  // namespace supportlens
