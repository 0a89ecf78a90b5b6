#include "service/negative_feedback.h"

#include <cmath>
#include <ctime>

#include "core/time_zone.h"
#include "supportlens/sentiment.h"

namespace supportlens {
namespace {

std::string Text(const nlohmann::json& r, const char* field) {
  auto it = r.find(field);
  if (it == r.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

double Number(const nlohmann::json& r, const char* field, double otherwise) {
  auto it = r.find(field);
  if (it == r.end()) return otherwise;
  if (it->is_number()) return it->get<double>();
  if (it->is_string()) {
    char* end = nullptr;
    const std::string s = it->get<std::string>();
    double v = std::strtod(s.c_str(), &end);
    if (!s.empty() && end == s.c_str() + s.size()) return v;
  }
  return otherwise;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

void NegativeFeedbackLog::Observe(const std::string& entity, const nlohmann::json& records) {
  if (entity == "events") {
    auto model = SentimentModel::LoadDefault();
    if (!model.ok()) return;  // the import path has already said why messages go unscored
    for (const auto& r : records) {
      if (!r.is_object() || Lower(Text(r, "type")) != "message" || Lower(Text(r, "actor_kind")) != "customer") continue;
      const std::string text = Text(r, "text");
      if (text.empty()) continue;
      const SentimentScores s = (*model)->Score(text);
      if (s.compound > kStronglyNegativeCompound) continue;
      Add({{"kind", "message"},
           {"id", Text(r, "event_id")},
           {"ticket_id", Text(r, "ticket_id")},
           {"at", Text(r, "at")},
           {"text", text.size() > 280 ? text.substr(0, 277) + "..." : text},
           {"compound", s.compound},
           {"score", std::round(s.score() * 100) / 100}},
          "events/" + Text(r, "event_id"));
    }
  } else if (entity == "surveys") {
    for (const auto& r : records) {
      if (!r.is_object()) continue;
      const std::string kind = Lower(Text(r, "kind"));
      const double score = Number(r, "score", NAN);
      if (std::isnan(score)) continue;
      // Detractors: NPS 0-6 (on its 0-10 scale), CSAT in the bottom two points of its scale.
      bool negative = false;
      if (kind == "nps") {
        const double lo = Number(r, "scale_min", 0), hi = Number(r, "scale_max", 10);
        negative = hi > lo && (score - lo) / (hi - lo) * 10 <= 6;
      } else if (kind == "csat") {
        negative = score <= Number(r, "scale_min", 1) + 1;
      }
      if (!negative) continue;
      Add({{"kind", "survey"},
           {"id", Text(r, "response_id")},
           {"survey_kind", kind},
           {"ticket_id", Text(r, "ticket_id")},
           {"customer_id", Text(r, "customer_id")},
           {"at", Text(r, "answered_at")},
           {"text", Text(r, "comment")},
           {"score", score}},
          "surveys/" + Text(r, "response_id"));
    }
  }
}

void NegativeFeedbackLog::Add(nlohmann::json item, const std::string& key) {
  std::lock_guard lock(mu_);
  if (!keys_.insert(key).second) return;
  item["seq"] = ++seq_;
  item["received_at"] = FormatTimestampUtc(std::time(nullptr));
  item["key"] = key;
  items_.push_back(std::move(item));
  if (items_.size() > kKept) {
    keys_.erase(items_.front()["key"].get<std::string>());
    items_.pop_front();
  }
}

nlohmann::json NegativeFeedbackLog::After(int64_t after, size_t limit) const {
  std::lock_guard lock(mu_);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& item : items_) {
    if (item["seq"].get<int64_t>() <= after) continue;
    nlohmann::json shown = item;
    shown.erase("key");
    list.push_back(std::move(shown));
  }
  if (limit && list.size() > limit) list.erase(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(list.size() - limit));
  return {{"items", list}, {"last_seq", seq_}};
}

int64_t NegativeFeedbackLog::last_seq() const {
  std::lock_guard lock(mu_);
  return seq_;
}

}  // namespace supportlens
