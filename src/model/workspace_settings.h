#pragma once
// Workspace settings (workspace.toml): time zone, business calendar, thresholds, SLA policy
// and the definition choices that teams plausibly make differently.
#include <map>
#include <optional>
#include <string>

#include "core/business_calendar.h"
#include "core/time_zone.h"

namespace supportlens {

struct WorkspaceSettings {
  TimeZone zone = TimeZone::Utc();
  WeeklyHours hours;
  std::string currency = "USD";

  int64_t short_abandon_seconds = 5;
  int64_t repeat_contact_days = 7;
  int64_t default_service_level_seconds = 20;
  std::map<std::string, int64_t> service_level_seconds;  // per channel

  // SLA targets: key "priority" or "priority.channel" (the more specific key wins).
  std::map<std::string, int64_t> sla_first_reply_seconds;
  std::map<std::string, int64_t> sla_resolution_seconds;

  // Definition choices.
  bool first_reply_restarts_at_bot_handoff = true;
  std::string attribution = "assignee";  // assignee | last_replier

  int64_t ServiceLevelSeconds(const std::string& channel) const;
  std::optional<int64_t> SlaFirstReply(const std::string& priority, const std::string& channel) const;
  std::optional<int64_t> SlaResolution(const std::string& priority, const std::string& channel) const;
};

// Parses workspace.toml text; `source` names the file in error messages.
Result<WorkspaceSettings> ParseWorkspaceSettings(const std::string& toml_text, const std::string& source);

}  // namespace supportlens
