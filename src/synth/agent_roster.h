#pragma once
// AgentRoster: the people (and bots) who answer tickets. Sizes the team from the daily ticket
// volume (about one human agent per 8 tickets a day), spreads agents over teams and shift
// start hours, lets some of them leave during the range (with replacements), and picks the
// agent who handles a ticket at a given instant, preferring agents who are on shift.
#include <array>
#include <climits>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "supportlens/status.h"
#include "synth/local_calendar.h"
#include "synth/random.h"
#include "synth/vocabulary.h"

namespace supportlens::synth {

struct Agent {
  std::string id;
  std::string name;
  Team team = kGeneralTeam;
  bool bot = false;
  int hired_day = 0;      // local day index of hired_on (negative: before the range)
  int left_day = INT_MAX; // local day index of left_on; INT_MAX while employed
  bool left_voluntarily = false;
  int64_t hourly_cost_cents = 0;
  int shift_start_hour = 9;  // local hour; shifts last 8 hours
  uint64_t key = 0;          // per-agent hash key (absences, mood)
};

class AgentRoster {
 public:
  static constexpr int kShiftHours = 8;

  AgentRoster(const LocalCalendar& calendar, uint64_t seed, double tickets_per_day);

  const std::vector<Agent>& agents() const { return agents_; }
  const Agent& agent(int index) const { return agents_[static_cast<size_t>(index)]; }
  int human_count() const { return human_count_; }
  // Team that receives level-2 escalations (the technical team when there is no escalation team).
  Team escalation_team() const { return escalation_team_; }

  // Employed on that local day (hired on or before it, not yet left).
  bool IsActive(int agent, int day) const;
  // Has a scheduled shift that local day (a workday, employed, not absent).
  bool Works(int agent, int day) const;
  int PickBot(Rng& rng) const;
  // A human of `team` to handle work at UTC instant `at`: an agent on shift when possible,
  // else any employed team member, else any employed human.
  int PickHuman(Rng& rng, Team team, int64_t at) const;

  Status WriteAgents(const std::filesystem::path& path) const;

 private:
  void AddHuman(Rng& rng, Team team, int hired_day);

  const LocalCalendar& calendar_;
  uint64_t seed_;
  std::vector<Agent> agents_;
  std::vector<std::vector<int>> team_members_;  // humans per team
  std::vector<int> bots_;
  std::vector<int> humans_;
  int human_count_ = 0;
  Team escalation_team_ = kTechnicalTeam;
};

}  // namespace supportlens::synth
