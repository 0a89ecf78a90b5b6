#include "ingest/importer.h"

#include <fmt/format.h>

#include <fstream>
#include <thread>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "core/bounded_queue.h"
#include "ingest/derived_columns.h"
#include "ingest/record_source.h"
#include "ingest/record_validator.h"
#include "model/workspace_settings.h"

namespace supportlens {
namespace {

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int64_t ImportSummary::rejected_rows() const {
  int64_t n = 0;
  for (auto& [_, c] : entities) n += c.rejected;
  return n;
}

int64_t ImportSummary::unchanged_rows() const {
  int64_t n = 0;
  for (auto& [_, c] : entities) n += c.unchanged;
  return n;
}

int64_t ImportSummary::inserted_rows() const {
  int64_t n = 0;
  for (auto& [_, c] : entities) n += c.inserted;
  return n;
}

Result<std::optional<WorkspaceSettings>> StoredSettings(SqliteStore& store, int64_t ws) {
  SL_ASSIGN_OR_RETURN(auto text, store.LoadSettings(ws));
  if (!text) return std::optional<WorkspaceSettings>();
  SL_ASSIGN_OR_RETURN(WorkspaceSettings settings, ParseWorkspaceSettings(*text, "workspace.toml (stored)"));
  return std::optional<WorkspaceSettings>(std::move(settings));
}

std::string FormatIssue(const RowIssue& i) {
  return i.by_record ? fmt::format("{}:record {}: {}: {}", i.file, i.line, i.column, i.reason)
                     : fmt::format("{}:{}: {}: {}", i.file, i.line, i.column, i.reason);
}

Result<ImportSummary> ImportWorkspaceFolder(SqliteStore& store, const std::filesystem::path& dir,
                                            const std::string& workspace) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return Status::NotFound(fmt::format("{}: not a workspace folder", dir.string()));

  // Locate the files first so that a missing tickets file stops the import before anything is written.
  std::vector<std::pair<const EntitySpec*, std::filesystem::path>> files;
  for (const auto& spec : AllEntities()) {
    auto csv = dir / (std::string(spec.name) + ".csv");
    auto jsonl = dir / (std::string(spec.name) + ".jsonl");
    bool has_csv = std::filesystem::exists(csv), has_jsonl = std::filesystem::exists(jsonl);
    if (has_csv && has_jsonl)
      return Status::InvalidData(fmt::format("{}.csv and {}.jsonl both exist in {}: keep one", spec.name, spec.name, dir.string()));
    if (has_csv) files.emplace_back(&spec, csv);
    else if (has_jsonl) files.emplace_back(&spec, jsonl);
    else if (spec.name == "tickets")
      return Status::InvalidData(fmt::format("{}: tickets.csv is missing (it is the one required file)", dir.string()));
  }

  SL_RETURN_IF_ERROR(store.Begin());
  auto fail = [&](Status s) {
    (void)store.Rollback();
    return s;
  };
  auto ws_or = store.Workspace(workspace, true);
  if (!ws_or.ok()) return fail(ws_or.status());
  int64_t ws = *ws_or;

  // Settings: the folder's workspace.toml replaces the stored one (a calendar change is a new definition
  // of the same raw data); without one, the stored settings stay.
  WorkspaceSettings settings;
  auto toml_path = dir / "workspace.toml";
  if (std::filesystem::exists(toml_path)) {
    std::string text = ReadFile(toml_path);
    auto parsed = ParseWorkspaceSettings(text, "workspace.toml");
    if (!parsed.ok()) return fail(parsed.status());
    settings = std::move(parsed).value();
    if (auto s = store.SaveSettings(ws, text); !s.ok()) return fail(s);
  } else {
    auto stored = StoredSettings(store, ws);
    if (!stored.ok()) return fail(stored.status());
    if (*stored) settings = std::move(**stored);
  }

  auto known = KnownIds::Preload(store, ws);
  if (!known.ok()) return fail(known.status());
  auto import_id = store.StartImport(ws, dir.string());
  if (!import_id.ok()) return fail(import_id.status());

