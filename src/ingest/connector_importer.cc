// Imports a source through its connector (src/ingest/connectors/): the translated
// records take the folder import's path from validation on, in one durable transaction.
#include <fmt/format.h>

#include <algorithm>

#include "ingest/connectors/connectors.h"
#include "ingest/importer.h"
#include "ingest/record_validator.h"
#include "model/workspace_settings.h"

namespace supportlens {

const std::vector<std::string>& ConnectorFormats() {
  static const std::vector<std::string> formats = {"anonymous-bank", "asterisk-queue-log", "twitter", "csv"};
  return formats;
}

Result<ImportSummary> ImportFromConnector(SqliteStore& store, const std::string& format, const std::filesystem::path& path,
                                          const std::string& workspace, const std::string& timezone, const std::string& mapping) {
  if (std::find(ConnectorFormats().begin(), ConnectorFormats().end(), format) == ConnectorFormats().end())
    return Status::InvalidArgument(fmt::format("--from: unknown format \"{}\" (expected anonymous-bank, asterisk-queue-log, twitter or csv)", format));
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return Status::NotFound(fmt::format("{}: no such file", path.string()));
  const std::string file = path.filename().string();

  SL_RETURN_IF_ERROR(store.Begin());
  ImportSummary summary;
  auto run = [&]() -> Status {
    SL_ASSIGN_OR_RETURN(int64_t ws, store.Workspace(workspace, true));
    SL_ASSIGN_OR_RETURN(auto stored, StoredSettings(store, ws));
    WorkspaceSettings settings = stored ? *stored : WorkspaceSettings();
    if (!timezone.empty()) {
      // Sets the zone of a workspace without settings; never silently changes an existing one.
      SL_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(timezone));
      if (stored && settings.zone.name() != zone.name())
        return Status::InvalidArgument(fmt::format("--timezone {}: workspace \"{}\" already uses {} (change it in its workspace.toml)",
                                                   timezone, workspace, settings.zone.name()));
      if (!stored) {
        std::string toml = fmt::format("timezone = \"{}\"\n", zone.name());
        SL_ASSIGN_OR_RETURN(settings, ParseWorkspaceSettings(toml, "workspace.toml"));
        SL_RETURN_IF_ERROR(store.SaveSettings(ws, toml));
      }
    }
    // The Anonymous Bank log has local clock times: the workspace's time zone places them.
    TranslatedSource log;
    if (format == "anonymous-bank") {
      SL_ASSIGN_OR_RETURN(log, TranslateAnonymousBank(path.string(), file, settings.zone));
    } else if (format == "csv") {
      SL_ASSIGN_OR_RETURN(log, TranslateMappedCsv(path.string(), file, mapping));
    } else if (format == "twitter") {
      SL_ASSIGN_OR_RETURN(log, TranslateTwitterThreads(path.string(), file));
    } else {
      SL_ASSIGN_OR_RETURN(log, TranslateAsteriskQueueLog(path.string(), file));
    }
    const int64_t untranslated = static_cast<int64_t>(log.issues.size());
    summary.issues = std::move(log.issues);
    summary.notes = std::move(log.notes);
    SL_ASSIGN_OR_RETURN(KnownIds known, KnownIds::Preload(store, ws));
    SL_ASSIGN_OR_RETURN(int64_t import_id, store.StartImport(ws, fmt::format("{}:{}", format, path.string())));
    RecordWriter writer(store, ws, import_id, known);
    TypedRecord rec;
    for (auto& [spec, records] : log.entities) {
      EntityImportCounts& counts = summary.entities[std::string(spec->name)];
      for (RawRecord& raw : records) {
        ++counts.read;
        if (!ValidateRecord(*spec, settings, file, raw, rec, summary.issues)) {
          ++counts.rejected;
          continue;
        }
        rec.key = RecordKey(*spec, rec);
        rec.hash = RecordHash(rec);
        SL_RETURN_IF_ERROR(writer.Write(*spec, file, rec, counts, summary.issues));
      }
    }
    // Lines the connector could not translate count as rejected rows of the log's main entity.
    if (!log.entities.empty()) summary.entities[std::string(log.entities[0].first->name)].rejected += untranslated;
    return store.FinishImport(import_id, summary.inserted_rows(), summary.unchanged_rows(), summary.rejected_rows());
  };
  Status s = run();
  if (!s.ok()) {
    (void)store.Rollback();
    return s;
  }
  SL_RETURN_IF_ERROR(store.Commit());
  return summary;
}

}  // namespace supportlens
