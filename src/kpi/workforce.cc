// Workforce: time-in-state ratios from agent states and shifts (sliced by period), turnover
// from the agent directory, and the per-agent scorecard.
#include <nlohmann/json.hpp>

#include "kpi/families.h"

namespace supportlens::kpi {
namespace {

struct TimeRatio {
  double num = 0, den = 0;
};

template <typename NumPred, typename DenPred>
void StateSecondsRatio(KpiContext& ctx, const IntervalTable& num_table, NumPred&& in_num, const IntervalTable& den_table,
                       DenPred&& in_den, KpiOutputs& out) {
  PerGroup<TimeRatio> st;
  auto add = [&](const IntervalTable& table, size_t i, bool to_num) {
    ctx.ForEachAgentSlice(table.agent[i], table.start[i], table.end[i], [&](int32_t g, int64_t secs) {
      (to_num ? st[g].num : st[g].den) += static_cast<double>(secs);
      ctx.Drill(g, &table == &ctx.data.shifts ? RecordKind::kShift : RecordKind::kAgentState, i, static_cast<double>(secs), to_num);
    });
  };
  for (size_t i = 0; i < num_table.size(); ++i)
    if (in_num(i)) add(num_table, i, true);
  for (size_t i = 0; i < den_table.size(); ++i)
    if (in_den(i)) add(den_table, i, false);
  for (size_t g = 0; g < st.size(); ++g) {
    auto& v = out[static_cast<int32_t>(g)];
    const TimeRatio& r = st.states[g];
    v.n = static_cast<int64_t>(r.den / 3600.0);  // hours behind the figure
    if (r.den > 0) v.value = Round2(100.0 * r.num / r.den);
    v.extras.emplace_back("numerator_hours", Round2(r.num / 3600.0));
    v.extras.emplace_back("denominator_hours", Round2(r.den / 3600.0));
  }
}

bool Working(AgentState s) { return s == AgentState::kHandling || s == AgentState::kAfterCallWork; }

}  // namespace

void Occupancy(KpiContext& ctx, KpiOutputs& out) {
  const auto& st = ctx.data.states;
  // The same intervals feed both sides: busy states are in the numerator and the denominator.
  PerGroup<TimeRatio> acc;
  for (size_t i = 0; i < st.size(); ++i) {
    AgentState s = st.state[i];
    if (s != AgentState::kAvailable && !Working(s)) continue;
    ctx.ForEachAgentSlice(st.agent[i], st.start[i], st.end[i], [&](int32_t g, int64_t secs) {
      acc[g].den += static_cast<double>(secs);
      if (Working(s)) acc[g].num += static_cast<double>(secs);
      ctx.Drill(g, RecordKind::kAgentState, i, static_cast<double>(secs), Working(s));
    });
  }
  for (size_t g = 0; g < acc.size(); ++g) {
    auto& v = out[static_cast<int32_t>(g)];
    v.n = static_cast<int64_t>(acc.states[g].den / 3600.0);
    if (acc.states[g].den > 0) v.value = Round2(100.0 * acc.states[g].num / acc.states[g].den);
    v.extras.emplace_back("busy_hours", Round2(acc.states[g].num / 3600.0));
    v.extras.emplace_back("staffed_hours", Round2(acc.states[g].den / 3600.0));
  }
}

void Utilization(KpiContext& ctx, KpiOutputs& out) {
  const auto& st = ctx.data.states;
  StateSecondsRatio(
      ctx, st, [&](size_t i) { return st.state[i] != AgentState::kBreak && st.state[i] != AgentState::kLoggedOut; },
      ctx.data.shifts, [](size_t) { return true; }, out);
}

void AgentTurnoverRate(KpiContext& ctx, KpiOutputs& out) {
  const auto& a = ctx.data.agents;
  const auto& zone = ctx.data.settings.zone;
  struct State { double leavers = 0, voluntary = 0, head_start = 0, head_end = 0; };
  PerGroup<State> st;
  for (const Period& p : ctx.Periods()) {
    const int64_t start_day = FloorDiv(zone.ToLocal(p.start), 86400), end_day = FloorDiv(zone.ToLocal(p.end), 86400);
    for (size_t i = 0; i < a.team.size(); ++i) {
      if (!a.in_directory[i] || a.is_bot[i]) continue;
      auto employed_on = [&](int64_t day) {
        return (a.hired_on[i] == kNoTime || a.hired_on[i] <= day) && (a.left_on[i] == kNoTime || a.left_on[i] > day);
      };
      bool at_start = employed_on(start_day), at_end = employed_on(end_day);
      bool left = a.left_on[i] != kNoTime && a.left_on[i] >= start_day && a.left_on[i] < end_day;
      if (!at_start && !at_end && !left) continue;
      Coord c;
      c.agent = static_cast<int32_t>(i);
      c.time = p.start;
      int32_t g = ctx.groups.GroupOf(c);
      if (g < 0) continue;
      State& s = st[g];
      s.head_start += at_start;
      s.head_end += at_end;
      if (left) {
        s.leavers += 1;
        s.voluntary += a.left_voluntarily[i];
      }
      ctx.Drill(g, RecordKind::kAgent, i, std::nullopt, left);
    }
  }
  for (size_t g = 0; g < st.size(); ++g) {
    const State& s = st.states[g];
    auto& v = out[static_cast<int32_t>(g)];
    double avg = (s.head_start + s.head_end) / 2.0;
    v.n = static_cast<int64_t>(s.head_start);
    if (avg > 0) v.value = Round2(100.0 * s.leavers / avg);
    v.extras.emplace_back("leavers", s.leavers);
    v.extras.emplace_back("average_headcount", Round2(avg));
    v.extras.emplace_back("voluntary_share", s.leavers > 0 ? std::optional<double>(Round2(100.0 * s.voluntary / s.leavers)) : std::nullopt);
  }
}

void AgentProductivity(KpiContext& ctx, KpiOutputs& out) {
  // The scorecard is the same catalog computed per agent inside each row's group.
  static const std::vector<std::string> kCard = {"resolved_tickets", "tickets_per_agent_hour", "first_reply_time", "fcr_rate",
                                                 "escalation_rate",  "csat",                   "average_handle_time"};
  auto by_agent = ctx.agent_breakdown(kCard);
  PerGroup<nlohmann::json> cards;
  PerGroup<MeanState> resolved_per_agent;
  for (auto& [g, agents] : by_agent) {
    for (auto& [agent, kpis] : agents) {
      if (agent < 0) continue;  // work nobody is credited with
      nlohmann::json card = {{"agent", ctx.data.dict.agent.at(agent)}};
      for (auto& id : kCard) {
        const KpiValue& v = kpis[id];
        card[id] = v.value ? nlohmann::json(*v.value) : nlohmann::json(nullptr);
      }
      if (cards[g].is_null()) cards[g] = nlohmann::json::array();
      cards[g].push_back(card);
      resolved_per_agent[g].Add(kpis["resolved_tickets"].value.value_or(0));
      ctx.Drill(g, RecordKind::kAgent, static_cast<size_t>(agent), kpis["resolved_tickets"].value);
    }
  }
  for (size_t g = 0; g < cards.size(); ++g) {
    auto& v = out[static_cast<int32_t>(g)];
    v.n = resolved_per_agent.states[g].n;
    if (auto m = resolved_per_agent.states[g].Mean()) v.value = Round2(*m);
    if (!cards.states[g].is_null()) v.details_json = cards.states[g].dump();
  }
}

}  // namespace supportlens::kpi
