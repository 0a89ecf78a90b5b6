#include "synth/agent_roster.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "synth/csv_writer.h"
#include "synth/distributions.h"

namespace supportlens::synth {
namespace {

constexpr int kAbsencePerMille = 45;  // vacation and sick days
constexpr double kAnnualTurnover = 0.30;
constexpr std::array<double, kTeamCount> kTeamHourlyEuros = {29.0, 31.0, 37.0, 46.0};
const WeightedChoice kShiftStarts = {15, 30, 25, 15, 15};
constexpr std::array<int, 5> kShiftStartHours = {7, 8, 9, 10, 12};

}  // namespace

AgentRoster::AgentRoster(const LocalCalendar& calendar, uint64_t seed, double tickets_per_day)
    : calendar_(calendar), seed_(seed), team_members_(kTeamCount) {
  Rng rng(seed, 0xA6E27);
  const int humans = std::max(6, static_cast<int>(std::lround(tickets_per_day / 8.0)));
  const bool escalation_team = humans >= 12;
  escalation_team_ = escalation_team ? kEscalationTeam : kTechnicalTeam;
  const std::array<double, kTeamCount> shares =
      escalation_team ? std::array<double, kTeamCount>{0.36, 0.26, 0.30, 0.08}
                      : std::array<double, kTeamCount>{0.38, 0.28, 0.34, 0.0};
  std::array<int, kTeamCount> sizes{};
  int assigned = 0;
  for (int t = 0; t < kTeamCount; ++t) {
    if (shares[t] == 0) continue;
    sizes[t] = std::max(2, static_cast<int>(std::floor(shares[t] * humans)));
    assigned += sizes[t];
  }
  if (assigned < humans) sizes[kGeneralTeam] += humans - assigned;

  for (int t = 0; t < kTeamCount; ++t) {
    for (int i = 0; i < sizes[t]; ++i) AddHuman(rng, static_cast<Team>(t), -static_cast<int>(rng.Between(30, 1800)));
  }

  // Departures: about 30 % a year, never the two longest-serving members of a team (so every
  // team always has someone employed); most leavers are replaced a few weeks later.
  const int days = calendar_.days();
  std::vector<int> candidates;
  for (int t = 0; t < kTeamCount; ++t) {
    for (size_t i = 2; i < team_members_[t].size(); ++i) candidates.push_back(team_members_[t][i]);
  }
  int leavers = static_cast<int>(std::lround(humans * kAnnualTurnover * days / 365.0));
  leavers = std::clamp(leavers, 1, static_cast<int>(candidates.size()));
  if (candidates.empty()) leavers = 0;
  for (int k = 0; k < leavers; ++k) {
    const size_t pick = k + rng.Below(candidates.size() - k);
    std::swap(candidates[static_cast<size_t>(k)], candidates[pick]);
    Agent& leaver = agents_[static_cast<size_t>(candidates[static_cast<size_t>(k)])];
    const int earliest = std::min(14, std::max(0, days - 1));
    leaver.left_day = static_cast<int>(rng.Between(earliest, std::max(earliest, days - 1)));
    leaver.left_voluntarily = rng.Chance(0.7);
    const int replacement_day = leaver.left_day + static_cast<int>(rng.Between(7, 30));
    if (replacement_day < days && rng.Chance(0.85)) AddHuman(rng, leaver.team, replacement_day);
  }

  // Bots: an answer bot, and a second one for larger operations.
  const int bot_count = humans >= 20 ? 2 : 1;
  static constexpr std::array<std::string_view, 2> kBotNames = {"Answer Bot", "Triage Bot"};
  for (int b = 0; b < bot_count; ++b) {
    Agent bot;
    bot.id = "BOT" + std::to_string(b + 1);
    bot.name = std::string(kBotNames[static_cast<size_t>(b)]);
    bot.team = kGeneralTeam;
    bot.bot = true;
    bot.hired_day = -static_cast<int>(rng.Between(60, 400));
    bot.hourly_cost_cents = 150;
    bot.key = Mix64(seed_, 0xB07000 + static_cast<uint64_t>(b));
    bots_.push_back(static_cast<int>(agents_.size()));
    agents_.push_back(std::move(bot));
  }
}

void AgentRoster::AddHuman(Rng& rng, Team team, int hired_day) {
  const int n = human_count_++;
  Agent a;
  char id[16];
  std::snprintf(id, sizeof(id), "A%04d", n + 1);
  a.id = id;
  a.name = std::string(kFirstNames[rng.Below(kFirstNames.size())]) + " " +
           std::string(kLastNames[rng.Below(kLastNames.size())]);
  a.team = team;
  a.hired_day = hired_day;
  a.hourly_cost_cents = std::max<int64_t>(1800, std::llround(Normal(rng, kTeamHourlyEuros[team], 3.0) * 100.0));
  a.shift_start_hour = kShiftStartHours[kShiftStarts.Sample(rng)];
  a.key = Mix64(seed_, 0xA9E000 + static_cast<uint64_t>(n));
  const int index = static_cast<int>(agents_.size());
  team_members_[team].push_back(index);
  humans_.push_back(index);
  agents_.push_back(std::move(a));
}

bool AgentRoster::IsActive(int agent, int day) const {
  const Agent& a = agents_[static_cast<size_t>(agent)];
  return a.hired_day <= day && day < a.left_day;
}

bool AgentRoster::Works(int agent, int day) const {
  const Agent& a = agents_[static_cast<size_t>(agent)];
  if (a.bot || !calendar_.IsWorkday(day) || !IsActive(agent, day)) return false;
  return Mix64(a.key, static_cast<uint64_t>(day)) % 1000 >= kAbsencePerMille;
}

int AgentRoster::PickBot(Rng& rng) const {
  // The first bot takes most conversations.
  if (bots_.size() > 1 && rng.Chance(0.3)) return bots_[1];
  return bots_[0];
}

int AgentRoster::PickHuman(Rng& rng, Team team, int64_t at) const {
  const std::vector<int>& members = team_members_[team].empty() ? humans_ : team_members_[team];
  int day = 0, hour = 0;
  if (!calendar_.Locate(at, &day, &hour)) day = calendar_.DayOf(at);
  for (int attempt = 0; attempt < 16; ++attempt) {
    const int m = members[rng.Below(members.size())];
    const int start = agents_[static_cast<size_t>(m)].shift_start_hour;
    if (hour >= start && hour < start + kShiftHours && Works(m, day)) return m;
  }
  const size_t offset = rng.Below(members.size());
  for (size_t k = 0; k < members.size(); ++k) {
    const int m = members[(offset + k) % members.size()];
    if (IsActive(m, day)) return m;
  }
  for (int m : humans_) {
    if (IsActive(m, day)) return m;
  }
  return members[0];
}

Status AgentRoster::WriteAgents(const std::filesystem::path& path) const {
  CsvWriter w;
  SL_RETURN_IF_ERROR(w.Open(path, {"agent_id", "name", "team", "kind", "hired_on", "left_on", "left_voluntarily",
                                   "hourly_cost"}));
  const int64_t first = calendar_.first_unix_day();
  for (const Agent& a : agents_) {
    w.Raw(a.id).Text(a.name).Raw(a.bot ? "automation" : kTeamNames[a.team]).Raw(a.bot ? "bot" : "human");
    w.Date(first + a.hired_day);
    if (a.left_day != INT_MAX) {
      w.Date(first + a.left_day).Bool(a.left_voluntarily);
    } else {
      w.Empty().Empty();
    }
    w.Cents(a.hourly_cost_cents);
    w.EndRow();
  }
  return w.Close();
}

}  // namespace supportlens::synth
