#include "engine/dataset.h"

#include <algorithm>
#include <numeric>
#include <thread>

namespace supportlens {
namespace {

using S = SqliteStore;

int64_t TimeOr(sqlite3_stmt* s, int i) { return S::ColumnIsNull(s, i) ? kNoTime : S::ColumnInt(s, i); }
double NumberOr(sqlite3_stmt* s, int i, double fallback) { return S::ColumnIsNull(s, i) ? fallback : S::ColumnReal(s, i); }

template <typename E>
E EnumOf(std::string_view v, std::initializer_list<std::string_view> names, E fallback) {
  uint8_t i = 0;
  for (auto n : names) {
    if (n == v) return static_cast<E>(i);
    ++i;
  }
  return fallback;
}

// The agents one part of the load met, numbered densely in order of first appearance. The
// events are read beside the other tables; each part keeps its own numbers, and the merge gives
// them dataset ids in the order one reader going table by table would have met them, so no id
// depends on the threads.
class AgentRefs {
 public:
  int32_t Of(std::string_view id) {
    if (id.empty()) return Dictionary::kNone;
    // Consecutive rows often name the same agent (one ticket's messages, one agent's states).
    if (id == last_key_) return last_ref_;
    last_key_.assign(id);
    return last_ref_ = ids_.Intern(id);
  }
  void MarkBot(int32_t ref) {
    if (static_cast<size_t>(ref) >= bot_.size()) bot_.resize(static_cast<size_t>(ref) + 1, 0);
    bot_[static_cast<size_t>(ref)] = 1;
  }
  const Dictionary& ids() const { return ids_; }
  bool bot(size_t ref) const { return ref < bot_.size() && bot_[ref]; }

 private:
  Dictionary ids_;
  std::vector<uint8_t> bot_;
  std::string last_key_;
  int32_t last_ref_ = Dictionary::kNone;
};

// The events as read: agent references local to the read, and each event's ticket as an index
// into the runs of equal ticket ids (exports list a ticket's events together), resolved to
// ticket ids once the tickets are loaded.
struct EventRead {
  EventTable raw;
  std::vector<int32_t> ticket_run;  // -1 without a ticket id
  StringColumn runs;
  AgentRefs agents;
};

class Loader {
 public:
  // With `incremental`, `d` already holds a load and only rows after its last_rowid are added.
  Loader(SqliteStore& store, int64_t ws, Dataset& d, bool incremental)
      : store_(store), ws_(ws), d_(d), incremental_(incremental), any_time_(incremental && (d.max_time != d.min_time || d.tickets.size() > 0)) {
    d_.last_rowid.resize(AllEntities().size(), 0);
  }