  ImportSummary summary;
  RecordWriter writer(store, ws, *import_id, *known);
  for (auto& [spec_ptr, path] : files) {
    const EntitySpec& spec = *spec_ptr;
    std::string file = path.filename().string();
    auto source = RecordSource::Open(path.string(), file, spec);
    if (!source.ok()) return fail(source.status());
    EntityImportCounts& counts = summary.entities[std::string(spec.name)];
    // Reading and row-local validation run on a second thread; references, duplicates and the
    // inserts stay on this one, in file order.
    struct Checked {
      bool valid = false;
      TypedRecord rec;
      std::vector<RowIssue> issues;
    };
    // Batches travel back empty for reuse, so records keep their string capacity between rows.
    struct Batch {
      std::vector<Checked> rows;
      size_t size = 0;
    };
    constexpr size_t kBatchRows = 2048;
    BoundedQueue<Batch> queue(8), recycled(16);
    // References too are checked on the reading thread when the ids they are looked up in cannot
    // change while this file is written (most files): the writing thread is the busier one.
    const bool check_ahead = known->CheckableAhead(spec);
    Status reader_failure;
    std::thread reader([&, source = source->get()] {
      ReferenceChecker references(*known);
      RawRecord raw;
      Batch batch;
      batch.rows.resize(kBatchRows);
      while (source->Next(raw)) {
        Checked& c = batch.rows[batch.size++];
        c.issues.clear();
        c.valid = ValidateRecord(spec, settings, file, raw, c.rec, c.issues);
        if (c.valid) {
          c.rec.key = RecordKey(spec, c.rec);
          c.rec.hash = RecordHash(c.rec);
          // Scoring a message's text is the import's costliest step per row: here it runs beside
          // the store's writes instead of before them.
          c.rec.derived = DerivedColumns(spec, c.rec);
          if (check_ahead) {
            if (Status checked = references.Check(spec, file, c.rec, c.issues); !checked.ok()) {
              reader_failure = checked;
              break;
            }
            c.valid = c.issues.empty();
          }
        }
        if (batch.size == kBatchRows) {
          if (!queue.Push(std::move(batch))) return;
          auto reused = recycled.TryPop();
          batch = reused ? std::move(*reused) : Batch();
          batch.size = 0;
          batch.rows.resize(kBatchRows);
        }
      }
      if (batch.size > 0 && reader_failure.ok()) queue.Push(std::move(batch));
      queue.Close();
    });
    Status failure;
    std::vector<const TypedRecord*> valid;  // a run of valid rows, stored together
    while (auto batch = queue.Pop()) {
      valid.clear();
      for (size_t row = 0; row < batch->size && failure.ok(); ++row) {
        Checked& checked = batch->rows[row];
        ++counts.read;
        if (checked.valid) {
          valid.push_back(&checked.rec);
          continue;
        }
        // Problems are reported in file order: the rows before this one are stored first.
        failure = writer.WriteMany(spec, file, valid, counts, summary.issues, check_ahead);
        valid.clear();
        for (auto& i : checked.issues) summary.issues.push_back(std::move(i));
        ++counts.rejected;
      }
      if (failure.ok()) failure = writer.WriteMany(spec, file, valid, counts, summary.issues, check_ahead);
      if (!failure.ok()) break;
      recycled.TryPush(std::move(*batch));
    }
    queue.Cancel();
    reader.join();
    if (failure.ok()) failure = reader_failure;
    if (!failure.ok()) return fail(failure);
  }
  if (auto s = store.FinishImport(*import_id, summary.inserted_rows(), summary.unchanged_rows(), summary.rejected_rows()); !s.ok())
    return fail(s);
  SL_RETURN_IF_ERROR(store.Commit());
  return summary;
}

Status WriteRejectsFile(const std::filesystem::path& path, const std::vector<RowIssue>& issues) {
  std::ofstream out(path, std::ios::trunc);
  if (!out) return Status::Io(fmt::format("{}: cannot write the rejects file", path.string()));
  auto q = [](const std::string& s) {
    std::string r = "\"";
    for (char c : s) {
      if (c == '"') r += '"';
      r += c;
    }
    return r + "\"";
  };
  out << "file,line,column,reason,record\n";
  for (auto& i : issues) out << q(i.file) << ',' << i.line << ',' << q(i.column) << ',' << q(i.reason) << ',' << q(i.raw) << '\n';
  return out ? Status::Ok() : Status::Io(fmt::format("{}: write failed", path.string()));
}

}  // namespace supportlens
