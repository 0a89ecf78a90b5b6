#pragma once
// What a KPI family sees while computing: the dataset, the folded ticket facts, the query,
// the group registry and the calendar, plus the cohort and attribution rules in one place.
#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include "core/business_calendar.h"
#include "engine/accumulators.h"
#include "engine/grouping.h"
#include "engine/state_seconds.h"
#include "engine/ticket_timeline.h"
#include "kpi/shared_sums.h"
#include "kpi/ticket_columns.h"
#include "kpi/ticket_outcomes.h"

namespace supportlens {

// The instant a ticket KPI measures (its "event" under the event cohort).
enum class TicketTime : uint8_t { kCreated, kFirstReply, kFirstSolve, kFinalSolve };
// Who a ticket KPI credits.
enum class TicketAgent : uint8_t { kOwner, kFirstReplier, kFirstSolver, kFinalSolver };

// The KPI values of one KPI, one per group id.
using KpiOutputs = PerGroup<KpiValue>;

// A breakdown by agent's entry for a record in outer group `placed` (not negative) credited to
// `agent` (-1: none), among `agents` (agent ids + 1) per outer group.
inline size_t PairIndex(int32_t placed, size_t agents, int32_t agent) {
  return static_cast<size_t>(placed) * agents + static_cast<size_t>(agent + 1);
}
// A breakdown's table of pairs holds at most this many (16 MB); past it, records are placed one
// by one.
inline constexpr size_t kMaxPairs = size_t{1} << 22;
// A KPI keeps state per pair (a slot, see TicketPlacement::Slots) up to this many entries: more
// would be fresh memory costing more than the lookups it saves (by day, 366 days of agents).
inline constexpr size_t kMaxSlotState = size_t{1} << 20;
static_assert(kMaxSlotState <= kMaxPairs, "every slot has an entry in the pair table");

// The group of each ticket for one KPI (negative: not counted), read as placement[t]. Either a table of
// group ids, or, for a breakdown by agent, the outer query's table and the credited agent looked
// up in a small table of (outer group, agent) pairs: at 10M tickets that saves a 40 MB table per
// attribution, and fresh memory costs more to touch than tables cost to read.
class TicketPlacement {
 public:
  size_t size() const { return size_; }
  int32_t operator[](size_t t) const {
    if (table_) return table_[t];
    const int32_t outer = outer_[t];
    return outer < 0 ? -1 : pair_group_[PairIndex(outer, agents_, who_[t])];
  }
  // Calls fn(t, g) for each placed ticket t, in order, with its group g: one loop per form of
  // the table, where operator[] tests the form per ticket.
  template <typename F>
  void ForEachPlaced(F&& fn) const {
    if (table_) {
      for (size_t t = 0; t < size_; ++t)
        if (const int32_t g = table_[t]; g >= 0) fn(t, g);
      return;
    }
    for (size_t t = 0; t < size_; ++t) {
      const int32_t outer = outer_[t];
      if (outer < 0) continue;
      if (const int32_t g = pair_group_[PairIndex(outer, agents_, who_[t])]; g >= 0) fn(t, g);
    }
  }
  // The pair form can keep a KPI's state per (outer group, agent) pair and give each pair's
  // figures to its group after: a ticket's state then does not wait on a lookup of its pair's
  // group, its slot being read straight from the two columns. Slots(limit) is the number of
  // pairs, or 0 for the table form and past `limit` (many outer groups, as by day: the pairs'
  // state would be fresh memory, and each ticket looks up its group instead).
  size_t Slots(size_t limit) const { return table_ || pair_groups_ > limit ? 0 : pair_groups_; }
  // Ticket t's slot (pair form), negative when the outer query does not place it.
  int32_t SlotOf(size_t t) const {
    const int32_t outer = outer_[t];
    return outer < 0 ? -1 : static_cast<int32_t>(PairIndex(outer, agents_, who_[t]));
  }
  // A slot's group (negative: none).
  int32_t GroupOfSlot(size_t slot) const { return pair_group_[slot]; }
  // Adds each placed ticket's count to its group: add(t, counts) adds ticket t's share to
  // `counts`, an array of `width` counters; `per_group` holds `width` counters per group, for
  // every group the placement uses. Per slot first within kMaxSlotState counters.
  template <typename Add>
  void CountPlaced(std::vector<int64_t>& per_group, size_t width, Add&& add) const {
    const size_t slots = Slots(kMaxSlotState / width);
    if (slots == 0) {
      ForEachPlaced([&](size_t t, int32_t g) { add(t, per_group.data() + static_cast<size_t>(g) * width); });
      return;
    }
    std::vector<int64_t> per_slot(slots * width, 0);
    for (size_t t = 0; t < size_; ++t)
      if (const int32_t slot = SlotOf(t); slot >= 0) add(t, per_slot.data() + static_cast<size_t>(slot) * width);
    for (size_t slot = 0; slot < slots; ++slot)
      if (const int32_t g = pair_group_[slot]; g >= 0)
        for (size_t k = 0; k < width; ++k) per_group[static_cast<size_t>(g) * width + k] += per_slot[slot * width + k];
  }