  // Agent references of the tables read beside the events go to `lane_` (merged afterwards).
  int32_t Agent(std::string_view id) { return lane_ ? lane_->Of(id) : DatasetAgent(id); }
  int32_t DatasetAgent(std::string_view id) {
    int32_t a = d_.dict.agent.Intern(id);
    if (a >= 0 && static_cast<size_t>(a) >= d_.agents.team.size()) {
      auto& t = d_.agents;
      t.team.push_back(-1);
      t.is_bot.push_back(0);
      t.hired_on.push_back(kNoTime);
      t.left_on.push_back(kNoTime);
      t.left_voluntarily.push_back(0);
      t.hourly_cost.push_back(kNoNumber);
      t.in_directory.push_back(0);
    }
    return a;
  }
  int32_t Customer(std::string_view id) {
    int32_t c = d_.dict.customer.Intern(id);
    if (c >= 0 && static_cast<size_t>(c) >= d_.customers.segment.size()) {
      auto& t = d_.customers;
      t.segment.push_back(-1);
      t.acquired_on.push_back(kNoTime);
      t.churned_on.push_back(kNoTime);
      t.revenue.push_back(kNoNumber);
      t.in_directory.push_back(0);
    }
    return c;
  }
  int32_t Ticket(std::string_view id) { return id.empty() ? -1 : d_.dict.ticket.Find(id); }
  void Span(int64_t t) {
    if (t == kNoTime) return;
    if (!any_time_) { d_.min_time = d_.max_time = t; any_time_ = true; }
    d_.min_time = std::min(d_.min_time, t);
    d_.max_time = std::max(d_.max_time, t);
  }
  Status Scan(const char* entity, const std::vector<std::string>& cols, const std::function<void(sqlite3_stmt*)>& f) {
    return ScanOn(store_, entity, cols, f);
  }
  Status ScanOn(SqliteStore& store, const char* entity, const std::vector<std::string>& cols,
                const std::function<void(sqlite3_stmt*)>& f) {
    const EntitySpec* spec = FindEntity(entity);
    int64_t& last = d_.last_rowid[static_cast<size_t>(spec - AllEntities().data())];
    return store.Scan(ws_, *spec, cols, f, last, &last);
  }
  // Makes room in `columns` for every row of `entity` a scan from this load's start can return,
  // so that they never grow by copying (and touching memory afresh) while the rows arrive. The
  // bound counts other workspaces' rows too; room not filled is never touched. Without new rows
  // the columns are left alone: a refresh's columns that view the snapshot stay views.
  template <typename... Columns>
  Status Reserve(SqliteStore& store, const char* entity, Columns&... columns) {
    const EntitySpec* spec = FindEntity(entity);
    SL_ASSIGN_OR_RETURN(int64_t rows, store.RowsAfter(*spec, d_.last_rowid[static_cast<size_t>(spec - AllEntities().data())]));
    if (rows > 0) (columns.reserve(columns.size() + static_cast<size_t>(rows)), ...);
    return Status::Ok();
  }

  Status Run() {
    SL_RETURN_IF_ERROR(store_.SetOnePassReads(true));
    Status read = ReadAll();
    Status restored = store_.SetOnePassReads(false);
    SL_RETURN_IF_ERROR(read);
    return restored;
  }

  Status ReadAll() {
    SL_RETURN_IF_ERROR(Scan("agents", {"agent_id", "team", "kind", "hired_on", "left_on", "left_voluntarily", "hourly_cost"},
                            [&](sqlite3_stmt* s) {
                              size_t a = static_cast<size_t>(Agent(S::ColumnText(s, 0)));
                              auto& t = d_.agents;
                              t.team[a] = d_.dict.team.Intern(S::ColumnText(s, 1));
                              t.is_bot[a] = S::ColumnText(s, 2) == "bot";
                              t.hired_on[a] = TimeOr(s, 3);
                              t.left_on[a] = TimeOr(s, 4);
                              t.left_voluntarily[a] = !S::ColumnIsNull(s, 5) && S::ColumnInt(s, 5);
                              t.hourly_cost[a] = NumberOr(s, 6, kNoNumber);
                              t.in_directory[a] = 1;
                            }));
    SL_RETURN_IF_ERROR(Scan("customers", {"customer_id", "segment", "acquired_on", "churned_on", "recurring_revenue"},
                            [&](sqlite3_stmt* s) {
                              size_t c = static_cast<size_t>(Customer(S::ColumnText(s, 0)));
                              auto& t = d_.customers;
                              t.segment[c] = d_.dict.segment.Intern(S::ColumnText(s, 1));
                              t.acquired_on[c] = TimeOr(s, 2);
                              t.churned_on[c] = TimeOr(s, 3);
                              t.revenue[c] = NumberOr(s, 4, kNoNumber);
                              t.in_directory[c] = 1;
                            }));
    // The events, the largest table, are read on a second connection to the same commit while
    // this one reads the other tables (on this connection afterwards when there is none).
    // A second connection that cannot be had only costs time.
    auto second = store_.ReaderOfSameCommit(ws_);
    std::unique_ptr<SqliteStore> events_store = second.ok() ? std::move(*second) : nullptr;
    EventRead events;
    Status events_read;
    std::thread events_reader;
    if (events_store) events_reader = std::thread([&] { events_read = ReadEvents(*events_store, events); });
    AgentRefs other_agents;
    lane_ = &other_agents;
    Status others_read = ReadTablesBesideEvents();
    lane_ = nullptr;
    if (events_reader.joinable()) events_reader.join();
    else if (others_read.ok()) events_read = ReadEvents(store_, events);
    SL_RETURN_IF_ERROR(others_read);
    SL_RETURN_IF_ERROR(events_read);
    // Dataset ids in the order of a table-by-table read: the agents directory (read above), then
    // the events, then the other tables.
    const std::vector<int32_t> event_agent = MergeAgents(events.agents);
    const std::vector<int32_t> other_agent = MergeAgents(other_agents);
    for (auto& [column, from] : other_agent_columns_) Remap(*column, from, other_agent);
    PlaceEvents(std::move(events), event_agent);
    // Survey agents and call agents may be absent from the directory; make sure every
    // customer referenced has a row (Customer() already did), then span the customer dates.
    for (auto v : d_.customers.acquired_on) if (v != kNoTime) Span(v * 86400);
    for (auto v : d_.customers.churned_on) if (v != kNoTime) Span(v * 86400);
    for (auto v : d_.costs.start_day) Span(v * 86400);
    for (auto v : d_.costs.end_day) Span(v * 86400 + 86400);
    return Status::Ok();
  }

