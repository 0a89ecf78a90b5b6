#pragma once
// The live follow-up list of one workspace: customer messages with strongly negative sentiment
// and detractor surveys as they arrive through the API, kept in memory (the newest 500) for the
// dashboard, which receives each one over the live stream as soon as its batch is committed.
#include <cstdint>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_set>

namespace supportlens {

class NegativeFeedbackLog {
 public:
  // Looks through a committed batch of `entity` records (events or surveys) for negative feedback.
  void Observe(const std::string& entity, const nlohmann::json& records);
  // {"items": [... newer than `after`, oldest first; the newest `limit` of them], "last_seq": N}
  nlohmann::json After(int64_t after, size_t limit) const;
  int64_t last_seq() const;

 private:
  void Add(nlohmann::json item, const std::string& key);
  static constexpr size_t kKept = 500;
  mutable std::mutex mu_;
  std::deque<nlohmann::json> items_;
  std::unordered_set<std::string> keys_;  // of the kept items: a retried batch adds nothing twice
  int64_t seq_ = 0;
};

}  // namespace supportlens
