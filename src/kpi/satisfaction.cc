// Service quality: survey-based KPIs. A response is "satisfied" in the top two points of its
// own scale (4-5 on 1-5, 9-10 on 1-10), so mixed scales aggregate correctly.
#include "kpi/families.h"

namespace supportlens::kpi {
namespace {

bool TopTwo(const SurveyTable& sv, size_t s) { return sv.score[s] >= sv.scale_max[s] - 1; }

template <typename F>
void ForEachSurvey(KpiContext& ctx, SurveyKind kind, F&& fn) {
  const auto& sv = ctx.data.surveys;
  for (size_t s = 0; s < sv.size(); ++s) {
    if (sv.kind[s] != kind) continue;
    int32_t g = ctx.SurveyGroup(s);
    if (g >= 0) fn(g, s);
  }
}

void TopTwoShare(KpiContext& ctx, SurveyKind kind, KpiOutputs& out, bool with_mean) {
  PerGroup<RatioState> rate;
  PerGroup<MeanState> mean;
  const auto& sv = ctx.data.surveys;
  // Where only each group's value is read (a scorecard's cells), the mean score beside it is not.
  with_mean = with_mean && !ctx.values_only;
  ForEachSurvey(ctx, kind, [&](int32_t g, size_t s) {
    bool hit = TopTwo(sv, s);
    rate[g].Add(hit);
    if (with_mean) mean[g].Add(sv.score[s]);
    ctx.Drill(g, RecordKind::kSurvey, s, sv.score[s], hit);
  });
  FinishPercents(rate, out);
  if (with_mean)
    for (size_t g = 0; g < mean.size(); ++g) {
      auto m = mean.states[g].Mean();
      out[static_cast<int32_t>(g)].extras.emplace_back("mean_score", m ? std::optional<double>(Round2(*m)) : std::nullopt);
    }
}

}  // namespace

void Csat(KpiContext& ctx, KpiOutputs& out) { TopTwoShare(ctx, SurveyKind::kCsat, out, true); }
void Esat(KpiContext& ctx, KpiOutputs& out) { TopTwoShare(ctx, SurveyKind::kEsat, out, true); }
void CesEasyPct(KpiContext& ctx, KpiOutputs& out) { TopTwoShare(ctx, SurveyKind::kCes, out, false); }

void Ces(KpiContext& ctx, KpiOutputs& out) {
  PerGroup<MeanState> mean;
  const auto& sv = ctx.data.surveys;
  ForEachSurvey(ctx, SurveyKind::kCes, [&](int32_t g, size_t s) {
    mean[g].Add(sv.score[s]);
    ctx.Drill(g, RecordKind::kSurvey, s, sv.score[s]);
  });
  for (size_t g = 0; g < mean.size(); ++g) {
    auto& v = out[static_cast<int32_t>(g)];
    v.n = mean.states[g].n;
    if (auto m = mean.states[g].Mean()) v.value = Round2(*m);
  }
}

void Nps(KpiContext& ctx, KpiOutputs& out) {
  struct State { int64_t promoters = 0, detractors = 0, n = 0; };
  // Responses per group and class (promoter, detractor, passive), in lanes (see kCountLanes).
  PerGroup<std::array<int64_t, 3 * kCountLanes>> classes;  // [lane * 3 + class]
  const auto& sv = ctx.data.surveys;
  ForEachSurvey(ctx, SurveyKind::kNps, [&](int32_t g, size_t s) {
    // Rescale to 0-10 so that a survey on another scale still splits at 9 and 6.
    double span = sv.scale_max[s] - sv.scale_min[s];
    double score = (sv.score[s] - sv.scale_min[s]) / span * 10.0;
    const size_t cls = score >= 9 ? 0 : score <= 6 ? 1 : 2;
    ++classes[g][s % kCountLanes * 3 + cls];
    ctx.Drill(g, RecordKind::kSurvey, s, sv.score[s], score >= 9);
  });
  for (size_t g = 0; g < classes.size(); ++g) {
    State x;
    const auto& c = classes.states[g];
    for (size_t lane = 0; lane < kCountLanes; ++lane) {
      x.promoters += c[lane * 3];
      x.detractors += c[lane * 3 + 1];
      x.n += c[lane * 3] + c[lane * 3 + 1] + c[lane * 3 + 2];
    }
    auto& v = out[static_cast<int32_t>(g)];
    v.n = x.n;
    if (x.n == 0) continue;
    double n = static_cast<double>(x.n);
    v.value = Round2(100.0 * static_cast<double>(x.promoters) / n - 100.0 * static_cast<double>(x.detractors) / n);
    v.extras.emplace_back("promoters_pct", Round2(100.0 * static_cast<double>(x.promoters) / n));
    v.extras.emplace_back("detractors_pct", Round2(100.0 * static_cast<double>(x.detractors) / n));
  }
}

}  // namespace supportlens::kpi