  // Every table but the events (and the agents and customers before them); agent references
  // go to the lane.
  Status ReadTablesBesideEvents() {
    // The columns that take the lane's agent references, from their first row of this load.
    other_agent_columns_ = {{&d_.calls.agent, d_.calls.agent.size()},     {&d_.surveys.agent, d_.surveys.agent.size()},
                            {&d_.states.agent, d_.states.agent.size()},   {&d_.shifts.agent, d_.shifts.agent.size()},
                            {&d_.offers.agent, d_.offers.agent.size()}};
    auto& tk = d_.tickets;
    SL_RETURN_IF_ERROR(Reserve(store_, "tickets", tk.created_at, tk.channel, tk.customer, tk.priority, tk.topic, tk.queue, tk.is_complaint));
    SL_RETURN_IF_ERROR(Scan("tickets", {"ticket_id", "created_at", "channel", "customer_id", "priority", "topic", "queue", "is_complaint"},
                            [&](sqlite3_stmt* s) {
                              // Ticket i has id i: the store keeps a workspace's ticket ids unique.
                              d_.dict.ticket.AppendNew(S::ColumnText(s, 0));
                              tk.created_at.push_back(S::ColumnInt(s, 1));
                              Span(tk.created_at.back());
                              tk.channel.push_back(d_.dict.channel.Intern(S::ColumnText(s, 2)));
                              tk.customer.push_back(Customer(S::ColumnText(s, 3)));
                              tk.priority.push_back(d_.dict.priority.Intern(S::ColumnText(s, 4)));
                              tk.topic.push_back(d_.dict.topic.Intern(S::ColumnText(s, 5)));
                              tk.queue.push_back(d_.dict.queue.Intern(S::ColumnText(s, 6)));
                              tk.is_complaint.push_back(!S::ColumnIsNull(s, 7) && S::ColumnInt(s, 7));
                            }));
    auto& c = d_.calls;
    SL_RETURN_IF_ERROR(Scan("calls", {"offered_at", "answered_at", "abandoned_at", "ended_at", "talk_s", "hold_s", "acw_s", "channel",
                                      "queue", "customer_id", "ticket_id", "agent_id", "transferred", "call_id"},
                            [&](sqlite3_stmt* s) {
                              c.offered_at.push_back(S::ColumnInt(s, 0));
                              Span(c.offered_at.back());
                              c.answered_at.push_back(TimeOr(s, 1));
                              c.abandoned_at.push_back(TimeOr(s, 2));
                              c.ended_at.push_back(TimeOr(s, 3));
                              Span(c.ended_at.back());
                              c.talk_s.push_back(NumberOr(s, 4, kNoNumber));
                              c.hold_s.push_back(NumberOr(s, 5, kNoNumber));
                              c.acw_s.push_back(NumberOr(s, 6, kNoNumber));
                              c.channel.push_back(d_.dict.channel.Intern(S::ColumnText(s, 7)));
                              c.queue.push_back(d_.dict.queue.Intern(S::ColumnText(s, 8)));
                              c.customer.push_back(Customer(S::ColumnText(s, 9)));
                              c.ticket.push_back(Ticket(S::ColumnText(s, 10)));
                              c.agent.push_back(Agent(S::ColumnText(s, 11)));
                              c.transferred.push_back(!S::ColumnIsNull(s, 12) && S::ColumnInt(s, 12));
                              c.id.push_back(S::ColumnText(s, 13));
                            }));
    auto& sv = d_.surveys;
    SL_RETURN_IF_ERROR(Scan("surveys", {"kind", "score", "scale_min", "scale_max", "answered_at", "ticket_id", "customer_id", "agent_id",
                                        "response_id"},
                            [&](sqlite3_stmt* s) {
                              sv.kind.push_back(EnumOf<SurveyKind>(S::ColumnText(s, 0), {"csat", "nps", "ces", "esat"}, SurveyKind::kCsat));
                              sv.score.push_back(S::ColumnReal(s, 1));
                              sv.scale_min.push_back(S::ColumnReal(s, 2));
                              sv.scale_max.push_back(S::ColumnReal(s, 3));
                              sv.answered_at.push_back(S::ColumnInt(s, 4));
                              Span(sv.answered_at.back());
                              sv.ticket.push_back(Ticket(S::ColumnText(s, 5)));
                              sv.customer.push_back(Customer(S::ColumnText(s, 6)));
                              sv.agent.push_back(Agent(S::ColumnText(s, 7)));
                              sv.response_id.push_back(S::ColumnText(s, 8));
                            }));
    auto interval = [&](IntervalTable& t, bool with_state) {
      return [&t, with_state, this](sqlite3_stmt* s) {
        t.agent.push_back(Agent(S::ColumnText(s, 0)));
        t.start.push_back(S::ColumnInt(s, 1));
        t.end.push_back(S::ColumnInt(s, 2));
        Span(t.start.back());
        Span(t.end.back());
        t.state.push_back(with_state ? EnumOf<AgentState>(S::ColumnText(s, 3),
                                                          {"available", "handling", "after_call_work", "break", "meeting",
                                                           "training", "logged_out"},
                                                          AgentState::kLoggedOut)
                                     : AgentState::kAvailable);
      };
    };
    SL_RETURN_IF_ERROR(Reserve(store_, "agent_states", d_.states.agent, d_.states.state, d_.states.start, d_.states.end));
    SL_RETURN_IF_ERROR(Scan("agent_states", {"agent_id", "start", "end", "state"}, interval(d_.states, true)));
    SL_RETURN_IF_ERROR(Scan("shifts", {"agent_id", "start", "end"}, interval(d_.shifts, false)));
    SL_RETURN_IF_ERROR(Scan("retention_requests", {"customer_id", "requested_at", "outcome", "request_id"}, [&](sqlite3_stmt* s) {
      d_.retention.id.push_back(S::ColumnText(s, 3));
      d_.retention.customer.push_back(Customer(S::ColumnText(s, 0)));
      d_.retention.requested_at.push_back(S::ColumnInt(s, 1));
      Span(d_.retention.requested_at.back());
      d_.retention.outcome.push_back(static_cast<uint8_t>(EnumOf<int>(S::ColumnText(s, 2), {"saved", "cancelled", "pending"}, 2)));
    }));
    SL_RETURN_IF_ERROR(Scan("offers", {"offered_at", "accepted", "value", "ticket_id", "agent_id", "customer_id", "offer_id"}, [&](sqlite3_stmt* s) {
      auto& o = d_.offers;
      o.id.push_back(S::ColumnText(s, 6));
      o.offered_at.push_back(S::ColumnInt(s, 0));
      Span(o.offered_at.back());
      o.accepted.push_back(S::ColumnInt(s, 1) != 0);
      o.value.push_back(NumberOr(s, 2, 0));
      o.ticket.push_back(Ticket(S::ColumnText(s, 3)));
      o.agent.push_back(Agent(S::ColumnText(s, 4)));
      o.customer.push_back(Customer(S::ColumnText(s, 5)));
    }));
    SL_RETURN_IF_ERROR(Scan("self_service", {"started_at", "resolved_without_agent", "customer_id", "handed_off_ticket_id", "session_id"},
                            [&](sqlite3_stmt* s) {
                              auto& x = d_.self_service;
                              x.id.push_back(S::ColumnText(s, 4));
                              x.started_at.push_back(S::ColumnInt(s, 0));
                              Span(x.started_at.back());
                              x.resolved.push_back(S::ColumnInt(s, 1) != 0);
                              x.customer.push_back(Customer(S::ColumnText(s, 2)));
                              x.handed_off_ticket.push_back(Ticket(S::ColumnText(s, 3)));
                            }));
    SL_RETURN_IF_ERROR(Scan("costs", {"period_start", "period_end", "amount", "channel"}, [&](sqlite3_stmt* s) {
      auto& x = d_.costs;
      x.start_day.push_back(S::ColumnInt(s, 0));
      x.end_day.push_back(S::ColumnInt(s, 1));
      x.amount.push_back(S::ColumnReal(s, 2));
      x.channel.push_back(d_.dict.channel.Intern(S::ColumnText(s, 3)));
    }));
    return Status::Ok();
  }

