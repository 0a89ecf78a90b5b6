#pragma once
// Sources in other formats (call-center logs, social threads) translated into canonical records,
// which then go through the same validation, store checks and messages as a workspace folder's files.
#include <filesystem>
#include <string>
#include <vector>

#include "core/time_zone.h"
#include "ingest/record_source.h"
#include "model/entity_schema.h"

namespace supportlens {

struct TranslatedSource {
  // Per entity, in import order (calls before the agent states that may reference their agents).
  std::vector<std::pair<const EntitySpec*, std::vector<RawRecord>>> entities;
  std::vector<RowIssue> issues;      // lines that could not be translated: FILE:LINE: FIELD: reason
  std::vector<std::string> notes;    // what was left out on purpose, with counts
};

// The Technion "Anonymous Bank" call log: one row per call (vru+line, call_id, customer_id,
// priority, type, date, vru_entry, vru_exit, vru_time, q_start, q_exit, q_time, outcome,
// ser_start, ser_exit, ser_time, server). Clock times are local to `zone`.
Result<TranslatedSource> TranslateAnonymousBank(const std::string& path, const std::string& file, const TimeZone& zone);

// Asterisk's queue_log (epoch|callid|queue|agent|event|data1..data5): calls from ENTERQUEUE to
// CONNECT and COMPLETEAGENT/COMPLETECALLER/TRANSFER, or ABANDON/EXITWITHTIMEOUT/EXITWITHKEY;
// agent states from AGENTLOGIN/AGENTLOGOFF, PAUSE/UNPAUSE and the calls agents handled.
Result<TranslatedSource> TranslateAsteriskQueueLog(const std::string& path, const std::string& file);

// Twitter customer-support threads (tweet_id, author_id, inbound, created_at, text,
// response_tweet_id, in_response_to_tweet_id): a ticket per conversation, brands as agents and teams.
Result<TranslatedSource> TranslateTwitterThreads(const std::string& path, const std::string& file);

// A Zendesk Support export (JSON files of the API): tickets (the incremental export, with
// sideloaded users and groups or in files of their own), ticket audits, satisfaction ratings and
// ticket metrics; each file is recognised by its top-level key (docs/connectors/zendesk.md).
Result<TranslatedSource> TranslateZendesk(const std::vector<std::filesystem::path>& files);

// Chatwoot (JSON of its application API): conversations, their messages, CSAT survey responses,
// inboxes and agents; each item is recognised by its fields (docs/connectors/chatwoot.md).
Result<TranslatedSource> TranslateChatwoot(const std::vector<std::filesystem::path>& files);

// Freshdesk: the ticket CSV export (local times of `zone`) and, where present, the JSON of the
// conversations API for the same tickets (docs/connectors/freshdesk.md).
Result<TranslatedSource> TranslateFreshdesk(const std::vector<std::filesystem::path>& files, const TimeZone& zone);

// Any CSV through a mapping file (TOML): canonical entity -> field -> column, constant or
// template, with timestamp formats, value maps and a time zone (docs/connectors/csv.md).
Result<TranslatedSource> TranslateMappedCsv(const std::string& path, const std::string& file, const std::string& mapping_path);

}  // namespace supportlens
