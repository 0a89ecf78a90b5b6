// Invariants over a generated workspace: grouping never changes totals; business time never
// exceeds calendar time; moving the time zone moves buckets, never totals; NPS stays in range;
// merging partial states equals computing at once.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include <nlohmann/json.hpp>

#include "engine/accumulators.h"
#include "engine/report_engine.h"
#include "kpi/catalog.h"
#include "kpi/kpi_context.h"
#include "supportlens/engine.h"
#include "supportlens/generate.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;

class GeneratedWorkspace : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(::testing::TempDir()) / ("sl_props_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    GenerateOptions o;
    o.tickets = 3000;
    o.seed = 17;
    o.start_date = "2026-03-02";
    o.days = 56;
    ASSERT_TRUE(Generate(o, (dir_ / "ws").string()).ok());
    auto r = ImportFolder((dir_ / "ws").string(), Db(), "default");
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_EQ(r->rejected, 0) << "the generator writes valid data: " << (r->issue_lines.empty() ? "" : r->issue_lines[0]);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static std::string Db() { return (dir_ / "store.db").string(); }
  static Report Run(Query q) {
    auto r = ComputeReport(Db(), "default", q);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : Report();
  }
  static Query Window() {
    Query q;
    q.from = "2026-03-02";
    q.to = "2026-04-27";
    return q;
  }
  static inline fs::path dir_;
};

const KpiValue& Kpi(const ReportRow& row, const std::string& id) {
  for (auto& k : row.kpis)
    if (k.id == id) return k;
  throw std::runtime_error("no kpi " + id);
}

// Figures that add up across groups: counts, and the n of rates (their denominators).
const char* kAdditive[] = {"ticket_volume", "resolved_tickets", "offered_calls", "answered_calls"};
const char* kRateDenominators[] = {"fcr_rate", "escalation_rate", "csat", "reopen_rate", "first_reply_time", "resolution_time",
                                   "average_handle_time", "service_level", "abandonment_rate"};

TEST_F(GeneratedWorkspace, GroupingNeverChangesTotals) {
  for (const char* dim : {"channel", "agent", "team", "topic", "priority", "customer_segment", "queue", "day", "week", "month"}) {
    Query whole = Window();
    Query grouped = Window();
    grouped.by = {dim};
    Report a = Run(whole), b = Run(grouped);
    ASSERT_EQ(a.rows.size(), 1u);
    for (const char* id : kAdditive) {
      double sum = 0;
      for (auto& row : b.rows) sum += Kpi(row, id).value.value_or(0);
      EXPECT_EQ(*Kpi(a.rows[0], id).value, sum) << id << " by " << dim;
    }
    for (const char* id : kRateDenominators) {
      int64_t n = 0;
      for (auto& row : b.rows) n += Kpi(row, id).n;
      EXPECT_EQ(Kpi(a.rows[0], id).n, n) << id << " by " << dim;
    }
  }
}

TEST_F(GeneratedWorkspace, BusinessTimeNeverExceedsCalendarTime) {
  Query cal = Window();
  cal.kpis = {"first_reply_time", "average_reply_time", "resolution_time", "first_resolution_time"};
  Query bus = cal;
  bus.business_time = true;
  Report a = Run(cal), b = Run(bus);
  for (size_t k = 0; k < a.rows[0].kpis.size(); ++k) {
    const KpiValue &c = a.rows[0].kpis[k], &w = b.rows[0].kpis[k];
    ASSERT_TRUE(c.value && w.value) << c.id;
    EXPECT_EQ(c.n, w.n) << c.id << ": the same waits are measured";
    EXPECT_LE(*w.median, *c.median) << c.id;
    EXPECT_LE(*w.mean, *c.mean) << c.id;
    EXPECT_LE(*w.p90, *c.p90) << c.id;
    EXPECT_LT(*w.mean, *c.mean) << c.id << ": nights and weekends must cost something";
  }
}

