// Zendesk Support: the JSON of its API, one or more files of one export, each recognised by its
// top-level key: "tickets" (the incremental ticket export, optionally with sideloaded "users" and
// "groups"), "users", "groups", "audits" (ticket audits), "satisfaction_ratings" and
// "ticket_metrics". Mapping: docs/connectors/zendesk.md.
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "ingest/connectors/helpdesk_records.h"

namespace supportlens {
namespace {

using nlohmann::json;

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
    SL_ASSIGN_OR_RETURN(json doc, ReadJsonFile(path));
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
  HelpdeskRecords rec(out);
  auto [agent_rows, customer_rows, ticket_rows, event_rows, survey_rows] = std::tie(rec.agents, rec.customers, rec.tickets, rec.events, rec.surveys);
  const EntitySpec &agents = rec.agent_spec, &customers = rec.customer_spec, &tickets = rec.ticket_spec, &events = rec.event_spec,
                   &surveys = rec.survey_spec;
  auto record = [](const EntitySpec& spec, const std::string& file, int64_t n, const json& source) {
    return NewRecord(spec, file, n, source.dump(), true);
  };
  auto set = [](const EntitySpec& spec, RawRecord& r, const char* field, const std::string& v) { SetField(spec, r, field, v); };
  auto issue = [&](const std::string& file, int64_t n, const std::string& field, std::string reason, const json& source) {
    out.issues.push_back({file, n, field, std::move(reason), source.dump(), true});
  };

  // Users and groups first: they say who wrote each comment.
  std::map<std::string, User> users;
  std::map<std::string, std::string> groups;
  for (auto& [file, doc] : in.files) {
    if (doc.contains("groups"))
      for (const json& g : doc["groups"])
        if (g.is_object() && !JsonText(g, "id").empty()) groups[JsonText(g, "id")] = JsonText(g, "name");
    if (doc.contains("users"))
      for (const json& u : doc["users"])
        if (u.is_object() && !JsonText(u, "id").empty())
          users[JsonText(u, "id")] = {JsonText(u, "role"), JsonText(u, "name"), JsonText(u, "default_group_id"), !u.contains("active") || u["active"] == true};
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
        const std::string role = JsonText(u, "role");
        if (role == "agent" || role == "admin") add_agent(JsonText(u, "id"), file, n, u);
        else add_customer(JsonText(u, "id"), file, n, u);
      }
    }

