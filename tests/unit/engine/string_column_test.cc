#include "engine/string_column.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/dictionary.h"

namespace supportlens {
namespace {

TEST(StringColumn, StoresStringsEndToEnd) {
  StringColumn c;
  EXPECT_TRUE(c.empty());
  c.push_back("T-1");
  c.push_back("");
  c.push_back("caf\xC3\xA9");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0], "T-1");
  EXPECT_EQ(c[1], "");
  EXPECT_EQ(c[2], "caf\xC3\xA9");
  // Offsets 0, 3, 3, 8 over the 8 bytes "T-1café".
  ASSERT_EQ(c.offsets().size(), 4u);
  EXPECT_EQ(c.offsets()[3], 8u);
  EXPECT_EQ(c.bytes().size(), 8u);
}

TEST(StringColumn, RestoresAViewWithoutCopyingAndRefusesBadOffsets) {
  const char bytes[] = "abcde";
  const uint64_t offsets[] = {0, 2, 5};
  Column<uint64_t> o;
  Column<char> b;
  o.View(offsets, 3);
  b.View(bytes, 5);
  StringColumn c;
  ASSERT_TRUE(c.Assign(o, b));
  EXPECT_EQ(c.offsets().data(), offsets) << "checking the offsets must not copy the view";
  EXPECT_EQ(c.bytes().data(), bytes);
  EXPECT_EQ(c[0], "ab");
  EXPECT_EQ(c[1], "cde");

  const uint64_t falling[] = {0, 4, 2};
  o.View(falling, 3);
  EXPECT_FALSE(c.Assign(o, b));
  EXPECT_TRUE(c.empty());
  const uint64_t beyond[] = {0, 2, 6};  // past the 5 bytes
  o.View(beyond, 3);
  EXPECT_FALSE(c.Assign(o, b));
}

TEST(Dictionary, InternsFindsAndSurvivesGrowthAndRestore) {
  Dictionary d;
  EXPECT_EQ(d.Intern(""), Dictionary::kNone);
  EXPECT_EQ(d.Find("x"), Dictionary::kNone);
  // Enough values to rebuild the index several times (64 slots at first).
  for (int i = 0; i < 5000; ++i) ASSERT_EQ(d.Intern("C-" + std::to_string(i)), i);
  EXPECT_EQ(d.Intern("C-42"), 42) << "an interned value keeps its id";
  EXPECT_EQ(d.size(), 5000u);
  EXPECT_EQ(d.Find("C-4999"), 4999);
  EXPECT_EQ(d.Find("C-5000"), Dictionary::kNone);
  EXPECT_EQ(d.at(1234), "C-1234");

  Dictionary restored;
  restored.Assign(d.values());
  EXPECT_EQ(restored.Find("C-777"), 777);
  EXPECT_EQ(restored.Intern("new"), 5000);
  EXPECT_EQ(restored.Find("new"), 5000);
  EXPECT_EQ(restored.at(0), "C-0");
}

// The load appends the store's ticket ids, which are unique, without looking each one up; the
// index catches up on the next lookup.
TEST(Dictionary, AppendedValuesAreFoundAfterwardsUnderTheirIds) {
  Dictionary d;
  EXPECT_EQ(d.Intern("T-a"), 0);
  for (int i = 1; i <= 3000; ++i) ASSERT_EQ(d.AppendNew("T-" + std::to_string(i)), i);
  EXPECT_EQ(d.Find("T-2999"), 2999);
  EXPECT_EQ(d.Find("T-a"), 0);
  EXPECT_EQ(d.Intern("T-1500"), 1500) << "an appended value is found, not added again";
  EXPECT_EQ(d.size(), 3001u);
  EXPECT_EQ(d.Find("T-3001"), Dictionary::kNone);
  EXPECT_EQ(d.AppendNew("T-3001"), 3001);  // after the index was built
  EXPECT_EQ(d.Find("T-3001"), 3001);
}

}  // namespace
}  // namespace supportlens