TEST_F(GeneratedWorkspace, MovingTheTimeZoneMovesBucketsNotTotals) {
  // Re-import the same folder under another zone: instants with offsets do not move, local buckets do.
  fs::path ws = dir_ / "ws";
  std::ifstream in(ws / "workspace.toml");
  std::string toml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fs::path other = dir_ / "ws_tokyo";
  fs::remove_all(other);
  fs::copy(ws, other);
  size_t tz = toml.find("timezone");
  size_t eol = toml.find('\n', tz);
  toml.replace(tz, eol - tz, "timezone = \"Asia/Tokyo\"");
  std::ofstream(other / "workspace.toml") << toml;
  ASSERT_TRUE(ImportFolder(other.string(), Db(), "tokyo").ok());

  Query q = Window();
  q.from = "2026-01-01";
  q.to = "2027-01-01";
  q.kpis = {"ticket_volume", "resolved_tickets"};
  q.by = {"day"};
  auto berlin = ComputeReport(Db(), "default", q), tokyo = ComputeReport(Db(), "tokyo", q);
  ASSERT_TRUE(berlin.ok() && tokyo.ok());
  auto totals = [](const Report& r) {
    std::map<std::string, double> t;
    for (auto& row : r.rows)
      for (auto& k : row.kpis) t[k.id] += k.value.value_or(0);
    return t;
  };
  EXPECT_EQ(totals(*berlin), totals(*tokyo));
  int moved = 0;
  for (size_t i = 0; i < berlin->rows.size(); ++i)
    moved += berlin->rows[i].kpis[0].value != tokyo->rows[i].kpis[0].value;
  EXPECT_GT(moved, 0) << "an 8-hour shift must move some tickets to another day";
}

TEST_F(GeneratedWorkspace, NpsStaysInRangeForEveryGroup) {
  Query q = Window();
  q.kpis = {"nps"};
  for (const char* dim : {"channel", "customer_segment", "day"}) {
    q.by = {dim};
    for (auto& row : Run(q).rows) {
      const KpiValue& v = row.kpis[0];
      if (!v.value) continue;
      EXPECT_GE(*v.value, -100);
      EXPECT_LE(*v.value, 100);
    }
  }
}

TEST_F(GeneratedWorkspace, RatesStayWithinZeroAndHundred) {
  Query q = Window();
  q.by = {"channel"};
  for (auto& row : Run(q).rows)
    for (auto& k : row.kpis) {
      const KpiInfo* info = FindKpi(k.id);
      if (info->unit != "percent" || !k.value) continue;
      EXPECT_GE(*k.value, 0) << k.id;
      EXPECT_LE(*k.value, 100) << k.id;
    }
}

TEST_F(GeneratedWorkspace, CustomerPopulationsAgreeWithTheRecordByRecordCount) {
  // With a drill-down sink the populations are counted customer by customer and period by period;
  // without one, by presence ranges. Both must give the same figures.
  auto store = SqliteStore::Open(Db(), false);
  ASSERT_TRUE(store.ok());
  auto loaded = LoadedWorkspace::Load(**store, 1);
  ASSERT_TRUE(loaded.ok());
  for (const char* id : {"customer_retention_rate", "customer_churn_rate", "revenue_retention_rate"}) {
    for (const char* by : {"customer_segment", "week", "month"}) {
      Query q = Window();
      q.from = "2026-01-01";
      q.kpis = {id};
      q.by = {by};
      DrillSink sink;
      auto fast = (*loaded)->Run(q), slow = (*loaded)->Run(q, &sink, id);
      ASSERT_TRUE(fast.ok() && slow.ok());
      EXPECT_EQ(*RenderReport(*fast, "csv"), *RenderReport(*slow, "csv")) << id << " by " << by;
      EXPECT_FALSE(sink.entries.empty());
    }
  }
}

TEST_F(GeneratedWorkspace, TicketCountsByOutcomeAgreeWithTheTicketByTicketCount) {
  // Without a drill-down sink these KPIs read the tickets counted per group and outcome word; with
  // one, they go ticket by ticket. Every cohort and grouping must give the same figures.
  auto store = SqliteStore::Open(Db(), false);
  ASSERT_TRUE(store.ok());
  auto loaded = LoadedWorkspace::Load(**store, 1);
  ASSERT_TRUE(loaded.ok());
  const std::vector<std::vector<std::string>> groupings = {{}, {"channel"}, {"agent"}, {"team", "week"}, {"topic", "month"}};
  size_t compared = 0;
  for (const char* id : {"fcr_rate", "one_touch_rate", "reopen_rate", "escalation_rate", "repeat_contact_rate", "next_issue_avoidance",
                         "bot_resolution_rate", "ticket_volume", "resolved_tickets", "self_service_rate", "cost_per_ticket",
                         "cost_per_resolution"}) {
    for (const char* cohort : {"created", "event", "closed_in_window"}) {
      for (const auto& by : groupings) {
        Query q = Window();
        q.kpis = {id};
        q.by = by;
        q.cohort = cohort;
        DrillSink sink;
        auto fast = (*loaded)->Run(q), slow = (*loaded)->Run(q, &sink, id);
        ASSERT_TRUE(fast.ok() && slow.ok());
        EXPECT_EQ(*RenderReport(*fast, "csv"), *RenderReport(*slow, "csv")) << id << " under " << cohort << " by " << by.size() << " dims";
        EXPECT_FALSE(sink.entries.empty()) << id;
        ++compared;
      }
    }
  }
  EXPECT_EQ(compared, 12u * 3u * 5u);
}

