#pragma once
// Targets: SMART goals on any KPI, for the whole workspace or one channel, team, agent or queue,
// with an optional deadline and a warning margin; and their status over a window: on track, at
// risk (close to the bound, or projected from the weekly trend to miss by the deadline),
// breached, or no data. Method: docs/targets.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "supportlens/result.h"

namespace supportlens {

struct Target {
  int64_t id = 0;               // 0 for a catalog default
  std::string kpi;
  std::string scope_dim;        // "", channel, team, agent or queue
  std::string scope_value;
  std::string op;               // ">=", "<=" or "between" (value .. upper)
  double value = 0, upper = 0;
  std::string deadline;         // YYYY-MM-DD, or "" for none
  double warning_pct = 5;       // at risk within this share of the bound, on the good side
  bool is_default = false;      // from the catalog's field targets (docs/kpis.md)
};

struct TargetStatus {
  Target target;
  std::optional<double> actual;     // the KPI's value over the window (a time KPI's median)
  int64_t n = 0;
  std::string status;               // on_track, at_risk, breached, no_data
  std::optional<double> projected;  // the value the weekly trend reaches by the deadline
  std::string reason;               // why, in words
};

struct TargetCheck {
  std::string from, to, timezone;  // the window checked
  std::vector<TargetStatus> targets;
  bool any_breached() const;
};

// Stores (or replaces) the target of a KPI and scope; checks the KPI id, the scope and the bounds.
Result<Target> SetTarget(const std::string& db, const std::string& workspace, Target target);
Result<bool> DeleteTarget(const std::string& db, const std::string& workspace, int64_t id);
// The set targets, then (with `with_defaults`) the catalog's default for every KPI and channel
// scope that has none.
Result<std::vector<Target>> ListTargets(const std::string& db, const std::string& workspace, bool with_defaults);
// Every target's status over [from, to) (local dates; empty: the 28 days up to the last day
// with data). Only the set targets with `only_set`.
Result<TargetCheck> CheckTargets(const std::string& db, const std::string& workspace, const std::string& from,
                                 const std::string& to, bool only_set);
// The same over a workspace already loaded (the server's), for the given targets.
class LoadedWorkspace;
Result<TargetCheck> CheckTargets(const LoadedWorkspace& workspace, const std::vector<Target>& targets, const std::string& from,
                                 const std::string& to);
// The day after the last day a ticket or call arrived (local date): where windows over "the
// latest data" end.
Result<std::string> DayAfterLastArrival(const LoadedWorkspace& workspace);
// The first day a ticket or call arrived (local date).
Result<std::string> FirstArrivalDay(const LoadedWorkspace& workspace);
// A target from its JSON form {"kpi", "scope": {"channel": "chat"}, "min", "max", "deadline",
// "warning_pct"} (the HTTP API's body); errors name the field.
Result<Target> TargetFromJson(const std::string& body);
std::string TargetJson(const Target& target);

std::string RenderTargets(const std::vector<Target>& targets, const std::string& format);  // json or table
std::string RenderTargetCheck(const TargetCheck& check, const std::string& format);          // json or table

}  // namespace supportlens
