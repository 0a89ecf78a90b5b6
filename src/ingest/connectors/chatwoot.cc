// Chatwoot: the JSON of its application API, one or more files of one export. Each file holds an
// array (bare, under "payload", or under "data.payload") of conversations, messages, CSAT survey
// responses, inboxes or agents; each item is recognised by its fields. Mapping:
// docs/connectors/chatwoot.md.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/time_zone.h"
#include "ingest/connectors/helpdesk_records.h"

namespace supportlens {
namespace {

using nlohmann::json;

// Chatwoot writes instants as Unix seconds in some places and ISO 8601 in others.
std::optional<std::string> Instant(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || j[key].is_null()) return std::nullopt;
  const json& v = j[key];
  if (v.is_number()) return FormatTimestampUtc(v.get<int64_t>());
  if (v.is_string()) {
    auto t = ParseTimestamp(v.get<std::string>(), TimeZone::Utc());
    if (t.ok()) return FormatTimestampUtc(*t);
  }
  return std::nullopt;
}

std::string ChannelOf(const std::string& channel_type) {
  static const std::map<std::string, std::string> map = {
      {"Channel::WebWidget", "chat"},       {"Channel::Email", "email"},       {"Channel::Api", "api"},
      {"Channel::Sms", "sms"},               {"Channel::TwilioSms", "sms"},     {"Channel::Whatsapp", "social"},
      {"Channel::FacebookPage", "social"},   {"Channel::Instagram", "social"}, {"Channel::TwitterProfile", "social"},
      {"Channel::Telegram", "social"},       {"Channel::Line", "social"},       {"Channel::Voice", "phone"}};
  auto it = map.find(channel_type);
  return it == map.end() ? (channel_type.empty() ? "other" : channel_type) : it->second;
}

// message_type as a number (the REST payloads) or a name (webhooks).
std::string MessageType(const json& m) {
  if (!m.contains("message_type")) return "";
  const json& t = m["message_type"];
  if (t.is_string()) return t.get<std::string>();
  if (t.is_number_integer()) {
    static const char* names[] = {"incoming", "outgoing", "activity", "template"};
    int64_t i = t.get<int64_t>();
    return i >= 0 && i < 4 ? names[i] : std::to_string(i);
  }
  return "";
}

enum class Kind { kConversation, kMessage, kCsat, kInbox, kAgent, kUnknown };

Kind KindOf(const json& item) {
  if (!item.is_object()) return Kind::kUnknown;
  if (item.contains("message_type")) return Kind::kMessage;
  if (item.contains("rating") && item.contains("conversation_id")) return Kind::kCsat;
  if (item.contains("channel_type")) return Kind::kInbox;
  if (item.contains("inbox_id") && (item.contains("meta") || item.contains("status"))) return Kind::kConversation;
  if (item.contains("role")) return Kind::kAgent;
  return Kind::kUnknown;
}

}  // namespace

