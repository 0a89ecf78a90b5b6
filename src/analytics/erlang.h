#pragma once
// Queueing models for staffing: Erlang C (M/M/c) and Erlang A (M/M/c+M), and the search for the
// smallest number of agents that meets a service target. Times are in seconds, rates per second,
// probabilities in [0, 1]; the public layer (include/supportlens/staffing.h) converts to percent.
#include <cstdint>
#include <optional>

namespace supportlens {

// Erlang B (M/M/c/c loss probability) by the recursion B(0) = 1, B(k) = A·B(k-1) / (k + A·B(k-1)):
// no factorials and no powers, so it is stable for thousands of Erlangs.
double ErlangB(int64_t agents, double traffic);

// Erlang C: the probability that an arrival waits, C = c·B / (c - A·(1 - B)); 1 when c <= A.
double ErlangC(int64_t agents, double traffic);

// The offered load: arrivals per second, mean handle time, and (Erlang A) the mean patience of a
// waiting caller. Without patience callers wait for ever (Erlang C).
struct QueueModel {
  double arrival_rate = 0;              // λ, calls per second
  double aht = 0;                       // mean handle time 1/μ, seconds
  std::optional<double> patience;       // mean patience 1/θ, seconds (Erlang A)
  double traffic() const { return arrival_rate * aht; }  // A = λ·AHT, Erlangs
};

// Steady-state figures for one number of agents. The service level counts calls answered within
// the threshold among all calls offered (abandoned calls count in the denominator); ASA is the
// mean wait of answered calls, including those answered at once.
struct QueueMetrics {
  double traffic = 0;        // Erlangs
  double p_wait = 0;         // P(an arrival finds every agent busy)
  double p_abandon = 0;      // P(an arrival hangs up before being answered); 0 in Erlang C
  double service_level = 0;  // P(answered within the threshold)
  double asa = 0;            // seconds; +infinity when the queue is unstable (Erlang C, c <= A)
  double occupancy = 0;      // served load per agent: A·(1 - p_abandon) / c, at most 1
  bool saturated = false;    // Erlang A queue too long to sum (see kMaxQueueStates): limit figures
};

// Erlang C for `agents` agents with answer threshold `threshold` seconds.
QueueMetrics ErlangCMetrics(const QueueModel& model, int64_t agents, double threshold);

// Erlang A (needs model.patience) for `agents` agents with answer threshold `threshold` seconds.
QueueMetrics ErlangAMetrics(const QueueModel& model, int64_t agents, double threshold);

// Erlang C or A, as the model says.
QueueMetrics QueueMetricsFor(const QueueModel& model, int64_t agents, double threshold);

// Erlang A sums the queue-length distribution state by state. When the queue would hold more than
// this many callers (very patient callers on a queue at or near overload), it reports limits
// instead, marked `saturated`: with c·μ <= λ every call waits, agents are always busy and the excess
// λ - c·μ abandons (service level 0, ASA infinite); with c·μ > λ, Erlang C's figures, which Erlang A
// approaches as patience grows.
inline constexpr int64_t kMaxQueueStates = 4'000'000;

// What a staffing level has to achieve. Every given target must hold at once.
struct StaffingTargets {
  double service_level = 0.8;        // fraction answered within `threshold`, in (0, 1]
  double threshold = 20;             // seconds
  std::optional<double> asa;         // seconds, optional
  double max_occupancy = 1;          // in (0, 1]
};

struct StaffingLevel {
  int64_t agents = 0;
  QueueMetrics metrics;
};

// Whether `m` meets every target (comparisons allow a relative 1e-9 for floating-point rounding).
bool MeetsTargets(const QueueMetrics& m, const StaffingTargets& targets);

// The smallest number of agents meeting every target: scans from the first stable count upward
// (Erlang C keeps B(c) incremental, so each step is O(1)); Erlang A also scans down below the
// traffic while the targets still hold. Returns nullopt beyond `max_agents`. Requires traffic > 0.
std::optional<StaffingLevel> FindStaffing(const QueueModel& model, const StaffingTargets& targets,
                                          int64_t max_agents);

}  // namespace supportlens