namespace supportlens::kpi {

void SentimentScore(KpiContext& ctx, KpiOutputs& out) {
  struct State {
    int64_t sum = 0, n = 0, positive = 0, negative = 0;
  };
  PerGroup<State> st;
  const auto& tk = ctx.data.tickets;
  const auto& ev = ctx.data.events;
  const bool by_event = ctx.q.cohort == Cohort::kEvent;
  // A message belongs to the window of its own time (event cohort) or of its ticket, and is
  // credited to whoever had the ticket when the customer wrote. Under the ticket cohorts and
  // without agent or team, all of a ticket's messages share its instant and group, so the fold's
  // per-ticket sums are placed once per ticket (drilling still lists every message).
  const bool per_message = by_event || ctx.UsesAgent() || ctx.drill;
  auto add = [](State& s, int compound) {
    s.sum += compound;
    ++s.n;
    s.positive += compound >= kPositiveCompound;
    s.negative += compound <= kNegativeCompound;
  };
  const auto& f = ctx.facts;
  // Under the created cohort, once a KPI has placed the window's tickets, a ticket's group is read
  // from that table.
  const int32_t* by_ticket = per_message ? nullptr : ctx.CreatedGroupsIfPlaced();
  auto place = [&](size_t t) {
    if (!per_message) {
      if (f.sentiment_messages[t] == 0) return;
      int32_t g;
      if (by_ticket) {
        g = by_ticket[t];  // the window's tickets only are visited: every one is in the cohort
      } else {
        if (!ctx.InTicketCohort(t, tk.created_at[t])) return;
        g = ctx.TicketFactGroup(t, tk.created_at[t], -1);
      }
      if (g < 0) return;
      State& s = st[g];
      s.sum += f.sentiment_sum[t];
      s.n += f.sentiment_messages[t];
      s.positive += f.positive_messages[t];
      s.negative += f.negative_messages[t];
      return;
    }
    for (uint32_t e = tk.event_begin[t]; e < tk.event_begin[t + 1]; ++e) {
      if (ev.type[e] != EventType::kMessage || ev.actor_kind[e] != ActorKind::kCustomer || ev.sentiment[e] == kNoSentiment) continue;
      const int compound = ev.sentiment[e];
      const int64_t at = by_event ? ev.at[e] : tk.created_at[t];
      if (!ctx.InTicketCohort(t, at)) continue;
      const int32_t g = ctx.TicketFactGroup(t, at, ctx.UsesAgent() ? ctx.AssigneeAt(t, ev.at[e]) : -1);
      if (g < 0) continue;
      add(st[g], compound);
      if (ctx.drill) ctx.Drill(g, RecordKind::kTicket, t, SentimentScoreOf(compound, 1), compound <= kNegativeCompound);
    }
  };
  if (by_event) for (size_t t = 0; t < tk.size(); ++t) place(t);
  else tk.ForEachCreatedIn(ctx.q.from, ctx.q.to, place);
  for (size_t g = 0; g < st.size(); ++g) {
    const State& s = st.states[g];
    auto& v = out[static_cast<int32_t>(g)];
    v.n = s.n;
    if (s.n == 0) continue;
    const double n = static_cast<double>(s.n);
    v.value = SentimentScoreOf(s.sum, s.n);
    v.extras.emplace_back("positive_pct", Round2(100.0 * static_cast<double>(s.positive) / n));
    v.extras.emplace_back("negative_pct", Round2(100.0 * static_cast<double>(s.negative) / n));
  }
}

}  // namespace supportlens::kpi
