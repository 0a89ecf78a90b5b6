#include "engine/grouping.h"

#include <gtest/gtest.h>

namespace supportlens {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kMarch2 = 20514 * kDay;  // 2026-03-02 00:00 UTC

// A fact's group is a direct table lookup when the dimensions span few combinations; values
// outside the table's ranges (an instant beyond the window, an id the dictionary does not
// know) take the hashed path. Both must give one group per coordinate, shared across paths.
TEST(GroupRegistry, PlacesFactsByCoordinatesOnBothPaths) {
  Dataset d;
  d.dict.channel.Intern("email");
  d.dict.channel.Intern("phone");
  d.min_time = kMarch2;
  d.max_time = kMarch2 + 10 * kDay;
  Query query;
  query.from = "2026-03-02";
  query.to = "2026-03-05";  // three days
  query.by = {"channel", "day"};
  auto q = ParseQuery(query, d);
  ASSERT_TRUE(q.ok()) << q.status().message();
  GroupRegistry groups(d, *q);

  auto at = [](int32_t channel, int64_t time) {
    Coord c;
    c.channel = channel;
    c.time = time;
    return c;
  };
  const int32_t email_day1 = groups.GroupOf(at(0, kMarch2 + 3600));
  EXPECT_EQ(groups.GroupOf(at(0, kMarch2 + 23 * 3600)), email_day1) << "same channel, same day";
  const int32_t phone_day1 = groups.GroupOf(at(1, kMarch2 + 60));
  const int32_t email_day3 = groups.GroupOf(at(0, kMarch2 + 2 * kDay));
  const int32_t none_day2 = groups.GroupOf(at(-1, kMarch2 + kDay));
  EXPECT_NE(phone_day1, email_day1);
  EXPECT_NE(email_day3, email_day1);
  EXPECT_NE(none_day2, email_day1);
  // Beyond the window (day 4) and an unknown channel id: hashed, still stable and distinct.
  const int32_t email_day4 = groups.GroupOf(at(0, kMarch2 + 3 * kDay + 5));
  EXPECT_EQ(groups.GroupOf(at(0, kMarch2 + 3 * kDay + 7000)), email_day4);
  const int32_t unknown = groups.GroupOf(at(7, kMarch2));
  EXPECT_EQ(groups.GroupOf(at(7, kMarch2 + 10)), unknown);
  EXPECT_EQ(groups.size(), 6u);
  // The hashed path finds the groups the table made, and the other way round.
  EXPECT_EQ(groups.Find(groups.key(email_day3)), email_day3);
  EXPECT_EQ(groups.InternKey(groups.key(phone_day1)), phone_day1);
  auto labels = groups.Labels(email_day3);
  ASSERT_EQ(labels.size(), 2u);
  EXPECT_EQ(labels[0].second, "email");
  EXPECT_EQ(labels[1].second, "2026-03-04");
  EXPECT_EQ(groups.Labels(none_day2)[0].second, std::nullopt);
}

// Placing the window's tickets in one loop over their columns gives every ticket the group its
// coordinate gets from GroupOf, creates groups in creation order, leaves tickets outside the
// window alone, and declines queries that read more than ticket columns.
TEST(GroupRegistry, PlacesTheWindowsTicketsAsGroupOfWould) {
  Dataset d;
  for (const char* c : {"chat", "email", "phone"}) d.dict.channel.Intern(c);
  for (const char* p : {"high", "low"}) d.dict.priority.Intern(p);
  d.dict.topic.Intern("billing");
  d.min_time = kMarch2;
  d.max_time = kMarch2 + 40 * kDay;
  auto& tk = d.tickets;
  // created (days after March 2), channel, priority, topic; out of creation order on purpose.
  struct Row { int64_t day; int32_t channel, priority, topic; };
  const Row rows[] = {{3, 1, 0, 0}, {0, 2, 1, -1}, {35, 0, 0, 0}, {1, -1, -1, 0}, {-2, 1, 0, 0},
                      {2, 7, 1, 0},  // a channel id the dictionary does not know: hashed path
                      {30, 1, 1, -1}, {3, 1, 0, 0}};
  for (const Row& r : rows) {
    tk.created_at.push_back(kMarch2 + r.day * kDay + 3600);
    tk.channel.push_back(r.channel);
    tk.priority.push_back(r.priority);
    tk.topic.push_back(r.topic);
    tk.queue.push_back(-1);
    tk.customer.push_back(-1);
  }
  tk.IndexCreation();
  ASSERT_FALSE(tk.by_created.empty());

  size_t on_two_threads = 0;
  auto check = [&](std::vector<std::string> by, std::vector<std::pair<std::string, std::string>> filters, bool dense_keys = true) {
    SCOPED_TRACE(by.empty() ? "(no dimension)" : by[0] + (by.size() > 1 ? "," + by[1] : ""));
    Query query;
    query.from = "2026-03-02";
    query.to = "2026-04-02";  // tickets on days -2 and 35 are outside
    query.by = by;
    query.filters = filters;
    auto q = ParseQuery(query, d);
    ASSERT_TRUE(q.ok()) << q.status().message();
    GroupRegistry placed(d, *q), one_by_one(d, *q);
    std::vector<int32_t> out(tk.size(), -3);
    ASSERT_TRUE(placed.PlaceTicketsCreatedInWindow(out));
    tk.ForEachCreatedIn(q->from, q->to, [&](size_t t) {
      Coord c;
      c.channel = tk.channel[t];
      c.priority = tk.priority[t];
      c.topic = tk.topic[t];
      c.time = tk.created_at[t];
      const int32_t g = one_by_one.GroupOf(c);
      ASSERT_EQ(out[t] < 0, g < 0) << "ticket " << t;
      // Both registries create groups in the same order, so the ids agree too.
      if (g >= 0) {
        EXPECT_EQ(out[t], g) << "ticket " << t;
        EXPECT_EQ(placed.key(out[t]), one_by_one.key(g)) << "ticket " << t;
      }
    });
    EXPECT_EQ(placed.size(), one_by_one.size());
    EXPECT_EQ(out[2], -3) << "created after the window: left alone";
    EXPECT_EQ(out[4], -3) << "created before the window: left alone";
    // On two threads, every ticket at once: the same table (`outside` for the tickets outside the
    // window) and the same groups in the same order; or, when a key falls outside the dense table,
    // no group created.
    GroupRegistry two(d, *q);
    const size_t before = two.size();
    std::vector<int32_t> out_two(tk.size(), 99);
    if (two.PlaceTicketsCreatedInWindowOnTwoThreads(out_two.data(), -3)) {
      EXPECT_TRUE(dense_keys);
      EXPECT_EQ(out_two, out);
      ASSERT_EQ(two.size(), placed.size());
      for (size_t g = 0; g < two.size(); ++g) EXPECT_EQ(two.key(static_cast<int32_t>(g)), placed.key(static_cast<int32_t>(g))) << "group " << g;
      ++on_two_threads;
    } else {
      EXPECT_FALSE(dense_keys);
      EXPECT_EQ(two.size(), before);
    }
  };
  // Channel id 7 lies outside the dense table: no placement on two threads by channel.
  check({"channel"}, {}, false);
  check({"channel", "week"}, {}, false);
  check({"month", "priority"}, {});
  check({"topic"}, {{"priority", "high"}});
  check({}, {{"channel", "email"}});
  check({"priority"}, {{"channel", "nowhere"}});  // a filter value no ticket has
  EXPECT_EQ(on_two_threads, 4u);

  Query by_agent;
  by_agent.from = "2026-03-02";
  by_agent.to = "2026-04-02";
  for (auto by : {std::vector<std::string>{"agent"}, {"channel", "customer_segment"}}) {
    by_agent.by = by;
    auto q = ParseQuery(by_agent, d);
    ASSERT_TRUE(q.ok());
    GroupRegistry groups(d, *q);
    std::vector<int32_t> out(tk.size(), -3);
    EXPECT_FALSE(groups.PlaceTicketsCreatedInWindow(out)) << by.back() << " is not a ticket column";
    EXPECT_EQ(out, std::vector<int32_t>(tk.size(), -3));
  }
}

// Placing the window's calls in one loop over their columns gives every call the group
// GroupOf gives its coordinate (channel, agent, offer time), leaves calls outside the window
// alone, and declines queries that need the call's ticket or customer.
TEST(GroupRegistry, PlacesTheWindowsCallsAsGroupOfWould) {
  Dataset d;
  for (const char* c : {"chat", "phone"}) d.dict.channel.Intern(c);
  for (const char* a : {"A1", "A2"}) d.dict.agent.Intern(a);
  d.dict.priority.Intern("high");
  d.min_time = kMarch2;
  d.max_time = kMarch2 + 40 * kDay;
  auto& calls = d.calls;
  // offered (days after March 2), channel, agent; out of time order on purpose.
  struct Row { int64_t day; int32_t channel, agent; };
  const Row rows[] = {{3, 1, 0}, {0, 1, -1}, {35, 0, 1}, {1, -1, 1}, {-2, 1, 0},
                      {2, 9, 0},  // a channel id the dictionary does not know: hashed path
                      {30, 1, 1}, {3, 1, 0}, {12, 0, 1}};
  for (const Row& r : rows) {
    calls.offered_at.push_back(kMarch2 + r.day * kDay + 600);
    calls.channel.push_back(r.channel);
    calls.agent.push_back(r.agent);
  }
  auto query_of = [&](std::vector<std::string> by, std::vector<std::pair<std::string, std::string>> filters) {
    Query query;
    query.from = "2026-03-02";
    query.to = "2026-04-02";  // calls on days -2 and 35 are outside
    query.by = by;
    query.filters = filters;
    return ParseQuery(query, d);
  };
  auto check = [&](std::vector<std::string> by, std::vector<std::pair<std::string, std::string>> filters) {
    SCOPED_TRACE(by.empty() ? "(no dimension)" : by[0] + (by.size() > 1 ? "," + by[1] : ""));
    size_t in_groups = 0;  // calls placed in a group
    auto q = query_of(by, filters);
    EXPECT_TRUE(q.ok()) << q.status().message();
    if (!q.ok()) return in_groups;
    GroupRegistry placed(d, *q), one_by_one(d, *q);
    std::vector<int32_t> out(calls.size(), -3);
    EXPECT_TRUE(placed.PlaceCallsInWindow(out));
    for (size_t c = 0; c < calls.size(); ++c) {
      if (!q->InWindow(calls.offered_at[c])) {
        EXPECT_EQ(out[c], -3) << "call " << c << " is outside the window: left alone";
        continue;
      }
      Coord k;
      k.channel = calls.channel[c];
      k.agent = calls.agent[c];
      k.time = calls.offered_at[c];
      const int32_t g = one_by_one.GroupOf(k);
      EXPECT_EQ(out[c] < 0, g < 0) << "call " << c;
      if (g < 0 || out[c] < 0) continue;
      ++in_groups;
      EXPECT_EQ(placed.key(out[c]), one_by_one.key(g)) << "call " << c;
    }
    EXPECT_EQ(placed.size(), one_by_one.size());
    return in_groups;
  };
  // Seven calls in the window, four of them on phone and three by A2.
  EXPECT_EQ(check({"channel"}, {}), 7u);
  EXPECT_EQ(check({"agent", "week"}, {}), 7u);
  EXPECT_EQ(check({"month", "channel"}, {}), 7u);
  EXPECT_EQ(check({}, {{"channel", "phone"}}), 4u);
  EXPECT_EQ(check({"channel"}, {{"agent", "A2"}}), 3u);
  EXPECT_EQ(check({"day"}, {{"channel", "email"}}), 0u);  // a value no call has

  for (auto by : {std::vector<std::string>{"team"}, {"channel", "priority"}, {"customer_segment"}}) {
    auto q = query_of(by, {});
    ASSERT_TRUE(q.ok());
    GroupRegistry groups(d, *q);
    std::vector<int32_t> out(calls.size(), -3);
    EXPECT_FALSE(groups.PlaceCallsInWindow(out)) << by.back() << " is not a call column";
    EXPECT_EQ(out, std::vector<int32_t>(calls.size(), -3));
  }
}

}  // namespace
}  // namespace supportlens
