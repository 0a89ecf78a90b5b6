#pragma once
// Call-center logs translated into canonical records (calls, agent states), which then go
// through the same validation, store checks and messages as a workspace folder's files.
#include <string>
#include <vector>

#include "core/time_zone.h"
#include "ingest/record_source.h"
#include "model/entity_schema.h"

namespace supportlens {

struct TranslatedLog {
  // Per entity, in import order (calls before the agent states that may reference their agents).
  std::vector<std::pair<const EntitySpec*, std::vector<RawRecord>>> entities;
  std::vector<RowIssue> issues;      // lines that could not be translated: FILE:LINE: FIELD: reason
  std::vector<std::string> notes;    // what was left out on purpose, with counts
};

// The Technion "Anonymous Bank" call log: one row per call (vru+line, call_id, customer_id,
// priority, type, date, vru_entry, vru_exit, vru_time, q_start, q_exit, q_time, outcome,
// ser_start, ser_exit, ser_time, server). Clock times are local to `zone`.
Result<TranslatedLog> TranslateAnonymousBank(const std::string& path, const std::string& file, const TimeZone& zone);

// Asterisk's queue_log (epoch|callid|queue|agent|event|data1..data5): calls from ENTERQUEUE to
// CONNECT and COMPLETEAGENT/COMPLETECALLER/TRANSFER, or ABANDON/EXITWITHTIMEOUT/EXITWITHKEY;
// agent states from AGENTLOGIN/AGENTLOGOFF, PAUSE/UNPAUSE and the calls agents handled.
Result<TranslatedLog> TranslateAsteriskQueueLog(const std::string& path, const std::string& file);

}  // namespace supportlens