 private:
  friend class KpiContext;
  size_t size_ = 0;
  size_t pair_groups_ = 0;  // the pair table's size
  const int32_t* table_ = nullptr;  // group per ticket; null for the lookup below
  const int32_t *outer_ = nullptr, *who_ = nullptr, *pair_group_ = nullptr;
  size_t agents_ = 0;             // agent ids + 1 (none is 0)
  std::vector<int32_t> storage_;  // the table or the pair table, when this placement owns it
};

// A KPI's outputs kept per slot of a breakdown's (outer group, agent) pairs (see
// TicketPlacement::Slots, KpiContext::CallSlots), each slot's written to its group's:
// group_of(slot) gives it. A slot without a group writes to a spare value nobody reads.
template <typename GroupOf>
class SlotOutputs {
 public:
  SlotOutputs(GroupOf group_of, PerGroup<KpiValue>& out) : group_of_(std::move(group_of)), out_(out) {}
  KpiValue& operator[](int32_t slot) {
    const int32_t g = group_of_(static_cast<size_t>(slot));
    return g >= 0 ? out_[g] : spare_;
  }

 private:
  GroupOf group_of_;
  PerGroup<KpiValue>& out_;
  KpiValue spare_;
};

// The kinds of record a figure can be drilled into.
enum class RecordKind : uint8_t { kTicket, kWait, kSurvey, kCall, kAgentState, kShift, kAgent, kCustomer, kRetention, kOffer, kSelfService, kCost };

// Receives every record a KPI counts: its group, what it is, and its contribution.
struct DrillSink {
  struct Entry {
    int32_t group;
    RecordKind kind;
    size_t index;
    std::optional<double> value;  // the measured value (a duration, a score), if any
    std::optional<bool> hit;      // whether it counts in the numerator, for rates
  };
  std::vector<Entry> entries;
};

class KpiContext {
 public:
  // `shared` holds the sums every context of one report shares (its threads, the scorecard's breakdown).
  KpiContext(const Dataset& data, const TicketFacts& facts, const EngineQuery& q, GroupRegistry& groups,
             const BusinessCalendar& calendar, SharedSums& shared)
      : data(data), facts(facts), q(q), groups(groups), calendar(calendar), shared_(shared),
        uses_agent_(q.Uses(Dim::kAgent) || q.Uses(Dim::kTeam)), uses_segment_(q.Uses(Dim::kSegment)),
        uses_channel_(q.Uses(Dim::kChannel)), uses_topic_(q.Uses(Dim::kTopic)), uses_priority_(q.Uses(Dim::kPriority)),
        uses_queue_(q.Uses(Dim::kQueue)), uses_ticket_dims_(uses_topic_ || uses_priority_ || uses_queue_ || uses_segment_) {}

  const Dataset& data;
  const TicketFacts& facts;
  const EngineQuery& q;
  GroupRegistry& groups;
  const BusinessCalendar& calendar;

