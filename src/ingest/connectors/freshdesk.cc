// Freshdesk: the ticket CSV export (the fields its "Export tickets" offers) and, where present,
// the JSON of the conversations API for the same tickets. Mapping: docs/connectors/freshdesk.md.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/civil_date.h"
#include "core/time_zone.h"
#include "ingest/connectors/helpdesk_records.h"
#include "ingest/csv_reader.h"

namespace supportlens {
namespace {

using nlohmann::json;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Freshdesk's export writes local times of the account's zone: "2024-03-04 09:00:00".
std::optional<std::string> LocalTime(const std::string& text, const TimeZone& zone) {
  if (text.empty()) return std::nullopt;
  int y, mo, d, h, mi, s = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) >= 5 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 &&
      mi < 60 && s < 61)
    return FormatTimestampUtc(zone.ToUtc(DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + s));
  auto iso = ParseTimestamp(text, zone);
  if (iso.ok()) return FormatTimestampUtc(*iso);
  return std::nullopt;
}

const std::map<std::string, std::string>& Sources() {
  static const std::map<std::string, std::string> map = {
      {"email", "email"},  {"outbound email", "email"}, {"portal", "web"},      {"feedback widget", "web"}, {"phone", "phone"},
      {"chat", "chat"},    {"facebook", "social"},     {"twitter", "social"},  {"whatsapp", "social"},     {"mobihelp", "app"},
      {"forum", "web"},    {"ecommerce", "web"}};
  return map;
}

const std::map<std::string, std::string>& Statuses() {
  static const std::map<std::string, std::string> map = {
      {"open", "open"},     {"pending", "pending"},   {"resolved", "solved"},
      {"closed", "closed"}, {"waiting on customer", "pending"}, {"waiting on third party", "on_hold"}};
  return map;
}

// Freshdesk's classic survey answers on a 1-5 scale, so that only "Awesome" is satisfied, as in
// Freshdesk's own satisfaction figure; numbers 1-5 are taken as they are.
std::optional<std::string> SurveyScore(const std::string& text) {
  const std::string t = Lower(text);
  if (t == "awesome" || t == "extremely happy" || t == "happy") return "5";
  if (t == "just okay" || t == "neutral") return "3";
  if (t == "not good" || t == "unhappy" || t == "extremely unhappy") return "1";
  if (t.size() == 1 && t[0] >= '1' && t[0] <= '5') return t;
  return std::nullopt;
}

std::string Slug(const std::string& name) {
  std::string out;
  for (char c : Lower(name)) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  return out;
}

}  // namespace

