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

// The keys of the sums KPIs of the catalog share, costly enough that the engine runs the KPIs
// reading one on one thread (KpiDefinition::shares): the other thread would wait for the sum.
inline constexpr char kSegmentPopulations[] = "segment_populations";
inline constexpr char kOpenAtPeriodEnds[] = "open_at_period_ends";
inline constexpr char kSelfServiceSessions[] = "self_service_sessions";
inline constexpr char kTicketColumnCounts[] = "ticket_column_counts_of_created_groups";  // KpiContext::TicketColumns

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
  // Whether `key` has been asked for.
  bool Holds(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    return slots_.count(key) > 0;
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
