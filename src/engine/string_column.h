#pragma once
// A column of strings stored end to end: one byte column and the offsets between them. Like a
// Column, it is either owned or a view of a memory-mapped snapshot, so that loading a million
// ids copies nothing and dropping them frees two buffers instead of a million strings.
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/column.h"

namespace supportlens {

class StringColumn {
 public:
  void push_back(std::string_view s) {
    if (offsets_.empty()) offsets_.push_back(0);
    bytes_.append(s.data(), s.data() + s.size());
    offsets_.push_back(bytes_.size());
  }
  std::string_view operator[](size_t i) const {
    return {bytes_.data() + offsets_[i], static_cast<size_t>(offsets_[i + 1] - offsets_[i])};
  }
  size_t size() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
  bool empty() const { return size() == 0; }

  // The stored form (a snapshot): offsets (size() + 1 of them, or none) and the bytes.
  const Column<uint64_t>& offsets() const { return offsets_; }
  const Column<char>& bytes() const { return bytes_; }
  // Restores the column from its stored form; false (and empty) when the offsets do not rise
  // within the bytes, as in a damaged file.
  bool Assign(Column<uint64_t> offsets, Column<char> bytes) {
    offsets_ = std::move(offsets);
    bytes_ = std::move(bytes);
    const Column<uint64_t>& o = offsets_;  // const access: a view must not be copied
    bool ok = o.empty() || (o[0] == 0 && o.back() == bytes_.size());
    for (size_t i = 1; ok && i < o.size(); ++i) ok = o[i] >= o[i - 1];
    if (!ok) *this = StringColumn();
    return ok;
  }

 private:
  Column<uint64_t> offsets_;
  Column<char> bytes_;
};

}  // namespace supportlens
