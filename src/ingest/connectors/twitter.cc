// The public "Customer Support on Twitter" format (tweet_id, author_id, inbound, created_at,
// text, response_tweet_id, in_response_to_tweet_id): conversations rebuilt from reply chains,
// one ticket per conversation, each brand account an agent of its own team, customer tweets as
// customer messages and brand tweets as agent replies. Mapping: docs/connectors/twitter.md.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <unordered_map>

#include "core/civil_date.h"
#include "core/time_zone.h"
#include "ingest/connectors/connectors.h"
#include "ingest/csv_reader.h"

namespace supportlens {
namespace {

const std::vector<std::string> kRequired = {"tweet_id", "author_id", "inbound", "created_at", "text", "in_response_to_tweet_id"};

struct Tweet {
  int64_t line = 0;
  std::string raw, id, author, text, parent;
  bool inbound = false;
  int64_t at = 0;
};

// "Tue Oct 31 22:10:47 +0000 2017" (the Twitter API's created_at); ISO 8601 is taken too.
std::optional<int64_t> ParseTwitterTime(const std::string& s) {
  static const std::array<std::string_view, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char dow[4], mon[4], sign;
  int day, h, m, sec, oh, om, year;
  if (std::sscanf(s.c_str(), "%3s %3s %d %d:%d:%d %c%2d%2d %d", dow, mon, &day, &h, &m, &sec, &sign, &oh, &om, &year) == 10) {
    auto it = std::find(months.begin(), months.end(), std::string_view(mon));
    if (it == months.end() || day < 1 || day > 31 || h > 23 || m > 59 || sec > 60 || (sign != '+' && sign != '-')) return std::nullopt;
    const int64_t local = DaysFromCivil(year, static_cast<unsigned>(it - months.begin() + 1), static_cast<unsigned>(day)) * 86400 +
                          h * 3600 + m * 60 + sec;
    const int64_t offset = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
    return local - offset;
  }
  auto iso = ParseTimestamp(s, TimeZone::Utc());
  if (iso.ok()) return *iso;
  return std::nullopt;
}

// A tweet id as written, or as pandas writes a float column ("3.0").
std::optional<std::string> TweetId(std::string s) {
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  return s;
}

// The accounts a tweet addresses: its leading @mentions.
std::vector<std::string> Mentions(const std::string& text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size() || text[i] != '@') break;
    size_t start = ++i;
    while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

}  // namespace

Result<TranslatedSource> TranslateTwitterThreads(const std::string& path, const std::string& file) {
  SL_ASSIGN_OR_RETURN(auto reader, CsvReader::Open(path));
  CsvRecord row;
  if (!reader->Next(row)) return Status::InvalidData(fmt::format("{}: empty file (expected the tweet_id, author_id, ... header)", file));
  std::map<std::string, size_t> column;
  const std::vector<std::string> names = row.fields;
  for (size_t c = 0; c < names.size(); ++c) column[names[c]] = c;
  for (const std::string& name : kRequired)
    if (!column.count(name))
      return Status::InvalidData(fmt::format("{}:{}: {}: missing column (the Twitter support format needs {})", file, row.line, name,
                                             "tweet_id, author_id, inbound, created_at, text, in_response_to_tweet_id"));

  TranslatedSource out;
  std::vector<Tweet> tweets;
  std::unordered_map<std::string, size_t> by_id;
  while (reader->Next(row)) {
    auto issue = [&](const std::string& col, std::string reason) { out.issues.push_back({file, row.line, col, std::move(reason), row.raw}); };
    if (!row.error.empty()) {
      issue(row.error_field < names.size() ? names[row.error_field] : "record", row.error);
      continue;
    }
    auto field = [&](const std::string& name) -> std::string {
      size_t c = column[name];
      return c < row.fields.size() ? row.fields[c] : std::string();
    };
    if (row.fields.size() < column.size()) {
      issue("record", fmt::format("expected {} fields, found {}", column.size(), row.fields.size()));
      continue;
    }
    Tweet t;
    t.line = row.line;
    t.raw = row.raw;
    auto id = TweetId(field("tweet_id"));
    if (!id) {
      issue("tweet_id", fmt::format("not a tweet id: \"{}\"", field("tweet_id")));
      continue;
    }
    t.id = *id;
    t.author = field("author_id");
    if (t.author.empty()) {
      issue("author_id", "missing");
      continue;
    }
    std::string inbound = field("inbound");
    std::transform(inbound.begin(), inbound.end(), inbound.begin(), [](unsigned char c) { return std::tolower(c); });
    if (inbound != "true" && inbound != "false") {
      issue("inbound", fmt::format("expected True or False, got \"{}\"", field("inbound")));
      continue;
    }
    t.inbound = inbound == "true";
    auto at = ParseTwitterTime(field("created_at"));
    if (!at) {
      issue("created_at", fmt::format("not a time like \"Tue Oct 31 22:10:47 +0000 2017\": \"{}\"", field("created_at")));
      continue;
    }
    t.at = *at;
    t.text = field("text");
    const std::string parent = field("in_response_to_tweet_id");
    if (!parent.empty()) {
      auto p = TweetId(parent);
      if (!p) {
        issue("in_response_to_tweet_id", fmt::format("not a tweet id: \"{}\"", parent));
        continue;
      }
      t.parent = *p;
    }
    if (by_id.count(t.id)) {
      issue("tweet_id", fmt::format("duplicate id \"{}\" (first seen on line {})", t.id, tweets[by_id[t.id]].line));
      continue;
    }
    by_id.emplace(t.id, tweets.size());
    tweets.push_back(std::move(t));
  }

  // The conversation of a tweet: the first tweet up its reply chain that is in the file.
  std::vector<size_t> root(tweets.size());
  int64_t outside = 0;
  for (size_t i = 0; i < tweets.size(); ++i) {
    size_t r = i;
    std::set<size_t> seen;
    while (!tweets[r].parent.empty() && seen.insert(r).second) {
      auto it = by_id.find(tweets[r].parent);
      if (it == by_id.end()) break;
      r = it->second;
    }
    root[i] = r;
    if (i == r && !tweets[i].parent.empty() && !by_id.count(tweets[i].parent)) ++outside;
  }
  std::set<std::string> brands;
  for (const Tweet& t : tweets)
    if (!t.inbound) brands.insert(t.author);
  std::map<size_t, std::vector<size_t>> threads;  // root -> tweets, in file order
  for (size_t i = 0; i < tweets.size(); ++i) threads[root[i]].push_back(i);

  const EntitySpec &agents = *FindEntity("agents"), &customers = *FindEntity("customers"), &tickets = *FindEntity("tickets"),
                   &events = *FindEntity("events");
  out.entities.reserve(4);  // the references below must stay valid
  auto& agent_rows = out.entities.emplace_back(&agents, std::vector<RawRecord>()).second;
  auto& customer_rows = out.entities.emplace_back(&customers, std::vector<RawRecord>()).second;
  auto& ticket_rows = out.entities.emplace_back(&tickets, std::vector<RawRecord>()).second;
  auto& event_rows = out.entities.emplace_back(&events, std::vector<RawRecord>()).second;
  auto record = [](const EntitySpec& spec, const Tweet& source) {
    RawRecord r;
    r.line = source.line;
    r.raw = source.raw;
    r.values.assign(spec.fields.size(), std::nullopt);
    return r;
  };
  auto set = [](const EntitySpec& spec, RawRecord& r, const char* f, std::string v) {
    r.values[static_cast<size_t>(FieldIndex(spec, f))] = std::move(v);
  };
  std::set<std::string> customers_seen, brands_used;
  int64_t without_brand = 0, without_customer = 0;
  for (auto& [r, members] : threads) {
    std::stable_sort(members.begin(), members.end(), [&](size_t a, size_t b) { return tweets[a].at < tweets[b].at; });
    const Tweet& first = tweets[members.front()];
    const Tweet* first_inbound = nullptr;
    std::string brand;
    for (size_t i : members) {
      if (tweets[i].inbound && !first_inbound) first_inbound = &tweets[i];
      if (!tweets[i].inbound && brand.empty()) brand = tweets[i].author;
    }
    if (!first_inbound) {
      ++without_customer;  // brand tweets only: nobody asked anything in this file
      continue;
    }
    // Nobody answered: the brand the customer addressed, when it is a brand of the file.
    if (brand.empty())
      for (const std::string& m : Mentions(first_inbound->text))
        if (brands.count(m)) {
          brand = m;
          break;
        }
    if (brand.empty()) ++without_brand;
    const Tweet& root_tweet = tweets[r];
    RawRecord ticket = record(tickets, root_tweet);
    set(tickets, ticket, "ticket_id", root_tweet.id);
    set(tickets, ticket, "created_at", FormatTimestampUtc(first.at));
    set(tickets, ticket, "channel", "twitter");
    set(tickets, ticket, "customer_id", first_inbound->author);
    set(tickets, ticket, "subject", first_inbound->text.size() > 120 ? first_inbound->text.substr(0, 117) + "..." : first_inbound->text);
    ticket_rows.push_back(std::move(ticket));
    if (!brand.empty()) {
      brands_used.insert(brand);
      // The conversation belongs to the brand from its first tweet: --by team is per brand.
      RawRecord assign = record(events, root_tweet);
      set(events, assign, "event_id", "assign-" + root_tweet.id);
      set(events, assign, "ticket_id", root_tweet.id);
      set(events, assign, "at", FormatTimestampUtc(first.at));
      set(events, assign, "type", "assign");
      set(events, assign, "actor_kind", "system");
      set(events, assign, "assignee_id", brand);
      event_rows.push_back(std::move(assign));
    }
    for (size_t i : members) {
      const Tweet& t = tweets[i];
      if (t.inbound && customers_seen.insert(t.author).second) {
        RawRecord c = record(customers, t);
        set(customers, c, "customer_id", t.author);
        customer_rows.push_back(std::move(c));
      }
      RawRecord e = record(events, t);
      set(events, e, "event_id", t.id);
      set(events, e, "ticket_id", root_tweet.id);
      set(events, e, "at", FormatTimestampUtc(t.at));
      set(events, e, "type", "message");
      set(events, e, "actor_kind", t.inbound ? "customer" : "agent");
      if (!t.inbound) set(events, e, "actor_id", t.author);
      set(events, e, "text", t.text);
      event_rows.push_back(std::move(e));
    }
  }
  for (const std::string& b : brands_used) {
    Tweet source;
    source.line = 0;
    RawRecord a = record(agents, source);
    set(agents, a, "agent_id", b);
    set(agents, a, "name", b);
    set(agents, a, "team", b);
    agent_rows.push_back(std::move(a));
  }
  out.notes.push_back(fmt::format("{} tweets in {} conversations; {} replies to tweets not in the file start their own conversation",
                                  tweets.size(), ticket_rows.size(), outside));
  if (without_customer)
    out.notes.push_back(fmt::format("{} conversations of brand tweets only (their customer tweet is not in the file) left out", without_customer));
  if (without_brand)
    out.notes.push_back(fmt::format("{} conversations with no brand reply or mention: no team", without_brand));
  return out;
}

}  // namespace supportlens
