#pragma once
// The canonical data model as data: one EntitySpec per workspace file. Import
// validation, the SQLite tables and the engine's loaders are all driven from it.
#include <string_view>
#include <vector>

namespace supportlens {

enum class FieldType {
  kString,     // free text, stored as given
  kId,         // an identifier: trimmed, non-empty when present
  kEnum,       // one of FieldSpec::values (case-insensitive, stored lower case)
  kTimestamp,  // ISO 8601; stored as UTC unix seconds
  kDate,       // YYYY-MM-DD; stored as days since 1970-01-01
  kBool,       // true/false/1/0; stored as 0/1
  kNumber,     // decimal
  kDuration,   // seconds, decimal, never negative
  kList,       // ';'-separated, stored as given
};

// Which entity an id field must resolve to.
enum class EntityKind { kNone, kTicket, kAgent, kCustomer };

struct FieldSpec {
  std::string_view name;
  FieldType type = FieldType::kString;
  bool required = false;
  std::vector<std::string_view> values = {};  // kEnum: allowed values
  EntityKind references = EntityKind::kNone;
  std::string_view default_value = {};         // used when the column is missing or empty
  bool non_negative = false;                   // kNumber: reject values below zero
};

struct EntitySpec {
  std::string_view name;                  // file stem and table name, e.g. "tickets"
  std::vector<FieldSpec> fields;
  std::vector<std::string_view> key;      // fields that identify a record (primary key)
  EntityKind kind = EntityKind::kNone;    // what the key identifies, for references
  // REAL columns computed at import from the record, never read from the input: events keep
  // the VADER compound of a customer message's text in "sentiment".
  std::vector<std::string_view> derived = {};
};

// All entities in import order: referenced entities come before the ones that refer to them.
const std::vector<EntitySpec>& AllEntities();
const EntitySpec* FindEntity(std::string_view name);
int FieldIndex(const EntitySpec& spec, std::string_view field);  // -1 when absent

}  // namespace supportlens
