#pragma once
// What the helpdesk connectors (Zendesk, Freshdesk, Chatwoot) share: the five canonical entities
// they fill, in import order, a record builder, and reading a JSON file of an API export.
#include <nlohmann/json.hpp>

#include "ingest/connectors/connectors.h"

namespace supportlens {

// The record lists of a translation: agents and customers before the tickets that name them,
// tickets before their events and surveys.
struct HelpdeskRecords {
  explicit HelpdeskRecords(TranslatedSource& out);
  std::vector<RawRecord>&agents, &customers, &tickets, &events, &surveys;
  const EntitySpec &agent_spec, &customer_spec, &ticket_spec, &event_spec, &survey_spec;
};

// A record of `spec` read from `file` at `line` (a record number when `by_record`), all absent.
RawRecord NewRecord(const EntitySpec& spec, const std::string& file, int64_t line, std::string raw, bool by_record);
// Sets a field by name; an empty value stays absent.
void SetField(const EntitySpec& spec, RawRecord& record, std::string_view field, const std::string& value);

// The whole file as JSON; an invalid file is an error naming it and the byte.
Result<nlohmann::json> ReadJsonFile(const std::filesystem::path& path);
// A JSON member as the text the workspace format reads: strings as they are, integers in
// decimal, other values as JSON; "" when absent or null.
std::string JsonText(const nlohmann::json& object, const char* key);

}  // namespace supportlens
