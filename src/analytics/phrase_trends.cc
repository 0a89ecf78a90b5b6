// Rising phrases: the words and two-word phrases whose share of tickets grows most in a period
// against the periods before it (include/supportlens/text_analytics.h, docs/topics.md).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "core/time_zone.h"
#include "engine/dataset.h"
#include "engine/report_engine.h"
#include "model/entity_schema.h"
#include "supportlens/text_analytics.h"

namespace supportlens {
namespace {

// English function words and the courtesies of support messages: frequent in every period,
// they say nothing about what is going wrong.
const std::unordered_set<std::string_view>& StopWords() {
  static const std::unordered_set<std::string_view> words = {
      "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren't", "as", "at",
      "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "can't", "cannot", "could",
      "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during", "each", "few", "for", "from",
      "further", "get", "got", "had", "hadn't", "has", "hasn't", "have", "haven't", "having", "he", "her", "here", "hers",
      "herself", "him", "himself", "his", "how", "i", "i'm", "i've", "i'll", "i'd", "if", "in", "into", "is", "isn't", "it",
      "it's", "its", "itself", "just", "let", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on",
      "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some",
      "still", "such", "than", "that", "that's", "the", "their", "theirs", "them", "themselves", "then", "there", "there's",
      "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "wasn't", "we", "we're",
      "were", "weren't", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "won't", "would",
      "you", "you're", "your", "yours", "yourself", "yourselves", "hi", "hello", "hey", "please", "thanks", "thank", "dm",
      "pm", "ok", "okay", "yes", "yeah", "one", "us", "via", "amp", "im", "dont", "cant", "ive", "thx", "pls", "plz"};
  return words;
}

bool IsWordByte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || c >= 0x80; }

// The phrases of a ticket's text, each once: words of three or more characters that are not
// stop words or numbers, and pairs of such words standing next to each other. Mentions and
// links are left out.
void AddPhrases(std::string_view text, std::vector<std::string>& words, std::unordered_set<std::string>& out) {
  std::string lower(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  words.clear();
  bool previous_was_word = false;  // the word just before (nothing in between) was kept
  size_t i = 0;
  auto flush_break = [&] { previous_was_word = false; };
  while (i < lower.size()) {
    // A whitespace-separated chunk that is a mention or a link breaks the phrase.
    if (lower[i] == '@' || lower.compare(i, 4, "http") == 0 || lower.compare(i, 4, "www.") == 0) {
      while (i < lower.size() && !std::isspace(static_cast<unsigned char>(lower[i]))) ++i;
      flush_break();
      continue;
    }
    if (!IsWordByte(static_cast<unsigned char>(lower[i]))) {
      // Spaces keep two words adjacent; punctuation ends a phrase.
      if (!std::isspace(static_cast<unsigned char>(lower[i]))) flush_break();
      ++i;
      continue;
    }
    size_t start = i;
    while (i < lower.size() && IsWordByte(static_cast<unsigned char>(lower[i]))) ++i;
    std::string_view w(lower.data() + start, i - start);
    while (!w.empty() && w.front() == '\'') w.remove_prefix(1);
    while (!w.empty() && w.back() == '\'') w.remove_suffix(1);
    if (w.size() > 2 && w.substr(w.size() - 2) == "'s") w.remove_suffix(2);
    const bool numeric = std::all_of(w.begin(), w.end(), [](char c) { return (c >= '0' && c <= '9') || c == '\''; });
    if (w.size() < 3 || numeric || StopWords().count(w)) {
      flush_break();
      continue;
    }
    out.emplace(w);
    if (previous_was_word) out.emplace(words.back() + " " + std::string(w));
    words.emplace_back(w);
    previous_was_word = true;
  }
}

}  // namespace

Result<PhraseTrendResult> RisingPhrases(SqliteStore& store, int64_t ws, const PhraseTrendRequest& r) {
  if (r.previous_periods < 1 || r.previous_periods > 52) return Status::InvalidArgument("--previous: expected 1 to 52 periods");
  SL_ASSIGN_OR_RETURN(DayNumber from_day, ParseDate(r.from));
  SL_ASSIGN_OR_RETURN(DayNumber to_day, ParseDate(r.to));
  if (to_day <= from_day) return Status::InvalidArgument("--to must be after --from");
  SL_ASSIGN_OR_RETURN(WorkspaceSettings settings, Dataset::LoadSettings(store, ws));
  const int64_t length = to_day - from_day;
  const int64_t start = settings.zone.ToUtc((from_day - length * r.previous_periods) * 86400),
                from = settings.zone.ToUtc(from_day * 86400), to = settings.zone.ToUtc(to_day * 86400);

  // The tickets of the period (1) and of the periods before (2), with their subjects.
  const EntitySpec& tickets = *FindEntity("tickets");
  std::vector<std::pair<std::string, std::string>> filters = r.filters;
  for (const auto& [dim, value] : filters)
    if (dim != "channel" && dim != "topic" && dim != "priority" && dim != "queue")
      return Status::InvalidArgument(fmt::format("filter: \"{}\" is not a ticket field here (channel, topic, priority, queue)", dim));
  std::vector<std::string> columns = {"ticket_id", "created_at", "subject"};
  for (const auto& f : filters) columns.push_back(f.first);
  struct TicketText {
    int period;
    std::string text;
  };
  std::unordered_map<std::string, TicketText> texts;
  SL_RETURN_IF_ERROR(store.Scan(ws, tickets, columns, [&](sqlite3_stmt* s) {
    const int64_t created = SqliteStore::ColumnInt(s, 1);
    if (created < start || created >= to) return;
    for (size_t k = 0; k < filters.size(); ++k)
      if (SqliteStore::ColumnText(s, static_cast<int>(3 + k)) != filters[k].second) return;
    texts.emplace(std::string(SqliteStore::ColumnText(s, 0)), TicketText{created >= from ? 1 : 2, std::string(SqliteStore::ColumnText(s, 2))});
  }));
  // What the customers wrote on them.
  SL_RETURN_IF_ERROR(store.Scan(ws, *FindEntity("events"), {"ticket_id", "type", "actor_kind", "text"}, [&](sqlite3_stmt* s) {
    if (SqliteStore::ColumnText(s, 1) != "message" || SqliteStore::ColumnText(s, 2) != "customer") return;
    auto it = texts.find(std::string(SqliteStore::ColumnText(s, 0)));
    if (it == texts.end()) return;
    it->second.text += '\n';
    it->second.text += SqliteStore::ColumnText(s, 3);
  }));

  PhraseTrendResult out;
  out.request = r;
  std::unordered_map<std::string, std::pair<int64_t, int64_t>> counts;  // phrase -> tickets now, before
  std::vector<std::string> words;
  std::unordered_set<std::string> phrases;
  for (const auto& [id, t] : texts) {
    phrases.clear();
    AddPhrases(t.text, words, phrases);
    if (phrases.empty()) continue;
    (t.period == 1 ? out.tickets : out.previous_tickets)++;
    for (const std::string& p : phrases) {
      auto& c = counts[p];
      (t.period == 1 ? c.first : c.second)++;
    }
  }
  if (out.tickets == 0 || out.previous_tickets == 0) return out;
  const double n1 = static_cast<double>(out.tickets), n2 = static_cast<double>(out.previous_tickets);
  for (const auto& [phrase, c] : counts) {
    if (c.first < r.min_tickets) continue;
    const double p1 = static_cast<double>(c.first) / n1, p2 = static_cast<double>(c.second) / n2;
    if (p1 <= p2) continue;
    // Two-proportion z test: is the rise more than the noise of these ticket counts?
    const double pooled = static_cast<double>(c.first + c.second) / (n1 + n2);
    const double se = std::sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    const double z = se > 0 ? (p1 - p2) / se : 0;
    if (z < 1.96) continue;
    PhraseTrend t;
    t.phrase = phrase;
    t.tickets = c.first;
    t.previous_tickets = c.second;
    t.share = std::round(p1 * 100 * 100) / 100;
    t.previous_share = std::round(p2 * 100 * 100) / 100;
    t.change = std::round((p1 - p2) * 100 * 100) / 100;
    t.z = std::round(z * 100) / 100;
    out.rising.push_back(std::move(t));
  }
  std::sort(out.rising.begin(), out.rising.end(), [](const PhraseTrend& a, const PhraseTrend& b) {
    if (a.change != b.change) return a.change > b.change;
    if (a.tickets != b.tickets) return a.tickets > b.tickets;
    return a.phrase < b.phrase;
  });
  if (r.top && out.rising.size() > r.top) out.rising.resize(r.top);
  return out;
}

Result<PhraseTrendResult> RisingPhrases(const std::string& source, const std::string& workspace, const PhraseTrendRequest& r) {
  SL_ASSIGN_OR_RETURN(auto store, OpenSourceStore(source, workspace));
  SL_ASSIGN_OR_RETURN(int64_t ws, store->Workspace(workspace, false));
  return RisingPhrases(*store, ws, r);
}

std::string RenderPhraseTrends(const PhraseTrendResult& result, const std::string& format) {
  const auto& r = result.request;
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& p : result.rising)
      list.push_back({{"phrase", p.phrase}, {"tickets", p.tickets}, {"previous_tickets", p.previous_tickets}, {"share", p.share},
                      {"previous_share", p.previous_share}, {"change", p.change}, {"z", p.z}});
    return nlohmann::json{{"from", r.from}, {"to", r.to}, {"previous_periods", r.previous_periods}, {"tickets", result.tickets},
                          {"previous_tickets", result.previous_tickets}, {"rising", list}}
               .dump() +
           "\n";
  }
  std::string out = fmt::format("Rising phrases {} .. {} against the {} periods before: {} tickets with text, {} before\n", r.from,
                                r.to, r.previous_periods, result.tickets, result.previous_tickets);
  if (result.rising.empty()) return out + "no phrase rises beyond the noise (z >= 1.96)\n";
  out += fmt::format("{:<28} {:>8} {:>8} {:>8} {:>9} {:>8} {:>6}\n", "phrase", "tickets", "share", "before", "prev.share", "change", "z");
  for (const auto& p : result.rising)
    out += fmt::format("{:<28} {:>8} {:>7.2f}% {:>8} {:>8.2f}% {:>+7.2f} {:>6.2f}\n", p.phrase, p.tickets, p.share, p.previous_tickets,
                       p.previous_share, p.change, p.z);
  return out;
}

}  // namespace supportlens