  // Group of each ticket for a KPI measured at `time` and credited to `agent`; negative when the
  // ticket is outside the KPI's cohort for this window (or filtered out). Cached.
  const TicketPlacement& TicketGroups(TicketTime time, TicketAgent agent);
  // The tickets TicketGroups(time, agent) places, counted per group and outcome word in one pass
  // and kept for every KPI placed alike. Null while drilling (a KPI then lists its tickets one by
  // one) and when there are too many groups for a row of words each (a breakdown by agent): the
  // KPI then goes ticket by ticket.
  const TicketOutcomeCounts* TicketOutcomes(TicketTime time, TicketAgent agent);
  // The tickets TicketGroups(time, agent) places, counted per group, topic, channel and complaint
  // flag in one pass, kept as the outcome counts are. Null while drilling, past 4 MB of counts,
  // and when a ticket's topic or channel is past its dictionary: a KPI then goes ticket by ticket.
  const TicketColumnCounts* TicketColumns(TicketTime time, TicketAgent agent);
  // Ticket counts per group made ticket by ticket for a placement and rule, kept for the next KPI
  // counting the same tickets (a scorecard's resolved tickets and tickets per agent hour).
  using TicketCountKey = std::tuple<const TicketPlacement*, uint16_t, uint16_t>;  // placement, rule mask, value
  std::map<TicketCountKey, PerGroup<int64_t>> ticket_counts;
  // The group of a fact about ticket t placed at `time` and credited to `agent`: a lookup in a
  // per-ticket table when the grouping does not depend on the agent and the fact is placed at
  // the ticket's creation (or the grouping has no time bucket).
  int32_t TicketFactGroup(size_t t, int64_t time, int32_t agent) {
    // Once the window's table is complete, a fact at a window ticket's creation reads it inline.
    if (created_complete_ && !uses_agent_ && time == data.tickets.created_at[t] && q.InWindow(time)) return created_[t];
    return PlaceTicketFact(t, time, agent);
  }
  // Under the created cohort without agent or team, once some KPI has placed the window's
  // tickets: the group of every ticket's facts placed at its creation (negative: none), else null.
  const int32_t* CreatedGroupsIfPlaced() const {
    return q.cohort == Cohort::kCreated && !uses_agent_ && created_complete_ ? created_ : nullptr;
  }
  // The table of every ticket's group placed at its creation without agent, made once for a
  // report's threads (see PlaceCreatedForThreads), when this context's registry is a copy of the
  // one it was made with: this context reads it as the table it would make itself.
  void AdoptCreatedGroups(const int32_t* table) {
    created_ = table;
    created_complete_ = true;
    adopted_groups_ = groups.size();
  }
  // That table, for a query under which every context would make it (created cohort, no agent or
  // team), made on two threads with its groups created in `seed`. Null for any other query, and
  // when its dimensions are not all ticket columns and the time bucket in a dense table.
  static std::unique_ptr<int32_t[]> PlaceCreatedForThreads(const Dataset& data, const EngineQuery& q, GroupRegistry& seed);
  // Whether ticket t counts under the cohort rule for a fact at `time`.
  bool InTicketCohort(size_t t, int64_t time) const {
    if (!q.InWindow(time)) return false;
    return q.cohort != Cohort::kClosedInWindow || q.InWindow(facts.final_solve_at[t]);
  }
  // SLA targets of a ticket in seconds, kNoSlaTarget where its priority and channel have none.
  static constexpr int64_t kNoSlaTarget = std::numeric_limits<int64_t>::min();
  struct SlaTargetSeconds {
    int64_t first_reply, resolution;
  };
  // The targets by priority and channel, worked out once: a view a loop over every ticket of the
  // window holds (SLA compliance), where a call per ticket would reload the table each time.
  struct SlaTable {
    const SlaTargetSeconds* targets;
    size_t channels;  // channel ids + 1
    const SlaTargetSeconds& Of(int32_t priority, int32_t channel) const {
      return targets[static_cast<size_t>(priority + 1) * channels + static_cast<size_t>(channel + 1)];
    }
  };
  SlaTable SlaTargetTable() {
    if (sla_.empty()) BuildSlaTargets();
    return {sla_.data(), sla_channels_};
  }
  // Ticket t's targets.
  const SlaTargetSeconds& SlaTargets(size_t t) { return SlaTargetTable().Of(data.tickets.priority[t], data.tickets.channel[t]); }
  // The instant that places ticket t in a window for a KPI measured at `time` (cohort rule).
  int64_t CohortInstant(size_t t, TicketTime time) const;
  Coord TicketCoord(size_t t, int64_t time, int32_t agent) const;
  // A customer's segment when the query groups or filters by it, else -1: the lookup is a
  // random access per fact that no other grouping needs.
  int32_t SegmentOf(int32_t customer) const { return uses_segment_ ? data.CustomerSegment(customer) : -1; }