Result<TranslatedSource> TranslateFreshdesk(const std::vector<std::filesystem::path>& paths, const TimeZone& zone) {
  TranslatedSource out;
  HelpdeskRecords rec(out);
  auto [agent_rows, customer_rows, ticket_rows, event_rows, survey_rows] = std::tie(rec.agents, rec.customers, rec.tickets, rec.events, rec.surveys);
  const EntitySpec &agents = rec.agent_spec, &customers = rec.customer_spec, &tickets = rec.ticket_spec, &events = rec.event_spec,
                   &surveys = rec.survey_spec;
  auto set = [](const EntitySpec& spec, RawRecord& r, const char* field, const std::string& v) { SetField(spec, r, field, v); };

  // The conversations JSON first: tickets that have it get their real messages.
  std::map<std::string, std::vector<std::pair<std::string, json>>> conversations;  // ticket -> (file, conversation)
  std::vector<std::filesystem::path> csvs;
  for (const auto& path : paths) {
    const std::string name = path.filename().string();
    if (path.extension() != ".json") {
      csvs.push_back(path);
      continue;
    }
    SL_ASSIGN_OR_RETURN(json doc, ReadJsonFile(path));
    if (!doc.is_array()) return Status::InvalidData(fmt::format("{}: expected the array of the conversations API", name));
    int64_t n = 0;
    for (const json& c : doc) {
      ++n;
      if (!c.is_object() || !c.contains("ticket_id") || !c.contains("created_at") || !c.contains("incoming")) {
        out.issues.push_back({name, n, "ticket_id", "a conversation needs ticket_id, created_at and incoming", c.dump(), true});
        continue;
      }
      conversations[c["ticket_id"].dump()].emplace_back(name, c);
    }
  }
  if (csvs.empty()) return Status::InvalidArgument("--from freshdesk needs the ticket export (a .csv file)");

  std::set<std::string> agents_added, customers_added;
  int64_t from_conversations = 0, closed_without_resolution = 0;
  for (const auto& path : csvs) {
    const std::string file = path.filename().string();
    SL_ASSIGN_OR_RETURN(auto reader, CsvReader::Open(path.string()));
    CsvRecord row;
    if (!reader->Next(row)) return Status::InvalidData(fmt::format("{}: empty file (expected the export's header row)", file));
    std::map<std::string, size_t> column;
    const std::vector<std::string> names = row.fields;
    for (size_t c = 0; c < names.size(); ++c) column[names[c]] = c;
    for (const char* required : {"Ticket ID", "Created time"})
      if (!column.count(required))
        return Status::InvalidData(fmt::format("{}:{}: {}: missing column (a Freshdesk ticket export has it)", file, row.line, required));
    while (reader->Next(row)) {
      auto issue = [&](const std::string& col, std::string reason) { out.issues.push_back({file, row.line, col, std::move(reason), row.raw}); };
      if (!row.error.empty()) {
        issue(row.error_field < names.size() ? names[row.error_field] : "record", row.error);
        continue;
      }
      auto cell = [&](const char* name) -> std::string {
        auto it = column.find(name);
        return it == column.end() || it->second >= row.fields.size() ? std::string() : row.fields[it->second];
      };
      const std::string id = cell("Ticket ID");
      auto created = LocalTime(cell("Created time"), zone);
      if (id.empty()) {
        issue("Ticket ID", "missing");
        continue;
      }
      if (!created) {
        issue("Created time", fmt::format("not a time like 2024-03-04 09:00:00: \"{}\"", cell("Created time")));
        continue;
      }
      const std::string status_text = Lower(cell("Status"));
      auto status = Statuses().find(status_text);
      if (!status_text.empty() && status == Statuses().end()) {
        issue("Status", fmt::format("unknown status \"{}\" (Open, Pending, Resolved, Closed, Waiting on Customer, Waiting on Third Party)", cell("Status")));
        continue;
      }
      auto record = [&](const EntitySpec& spec) { return NewRecord(spec, file, row.line, row.raw, false); };
      const std::string customer = !cell("Contact ID").empty() ? cell("Contact ID") : cell("Requester email");
      const std::string agent_name = cell("Agent");
      const std::string agent = agent_name.empty() || Lower(agent_name) == "no agent" ? "" : Slug(agent_name);
      if (!agent.empty() && agents_added.insert(agent).second) {
        RawRecord a = record(agents);
        set(agents, a, "agent_id", agent);
        set(agents, a, "name", agent_name);
        set(agents, a, "team", cell("Group"));
        agent_rows.push_back(std::move(a));
      }
      if (!customer.empty() && customers_added.insert(customer).second) {
        RawRecord c = record(customers);
        set(customers, c, "customer_id", customer);
        customer_rows.push_back(std::move(c));
      }
      RawRecord t = record(tickets);
      set(tickets, t, "ticket_id", id);
      set(tickets, t, "created_at", *created);
      const std::string source = Lower(cell("Source"));
      set(tickets, t, "channel", Sources().count(source) ? Sources().at(source) : (source.empty() ? "other" : source));
      set(tickets, t, "customer_id", customer);
      std::string priority = Lower(cell("Priority"));
      set(tickets, t, "priority", priority == "medium" ? "normal" : priority);
      set(tickets, t, "topic", cell("Type"));
      set(tickets, t, "subject", cell("Subject"));
      set(tickets, t, "queue", cell("Group"));
      std::string tags = cell("Tags");
      std::replace(tags.begin(), tags.end(), ',', ';');
      tags.erase(std::remove(tags.begin(), tags.end(), ' '), tags.end());
      set(tickets, t, "tags", tags);
      ticket_rows.push_back(std::move(t));

      auto event = [&](const std::string& suffix, const std::string& at, const char* type, const char* actor) {
        RawRecord e = record(events);
        set(events, e, "event_id", "fd-" + id + "-" + suffix);
        set(events, e, "ticket_id", id);
        set(events, e, "at", at);
        set(events, e, "type", type);
        set(events, e, "actor_kind", actor);
        return e;
      };
      if (!agent.empty()) {
        RawRecord e = event("assign", *created, "assign", "system");
        set(events, e, "assignee_id", agent);
        event_rows.push_back(std::move(e));
      }
      auto convo = conversations.find(id);
      if (convo != conversations.end()) {
        // The real conversation: the ticket's description is its first customer message.
        ++from_conversations;
        RawRecord first = event("description", *created, "message", "customer");
        set(events, first, "text", cell("Subject"));
        event_rows.push_back(std::move(first));
        for (auto& [cfile, c] : convo->second) {
          auto at = LocalTime(c.value("created_at", std::string()), TimeZone::Utc());
          if (!at) {
            out.issues.push_back({cfile, 0, "created_at", fmt::format("not a time: {}", c["created_at"].dump()), c.dump(), false});
            continue;
          }
          const bool incoming = c["incoming"] == true;
          RawRecord e = event("c" + c["id"].dump(), *at, "message", incoming ? "customer" : "agent");
          if (!incoming && !agent.empty()) set(events, e, "actor_id", agent);
          set(events, e, "public", c.value("private", false) ? "false" : "true");
          set(events, e, "text", c.value("body_text", std::string()));
          event_rows.push_back(std::move(e));
        }
      } else {
        // From the export alone: the opening message, the first response, the resolution.
        RawRecord first = event("description", *created, "message", "customer");
        set(events, first, "text", cell("Subject"));
        event_rows.push_back(std::move(first));
        if (auto replied = LocalTime(cell("Initial response time"), zone)) {
          RawRecord e = event("first-response", *replied, "message", "agent");
          if (!agent.empty()) set(events, e, "actor_id", agent);
          event_rows.push_back(std::move(e));
        }
      }
      auto resolved = LocalTime(cell("Resolved time"), zone);
      if (resolved) {
        RawRecord e = event("resolved", *resolved, "status", "system");
        set(events, e, "status", "solved");
        event_rows.push_back(std::move(e));
      }
      if (auto closed = LocalTime(cell("Closed time"), zone)) {
        RawRecord e = event("closed", *closed, "status", "system");
        set(events, e, "status", "closed");
        event_rows.push_back(std::move(e));
        closed_without_resolution += !resolved;
      }
      // Resolved once and not resolved now: reopened after the resolution, at the last update
      // at the latest (the export keeps no history; the conversations JSON does not either).
      const bool unresolved_now = status != Statuses().end() && status->second != "solved" && status->second != "closed";
      if (resolved && unresolved_now) {
        auto updated = LocalTime(cell("Last update time"), zone);
        RawRecord e = event("reopened", updated && *updated > *resolved ? *updated : *resolved, "status", "system");
        set(events, e, "status", status->second);
        event_rows.push_back(std::move(e));
      }
      if (!cell("Survey results").empty()) {
        auto score = SurveyScore(cell("Survey results"));
        if (!score) {
          issue("Survey results", fmt::format("\"{}\" is no survey answer (Awesome, Just Okay, Not Good, or 1-5)", cell("Survey results")));
        } else {
          RawRecord s = record(surveys);
          set(surveys, s, "response_id", "fd-survey-" + id);
          set(surveys, s, "kind", "csat");
          set(surveys, s, "score", *score);
          set(surveys, s, "scale_min", "1");
          set(surveys, s, "scale_max", "5");
          set(surveys, s, "answered_at", resolved ? *resolved : *created);
          set(surveys, s, "ticket_id", id);
          set(surveys, s, "customer_id", customer);
          set(surveys, s, "agent_id", agent);
          survey_rows.push_back(std::move(s));
        }
      }
    }
  }
  if (from_conversations) out.notes.push_back(fmt::format("{} tickets with their conversations from the JSON", from_conversations));
  if (closed_without_resolution)
    out.notes.push_back(fmt::format("{} tickets closed without a resolved time: resolved at closing", closed_without_resolution));
  return out;
}

}  // namespace supportlens
