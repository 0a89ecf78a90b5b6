#pragma once
// The report templates of `supportlens publish`: what each one shows, as data. Rendering reads
// these; a new template is one entry here.
#include <string>
#include <vector>

namespace supportlens {

struct ReportBreakdown {
  std::string dim;                 // channel, topic, team, ...
  std::vector<std::string> kpis;
};

struct ReportTemplate {
  std::string name, title, description;
  std::vector<std::string> kpis;        // the KPI table: period, previous period, target
  std::vector<std::string> chart_kpis;  // one chart each, by day (by week beyond nine weeks)
  std::vector<ReportBreakdown> breakdowns;
  bool detractors = false;              // the follow-up list of unhappy survey answers
  std::vector<std::string> scorecard_kpis;  // non-empty: one row per agent and per team
  bool landscape = false;               // printed across the page (wide tables)
};

const std::vector<ReportTemplate>& ReportTemplates();
const ReportTemplate* FindReportTemplate(const std::string& name);

}  // namespace supportlens
