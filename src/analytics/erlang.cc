// Erlang C and Erlang A, computed without factorials or powers so that hundreds or thousands of
// Erlangs stay finite.
//
// Erlang C (M/M/c): A. K. Erlang (1917); the textbook results used here (for instance Gross,
// Shortle, Thompson & Harris, "Fundamentals of Queueing Theory", the M/M/c queue) are
// C = c·B / (c - A(1 - B)) with B Erlang's loss formula, P(W > t) = C·exp(-(c - A)·t/AHT) and
// E[W] = C·AHT / (c - A). Derivations and sources: docs/staffing.md.
//
// Erlang A (M/M/c+M, after Conny Palm): Poisson arrivals λ, exponential service μ = 1/AHT, c
// agents, and every waiting caller hangs up after an exponential patience with rate θ = 1/patience.
// The number in system is a birth-death chain with birth rate λ and death rate kμ (k <= c),
// cμ + jθ (k = c + j); see Garnett, Mandelbaum & Reiman, "Designing a Call Center with Impatient Customers",
// Manufacturing & Service Operations Management 4(3), 2002, and Mandelbaum & Zeltyn, "The
// Palm/Erlang-A Queue, with Applications to Call Centers" (Technion teaching note, 2005),
// sections 3-4, for the chain and the relation P(Ab) = θ·E[W].
#include "analytics/erlang.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <vector>

