#pragma once
// Alerts: rules on any KPI and scope (a threshold, a change against the previous period, an
// anomaly against the recent daily history) and every target set, evaluated over the latest
// data; an alert opens once per breach and closes with a recovery; each opening and recovery is
// delivered to the workspace's sinks (a log file, signed webhooks with retries and a dead letter)
// and kept in the history. Method: docs/alerts.md.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "supportlens/result.h"

namespace supportlens {

class LoadedWorkspace;

struct AlertRule {
  int64_t id = 0;
  std::string kpi, scope_dim, scope_value;  // scope: "", channel, team, agent or queue
  std::string kind;                         // threshold, change or anomaly
  std::string op;                           // threshold: ">=" or "<=" (what the KPI must stay)
  double value = 0;                         // threshold: the bound; change: percent; anomaly: z
  int days = 7;                             // the period (threshold, change) or the history (anomaly, default 28)
};

struct AlertSink {
  int64_t id = 0;
  std::string kind;    // log or webhook
  std::string target;  // the log file, or the webhook's URL
  std::string secret;  // webhook: the key of the HMAC-SHA256 signature
};

struct AlertEvent {
  int64_t alert_id = 0;
  std::string event;      // alert or recovery
  std::string rule;       // "rule:ID" or "target:ID"
  std::string kpi, scope;  // scope as "channel=chat", or ""
  std::optional<double> value;
  std::string message;
  std::string at;         // when it was raised, UTC
};

// An HTTP POST for webhooks: the response status, or 0 when the receiver could not be reached.
using HttpPost = std::function<int(const std::string& url, const std::string& body,
                                   const std::vector<std::pair<std::string, std::string>>& headers)>;

struct DeliveryPolicy {
  int attempts = 4;                                  // then a dead letter
  std::chrono::milliseconds first_backoff{1000};     // doubled after each failed attempt
};

// One POST tried up to `policy.attempts` times, the wait doubling after each failure (a 2xx
// status is delivered; anything else, or no answer, is retried).
struct PostOutcome {
  bool delivered = false;
  int attempts = 0;
  std::string error;  // of the last attempt: "HTTP 500" or "unreachable"
};
PostOutcome PostWithRetries(const HttpPost& post, const std::string& url, const std::string& body,
                            const std::vector<std::pair<std::string, std::string>>& headers, const DeliveryPolicy& policy);

Result<AlertRule> AddAlertRule(const std::string& db, const std::string& workspace, AlertRule rule);
Result<std::vector<AlertRule>> ListAlertRules(const std::string& db, const std::string& workspace);
Result<bool> DeleteAlertRule(const std::string& db, const std::string& workspace, int64_t id);
Result<AlertSink> AddAlertSink(const std::string& db, const std::string& workspace, AlertSink sink);
Result<std::vector<AlertSink>> ListAlertSinks(const std::string& db, const std::string& workspace);
Result<bool> DeleteAlertSink(const std::string& db, const std::string& workspace, int64_t id);
// The rules and sinks as JSON {"rules": [...], "sinks": [...]} (sinks without their secrets),
// as `supportlens alerts list --format json` and GET .../alerts/rules print them.
std::string AlertRulesJson(const std::vector<AlertRule>& rules, const std::vector<AlertSink>& sinks);
// A rule from its JSON form {"kpi", "scope": {"channel": "chat"}, "kind", "min" or "max"
// (threshold), "percent" (change), "z" (anomaly), "days"} (the HTTP API's body); a sink from
// {"kind": "log"|"webhook", "target", "secret"}. Errors name the field.
Result<AlertRule> AlertRuleFromJson(const std::string& body);
Result<AlertSink> AlertSinkFromJson(const std::string& body);

// Evaluates the rules and the set targets over the workspace's latest data (loaded here when
// `loaded` is null), opens and closes alerts in the database, and returns what changed.
Result<std::vector<AlertEvent>> EvaluateAlerts(const std::string& db, const std::string& workspace, const LoadedWorkspace* loaded = nullptr);
// Delivers events to every sink of the workspace and records each delivery (delivered or dead).
Status DeliverAlerts(const std::string& db, const std::string& workspace, const std::vector<AlertEvent>& events, const HttpPost& post,
                     const DeliveryPolicy& policy = {});
// The payload of an event (what webhooks receive and the log file gets, one JSON object), and
// its signature: "sha256=" and the hex HMAC-SHA256 of the payload with the sink's secret.
std::string AlertPayload(const std::string& workspace, const AlertEvent& event);
std::string AlertSignature(const std::string& secret, const std::string& payload);

// The alerts of the workspace, newest first, with their deliveries: JSON or a table.
Result<std::string> AlertHistory(const std::string& db, const std::string& workspace, const std::string& format);
std::string RenderAlertEvents(const std::vector<AlertEvent>& events, const std::string& format);

}  // namespace supportlens
