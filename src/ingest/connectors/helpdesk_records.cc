#include "ingest/connectors/helpdesk_records.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace supportlens {
namespace {

std::vector<RawRecord>& Slot(TranslatedSource& out, const char* entity) {
  const EntitySpec* spec = FindEntity(entity);
  return out.entities.emplace_back(spec, std::vector<RawRecord>()).second;
}

std::vector<RawRecord>& Reserved(TranslatedSource& out) {
  out.entities.reserve(out.entities.size() + 5);  // the references below must stay valid
  return Slot(out, "agents");
}

}  // namespace

HelpdeskRecords::HelpdeskRecords(TranslatedSource& out)
    : agents(Reserved(out)),
      customers(Slot(out, "customers")),
      tickets(Slot(out, "tickets")),
      events(Slot(out, "events")),
      surveys(Slot(out, "surveys")),
      agent_spec(*FindEntity("agents")),
      customer_spec(*FindEntity("customers")),
      ticket_spec(*FindEntity("tickets")),
      event_spec(*FindEntity("events")),
      survey_spec(*FindEntity("surveys")) {}

RawRecord NewRecord(const EntitySpec& spec, const std::string& file, int64_t line, std::string raw, bool by_record) {
  RawRecord r;
  r.file = file;
  r.line = line;
  r.by_record = by_record;
  r.raw = std::move(raw);
  r.values.assign(spec.fields.size(), std::nullopt);
  return r;
}

void SetField(const EntitySpec& spec, RawRecord& record, std::string_view field, const std::string& value) {
  if (!value.empty()) record.values[static_cast<size_t>(FieldIndex(spec, field))] = value;
}

Result<nlohmann::json> ReadJsonFile(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::NotFound(fmt::format("{}: cannot be read", name));
  std::stringstream ss;
  ss << f.rdbuf();
  try {
    return nlohmann::json::parse(ss.str());
  } catch (const nlohmann::json::parse_error& e) {
    return Status::InvalidData(fmt::format("{}: not valid JSON (byte {}): {}", name, e.byte, e.what()));
  }
}

std::string JsonText(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  return it->dump();
}

}  // namespace supportlens
