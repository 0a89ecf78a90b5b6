#include "ingest/record_source.h"

#include "core/text.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

namespace supportlens {
namespace {

class CsvRecordSource : public RecordSource {
 public:
  CsvRecordSource(std::unique_ptr<CsvReader> reader, std::string name, const EntitySpec& spec,
                  std::vector<int> column_to_field, std::vector<std::string> header)
      : reader_(std::move(reader)), name_(std::move(name)), spec_(spec),
        column_to_field_(std::move(column_to_field)), header_(std::move(header)) {}

  bool Next(RawRecord& out) override {
    if (!reader_->Next(rec_)) return false;
    out.line = rec_.line;
    out.raw = rec_.raw;
    out.values.assign(spec_.fields.size(), std::nullopt);
    out.extras.clear();
    out.issues.clear();
    if (!rec_.error.empty()) {
      size_t f = std::min(rec_.error_field, header_.size() - 1);
      out.issues.push_back({name_, rec_.line, header_[f], rec_.error, rec_.raw});
      return true;
    }
    if (rec_.fields.size() != header_.size()) {
      std::string column = rec_.fields.size() < header_.size() ? header_[rec_.fields.size()] : "(extra)";
      out.issues.push_back({name_, rec_.line, column,
                            fmt::format("row has {} fields, the header has {}", rec_.fields.size(), header_.size()),
                            rec_.raw});
      return true;
    }
    for (size_t c = 0; c < header_.size(); ++c) {
      int f = column_to_field_[c];
      if (f >= 0) {
        if (!rec_.fields[c].empty()) out.values[static_cast<size_t>(f)] = std::move(rec_.fields[c]);
      } else if (!header_[c].empty() && !rec_.fields[c].empty()) {
        out.extras.emplace_back(header_[c], std::move(rec_.fields[c]));
      }
    }
    return true;
  }

 private:
  std::unique_ptr<CsvReader> reader_;
  CsvRecord rec_;
  std::string name_;
  const EntitySpec& spec_;
  std::vector<int> column_to_field_;
  std::vector<std::string> header_;
};

class JsonlRecordSource : public RecordSource {
 public:
  JsonlRecordSource(std::ifstream in, std::string name, const EntitySpec& spec)
      : in_(std::move(in)), name_(std::move(name)), spec_(spec) {}

  bool Next(RawRecord& out) override {
    std::string line;
    for (;;) {
      if (!std::getline(in_, line)) return false;
      ++line_no_;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") != std::string::npos) break;
    }
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      out.line = line_no_;
      out.raw = line;
      out.values.assign(spec_.fields.size(), std::nullopt);
      out.extras.clear();
      out.issues.assign(1, {name_, line_no_, "record", "not a JSON object on one line", line});
      return true;
    }
    RawRecordFromJson(j, spec_, name_, line_no_, line, out);
    return true;
  }

 private:
  std::ifstream in_;
  std::string name_;
  const EntitySpec& spec_;
  int64_t line_no_ = 0;
};

}  // namespace

void RawRecordFromJson(const nlohmann::json& j, const EntitySpec& spec, const std::string& file, int64_t line,
                       std::string raw, RawRecord& out) {
  out.line = line;
  out.raw = std::move(raw);
  out.values.assign(spec.fields.size(), std::nullopt);
  out.extras.clear();
  out.issues.clear();
  for (auto& [key, v] : j.items()) {
    std::string text;
    if (v.is_null()) continue;
    if (v.is_string()) {
      text = v.get<std::string>();
    } else if (v.is_boolean()) {
      text = v.get<bool>() ? "true" : "false";
    } else if (v.is_number()) {
      text = v.dump();
    } else if (v.is_array()) {
      bool first = true;
      for (auto& e : v) {
        if (!first) text += ';';
        first = false;
        text += e.is_string() ? e.get<std::string>() : e.dump();
      }
    } else {
      out.issues.push_back({file, line, key, "expected a string, number, boolean or list", out.raw});
      continue;
    }
    int f = FieldIndex(spec, key);
    if (f >= 0) {
      if (!text.empty()) out.values[static_cast<size_t>(f)] = std::move(text);
    } else if (!text.empty()) {
      out.extras.emplace_back(key, std::move(text));
    }
  }
}

Result<std::unique_ptr<RecordSource>> RecordSource::Open(const std::string& path, const std::string& name,
                                                         const EntitySpec& spec) {
  bool jsonl = path.size() > 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0;
  if (jsonl) {
    std::ifstream in(path);
    if (!in) return Status::Io(fmt::format("{}: cannot open", name));
    return std::unique_ptr<RecordSource>(new JsonlRecordSource(std::move(in), name, spec));
  }
  SL_ASSIGN_OR_RETURN(auto reader, CsvReader::Open(path));
  CsvRecord header;
  if (!reader->Next(header)) return Status::InvalidData(fmt::format("{}:1: (header): the file has no header row", name));
  if (!header.error.empty()) return Status::InvalidData(fmt::format("{}:1: (header): {}", name, header.error));
  std::vector<int> column_to_field;
  std::vector<std::string> names;
  std::vector<bool> seen(spec.fields.size(), false);
  for (auto& h : header.fields) {
    std::string n = Trim(h);
    int f = FieldIndex(spec, n);
    if (f >= 0) {
      if (seen[static_cast<size_t>(f)])
        return Status::InvalidData(fmt::format("{}:1: {}: the column appears twice in the header", name, n));
      seen[static_cast<size_t>(f)] = true;
    }
    column_to_field.push_back(f);
    names.push_back(n);
  }
  for (size_t f = 0; f < spec.fields.size(); ++f)
    if (spec.fields[f].required && !seen[f])
      return Status::InvalidData(fmt::format("{}:1: {}: missing required column", name, spec.fields[f].name));
  return std::unique_ptr<RecordSource>(
      new CsvRecordSource(std::move(reader), name, spec, std::move(column_to_field), std::move(names)));
}

}  // namespace supportlens
