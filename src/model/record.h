#pragma once
// A validated record of any entity: typed values in EntitySpec field order.
#include <cstdint>
#include <string>
#include <vector>

namespace supportlens {

struct Value {
  enum class Kind : uint8_t { kNull, kInt, kReal, kText };
  Kind kind = Kind::kNull;
  int64_t i = 0;
  double d = 0;
  std::string s;

  bool is_null() const { return kind == Kind::kNull; }
  void SetNull() { kind = Kind::kNull; s.clear(); }
  void SetInt(int64_t v) { kind = Kind::kInt; i = v; }
  void SetReal(double v) { kind = Kind::kReal; d = v; }
  void SetText(std::string v) { kind = Kind::kText; s = std::move(v); }
};

struct TypedRecord {
  int64_t line = 0;
  std::vector<Value> values;
  std::string attrs_json;  // extra columns, kept as a JSON object ("" when none)
  std::string raw;         // the source text, for the rejects file
  std::string key;         // the record's key (its id, or the entity's key fields joined)
  int64_t hash = 0;        // content hash, to tell a re-import from a changed record
  std::vector<double> derived;  // the spec's derived columns when computed ahead (derived_columns.h)
};

// One problem with one input row: FILE:LINE: COLUMN: reason.
struct RowIssue {
  std::string file;
  int64_t line = 0;
  std::string column;
  std::string reason;
  std::string raw;
  bool by_record = false;  // `line` numbers a record of a JSON file: "FILE:record N"
};

}  // namespace supportlens