  // Gives the agents of one part of the load dataset ids; returns them by the part's references.
  std::vector<int32_t> MergeAgents(const AgentRefs& refs) {
    std::vector<int32_t> ids(refs.ids().size());
    for (size_t r = 0; r < ids.size(); ++r) {
      ids[r] = DatasetAgent(refs.ids().at(static_cast<int32_t>(r)));
      if (refs.bot(r)) d_.agents.is_bot[static_cast<size_t>(ids[r])] = 1;
    }
    return ids;
  }
  static void Remap(Column<int32_t>& column, size_t from, const std::vector<int32_t>& ids) {
    int32_t* v = column.mutable_data();
    for (size_t i = from; i < column.size(); ++i)
      if (v[i] >= 0) v[i] = ids[static_cast<size_t>(v[i])];
  }

  // Reads the events after the last load's; touches nothing of the dataset but their last rowid,
  // so that it can run beside ReadTablesBesideEvents().
  Status ReadEvents(SqliteStore& store, EventRead& out) {
    auto& raw = out.raw;
    SL_RETURN_IF_ERROR(Reserve(store, "events", raw.at, raw.type, raw.actor_kind, raw.is_public, raw.status, raw.actor, raw.assignee,
                               raw.sentiment, out.ticket_run));
    return ScanOn(store, "events", {"ticket_id", "at", "type", "actor_kind", "actor_id", "public", "status", "assignee_id", "sentiment"},
                  [&](sqlite3_stmt* s) {
                    const std::string_view ticket = S::ColumnText(s, 0);
                    if (ticket.empty()) {
                      out.ticket_run.push_back(-1);
                    } else {
                      if (out.runs.empty() || out.runs[out.runs.size() - 1] != ticket) out.runs.push_back(ticket);
                      out.ticket_run.push_back(static_cast<int32_t>(out.runs.size() - 1));
                    }
                    raw.at.push_back(S::ColumnInt(s, 1));
                    raw.type.push_back(EnumOf<EventType>(S::ColumnText(s, 2), {"message", "status", "assign", "escalate", "transfer", "merge"},
                                                         EventType::kMerge));
                    raw.actor_kind.push_back(
                        EnumOf<ActorKind>(S::ColumnText(s, 3), {"", "customer", "agent", "bot", "system"}, ActorKind::kNone));
                    ActorKind k = raw.actor_kind.back();
                    raw.actor.push_back(k == ActorKind::kAgent || k == ActorKind::kBot ? out.agents.Of(S::ColumnText(s, 4)) : -1);
                    if (k == ActorKind::kBot && raw.actor.back() >= 0) out.agents.MarkBot(raw.actor.back());
                    raw.is_public.push_back(S::ColumnIsNull(s, 5) || S::ColumnInt(s, 5) != 0);
                    raw.status.push_back(EnumOf<TicketStatus>(S::ColumnText(s, 6), {"", "new", "open", "pending", "on_hold", "solved", "closed"},
                                                              TicketStatus::kNone));
                    raw.assignee.push_back(out.agents.Of(S::ColumnText(s, 7)));
                    raw.sentiment.push_back(S::ColumnIsNull(s, 8) ? kNoSentiment
                                                                  : static_cast<int16_t>(std::llround(S::ColumnReal(s, 8) * 10000)));
                  });
  }

