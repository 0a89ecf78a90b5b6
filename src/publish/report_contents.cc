// Gathers what a published report shows (publish/report_contents.h).
#include "publish/report_contents.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/iso_week.h"
#include "core/time_zone.h"
#include "engine/report_engine.h"

namespace supportlens {
namespace {

// Weeks instead of days once a day-by-day chart would be too dense to read.
constexpr int kMaxDailyPoints = 63;
// A mover needs this many records on both sides: a 50 % swing on four surveys is noise. Shares
// also need a point: 0.2 % to 0.3 % is +50 % but nothing to report.
constexpr int64_t kMoverMinN = 10;
constexpr double kMoverMinChangePct = 5;
constexpr double kMoverMinChangePoints = 1;

std::string SenseOf(const KpiInfo& k, double change) {
  if (change == 0) return "";
  if (k.direction == "higher_is_better") return change > 0 ? "better" : "worse";
  if (k.direction == "lower_is_better") return change < 0 ? "better" : "worse";
  return change > 0 ? "up" : "down";
}

KpiComparison Compare(const KpiInfo& info, const KpiValue* current, const KpiValue* previous) {
  KpiComparison c;
  c.info = &info;
  if (current) c.current = current->value, c.n = current->n;
  if (previous) c.previous = previous->value, c.previous_n = previous->n;
  if (!c.current || !c.previous) return c;
  if (*c.previous != 0) c.change_pct = std::round((*c.current - *c.previous) / std::fabs(*c.previous) * 1000) / 10;
  // A share moving from 0.0 % to 1.1 % is +1.1 points, not an infinite change.
  if (info.unit == "percent" || info.unit == "nps") c.change_points = std::round((*c.current - *c.previous) * 10) / 10;
  c.sense = SenseOf(info, *c.current - *c.previous);
  return c;
}

std::map<std::string, const KpiValue*> ById(const Report& r) {
  std::map<std::string, const KpiValue*> out;
  if (!r.rows.empty())
    for (const KpiValue& v : r.rows[0].kpis) out[v.id] = &v;
  return out;
}

Query Window(DayNumber from, DayNumber to, std::vector<std::string> kpis, std::vector<std::string> by = {}) {
  Query q;
  q.from = FormatDate(from);
  q.to = FormatDate(to);
  q.kpis = std::move(kpis);
  q.by = std::move(by);
  return q;
}

// The group label of a one-dimension row ("(none)" for records without a value).
std::string GroupOf(const ReportRow& row) {
  return row.group.empty() || !row.group[0].second ? std::string("(none)") : *row.group[0].second;
}

std::vector<std::string> BucketLabels(DayNumber from, DayNumber to, bool weekly) {
  std::vector<std::string> labels;
  if (weekly)
    for (DayNumber d = MondayOf(from); d < to; d = static_cast<DayNumber>(d + 7)) labels.push_back(IsoWeekLabel(d));
  else
    for (DayNumber d = from; d < to; ++d) labels.push_back(FormatDate(d));
  return labels;
}

Result<std::vector<std::optional<double>>> SeriesOver(const LoadedWorkspace& loaded, const std::string& kpi, DayNumber from, DayNumber to,
                                                      bool weekly) {
  const auto labels = BucketLabels(from, to, weekly);
  std::vector<std::optional<double>> values(labels.size());
  SL_ASSIGN_OR_RETURN(Report r, loaded.Run(Window(from, to, {kpi}, {weekly ? "week" : "day"})));
  for (const ReportRow& row : r.rows) {
    auto at = std::find(labels.begin(), labels.end(), GroupOf(row));
    if (at != labels.end()) values[static_cast<size_t>(at - labels.begin())] = row.kpis.at(0).value;
  }
  return values;
}

// Whole calendar months (1st to 1st) compare with as many months before them: October with
// September, not with the 31 days from 31 August. Other periods compare with as many days before.
DayNumber PreviousPeriodStart(DayNumber from, DayNumber to) {
  const CivilDate f = CivilFromDays(from), t = CivilFromDays(to);
  if (f.day != 1 || t.day != 1) return static_cast<DayNumber>(from - (to - from));
  const int months = (t.year * 12 + static_cast<int>(t.month)) - (f.year * 12 + static_cast<int>(f.month));
  const int start = f.year * 12 + static_cast<int>(f.month) - 1 - months;  // months since year 0, 0-based
  return static_cast<DayNumber>(DaysFromCivil(start / 12, static_cast<unsigned>(start % 12 + 1), 1));
}

bool IsDetractor(const SurveyTable& sv, size_t s) {
  if (sv.kind[s] == SurveyKind::kNps) {
    const double span = sv.scale_max[s] - sv.scale_min[s];
    return span > 0 && (sv.score[s] - sv.scale_min[s]) / span * 10.0 <= 6;
  }
  return sv.kind[s] == SurveyKind::kCsat && sv.score[s] <= sv.scale_min[s] + 1;  // the bottom two points
}

Status AddDetractors(const LoadedWorkspace& loaded, SqliteStore& store, int64_t workspace_id, DayNumber from, DayNumber to, ReportContents& out,
                     std::map<std::string, int64_t>& per_agent) {
  const Dataset& d = loaded.data();
  const TimeZone& zone = d.settings.zone;
  const int64_t begin = zone.ToUtc(int64_t{from} * 86400), end = zone.ToUtc(int64_t{to} * 86400);
  const SurveyTable& sv = d.surveys;
  std::vector<size_t> found;
  for (size_t s = 0; s < sv.size(); ++s)
    if (sv.answered_at[s] >= begin && sv.answered_at[s] < end && IsDetractor(sv, s)) {
      found.push_back(s);
      if (sv.agent[s] >= 0) ++per_agent[d.dict.agent.Name(sv.agent[s])];
    }
  out.detractor_total = static_cast<int64_t>(found.size());
  // The unhappiest first (score as a share of its scale), then the most recent.
  auto share = [&](size_t s) { return (sv.score[s] - sv.scale_min[s]) / std::max(1.0, sv.scale_max[s] - sv.scale_min[s]); };
  std::sort(found.begin(), found.end(), [&](size_t a, size_t b) {
    if (share(a) != share(b)) return share(a) < share(b);
    return sv.answered_at[a] > sv.answered_at[b];
  });
  if (found.size() > kMaxDetractors) found.resize(kMaxDetractors);
  for (size_t s : found) {
    Detractor x;
    const int64_t local = zone.ToLocal(sv.answered_at[s]);
    const int64_t seconds = local - FloorDiv(local, 86400) * 86400;
    x.answered_at = fmt::format("{} {:02}:{:02}", FormatDate(static_cast<DayNumber>(FloorDiv(local, 86400))), seconds / 3600, seconds % 3600 / 60);
    x.kind = sv.kind[s] == SurveyKind::kNps ? "NPS" : "CSAT";
    x.response_id = sv.response_id[s];
    x.ticket = d.dict.ticket.Name(sv.ticket[s]);
    x.customer = d.dict.customer.Name(sv.customer[s]);
    x.agent = d.dict.agent.Name(sv.agent[s]);
    x.score = sv.score[s];
    x.scale_max = sv.scale_max[s];
    SL_RETURN_IF_ERROR(store.Query("SELECT comment FROM surveys WHERE ws = ? AND record_key = ?", {workspace_id, x.response_id},
                                   [&](sqlite3_stmt* q) {
                                     if (!SqliteStore::ColumnIsNull(q, 0)) x.comment = std::string(SqliteStore::ColumnText(q, 0));
                                   })
                           .status());
    out.detractors.push_back(std::move(x));
  }
  return Status::Ok();
}

Status AddScorecard(const LoadedWorkspace& loaded, DayNumber from, DayNumber to, DayNumber previous_from, const std::string& dim,
                    const std::vector<std::string>& kpis, const std::map<std::string, int64_t>& detractors, std::vector<ScorecardRow>& rows) {
  SL_ASSIGN_OR_RETURN(Report current, loaded.Run(Window(from, to, kpis, {dim})));
  SL_ASSIGN_OR_RETURN(Report previous, loaded.Run(Window(previous_from, from, kpis, {dim})));
  std::map<std::string, const ReportRow*> before;
  for (const ReportRow& row : previous.rows) before[GroupOf(row)] = &row;
  const Dataset& d = loaded.data();
  for (const ReportRow& row : current.rows) {
    if (!row.group.empty() && !row.group[0].second) continue;  // work nobody owned
    ScorecardRow r;
    r.name = GroupOf(row);
    bool any = false;
    for (const KpiValue& v : row.kpis) r.current.push_back(v.value), any = any || v.value.has_value();
    if (!any) continue;
    auto prev = before.find(r.name);
    for (size_t k = 0; k < kpis.size(); ++k)
      r.previous.push_back(prev == before.end() ? std::nullopt : prev->second->kpis.at(k).value);
    if (dim == "agent") {
      const int32_t id = d.dict.agent.Find(r.name);
      if (id >= 0 && static_cast<size_t>(id) < d.agents.team.size()) r.team = d.dict.team.Name(d.agents.team[static_cast<size_t>(id)]);
      auto det = detractors.find(r.name);
      r.detractors = det == detractors.end() ? 0 : det->second;
    } else {
      for (const auto& [agent, n] : detractors) {
        const int32_t id = d.dict.agent.Find(agent);
        if (id >= 0 && static_cast<size_t>(id) < d.agents.team.size() && d.dict.team.Name(d.agents.team[static_cast<size_t>(id)]) == r.name)
          r.detractors += n;
      }
    }
    rows.push_back(std::move(r));
  }
  // The most output first (the first KPI), then by name.
  std::stable_sort(rows.begin(), rows.end(), [](const ScorecardRow& a, const ScorecardRow& b) {
    const double x = a.current[0].value_or(-1), y = b.current[0].value_or(-1);
    if (x != y) return x > y;
    return a.name < b.name;
  });
  return Status::Ok();
}

}  // namespace

Result<ReportContents> GatherReport(const LoadedWorkspace& loaded, SqliteStore& store, int64_t workspace_id, const std::string& workspace,
                                    const ReportTemplate& t, const std::vector<Target>& targets, const std::string& from_text,
                                    const std::string& to_text) {
  SL_ASSIGN_OR_RETURN(DayNumber from, ParseDate(from_text));
  SL_ASSIGN_OR_RETURN(DayNumber to, ParseDate(to_text));
  if (to <= from) return Status::InvalidArgument(fmt::format("--to {}: must be after --from {}", to_text, from_text));
  if (to - from > 366) return Status::InvalidArgument("--from, --to: a report covers at most 366 days");
  const DayNumber previous_from = PreviousPeriodStart(from, to);

  ReportContents out;
  out.report_template = &t;
  out.workspace = workspace;
  out.from = FormatDate(from);
  out.to = FormatDate(to);
  out.previous_from = FormatDate(previous_from);
  out.previous_to = out.from;
  out.generated_at =
      FormatTimestampUtc(NowUnixSeconds());

  // Periods the data only partly covers make every comparison lopsided: say so.
  auto first = FirstArrivalDay(loaded);
  auto after_last = DayAfterLastArrival(loaded);
  if (first.ok() && after_last.ok()) {
    if (*first > out.previous_from)
      out.notes.push_back(fmt::format("The data starts on {}, after the previous period began ({}): comparisons with it cover only part of it.",
                                      *first, out.previous_from));
    if (*after_last < out.to)
      out.notes.push_back(fmt::format("The data ends on {}, before the period's last day ({}): the days after it are empty.",
                                      FormatDate(static_cast<DayNumber>(*ParseDate(*after_last) - 1)), FormatDate(static_cast<DayNumber>(to - 1))));
  }

  // The whole catalog for both periods: the template's table and the movers come from these.
  SL_ASSIGN_OR_RETURN(Report current, loaded.Run(Window(from, to, {})));
  SL_ASSIGN_OR_RETURN(Report previous, loaded.Run(Window(previous_from, from, {})));
  out.timezone = current.timezone;
  const auto now = ById(current), before = ById(previous);
  auto value = [](const std::map<std::string, const KpiValue*>& m, const std::string& id) {
    auto it = m.find(id);
    return it == m.end() ? nullptr : it->second;
  };

  SL_ASSIGN_OR_RETURN(TargetCheck check, CheckTargets(loaded, targets, out.from, out.to));
  for (const std::string& id : t.kpis) {
    const KpiInfo* info = FindKpi(id);
    if (!info) return Status::Internal(fmt::format("template {}: unknown KPI {}", t.name, id));
    KpiComparison c = Compare(*info, value(now, id), value(before, id));
    for (const TargetStatus& s : check.targets)
      if (s.target.kpi == id && s.status != "no_data") {
        c.targets.push_back(s);
        out.target_breaches += s.status == "breached";
        out.targets_at_risk += s.status == "at_risk";
      }
    out.kpis.push_back(std::move(c));
  }

  for (const KpiInfo& info : KpiCatalog()) {
    if (info.direction != "higher_is_better" && info.direction != "lower_is_better") continue;
    KpiComparison c = Compare(info, value(now, info.id), value(before, info.id));
    if (!c.change_pct || c.n < kMoverMinN || c.previous_n < kMoverMinN || std::fabs(*c.change_pct) < kMoverMinChangePct) continue;
    if (c.change_points && std::fabs(*c.change_points) < kMoverMinChangePoints) continue;
    out.movers.push_back(std::move(c));
  }
  std::stable_sort(out.movers.begin(), out.movers.end(), [](const KpiComparison& a, const KpiComparison& b) {
    return std::fabs(*a.change_pct) > std::fabs(*b.change_pct);
  });
  if (out.movers.size() > kMaxMovers) out.movers.resize(kMaxMovers);

  const bool weekly = to - from > kMaxDailyPoints;
  for (const std::string& id : t.chart_kpis) {
    DailySeries s;
    s.kpi = id;
    s.labels = BucketLabels(from, to, weekly);
    SL_ASSIGN_OR_RETURN(s.current, SeriesOver(loaded, id, from, to, weekly));
    SL_ASSIGN_OR_RETURN(s.previous, SeriesOver(loaded, id, previous_from, from, weekly));
    for (const TargetStatus& ts : check.targets)
      if (ts.target.kpi == id && ts.target.scope_dim.empty() && ts.target.op != "between") s.target = ts.target.value;
    out.charts.push_back(std::move(s));
  }

  for (const ReportBreakdown& b : t.breakdowns) {
    BreakdownTable table;
    table.dim = b.dim;
    for (const std::string& id : b.kpis) table.kpis.push_back(FindKpi(id));
    SL_ASSIGN_OR_RETURN(Report r, loaded.Run(Window(from, to, b.kpis, {b.dim})));
    for (const ReportRow& row : r.rows) {
      std::vector<std::optional<double>> values;
      for (const KpiValue& v : row.kpis) values.push_back(v.value);
      if (std::none_of(values.begin(), values.end(), [](const auto& v) { return v.has_value(); })) continue;
      table.groups.push_back(GroupOf(row));
      table.values.push_back(std::move(values));
    }
    out.breakdowns.push_back(std::move(table));
  }

  std::map<std::string, int64_t> detractors_per_agent;
  SL_RETURN_IF_ERROR(AddDetractors(loaded, store, workspace_id, from, to, out, detractors_per_agent));
  if (!t.detractors) out.detractors.clear();
  if (!t.scorecard_kpis.empty()) {
    for (const std::string& id : t.scorecard_kpis) out.scorecard_kpis.push_back(FindKpi(id));
    SL_RETURN_IF_ERROR(AddScorecard(loaded, from, to, previous_from, "agent", t.scorecard_kpis, detractors_per_agent, out.agents));
    SL_RETURN_IF_ERROR(AddScorecard(loaded, from, to, previous_from, "team", t.scorecard_kpis, detractors_per_agent, out.teams));
  }
  return out;
}

}  // namespace supportlens
