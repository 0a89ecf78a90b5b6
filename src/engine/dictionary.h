#pragma once
// String interning for dimension values: the engine works on dense int32 ids.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace supportlens {

class Dictionary {
  // Transparent hashing: lookups by string_view allocate nothing.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

 public:
  static constexpr int32_t kNone = -1;
  int32_t Intern(std::string_view s) {
    if (s.empty()) return kNone;
    EnsureIndex();
    auto it = index_.find(s);
    if (it != index_.end()) return it->second;
    int32_t id = static_cast<int32_t>(values_.size());
    values_.emplace_back(s);
    index_.emplace(values_.back(), id);
    indexed_ = values_.size();
    return id;
  }
  int32_t Find(std::string_view s) const {
    EnsureIndex();
    auto it = index_.find(s);
    return it == index_.end() ? kNone : it->second;
  }
  void Index() const { EnsureIndex(); }  // builds the lookup index now instead of on first Find
  const std::string& at(int32_t id) const { return values_[static_cast<size_t>(id)]; }
  size_t size() const { return values_.size(); }
  const std::vector<std::string>& values() const { return values_; }
  // Restores a dictionary from its values (a snapshot); the index is rebuilt on first lookup.
  void Assign(std::vector<std::string> values) {
    values_ = std::move(values);
    index_.clear();
    indexed_ = 0;
  }

 private:
  void EnsureIndex() const {
    for (; indexed_ < values_.size(); ++indexed_) index_.emplace(values_[indexed_], static_cast<int32_t>(indexed_));
  }
  std::vector<std::string> values_;
  mutable std::unordered_map<std::string, int32_t, Hash, std::equal_to<>> index_;
  mutable size_t indexed_ = 0;  // values_[0, indexed_) are in index_
};

}  // namespace supportlens
