#pragma once
// String interning for dimension values: the engine works on dense int32 ids.
//
// The values are a StringColumn, so that a snapshot's dictionaries (a million ticket ids) are
// views of the mapped file; the index is open addressing over ids, built on first lookup. Each
// slot keeps the upper half of its value's hash beside the id, so a probe reads a stored string
// (a cache miss into a million ids) only when the hashes agree.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/string_column.h"

namespace supportlens {

class Dictionary {
 public:
  static constexpr int32_t kNone = -1;

  int32_t Intern(std::string_view s) {
    if (s.empty()) return kNone;
    EnsureIndex();
    const uint64_t h = Hash(s);
    size_t slot = Probe(s, h);
    if (slots_[slot].id >= 0) return slots_[slot].id;
    const auto id = static_cast<int32_t>(values_.size());
    values_.push_back(s);
    slots_[slot] = {Tag(h), id};
    indexed_ = values_.size();
    if (indexed_ * 2 > slots_.size()) Rebuild();
    return id;
  }
  // Adds a value known not to be here yet (a unique key: the store's ticket ids) without a
  // lookup; the index takes it on the next one, so a million ids are indexed once, not rehashed
  // each time the table doubles.
  int32_t AppendNew(std::string_view s) {
    const auto id = static_cast<int32_t>(values_.size());
    values_.push_back(s);
    return id;
  }
  int32_t Find(std::string_view s) const {
    EnsureIndex();
    if (s.empty()) return kNone;
    return slots_[Probe(s, Hash(s))].id;
  }
  void Index() const { EnsureIndex(); }  // builds the lookup index now instead of on first Find
  std::string_view at(int32_t id) const { return values_[static_cast<size_t>(id)]; }
  // The value of an id as a string, or `none` for -1 (a record without the dimension).
  std::string Name(int32_t id, std::string_view none = {}) const { return std::string(id >= 0 ? at(id) : none); }
  size_t size() const { return values_.size(); }
  const StringColumn& values() const { return values_; }
  // Restores a dictionary from its values (a snapshot); the index is rebuilt on first lookup.
  void Assign(StringColumn values) {
    values_ = std::move(values);
    slots_.clear();
    indexed_ = 0;
  }

 private:
  struct Slot {
    uint32_t tag = 0;  // upper 32 bits of the value's hash
    int32_t id = kNone;
  };
  static uint64_t Hash(std::string_view s) { return std::hash<std::string_view>{}(s); }
  static uint32_t Tag(uint64_t h) { return static_cast<uint32_t>(h >> 32); }
  // The slot holding `s`, or the empty slot where it would go (open addressing, load <= 1/2).
  size_t Probe(std::string_view s, uint64_t h) const {
    const size_t mask = slots_.size() - 1;
    const uint32_t tag = Tag(h);
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.id < 0 || (slot.tag == tag && values_[static_cast<size_t>(slot.id)] == s)) return i;
    }
  }
  void Rebuild() const {
    size_t capacity = 64;
    while (capacity < values_.size() * 2 + 2) capacity *= 2;
    slots_.assign(capacity, Slot{});
    indexed_ = 0;
    Insert();
  }
  void Insert() const {
    for (; indexed_ < values_.size(); ++indexed_) {
      const std::string_view v = values_[indexed_];
      const uint64_t h = Hash(v);
      slots_[Probe(v, h)] = {Tag(h), static_cast<int32_t>(indexed_)};
    }
  }
  void EnsureIndex() const {
    if (values_.size() * 2 + 2 > slots_.size()) Rebuild();
    else Insert();
  }
  StringColumn values_;
  mutable std::vector<Slot> slots_;  // ids by hash, id -1 empty
  mutable size_t indexed_ = 0;       // ids [0, indexed_) are in slots_
};

}  // namespace supportlens
