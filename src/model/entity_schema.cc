#include "model/entity_schema.h"

namespace supportlens {
namespace {

using F = FieldType;
using E = EntityKind;

std::vector<EntitySpec> MakeEntities() {
  const std::vector<std::string_view> kActorKinds = {"customer", "agent", "bot", "system"};
  return {
      {"agents",
       {{"agent_id", F::kId, true},
        {"name", F::kString},
        {"team", F::kString},
        {"kind", F::kEnum, false, {"human", "bot"}, E::kNone, "human"},
        {"hired_on", F::kDate},
        {"left_on", F::kDate},
        {"left_voluntarily", F::kBool},
        {"hourly_cost", F::kNumber, false, {}, E::kNone, {}, true}},
       {"agent_id"},
       E::kAgent},
      {"customers",
       {{"customer_id", F::kId, true},
        {"segment", F::kString},
        {"acquired_on", F::kDate},
        {"churned_on", F::kDate},
        {"recurring_revenue", F::kNumber, false, {}, E::kNone, {}, true}},
       {"customer_id"},
       E::kCustomer},
      {"tickets",
       {{"ticket_id", F::kId, true},
        {"created_at", F::kTimestamp, true},
        {"channel", F::kId, true},
        {"customer_id", F::kId, false, {}, E::kCustomer},
        {"priority", F::kId},
        {"topic", F::kId},
        {"tags", F::kList},
        {"subject", F::kString},
        {"is_complaint", F::kBool, false, {}, E::kNone, "false"},
        {"queue", F::kId}},
       {"ticket_id"},
       E::kTicket},
      {"events",
       {{"event_id", F::kId, true},
        {"ticket_id", F::kId, true, {}, E::kTicket},
        {"at", F::kTimestamp, true},
        {"type", F::kEnum, true, {"message", "status", "assign", "escalate", "transfer", "merge"}},
        {"actor_kind", F::kEnum, false, kActorKinds},
        {"actor_id", F::kId, false, {}, E::kAgent},
        {"public", F::kBool, false, {}, E::kNone, "true"},
        {"status", F::kEnum, false, {"new", "open", "pending", "on_hold", "solved", "closed"}},
        {"assignee_id", F::kId, false, {}, E::kAgent},
        {"level", F::kNumber, false, {}, E::kNone, {}, true},
        {"text", F::kString}},
       {"event_id"},
       E::kNone,
       {"sentiment"}},
      {"calls",
       {{"call_id", F::kId, true},
        {"offered_at", F::kTimestamp, true},
        {"channel", F::kId, false, {}, E::kNone, "phone"},
        {"queue", F::kId},
        {"customer_id", F::kId, false, {}, E::kCustomer},
        {"ticket_id", F::kId, false, {}, E::kTicket},
        {"answered_at", F::kTimestamp},
        {"abandoned_at", F::kTimestamp},
        {"ended_at", F::kTimestamp},
        {"talk_s", F::kDuration},
        {"hold_s", F::kDuration},
        {"acw_s", F::kDuration},
        {"agent_id", F::kId, false, {}, E::kAgent},
        {"transferred", F::kBool, false, {}, E::kNone, "false"}},
       {"call_id"}},
      {"surveys",
       {{"response_id", F::kId, true},
        {"kind", F::kEnum, true, {"csat", "nps", "ces", "esat"}},
        {"score", F::kNumber, true},
        {"answered_at", F::kTimestamp, true},
        {"scale_min", F::kNumber},
        {"scale_max", F::kNumber},
        {"ticket_id", F::kId, false, {}, E::kTicket},
        {"customer_id", F::kId, false, {}, E::kCustomer},
        {"agent_id", F::kId, false, {}, E::kAgent},
        {"comment", F::kString}},
       {"response_id"}},
      {"agent_states",
       {{"agent_id", F::kId, true, {}, E::kAgent},
        {"state", F::kEnum, true,
         {"available", "handling", "after_call_work", "break", "meeting", "training", "logged_out"}},
        {"start", F::kTimestamp, true},
        {"end", F::kTimestamp, true}},
       {"agent_id", "start"}},
      {"shifts",
       {{"agent_id", F::kId, true, {}, E::kAgent}, {"start", F::kTimestamp, true}, {"end", F::kTimestamp, true}},
       {"agent_id", "start"}},
      {"retention_requests",
       {{"request_id", F::kId, true},
        {"customer_id", F::kId, true, {}, E::kCustomer},
        {"requested_at", F::kTimestamp, true},
        {"outcome", F::kEnum, true, {"saved", "cancelled", "pending"}}},
       {"request_id"}},
      {"offers",
       {{"offer_id", F::kId, true},
        {"offered_at", F::kTimestamp, true},
        {"kind", F::kEnum, false, {"upsell", "cross_sell"}},
        {"accepted", F::kBool, true},
        {"value", F::kNumber, false, {}, E::kNone, {}, true},
        {"ticket_id", F::kId, false, {}, E::kTicket},
        {"agent_id", F::kId, false, {}, E::kAgent},
        {"customer_id", F::kId, false, {}, E::kCustomer}},
       {"offer_id"}},
      {"self_service",
       {{"session_id", F::kId, true},
        {"started_at", F::kTimestamp, true},
        {"kind", F::kEnum, false, {"knowledge_base", "faq", "forum", "chatbot"}},
        {"resolved_without_agent", F::kBool, true},
        {"customer_id", F::kId, false, {}, E::kCustomer},
        {"handed_off_ticket_id", F::kId, false, {}, E::kTicket}},
       {"session_id"}},
      {"costs",
       {{"period_start", F::kDate, true},
        {"period_end", F::kDate, true},
        {"amount", F::kNumber, true, {}, E::kNone, {}, true},
        {"category", F::kEnum, false, {"labor", "technology", "facilities", "training", "overhead"}},
        {"channel", F::kId}},
       {"period_start", "period_end", "category", "channel"}},
  };
}

}  // namespace

const std::vector<EntitySpec>& AllEntities() {
  static const std::vector<EntitySpec> kEntities = MakeEntities();
  return kEntities;
}

const EntitySpec* FindEntity(std::string_view name) {
  for (const auto& e : AllEntities())
    if (e.name == name) return &e;
  return nullptr;
}

int FieldIndex(const EntitySpec& spec, std::string_view field) {
  for (size_t i = 0; i < spec.fields.size(); ++i)
    if (spec.fields[i].name == field) return static_cast<int>(i);
  return -1;
}

}  // namespace supportlens