namespace supportlens {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kTolerance = 1e-9;

// One step of the Erlang B recursion: B(k) from B(k-1).
double NextErlangB(double previous, int64_t k, double traffic) {
  return traffic * previous / (static_cast<double>(k) + traffic * previous);
}

QueueMetrics ErlangCFromB(const QueueModel& model, int64_t agents, double threshold, double b) {
  QueueMetrics m;
  const double a = model.traffic();
  const double c = static_cast<double>(agents);
  m.traffic = a;
  if (c <= a) {  // unstable: the queue grows without bound
    m.p_wait = 1;
    m.service_level = 0;
    m.asa = kInf;
    m.occupancy = 1;
    return m;
  }
  m.p_wait = c * b / (c - a * (1 - b));
  m.service_level = 1 - m.p_wait * std::exp(-(c - a) * threshold / model.aht);
  m.asa = m.p_wait * model.aht / (c - a);
  m.occupancy = a / c;
  return m;
}

// Erlang A by one pass over the queue states j = 0, 1, ... (j callers ahead of an arrival that
// finds every agent busy), given B = ErlangB(c, A).
//
// Stationary law. With π_k ∝ A^k/k! for k <= c, the states k < c carry (1 - B)/B times π_c, and
// π_{c+j} = π_c·w_j with w_0 = 1, w_j = w_{j-1}·λ/(cμ + jθ). So with S = Σ w_j,
// P(wait) = B·S / (1 - B + B·S) and an arrival that waits finds j ahead with probability w_j/S
// (arrivals see time averages: PASTA).
//
// A waiting caller with j ahead moves up at rate cμ + iθ (a service or an abandonment ahead) while
// their own patience runs out at rate θ. With r_i = cμ + iθ and T ~ Exp(θ) their patience, the time
// to reach an agent is S_j = Σ_{i=0..j} Exp(r_i), and because the rates are equally spaced its
// density is (Π r_i)/(θ^j·j!)·e^{-cμ s}(1 - e^{-θ s})^j (partial fractions). Integrating against
// P(T > s) = e^{-θ s} with x = 1 - e^{-θ s} gives, exactly:
//   P(served)                = Π r_i/(r_i + θ) = cμ / (cμ + (j+1)θ)
//   P(served within t)       = P(served)·P(X >= j+1),   X negative binomial with
//                              P(X = p) = T_p, T_0 = e^{-(cμ+θ)t}, T_p = T_{p-1}·x_t(cμ + pθ)/(θp),
//                              x_t = 1 - e^{-θt} (the regularized incomplete beta I_{x_t}(j+1, cμ/θ+1))
//   E[S_j; served]           = P(served)·Σ_{i=1..j+1} 1/(cμ + iθ)   (the derivative of the
//                              Laplace transform at θ)
// As θ -> 0, X becomes Poisson(cμt) and every figure becomes Erlang C's.
QueueMetrics ErlangAFromB(const QueueModel& model, int64_t agents, double threshold, double b) {
  assert(model.patience && *model.patience > 0);
  QueueMetrics m;
  const double traffic = model.traffic();
  const double lambda = model.arrival_rate;
  const double theta = 1 / *model.patience;
  const double cmu = static_cast<double>(agents) / model.aht;
  m.traffic = traffic;

  // Overloaded with very patient callers: the queue settles around (λ - cμ)/θ callers, too many to
  // sum. Nearly every arrival waits, agents are always busy, the excess λ - cμ abandons.
  auto saturated = [&] {
    m.saturated = true;
    m.p_wait = 1;
    m.p_abandon = 1 - cmu / lambda;
    m.service_level = 0;
    m.asa = kInf;
    m.occupancy = 1;
    return m;
  };
  if ((lambda - cmu) / theta > static_cast<double>(kMaxQueueStates) / 2) return saturated();

  // x_t/θ, well conditioned for tiny θ (it tends to t).
  const double xt_over_theta = threshold > 0 ? -std::expm1(-theta * threshold) / theta : 0;
  // Negative binomial terms T_p: kept as a logarithm while e^{-(cμ+θ)t} would underflow.
  double log_t = -(cmu + theta) * threshold;
  bool linear = log_t > -700;
  double t_p = linear ? std::exp(log_t) : 0;
  double nb_cdf = t_p;

  double w = 1, log_scale = 0;           // w_j, scaled by e^{-log_scale}
  double sum_w = 0, sum_sl = 0, sum_answer_wait = 0, sum_abandon = 0;
  double harmonic = 0;                   // Σ_{i=1..j+1} 1/(cμ + iθ)
  for (int64_t j = 0;; ++j) {
    const double jd = static_cast<double>(j);
    if (j > 0) {
      w *= lambda / (cmu + jd * theta);
      const double ratio = xt_over_theta * (cmu + jd * theta) / jd;
      if (linear) {
        t_p *= ratio;
      } else if (ratio > 0) {
        log_t += std::log(ratio);
        if (log_t > -700) {
          linear = true;
          t_p = std::exp(log_t);
        }
      }
      if (linear) nb_cdf += t_p;
    }
    const double next_rate = cmu + (jd + 1) * theta;
    const double p_served = cmu / next_rate;
    harmonic += 1 / next_rate;
    sum_w += w;
    sum_sl += w * p_served * std::max(0.0, 1 - nb_cdf);
    sum_answer_wait += w * p_served * harmonic;
    sum_abandon += w * (1 - p_served);
    if (w > 1e200) {  // rescale; only ratios of the sums are used, and log S
      constexpr double kDown = 1e-200;
      w *= kDown, sum_w *= kDown, sum_sl *= kDown, sum_answer_wait *= kDown, sum_abandon *= kDown;
      log_scale += 200 * std::log(10.0);
    }
    // Past the peak the ratios λ/(cμ + iθ) only fall, so the rest of the tail is below
    // w·r/(1 - r) with r the next ratio.
    const double r = lambda / next_rate;
    if (r < 1 && w * r / (1 - r) < 1e-17 * sum_w) break;
    if (j >= kMaxQueueStates) {
      // The queue still has not thinned out: callers so patient that abandonment barely matters
      // over these queue lengths. Stable as Erlang C: its figures; otherwise the overload limits.
      if (cmu <= lambda) return saturated();
      QueueMetrics limit = ErlangCFromB(model, agents, threshold, b);
      limit.saturated = true;
      return limit;
    }
  }

  if (b <= 0) {
    m.p_wait = 0;  // B underflowed: so many agents that nobody waits
  } else {
    // P(wait) = 1 / (1 + (1 - B)/(B·S)), in logarithms so that neither factor overflows.
    const double log_ratio = std::log1p(-b) - std::log(b) - (std::log(sum_w) + log_scale);
    m.p_wait = log_ratio > 700 ? 0 : 1 / (1 + std::exp(log_ratio));
  }
  m.p_abandon = m.p_wait * sum_abandon / sum_w;
  m.service_level = (1 - m.p_wait) + m.p_wait * sum_sl / sum_w;
  const double answered = 1 - m.p_abandon;
  m.asa = answered > 0 ? m.p_wait * sum_answer_wait / sum_w / answered : kInf;
  m.occupancy = std::min(1.0, traffic * answered / static_cast<double>(agents));
  return m;
}

QueueMetrics MetricsFromB(const QueueModel& model, int64_t agents, double threshold, double b) {
  return model.patience ? ErlangAFromB(model, agents, threshold, b) : ErlangCFromB(model, agents, threshold, b);
}

}  // namespace

