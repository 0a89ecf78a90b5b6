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
  static const std::vector<std::string> formats = {"anonymous-bank", "asterisk-queue-log", "twitter", "zendesk", "freshdesk", "chatwoot", "csv"};
  return formats;
}

namespace {

// Appends one file's translation to `all`, each record remembering its file for the messages.
void Merge(TranslatedSource& all, TranslatedSource one, const std::string& file) {
  for (auto& [spec, records] : one.entities) {
    auto it = std::find_if(all.entities.begin(), all.entities.end(), [&](const auto& e) { return e.first == spec; });
    if (it == all.entities.end()) it = all.entities.insert(all.entities.end(), {spec, {}});
    for (RawRecord& r : records) {
      if (r.file.empty()) r.file = file;
      it->second.push_back(std::move(r));
    }
  }
  for (auto& i : one.issues) all.issues.push_back(std::move(i));
  for (auto& n : one.notes) all.notes.push_back(n);
}

}  // namespace

Result<ImportSummary> ImportFromConnector(SqliteStore& store, const std::string& format, const std::filesystem::path& path,
                                          const std::string& workspace, const std::string& timezone, const std::string& mapping) {
  return ImportFromConnector(store, format, std::vector<std::filesystem::path>{path}, workspace, timezone, mapping);
}

Result<ImportSummary> ImportFromConnector(SqliteStore& store, const std::string& format, const std::vector<std::filesystem::path>& paths,
                                          const std::string& workspace, const std::string& timezone, const std::string& mapping) {
  if (std::find(ConnectorFormats().begin(), ConnectorFormats().end(), format) == ConnectorFormats().end())
    return Status::InvalidArgument(
        fmt::format("--from: unknown format \"{}\" (expected anonymous-bank, asterisk-queue-log, twitter, zendesk, freshdesk, chatwoot or csv)", format));
  std::error_code ec;
  for (const auto& path : paths)
    if (!std::filesystem::is_regular_file(path, ec)) return Status::NotFound(fmt::format("{}: no such file", path.string()));
  std::string source_names;
  for (const auto& path : paths) source_names += (source_names.empty() ? "" : ",") + path.string();
  const std::string file = paths.empty() ? std::string() : paths.front().filename().string();

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
    if (format == "zendesk") {
      // The files of one export explain each other (users make a comment a customer's or an agent's).
      SL_ASSIGN_OR_RETURN(log, TranslateZendesk(paths));
    } else if (format == "chatwoot") {
      SL_ASSIGN_OR_RETURN(log, TranslateChatwoot(paths));
    } else if (format == "freshdesk") {
      // The export's times are local to the account: the workspace's time zone places them.
      SL_ASSIGN_OR_RETURN(log, TranslateFreshdesk(paths, settings.zone));
    } else {
      for (const auto& path : paths) {
        const std::string name = path.filename().string();
        TranslatedSource one;
        if (format == "anonymous-bank") {
          SL_ASSIGN_OR_RETURN(one, TranslateAnonymousBank(path.string(), name, settings.zone));
        } else if (format == "csv") {
          SL_ASSIGN_OR_RETURN(one, TranslateMappedCsv(path.string(), name, mapping));
        } else if (format == "twitter") {
          SL_ASSIGN_OR_RETURN(one, TranslateTwitterThreads(path.string(), name));
        } else {
          SL_ASSIGN_OR_RETURN(one, TranslateAsteriskQueueLog(path.string(), name));
        }
        Merge(log, std::move(one), name);
      }
    }
    const int64_t untranslated = static_cast<int64_t>(log.issues.size());
    summary.issues = std::move(log.issues);
    summary.notes = std::move(log.notes);
    SL_ASSIGN_OR_RETURN(KnownIds known, KnownIds::Preload(store, ws));
    SL_ASSIGN_OR_RETURN(int64_t import_id, store.StartImport(ws, fmt::format("{}:{}", format, source_names)));
    RecordWriter writer(store, ws, import_id, known);
    TypedRecord rec;
    for (auto& [spec, records] : log.entities) {
      EntityImportCounts& counts = summary.entities[std::string(spec->name)];
      for (RawRecord& raw : records) {
        ++counts.read;
        const size_t issues_before = summary.issues.size();
        // Records of a JSON file are named by their number in it ("tickets.json:record 3").
        auto mark = [&] {
          for (size_t i = issues_before; i < summary.issues.size(); ++i) summary.issues[i].by_record = raw.by_record;
        };
        if (!ValidateRecord(*spec, settings, raw.file.empty() ? file : raw.file, raw, rec, summary.issues)) {
          ++counts.rejected;
          mark();
          continue;
        }
        rec.key = RecordKey(*spec, rec);
        rec.hash = RecordHash(rec);
        SL_RETURN_IF_ERROR(writer.Write(*spec, raw.file.empty() ? file : raw.file, rec, counts, summary.issues));
        mark();
      }
    }
    // Lines the connector could not translate count as rejected rows of the source's main entity:
    // its tickets when it has any (helpdesks), else its first (calls of a call log).
    if (!log.entities.empty()) {
      auto main = std::find_if(log.entities.begin(), log.entities.end(), [](const auto& e) { return e.first->name == "tickets"; });
      summary.entities[std::string((main == log.entities.end() ? log.entities.front() : *main).first->name)].rejected += untranslated;
    }
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
