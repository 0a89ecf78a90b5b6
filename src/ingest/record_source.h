#pragma once
// Reads one workspace file (CSV or JSONL) and presents its rows as text values aligned to
// an EntitySpec, with unknown columns kept as extras.
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "ingest/csv_reader.h"
#include "model/entity_schema.h"
#include "model/record.h"

namespace supportlens {

struct RawRecord {
  int64_t line = 0;
  std::string file;  // the file messages name, when a source reads several ("" = the import's file)
  bool by_record = false;  // `line` is a record's number in a JSON file, not a line
  std::string raw;
  std::vector<std::optional<std::string>> values;             // per spec field; nullopt = absent
  std::vector<std::pair<std::string, std::string>> extras;    // columns not in the spec
  std::vector<RowIssue> issues;                               // problems found while reading
};

// One JSON object as a raw record (a JSONL line, or a record of an HTTP batch): strings, numbers,
// booleans and lists (joined with ';') in the folder format's text forms.
void RawRecordFromJson(const nlohmann::json& object, const EntitySpec& spec, const std::string& file, int64_t line,
                       std::string raw, RawRecord& out);

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  virtual bool Next(RawRecord& record) = 0;

  // Opens `path` (.csv or .jsonl) for `spec`. A missing required column is an error naming
  // the file and the column. `display_name` is what messages call the file.
  static Result<std::unique_ptr<RecordSource>> Open(const std::string& path, const std::string& display_name,
                                                    const EntitySpec& spec);
};

}  // namespace supportlens
