// Leading and lagging KPIs week by week, their moves, and which leading moves came first
// (include/supportlens/lead_lag.h, docs/leading-lagging.md).
#include "supportlens/lead_lag.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "core/iso_week.h"
#include "core/time_zone.h"
#include "engine/accumulators.h"
#include "engine/report_engine.h"
#include "supportlens/kpi_info.h"
#include "supportlens/targets.h"

namespace supportlens {
namespace {

// Worse or better by the KPI's direction; up or down when it has none (volumes, bands).
std::string SenseOf(const KpiInfo& k, double change) {
  if (k.direction == "higher_is_better") return change > 0 ? "better" : "worse";
  if (k.direction == "lower_is_better") return change < 0 ? "better" : "worse";
  return change > 0 ? "up" : "down";
}

// A week moved when it sits `min_change_pct` or more from the mean of the (up to) `baseline`
// weeks before it that have a value, at least two of them.
std::vector<KpiMove> MovesOf(const KpiInfo& k, const std::vector<std::optional<double>>& values, const std::vector<std::string>& weeks,
                             const LeadLagRequest& r) {
  std::vector<KpiMove> moves;
  for (size_t t = 0; t < values.size(); ++t) {
    if (!values[t]) continue;
    double sum = 0;
    int n = 0;
    for (size_t b = t; b > 0 && n < r.baseline_weeks; --b)
      if (values[b - 1]) sum += *values[b - 1], ++n;
    if (n < 2) continue;
    const double baseline = sum / n;
    if (baseline == 0) continue;  // no relative change from nothing
    const double change = (*values[t] - baseline) / std::fabs(baseline) * 100;
    if (std::fabs(change) < r.min_change_pct) continue;
    moves.push_back({weeks[t], Round2(*values[t]), Round2(baseline), Round2(change), SenseOf(k, change)});
  }
  return moves;
}

std::optional<double> LaggedCorrelation(const std::vector<std::optional<double>>& lead, const std::vector<std::optional<double>>& lag, int weeks) {
  std::vector<std::pair<double, double>> pairs;
  for (size_t t = static_cast<size_t>(weeks); t < lag.size(); ++t)
    if (lag[t] && lead[t - static_cast<size_t>(weeks)]) pairs.push_back({*lead[t - static_cast<size_t>(weeks)], *lag[t]});
  if (pairs.size() < 5) return std::nullopt;
  double mx = 0, my = 0;
  for (auto [x, y] : pairs) mx += x, my += y;
  mx /= static_cast<double>(pairs.size());
  my /= static_cast<double>(pairs.size());
  double sxy = 0, sxx = 0, syy = 0;
  for (auto [x, y] : pairs) sxy += (x - mx) * (y - my), sxx += (x - mx) * (x - mx), syy += (y - my) * (y - my);
  if (sxx <= 0 || syy <= 0) return std::nullopt;
  return std::round(sxy / std::sqrt(sxx * syy) * 1000) / 1000;
}

bool Directed(const std::string& direction) { return direction == "higher_is_better" || direction == "lower_is_better"; }

// Directed moves precede one another when they go the same way; a move without a direction
// (a volume rising) may precede either.
bool SameWay(const std::string& leading, const std::string& lagging) {
  const bool lead_directed = leading == "worse" || leading == "better";
  const bool lag_directed = lagging == "worse" || lagging == "better";
  return !lead_directed || !lag_directed || leading == lagging;
}

// Whether the whole series bears a pair of moves out: |r| at the lead of at least kMinCorrelation,
// and, when both KPIs have a direction, the sign that "better goes with better" implies.
constexpr double kMinCorrelation = 0.7;
bool BorneOut(const KpiWeeks& lead, const KpiWeeks& lag, std::optional<double> r) {
  if (!r || std::fabs(*r) < kMinCorrelation) return false;
  if (!Directed(lead.direction) || !Directed(lag.direction)) return true;
  const double oriented = *r * (lead.direction == lag.direction ? 1 : -1);
  return oriented > 0;
}

nlohmann::json Nullable(const std::optional<double>& v) { return v ? nlohmann::json(Round2(*v)) : nlohmann::json(); }

}  // namespace

Result<LeadLagAnalysis> AnalyseLeadLag(const LoadedWorkspace& workspace, const LeadLagRequest& r) {
  if (r.weeks < 2 || r.weeks > 260) return Status::InvalidArgument(fmt::format("weeks: expected 2 to 260, got {}", r.weeks));
  if (!(r.min_change_pct > 0)) return Status::InvalidArgument("min_change: expected a percentage above 0");
  if (r.baseline_weeks < 2 || r.baseline_weeks > 52) return Status::InvalidArgument("baseline_weeks: expected 2 to 52");
  if (r.max_lead_weeks < 1 || r.max_lead_weeks > 12) return Status::InvalidArgument("max_lead_weeks: expected 1 to 12");
  if (r.from.empty() != r.to.empty()) return Status::InvalidArgument("from, to: give both or neither");
  DayNumber from = 0, to = 0;
  if (r.to.empty()) {
    // Whole weeks only: a week cut short would look like a fall in every volume.
    SL_ASSIGN_OR_RETURN(std::string after_last, DayAfterLastArrival(workspace));
    SL_ASSIGN_OR_RETURN(std::string first, FirstArrivalDay(workspace));
    SL_ASSIGN_OR_RETURN(DayNumber end, ParseDate(after_last));
    SL_ASSIGN_OR_RETURN(DayNumber start, ParseDate(first));
    to = MondayOf(end);
    const DayNumber first_whole_week = MondayOf(start) == start ? start : static_cast<DayNumber>(MondayOf(start) + 7);
    from = std::max(static_cast<DayNumber>(to - 7 * r.weeks), first_whole_week);
    if (to - from < 14)
      return Status::NotFound(fmt::format("fewer than two whole weeks of data ({} .. {}): give from and to", first, after_last));
  } else {
    SL_ASSIGN_OR_RETURN(from, ParseDate(r.from));
    SL_ASSIGN_OR_RETURN(to, ParseDate(r.to));
    if (to <= from) return Status::InvalidArgument("to: must be after from");
    if (to - from > 7 * 260) return Status::InvalidArgument("from, to: at most 260 weeks");
  }

  std::vector<const KpiInfo*> kpis;
  if (r.kpis.empty()) {
    for (const KpiInfo& k : KpiCatalog())
      if (k.unavailable_reason.empty() && (k.timing == "leading" || k.timing == "lagging")) kpis.push_back(&k);
  } else {
    for (const std::string& id : r.kpis) {
      const KpiInfo* k = FindKpi(id);
      if (!k) return Status::InvalidArgument(fmt::format("kpi: unknown KPI id \"{}\"", id));
      kpis.push_back(k);
    }
  }

  LeadLagAnalysis a;
  a.from = FormatDate(from);
  a.to = FormatDate(to);
  std::map<std::string, size_t> week_index;
  for (DayNumber d = MondayOf(from); d < to; d = static_cast<DayNumber>(d + 7)) {
    week_index[IsoWeekLabel(d)] = a.weeks.size();
    a.weeks.push_back(IsoWeekLabel(d));
  }
  Query q;
  q.from = a.from;
  q.to = a.to;
  q.by = {"week"};
  for (const KpiInfo* k : kpis) q.kpis.push_back(k->id);
  SL_ASSIGN_OR_RETURN(Report report, workspace.Run(q));
  a.timezone = report.timezone;
  std::map<std::string, std::vector<std::optional<double>>> series;
  for (const KpiInfo* k : kpis) series[k->id].assign(a.weeks.size(), std::nullopt);
  for (const ReportRow& row : report.rows) {
    if (row.group.empty() || !row.group[0].second) continue;
    auto w = week_index.find(*row.group[0].second);
    if (w == week_index.end()) continue;
    for (const KpiValue& v : row.kpis) series[v.id][w->second] = v.value;
  }

  for (const KpiInfo* k : kpis) {
    const auto& values = series[k->id];
    if (std::count_if(values.begin(), values.end(), [](const auto& v) { return v.has_value(); }) == 0) continue;
    KpiWeeks w{k->id, k->name, k->unit, k->direction, k->timing, values, MovesOf(*k, values, a.weeks, r)};
    (k->timing == "leading" ? a.leading : a.lagging).push_back(std::move(w));
  }

  for (const KpiWeeks& lag : a.lagging)
    for (const KpiMove& lag_move : lag.moves) {
      const size_t t = week_index.at(lag_move.week);
      for (const KpiWeeks& lead : a.leading) {
        // The nearest leading move of each KPI that the series bears out.
        for (auto m = lead.moves.rbegin(); m != lead.moves.rend(); ++m) {
          const size_t s = week_index.at(m->week);
          if (s >= t) continue;
          if (t - s > static_cast<size_t>(r.max_lead_weeks)) break;
          const int lead_weeks = static_cast<int>(t - s);
          const auto correlation = LaggedCorrelation(lead.values, lag.values, lead_weeks);
          if (!SameWay(m->sense, lag_move.sense) || !BorneOut(lead, lag, correlation)) continue;
          a.links.push_back({lag.kpi, lag_move.week, lead.kpi, m->week, lag_move.change_pct, m->change_pct, lag_move.sense, m->sense,
                             lead_weeks, correlation});
          break;
        }
      }
    }
  // Newest lagging move first; then the strongest tie over the whole analysis, then the nearest lead.
  std::stable_sort(a.links.begin(), a.links.end(), [](const LeadLagLink& x, const LeadLagLink& y) {
    if (x.lagging_week != y.lagging_week) return x.lagging_week > y.lagging_week;
    const double cx = x.correlation ? std::fabs(*x.correlation) : -1, cy = y.correlation ? std::fabs(*y.correlation) : -1;
    if (cx != cy) return cx > cy;
    return x.lead_weeks < y.lead_weeks;
  });
  return a;
}

std::string RenderLeadLag(const LeadLagAnalysis& a, const std::string& format) {
  if (format == "json") {
    auto kpis = [](const std::vector<KpiWeeks>& list) {
      nlohmann::json out = nlohmann::json::array();
      for (const KpiWeeks& k : list) {
        nlohmann::json values = nlohmann::json::array(), moves = nlohmann::json::array();
        for (const auto& v : k.values) values.push_back(Nullable(v));
        for (const KpiMove& m : k.moves)
          moves.push_back({{"week", m.week}, {"value", m.value}, {"baseline", m.baseline}, {"change_pct", m.change_pct}, {"sense", m.sense}});
        out.push_back({{"kpi", k.kpi}, {"name", k.name}, {"unit", k.unit}, {"direction", k.direction}, {"values", values}, {"moves", moves}});
      }
      return out;
    };
    nlohmann::json links = nlohmann::json::array();
    for (const LeadLagLink& l : a.links)
      links.push_back({{"lagging", l.lagging}, {"lagging_week", l.lagging_week}, {"lagging_change_pct", l.lagging_change_pct},
                       {"lagging_sense", l.lagging_sense}, {"leading", l.leading}, {"leading_week", l.leading_week},
                       {"leading_change_pct", l.leading_change_pct}, {"leading_sense", l.leading_sense}, {"lead_weeks", l.lead_weeks},
                       {"correlation", l.correlation ? nlohmann::json(*l.correlation) : nlohmann::json()}});
    return nlohmann::json{{"from", a.from}, {"to", a.to}, {"timezone", a.timezone}, {"weeks", a.weeks},
                          {"leading", kpis(a.leading)}, {"lagging", kpis(a.lagging)}, {"links", links}}
               .dump() +
           "\n";
  }
  std::string out = fmt::format("{} .. {} ({} weeks, {})\n", a.from, a.to, a.weeks.size(), a.timezone);
  auto section = [&](const char* title, const std::vector<KpiWeeks>& list) {
    out += fmt::format("\n{}\n", title);
    for (const KpiWeeks& k : list) {
      std::string moves;
      for (const KpiMove& m : k.moves) moves += fmt::format(" {} {:+}% ({})", m.week, m.change_pct, m.sense);
      const auto last = std::find_if(k.values.rbegin(), k.values.rend(), [](const auto& v) { return v.has_value(); });
      out += fmt::format("  {:<26} {:>12}  {}\n", k.kpi, last != k.values.rend() ? fmt::format("{}", Round2(**last)) : "-",
                         moves.empty() ? "steady" : "moved:" + moves);
    }
  };
  section("Leading", a.leading);
  section("Lagging", a.lagging);
  out += "\nLeading moves before lagging ones\n";
  if (a.links.empty()) out += "  none\n";
  for (const LeadLagLink& l : a.links)
    out += fmt::format("  {} {} {:+}% ({})  <-  {} {} {:+}% ({}), {} week{} before, r = {}\n", l.lagging_week, l.lagging, l.lagging_change_pct,
                       l.lagging_sense, l.leading_week, l.leading, l.leading_change_pct, l.leading_sense, l.lead_weeks,
                       l.lead_weeks == 1 ? "" : "s", l.correlation ? fmt::format("{}", *l.correlation) : "n/a");
  return out;
}

}  // namespace supportlens
