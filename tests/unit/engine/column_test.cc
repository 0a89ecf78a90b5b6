#include "engine/column.h"

#include <gtest/gtest.h>

namespace supportlens {
namespace {

TEST(Column, OwnedColumnsBehaveLikeVectors) {
  Column<int64_t> c;
  for (int64_t i = 0; i < 1000; ++i) c.push_back(i * 3);
  ASSERT_EQ(c.size(), 1000u);
  EXPECT_EQ(c[999], 2997);
  c[0] = 7;
  EXPECT_EQ(c.data()[0], 7);
  Column<int64_t> moved = std::move(c);
  EXPECT_EQ(moved.size(), 1000u);
  EXPECT_EQ(moved[1], 3);
  Column<int64_t> copy = moved;
  copy[1] = 100;
  EXPECT_EQ(moved[1], 3) << "a copy owns its values";
}

TEST(Column, ViewsReadInPlaceAndCopyOnWrite) {
  const int32_t mapped[] = {5, 6, 7};
  Column<int32_t> v;
  v.View(mapped, 3);
  EXPECT_EQ(v.data(), mapped) << "no copy";
  const Column<int32_t>& read = v;
  EXPECT_EQ(read[2], 7);
  int32_t sum = 0;
  for (int32_t x : read) sum += x;
  EXPECT_EQ(sum, 18);
  Column<int32_t> shared = v;
  EXPECT_EQ(shared.data(), mapped) << "copying a view shares the mapping";
  v.push_back(8);  // building on a view takes a private copy first
  EXPECT_NE(v.data(), mapped);
  EXPECT_EQ(v.size(), 4u);
  shared[0] = 50;  // so does writing through a view
  EXPECT_EQ(mapped[0], 5);
  EXPECT_EQ(read[0], 5);
}

}  // namespace
}  // namespace supportlens