  // Tickets; their requesters and, from the ticket's own satisfaction rating, the CSAT answers.
  std::map<std::string, std::string> requester;  // ticket -> requester
  std::set<std::string> rated;                    // ratings already taken (by rating id)
  int64_t deleted = 0, merged = 0, unrated_offers = 0;
  auto add_rating = [&](const json& s, const std::string& ticket, const std::string& customer, const std::string& agent,
                        const std::string& file, int64_t n) {
    const std::string score = JsonText(s, "score");
    if (score != "good" && score != "bad") {
      if (score == "offered" || score == "unoffered") ++unrated_offers;
      else if (!score.empty()) issue(file, n, "satisfaction_rating.score", fmt::format("expected good, bad, offered or unoffered, got \"{}\"", score), s);
      return;
    }
    const std::string id = JsonText(s, "id").empty() ? "ticket-" + ticket : JsonText(s, "id");
    if (!rated.insert(id).second) return;
    RawRecord r = record(surveys, file, n, s);
    set(surveys, r, "response_id", "zd-rating-" + id);
    set(surveys, r, "kind", "csat");
    // Good and bad on a 1-5 scale as 5 and 1: "satisfied" (the top two points) is exactly "good".
    set(surveys, r, "score", score == "good" ? "5" : "1");
    set(surveys, r, "scale_min", "1");
    set(surveys, r, "scale_max", "5");
    set(surveys, r, "answered_at", JsonText(s, "updated_at").empty() ? JsonText(s, "created_at") : JsonText(s, "updated_at"));
    set(surveys, r, "ticket_id", ticket);
    set(surveys, r, "customer_id", customer);
    if (!agent.empty() && users.count(agent)) set(surveys, r, "agent_id", agent);
    set(surveys, r, "comment", JsonText(s, "comment"));
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
      const std::string id = JsonText(t, "id");
      if (id.empty()) {
        issue(file, n, "id", "missing", t);
        continue;
      }
      if (JsonText(t, "status") == "deleted") {
        ++deleted;
        continue;
      }
      RawRecord r = record(tickets, file, n, t);
      set(tickets, r, "ticket_id", id);
      set(tickets, r, "created_at", JsonText(t, "created_at"));
      const std::string via = t.contains("via") && t["via"].is_object() ? JsonText(t["via"], "channel") : "";
      set(tickets, r, "channel", via.empty() ? "other" : Channel(via));
      set(tickets, r, "customer_id", JsonText(t, "requester_id"));
      set(tickets, r, "priority", JsonText(t, "priority"));
      set(tickets, r, "subject", JsonText(t, "subject"));
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
          set(events, m, "at", JsonText(t, "updated_at").empty() ? JsonText(t, "created_at") : JsonText(t, "updated_at"));
          set(events, m, "type", "merge");
          set(events, m, "actor_kind", "system");
          event_rows.push_back(std::move(m));
        }
      }
      if (t.contains("group_id") && !JsonText(t, "group_id").empty() && groups.count(JsonText(t, "group_id")))
        set(tickets, r, "queue", groups[JsonText(t, "group_id")]);
      ticket_rows.push_back(std::move(r));
      requester[id] = JsonText(t, "requester_id");
      add_customer(JsonText(t, "requester_id"), file, n, t);
      if (t.contains("satisfaction_rating") && t["satisfaction_rating"].is_object()) {
        json s = t["satisfaction_rating"];
        if (!s.contains("updated_at")) s["updated_at"] = JsonText(t, "updated_at");
        add_rating(s, id, JsonText(t, "requester_id"), JsonText(t, "assignee_id"), file, n);
      }
    }
  }
  for (auto& [file, doc] : in.files) {
    if (!doc.contains("satisfaction_ratings")) continue;
    int64_t n = 0;
    for (const json& s : doc["satisfaction_ratings"]) {
      ++n;
      if (!s.is_object() || JsonText(s, "ticket_id").empty()) {
        issue(file, n, "ticket_id", "missing", s);
        continue;
      }
      add_rating(s, JsonText(s, "ticket_id"), JsonText(s, "requester_id"), JsonText(s, "assignee_id"), file, n);
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
      const std::string ticket = JsonText(a, "ticket_id"), at = JsonText(a, "created_at");
      if (!a.is_object() || ticket.empty() || at.empty()) {
        issue(file, n, ticket.empty() ? "ticket_id" : "created_at", "missing", a);
        continue;
      }
      if (!a.contains("events") || !a["events"].is_array()) {
        issue(file, n, "events", "expected an array of audit events", a);
        continue;
      }
      for (const json& e : a["events"]) {
        const std::string type = JsonText(e, "type"), field = JsonText(e, "field_name");
        const std::string id = "zd-" + (JsonText(e, "id").empty() ? JsonText(a, "id") + "-" + type + field : JsonText(e, "id"));
        RawRecord r = record(events, file, n, e);
        set(events, r, "event_id", id);
        set(events, r, "ticket_id", ticket);
        set(events, r, "at", at);
        if (type == "Comment") {
          const std::string author = JsonText(e, "author_id").empty() ? JsonText(a, "author_id") : JsonText(e, "author_id");
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
          set(events, r, "text", JsonText(e, "plain_body").empty() ? JsonText(e, "body") : JsonText(e, "plain_body"));
        } else if ((type == "Change" || type == "Create") && field == "status") {
          set(events, r, "type", "status");
          set(events, r, "actor_kind", "system");
          set(events, r, "status", CanonicalStatus(JsonText(e, "value")));
        } else if ((type == "Change" || type == "Create") && field == "assignee_id") {
          if (JsonText(e, "value").empty()) continue;  // unassigned: the canonical model has no un-assign
          set(events, r, "type", "assign");
          set(events, r, "actor_kind", "system");
          set(events, r, "assignee_id", JsonText(e, "value"));
          add_agent(JsonText(e, "value"), file, n, a);
        } else if (type == "Change" && field == "group_id" && !JsonText(e, "previous_value").empty()) {
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
