#pragma once
// String interning for dimension values: the engine works on dense int32 ids.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace supportlens {

class Dictionary {
 public:
  static constexpr int32_t kNone = -1;
  int32_t Intern(std::string_view s) {
    if (s.empty()) return kNone;
    auto it = index_.find(std::string(s));
    if (it != index_.end()) return it->second;
    int32_t id = static_cast<int32_t>(values_.size());
    values_.emplace_back(s);
    index_.emplace(values_.back(), id);
    return id;
  }
  int32_t Find(std::string_view s) const {
    auto it = index_.find(std::string(s));
    return it == index_.end() ? kNone : it->second;
  }
  const std::string& at(int32_t id) const { return values_[static_cast<size_t>(id)]; }
  size_t size() const { return values_.size(); }

 private:
  std::vector<std::string> values_;
  std::unordered_map<std::string, int32_t> index_;
};

}  // namespace supportlens
