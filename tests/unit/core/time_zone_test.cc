#include "core/time_zone.h"

#include <gtest/gtest.h>

namespace supportlens {
namespace {

TimeZone Berlin() { return *TimeZone::Find("Europe/Berlin"); }

TEST(ParseTimestamp, ReadsEveryDocumentedForm) {
  struct Case { const char* text; int64_t expected; };
  const Case kCases[] = {
      {"2026-03-02T09:15:00Z", 1772442900},
      {"2026-03-02T10:15:00+01:00", 1772442900},
      {"2026-03-02T10:15:00+0100", 1772442900},
      {"2026-03-02T04:15:00-05:00", 1772442900},
      {"2026-03-02 09:15:00Z", 1772442900},
      {"2026-03-02T09:15Z", 1772442900},
      {"2026-03-02T09:15:00.987Z", 1772442900},   // fractions are truncated
      {"2026-03-02T10:15:00", 1772442900},        // no offset: workspace zone (CET, +1)
      {"2026-07-02T11:15:00", 1782983700},        // summer: CEST, +2
  };
  for (const auto& c : kCases) {
    auto t = ParseTimestamp(c.text, Berlin());
    ASSERT_TRUE(t.ok()) << c.text << ": " << t.status().message();
    EXPECT_EQ(*t, c.expected) << c.text;
  }
}

TEST(ParseTimestamp, RejectsMalformedTextWithTheValueInTheMessage) {
  for (const char* bad : {"not-a-time", "2026-02-30T10:00:00Z", "2026-03-02", "2026-03-02T25:00:00Z", "2026-03-02T10:00:00+1",
                          "2026-03-02T10:00:00Zulu", ""}) {
    auto t = ParseTimestamp(bad, TimeZone::Utc());
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_EQ(t.status().message(), std::string("not a timestamp: \"") + bad + "\"");
  }
}

TEST(ParseTimestamp, LocalTimeInTheSpringGapMovesForward) {
  // 2026-03-29 02:30 does not exist in Berlin (02:00 -> 03:00): the first instant after the gap.
  auto t = ParseTimestamp("2026-03-29T02:30:00", Berlin());
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatTimestampUtc(*t), "2026-03-29T01:00:00Z");
}

TEST(ParseTimestamp, AmbiguousAutumnTimeTakesTheEarlierInstant) {
  auto t = ParseTimestamp("2026-10-25T02:30:00", Berlin());
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatTimestampUtc(*t), "2026-10-25T00:30:00Z");
}

TEST(ParseDate, ValidatesTheCalendar) {
  EXPECT_EQ(*ParseDate("1970-01-02"), 1);
  EXPECT_EQ(*ParseDate("2024-02-29"), DaysFromCivil(2024, 2, 29));
  EXPECT_FALSE(ParseDate("2026-02-29").ok());
  EXPECT_EQ(ParseDate("2026-13-01").status().message(), "not a date (expected YYYY-MM-DD): \"2026-13-01\"");
  EXPECT_EQ(FormatDate(*ParseDate("2026-12-25")), "2026-12-25");
}

TEST(TimeZone, UnknownNameIsAClearError) {
  auto z = TimeZone::Find("Mars/Olympus");
  ASSERT_FALSE(z.ok());
  EXPECT_NE(z.status().message().find("Mars/Olympus"), std::string::npos);
}

TEST(OffsetTable, AgreesWithTheZoneAcrossBothTransitions) {
  TimeZone z = Berlin();
  int64_t from = *ParseTimestamp("2026-01-01T00:00:00Z", z), to = *ParseTimestamp("2027-01-01T00:00:00Z", z);
  OffsetTable table(z, from, to);
  for (int64_t t = from; t < to; t += 3607) ASSERT_EQ(table.ToLocal(t), z.ToLocal(t)) << FormatTimestampUtc(t);
}

}  // namespace
}  // namespace supportlens
