#pragma once
// Sums that every context of one report can share: its two threads and the scorecard's
// breakdown query have the same window and periods, so a sum over records that depends on
// nothing else (agent state seconds, customer populations) is computed once, by the first
// context to ask, and read by the others.
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace supportlens {

class SharedSums {
 public:
  // The value compute() gives for `key`: computed by the first caller, the others wait for it.
  template <typename T, typename Compute>
  const T& Once(const std::string& key, Compute&& compute) {
    Slot* slot;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      slot = &slots_[key];  // map nodes stay where they are
    }
    std::call_once(slot->once, [&] { slot->value = std::make_shared<T>(compute()); });
    return *static_cast<const T*>(slot->value.get());
  }

 private:
  struct Slot {
    std::once_flag once;
    std::shared_ptr<void> value;
  };
  std::mutex mutex_;
  std::map<std::string, Slot> slots_;
};

}  // namespace supportlens
