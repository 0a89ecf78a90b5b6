#pragma once
// A column of plain values: either owned (built by the loader or the fold, vector-like) or a
// read-only view into a memory-mapped snapshot, so that a fresh process uses the snapshot's
// pages from the page cache instead of allocating, zeroing and copying them.
#include <cstddef>
#include <type_traits>
#include <vector>

namespace supportlens {

template <typename T>
class Column {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  Column() = default;
  Column(const Column& o) : owned_(o.view_ ? std::vector<T>() : o.owned_), data_(o.data_), size_(o.size_), view_(o.view_) { Sync(); }
  Column(Column&& o) noexcept : owned_(std::move(o.owned_)), data_(o.data_), size_(o.size_), view_(o.view_) { Sync(); o.Reset(); }
  Column& operator=(const Column& o) {
    if (this != &o) { Column copy(o); *this = std::move(copy); }
    return *this;
  }
  Column& operator=(Column&& o) noexcept {
    owned_ = std::move(o.owned_);
    data_ = o.data_;
    size_ = o.size_;
    view_ = o.view_;
    Sync();
    o.Reset();
    return *this;
  }

  // Points at `n` values that outlive the column (a mapping the Dataset keeps alive).
  void View(const T* data, size_t n) {
    owned_ = std::vector<T>();
    data_ = data;
    size_ = n;
    view_ = true;
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T* data() const { return data_; }
  const T& operator[](size_t i) const { return data_[i]; }
  // Writable access takes a private copy of a view first (copy on write).
  T& operator[](size_t i) { Own(); return owned_[i]; }
  const T& back() const { return data_[size_ - 1]; }
  T& back() { Own(); return owned_.back(); }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

  // Building: only on owned columns.
  void push_back(const T& v) { Own(); owned_.push_back(v); Sync(); }
  void resize(size_t n) { Own(); owned_.resize(n); Sync(); }
  void assign(size_t n, const T& v) { Own(); owned_.assign(n, v); Sync(); }
  void assign(const T* first, const T* last) { Own(); owned_.assign(first, last); Sync(); }
  void append(const T* first, const T* last) { Own(); owned_.insert(owned_.end(), first, last); Sync(); }
  void reserve(size_t n) { Own(); owned_.reserve(n); Sync(); }
  T* mutable_data() { Own(); return owned_.data(); }

 private:
  void Own() {
    if (view_) {
      owned_.assign(data_, data_ + size_);
      view_ = false;
      Sync();
    }
  }
  void Sync() {
    if (!view_) {
      data_ = owned_.data();
      size_ = owned_.size();
    }
  }
  void Reset() {
    owned_.clear();
    data_ = nullptr;
    size_ = 0;
    view_ = false;
  }
  std::vector<T> owned_;
  const T* data_ = nullptr;
  size_t size_ = 0;
  bool view_ = false;
};

}  // namespace supportlens
