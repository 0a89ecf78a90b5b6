#pragma once
// Sampling from the distributions the generator needs, on top of synth::Rng. Implemented here
// rather than with <random> distributions, whose algorithms differ between standard libraries.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "synth/random.h"

namespace supportlens::synth {

// Standard normal draw (Box-Muller; the second value is discarded to keep Rng stateless).
inline double StandardNormal(Rng& rng) {
  double u1 = rng.Uniform();
  if (u1 < 1e-300) u1 = 1e-300;
  const double u2 = rng.Uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

inline double Normal(Rng& rng, double mean, double stddev) { return mean + stddev * StandardNormal(rng); }

// Lognormal parameterised by its median (exp(mu)) and the sigma of the underlying normal:
// delays are easier to reason about by their median.
inline double LogNormal(Rng& rng, double median, double sigma) {
  return median * std::exp(sigma * StandardNormal(rng));
}

// Exponential with the given mean.
inline double Exponential(Rng& rng, double mean) { return -mean * std::log(1.0 - rng.Uniform()); }

// Poisson: Knuth's product method for small means, a rounded normal approximation above 30.
inline int64_t Poisson(Rng& rng, double mean) {
  if (mean <= 0) return 0;
  if (mean > 30) {
    const double x = std::floor(Normal(rng, mean, std::sqrt(mean)) + 0.5);
    return x < 0 ? 0 : static_cast<int64_t>(x);
  }
  const double limit = std::exp(-mean);
  int64_t k = 0;
  double product = rng.Uniform();
  while (product > limit) {
    ++k;
    product *= rng.Uniform();
  }
  return k;
}

inline bool Bernoulli(Rng& rng, double p) { return rng.Uniform() < p; }

// A fixed discrete distribution over indices 0..n-1, given non-negative weights.
class WeightedChoice {
 public:
  WeightedChoice() = default;
  WeightedChoice(std::initializer_list<double> weights) : WeightedChoice(std::vector<double>(weights)) {}
  explicit WeightedChoice(const std::vector<double>& weights) {
    cumulative_.reserve(weights.size());
    double total = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (weights[i] > 0) {
        total += weights[i];
        last_positive_ = i;
      }
      cumulative_.push_back(total);
    }
    total_ = total;
  }

  size_t size() const { return cumulative_.size(); }

  size_t Sample(Rng& rng) const {
    const double x = rng.Uniform() * total_;
    // Linear scan: the tables here are short (a dozen entries at most).
    for (size_t i = 0; i < cumulative_.size(); ++i) {
      if (x < cumulative_[i]) return i;
    }
    return last_positive_;  // only reached through rounding at the top end
  }

 private:
  std::vector<double> cumulative_;
  double total_ = 0;
  size_t last_positive_ = 0;
};

}  // namespace supportlens::synth
