// Workforce: time-in-state ratios from agent states and shifts (sliced by period), turnover
// from the agent directory, and the per-agent scorecard.
#include <nlohmann/json.hpp>

#include "kpi/families.h"

namespace supportlens::kpi {
namespace {

struct TimeRatio {
  double num = 0, den = 0;
};

// Calls add(g, state, seconds) for the agent-state time the query places in each group, for the
// states `wanted` selects: per agent, period and state from the report's shared sums, or slice by
// slice when there are none (then each record is drilled, counted in the numerator when
// `hit(state)`).
template <typename Wanted, typename Add, typename Hit>
void AgentStateTime(KpiContext& ctx, Wanted&& wanted, Add&& add, Hit&& hit) {
  if (const StateSeconds* sums = ctx.AgentStateSeconds()) {
    for (const auto& e : sums->entries) {
      int32_t g = -2;  // looked up at the entry's first wanted state, as a record would be
      for (size_t k = 0; k < kAgentStateCount && g != -1; ++k) {
        const auto state = static_cast<AgentState>(k);
        if (e.seconds[k] == 0 || !wanted(state)) continue;
        if (g == -2) g = ctx.AgentPeriodGroup(e.agent, e.period);
        if (g >= 0) add(g, state, e.seconds[k]);
      }
    }
    return;
  }
  const auto& st = ctx.data.states;
  for (size_t i = 0; i < st.size(); ++i) {
    const AgentState state = st.state[i];
    if (!wanted(state)) continue;
    ctx.ForEachAgentSlice(st.agent[i], st.start[i], st.end[i], [&](int32_t g, int64_t secs) {
      add(g, state, secs);
      ctx.Drill(g, RecordKind::kAgentState, i, static_cast<double>(secs), hit(state));
    });
  }
}

bool Working(AgentState s) { return s == AgentState::kHandling || s == AgentState::kAfterCallWork; }

void FinishTimeRatios(PerGroup<TimeRatio>& st, const char* num_name, const char* den_name, KpiOutputs& out) {
  for (size_t g = 0; g < st.size(); ++g) {
    auto& v = out[static_cast<int32_t>(g)];
    const TimeRatio& r = st.states[g];
    v.n = static_cast<int64_t>(r.den / 3600.0);  // hours behind the figure
    if (r.den > 0) v.value = Round2(100.0 * r.num / r.den);
    v.extras.emplace_back(num_name, Round2(r.num / 3600.0));
    v.extras.emplace_back(den_name, Round2(r.den / 3600.0));
  }
}

}  // namespace

void Occupancy(KpiContext& ctx, KpiOutputs& out) {
  // The same intervals feed both sides: busy states are in the numerator and the denominator.
  PerGroup<TimeRatio> acc;
  AgentStateTime(
      ctx, [](AgentState s) { return s == AgentState::kAvailable || Working(s); },
      [&](int32_t g, AgentState s, int64_t secs) {
        acc[g].den += static_cast<double>(secs);
        if (Working(s)) acc[g].num += static_cast<double>(secs);
      },
      Working);
  FinishTimeRatios(acc, "busy_hours", "staffed_hours", out);
}

void Utilization(KpiContext& ctx, KpiOutputs& out) {
  // Logged-in time that is not a break, over the scheduled shifts.
  PerGroup<TimeRatio> acc;
  AgentStateTime(
      ctx, [](AgentState s) { return s != AgentState::kBreak && s != AgentState::kLoggedOut; },
      [&](int32_t g, AgentState, int64_t secs) { acc[g].num += static_cast<double>(secs); }, [](AgentState) { return true; });
  const auto& shifts = ctx.data.shifts;
  for (size_t i = 0; i < shifts.size(); ++i)
    ctx.ForEachAgentSlice(shifts.agent[i], shifts.start[i], shifts.end[i], [&](int32_t g, int64_t secs) {
      acc[g].den += static_cast<double>(secs);
      ctx.Drill(g, RecordKind::kShift, i, static_cast<double>(secs), false);
    });
  FinishTimeRatios(acc, "numerator_hours", "denominator_hours", out);
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
  const size_t kResolved = 0;  // kCard's index of resolved_tickets
  // A card is a JSON object with the agent's name and each KPI's value, keys in alphabetical
  // order (as a JSON library's map dumps them), written as text: there are tens of thousands.
  struct Key {
    std::string quoted;  // "name":
    int index;           // in kCard, -1 for the agent
  };
  static const std::vector<Key> kKeys = [] {
    std::vector<std::pair<std::string, int>> names = {{"agent", -1}};
    for (size_t i = 0; i < kCard.size(); ++i) names.emplace_back(kCard[i], static_cast<int>(i));
    std::sort(names.begin(), names.end());
    std::vector<Key> keys;
    for (auto& [name, index] : names) keys.push_back({nlohmann::json(name).dump() + ":", index});
    return keys;
  }();
  const auto by_agent = ctx.agent_breakdown(kCard);
  PerGroup<std::string> cards;  // each group's array, without its closing bracket
  PerGroup<MeanState> resolved_per_agent;
  for (const auto& cell : by_agent.cells) {
    if (cell.agent < 0) continue;  // work nobody is credited with
    std::string& json = cards[cell.group];
    json += json.empty() ? "[{" : ",{";
    for (size_t k = 0; k < kKeys.size(); ++k) {
      if (k > 0) json += ',';
      json += kKeys[k].quoted;
      if (kKeys[k].index < 0) {
        json += nlohmann::json(ctx.data.dict.agent.at(cell.agent)).dump();
      } else {
        const std::optional<double>& v = by_agent.Value(cell, static_cast<size_t>(kKeys[k].index));
        json += v ? nlohmann::json(*v).dump() : "null";
      }
    }
    json += '}';
    const std::optional<double>& resolved = by_agent.Value(cell, kResolved);
    resolved_per_agent[cell.group].Add(resolved.value_or(0));
    ctx.Drill(cell.group, RecordKind::kAgent, static_cast<size_t>(cell.agent), resolved);
  }
  for (size_t g = 0; g < cards.size(); ++g) {  // the same groups as resolved_per_agent
    auto& v = out[static_cast<int32_t>(g)];
    const MeanState& m = resolved_per_agent.states[g];
    v.n = m.n;
    if (auto mean = m.Mean()) v.value = Round2(*mean);
    std::string& json = cards[static_cast<int32_t>(g)];
    if (!json.empty()) v.details_json = std::move(json) + "]";
  }
}

}  // namespace supportlens::kpi