  // Gives the events read their dataset ids, then orders them ticket by ticket: in store order,
  // grouped by ticket (counting sort, stable), each ticket's events by time.
  void PlaceEvents(EventRead read, const std::vector<int32_t>& agent_ids) {
    std::vector<int32_t> run_ticket(read.runs.size());
    for (size_t r = 0; r < run_ticket.size(); ++r) run_ticket[r] = d_.dict.ticket.Find(read.runs[r]);
    read.runs = StringColumn();
    std::vector<int32_t> ticket_of = std::move(read.ticket_run);
    for (int32_t& t : ticket_of) if (t >= 0) t = run_ticket[static_cast<size_t>(t)];
    run_ticket = {};
    Remap(read.raw.actor, 0, agent_ids);
    Remap(read.raw.assignee, 0, agent_ids);
    EventTable raw;
    if (incremental_) {
      // The loaded events first (already ticket by ticket in time order): new ones sort in after
      // them, as they would after the rows stored before them in a full load.
      raw = d_.events;
      const auto& begin = d_.tickets.event_begin;
      std::vector<int32_t> loaded_ticket_of;
      loaded_ticket_of.reserve(raw.size() + ticket_of.size());
      for (size_t t = 0; t + 1 < begin.size(); ++t) loaded_ticket_of.insert(loaded_ticket_of.end(), begin[t + 1] - begin[t], static_cast<int32_t>(t));
      loaded_ticket_of.insert(loaded_ticket_of.end(), ticket_of.begin(), ticket_of.end());
      ticket_of = std::move(loaded_ticket_of);
      const EventTable& r = read.raw;
      raw.at.append(r.at.begin(), r.at.end()); raw.type.append(r.type.begin(), r.type.end());
      raw.actor_kind.append(r.actor_kind.begin(), r.actor_kind.end()); raw.is_public.append(r.is_public.begin(), r.is_public.end());
      raw.status.append(r.status.begin(), r.status.end()); raw.actor.append(r.actor.begin(), r.actor.end());
      raw.assignee.append(r.assignee.begin(), r.assignee.end()); raw.sentiment.append(r.sentiment.begin(), r.sentiment.end());
      read.raw = EventTable();
    } else {
      raw = std::move(read.raw);
    }
    size_t nt = d_.tickets.size(), ne = raw.size();
    auto& begin = d_.tickets.event_begin;
    begin.assign(nt + 1, 0);
    for (size_t e = 0; e < ne; ++e) if (ticket_of[e] >= 0) ++begin[static_cast<size_t>(ticket_of[e]) + 1];
    for (size_t t = 0; t < nt; ++t) begin[t + 1] += begin[t];
    std::vector<uint32_t> order(begin[nt]);
    std::vector<uint32_t> fill(begin.begin(), begin.end() - 1);
    for (size_t e = 0; e < ne; ++e)
      if (ticket_of[e] >= 0) order[fill[static_cast<size_t>(ticket_of[e])]++] = static_cast<uint32_t>(e);
    const auto earlier = [&](uint32_t a, uint32_t b) { return raw.at[a] < raw.at[b]; };
    for (size_t t = 0; t < nt; ++t) {
      auto first = order.begin() + begin[t], last = order.begin() + begin[t + 1];
      if (!std::is_sorted(first, last, earlier)) std::stable_sort(first, last, earlier);
    }
    auto& ev = d_.events;
    size_t n = order.size();
    bool in_order = n == ne;
    for (size_t i = 0; in_order && i < n; ++i) in_order = order[i] == i;
    if (in_order) {
      // Stored ticket by ticket in time order already (as exports are): the columns move instead
      // of being copied, which also spares a second copy of every event in memory.
      order = {};
      ev = std::move(raw);
      for (int64_t at : ev.at) Span(at);
      return;
    }
    ev.at.resize(n); ev.type.resize(n); ev.actor_kind.resize(n); ev.is_public.resize(n);
    ev.status.resize(n); ev.actor.resize(n); ev.assignee.resize(n); ev.sentiment.resize(n);
    for (size_t i = 0; i < n; ++i) {
      uint32_t e = order[i];
      ev.at[i] = raw.at[e]; ev.type[i] = raw.type[e]; ev.actor_kind[i] = raw.actor_kind[e];
      ev.is_public[i] = raw.is_public[e]; ev.status[i] = raw.status[e]; ev.actor[i] = raw.actor[e];
      ev.assignee[i] = raw.assignee[e]; ev.sentiment[i] = raw.sentiment[e];
      Span(ev.at[i]);
    }
  }

