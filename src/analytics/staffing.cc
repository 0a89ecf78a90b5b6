// `supportlens staff`: request validation, the staffing search, shrinkage and rendering.
#include "supportlens/staffing.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include "analytics/erlang.h"

namespace supportlens {
namespace {

// Beyond these the search would take long and no contact center comes close.
constexpr double kMaxTraffic = 100000;     // Erlangs
constexpr int64_t kMaxAgents = 10'000'000;

bool Finite(double v) { return std::isfinite(v); }

Status Validate(const StaffingRequest& r) {
  auto bad = [](const std::string& flag, const std::string& rule, double got) {
    return Status::InvalidArgument(fmt::format("{} must be {}, got {}", flag, rule, got));
  };
  if (!Finite(r.calls) || r.calls < 0) return bad("--calls", "a number >= 0", r.calls);
  if (!Finite(r.interval_minutes) || r.interval_minutes <= 0)
    return bad("--interval-minutes", "a number > 0", r.interval_minutes);
  if (!Finite(r.aht_seconds) || r.aht_seconds <= 0) return bad("--aht", "a number of seconds > 0", r.aht_seconds);
  if (!Finite(r.target_sl_pct) || r.target_sl_pct <= 0 || r.target_sl_pct > 100)
    return bad("--target-sl", "a percentage in (0, 100]", r.target_sl_pct);
  if (!Finite(r.target_seconds) || r.target_seconds < 0)
    return bad("--target-seconds", "a number of seconds >= 0", r.target_seconds);
  if (!Finite(r.shrinkage) || r.shrinkage < 0 || r.shrinkage >= 1)
    return bad("--shrinkage", "a fraction in [0, 1)", r.shrinkage);
  if (!Finite(r.max_occupancy) || r.max_occupancy <= 0 || r.max_occupancy > 1)
    return bad("--max-occupancy", "a fraction in (0, 1]", r.max_occupancy);
  if (r.patience_seconds && (!Finite(*r.patience_seconds) || *r.patience_seconds <= 0))
    return bad("--patience", "a number of seconds > 0", *r.patience_seconds);
  if (r.target_asa_seconds && (!Finite(*r.target_asa_seconds) || *r.target_asa_seconds <= 0))
    return bad("--target-asa", "a number of seconds > 0", *r.target_asa_seconds);
  return Status::Ok();
}

// ceil(agents / (1 - shrinkage)), without letting 14 / 0.7 = 20.000000000000004 become 21.
int64_t Rostered(int64_t agents, double shrinkage) {
  const double exact = static_cast<double>(agents) / (1 - shrinkage);
  const double nearest = std::round(exact);
  if (std::fabs(exact - nearest) <= 1e-9 * std::max(1.0, exact)) return static_cast<int64_t>(nearest);
  return static_cast<int64_t>(std::ceil(exact));
}

double Round(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale;
}

}  // namespace

Result<StaffingResult> ComputeStaffing(const StaffingRequest& request) {
  SL_RETURN_IF_ERROR(Validate(request));
  QueueModel model;
  model.arrival_rate = request.calls / (request.interval_minutes * 60);
  model.aht = request.aht_seconds;
  model.patience = request.patience_seconds;

  StaffingResult out;
  out.model = model.patience ? "erlang_a" : "erlang_c";
  // calls x AHT / interval, multiplied first so that round inputs give round traffic.
  out.traffic_erlangs = request.calls * request.aht_seconds / (request.interval_minutes * 60);
  if (out.traffic_erlangs > kMaxTraffic)
    return Status::InvalidArgument(
        fmt::format("the traffic is {:.0f} Erlangs; at most {:.0f} are supported", out.traffic_erlangs, kMaxTraffic));
  if (out.traffic_erlangs == 0) {  // nothing offered (or too little to represent): no agent needed
    out.service_level = 100;
    return out;
  }

  StaffingTargets targets;
  targets.service_level = request.target_sl_pct / 100;
  targets.threshold = request.target_seconds;
  targets.asa = request.target_asa_seconds;
  targets.max_occupancy = request.max_occupancy;
  std::optional<StaffingLevel> level = FindStaffing(model, targets, kMaxAgents);
  if (!level)
    return Status::InvalidArgument(fmt::format("no staffing up to {} agents meets the targets", kMaxAgents));

  const QueueMetrics& m = level->metrics;
  out.agents = level->agents;
  out.service_level = 100 * m.service_level;
  out.asa = m.asa;
  out.occupancy = 100 * m.occupancy;
  out.p_wait = 100 * m.p_wait;
  out.p_abandon = 100 * m.p_abandon;
  out.rostered = Rostered(out.agents, request.shrinkage);
  return out;
}

std::string RenderStaffing(const StaffingResult& r, const std::string& format) {
  if (format == "json") {
    // The first six keys are the contract scripts rely on; the rest are additions.
    nlohmann::ordered_json j = {
        {"agents", r.agents},
        {"service_level", Round(r.service_level, 2)},
        {"asa", Round(r.asa, 2)},
        {"occupancy", Round(r.occupancy, 2)},
        {"p_wait", Round(r.p_wait, 2)},
        {"rostered", r.rostered},
        {"model", r.model},
        {"traffic_erlangs", Round(r.traffic_erlangs, 4)},
        {"p_abandon", Round(r.p_abandon, 2)},
    };
    return j.dump() + "\n";
  }
  std::string out;
  auto row = [&out](const char* name, const std::string& value) { out += fmt::format("{:<16} {}\n", name, value); };
  row("model", r.model == "erlang_a" ? "Erlang A (callers abandon)" : "Erlang C (callers wait)");
  row("traffic", fmt::format("{:.2f} Erlangs", r.traffic_erlangs));
  row("agents", fmt::format("{}", r.agents));
  row("rostered", fmt::format("{}", r.rostered));
  row("service level", fmt::format("{:.2f} %", r.service_level));
  row("asa", fmt::format("{:.2f} s", r.asa));
  row("occupancy", fmt::format("{:.2f} %", r.occupancy));
  row("p(wait)", fmt::format("{:.2f} %", r.p_wait));
  if (r.model == "erlang_a") row("p(abandon)", fmt::format("{:.2f} %", r.p_abandon));
  return out;
}

}  // namespace supportlens