  // Calendar or business seconds between two instants, per the query.
  double Duration(int64_t a, int64_t b) const {
    return static_cast<double>(q.business_time ? calendar.BusinessSeconds(a, b) : b - a);
  }
  // The assignee of a ticket at an instant (attribution "at the time of the event").
  int32_t AssigneeAt(size_t ticket, int64_t instant) const;

  // Survey placement: ticket surveys follow the ticket's cohort (created and closed-in-window rules),
  // others their answer time; credited to the survey's agent, else the ticket's assignee then.
  // Under the created cohort without agent, team or segment, once the window's tickets are
  // placed, a ticket survey's group is its ticket's: read inline (a survey KPI asks once per
  // survey, and the call and the cohort tests cost more than the read).
  [[gnu::always_inline]] int32_t SurveyGroup(size_t s) {
    if (!outer && created_complete_ && q.cohort == Cohort::kCreated && !uses_agent_ && !uses_segment_) [[likely]]
      if (const int32_t t = data.surveys.ticket[s]; t >= 0) return std::max(created_[t], -1);  // kUnplaced: outside the window
    return SurveyGroupSlow(s);
  }
  Coord CallCoord(size_t c) const;
  // The group of call c (GroupOf its CallCoord), computed on first use and kept: every call KPI
  // places the same calls, and the coordinate can cost a random access into the tickets. A
  // breakdown by agent reads the outer query's instead (see CallGroupByOuter).
  // The kept group's read is inline: every call KPI asks once or twice per call record, and a
  // function call per visit cost more than the read.
  [[gnu::always_inline]] int32_t CallGroup(size_t c) {
    if (!outer && c < call_groups_.size()) [[likely]]
      if (const int32_t g = call_groups_[c]; g != kUnplaced) return g;
    return CallGroupSlow(c);
  }
  // A breakdown by agent of a query without agent or team places a call by its group in the
  // outer query and its agent (see CallGroupByOuter). Once the outer query has placed every call
  // of the window in one loop, a call KPI can keep its state per such pair, a slot, read straight
  // from the outer table and the call's agent, and give each slot's figures to its pair's group
  // after (as TicketPlacement::Slots for tickets). The number of slots; 0 when calls are not
  // placed that way, while drilling, or past kMaxSlotState.
  size_t CallSlots();
  // Call c's slot (see CallSlots), negative when the outer query does not place it.
  int32_t CallSlotOf(size_t c) {
    const int32_t placed = outer->CallGroup(c);
    return placed < 0 ? -1 : static_cast<int32_t>(PairIndex(placed, PairAgents(), data.calls.agent[c]));
  }
  // The group of a slot, from one of its calls.
  int32_t CallSlotGroup(size_t slot, size_t c) { return CallPairGroup(static_cast<int32_t>(slot / PairAgents()), c); }
  // Places every call of the window in one loop when the report's KPIs allow it (see
  // places_every_call) and the query's dimensions are the calls' columns; whether it has.
  bool PlaceEveryCall();
  const std::vector<Period>& Periods() { return groups.Periods(); }
  // Calls fn(group, seconds) for each period overlapping [start, end), for a fact placed by an
  // agent alone (states, shifts): found by binary search, grouped through a cached table.
  template <typename F>
  void ForEachAgentSlice(int32_t agent, int64_t start, int64_t end, F&& fn) {
    const auto& ps = Periods();
    size_t first = 0;
    auto it = ps.begin() + static_cast<std::ptrdiff_t>(PeriodEndingAfter(ps, start, first));
    for (; it != ps.end() && it->start < end; ++it) {
      int64_t a = std::max(start, it->start), b = std::min(end, it->end);
      if (b <= a) continue;
      int32_t g = PeriodGroup(agent_groups_, agent, static_cast<size_t>(it - ps.begin()), [&](Coord& c) { c.agent = agent; });
      if (g >= 0) fn(g, b - a);
    }
  }
  // The group of a fact placed by an agent alone in period p (the state sums below).
  int32_t AgentPeriodGroup(int32_t agent, size_t p) {
    return PeriodGroup(agent_groups_, agent, p, [&](Coord& c) { c.agent = agent; });
  }
  // Agent state seconds per agent and period, shared by the report's contexts; nullptr when a
  // KPI must go record by record (drilling into it, or too many agents x periods).
  const StateSeconds* AgentStateSeconds() {
    if (drill) return nullptr;
    return shared_.Once<std::unique_ptr<StateSeconds>>("agent_state_seconds", [&] { return StateSeconds::Sum(data.states, facts.state_days, Periods()); }).get();
  }
  // A sum every context of this report shares (see SharedSums): compute() runs once.
  template <typename T, typename Compute>
  const T& Shared(const std::string& key, Compute&& compute) { return shared_.Once<T>(key, std::forward<Compute>(compute)); }
  // The index of the period holding `at`, an instant of the window (`hint` as PeriodEndingAfter's).
  size_t PeriodOf(int64_t at, size_t& hint) { return PeriodEndingAfter(Periods(), at, hint); }
  // The group of a fact placed by a customer segment alone in period p (customer populations).
  int32_t SegmentPeriodGroup(int32_t segment, size_t p) {
    return PeriodGroup(segment_groups_, segment, p, [&](Coord& c) { c.segment = segment; });
  }
  // Whether the query groups or filters by agent or team (attribution then costs a lookup).
  bool UsesAgent() const { return uses_agent_; }

