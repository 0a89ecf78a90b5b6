#pragma once
// Staffing: how many agents an interval needs for a service target (Erlang C, or Erlang A when
// callers' patience is given). The models and definitions are in docs/staffing.md.
#include <cstdint>
#include <optional>
#include <string>

#include "supportlens/result.h"

namespace supportlens {

struct StaffingRequest {
  double calls = 0;                          // calls offered in the interval, >= 0
  double interval_minutes = 30;              // > 0
  double aht_seconds = 0;                    // mean handle time, > 0
  double target_sl_pct = 80;                 // percent answered within target_seconds, in (0, 100]
  double target_seconds = 20;                // >= 0
  std::optional<double> target_asa_seconds;  // also require ASA <= this, > 0
  double shrinkage = 0;                      // share of paid time not on the phones, in [0, 1)
  double max_occupancy = 1;                  // in (0, 1]
  std::optional<double> patience_seconds;    // mean patience, > 0: Erlang A
};

struct StaffingResult {
  std::string model;             // "erlang_c" or "erlang_a"
  double traffic_erlangs = 0;    // calls x AHT / interval
  int64_t agents = 0;            // on the phones: the smallest count meeting every target
  double service_level = 0;      // percent of offered calls answered within target_seconds
  double asa = 0;                // seconds: mean wait of answered calls
  double occupancy = 0;          // percent of agent time busy with calls
  double p_wait = 0;             // percent of calls that find every agent busy
  double p_abandon = 0;          // percent of calls that hang up before an answer (0 in Erlang C)
  int64_t rostered = 0;          // ceil(agents / (1 - shrinkage))
};

// Validates the request (kInvalidArgument with the offending flag named) and finds the staffing.
// Zero calls need zero agents.
Result<StaffingResult> ComputeStaffing(const StaffingRequest& request);

// "json" (the keys of docs/staffing.md) or "table".
std::string RenderStaffing(const StaffingResult& result, const std::string& format);

}  // namespace supportlens
