#include "ingest/batch_importer.h"

#include <fmt/format.h>

#include "ingest/importer.h"
#include "ingest/record_source.h"
#include "ingest/record_validator.h"
#include "model/workspace_settings.h"

namespace supportlens {

Result<BatchImportResult> ImportBatch(SqliteStore& store, const std::string& workspace, const EntitySpec& spec,
                                      const nlohmann::json& records) {
  if (!records.is_array()) return Status::InvalidArgument("\"records\" must be a list of objects");
  SL_RETURN_IF_ERROR(store.Begin());
  BatchImportResult result;
  // Everything below runs inside the transaction: a failure or a bad record rolls all of it back.
  auto run = [&]() -> Status {
    SL_ASSIGN_OR_RETURN(int64_t ws, store.Workspace(workspace, true));
    SL_ASSIGN_OR_RETURN(auto stored, StoredSettings(store, ws));
    const WorkspaceSettings settings = stored ? std::move(*stored) : WorkspaceSettings();
    KnownIds known = KnownIds::Lazy(store, ws);
    SL_ASSIGN_OR_RETURN(int64_t import_id, store.StartImport(ws, fmt::format("api:{}", spec.name)));
    RecordWriter writer(store, ws, import_id, known);
    const std::string file(spec.name);
    RawRecord raw;
    TypedRecord rec;
    int64_t line = 0;
    for (const auto& object : records) {
      ++line;
      ++result.counts.read;
      std::string text = object.dump();
      if (!object.is_object()) {
        result.issues.push_back({file, line, "record", "not a JSON object", text});
        ++result.counts.rejected;
        continue;
      }
      RawRecordFromJson(object, spec, file, line, std::move(text), raw);
      if (!ValidateRecord(spec, settings, file, raw, rec, result.issues)) {
        ++result.counts.rejected;
        continue;
      }
      rec.key = RecordKey(spec, rec);
      rec.hash = RecordHash(rec);
      SL_RETURN_IF_ERROR(writer.Write(spec, file, rec, result.counts, result.issues));
    }
    if (!result.issues.empty()) return Status::Ok();
    SL_RETURN_IF_ERROR(store.FinishImport(import_id, result.counts.inserted, result.counts.unchanged, 0));
    SL_ASSIGN_OR_RETURN(result.data_version, store.DataVersion(ws));
    return Status::Ok();
  };
  Status s = run();
  if (!s.ok() || !result.issues.empty()) {
    (void)store.Rollback();
    if (!s.ok()) return s;
    return result;
  }
  SL_RETURN_IF_ERROR(store.Commit());
  return result;
}

}  // namespace supportlens