  void Drill(int32_t g, RecordKind kind, size_t index, std::optional<double> value = std::nullopt,
             std::optional<bool> hit = std::nullopt) {
    if (drill) drill->entries.push_back({g, kind, index, value, hit});
  }
  DrillSink* drill = nullptr;
  // Some KPI of the report places every call offered in the window (offered calls): any KPI asking
  // for a call's group may then place them all at once, as no call creates a group the report
  // would not have anyway.
  bool places_every_call = false;
  // Only each group's value is read of what this context's KPIs compute (a scorecard's breakdown
  // by agent): a KPI may leave the other figures out where they cost work of their own.
  bool values_only = false;

  // Runs other KPIs with the same query grouped additionally by agent (for scorecards): a cell
  // per (group of this query, agent) that any of them placed a record in, ordered by group then
  // agent, with each KPI's value (as a report row shows it: a count with no records is 0) in the
  // order of the KPI ids asked for. Only the values are kept, in one flat array: at 10M tickets
  // there are tens of thousands of cells.
  struct AgentBreakdown {
    struct Cell {
      int32_t group, agent;
      size_t first;  // the index of its first value in `values`
    };
    std::vector<Cell> cells;
    std::vector<std::optional<double>> values;
    const std::optional<double>& Value(const Cell& cell, size_t kpi) const { return values[cell.first + kpi]; }
  };
  std::function<AgentBreakdown(const std::vector<std::string>&)> agent_breakdown;
  // For such a breakdown, the context of the query it breaks down (same window, cohort and
  // filters, one dimension fewer): its ticket placement is reused.
  KpiContext* outer = nullptr;

