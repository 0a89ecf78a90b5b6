#include "core/business_calendar.h"

#include <gtest/gtest.h>

#include <random>

#include "model/workspace_settings.h"

namespace supportlens {
namespace {

WorkspaceSettings BerlinOffice() {
  auto s = ParseWorkspaceSettings(
      "timezone = \"Europe/Berlin\"\n[business_hours]\nmon = \"09:00-12:00,13:00-17:00\"\ntue = \"09:00-17:00\"\n"
      "wed = \"09:00-17:00\"\nthu = \"09:00-17:00\"\nfri = \"09:00-17:00\"\nholidays = [\"2026-04-03\"]\n",
      "workspace.toml");
  EXPECT_TRUE(s.ok()) << s.status().message();
  return *s;
}

int64_t At(const char* text) { return *ParseTimestamp(text, TimeZone::Utc()); }

TEST(BusinessCalendar, CountsOnlyOpeningHours) {
  WorkspaceSettings s = BerlinOffice();
  BusinessCalendar cal(s.hours, s.zone, At("2026-01-01T00:00:00Z"), At("2026-12-31T00:00:00Z"));
  struct Case { const char* from; const char* to; int64_t expected; const char* why; };
  const Case kCases[] = {
      {"2026-03-02T08:00:00Z", "2026-03-02T16:00:00Z", 7 * 3600, "Mon 09:00-17:00 CET minus the lunch hour"},
      {"2026-03-02T11:30:00Z", "2026-03-02T12:30:00Z", 1800, "12:30-13:30 CET: only 13:00-13:30 is open"},
      {"2026-03-07T08:00:00Z", "2026-03-08T20:00:00Z", 0, "a weekend"},
      {"2026-03-27T15:00:00Z", "2026-03-30T08:00:00Z", 7200, "Fri 16-17 CET, then Mon 09-10 CEST across the DST change"},
      {"2026-04-02T14:00:00Z", "2026-04-06T07:30:00Z", 5400, "Thu 16-17, Good Friday closed, Mon 09:00-09:30"},
  };
  for (const auto& c : kCases) EXPECT_EQ(cal.BusinessSeconds(At(c.from), At(c.to)), c.expected) << c.why;
}

TEST(BusinessCalendar, AutumnChangeUsesTheLocalClockOfEachDay) {
  WorkspaceSettings s = BerlinOffice();
  BusinessCalendar cal(s.hours, s.zone, At("2026-01-01T00:00:00Z"), At("2026-12-31T00:00:00Z"));
  // Fri 2026-10-23 14:00Z = 16:00 CEST -> Mon 2026-10-26 09:00Z = 10:00 CET: Fri 1 h + Mon 1 h.
  EXPECT_EQ(cal.BusinessSeconds(At("2026-10-23T14:00:00Z"), At("2026-10-26T09:00:00Z")), 7200);
}

TEST(BusinessCalendar, WithoutBusinessHoursEverySecondCounts) {
  auto s = ParseWorkspaceSettings("timezone = \"UTC\"\n", "workspace.toml");
  ASSERT_TRUE(s.ok());
  BusinessCalendar cal(s->hours, s->zone, 0, 86400 * 400);
  EXPECT_EQ(cal.BusinessSeconds(1000, 90000), 89000);
  EXPECT_EQ(cal.BusinessSeconds(90000, 1000), 0);
}

TEST(BusinessCalendar, PropertyNeverExceedsCalendarTimeAndAddsUp) {
  WorkspaceSettings s = BerlinOffice();
  int64_t from = At("2026-01-01T00:00:00Z"), to = At("2026-12-31T00:00:00Z");
  BusinessCalendar cal(s.hours, s.zone, from, to);
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int64_t> pick(from, to);
  for (int i = 0; i < 2000; ++i) {
    int64_t a = pick(rng), b = pick(rng), c = pick(rng);
    if (a > b) std::swap(a, b);
    c = std::clamp(c, a, b);
    int64_t whole = cal.BusinessSeconds(a, b);
    ASSERT_GE(whole, 0);
    ASSERT_LE(whole, b - a);
    ASSERT_EQ(whole, cal.BusinessSeconds(a, c) + cal.BusinessSeconds(c, b)) << "splitting an interval keeps its total";
  }
}

TEST(WorkspaceSettings, ParsesThresholdsSlaAndDefinitions) {
  auto s = ParseWorkspaceSettings(
      "timezone = \"UTC\"\n[thresholds]\nshort_abandon_seconds = 8\nrepeat_contact_days = 3\n"
      "service_level_seconds = { phone = 20, chat = 60 }\n[sla.first_reply_seconds]\nurgent = 3600\n\"urgent.chat\" = 300\n"
      "[definitions]\nattribution = \"last_replier\"\n",
      "workspace.toml");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->short_abandon_seconds, 8);
  EXPECT_EQ(s->repeat_contact_days, 3);
  EXPECT_EQ(s->ServiceLevelSeconds("chat"), 60);
  EXPECT_EQ(s->ServiceLevelSeconds("email"), 20);
  EXPECT_EQ(*s->SlaFirstReply("urgent", "chat"), 300);
  EXPECT_EQ(*s->SlaFirstReply("urgent", "email"), 3600);
  EXPECT_FALSE(s->SlaFirstReply("low", "email").has_value());
  EXPECT_EQ(s->attribution, "last_replier");
}

TEST(WorkspaceSettings, BadValuesNameTheSetting) {
  struct Case { const char* toml; const char* message; };
  const Case kCases[] = {
      {"timezone = \"Nowhere/Land\"\n", "workspace.toml: timezone: unknown time zone \"Nowhere/Land\" (expected an IANA name such as Europe/Berlin)"},
      {"[business_hours]\nmon = \"17:00-09:00\"\n", "workspace.toml: business_hours.mon: range \"17:00-09:00\" ends before it starts"},
      {"[business_hours]\nmon = \"9-17\"\n", "workspace.toml: business_hours.mon: not a clock time (HH:MM): \"9\""},
      {"[business_hours]\nfunday = \"09:00-17:00\"\n", "workspace.toml: business_hours.funday: unknown day (mon..sun or holidays)"},
  };
  for (const auto& c : kCases) {
    auto s = ParseWorkspaceSettings(c.toml, "workspace.toml");
    ASSERT_FALSE(s.ok()) << c.toml;
    EXPECT_EQ(s.status().message(), c.message);
  }
}

}  // namespace
}  // namespace supportlens