TEST_F(GeneratedWorkspace, SelfServiceSessionsCountedOnceAgreeWithTheSessionBySessionCount) {
  // Without a drill-down sink the sessions are counted once per segment and period for the
  // report; with one, session by session. Both must give the same figures.
  auto store = SqliteStore::Open(Db(), false);
  ASSERT_TRUE(store.ok());
  auto loaded = LoadedWorkspace::Load(**store, 1);
  ASSERT_TRUE(loaded.ok());
  const std::vector<std::vector<std::string>> groupings = {{}, {"customer_segment"}, {"week"}, {"customer_segment", "day"}, {"channel"}};
  for (const char* id : {"self_service_rate", "deflection_rate"}) {
    for (const auto& by : groupings) {
      Query q = Window();
      q.kpis = {id};
      q.by = by;
      DrillSink sink;
      auto fast = (*loaded)->Run(q), slow = (*loaded)->Run(q, &sink, id);
      ASSERT_TRUE(fast.ok() && slow.ok());
      EXPECT_EQ(*RenderReport(*fast, "csv"), *RenderReport(*slow, "csv")) << id << " by " << by.size() << " dims";
      size_t sessions = 0;
      for (const auto& e : sink.entries) sessions += e.kind == RecordKind::kSelfService;
      EXPECT_GT(sessions, 0u) << id;
    }
  }
}

TEST_F(GeneratedWorkspace, BacklogAtADaysEndIsTheSameByDayAndByQuarterHour) {
  // The open (ticket, period end) pairs are listed once per report for both backlog KPIs; with
  // quarter hours over eight weeks there are too many to keep, and each KPI walks the tickets.
  // The last quarter hour of a day ends when the day does: both ways must count the same tickets.
  auto figures = [&](const char* bucket) {
    Query q = Window();
    q.kpis = {"backlog", "backlog_overdue"};
    q.by = {"channel", bucket};
    std::map<std::pair<std::string, std::string>, std::pair<double, double>> out;  // (channel, label) -> values
    for (const auto& row : Run(q).rows)
      out[{row.group.at(0).second.value_or("(none)"), *row.group.at(1).second}] = {*Kpi(row, "backlog").value,
                                                                                    *Kpi(row, "backlog_overdue").value};
    return out;
  };
  const auto days = figures("day"), quarters = figures("15min");
  double quarter_pairs = 0, day_pairs = 0;
  for (const auto& [key, values] : quarters) quarter_pairs += values.first;
  for (const auto& [key, values] : days) day_pairs += values.first;
  // More pairs than the list keeps (at least 65,536, an eighth of the tickets) by quarter hour,
  // fewer by day: both ways are taken.
  ASSERT_GT(quarter_pairs, 65536);
  ASSERT_LT(day_pairs, 65536);
  ASSERT_GT(day_pairs, 0);
  size_t compared = 0;
  for (const auto& [key, values] : days) {
    auto it = quarters.find({key.first, key.second + "T23:45"});
    const std::pair<double, double> at_end = it == quarters.end() ? std::pair<double, double>{0, 0} : it->second;
    EXPECT_EQ(at_end, values) << key.first << " " << key.second;
    ++compared;
  }
  EXPECT_EQ(compared, days.size());
  EXPECT_GE(compared, 56u);  // every day of the window, for at least one channel
}

