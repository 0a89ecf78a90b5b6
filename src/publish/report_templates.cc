// The three templates: a week of operations, a month of customer satisfaction, and a scorecard
// per agent.
#include "publish/report_templates.h"

namespace supportlens {

const std::vector<ReportTemplate>& ReportTemplates() {
  static const std::vector<ReportTemplate> templates = {
      {"weekly-ops",
       "Weekly operations report",
       "Volume, speed, resolution and backlog against their targets, by channel, with the week's biggest movers and "
       "the unhappy customers to call back.",
       {"ticket_volume", "first_reply_time", "average_reply_time", "resolution_time", "fcr_rate", "reopen_rate",
        "escalation_rate", "sla_compliance", "backlog", "backlog_overdue", "service_level", "abandonment_rate",
        "average_handle_time", "csat"},
       {"ticket_volume", "first_reply_time", "resolution_time"},
       {{"channel", {"ticket_volume", "first_reply_time", "resolution_time", "fcr_rate", "sla_compliance", "csat"}}},
       true,
       {}},
      {"monthly-satisfaction",
       "Monthly satisfaction report",
       "CSAT, NPS, effort and sentiment against their targets, by channel and topic, with the detractors to follow up.",
       {"csat", "nps", "ces", "ces_easy_pct", "sentiment_score", "complaint_rate", "fcr_rate", "reopen_rate",
        "repeat_contact_rate", "customer_retention_rate", "customer_churn_rate"},
       {"csat", "nps", "sentiment_score"},
       {{"channel", {"csat", "nps", "ces", "sentiment_score", "complaint_rate"}},
        {"topic", {"ticket_volume", "csat", "nps", "sentiment_score", "complaint_rate"}}},
       true,
       {}},
      {"agent-scorecard",
       "Agent scorecard",
       "Each agent's and each team's output, speed, quality and satisfaction, against the previous period.",
       {"resolved_tickets", "first_reply_time", "resolution_time", "average_handle_time", "fcr_rate", "reopen_rate",
        "csat", "tickets_per_agent_hour", "occupancy", "utilization"},
       {"resolved_tickets", "csat"},
       {},
       false,
       {"resolved_tickets", "first_reply_time", "average_reply_time", "resolution_time", "average_handle_time", "fcr_rate",
        "reopen_rate", "csat", "sentiment_score"},
       true},
  };
  return templates;
}

const ReportTemplate* FindReportTemplate(const std::string& name) {
  for (const auto& t : ReportTemplates())
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace supportlens