 private:
  SharedSums& shared_;
  const bool uses_agent_, uses_segment_;
  // Which of a ticket's columns its coordinate needs: each is a random access for the facts
  // placed through their ticket (calls, offers, surveys), and a group reads only its dimensions.
  const bool uses_channel_, uses_topic_, uses_priority_, uses_queue_;
  const bool uses_ticket_dims_;  // a call's coordinate needs its ticket's topic, priority, queue or segment
  std::vector<int32_t> call_groups_;  // per call, kUnplaced until asked
  [[gnu::noinline]] int32_t CallGroupSlow(size_t c);  // CallGroup but for a kept group
  [[gnu::noinline]] int32_t SurveyGroupSlow(size_t s);  // SurveyGroup but for a ticket's group read inline
  // A breakdown's group of call c from the outer query's and the call's agent; kUnplaced when
  // the pair table would be too large.
  int32_t CallGroupByOuter(size_t c);
  std::vector<int32_t> call_pairs_;  // a breakdown's call groups by (outer group, agent + 1), kUnplaced until seen
  bool every_call_placed_ = false;   // call_groups_ holds every window call's group
  // The group of call c in outer group `placed` (see CallGroupByOuter), worked out once per pair;
  // kUnplaced past the pair table's size.
  int32_t CallPairGroup(int32_t placed, size_t c);
  // Agents per outer group in a breakdown's pairs: agent ids + 1, so that none (-1) is 0.
  size_t PairAgents() const { return data.dict.agent.size() + 1; }
  std::vector<int32_t> survey_pairs_;  // the same for surveys
  // A breakdown's entry in `pairs` for a record in outer group `placed` credited to `agent` (the
  // table grown as needed, kUnplaced until set); null when the table would pass 16 MB.
  int32_t* PairSlot(std::vector<int32_t>& pairs, int32_t placed, int32_t agent);
  // SurveyGroup for survey s credited to `agent`, from its coordinate.
  int32_t SurveyGroupOf(size_t s, int32_t agent);
  std::map<int, TicketPlacement> ticket_groups_;
  std::map<const TicketPlacement*, TicketOutcomeCounts> ticket_outcomes_;  // by placement (map nodes stay put)
  std::map<const TicketPlacement*, std::optional<TicketColumnCounts>> ticket_columns_;  // the same; none when unusable
  // Counts of one placement's tickets per group, made by count(groups) in one pass and kept for
  // every KPI asking again: once for the report when the placement is the adopted table of
  // created tickets (its groups are every thread's), else in `kept` for this context. Once
  // placed, every group of the placement exists (fewer than the registry may hold by now). Null
  // past `max_cells` counts, `per_group` a group: counting ticket by ticket then touches less memory.
  template <typename T, typename Count>
  const T* KeptCounts(const TicketPlacement& placement, const char* shared_key, std::map<const TicketPlacement*, T>& kept, size_t per_group,
                      size_t max_cells, Count&& count) {
    const bool adopted = adopted_groups_ > 0 && placement.table_ == created_;
    const size_t n_groups = adopted ? adopted_groups_ : groups.size();
    if (n_groups * per_group > max_cells) return nullptr;
    if (adopted) return &Shared<T>(shared_key, [&] { return count(n_groups); });
    auto [it, fresh] = kept.try_emplace(&placement);
    if (fresh) it->second = count(n_groups);
    return &it->second;
  }
  int32_t PlaceTicketFact(size_t t, int64_t time, int32_t agent);  // TicketFactGroup's general case
  // TicketGroups of a breakdown by agent from the outer query's placement: false when that
  // cannot be done (see the definition).
  bool TicketGroupsFromOuter(TicketTime time, const Column<int32_t>& who, TicketPlacement& out);
  static constexpr int32_t kUnplaced = -3;
  // Per ticket: its group without agent, placed at its creation, for the tickets created in the
  // window (kUnplaced for the others, and until asked: a ticket no KPI places must not create a
  // group). Completed for the window, it is TicketGroups' table under the created cohort when
  // agent and team are not used, so the two are one table.
  const int32_t* CreatedGroups();
  // Ticket t's group placed at its creation without agent, kept in `table` (sized on first use).
  int32_t CreatedGroup(std::vector<int32_t>& table, size_t t) {
    if (table.empty()) table.assign(data.tickets.size(), kUnplaced);
    int32_t& g = table[t];
    if (g == kUnplaced) g = groups.GroupOf(TicketCoord(t, data.tickets.created_at[t], -1));
    return g;
  }
  std::vector<int32_t> created_groups_;
  bool created_complete_ = false;
  const int32_t* created_ = nullptr;  // once complete: created_groups_, or the report's adopted table
  size_t adopted_groups_ = 0;         // with an adopted table: the groups of the registry it came with
  std::vector<int32_t> static_groups_;  // the same for tickets outside the window, filled as asked
  std::vector<SlaTargetSeconds> sla_;  // [priority+1][channel+1]
  size_t sla_channels_ = 0;  // channel ids + 1
  void BuildSlaTargets();
  // Groups of facts placed by one dimension value and a period: [(value + 1) * periods + p].
  template <typename Set>
  int32_t PeriodGroup(std::vector<int32_t>& table, int32_t value, size_t p, Set&& set) {
    const size_t periods = Periods().size();
    const size_t slot = static_cast<size_t>(value + 1) * periods + p;
    if (slot >= table.size()) table.resize(slot + periods, kUnplaced);
    if (table[slot] == kUnplaced) {
      Coord c;
      set(c);
      c.time = Periods()[p].start;
      table[slot] = groups.GroupOf(c);
    }
    return table[slot];
  }
  std::vector<int32_t> agent_groups_, segment_groups_;
};

}  // namespace supportlens
