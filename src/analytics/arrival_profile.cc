// The arrival profile: the report of the KPI by hour, folded onto the week.
#include "supportlens/arrival_profile.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/civil_date.h"
#include "core/time_zone.h"
#include "supportlens/engine.h"

namespace supportlens {
namespace {
constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
}

Result<ArrivalProfile> ComputeArrivalProfile(const std::string& source, const std::string& workspace, const std::string& kpi,
                                             const std::string& from, const std::string& to,
                                             const std::vector<std::pair<std::string, std::string>>& filters) {
  if (kpi != "ticket_volume" && kpi != "offered_calls")
    return Status::InvalidArgument(fmt::format("--kpi: expected ticket_volume or offered_calls, got \"{}\"", kpi));
  Query q{from, to, {kpi}, {"hour"}, filters};
  SL_ASSIGN_OR_RETURN(Report report, ComputeReport(source, workspace, q));
  ArrivalProfile p;
  p.kpi = kpi;
  p.from = from;
  p.to = to;
  p.timezone = report.timezone;
  std::array<std::array<double, 24>, 7> sum{};
  for (const ReportRow& row : report.rows) {
    // The hour bucket's label is the local start, YYYY-MM-DDTHH:MM.
    const std::string& label = *row.group[0].second;
    SL_ASSIGN_OR_RETURN(DayNumber day, ParseDate(label.substr(0, 10)));
    int hour = std::stoi(label.substr(11, 2));
    size_t weekday = static_cast<size_t>(WeekdayFromDays(day));
    double v = row.kpis[0].value.value_or(0);
    sum[weekday][static_cast<size_t>(hour)] += v;
    ++p.occurrences[weekday][static_cast<size_t>(hour)];
    p.total += v;
  }
  for (size_t d = 0; d < 7; ++d)
    for (size_t h = 0; h < 24; ++h)
      if (p.occurrences[d][h] > 0) p.mean[d][h] = std::round(sum[d][h] / p.occurrences[d][h] * 100) / 100;
  return p;
}

std::string RenderArrivalProfile(const ArrivalProfile& p, const std::string& format) {
  if (format == "json") {
    nlohmann::json days = nlohmann::json::object();
    for (size_t d = 0; d < 7; ++d) days[kDays[d]] = p.mean[d];
    return nlohmann::json{{"kpi", p.kpi}, {"window", {{"from", p.from}, {"to", p.to}, {"timezone", p.timezone}}}, {"total", p.total},
                          {"mean_per_hour", days}}.dump(2) + "\n";
  }
  const char sep = format == "csv" ? ',' : ' ';
  std::string s;
  if (format != "csv") s += fmt::format("{}: mean per hour of week, {} .. {} ({})\n", p.kpi, p.from, p.to, p.timezone);
  s += format == "csv" ? "weekday" : "     ";
  for (int h = 0; h < 24; ++h) s += format == "csv" ? fmt::format(",{:02}", h) : fmt::format(" {:>6}", fmt::format("{:02}h", h));
  s += "\n";
  for (size_t d = 0; d < 7; ++d) {
    s += format == "csv" ? std::string(kDays[d]) : fmt::format("{:<5}", kDays[d]);
    for (size_t h = 0; h < 24; ++h) s += format == "csv" ? fmt::format("{}{}", sep, p.mean[d][h]) : fmt::format(" {:>6}", p.mean[d][h]);
    s += "\n";
  }
  return s;
}

}  // namespace supportlens