TEST_F(GeneratedWorkspace, TheScorecardsCellsAreTheReportByAgent) {
  // The scorecard places each (group, agent) cell's tickets and calls through the outer query's
  // groups and the credited agent; a report grouped by agent as well places them one by one.
  // Each card must read as that report's row. By day and channel there are more cells than
  // ticket counts by outcome word are kept for, so the rates and counts go ticket by ticket, per
  // (outer group, agent) pair (TicketPlacement::CountPlaced).
  const std::vector<std::string> card = {"resolved_tickets", "tickets_per_agent_hour", "first_reply_time", "fcr_rate",
                                         "escalation_rate",  "csat",                   "average_handle_time"};
  const std::vector<std::vector<std::string>> groupings = {{"channel"}, {"day", "channel"}};
  for (const auto& by : groupings) {
    size_t compared = 0, cells = 0, with_calls = 0;
    const size_t dims = by.size();
    auto outer_key = [&](const ReportRow& row) {
      std::string key;
      for (size_t d = 0; d < dims; ++d) key += row.group.at(d).second.value_or("(none)") + "|";
      return key;
    };
    // With offered calls in the report, the outer query places every call at once, and the
    // scorecard's calls go per (outer group, agent) pair too (KpiContext::CallSlots).
    for (const auto& [cohort, kpis] : std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"created", {"agent_productivity"}}, {"event", {"agent_productivity"}}, {"created", {"agent_productivity", "offered_calls"}}}) {
      Query outer = Window();
      outer.kpis = kpis;
      outer.by = by;
      outer.cohort = cohort;
      Query inner = outer;
      inner.kpis = card;
      inner.by.push_back("agent");
      std::map<std::pair<std::string, std::string>, const ReportRow*> rows;  // (outer group, agent)
      const Report by_agent = Run(inner);
      for (const auto& row : by_agent.rows)
        if (row.group.at(dims).second) rows[{outer_key(row), *row.group.at(dims).second}] = &row;
      for (const auto& row : Run(outer).rows) {
        const KpiValue& scorecard = Kpi(row, "agent_productivity");
        if (scorecard.details_json.empty()) continue;
        for (const auto& cell : nlohmann::json::parse(scorecard.details_json)) {
          const std::string agent = cell.at("agent");
          const std::string where = cohort + (kpis.size() > 1 ? " with calls placed at once, " : ", ") + outer_key(row) + agent;
          auto it = rows.find({outer_key(row), agent});
          ASSERT_NE(it, rows.end()) << where << ": no row";
          for (const auto& id : card) {
            const std::optional<double> expected = Kpi(*it->second, id).value;
            const auto& got = cell.at(id);
            if (!expected) EXPECT_TRUE(got.is_null()) << where << ", " << id;
            else if (got.is_null()) ADD_FAILURE() << where << ", " << id << ": null, expected " << *expected;
            else EXPECT_DOUBLE_EQ(got.get<double>(), *expected) << where << ", " << id;
            ++compared;
          }
          ++cells;
          with_calls += Kpi(*it->second, "average_handle_time").value.has_value();
        }
      }
    }
    EXPECT_GT(compared, 7u * 50u) << by.size();
    EXPECT_GT(with_calls, 10u) << by.size();  // some cells have calls: the call placement is compared too
    // By day and channel, more cells per run than TicketOutcomes keeps counts for (512 groups).
    EXPECT_GT(cells, dims > 1 ? 3u * 512u : 50u) << by.size();
  }
}

TEST(MergeableStates, MergingPartialStatesEqualsComputingAtOnce) {
  std::mt19937_64 rng(5);
  std::lognormal_distribution<double> delay(7, 1.5);
  DurationState all, left, right;
  RatioState r_all, r_left, r_right;
  for (int i = 0; i < 1001; ++i) {
    double v = delay(rng);
    bool hit = v < 1000;
    all.Add(v);
    r_all.Add(hit);
    (i % 3 ? left : right).Add(v);
    (i % 3 ? r_left : r_right).Add(hit);
  }
  left.Merge(right);
  r_left.Merge(r_right);
  KpiValue a, b, c, d;
  all.Finish(a);
  left.Finish(b);
  r_all.FinishPercent(c);
  r_left.FinishPercent(d);
  EXPECT_EQ(a.median, b.median);
  EXPECT_EQ(a.mean, b.mean);
  EXPECT_EQ(a.p90, b.p90);
  EXPECT_EQ(a.n, b.n);
  EXPECT_EQ(c.value, d.value);
  EXPECT_EQ(c.n, d.n);
}