Result<TranslatedSource> TranslateChatwoot(const std::vector<std::filesystem::path>& paths) {
  struct Item {
    std::string file;
    int64_t n;
    const json* value;
  };
  std::vector<std::pair<std::string, json>> docs;
  docs.reserve(paths.size());
  for (const auto& path : paths) {
    SL_ASSIGN_OR_RETURN(json doc, ReadJsonFile(path));
    docs.emplace_back(path.filename().string(), std::move(doc));
  }
  std::map<Kind, std::vector<Item>> items;
  for (auto& [name, doc] : docs) {
    const json* list = &doc;
    if (doc.is_object() && doc.contains("data") && doc["data"].is_object() && doc["data"].contains("payload")) list = &doc["data"]["payload"];
    else if (doc.is_object() && doc.contains("payload")) list = &doc["payload"];
    if (!list->is_array())
      return Status::InvalidData(fmt::format("{}: expected an array of Chatwoot objects (bare, under \"payload\" or \"data.payload\")", name));
    int64_t n = 0;
    for (const json& item : *list) {
      ++n;
      items[KindOf(item)].push_back({name, n, &item});
      // The conversation list embeds messages (the latest ones); they are messages like the others.
      if (KindOf(item) == Kind::kConversation && item.contains("messages") && item["messages"].is_array())
        for (const json& m : item["messages"]) items[Kind::kMessage].push_back({name, n, &m});
    }
  }

  TranslatedSource out;
  HelpdeskRecords rec(out);
  auto [agent_rows, customer_rows, ticket_rows, event_rows, survey_rows] = std::tie(rec.agents, rec.customers, rec.tickets, rec.events, rec.surveys);
  const EntitySpec &agents = rec.agent_spec, &customers = rec.customer_spec, &tickets = rec.ticket_spec, &events = rec.event_spec,
                   &surveys = rec.survey_spec;
  auto record = [](const EntitySpec& spec, const Item& it) { return NewRecord(spec, it.file, it.n, it.value->dump(), true); };
  auto set = [](const EntitySpec& spec, RawRecord& r, const char* field, const std::string& v) { SetField(spec, r, field, v); };
  auto issue = [&](const Item& it, const std::string& field, std::string reason) {
    out.issues.push_back({it.file, it.n, field, std::move(reason), it.value->dump(), true});
  };

  std::map<std::string, std::string> inbox_channel, inbox_name, agent_name_to_id;
  for (const Item& it : items[Kind::kInbox]) {
    inbox_channel[JsonText(*it.value, "id")] = ChannelOf(JsonText(*it.value, "channel_type"));
    inbox_name[JsonText(*it.value, "id")] = JsonText(*it.value, "name");
  }
  std::set<std::string> agents_added, customers_added;
  auto add_agent = [&](const std::string& id, const std::string& name, bool bot, const Item& it) {
    if (id.empty() || !agents_added.insert(id).second) return;
    RawRecord a = record(agents, it);
    set(agents, a, "agent_id", id);
    set(agents, a, "name", name);
    set(agents, a, "kind", bot ? "bot" : "human");
    agent_rows.push_back(std::move(a));
    if (!name.empty()) agent_name_to_id[name] = id;
  };
  auto add_customer = [&](const std::string& id, const Item& it) {
    if (id.empty() || !customers_added.insert(id).second) return;
    RawRecord c = record(customers, it);
    set(customers, c, "customer_id", id);
    customer_rows.push_back(std::move(c));
  };
  for (const Item& it : items[Kind::kAgent]) add_agent(JsonText(*it.value, "id"), JsonText(*it.value, "name"), false, it);

  // Conversations: one ticket each.
  std::map<std::string, const json*> conversation;
  for (const Item& it : items[Kind::kConversation]) {
    const json& c = *it.value;
    const std::string id = JsonText(c, "id");
    auto created = Instant(c, "created_at");
    if (!created) created = Instant(c, "timestamp");
    if (id.empty() || !created) {
      issue(it, id.empty() ? "id" : "created_at", "missing or not a time");
      continue;
    }
    if (conversation.count(id)) continue;  // listed in two files
    conversation[id] = &c;
    RawRecord t = record(tickets, it);
    set(tickets, t, "ticket_id", id);
    set(tickets, t, "created_at", *created);
    const std::string channel = JsonText(c, "channel");
    set(tickets, t, "channel", !channel.empty() ? ChannelOf(channel) : inbox_channel.count(JsonText(c, "inbox_id")) ? inbox_channel[JsonText(c, "inbox_id")] : "other");
    const json* meta = c.contains("meta") && c["meta"].is_object() ? &c["meta"] : nullptr;
    const std::string contact = meta && (*meta).contains("sender") ? JsonText((*meta)["sender"], "id") : "";
    set(tickets, t, "customer_id", contact);
    add_customer(contact, it);
    std::string priority = JsonText(c, "priority");
    if (priority == "medium") priority = "normal";
    set(tickets, t, "priority", priority);
    if (inbox_name.count(JsonText(c, "inbox_id"))) set(tickets, t, "queue", inbox_name[JsonText(c, "inbox_id")]);
    if (c.contains("labels") && c["labels"].is_array()) {
      std::string tags;
      for (const json& l : c["labels"])
        if (l.is_string()) tags += (tags.empty() ? "" : ";") + l.get<std::string>();
      set(tickets, t, "tags", tags);
    }
    ticket_rows.push_back(std::move(t));
    if (meta && (*meta).contains("assignee") && (*meta)["assignee"].is_object())
      add_agent(JsonText((*meta)["assignee"], "id"), JsonText((*meta)["assignee"], "name"), false, it);
  }

  // Messages, in time order per conversation.
  std::map<std::string, std::vector<std::pair<std::string, const Item*>>> by_conversation;  // id -> (at, message)
  std::set<std::string> messages_seen;
  for (const Item& it : items[Kind::kMessage]) {
    const json& m = *it.value;
    const std::string id = JsonText(m, "id"), conv = JsonText(m, "conversation_id");
    auto at = Instant(m, "created_at");
    if (id.empty() || conv.empty() || !at) {
      issue(it, id.empty() ? "id" : conv.empty() ? "conversation_id" : "created_at", "missing or not a time");
      continue;
    }
    if (!messages_seen.insert(id).second) continue;  // the conversation list repeats its latest message
    by_conversation[conv].push_back({*at, &it});
  }
  int64_t templates = 0, private_notes = 0, unparsed_activities = 0, orphans = 0;
  std::set<std::string> resolved_by_activity, bot_posted;
  for (auto& [conv, list] : by_conversation) {
    if (!conversation.count(conv)) {
      orphans += static_cast<int64_t>(list.size());
      continue;
    }
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [at, it] : list) {
      const json& m = *it->value;
      const std::string type = MessageType(m);
      RawRecord e = record(events, *it);
      set(events, e, "event_id", "cw-" + JsonText(m, "id"));
      set(events, e, "ticket_id", conv);
      set(events, e, "at", at);
      const json sender = m.contains("sender") && m["sender"].is_object() ? m["sender"] : json::object();
      std::string sender_type = JsonText(sender, "type");
      if (sender_type.empty()) sender_type = JsonText(m, "sender_type");
      std::transform(sender_type.begin(), sender_type.end(), sender_type.begin(), [](unsigned char c) { return std::tolower(c); });
      const std::string sender_id = JsonText(sender, "id").empty() ? JsonText(m, "sender_id") : JsonText(sender, "id");
      if (JsonText(m, "content_type") == "input_csat") {
        // The CSAT question answered inside the conversation.
        const json& attrs = m.contains("content_attributes") ? m["content_attributes"] : json::object();
        const json* resp = attrs.is_object() && attrs.contains("submitted_values") && attrs["submitted_values"].is_object() &&
                                   attrs["submitted_values"].contains("csat_survey_response")
                               ? &attrs["submitted_values"]["csat_survey_response"]
                               : nullptr;
        if (resp && !JsonText(*resp, "rating").empty()) {
          RawRecord s = record(surveys, *it);
          set(surveys, s, "response_id", "cw-csat-message-" + JsonText(m, "id"));
          set(surveys, s, "kind", "csat");
          set(surveys, s, "score", JsonText(*resp, "rating"));
          set(surveys, s, "scale_min", "1");
          set(surveys, s, "scale_max", "5");
          set(surveys, s, "answered_at", at);
          set(surveys, s, "ticket_id", conv);
          set(surveys, s, "comment", JsonText(*resp, "feedback_message"));
          survey_rows.push_back(std::move(s));
        }
        continue;
      }
      if (type == "incoming") {
        set(events, e, "type", "message");
        set(events, e, "actor_kind", "customer");
        set(events, e, "text", JsonText(m, "content"));
      } else if (type == "outgoing") {
        const bool bot = sender_type == "agent_bot" || sender_type == "agentbot";
        const bool is_private = m.contains("private") && m["private"] == true;
        private_notes += is_private;
        const std::string agent_id = sender_id.empty() ? "" : (bot ? "bot-" : "") + sender_id;
        if (bot) bot_posted.insert(conv);
        add_agent(agent_id, JsonText(sender, "name"), bot, *it);
        set(events, e, "type", "message");
        set(events, e, "actor_kind", bot ? "bot" : "agent");
        set(events, e, "actor_id", agent_id);
        set(events, e, "public", is_private ? "false" : "true");
        set(events, e, "text", JsonText(m, "content"));
      } else if (type == "activity") {
        // Chatwoot records status and assignment changes as English activity messages.
        const std::string text = JsonText(m, "content");
        set(events, e, "actor_kind", "system");
        if (text.find("resolved") != std::string::npos) {
          set(events, e, "type", "status");
          set(events, e, "status", "solved");
          resolved_by_activity.insert(conv);
        } else if (text.find("reopened") != std::string::npos) {
          set(events, e, "type", "status");
          set(events, e, "status", "open");
        } else if (text.find("pending") != std::string::npos) {
          set(events, e, "type", "status");
          set(events, e, "status", "pending");
        } else if (text.find("snoozed") != std::string::npos) {
          set(events, e, "type", "status");
          set(events, e, "status", "on_hold");
        } else if (text.rfind("Assigned to ", 0) == 0 || text.find(" self-assigned this conversation") != std::string::npos) {
          std::string name = text.rfind("Assigned to ", 0) == 0 ? text.substr(12, text.find(" by ") == std::string::npos ? std::string::npos : text.find(" by ") - 12)
                                                                : text.substr(0, text.find(" self-assigned"));
          auto agent = agent_name_to_id.find(name);
          if (agent == agent_name_to_id.end()) {
            ++unparsed_activities;
            continue;
          }
          // After a bot has answered, handing the conversation to a person is the bot hand-off:
          // the canonical transfer (docs/definitions.md), which restarts the first-reply clock.
          set(events, e, "type", bot_posted.count(conv) ? "transfer" : "assign");
          set(events, e, "assignee_id", agent->second);
        } else {
          ++unparsed_activities;
          continue;
        }
      } else {
        ++templates;  // template messages (forms, CSAT questions sent) are no conversation turn
        continue;
      }
      event_rows.push_back(std::move(e));
    }
  }
  // A conversation resolved now whose resolution no activity message records: solved at its last activity.
  int64_t resolved_by_status = 0;
  for (auto& [id, c] : conversation)
    if (JsonText(*c, "status") == "resolved" && !resolved_by_activity.count(id)) {
      auto at = Instant(*c, "last_activity_at");
      if (!at) at = Instant(*c, "timestamp");
      if (!at) continue;
      Item it{"", 0, c};
      RawRecord e = record(events, it);
      e.by_record = false;
      set(events, e, "event_id", "cw-resolved-" + id);
      set(events, e, "ticket_id", id);
      set(events, e, "at", *at);
      set(events, e, "type", "status");
      set(events, e, "actor_kind", "system");
      set(events, e, "status", "solved");
      event_rows.push_back(std::move(e));
      ++resolved_by_status;
    }
  for (const Item& it : items[Kind::kCsat]) {
    const json& s = *it.value;
    const std::string conv = JsonText(s, "conversation_id");
    if (JsonText(s, "rating").empty()) {
      issue(it, "rating", "missing");
      continue;
    }
    RawRecord r = record(surveys, it);
    set(surveys, r, "response_id", "cw-csat-" + JsonText(s, "id"));
    set(surveys, r, "kind", "csat");
    set(surveys, r, "score", JsonText(s, "rating"));
    set(surveys, r, "scale_min", "1");
    set(surveys, r, "scale_max", "5");
    auto at = Instant(s, "created_at");
    set(surveys, r, "answered_at", at ? *at : "");
    set(surveys, r, "ticket_id", conv);
    set(surveys, r, "customer_id", JsonText(s, "contact_id"));
    if (agents_added.count(JsonText(s, "assigned_agent_id"))) set(surveys, r, "agent_id", JsonText(s, "assigned_agent_id"));
    set(surveys, r, "comment", JsonText(s, "feedback_message"));
    survey_rows.push_back(std::move(r));
  }
  if (!items[Kind::kUnknown].empty())
    out.notes.push_back(fmt::format("{} items that are no conversation, message, CSAT response, inbox or agent left out", items[Kind::kUnknown].size()));
  if (orphans) out.notes.push_back(fmt::format("{} messages of conversations not in the files left out", orphans));
  if (templates) out.notes.push_back(fmt::format("{} template messages (forms, survey invitations) left out", templates));
  if (private_notes) out.notes.push_back(fmt::format("{} private notes stored with public = false", private_notes));
  if (unparsed_activities) out.notes.push_back(fmt::format("{} activity messages of no status or known agent left out", unparsed_activities));
  if (resolved_by_status) out.notes.push_back(fmt::format("{} resolved conversations without a resolution activity: solved at their last activity", resolved_by_status));
  return out;
}

}  // namespace supportlens
