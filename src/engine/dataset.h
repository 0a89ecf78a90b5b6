#pragma once
// The engine's columnar, in-memory representation of one workspace, built from the store.
// Strings become dictionary ids; instants are UTC seconds; kNoTime marks an absent instant.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/column.h"
#include "engine/dictionary.h"
#include "model/workspace_settings.h"
#include "store/sqlite_store.h"

namespace supportlens {

inline constexpr int64_t kNoTime = std::numeric_limits<int64_t>::min();
inline constexpr double kNoNumber = std::numeric_limits<double>::quiet_NaN();
inline constexpr int16_t kNoSentiment = std::numeric_limits<int16_t>::min();
// VADER's own cut-offs for a positive and a negative text, in the same ten-thousandths.
inline constexpr int kPositiveCompound = 500, kNegativeCompound = -500;
// The 0-100 sentiment score of `n` messages whose compounds (in ten-thousandths) sum to `sum`:
// (mean compound + 1) x 50, rounded to hundredths half away from zero, in exact arithmetic.
inline double SentimentScoreOf(int64_t sum, int64_t n) {
  return static_cast<double>(std::llround(static_cast<double>(n * 10000 + sum) / static_cast<double>(2 * n))) / 100;
}

enum class EventType : uint8_t { kMessage, kStatus, kAssign, kEscalate, kTransfer, kMerge };
enum class ActorKind : uint8_t { kNone, kCustomer, kAgent, kBot, kSystem };
enum class TicketStatus : uint8_t { kNone, kNew, kOpen, kPending, kOnHold, kSolved, kClosed };
enum class AgentState : uint8_t { kAvailable, kHandling, kAfterCallWork, kBreak, kMeeting, kTraining, kLoggedOut };
inline constexpr size_t kAgentStateCount = 7;
enum class SurveyKind : uint8_t { kCsat, kNps, kCes, kEsat };

struct Dictionaries {
  Dictionary channel, topic, priority, queue, team, segment, agent, customer, ticket;
};

struct TicketTable {
  Column<int64_t> created_at;
  Column<int32_t> channel, customer, priority, topic, queue;
  Column<uint8_t> is_complaint;
  // Events of ticket i are events[event_begin[i] .. event_begin[i+1]), sorted by time.
  Column<uint32_t> event_begin;
  // Ticket indexes by creation time, so that a window's tickets are found by binary search;
  // empty when the tickets are already in creation order (derived on load, not stored).
  std::vector<uint32_t> by_created;
  size_t size() const { return created_at.size(); }
  // Orders by_created (or leaves it empty when created_at is already sorted).
  void IndexCreation();
  // The ticket at position i in creation order.
  size_t InCreationOrder(size_t i) const { return by_created.empty() ? i : static_cast<size_t>(by_created[i]); }
  // The positions [first, last) in creation order of the tickets created in [from, to).
  std::pair<size_t, size_t> CreatedPositions(int64_t from, int64_t to) const {
    auto first_at_or_after = [&](int64_t instant) {
      size_t lo = 0, hi = size();
      while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (created_at[InCreationOrder(mid)] < instant) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const size_t first = first_at_or_after(from);
    return {first, std::max(first, first_at_or_after(to))};
  }
  // Calls f(t) for every ticket created in [from, to), in creation order.
  template <typename F>
  void ForEachCreatedIn(int64_t from, int64_t to, F&& f) const {
    const auto [first, last] = CreatedPositions(from, to);
    for (size_t i = first; i < last; ++i) f(InCreationOrder(i));
  }
};

struct EventTable {
  Column<int64_t> at;
  Column<EventType> type;
  Column<ActorKind> actor_kind;
  Column<uint8_t> is_public;
  Column<TicketStatus> status;
  Column<int32_t> actor;     // agent id (agent/bot actors), else -1
  Column<int32_t> assignee;  // for assign events
  // A customer message's VADER compound (scored at import) in ten-thousandths, exact since VADER
  // rounds it to four decimals; kNoSentiment otherwise.
  Column<int16_t> sentiment;
  size_t size() const { return at.size(); }
};

struct AgentTable {
  Column<int32_t> team;  // indexed by agent id
  Column<uint8_t> is_bot;
  Column<int64_t> hired_on, left_on;  // day numbers or kNoTime
  Column<uint8_t> left_voluntarily;
  Column<double> hourly_cost;
  Column<uint8_t> in_directory;  // listed in agents.csv (not only referenced)
};

struct CustomerTable {
  Column<int32_t> segment;  // indexed by customer id
  Column<int64_t> acquired_on, churned_on;  // day numbers or kNoTime
  Column<double> revenue;
  Column<uint8_t> in_directory;
};

struct CallTable {
  Column<int64_t> offered_at, answered_at, abandoned_at, ended_at;
  Column<double> talk_s, hold_s, acw_s;
  Column<int32_t> channel, queue, customer, ticket, agent;
  Column<uint8_t> transferred;
  StringColumn id;
  size_t size() const { return offered_at.size(); }
};

struct SurveyTable {
  Column<SurveyKind> kind;
  Column<double> score, scale_min, scale_max;
  Column<int64_t> answered_at;
  Column<int32_t> ticket, customer, agent;
  StringColumn response_id;
  size_t size() const { return kind.size(); }
};

struct IntervalTable {  // agent states and shifts
  Column<int32_t> agent;
  Column<AgentState> state;
  Column<int64_t> start, end;
  size_t size() const { return agent.size(); }
};

struct RetentionTable {
  Column<int32_t> customer;
  StringColumn id;
  Column<int64_t> requested_at;
  Column<uint8_t> outcome;  // 0 saved, 1 cancelled, 2 pending
  size_t size() const { return customer.size(); }
};

struct OfferTable {
  Column<int64_t> offered_at;
  Column<uint8_t> accepted;
  Column<double> value;
  Column<int32_t> ticket, agent, customer;
  StringColumn id;
  size_t size() const { return offered_at.size(); }
};

struct SelfServiceTable {
  Column<int64_t> started_at;
  Column<uint8_t> resolved;
  Column<int32_t> customer, handed_off_ticket;
  StringColumn id;
  size_t size() const { return started_at.size(); }
};

struct CostTable {
  Column<int64_t> start_day, end_day;  // inclusive local dates
  Column<double> amount;
  Column<int32_t> channel;
  size_t size() const { return amount.size(); }
};

struct Dataset {
  WorkspaceSettings settings;
  Dictionaries dict;
  TicketTable tickets;
  EventTable events;
  AgentTable agents;
  CustomerTable customers;
  CallTable calls;
  SurveyTable surveys;
  IntervalTable states, shifts;
  RetentionTable retention;
  OfferTable offers;
  SelfServiceTable self_service;
  CostTable costs;
  int64_t min_time = 0, max_time = 0;  // span of all instants, for calendars and offsets
  // Per entity (AllEntities() order): the last store rowid read, so that a later load can read
  // only the rows committed since (rows are never updated or deleted).
  std::vector<int64_t> last_rowid;
  std::shared_ptr<const void> backing;  // the snapshot mapping that columns may view

  // Reads the workspace from the store; LoadSettings reads only its settings.
  static Result<Dataset> Load(SqliteStore& store, int64_t workspace);
  // `base` (a load of the same workspace) plus the rows committed since it was read: the same
  // dataset a full load gives, up to the order of dictionary ids.
  static Result<Dataset> LoadSince(SqliteStore& store, int64_t workspace, const Dataset& base);
  static Result<WorkspaceSettings> LoadSettings(SqliteStore& store, int64_t workspace);
  int32_t AgentTeam(int32_t agent) const { return agent < 0 ? -1 : agents.team[static_cast<size_t>(agent)]; }
  int32_t CustomerSegment(int32_t c) const { return c < 0 ? -1 : customers.segment[static_cast<size_t>(c)]; }
  bool IsHumanAgent(int32_t agent) const { return agent >= 0 && !agents.is_bot[static_cast<size_t>(agent)]; }
};

}  // namespace supportlens