TEST(Quantile, MatchesHandWorkedInterpolation) {
  // 10, 20, 30, 40: median (20+30)/2 = 25; p90 at rank 0.9 x 3 = 2.7: 30 + 0.7 x 10 = 37.
  std::vector<double> v = {10, 20, 30, 40};
  EXPECT_DOUBLE_EQ(Quantile(v, 0.5), 25);
  EXPECT_DOUBLE_EQ(Quantile(v, 0.9), 37);
  EXPECT_DOUBLE_EQ(Quantile({7}, 0.9), 7);
}

}  // namespace
}  // namespace supportlens

namespace supportlens {
namespace {

void ExpectSameFigures(const KpiValue& v, const KpiValue& w, const std::string& where) {
  EXPECT_EQ(v.value, w.value) << where;
  EXPECT_EQ(v.n, w.n) << where;
  EXPECT_EQ(v.median, w.median) << where;
  EXPECT_EQ(v.mean, w.mean) << where;
  EXPECT_EQ(v.p90, w.p90) << where;
  EXPECT_EQ(v.extras, w.extras) << where;
  EXPECT_EQ(v.details_json, w.details_json) << where;
  EXPECT_EQ(v.reason, w.reason) << where;
}

// A KPI's cell must not depend on which other KPIs a report asks for (they share group ids and a
// thread with it): asked alone or with the whole catalog, every cell reads the same, and a row
// that only other KPIs create is an empty cell.
TEST_F(GeneratedWorkspace, AKpiReadsTheSameAloneAsWithTheWholeCatalog) {
  for (const char* by : {"channel", "week", "agent", "priority"}) {
    Query q = Window();
    q.by = {by};
    const Report full = Run(q);
    ASSERT_FALSE(full.rows.empty());
    for (size_t k = 0; k < full.rows[0].kpis.size(); ++k) {
      const std::string id = full.rows[0].kpis[k].id;
      Query alone_q = q;
      alone_q.kpis = {id};
      const Report alone = Run(alone_q);
      auto key = [](const ReportRow& row) {
        std::string k;
        for (auto& [dim, value] : row.group) k += dim + "=" + value.value_or("(none)") + ";";
        return k;
      };
      std::map<std::string, const KpiValue*> alone_cells;
      for (const ReportRow& row : alone.rows) alone_cells[key(row)] = &row.kpis.at(0);
      for (const ReportRow& row : full.rows) {
        const KpiValue& v = row.kpis.at(k);
        const std::string where = std::string(by) + " " + key(row) + " " + id;
        auto it = alone_cells.find(key(row));
        if (it == alone_cells.end()) {
          // Empty: no value, or 0 for a count (a count with no records is 0).
          const bool is_count = FindKpiDefinition(id)->is_count;
          EXPECT_TRUE(v.n == 0 && v.extras.empty() && v.details_json.empty() && (!v.value || (is_count && *v.value == 0)))
              << where << ": a row only others create";
          continue;
        }
        ExpectSameFigures(v, *it->second, where);
      }
    }
  }
}

// A KPI that names a shared sum (KpiDefinition::shares) reads it: the engine runs the KPIs
// naming one as one task, so that one thread computes the sum while the other does other work.
// Each is computed in a context made as a report's thread makes it, from the registry and the
// table of the window's tickets placed at creation that both threads share.
TEST_F(GeneratedWorkspace, TheKpisNamingASharedSumReadItAndRunAsOneTask) {
  auto loaded = OpenLoadedWorkspace(Db(), "default");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const Dataset& data = (*loaded)->data();
  Query query = Window();
  query.by = {"month"};
  auto eq = ParseQuery(query, data);
  ASSERT_TRUE(eq.ok()) << eq.status().message();
  const BusinessCalendar calendar(data.settings.hours, data.settings.zone, eq->from - 86400, eq->to + 86400);
  GroupRegistry seed(data, *eq);
  const std::unique_ptr<int32_t[]> created = KpiContext::PlaceCreatedForThreads(data, *eq, seed);
  ASSERT_TRUE(created);
  std::vector<const KpiDefinition*> sharing;
  for (const KpiDefinition& d : KpiDefinitions()) {
    if (!d.shares) continue;
    sharing.push_back(&d);
    SharedSums shared;
    GroupRegistry groups(seed);
    KpiContext ctx(data, (*loaded)->facts(), *eq, groups, calendar, shared);
    ctx.AdoptCreatedGroups(created.get());
    KpiOutputs out;
    d.compute(ctx, out);
    EXPECT_TRUE(shared.Holds(d.shares)) << d.info.id << " does not read " << d.shares;
  }
  // Two backlog, three ticket-column, three customer population and two self-service KPIs.
  ASSERT_EQ(sharing.size(), 10u);

  auto id = [](const char* kpi) { return FindKpiDefinition(kpi); };
  // Heaviest first; a sharing KPI joins the task of the first one naming its sum.
  const auto tasks = ReportTasks({id("customer_churn_rate"), id("backlog"), id("csat"), id("customer_retention_rate"), id("first_reply_time"),
                                  id("backlog_overdue"), id("agent_productivity"), id("revenue_retention_rate")});
  const std::vector<std::vector<const KpiDefinition*>> expected = {
      {id("agent_productivity")},
      {id("first_reply_time")},
      {id("customer_churn_rate"), id("customer_retention_rate"), id("revenue_retention_rate")},
      {id("backlog"), id("backlog_overdue")},
      {id("csat")}};
  EXPECT_EQ(tasks, expected);
}

// The two threads of a report take KPIs in turn, so which KPIs share a group registry changes
// from run to run. A KPI must therefore leave every group it placed nothing in empty (as the
// report renders empty: no value, or 0 for a count), whatever groups others created before it,
// and give the same figures in the groups it did place. Each KPI is computed alone, and again
// after every other KPI has created its groups in the same registry. (The scorecard, which
// re-enters the engine, is covered by the test above.)

TEST_F(GeneratedWorkspace, AKpiLeavesTheGroupsOthersCreatedEmpty) {
  auto loaded = OpenLoadedWorkspace(Db(), "default");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  const Dataset& data = (*loaded)->data();
  const TicketFacts& facts = (*loaded)->facts();
  for (const char* by : {"channel", "week", "agent"}) {
    Query query = Window();
    query.from = "2026-04-13";  // six weeks of history before it, for the forecasts
    query.by = {by};
    auto eq = ParseQuery(query, data);
    ASSERT_TRUE(eq.ok()) << eq.status().message();
    const BusinessCalendar calendar(data.settings.hours, data.settings.zone, eq->from - 400 * 86400, eq->to + 400 * 86400);
    SharedSums shared;
    auto computable = [](const KpiDefinition& d) { return d.compute && d.info.id != "agent_productivity"; };
    GroupRegistry seeded(data, *eq);
    {
      KpiContext ctx(data, facts, *eq, seeded, calendar, shared);
      for (const KpiDefinition& d : KpiDefinitions()) {
        KpiOutputs ignored;
        if (computable(d)) d.compute(ctx, ignored);
      }
    }
    size_t checked_empty = 0;
    for (const KpiDefinition& d : KpiDefinitions()) {
      if (!computable(d)) continue;
      GroupRegistry alone_groups(data, *eq), crowded_groups(seeded);
      KpiOutputs alone, crowded;
      {
        KpiContext ctx(data, facts, *eq, alone_groups, calendar, shared);
        d.compute(ctx, alone);
      }
      {
        KpiContext ctx(data, facts, *eq, crowded_groups, calendar, shared);
        d.compute(ctx, crowded);
      }
      for (size_t g = 0; g < crowded_groups.size(); ++g) {
        const KpiValue v = g < crowded.size() ? crowded.states[g] : KpiValue();
        const int32_t a = alone_groups.Find(crowded_groups.key(static_cast<int32_t>(g)));
        const KpiValue w = a >= 0 && static_cast<size_t>(a) < alone.size() ? alone.states[static_cast<size_t>(a)] : KpiValue();
        const std::string where = std::string(by) + ", " + d.info.id + ", group " + std::to_string(g);
        if (RendersEmpty(w, d.is_count)) {
          EXPECT_TRUE(RendersEmpty(v, d.is_count)) << where << ": a group only others created, value " << v.value.value_or(-1);
          ++checked_empty;
          continue;
        }
        ExpectSameFigures(v, w, where);
      }
    }
    EXPECT_GT(checked_empty, 0u) << by << ": the seeded registry must hold groups some KPI leaves empty";
  }
}

}  // namespace
}  // namespace supportlens
