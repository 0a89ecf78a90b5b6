// Sentiment per ticket and per customer, from the customer messages scored at import
// (include/supportlens/text_analytics.h).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "core/time_zone.h"
#include "engine/report_engine.h"
#include "supportlens/text_analytics.h"

namespace supportlens {
namespace {


// Whether ticket t passes the request's window and filters.
Result<std::function<bool(size_t)>> TicketFilter(const LoadedWorkspace& ws, const SentimentListRequest& r) {
  const Dataset& d = ws.data();
  const TicketFacts& f = ws.facts();
  int64_t from = std::numeric_limits<int64_t>::min(), to = std::numeric_limits<int64_t>::max();
  if (!r.from.empty()) {
    SL_ASSIGN_OR_RETURN(DayNumber day, ParseDate(r.from));
    from = d.settings.zone.ToUtc(day * 86400);
  }
  if (!r.to.empty()) {
    SL_ASSIGN_OR_RETURN(DayNumber day, ParseDate(r.to));
    to = d.settings.zone.ToUtc(day * 86400);
  }
  std::vector<std::function<bool(size_t)>> tests;
  for (const auto& [dim, value] : r.filters) {
    auto id_in = [&](const Dictionary& dict) { return dict.Find(value); };
    if (dim == "channel") tests.push_back([&d, id = id_in(d.dict.channel)](size_t t) { return d.tickets.channel[t] == id; });
    else if (dim == "topic") tests.push_back([&d, id = id_in(d.dict.topic)](size_t t) { return d.tickets.topic[t] == id; });
    else if (dim == "priority") tests.push_back([&d, id = id_in(d.dict.priority)](size_t t) { return d.tickets.priority[t] == id; });
    else if (dim == "queue") tests.push_back([&d, id = id_in(d.dict.queue)](size_t t) { return d.tickets.queue[t] == id; });
    else if (dim == "customer_segment")
      tests.push_back([&d, id = id_in(d.dict.segment)](size_t t) { return d.CustomerSegment(d.tickets.customer[t]) == id; });
    else if (dim == "agent") tests.push_back([&f, id = id_in(d.dict.agent)](size_t t) { return f.owner[t] == id; });
    else if (dim == "team") tests.push_back([&d, &f, id = id_in(d.dict.team)](size_t t) { return d.AgentTeam(f.owner[t]) == id; });
    else
      return Status::InvalidArgument(fmt::format(
          "filter: unknown dimension \"{}\" (channel, topic, priority, queue, customer_segment, agent, team)", dim));
  }
  return std::function<bool(size_t)>([&d, &f, from, to, open_only = r.open_only, tests = std::move(tests)](size_t t) {
    const int64_t created = d.tickets.created_at[t];
    if (created < from || created >= to) return false;
    if (open_only && f.final_solve_at[t] != kNoTime) return false;
    return std::all_of(tests.begin(), tests.end(), [t](const auto& test) { return test(t); });
  });
}

// Calls fn(event) for each scored customer message of ticket t, in time order.
template <typename F>
void ForEachScoredMessage(const Dataset& d, size_t t, F&& fn) {
  const auto& ev = d.events;
  for (uint32_t e = d.tickets.event_begin[t]; e < d.tickets.event_begin[t + 1]; ++e)
    if (ev.type[e] == EventType::kMessage && ev.actor_kind[e] == ActorKind::kCustomer && ev.sentiment[e] != kNoSentiment) fn(e);
}

}  // namespace

Result<std::vector<TicketSentiment>> TicketSentiments(const LoadedWorkspace& ws, const SentimentListRequest& r) {
  SL_ASSIGN_OR_RETURN(auto keep, TicketFilter(ws, r));
  const Dataset& d = ws.data();
  std::vector<TicketSentiment> out;
  for (size_t t = 0; t < d.tickets.size(); ++t) {
    if (!keep(t)) continue;
    TicketSentiment ts;
    int64_t sum = 0;
    ForEachScoredMessage(d, t, [&](uint32_t e) {
      ts.messages.push_back({FormatTimestampUtc(d.events.at[e]), SentimentScoreOf(d.events.sentiment[e], 1)});
      sum += d.events.sentiment[e];
    });
    if (ts.messages.empty()) continue;
    ts.ticket_id = d.dict.ticket.at(static_cast<int32_t>(t));
    ts.created_at = FormatTimestampUtc(d.tickets.created_at[t]);
    ts.channel = d.dict.channel.Name(d.tickets.channel[t]);
    ts.topic = d.dict.topic.Name(d.tickets.topic[t]);
    ts.customer_id = d.dict.customer.Name(d.tickets.customer[t]);
    ts.agent = d.dict.agent.Name(ws.facts().owner[t]);
    ts.open = ws.facts().final_solve_at[t] == kNoTime;
    if (ws.facts().first_reply_at[t] != kNoTime) ts.first_reply_seconds = ws.facts().first_reply_at[t] - ws.facts().frt_start[t];
    ts.score = SentimentScoreOf(sum, static_cast<int64_t>(ts.messages.size()));
    ts.first_score = ts.messages.front().score;
    ts.last_score = ts.messages.back().score;
    ts.trend = Round2(ts.last_score - ts.first_score);
    out.push_back(std::move(ts));
  }
  std::stable_sort(out.begin(), out.end(), [](const TicketSentiment& a, const TicketSentiment& b) {
    return a.score != b.score ? a.score < b.score : a.last_score < b.last_score;
  });
  if (r.limit && out.size() > r.limit) out.resize(r.limit);
  return out;
}

Result<std::vector<CustomerSentiment>> CustomerSentiments(const LoadedWorkspace& ws, const SentimentListRequest& r) {
  SL_ASSIGN_OR_RETURN(auto keep, TicketFilter(ws, r));
  const Dataset& d = ws.data();
  struct State {
    CustomerSentiment c;
    int64_t sum = 0;
    int64_t first_at = 0, last_at = 0;
  };
  std::map<int32_t, State> by_customer;
  for (size_t t = 0; t < d.tickets.size(); ++t) {
    const int32_t customer = d.tickets.customer[t];
    if (customer < 0 || !keep(t)) continue;
    bool any = false;
    ForEachScoredMessage(d, t, [&](uint32_t e) {
      State& s = by_customer[customer];
      const int64_t at = d.events.at[e];
      const double score = SentimentScoreOf(d.events.sentiment[e], 1);
      if (s.c.messages == 0 || at < s.first_at) s.first_at = at, s.c.first_score = score;
      if (s.c.messages == 0 || at >= s.last_at) s.last_at = at, s.c.last_score = score;
      ++s.c.messages;
      s.sum += d.events.sentiment[e];
      any = true;
    });
    if (!any) continue;
    State& s = by_customer[customer];
    ++s.c.tickets;
    s.c.open_tickets += ws.facts().final_solve_at[t] == kNoTime;
  }
  std::vector<CustomerSentiment> out;
  for (auto& [customer, s] : by_customer) {
    s.c.customer_id = d.dict.customer.at(customer);
    s.c.segment = d.dict.segment.Name(d.CustomerSegment(customer));
    s.c.score = SentimentScoreOf(s.sum, s.c.messages);
    s.c.trend = Round2(s.c.last_score - s.c.first_score);
    out.push_back(std::move(s.c));
  }
  std::stable_sort(out.begin(), out.end(), [](const CustomerSentiment& a, const CustomerSentiment& b) {
    return a.score != b.score ? a.score < b.score : a.last_score < b.last_score;
  });
  if (r.limit && out.size() > r.limit) out.resize(r.limit);
  return out;
}

std::string RenderTicketSentiments(const std::vector<TicketSentiment>& tickets, const std::string& format) {
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& t : tickets) {
      nlohmann::json messages = nlohmann::json::array();
      for (const auto& m : t.messages) messages.push_back({{"at", m.at}, {"score", m.score}});
      list.push_back({{"ticket_id", t.ticket_id}, {"created_at", t.created_at}, {"channel", t.channel}, {"topic", t.topic},
                      {"customer_id", t.customer_id}, {"agent", t.agent}, {"open", t.open}, {"score", t.score},
                      {"first_score", t.first_score}, {"last_score", t.last_score}, {"trend", t.trend},
                      {"first_reply_seconds", t.first_reply_seconds ? nlohmann::json(*t.first_reply_seconds) : nlohmann::json()},
                      {"messages", messages}});
    }
    return nlohmann::json{{"tickets", list}}.dump() + "\n";
  }
  std::string out = fmt::format("{:<14} {:<8} {:<16} {:<5} {:>6} {:>6} {:>6} {:>7}  {}\n", "ticket", "channel", "agent", "open", "score",
                                "first", "last", "trend", "messages");
  for (const auto& t : tickets)
    out += fmt::format("{:<14} {:<8} {:<16} {:<5} {:>6.1f} {:>6.1f} {:>6.1f} {:>+7.1f}  {}\n", t.ticket_id, t.channel, t.agent,
                       t.open ? "yes" : "no", t.score, t.first_score, t.last_score, t.trend, t.messages.size());
  return out;
}

std::string RenderCustomerSentiments(const std::vector<CustomerSentiment>& customers, const std::string& format) {
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : customers)
      list.push_back({{"customer_id", c.customer_id}, {"segment", c.segment}, {"tickets", c.tickets}, {"open_tickets", c.open_tickets},
                      {"messages", c.messages}, {"score", c.score}, {"first_score", c.first_score}, {"last_score", c.last_score},
                      {"trend", c.trend}});
    return nlohmann::json{{"customers", list}}.dump() + "\n";
  }
  std::string out = fmt::format("{:<14} {:<12} {:>7} {:>5} {:>8} {:>6} {:>7}\n", "customer", "segment", "tickets", "open", "messages",
                                "score", "trend");
  for (const auto& c : customers)
    out += fmt::format("{:<14} {:<12} {:>7} {:>5} {:>8} {:>6.1f} {:>+7.1f}\n", c.customer_id, c.segment, c.tickets, c.open_tickets,
                       c.messages, c.score, c.trend);
  return out;
}

}  // namespace supportlens
