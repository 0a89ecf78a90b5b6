// Zendesk Support: the JSON of its API, one or more files of one export, each recognised by its
// top-level key: "tickets" (the incremental ticket export, optionally with sideloaded "users" and
// "groups"), "users", "groups", "audits" (ticket audits), "satisfaction_ratings" and
// "ticket_metrics". Mapping: docs/connectors/zendesk.md.
#include <fmt/format.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "ingest/connectors/connectors.h"

namespace supportlens {
namespace {

using nlohmann::json;

// A JSON value as the text the workspace format reads; "" for null or absent.
std::string Text(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  return it->dump();
}

struct User {
  std::string role;  // end-user, agent, admin
  std::string name, group;
  bool active = true;
};

// Zendesk's via.channel values to the channels of the workspace (others are kept as they are).
std::string Channel(const std::string& via) {
  static const std::map<std::string, std::string> map = {
      {"web", "web"},       {"email", "email"},         {"chat", "chat"},       {"native_messaging", "chat"}, {"messaging", "chat"},
      {"voice", "phone"},   {"phone_call_inbound", "phone"}, {"twitter", "social"}, {"facebook", "social"},
      {"instagram_dm", "social"}, {"whatsapp", "social"}, {"mobile_sdk", "app"},  {"mobile", "app"},           {"api", "api"}};
  auto it = map.find(via);
  return it == map.end() ? via : it->second;
}

std::string CanonicalStatus(const std::string& zendesk) { return zendesk == "hold" ? "on_hold" : zendesk; }


}  // namespace

Result<TranslatedSource> TranslateZendesk(const std::vector<std::filesystem::path>& paths) {
  // Read every file first: a file that is not the JSON of the API stops the import.
  struct { std::vector<std::pair<std::string, json>> files; } in;  // file name, document
  for (const auto& path : paths) {
    const std::string name = path.filename().string();
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    json doc;
    try {
      doc = json::parse(ss.str());
    } catch (const json::parse_error& e) {
      return Status::InvalidData(fmt::format("{}: not valid JSON (byte {}): {}", name, e.byte, e.what()));
    }
    if (!doc.is_object())
      return Status::InvalidData(fmt::format("{}: expected a JSON object with tickets, users, groups, audits, satisfaction_ratings or ticket_metrics", name));
    bool known = false;
    for (const char* key : {"tickets", "users", "groups", "audits", "satisfaction_ratings", "ticket_metrics"})
      if (doc.contains(key)) {
        if (!doc[key].is_array()) return Status::InvalidData(fmt::format("{}: {}: expected an array", name, key));
        known = true;
      }
    if (!known)
      return Status::InvalidData(fmt::format("{}: none of the keys of a Zendesk export (tickets, users, groups, audits, satisfaction_ratings, ticket_metrics)", name));
    in.files.emplace_back(name, std::move(doc));
  }

  TranslatedSource out;
  const EntitySpec &agents = *FindEntity("agents"), &customers = *FindEntity("customers"), &tickets = *FindEntity("tickets"),
                   &events = *FindEntity("events"), &surveys = *FindEntity("surveys");
  out.entities.reserve(5);
  auto& agent_rows = out.entities.emplace_back(&agents, std::vector<RawRecord>()).second;
  auto& customer_rows = out.entities.emplace_back(&customers, std::vector<RawRecord>()).second;
  auto& ticket_rows = out.entities.emplace_back(&tickets, std::vector<RawRecord>()).second;
  auto& event_rows = out.entities.emplace_back(&events, std::vector<RawRecord>()).second;
  auto& survey_rows = out.entities.emplace_back(&surveys, std::vector<RawRecord>()).second;
  auto record = [](const EntitySpec& spec, const std::string& file, int64_t n, const json& source) {
    RawRecord r;
    r.file = file;
    r.line = n;
    r.by_record = true;
    r.raw = source.dump();
    r.values.assign(spec.fields.size(), std::nullopt);
    return r;
  };
  auto set = [](const EntitySpec& spec, RawRecord& r, const char* field, const std::string& v) {
    if (!v.empty()) r.values[static_cast<size_t>(FieldIndex(spec, field))] = v;
  };
  auto issue = [&](const std::string& file, int64_t n, const std::string& field, std::string reason, const json& source) {
    out.issues.push_back({file, n, field, std::move(reason), source.dump(), true});
  };

  // Users and groups first: they say who wrote each comment.
  std::map<std::string, User> users;
  std::map<std::string, std::string> groups;
  for (auto& [file, doc] : in.files) {
    if (doc.contains("groups"))
      for (const json& g : doc["groups"])
        if (g.is_object() && !Text(g, "id").empty()) groups[Text(g, "id")] = Text(g, "name");
    if (doc.contains("users"))
      for (const json& u : doc["users"])
        if (u.is_object() && !Text(u, "id").empty())
          users[Text(u, "id")] = {Text(u, "role"), Text(u, "name"), Text(u, "default_group_id"), !u.contains("active") || u["active"] == true};
  }
  std::set<std::string> agents_added, customers_added;
  auto add_agent = [&](const std::string& id, const std::string& file, int64_t n, const json& source) {
    if (id.empty() || !agents_added.insert(id).second) return;
    RawRecord a = record(agents, file, n, source);
    set(agents, a, "agent_id", id);
    auto u = users.find(id);
    set(agents, a, "name", u == users.end() ? "(deleted user " + id + ")" : u->second.name);
    if (u != users.end() && groups.count(u->second.group)) set(agents, a, "team", groups[u->second.group]);
    agent_rows.push_back(std::move(a));
  };
  auto add_customer = [&](const std::string& id, const std::string& file, int64_t n, const json& source) {
    if (id.empty() || !customers_added.insert(id).second) return;
    RawRecord c = record(customers, file, n, source);
    set(customers, c, "customer_id", id);
    customer_rows.push_back(std::move(c));
  };
  for (auto& [file, doc] : in.files)
    if (doc.contains("users")) {
      int64_t n = 0;
      for (const json& u : doc["users"]) {
        ++n;
        const std::string role = Text(u, "role");
        if (role == "agent" || role == "admin") add_agent(Text(u, "id"), file, n, u);
        else add_customer(Text(u, "id"), file, n, u);
      }
    }

  // Tickets; their requesters and, from the ticket's own satisfaction rating, the CSAT answers.
  std::map<std::string, std::string> requester;  // ticket -> requester
  std::set<std::string> rated;                    // ratings already taken (by rating id)
  int64_t deleted = 0, merged = 0, unrated_offers = 0;
  auto add_rating = [&](const json& s, const std::string& ticket, const std::string& customer, const std::string& agent,
                        const std::string& file, int64_t n) {
    const std::string score = Text(s, "score");
    if (score != "good" && score != "bad") {
      if (score == "offered" || score == "unoffered") ++unrated_offers;
      else if (!score.empty()) issue(file, n, "satisfaction_rating.score", fmt::format("expected good, bad, offered or unoffered, got \"{}\"", score), s);
      return;
    }
    const std::string id = Text(s, "id").empty() ? "ticket-" + ticket : Text(s, "id");
    if (!rated.insert(id).second) return;
    RawRecord r = record(surveys, file, n, s);
    set(surveys, r, "response_id", "zd-rating-" + id);
    set(surveys, r, "kind", "csat");
    // Good and bad on a 1-5 scale as 5 and 1: "satisfied" (the top two points) is exactly "good".
    set(surveys, r, "score", score == "good" ? "5" : "1");
    set(surveys, r, "scale_min", "1");
    set(surveys, r, "scale_max", "5");
    set(surveys, r, "answered_at", Text(s, "updated_at").empty() ? Text(s, "created_at") : Text(s, "updated_at"));
    set(surveys, r, "ticket_id", ticket);
    set(surveys, r, "customer_id", customer);
    if (!agent.empty() && users.count(agent)) set(surveys, r, "agent_id", agent);
    set(surveys, r, "comment", Text(s, "comment"));
    survey_rows.push_back(std::move(r));
  };
  std::map<std::string, std::pair<std::string, const json*>> ticket_ratings;  // ticket -> updated_at, rating
  for (auto& [file, doc] : in.files) {
    if (!doc.contains("tickets")) continue;
    int64_t n = 0;
    for (const json& t : doc["tickets"]) {
      ++n;
      if (!t.is_object()) {
        issue(file, n, "record", "expected a JSON object", t);
        continue;
      }
      const std::string id = Text(t, "id");
      if (id.empty()) {
        issue(file, n, "id", "missing", t);
        continue;
      }
      if (Text(t, "status") == "deleted") {
        ++deleted;
        continue;
      }
      RawRecord r = record(tickets, file, n, t);
      set(tickets, r, "ticket_id", id);
      set(tickets, r, "created_at", Text(t, "created_at"));
      const std::string via = t.contains("via") && t["via"].is_object() ? Text(t["via"], "channel") : "";
      set(tickets, r, "channel", via.empty() ? "other" : Channel(via));
      set(tickets, r, "customer_id", Text(t, "requester_id"));
      set(tickets, r, "priority", Text(t, "priority"));
      set(tickets, r, "subject", Text(t, "subject"));
      if (t.contains("tags") && t["tags"].is_array()) {
        std::string tags;
        bool by_merge = false;
        for (const json& tag : t["tags"])
          if (tag.is_string()) {
            tags += (tags.empty() ? "" : ";") + tag.get<std::string>();
            by_merge |= tag == "closed_by_merge";
          }
        set(tickets, r, "tags", tags);
        if (by_merge) {
          // Zendesk closes a ticket merged into another with this tag: the canonical merge event.
          ++merged;
          RawRecord m = record(events, file, n, t);
          set(events, m, "event_id", "zd-merge-" + id);
          set(events, m, "ticket_id", id);
          set(events, m, "at", Text(t, "updated_at").empty() ? Text(t, "created_at") : Text(t, "updated_at"));
          set(events, m, "type", "merge");
          set(events, m, "actor_kind", "system");
          event_rows.push_back(std::move(m));
        }
      }
      if (t.contains("group_id") && !Text(t, "group_id").empty() && groups.count(Text(t, "group_id")))
        set(tickets, r, "queue", groups[Text(t, "group_id")]);
      ticket_rows.push_back(std::move(r));
      requester[id] = Text(t, "requester_id");
      add_customer(Text(t, "requester_id"), file, n, t);
      if (t.contains("satisfaction_rating") && t["satisfaction_rating"].is_object()) {
        json s = t["satisfaction_rating"];
        if (!s.contains("updated_at")) s["updated_at"] = Text(t, "updated_at");
        add_rating(s, id, Text(t, "requester_id"), Text(t, "assignee_id"), file, n);
      }
    }
  }
  for (auto& [file, doc] : in.files) {
    if (!doc.contains("satisfaction_ratings")) continue;
    int64_t n = 0;
    for (const json& s : doc["satisfaction_ratings"]) {
      ++n;
      if (!s.is_object() || Text(s, "ticket_id").empty()) {
        issue(file, n, "ticket_id", "missing", s);
        continue;
      }
      add_rating(s, Text(s, "ticket_id"), Text(s, "requester_id"), Text(s, "assignee_id"), file, n);
    }
  }

  // Audits: comments become messages (a customer's when the author is an end user or the
  // requester), changes of status, assignee and group become status, assign and transfer events.
  int64_t private_notes = 0;
  for (auto& [file, doc] : in.files) {
    if (!doc.contains("audits")) continue;
    int64_t n = 0;
    for (const json& a : doc["audits"]) {
      ++n;
      const std::string ticket = Text(a, "ticket_id"), at = Text(a, "created_at");
      if (!a.is_object() || ticket.empty() || at.empty()) {
        issue(file, n, ticket.empty() ? "ticket_id" : "created_at", "missing", a);
        continue;
      }
      if (!a.contains("events") || !a["events"].is_array()) {
        issue(file, n, "events", "expected an array of audit events", a);
        continue;
      }
      for (const json& e : a["events"]) {
        const std::string type = Text(e, "type"), field = Text(e, "field_name");
        const std::string id = "zd-" + (Text(e, "id").empty() ? Text(a, "id") + "-" + type + field : Text(e, "id"));
        RawRecord r = record(events, file, n, e);
        set(events, r, "event_id", id);
        set(events, r, "ticket_id", ticket);
        set(events, r, "at", at);
        if (type == "Comment") {
          const std::string author = Text(e, "author_id").empty() ? Text(a, "author_id") : Text(e, "author_id");
          auto u = users.find(author);
          const bool customer = (u != users.end() && u->second.role == "end-user") ||
                                (u == users.end() && requester.count(ticket) && requester[ticket] == author);
          const bool is_public = !e.contains("public") || e["public"] == true;
          private_notes += !is_public;
          set(events, r, "type", "message");
          set(events, r, "actor_kind", customer ? "customer" : "agent");
          set(events, r, "actor_id", author);
          if (customer) add_customer(author, file, n, a);
          else add_agent(author, file, n, a);  // a deleted agent keeps a placeholder name
          set(events, r, "public", is_public ? "true" : "false");
          set(events, r, "text", Text(e, "plain_body").empty() ? Text(e, "body") : Text(e, "plain_body"));
        } else if ((type == "Change" || type == "Create") && field == "status") {
          set(events, r, "type", "status");
          set(events, r, "actor_kind", "system");
          set(events, r, "status", CanonicalStatus(Text(e, "value")));
        } else if ((type == "Change" || type == "Create") && field == "assignee_id") {
          if (Text(e, "value").empty()) continue;  // unassigned: the canonical model has no un-assign
          set(events, r, "type", "assign");
          set(events, r, "actor_kind", "system");
          set(events, r, "assignee_id", Text(e, "value"));
          add_agent(Text(e, "value"), file, n, a);
        } else if (type == "Change" && field == "group_id" && !Text(e, "previous_value").empty()) {
          // Moved to another group: a transfer between teams.
          set(events, r, "type", "transfer");
          set(events, r, "actor_kind", "system");
        } else {
          continue;  // tags, custom fields, notifications
        }
        event_rows.push_back(std::move(r));
      }
    }
  }
  int64_t metrics = 0;
  for (auto& [file, doc] : in.files)
    if (doc.contains("ticket_metrics")) metrics += static_cast<int64_t>(doc["ticket_metrics"].size());

  if (deleted) out.notes.push_back(fmt::format("{} deleted tickets left out", deleted));
  if (merged) out.notes.push_back(fmt::format("{} tickets closed by a merge: a merge event each", merged));
  if (private_notes) out.notes.push_back(fmt::format("{} private comments stored as internal notes (public = false)", private_notes));
  if (unrated_offers) out.notes.push_back(fmt::format("{} satisfaction surveys offered but not answered left out", unrated_offers));
  if (metrics)
    out.notes.push_back(fmt::format("{} ticket metric sets read for comparison only: SupportLens derives the times from the audits", metrics));
  return out;
}

}  // namespace supportlens