double ErlangB(int64_t agents, double traffic) {
  assert(agents >= 0 && traffic >= 0);
  double b = 1;
  for (int64_t k = 1; k <= agents; ++k) b = NextErlangB(b, k, traffic);
  return b;
}

double ErlangC(int64_t agents, double traffic) {
  const double c = static_cast<double>(agents);
  if (c <= traffic) return 1;
  const double b = ErlangB(agents, traffic);
  return c * b / (c - traffic * (1 - b));
}

QueueMetrics ErlangCMetrics(const QueueModel& model, int64_t agents, double threshold) {
  assert(agents >= 1);
  return ErlangCFromB(model, agents, threshold, ErlangB(agents, model.traffic()));
}

QueueMetrics ErlangAMetrics(const QueueModel& model, int64_t agents, double threshold) {
  assert(agents >= 1);
  return ErlangAFromB(model, agents, threshold, ErlangB(agents, model.traffic()));
}

QueueMetrics QueueMetricsFor(const QueueModel& model, int64_t agents, double threshold) {
  return model.patience ? ErlangAMetrics(model, agents, threshold) : ErlangCMetrics(model, agents, threshold);
}

bool MeetsTargets(const QueueMetrics& m, const StaffingTargets& targets) {
  if (!(m.service_level >= targets.service_level * (1 - kTolerance))) return false;
  if (!(m.occupancy <= targets.max_occupancy * (1 + kTolerance))) return false;
  if (targets.asa && !(m.asa <= *targets.asa * (1 + kTolerance))) return false;
  return true;
}

std::optional<StaffingLevel> FindStaffing(const QueueModel& model, const StaffingTargets& targets,
                                          int64_t max_agents) {
  const double traffic = model.traffic();
  assert(traffic > 0);
  // The first stable count for Erlang C; Erlang A may need fewer, found by the scan down below.
  int64_t start = static_cast<int64_t>(std::floor(traffic)) + 1;
  if (start > max_agents) return std::nullopt;

  // B(0..start), kept for the scan down.
  std::vector<double> b_table(static_cast<size_t>(start) + 1);
  b_table[0] = 1;
  for (int64_t k = 1; k <= start; ++k) b_table[k] = NextErlangB(b_table[k - 1], k, traffic);

  // Up: the first count at or above `start` that meets every target.
  int64_t c = start;
  double b = b_table[start];
  std::optional<StaffingLevel> found;
  while (c <= max_agents) {
    QueueMetrics m = MetricsFromB(model, c, targets.threshold, b);
    if (MeetsTargets(m, targets)) {
      found = StaffingLevel{c, m};
      break;
    }
    // Occupancy A(1 - P(ab))/c <= max needs c >= A(1 - P(ab))/max, and P(ab) only falls as agents
    // are added, so the counts below that bound can be skipped.
    int64_t next = c + 1;
    if (!(m.occupancy <= targets.max_occupancy * (1 + kTolerance))) {
      const double bound = traffic * (1 - m.p_abandon) / (targets.max_occupancy * (1 + kTolerance));
      if (bound > static_cast<double>(max_agents)) return std::nullopt;
      next = std::max(next, static_cast<int64_t>(std::floor(bound)));
    }
    if (next == c + 1) {
      b = NextErlangB(b, next, traffic);
    } else {
      b = ErlangB(next, traffic);
    }
    c = next;
  }
  if (!found) return std::nullopt;
  if (!model.patience || found->agents > start) return found;

  // Erlang A with abandonment can meet the targets below the traffic: go down while they hold.
  for (int64_t k = start - 1; k >= 1; --k) {
    QueueMetrics m = MetricsFromB(model, k, targets.threshold, b_table[k]);
    if (!MeetsTargets(m, targets)) break;
    found = StaffingLevel{k, m};
  }
  return found;
}

}  // namespace supportlens
