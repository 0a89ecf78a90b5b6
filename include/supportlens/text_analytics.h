#pragma once
// What customers write: sentiment per ticket and per customer (with each ticket's trend across
// its messages), and the phrases whose share of tickets rises against the previous periods.
// Method: docs/sentiment.md and docs/topics.md.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "supportlens/result.h"

namespace supportlens {

class LoadedWorkspace;
class SqliteStore;

struct SentimentListRequest {
  std::string from, to;  // YYYY-MM-DD, local; tickets created in [from, to); empty: no bound
  std::vector<std::pair<std::string, std::string>> filters;  // channel, topic, priority, queue, agent, team, customer_segment
  bool open_only = false;  // only tickets not resolved now
  size_t limit = 20;       // 0: all
};

struct MessageScore {
  std::string at;  // UTC, ISO 8601
  double score = 0;  // 0-100
};

struct TicketSentiment {
  std::string ticket_id, created_at, channel, topic, customer_id, agent;
  bool open = false;
  double score = 0;                   // mean of its customer messages, 0-100
  double first_score = 0, last_score = 0;
  double trend = 0;                   // last - first: how the customer's mood moved
  std::optional<int64_t> first_reply_seconds;  // calendar seconds to the first agent reply, if any
  std::vector<MessageScore> messages;  // in time order
};

struct CustomerSentiment {
  std::string customer_id, segment;
  int64_t tickets = 0, open_tickets = 0, messages = 0;
  double score = 0;                   // mean over their messages
  double first_score = 0, last_score = 0, trend = 0;  // first and last message of the period
};

// Tickets with at least one scored customer message, most negative first (mean score, then the
// last message's).
Result<std::vector<TicketSentiment>> TicketSentiments(const LoadedWorkspace& workspace, const SentimentListRequest& request);
Result<std::vector<CustomerSentiment>> CustomerSentiments(const LoadedWorkspace& workspace, const SentimentListRequest& request);
std::string RenderTicketSentiments(const std::vector<TicketSentiment>& tickets, const std::string& format);  // json or table
std::string RenderCustomerSentiments(const std::vector<CustomerSentiment>& customers, const std::string& format);

struct PhraseTrendRequest {
  std::string from, to;      // the period, YYYY-MM-DD local, [from, to)
  int previous_periods = 4;  // compared with this many periods of the same length just before
  size_t top = 20;
  int64_t min_tickets = 5;   // in the period, for a phrase to be listed
  std::vector<std::pair<std::string, std::string>> filters;  // channel, topic, priority, queue
};

struct PhraseTrend {
  std::string phrase;  // one word or two
  int64_t tickets = 0, previous_tickets = 0;  // tickets whose text holds it: in the period, before
  double share = 0, previous_share = 0;       // of the period's tickets, percent
  double change = 0;                          // share - previous_share, percentage points
  double z = 0;                               // two-proportion z statistic of the change
};

struct PhraseTrendResult {
  PhraseTrendRequest request;
  int64_t tickets = 0, previous_tickets = 0;  // tickets with text, in the period and before
  std::vector<PhraseTrend> rising;
};

// Reads ticket subjects and customer messages from the store. Phrases are the words (stop words
// left out) and two-word sequences of a ticket's text; each counts once per ticket.
Result<PhraseTrendResult> RisingPhrases(SqliteStore& store, int64_t workspace, const PhraseTrendRequest& request);
Result<PhraseTrendResult> RisingPhrases(const std::string& source, const std::string& workspace, const PhraseTrendRequest& request);
std::string RenderPhraseTrends(const PhraseTrendResult& result, const std::string& format);  // json or table

}  // namespace supportlens
