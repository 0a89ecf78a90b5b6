// The HTML of a published report (publish/report_html.h).
#include "publish/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/time_zone.h"
#include "publish/svg_chart.h"
#include "supportlens/query.h"

namespace supportlens {
namespace {

constexpr const char* kStyle = R"(
:root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --good: #047857; --bad: #b91c1c; --warn: #b45309; --accent: #2563eb; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 980px; padding: 24px; font-size: 13px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
p.meta { color: var(--muted); margin: 2px 0; }
p.note { color: var(--warn); margin: 6px 0 2px; }
.summary { display: flex; gap: 12px; margin: 16px 0; flex-wrap: wrap; }
.summary div { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 150px; }
.summary b { display: block; font-size: 20px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 11px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
td.num, th.num { text-align: right; } td.num { white-space: nowrap; }
table.wide th, table.wide td { padding: 4px 5px; font-size: 11px; }
tr.scope td { color: var(--muted); font-size: 12px; }
.better { color: var(--good); } .worse { color: var(--bad); } .up, .down { color: var(--accent); }
.status { font-weight: bold; font-size: 11px; text-transform: uppercase; }
.breached { color: var(--bad); } .at_risk { color: var(--warn); } .on_track { color: var(--good); }
.charts { display: grid; grid-template-columns: 1fr; gap: 8px; }
.comment { font-style: italic; }
footer { margin-top: 32px; color: var(--muted); font-size: 11px; }
@page { size: A4; margin: 14mm; }
@media print { body { padding: 0; max-width: none; } tr, svg, .summary { break-inside: avoid; } h2 { break-after: avoid; } }
)";

// Dates in the report: the period's last day is the day before `to`.
std::string LastDay(const std::string& to) {
  auto d = ParseDate(to);
  return d.ok() ? FormatDate(static_cast<DayNumber>(*d - 1)) : to;
}

std::string Change(const KpiComparison& c) {
  if (c.change_points) return fmt::format(R"(<span class="{}">{:+.1f} pts</span>)", c.sense, *c.change_points);
  if (!c.change_pct) return "–";
  return fmt::format(R"(<span class="{}">{:+.1f} %</span>)", c.sense, *c.change_pct);
}

std::string TargetText(const Target& t, const std::string& unit) {
  std::string bound = t.op == "between" ? FormatKpiValue(t.value, unit) + " – " + FormatKpiValue(t.upper, unit)
                                        : (t.op == ">=" ? "≥ " : "≤ ") + FormatKpiValue(t.value, unit);
  if (!t.deadline.empty()) bound += " by " + t.deadline;
  return bound;
}

std::string StatusCell(const TargetStatus& s) {
  const char* words = s.status == "breached" ? "breached" : s.status == "at_risk" ? "at risk" : "on track";
  return fmt::format(R"(<span class="status {}">{}</span>)", s.status, words);
}

std::string KpiTable(const ReportContents& c) {
  std::string h = R"(<table><thead><tr><th>KPI</th><th class="num">This period</th><th class="num">Previous</th><th class="num">Change</th><th>Target</th><th>Status</th></tr></thead><tbody>)";
  for (const KpiComparison& k : c.kpis) {
    const TargetStatus* overall = nullptr;
    for (const TargetStatus& s : k.targets)
      if (s.target.scope_dim.empty()) overall = &s;
    h += fmt::format(R"(<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td><td>{}</td></tr>)",
                     EscapeHtml(k.info->name), FormatKpiValue(k.current, k.info->unit), FormatKpiValue(k.previous, k.info->unit), Change(k),
                     overall ? TargetText(overall->target, k.info->unit) : "–", overall ? StatusCell(*overall) : "");
    for (const TargetStatus& s : k.targets) {
      if (s.target.scope_dim.empty()) continue;
      h += fmt::format(R"(<tr class="scope"><td>&nbsp;&nbsp;{} {}</td><td class="num">{}</td><td></td><td></td><td>{}</td><td>{}</td></tr>)",
                       EscapeHtml(s.target.scope_dim), EscapeHtml(s.target.scope_value), FormatKpiValue(s.actual, k.info->unit),
                       TargetText(s.target, k.info->unit), StatusCell(s));
    }
  }
  return h + "</tbody></table>";
}

std::string Movers(const ReportContents& c) {
  if (c.movers.empty()) return R"(<p class="meta">No KPI moved 5 % or more against the previous period (with at least 10 records on both sides, and a point for shares).</p>)";
  std::string h = R"(<table><thead><tr><th>KPI</th><th class="num">Previous</th><th class="num">This period</th><th class="num">Change</th></tr></thead><tbody>)";
  for (const KpiComparison& k : c.movers)
    h += fmt::format(R"(<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{} <span class="{}">{}</span></td></tr>)",
                     EscapeHtml(k.info->name), FormatKpiValue(k.previous, k.info->unit), FormatKpiValue(k.current, k.info->unit), Change(k),
                     k.sense, k.sense);
  return h + "</tbody></table>";
}

std::string Charts(const ReportContents& c) {
  std::string h = R"(<div class="charts">)";
  for (const DailySeries& s : c.charts) {
    const KpiInfo* info = FindKpi(s.kpi);
    LineChartSpec spec;
    spec.labels = s.labels;
    spec.values = s.current;
    spec.comparison = s.previous;
    spec.target = s.target;
    spec.unit = info->unit;
    spec.title = info->name + (s.labels.size() && s.labels[0].find('W') != std::string::npos ? " by week" : " by day");
    spec.values_label = "this period";
    spec.comparison_label = "previous period";
    h += LineChartSvg(spec);
  }
  return h + "</div>";
}

std::string Breakdown(const BreakdownTable& b) {
  std::string h = fmt::format(R"(<h2>By {}</h2><table><thead><tr><th>{}</th>)", EscapeHtml(b.dim), EscapeHtml(b.dim));
  for (const KpiInfo* k : b.kpis) h += fmt::format(R"(<th class="num">{}</th>)", EscapeHtml(k->name));
  h += "</tr></thead><tbody>";
  for (size_t g = 0; g < b.groups.size(); ++g) {
    h += fmt::format("<tr><td>{}</td>", EscapeHtml(b.groups[g]));
    for (size_t k = 0; k < b.kpis.size(); ++k) h += fmt::format(R"(<td class="num">{}</td>)", FormatKpiValue(b.values[g][k], b.kpis[k]->unit));
    h += "</tr>";
  }
  return h + "</tbody></table>";
}

// The arrow beside a scorecard value: which way it went against the previous period.
std::string Trend(const KpiInfo& k, std::optional<double> now, std::optional<double> before) {
  if (!now || !before || *now == *before) return "";
  const bool up = *now > *before;
  const char* sense = k.direction == "higher_is_better" ? (up ? "better" : "worse")
                      : k.direction == "lower_is_better" ? (up ? "worse" : "better")
                                                        : (up ? "up" : "down");
  return fmt::format(R"( <span class="{}" title="previous: {}">{}</span>)", sense, FormatKpiValue(before, k.unit), up ? "▲" : "▼");
}

std::string Scorecard(const ReportContents& c, const std::vector<ScorecardRow>& rows, bool agents) {
  std::string h = fmt::format(R"(<table class="wide"><thead><tr><th>{}</th>{})", agents ? "Agent" : "Team", agents ? "<th>Team</th>" : "");
  for (const KpiInfo* k : c.scorecard_kpis) h += fmt::format(R"(<th class="num">{}</th>)", EscapeHtml(k->name));
  h += R"(<th class="num">Detractors</th></tr></thead><tbody>)";
  for (const ScorecardRow& r : rows) {
    h += fmt::format("<tr><td>{}</td>{}", EscapeHtml(r.name), agents ? "<td>" + EscapeHtml(r.team) + "</td>" : "");
    for (size_t k = 0; k < c.scorecard_kpis.size(); ++k)
      h += fmt::format(R"(<td class="num">{}{}</td>)", FormatKpiValue(r.current[k], c.scorecard_kpis[k]->unit),
                       Trend(*c.scorecard_kpis[k], r.current[k], r.previous[k]));
    h += fmt::format(R"(<td class="num">{}</td></tr>)", r.detractors);
  }
  return h + "</tbody></table>";
}

std::string ScorecardCharts(const ReportContents& c) {
  std::string h;
  for (size_t k = 0; k < c.scorecard_kpis.size(); ++k) {
    const KpiInfo* info = c.scorecard_kpis[k];
    if (std::find(c.report_template->chart_kpis.begin(), c.report_template->chart_kpis.end(), info->id) == c.report_template->chart_kpis.end())
      continue;
    BarChartSpec spec;
    spec.title = info->name + " by agent";
    spec.unit = info->unit;
    for (const ScorecardRow& r : c.agents) spec.labels.push_back(r.name), spec.values.push_back(r.current[k]);
    for (const KpiComparison& kc : c.kpis)
      if (kc.info == info)
        for (const TargetStatus& s : kc.targets)
          if (s.target.scope_dim.empty() && s.target.op != "between") spec.target = s.target.value;
    h += BarChartSvg(spec);
  }
  return h;
}

std::string Detractors(const ReportContents& c) {
  if (c.detractors.empty()) return R"(<p class="meta">No detractor answered in this period.</p>)";
  std::string h = fmt::format(R"(<p class="meta">{} of {} answers, the lowest scores first: NPS 0-6 and CSAT in the bottom two points of its scale.</p>)",
                              c.detractors.size(), c.detractor_total);
  h += R"(<table><thead><tr><th>Answered</th><th>Survey</th><th class="num">Score</th><th>Customer</th><th>Ticket</th><th>Agent</th><th>Comment</th></tr></thead><tbody>)";
  for (const Detractor& d : c.detractors)
    h += fmt::format(R"(<tr><td>{}</td><td>{}</td><td class="num">{:g} / {:g}</td><td>{}</td><td>{}</td><td>{}</td><td class="comment">{}</td></tr>)",
                     d.answered_at, d.kind, d.score, d.scale_max, EscapeHtml(d.customer), EscapeHtml(d.ticket), EscapeHtml(d.agent),
                     EscapeHtml(d.comment));
  return h + "</tbody></table>";
}

}  // namespace

std::string RenderReportHtml(const ReportContents& c) {
  const ReportTemplate& t = *c.report_template;
  std::string h = fmt::format(R"(<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{} · {} · {} to {}</title><style>{}</style></head><body>)",
                              EscapeHtml(t.title), EscapeHtml(c.workspace), c.from, LastDay(c.to), kStyle);
  if (t.landscape) h.insert(h.find("</style>"), "@page { size: A4 landscape; } body { max-width: 1200px; }");
  h += fmt::format("<header><h1>{}</h1>", EscapeHtml(t.title));
  h += fmt::format(R"(<p class="meta">Workspace <b>{}</b> · {} to {} ({}) · compared with {} to {}</p>)", EscapeHtml(c.workspace), c.from, LastDay(c.to),
                   EscapeHtml(c.timezone), c.previous_from, LastDay(c.previous_to));
  h += fmt::format(R"(<p class="meta">{}</p>)", EscapeHtml(t.description));
  for (const std::string& note : c.notes) h += fmt::format(R"(<p class="note">{}</p>)", EscapeHtml(note));
  h += "</header>";
  h += fmt::format(R"(<div class="summary"><div><b class="{}">{}</b>targets breached</div><div><b class="{}">{}</b>targets at risk</div>)",
                   c.target_breaches ? "breached" : "on_track", c.target_breaches, c.targets_at_risk ? "at_risk" : "on_track", c.targets_at_risk);
  h += fmt::format(R"(<div><b>{}</b>detractors</div><div><b>{}</b>KPIs moved 5 % or more</div></div>)", c.detractor_total, c.movers.size());
  h += "<h2>KPIs against targets</h2>" + KpiTable(c);
  if (!c.charts.empty() && c.scorecard_kpis.empty()) h += "<h2>Trends</h2>" + Charts(c);
  h += "<h2>Top movers</h2>" + Movers(c);
  for (const BreakdownTable& b : c.breakdowns) h += Breakdown(b);
  if (!c.scorecard_kpis.empty()) {
    h += "<h2>Agents</h2>" + Scorecard(c, c.agents, true);
    h += "<h2>Teams</h2>" + Scorecard(c, c.teams, false);
    h += ScorecardCharts(c);
  }
  if (t.detractors) h += "<h2>Detractors to follow up</h2>" + Detractors(c);
  h += fmt::format(R"(<footer>Generated by SupportLens at {} (UTC) · KPI definitions version {} · ▲▼ against the previous period; time KPIs are medians.</footer>)",
                   c.generated_at, kDefinitionVersion);
  return h + "</body></html>\n";
}

}  // namespace supportlens