 private:
  SqliteStore& store_;
  int64_t ws_;
  Dataset& d_;
  bool incremental_;
  bool any_time_;
  AgentRefs* lane_ = nullptr;
  std::vector<std::pair<Column<int32_t>*, size_t>> other_agent_columns_;
};

}  // namespace

void TicketTable::IndexCreation() {
  by_created.clear();
  if (std::is_sorted(created_at.begin(), created_at.end())) return;
  by_created.resize(size());
  std::iota(by_created.begin(), by_created.end(), 0u);
  const auto& created = created_at;  // const access: a snapshot's view must not be copied
  std::stable_sort(by_created.begin(), by_created.end(), [&](uint32_t a, uint32_t b) { return created[a] < created[b]; });
}

Result<WorkspaceSettings> Dataset::LoadSettings(SqliteStore& store, int64_t workspace) {
  SL_ASSIGN_OR_RETURN(auto settings_text, store.LoadSettings(workspace));
  if (!settings_text) return WorkspaceSettings();
  return ParseWorkspaceSettings(*settings_text, "workspace.toml");
}

Result<Dataset> Dataset::Load(SqliteStore& store, int64_t workspace) {
  Dataset d;
  SL_ASSIGN_OR_RETURN(d.settings, LoadSettings(store, workspace));
  Loader loader(store, workspace, d, false);
  SL_RETURN_IF_ERROR(loader.Run());
  return d;
}

Result<Dataset> Dataset::LoadSince(SqliteStore& store, int64_t workspace, const Dataset& base) {
  Dataset d = base;  // columns viewing a snapshot stay views until written (copy on write)
  SL_ASSIGN_OR_RETURN(d.settings, LoadSettings(store, workspace));
  Loader loader(store, workspace, d, true);
  SL_RETURN_IF_ERROR(loader.Run());
  return d;
}

}  // namespace supportlens
