#include "query_options.h"

namespace supportlens::cli {
namespace {

// Accepts repeated flags and comma-separated lists alike: --kpi csat,nps --kpi fcr_rate.
std::vector<std::string> SplitAll(const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (auto& s : in) {
    size_t pos = 0;
    while (pos <= s.size()) {
      size_t comma = s.find(',', pos);
      std::string part = s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      if (!part.empty()) out.push_back(part);
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
  }
  return out;
}

}  // namespace

void QueryOptions::Register(CLI::App* cmd) {
  cmd->add_option("source", source, "Database file or workspace folder")->required();
  cmd->add_option("--workspace", workspace, "Workspace name inside the database")->capture_default_str();
  cmd->add_option("--from", from, "Window start date YYYY-MM-DD (inclusive, workspace time zone)")->required();
  cmd->add_option("--to", to, "Window end date YYYY-MM-DD (exclusive)")->required();
  cmd->add_option("--kpi", kpis, "KPI ids (comma-separated or repeated); default: the whole catalog");
  cmd->add_option("--by", by, "Group by: channel, agent, team, topic, priority, customer_segment, queue, 15min, 30min, hour, day, week, month, quarter");
  cmd->add_option("--filter", filters, "Keep only DIM=VALUE (repeatable), e.g. --filter channel=email");
  cmd->add_flag("--business-time", business_time, "Measure durations in business hours");
  cmd->add_option("--cohort", cohort, "created | event | closed_in_window")->capture_default_str();
  cmd->add_option("--format", format, "json | table | csv | markdown")->capture_default_str();
  cmd->add_flag("--timings", timings, "Print load and compute times to standard error");
}

Result<std::vector<std::pair<std::string, std::string>>> ParseFilters(const std::vector<std::string>& flags) {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto& f : flags) {
    size_t eq = f.find('=');
    if (eq == std::string::npos || eq == 0) return Status::InvalidArgument("--filter: expected DIM=VALUE, got \"" + f + "\"");
    out.emplace_back(f.substr(0, eq), f.substr(eq + 1));
  }
  return out;
}

Result<Query> QueryOptions::ToQuery() const {
  Query q;
  q.from = from;
  q.to = to;
  q.kpis = SplitAll(kpis);
  q.by = SplitAll(by);
  SL_ASSIGN_OR_RETURN(q.filters, ParseFilters(filters));
  q.business_time = business_time;
  q.cohort = cohort;
  return q;
}

void ScopeOptions::Register(CLI::App* cmd) {
  auto* c = cmd->add_option("--channel", channel, "Only this channel");
  auto* t = cmd->add_option("--team", team, "Only this team");
  auto* a = cmd->add_option("--agent", agent, "Only this agent");
  auto* q = cmd->add_option("--queue", queue, "Only this queue");
  c->excludes(t)->excludes(a)->excludes(q);
  t->excludes(a)->excludes(q);
  a->excludes(q);
}

std::pair<std::string, std::string> ScopeOptions::Scope() const {
  for (auto [dim, value] : {std::pair{"channel", &channel}, std::pair{"team", &team}, std::pair{"agent", &agent}, std::pair{"queue", &queue}})
    if (!value->empty()) return {dim, *value};
  return {};
}

}  // namespace supportlens::cli
