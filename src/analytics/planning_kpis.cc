// The planning KPIs of the catalog (declared in src/kpi/families.h, implemented here beside the
// models they use): volume_forecast and required_agents for a report's window and groups.
//
// For each combination of the query's non-time dimensions (one when ungrouped), the hourly
// history of the 8 weeks before the window (tickets created plus calls offered; calls only for
// required_agents) is forecast over the window with the double seasonal Holt-Winters model
// (holt_winters.h); each forecast hour then lands in the group of its own time bucket.
// - volume_forecast: the forecast volume of the group.
// - required_agents: per forecast hour, the Erlang C staffing (Erlang A when the history shows
//   abandonment; patience estimated as in staffing_plan.cc) for the service level target of the
//   catalog (80 %) within the workspace's service level threshold, with the history's mean
//   handle time; the group's value is its peak hour.
#include <cmath>
#include <map>

#include "analytics/holt_winters.h"
#include "kpi/families.h"
#include "supportlens/staffing.h"

namespace supportlens::kpi {
namespace {

constexpr int64_t kHistoryWeeks = 8;
constexpr int64_t kHour = 3600;

struct Combination {
  Coord representative;     // the non-time coordinates of the combination
  std::vector<double> hourly;  // history, one slot per hour
  int64_t records = 0;
  double handle = 0, waited = 0;
  int64_t answered = 0, abandoned = 0;
};

// History per combination, keyed by the group a record gets when placed at the window start
// (the same non-time coordinates give the same key; filters drop records here too).
std::map<int32_t, Combination> History(KpiContext& ctx, bool with_tickets, int64_t start, int64_t hours) {
  std::map<int32_t, Combination> out;
  const int64_t end = start + hours * kHour;
  // `coord` is built only for a record of the history span: a coordinate can cost a random
  // access (a customer's segment, a call's ticket), and most records are outside it.
  auto add = [&](auto&& coord_of, int64_t at) -> Combination* {
    if (at < start || at >= end) return nullptr;
    Coord coord = coord_of();
    coord.time = ctx.q.from;
    int32_t key = ctx.groups.GroupOf(coord);
    if (key < 0) return nullptr;
    Combination& c = out[key];
    if (c.hourly.empty()) {
      c.hourly.assign(static_cast<size_t>(hours), 0);
      c.representative = coord;
    }
    c.hourly[static_cast<size_t>((at - start) / kHour)] += 1;
    ++c.records;
    return &c;
  };
  // Only the tickets created in the span, found by binary search (creation order, as a record's
  // hour and counts do not depend on the order).
  if (with_tickets)
    ctx.data.tickets.ForEachCreatedIn(start, end, [&](size_t t) {
      add([&] { return ctx.TicketCoord(t, 0, ctx.facts.owner[t]); }, ctx.data.tickets.created_at[t]);
    });
  const auto& calls = ctx.data.calls;
  for (size_t i = 0; i < calls.size(); ++i) {
    Combination* c = add([&] { return ctx.CallCoord(i); }, calls.offered_at[i]);
    if (!c) continue;
    if (calls.answered_at[i] != kNoTime) {
      ++c->answered;
      c->waited += static_cast<double>(calls.answered_at[i] - calls.offered_at[i]);
      for (double part : {calls.talk_s[i], calls.hold_s[i], calls.acw_s[i]})
        if (!std::isnan(part)) c->handle += part;
    } else if (calls.abandoned_at[i] != kNoTime) {
      ++c->abandoned;
      c->waited += static_cast<double>(calls.abandoned_at[i] - calls.offered_at[i]);
    }
  }
  return out;
}

// Calls f(group, hour start, forecast) for every hour of the window of every combination.
template <typename F>
void ForEachForecastHour(KpiContext& ctx, std::map<int32_t, Combination>& history, F&& f) {
  const size_t horizon = static_cast<size_t>((ctx.q.to - ctx.q.from + kHour - 1) / kHour);
  for (auto& [key, c] : history) {
    std::vector<double> forecast = FitHoltWinters(c.hourly, 24, horizon).forecast;
    for (size_t h = 0; h < horizon; ++h) {
      Coord coord = c.representative;
      coord.time = ctx.q.from + static_cast<int64_t>(h) * kHour;
      int32_t g = ctx.groups.GroupOf(coord);
      if (g >= 0) f(g, c, coord.time, forecast[h]);
    }
  }
}

}  // namespace

void VolumeForecast(KpiContext& ctx, KpiOutputs& out) {
  const int64_t start = ctx.q.from - kHistoryWeeks * 7 * 86400;
  auto history = History(ctx, true, start, kHistoryWeeks * 7 * 24);
  PerGroup<double> volume;
  PerGroup<int64_t> records;
  PerGroup<uint8_t> set;
  ForEachForecastHour(ctx, history, [&](int32_t g, const Combination& c, int64_t, double v) {
    volume[g] += v;
    records[g] = std::max(records[g], c.records);
    set[g] = 1;
  });
  for (size_t g = 0; g < volume.size(); ++g) {
    // Only the groups a forecast hour landed in: the others' cells stay empty, whichever groups
    // other KPIs of the same thread created.
    if (!set.states[g]) continue;
    auto& kv = out[static_cast<int32_t>(g)];
    kv.value = Round2(volume.states[g]);
    kv.n = records.states[g];
  }
}

void RequiredAgents(KpiContext& ctx, KpiOutputs& out) {
  const int64_t start = ctx.q.from - kHistoryWeeks * 7 * 86400;
  auto history = History(ctx, false, start, kHistoryWeeks * 7 * 24);
  PerGroup<double> peak;
  PerGroup<int64_t> answered;
  PerGroup<uint8_t> set;
  const auto target_seconds = static_cast<double>(ctx.data.settings.ServiceLevelSeconds("phone"));
  ForEachForecastHour(ctx, history, [&](int32_t g, const Combination& c, int64_t, double calls) {
    if (c.answered == 0 || c.handle <= 0) return;  // no handle time to staff with
    StaffingRequest r;
    r.calls = calls;
    r.interval_minutes = 60;
    r.aht_seconds = c.handle / static_cast<double>(c.answered);
    r.target_sl_pct = 80;
    r.target_seconds = target_seconds;
    if (c.abandoned > 0) r.patience_seconds = c.waited / static_cast<double>(c.abandoned);
    auto s = ComputeStaffing(r);
    if (!s.ok()) return;
    peak[g] = std::max(peak[g], static_cast<double>(s->agents));
    answered[g] = std::max(answered[g], c.answered);
    set[g] = 1;
  });
  for (size_t g = 0; g < peak.size(); ++g) {
    if (!set.states.size() || g >= set.size() || !set.states[g]) continue;
    auto& kv = out[static_cast<int32_t>(g)];
    kv.value = peak.states[g];
    kv.n = answered.states[g];
  }
}

}  // namespace supportlens::kpi
