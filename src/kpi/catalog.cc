// The catalog. Each KPI is one entry: its definition (quoted by docs/kpis.md, which is generated
// from here), default target, the instant that places it in a window, and its compute function.
#include "kpi/catalog.h"

#include <optional>

namespace supportlens {
namespace {

using namespace kpi;

KpiTarget AtLeast(double v, std::string text) { return {">=", v, 0, std::move(text)}; }
KpiTarget AtMost(double v, std::string text) { return {"<=", v, 0, std::move(text)}; }
KpiTarget Between(double lo, double hi, std::string text) { return {"between", lo, hi, std::move(text)}; }

std::vector<KpiDefinition> MakeDefinitions() {
  std::vector<KpiDefinition> d;
  auto add = [&](KpiInfo info, ComputeFn fn) { d.push_back({std::move(info), fn}); };
  auto add_count = [&](KpiInfo info, ComputeFn fn) { d.push_back({std::move(info), fn, true}); };
  // The entry just added reads a costly report-wide sum (see KpiDefinition::shares).
  auto reading = [&](const char* shared_sum) { d.back().shares = shared_sum; };

  // --- Service quality -----------------------------------------------------------------------
  add({"csat", "Customer satisfaction (CSAT)", "service_quality", "percent", "higher_is_better", "lagging",
       "Satisfied responses / all CSAT responses x 100; satisfied = top two points of the survey's own scale "
       "(4-5 on 1-5, 9-10 on 1-10). The mean score is reported beside it (mean_score).",
       {"surveys", "tickets", "events"}, "survey answered_at (event cohort) or its ticket's created_at",
       AtLeast(85, "85-90 % is excellent"), ""},
      Csat);
  add({"nps", "Net Promoter Score (NPS)", "service_quality", "nps", "higher_is_better", "lagging",
       "% promoters (9-10) - % detractors (0-6) on a 0-10 scale (other scales are rescaled to 0-10); passives (7-8) "
       "count in the denominator only. Range -100..100.",
       {"surveys"}, "survey answered_at (event cohort) or its ticket's created_at", AtLeast(50, "50 and above is ideal"), ""},
      Nps);
  add({"ces", "Customer effort score (CES)", "service_quality", "score", "higher_is_better", "leading",
       "Mean effort score on the survey's scale (higher = easier).", {"surveys"},
       "survey answered_at (event cohort) or its ticket's created_at", AtLeast(5, "7 or above on 1-10; 5 or above on 1-7"), ""},
      Ces);
  add({"ces_easy_pct", "CES easy share", "service_quality", "percent", "higher_is_better", "leading",
       "CES responses in the top two points of their scale / all CES responses x 100.", {"surveys"},
       "survey answered_at (event cohort) or its ticket's created_at", AtLeast(70, "higher is better"), ""},
      CesEasyPct);
  add({"esat", "Employee satisfaction (ESAT)", "service_quality", "percent", "higher_is_better", "leading",
       "Satisfied agent responses (top two points) / all agent responses x 100; mean_score beside it.", {"surveys", "agents"},
       "survey answered_at", AtLeast(75, "higher is better"), ""},
      Esat);
  add({"sentiment_score", "Sentiment score", "service_quality", "score", "higher_is_better", "leading",
       "Mean sentiment of customer messages mapped to 0-100 (0 most negative, 50 neutral, 100 most positive): each "
       "customer message's text is scored with VADER at import, score = (compound + 1) x 50. n counts the messages; "
       "positive_pct and negative_pct are the shares with compound >= 0.05 and <= -0.05. Credited to the ticket's "
       "assignee when the customer wrote. Per ticket and customer: supportlens sentiment --db (docs/sentiment.md).",
       {"events"}, "message at (event cohort) or its ticket's created_at", AtLeast(80, "above 80 is ideal"), ""},
      SentimentScore);

  // --- Solution quality ----------------------------------------------------------------------
  add({"fcr_rate", "First contact resolution rate", "solution_quality", "percent", "higher_is_better", "lagging",
       "Tickets resolved on first contact / tickets x 100. Resolved on first contact = currently solved, exactly one "
       "public human agent reply, never reopened, transferred or escalated, and no repeat contact by the same customer "
       "on the same topic within the repeat window (thresholds.repeat_contact_days, default 7).",
       {"tickets", "events"}, "ticket created_at in every cohort", Between(70, 80, "70-80 % for most industries"), ""},
      FcrRate);
  add({"one_touch_rate", "One-touch resolution rate", "solution_quality", "percent", "higher_is_better", "lagging",
       "Solved tickets with at most one public human agent reply / solved tickets x 100 (the helpdesk convention, "
       "looser than fcr_rate).",
       {"tickets", "events"}, "final resolution (event cohort)", AtLeast(60, "higher is better"), ""},
      OneTouchRate);
  add({"reopen_rate", "Reopen rate", "solution_quality", "percent", "lower_is_better", "lagging",
       "Tickets resolved at least once that were later reopened (a status change from solved/closed back to an open "
       "status) / tickets resolved at least once x 100.",
       {"tickets", "events"}, "first resolution (event cohort)", AtMost(5, "lower is better"), ""},
      ReopenRate);
  add({"escalation_rate", "Escalation rate", "solution_quality", "percent", "lower_is_better", "leading",
       "Tickets with at least one escalate event / tickets x 100.", {"tickets", "events"}, "ticket created_at",
       AtMost(10, "lower is better"), ""},
      EscalationRate);
  add({"repeat_contact_rate", "Repeat contact rate", "solution_quality", "percent", "lower_is_better", "lagging",
       "Tickets opened by a customer within the repeat window (default 7 days) after a previous ticket of theirs on "
       "the same topic / tickets x 100.",
       {"tickets"}, "ticket created_at", AtMost(15, "lower is better"), ""},
      RepeatContactRate);
  add({"next_issue_avoidance", "Next issue avoidance", "solution_quality", "percent", "higher_is_better", "lagging",
       "100 - repeat_contact_rate: tickets that are not a repeat contact / tickets x 100.", {"tickets"}, "ticket created_at",
       AtLeast(85, "higher is better"), ""},
      NextIssueAvoidance);
  add({"bot_resolution_rate", "Bot resolution rate", "solution_quality", "percent", "higher_is_better", "lagging",
       "Bot conversations (a bot posted in them) solved without a hand-off to a human / bot conversations x 100; a "
       "transfer, an assignment to a human, or any public human-agent reply is a hand-off.",
       {"tickets", "events", "agents"}, "ticket created_at", AtLeast(83, "83 % seen in practice"), ""},
      BotResolutionRate);

  // --- Handling speed ------------------------------------------------------------------------
  add({"first_reply_time", "First reply time", "handling_speed", "seconds", "lower_is_better", "leading",
       "Ticket creation -> first public human agent reply (bot messages, notes and system messages never count); the "
       "clock restarts at a bot hand-off (definitions.first_reply_restarts_at_bot_handoff). Median, mean, p90; "
       "calendar or business seconds.",
       {"tickets", "events"}, "first reply (event cohort)",
       AtMost(3600, "chat about 60 s to 2 min; email 1-2 h; social 1 h; phone: answer within 3 rings"), ""},
      FirstReplyTime);
  add({"average_reply_time", "Reply time", "handling_speed", "seconds", "lower_is_better", "leading",
       "For every public customer message, the time until the next public human agent reply (bot replies excluded); "
       "median, mean and p90 over all such waits. Unanswered messages are not waits yet.",
       {"events"}, "the reply (event cohort)", AtMost(14400, "lower is better"), ""},
      AverageReplyTime);
  add({"resolution_time", "Resolution time (full)", "handling_speed", "seconds", "lower_is_better", "lagging",
       "Ticket creation -> final resolution (the last transition into solved or closed of a ticket that is resolved "
       "now; closing an already solved ticket is not a new resolution). Median, mean, p90.",
       {"tickets", "events"}, "final resolution (event cohort)", AtMost(86400, "lower is better"), ""},
      ResolutionTime);
  add({"first_resolution_time", "First resolution time", "handling_speed", "seconds", "lower_is_better", "lagging",
       "Ticket creation -> first transition into solved or closed. Median, mean, p90.", {"tickets", "events"},
       "first resolution (event cohort)", AtMost(86400, "lower is better"), ""},
      FirstResolutionTime);
  add({"average_handle_time", "Average handle time (AHT)", "handling_speed", "seconds", "lower_is_better", "lagging",
       "(talk + hold + after-call work) per answered call; a call with none of them recorded uses ended_at - "
       "answered_at. Median as value, mean (the classic AHT) and p90 beside it, and the split: talk_mean, hold_mean, acw_mean.",
       {"calls"}, "call offered_at", AtMost(360, "lower is better, balanced with csat"), ""},
      AverageHandleTime);
  add({"average_speed_of_answer", "Average speed of answer (ASA)", "handling_speed", "seconds", "lower_is_better", "leading",
       "Wait from offered to answered, answered calls only. Median as value, mean (the classic ASA) and p90 beside it.",
       {"calls"}, "call offered_at", AtMost(30, "lower is better"), ""},
      AverageSpeedOfAnswer);
  add({"service_level", "Service level", "handling_speed", "percent", "higher_is_better", "leading",
       "Contacts answered within the threshold (thresholds.service_level_seconds per channel, default 20 s) / "
       "(contacts offered - short abandons) x 100.",
       {"calls"}, "call offered_at", AtLeast(80, "80/20 is the classic phone target"), ""},
      ServiceLevel);
  add({"sla_compliance", "SLA compliance", "handling_speed", "percent", "higher_is_better", "lagging",
       "Tickets whose first reply and resolution met their policy (sla.first_reply_seconds, sla.resolution_seconds per "
       "priority, optionally priority.channel) / tickets with a policy x 100, judged at the window's end; targets not "
       "yet due are left out. first_reply_compliance and resolution_compliance are reported per target.",
       {"tickets", "events"}, "ticket created_at", AtLeast(90, "higher is better"), ""},
      SlaCompliance);

  // --- Volume and workload -------------------------------------------------------------------
  add_count({"ticket_volume", "Ticket volume", "volume", "count", "none", "leading", "Tickets created.", {"tickets"},
       "ticket created_at", std::nullopt, ""},
      TicketVolume);
  add_count({"tickets_per_channel", "Tickets per channel", "volume", "count", "none", "leading",
       "ticket_volume split by channel with each channel's share % (details).", {"tickets"}, "ticket created_at", std::nullopt,
       ""},
      TicketsPerChannel);
  reading(kTicketColumnCounts);
  add_count({"resolved_tickets", "Resolved tickets", "volume", "count", "higher_is_better", "lagging",
       "Tickets whose final resolution falls in the window (event cohort); under the created cohort, tickets created "
       "in the window that are resolved now.",
       {"tickets", "events"}, "final resolution (event cohort)", std::nullopt, ""},
      ResolvedTickets);
  add_count({"offered_calls", "Offered calls", "volume", "count", "none", "leading",
       "Calls (or queued chats) offered to a queue.", {"calls"}, "call offered_at", std::nullopt, ""},
      OfferedCalls);
  add_count({"answered_calls", "Answered calls", "volume", "count", "higher_is_better", "lagging",
       "Offered calls an agent answered.", {"calls"}, "call offered_at", std::nullopt, ""},
      AnsweredCalls);
  add_count({"backlog", "Backlog", "volume", "count", "lower_is_better", "leading",
       "Tickets open at the end of the window (or of each time bucket): created before it and not in a solved or "
       "closed state then.",
       {"tickets", "events"}, "the end of each period", AtMost(0, "as close to zero as possible"), ""},
      Backlog);
  reading(kOpenAtPeriodEnds);
  add_count({"backlog_overdue", "Overdue backlog", "volume", "count", "lower_is_better", "leading",
       "Backlog tickets open longer than their first-reply target (while unanswered) or their resolution target.",
       {"tickets", "events"}, "the end of each period", AtMost(0, "as close to zero as possible"), ""},
      BacklogOverdue);
  reading(kOpenAtPeriodEnds);
  add({"abandonment_rate", "Abandonment rate", "volume", "percent", "lower_is_better", "leading",
       "Contacts abandoned before an agent answered, short abandons (under thresholds.short_abandon_seconds, default "
       "5 s) excluded / (contacts offered - short abandons) x 100; the counts beside it: abandoned, short_abandons.",
       {"calls"}, "call offered_at", AtMost(8, "below 8 %; above 10 % signals a problem"), ""},
      AbandonmentRate);
  add({"average_touches", "Average touches", "volume", "count", "lower_is_better", "lagging",
       "Public human agent replies per resolved ticket (mean).", {"tickets", "events"}, "final resolution (event cohort)",
       AtMost(3, "lower is better"), ""},
      AverageTouches);
  add({"tickets_per_agent_hour", "Tickets per agent hour", "volume", "per_hour", "higher_is_better", "lagging",
       "Tickets resolved / agent logged-in hours (agent states other than logged_out).", {"tickets", "events", "agent_states"},
       "final resolution; state time inside the window", AtLeast(2, "higher is better"), ""},
      TicketsPerAgentHour);
  add({"complaint_rate", "Complaint rate", "volume", "percent", "lower_is_better", "lagging",
       "Complaint tickets (is_complaint) / tickets x 100; the details list each complaint type (topic) as complaints of "
       "that type / all complaints x 100.",
       {"tickets"}, "ticket created_at", AtMost(5, "lower is better"), ""},
      ComplaintRate);
  reading(kTicketColumnCounts);
  add({"top_topics", "Top topics", "volume", "percent", "none", "leading",
       "Topics ranked by ticket volume (details), with the week-over-week change of the window's last seven days; the "
       "value is the top topic's share of tickets.",
       {"tickets"}, "ticket created_at", std::nullopt, ""},
      TopTopics);
  reading(kTicketColumnCounts);

  // --- Workforce -----------------------------------------------------------------------------
  add({"occupancy", "Occupancy", "workforce", "percent", "band", "leading",
       "(handling + after-call-work time) / (available + handling + after-call-work time) x 100.", {"agent_states"},
       "state time inside the window", Between(80, 90, "80-90 %"), ""},
      Occupancy);
  add({"utilization", "Utilization", "workforce", "percent", "band", "leading",
       "Productive logged-in time (every state but break and logged_out) / scheduled shift time x 100.",
       {"agent_states", "shifts"}, "state and shift time inside the window", Between(75, 85, "75-85 %; above 90 % means overwork"), ""},
      Utilization);
  add({"agent_turnover_rate", "Agent turnover rate", "workforce", "percent", "lower_is_better", "lagging",
       "Human agents who left in the window / average headcount (mean of the headcount on the first and the last "
       "day) x 100; the voluntary share of leavers is reported beside it.",
       {"agents"}, "agent left_on", AtMost(10, "lower is better"), ""},
      AgentTurnoverRate);
  add({"agent_productivity", "Agent productivity scorecard", "workforce", "count", "none", "lagging",
       "Per-agent scorecard (details): resolved tickets, tickets per logged-in hour, median first reply time, fcr_rate, "
       "escalation_rate, csat and aht, each as defined in this catalog; the value is the mean resolved tickets per agent.",
       {"tickets", "events", "surveys", "calls", "agent_states"}, "as each scorecard KPI", std::nullopt, ""},
      AgentProductivity);
  add({"required_agents", "Required agents (staffing)", "planning", "count", "none", "leading",
       "Agents required for 80 % of calls answered within thresholds.service_level_seconds (phone, default 20 s): per hour "
       "of the window, the calls forecast from the 8 weeks before it (as volume_forecast, calls only), staffed with Erlang C, "
       "or Erlang A when those weeks show abandonment (patience = total waiting time / abandonments), with their mean handle "
       "time (talk + hold + wrap-up); the value is the group's peak hour. Per-interval plans with shrinkage and occupancy "
       "limits: supportlens plan.",
       {"calls"}, "interval start (forecast hour)", std::nullopt, ""},
      kpi::RequiredAgents);
  add({"volume_forecast", "Volume forecast", "planning", "count", "none", "leading",
       "Tickets created plus calls offered forecast for the window from the 8 weeks before it: per combination of the "
       "grouped non-time dimensions, the hourly history is forecast with double seasonal Holt-Winters (daily and weekly "
       "seasons, Taylor 2003) and each forecast hour counts in its own time bucket. Backtests: supportlens forecast.",
       {"tickets", "calls"}, "interval start (forecast hour)", std::nullopt, ""},
      kpi::VolumeForecast);

  // --- Retention and revenue -----------------------------------------------------------------
  add({"customer_retention_rate", "Customer retention rate", "retention", "percent", "higher_is_better", "lagging",
       "(customers at end - new customers in window) / customers at start x 100. A customer is present on a day when "
       "acquired before it and not churned before it.",
       {"customers"}, "window start and end", AtLeast(80, "above 80 %"), ""},
      CustomerRetentionRate);
  reading(kSegmentPopulations);
  add({"customer_churn_rate", "Customer churn rate", "retention", "percent", "lower_is_better", "lagging",
       "Customers present at the start who churned in the window / customers at start x 100.", {"customers"},
       "window start and end", AtMost(5, "5-7 % typical; 0 ideal"), ""},
      CustomerChurnRate);
  reading(kSegmentPopulations);
  add({"save_rate", "Save rate", "retention", "percent", "higher_is_better", "lagging",
       "Retention requests saved / retention requests resolved (saved or cancelled; pending left out) x 100.",
       {"retention_requests"}, "requested_at", AtLeast(30, "higher is better"), ""},
      SaveRate);
  add({"revenue_retention_rate", "Revenue retention rate", "retention", "percent", "higher_is_better", "lagging",
       "Recurring revenue at the end from customers present at the start / their recurring revenue at the start x 100 "
       "(customers carry one current recurring_revenue, so this measures revenue lost to churn).",
       {"customers"}, "window start and end", AtLeast(90, "higher is better"), ""},
      RevenueRetentionRate);
  reading(kSegmentPopulations);
  add({"upsell_rate", "Upsell rate", "retention", "percent", "higher_is_better", "lagging",
       "Offers accepted / offers made x 100; the accepted value is reported beside it (accepted_value).", {"offers"},
       "offered_at", AtLeast(20, "higher is better"), ""},
      UpsellRate);
  add({"customer_health_score", "Customer health score", "retention", "score", "higher_is_better", "leading",
       "0-100 risk-aware score per customer from early-warning signals: falling sentiment, rising contact frequency, "
       "rising severity, open escalations, low csat/nps, overdue tickets; validated as a churn predictor.",
       {"customers", "tickets", "events", "surveys"}, "window end", std::nullopt,
       "needs the sentiment model and a validated churn predictor, which land with the text-analytics issue"},
      nullptr);

  // --- Self-service and cost -----------------------------------------------------------------
  add({"self_service_rate", "Self-service rate", "self_service_cost", "percent", "higher_is_better", "leading",
       "Self-service sessions / (self-service sessions + tickets) x 100.", {"self_service", "tickets"},
       "started_at and ticket created_at", AtLeast(50, "higher is better"), ""},
      SelfServiceRate);
  reading(kSelfServiceSessions);
  add({"deflection_rate", "Deflection rate", "self_service_cost", "percent", "higher_is_better", "leading",
       "Self-service sessions resolved without an agent / self-service sessions x 100.", {"self_service"}, "started_at",
       AtLeast(40, "higher is better"), ""},
      DeflectionRate);
  reading(kSelfServiceSessions);
  add({"cost_per_ticket", "Cost per ticket", "self_service_cost", "currency", "lower_is_better", "lagging",
       "Support cost in the window (each cost spread evenly over the days of its period) / tickets created in the "
       "window.",
       {"costs", "tickets"}, "cost days and ticket created_at", std::nullopt, ""},
      CostPerTicket);
  add({"cost_per_resolution", "Cost per resolution", "self_service_cost", "currency", "lower_is_better", "lagging",
       "Support cost in the window / resolved tickets.", {"costs", "tickets", "events"}, "cost days and final resolution",
       std::nullopt, ""},
      CostPerResolution);
  return d;
}

}  // namespace

const std::vector<KpiDefinition>& KpiDefinitions() {
  static const std::vector<KpiDefinition> kDefs = MakeDefinitions();
  return kDefs;
}

const KpiDefinition* FindKpiDefinition(const std::string& id) {
  for (auto& d : KpiDefinitions())
    if (d.info.id == id) return &d;
  return nullptr;
}

const std::vector<KpiInfo>& KpiCatalog() {
  static const std::vector<KpiInfo> kInfos = [] {
    std::vector<KpiInfo> v;
    for (auto& d : KpiDefinitions()) v.push_back(d.info);
    return v;
  }();
  return kInfos;
}

const KpiInfo* FindKpi(const std::string& id) {
  auto* d = FindKpiDefinition(id);
  return d ? &d->info : nullptr;
}

}  // namespace supportlens
