// A report's contexts share a sum: it is computed once, by the first to ask, and every context
// reads the same value, also when they ask at the same time from two threads.
#include "kpi/shared_sums.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace supportlens {
namespace {

TEST(SharedSums, ComputesEachKeyOnceForEveryThread) {
  SharedSums shared;
  std::atomic<int> computed{0};
  auto sum = [&] {
    ++computed;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the other thread asks meanwhile
    return std::vector<int>{1, 2, 3};
  };
  const std::vector<int>* seen[2] = {nullptr, nullptr};
  std::thread other([&] { seen[1] = &shared.Once<std::vector<int>>("populations", sum); });
  seen[0] = &shared.Once<std::vector<int>>("populations", sum);
  other.join();
  EXPECT_EQ(computed.load(), 1);
  EXPECT_EQ(seen[0], seen[1]);
  EXPECT_EQ(*seen[0], (std::vector<int>{1, 2, 3}));
  // Another key is another sum.
  EXPECT_EQ(shared.Once<int>("other", [] { return 7; }), 7);
  EXPECT_EQ(computed.load(), 1);
}

}  // namespace
}  // namespace supportlens
