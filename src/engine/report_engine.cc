#include "engine/report_engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <thread>
#include <tuple>

#include "engine/column_snapshot.h"
#include "kpi/catalog.h"

namespace supportlens {
namespace {

struct GroupedRun {
  std::unique_ptr<GroupRegistry> groups;
  std::map<std::string, KpiOutputs> outputs;
  std::vector<std::pair<std::string, double>> seconds;
};

}  // namespace

bool RendersEmpty(const KpiValue& v, bool is_count) {
  if ((v.value && !(is_count && *v.value == 0)) || v.n != 0 || v.median || v.mean || v.p90) return false;
  if (!v.reason.empty() || (!v.details_json.empty() && v.details_json != "[]")) return false;
  for (const auto& [name, x] : v.extras)
    if (x && *x != 0) return false;
  return true;
}

std::unique_ptr<LoadedWorkspace> LoadedWorkspace::FromDataset(Dataset data) { return Assemble(std::move(data), std::nullopt); }

std::unique_ptr<LoadedWorkspace> LoadedWorkspace::Assemble(Dataset data, std::optional<TicketFacts> facts) {
  std::unique_ptr<LoadedWorkspace> w(new LoadedWorkspace());
  w->data_ = std::move(data);
  w->facts_ = facts ? std::move(*facts) : FoldTimelines(w->data_);
  w->data_.tickets.IndexCreation();
  // Compile the calendar over all data with a year of margin, so that windows reaching beyond
  // the data still measure business time correctly.
  w->calendar_from_ = w->data_.min_time - 86400 * 366;
  w->calendar_to_ = w->data_.max_time + 86400 * 366;
  w->calendar_ = BusinessCalendar(w->data_.settings.hours, w->data_.settings.zone, w->calendar_from_, w->calendar_to_);
  // Filters look dimension values up; indexing them now keeps Run() free of writes, so one
  // loaded workspace serves concurrent queries (the ticket dictionary is never looked up there).
  auto& d = w->data_.dict;
  for (const Dictionary* dict : {&d.channel, &d.topic, &d.priority, &d.queue, &d.team, &d.segment, &d.agent}) dict->Index();
  return w;
}

Result<std::unique_ptr<LoadedWorkspace>> LoadedWorkspace::Load(SqliteStore& store, int64_t workspace) {
  if (store.path() == ":memory:") {
    SL_ASSIGN_OR_RETURN(Dataset d, Dataset::Load(store, workspace));
    return FromDataset(std::move(d));
  }
  // One read transaction: the version and every table come from the same commit, even while a
  // writer (the server's ingest, another import) commits beside it.
  SL_RETURN_IF_ERROR(store.BeginRead());
  auto loaded = LoadConsistent(store, workspace);
  (void)store.Commit();
  return loaded;
}

Result<std::unique_ptr<LoadedWorkspace>> LoadedWorkspace::Refresh(SqliteStore& store, int64_t workspace,
                                                                  const LoadedWorkspace& previous) {
  SL_RETURN_IF_ERROR(store.BeginRead());
  auto refreshed = [&]() -> Result<std::unique_ptr<LoadedWorkspace>> {
    SL_ASSIGN_OR_RETURN(int64_t version, store.DataVersion(workspace));
    SL_ASSIGN_OR_RETURN(Dataset d, Dataset::LoadSince(store, workspace, previous.data_));
    // Timelines are folded again in full: new events can change any ticket's facts, and the fold
    // is a small part of a load.
    auto loaded = FromDataset(std::move(d));
    loaded->data_version_ = version;
    return loaded;
  }();
  (void)store.Commit();
  return refreshed;
}

Result<std::unique_ptr<LoadedWorkspace>> LoadedWorkspace::LoadConsistent(SqliteStore& store, int64_t workspace) {
  // The columnar snapshot beside the database, when it was made of this very data: the same data
  // version and stamp. Without a stamp (see DataStamp) no snapshot is read or written.
  SL_ASSIGN_OR_RETURN(int64_t version, store.DataVersion(workspace));
  SL_ASSIGN_OR_RETURN(int64_t stamp, store.DataStamp(workspace));
  const std::string path = SnapshotPath(store.path(), workspace);
  std::optional<Snapshot> snapshot;
  if (stamp != 0) {
    SL_ASSIGN_OR_RETURN(snapshot, ReadSnapshot(path, version, stamp));
  }
  if (snapshot) {
    SL_ASSIGN_OR_RETURN(snapshot->data.settings, Dataset::LoadSettings(store, workspace));
    auto loaded = Assemble(std::move(snapshot->data), std::move(snapshot->facts));
    loaded->data_version_ = version;
    return loaded;
  }
  SL_ASSIGN_OR_RETURN(Dataset d, Dataset::Load(store, workspace));
  std::optional<TicketFacts> facts;  // without a stamp, Assemble folds them
  if (stamp != 0) {
    // The columns go to the snapshot while the timelines fold.
    SnapshotWrite write(d, path, version, stamp);
    facts = FoldTimelines(d);
    // A snapshot that cannot be written (read-only folder) only costs speed next time.
    (void)write.Finish(*facts);
  }
  auto loaded = Assemble(std::move(d), std::move(facts));
  loaded->data_version_ = version;
  return loaded;
}

std::vector<std::vector<const KpiDefinition*>> ReportTasks(const std::vector<const KpiDefinition*>& defs) {
  auto weight_of = [](const KpiDefinition* d) { return d->info.id == "agent_productivity" ? 12 : d->info.is_duration() ? 2 : 1; };
  std::vector<const KpiDefinition*> heaviest_first = defs;
  std::stable_sort(heaviest_first.begin(), heaviest_first.end(), [&](auto* a, auto* b) { return weight_of(a) > weight_of(b); });
  std::vector<std::vector<const KpiDefinition*>> tasks;
  for (const KpiDefinition* d : heaviest_first) {
    auto same = d->shares ? std::find_if(tasks.begin(), tasks.end(),
                                         [&](const auto& task) { return task.front()->shares && std::strcmp(task.front()->shares, d->shares) == 0; })
                          : tasks.end();
    if (same != tasks.end()) same->push_back(d);
    else tasks.push_back({d});
  }
  return tasks;
}

Result<Report> LoadedWorkspace::Run(const Query& query, DrillSink* drill, const std::string& drill_kpi) const {
  SL_ASSIGN_OR_RETURN(EngineQuery q, ParseQuery(query, data_));
  std::vector<const KpiDefinition*> defs;
  if (q.kpis.empty()) {
    for (auto& d : KpiDefinitions()) defs.push_back(&d);
  } else {
    for (auto& id : q.kpis) {
      const KpiDefinition* d = FindKpiDefinition(id);
      if (!d) return Status::InvalidArgument(fmt::format("--kpi: unknown KPI id \"{}\" (see `supportlens kpis`)", id));
      if (std::find(defs.begin(), defs.end(), d) == defs.end()) defs.push_back(d);
    }
  }

  // A window reaching past the compiled calendar gets a calendar of its own, so that business
  // durations up to the window's end (backlog age, SLA deadlines) are never cut short.
  const BusinessCalendar* calendar = &calendar_;
  BusinessCalendar wider;
  if (q.from < calendar_from_ || q.to > calendar_to_) {
    wider = BusinessCalendar(data_.settings.hours, data_.settings.zone, std::min(q.from, calendar_from_) - 86400,
                             std::max(q.to, calendar_to_) + 86400);
    calendar = &wider;
  }

  SharedSums shared;  // the same window and periods in every context below
  // With ticket volume among the KPIs under the created cohort, each thread would place every
  // ticket of the window by its creation (a 40 MB table at 10M tickets, its fresh memory the
  // larger part of the cost). It is placed once instead, on both cores, into a registry both
  // threads start from, so that they read the one table as their own. Alone, or with few KPIs, a
  // KPI places only the records it counts (no group without them).
  std::optional<GroupRegistry> seed;
  std::unique_ptr<int32_t[]> created_table;
  const KpiDefinition* volume = FindKpiDefinition("ticket_volume");
  if (defs.size() >= 4 && std::find(defs.begin(), defs.end(), volume) != defs.end()) {
    seed.emplace(data_, q);
    created_table = KpiContext::PlaceCreatedForThreads(data_, q, *seed);
    if (!created_table) seed.reset();
  }
  const bool every_call_placed = std::find(defs.begin(), defs.end(), FindKpiDefinition("offered_calls")) != defs.end();
  // Runs KPIs for one engine query, each taken from `next` until it gives none; the scorecard
  // re-enters it grouped by agent.
  using NextKpi = std::function<const KpiDefinition*()>;
  // Takes what it needs of a KPI's outputs as soon as they are computed; the outputs are then
  // cleared, and the next KPI's fill the same memory.
  using Harvest = std::function<void(const KpiDefinition*, KpiOutputs&)>;
  std::function<GroupedRun(const EngineQuery&, const NextKpi&, DrillSink*, KpiContext*, const Harvest*)> run_grouped;
  run_grouped = [&](const EngineQuery& eq, const NextKpi& next, DrillSink* sink, KpiContext* outer, const Harvest* harvest) {
    GroupedRun r;
    // A thread's own query starts from the seed when there is one; a breakdown, another query, never.
    const bool seeded = seed && !outer;
    r.groups = seeded ? std::make_unique<GroupRegistry>(*seed) : std::make_unique<GroupRegistry>(data_, eq);
    KpiContext ctx(data_, facts_, eq, *r.groups, *calendar, shared);
    if (seeded) ctx.AdoptCreatedGroups(created_table.get());
    ctx.places_every_call = !outer && every_call_placed;
    ctx.outer = outer;
    ctx.values_only = harvest != nullptr;  // the breakdown keeps only the values (see keep_values)
    std::string breakdown_for;  // the KPI computing now, which may ask for a breakdown by agent
    ctx.agent_breakdown = [&](const std::vector<std::string>& ids) {
      EngineQuery sub = eq;
      size_t agent_pos = std::find(sub.dims.begin(), sub.dims.end(), Dim::kAgent) - sub.dims.begin();
      if (agent_pos == sub.dims.size()) sub.dims.push_back(Dim::kAgent);
      std::vector<const KpiDefinition*> sub_defs;
      for (auto& id : ids) sub_defs.push_back(FindKpiDefinition(id));
      // Only each cell's values are kept: [inner group * KPIs + KPI]. The tens of thousands of
      // (group, agent) cells' full figures per KPI would be tens of MB of fresh memory.
      const size_t kpis = sub_defs.size();
      std::vector<std::optional<double>> values;
      const Harvest keep_values = [&](const KpiDefinition* d, KpiOutputs& outputs) {
        const size_t k = static_cast<size_t>(std::find(sub_defs.begin(), sub_defs.end(), d) - sub_defs.begin());
        if (values.size() < outputs.size() * kpis) values.resize(outputs.size() * kpis);
        for (size_t g = 0; g < outputs.size(); ++g) values[g * kpis + k] = outputs.states[g].value;
      };
      size_t taken = 0;
      GroupedRun inner = run_grouped(sub, [&]() { return taken < sub_defs.size() ? sub_defs[taken++] : nullptr; }, nullptr, &ctx, &keep_values);
      // --timings shows what the breakdown spends, KPI by KPI, under the KPI that asked for it.
      for (auto& [id, seconds] : inner.seconds) r.seconds.emplace_back(fmt::format("{}/{}", breakdown_for, id), seconds);
      KpiContext::AgentBreakdown out;
      out.cells.reserve(inner.groups->size());
      values.resize(inner.groups->size() * kpis);
      std::vector<int64_t> outer_key;
      for (size_t g = 0; g < inner.groups->size(); ++g) {
        const std::vector<int64_t>& key = inner.groups->key(static_cast<int32_t>(g));
        // The same coordinates without the added agent dimension place the row in the outer query.
        // A group the outer KPIs placed nothing in (the scorecard asked for alone) becomes a row too.
        // Each inner group is one (outer group, agent) pair: its key is the outer key and the agent.
        outer_key.assign(key.begin(), key.end());
        if (agent_pos == eq.dims.size()) outer_key.pop_back();
        out.cells.push_back({r.groups->InternKey(outer_key), static_cast<int32_t>(key[agent_pos]), g * kpis});
        for (size_t k = 0; k < kpis; ++k)  // as in a report row: a count with no records is 0
          if (sub_defs[k]->is_count && !values[g * kpis + k]) values[g * kpis + k] = 0;
      }
      out.values = std::move(values);
      std::sort(out.cells.begin(), out.cells.end(),
                [](const auto& a, const auto& b) { return std::tie(a.group, a.agent) < std::tie(b.group, b.agent); });
      return out;
    };
    KpiOutputs harvested;  // with `harvest`, every KPI's outputs in turn
    while (const KpiDefinition* d = next()) {
      KpiOutputs& outputs = harvest ? harvested : r.outputs[d->info.id];
      if (!d->compute) continue;
      ctx.drill = (sink && d->info.id == drill_kpi) ? sink : nullptr;
      breakdown_for = d->info.id;
      auto start = std::chrono::steady_clock::now();
      d->compute(ctx, outputs);
      if (harvest) {
        (*harvest)(d, outputs);
        outputs.states.clear();
      }
      r.seconds.emplace_back(d->info.id, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return r;
  };

  // Two cores: the KPIs are computed by two threads, each with its own group registry, and the
  // groups are merged by key afterwards (the same coordinates give the same key in both). Each
  // thread takes the next task (see ReportTasks) when it is done with one, so that they finish
  // together whatever the machine; which KPIs share a thread cannot change a figure (a cell no
  // record reached renders the same in any company; a property test holds every KPI to that).
  const std::vector<std::vector<const KpiDefinition*>> tasks = ReportTasks(defs);
  std::atomic<size_t> taken{0};
  struct Taking {
    size_t task = SIZE_MAX, next = 0;  // the thread's task and its next KPI in it
  };
  Taking taking[2];
  auto next_for = [&](int i) -> NextKpi {
    return [&, i]() -> const KpiDefinition* {
      Taking& t = taking[i];
      if (t.task >= tasks.size() || t.next == tasks[t.task].size()) {
        t.task = taken.fetch_add(1);
        t.next = 0;
        if (t.task >= tasks.size()) return nullptr;
      }
      return tasks[t.task][t.next++];
    };
  };
  GroupedRun runs[2];
  double busy[2] = {0, 0};
  // A duration KPI keeps at most one value per ticket, wait or call.
  const size_t most_durations = std::max({data_.tickets.size(), facts_.wait_ticket.size(), data_.calls.size()});
  auto timed = [&](int i, const NextKpi& next, DrillSink* sink) {
    auto start = std::chrono::steady_clock::now();
    GroupedDurations::ReserveForThread(most_durations);
    runs[i] = run_grouped(q, next, sink, nullptr, nullptr);
    busy[i] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  const NextKpi none = []() -> const KpiDefinition* { return nullptr; };
  if (defs.size() >= 4) {
    std::thread second([&] { timed(1, next_for(1), drill); });
    timed(0, next_for(0), drill);
    second.join();
  } else {
    timed(0, next_for(0), drill);
    timed(1, none, nullptr);
  }
  GroupRegistry merged(data_, q);
  std::vector<int32_t> local[2];
  for (int i = 0; i < 2; ++i)
    for (size_t g = 0; g < runs[i].groups->size(); ++g) {
      int32_t m = merged.InternKey(runs[i].groups->key(static_cast<int32_t>(g)));
      if (local[i].size() <= static_cast<size_t>(m)) local[i].resize(static_cast<size_t>(m) + 1, -1);
      local[i][static_cast<size_t>(m)] = static_cast<int32_t>(g);
    }

  Report report;
  report.from = query.from;
  report.to = query.to;
  report.timezone = data_.settings.zone.name();
  report.cohort = query.cohort;
  report.business_time = query.business_time;
  for (int i = 0; i < 2; ++i) report.kpi_seconds.insert(report.kpi_seconds.end(), runs[i].seconds.begin(), runs[i].seconds.end());
  if (defs.size() >= 4) report.thread_seconds = {busy[0], busy[1]};
  else report.thread_seconds = {busy[0]};
  for (int32_t g : merged.Ordered()) {
    ReportRow row;
    row.group = merged.Labels(g);
    for (const KpiDefinition* d : defs) {
      int i = runs[0].outputs.count(d->info.id) ? 0 : 1;
      KpiOutputs& outputs = runs[i].outputs[d->info.id];
      int32_t lg = static_cast<size_t>(g) < local[i].size() ? local[i][static_cast<size_t>(g)] : -1;
      KpiValue v = lg >= 0 && static_cast<size_t>(lg) < outputs.size() ? std::move(outputs.states[static_cast<size_t>(lg)]) : KpiValue();
      v.id = d->info.id;
      v.is_duration = d->info.is_duration();
      if (RendersEmpty(v, d->is_count)) v = KpiValue{.id = d->info.id, .is_duration = d->info.is_duration()};
      if (d->is_count && d->compute && !v.value) v.value = 0;
      if (!d->compute) v.reason = d->info.unavailable_reason;
      else if (!v.value && v.reason.empty()) v.reason = "no data";
      row.kpis.push_back(std::move(v));
    }
    report.rows.push_back(std::move(row));
  }
  return report;
}

}  // namespace supportlens
