#include "ingest/derived_columns.h"

#include <cmath>
#include <iostream>
#include <limits>
#include <memory>
#include <unordered_map>

#include "supportlens/sentiment.h"

namespace supportlens {
namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

// The model for scoring at import, loaded once per process. Without it messages are stored
// unscored (said once on standard error), since a missing lexicon must not stop an import.
const SentimentModel* ImportSentimentModel() {
  static const std::shared_ptr<const SentimentModel> model = [] {
    auto m = SentimentModel::LoadDefault();
    if (m.ok()) return *m;
    std::cerr << "supportlens: warning: customer messages are stored without a sentiment score: " << m.status().message() << "\n";
    return std::shared_ptr<const SentimentModel>();
  }();
  return model.get();
}

double MessageSentiment(const EntitySpec& events, const TypedRecord& rec) {
  static const size_t type = static_cast<size_t>(FieldIndex(events, "type")), actor = static_cast<size_t>(FieldIndex(events, "actor_kind")),
                      text = static_cast<size_t>(FieldIndex(events, "text"));
  const Value &t = rec.values[type], &a = rec.values[actor], &x = rec.values[text];
  if (t.kind != Value::Kind::kText || t.s != "message" || a.kind != Value::Kind::kText || a.s != "customer" || x.kind != Value::Kind::kText ||
      x.s.empty())
    return kNone;
  const SentimentModel* model = ImportSentimentModel();
  if (!model) return kNone;
  // Canned and repeated texts ("thanks", templates) are scored once per thread.
  thread_local std::unordered_map<std::string, double> memo;
  if (auto it = memo.find(x.s); it != memo.end()) return it->second;
  const double compound = model->Score(x.s).compound;
  if (memo.size() < 4096 && x.s.size() <= 256) memo.emplace(x.s, compound);
  return compound;
}

}  // namespace

std::vector<double> DerivedColumns(const EntitySpec& spec, const TypedRecord& record) {
  if (spec.derived.empty()) return {};
  static const EntitySpec* events = FindEntity("events");
  std::vector<double> out(spec.derived.size(), kNone);
  if (&spec == events) out[0] = MessageSentiment(spec, record);
  return out;
}

}  // namespace supportlens
