// A fact placed by its period (self-service sessions, customer populations, agent states) must
// land in the group GroupOf gives its own instant, whatever the bucket, across a DST change; a
// survey takes its own customer's segment, else its ticket's, whichever way it is looked up.
#include "kpi/kpi_context.h"

#include <gtest/gtest.h>

namespace supportlens {
namespace {

TEST(KpiContext, TheGroupOfAnInstantsPeriodIsTheGroupOfTheInstant) {
  Dataset d;
  d.settings.zone = *TimeZone::Find("Europe/Berlin");
  d.dict.segment.Intern("smb");
  d.dict.segment.Intern("enterprise");
  // 2026-03-01 .. 2026-04-05 local: summer time starts on 2026-03-29 at 02:00.
  const int64_t from = *ParseTimestamp("2026-03-01T00:00", d.settings.zone);
  const int64_t to = *ParseTimestamp("2026-04-05T00:00", d.settings.zone);
  d.min_time = from;
  d.max_time = to;
  const TicketFacts facts;
  for (const char* bucket : {"", "15min", "30min", "hour", "day", "week", "month", "quarter"}) {
    Query query;
    query.from = "2026-03-01";
    query.to = "2026-04-05";
    query.by = {"customer_segment"};
    if (*bucket) query.by.push_back(bucket);
    auto q = ParseQuery(query, d);
    ASSERT_TRUE(q.ok()) << q.status().message();
    GroupRegistry by_period(d, *q), by_instant(d, *q);
    const BusinessCalendar calendar(d.settings.hours, d.settings.zone, from - 86400, to + 86400);
    SharedSums shared;
    KpiContext ctx(d, facts, *q, by_period, calendar, shared);
    size_t hint = 0;
    size_t checked = 0;
    // Every 7 minutes and 13 seconds: off every bucket edge, and onto some of them over the span.
    for (int64_t at = from; at < to; at += 433) {
      const size_t p = ctx.PeriodOf(at, hint);
      ASSERT_LT(p, ctx.Periods().size());
      ASSERT_LE(ctx.Periods()[p].start, at);
      ASSERT_LT(at, ctx.Periods()[p].end);
      for (int32_t segment : {-1, 0, 1}) {
        Coord c;
        c.segment = segment;
        c.time = at;
        ASSERT_EQ(by_period.key(ctx.SegmentPeriodGroup(segment, p)), by_instant.key(by_instant.GroupOf(c)))
            << "bucket \"" << bucket << "\" at " << FormatTimestampUtc(at) << ", segment " << segment;
        ++checked;
      }
    }
    EXPECT_EQ(checked, 3u * static_cast<size_t>((to - from + 432) / 433));
    // Each period's own edges, and a lookup out of time order (the hint is only a guess).
    for (size_t p = 0; p < ctx.Periods().size(); ++p) {
      EXPECT_EQ(ctx.PeriodOf(ctx.Periods()[p].start, hint), p);
      EXPECT_EQ(ctx.PeriodOf(ctx.Periods()[p].end - 1, hint), p);
    }
    EXPECT_EQ(ctx.PeriodOf(from, hint), 0u);
  }
}

TEST(KpiContext, ASurveyWithoutItsOwnCustomerTakesItsTicketsSegment) {
  Dataset d;
  d.settings.zone = *TimeZone::Find("UTC");
  d.dict.segment.Intern("smb");         // 0
  d.dict.segment.Intern("enterprise");  // 1
  d.customers.segment.assign(2, 0);
  d.customers.segment[1] = 1;  // customer 0 is smb, customer 1 enterprise
  const int64_t from = *ParseTimestamp("2026-03-01T00:00", d.settings.zone);
  const int64_t to = *ParseTimestamp("2026-03-08T00:00", d.settings.zone);
  d.min_time = from;
  d.max_time = to;
  // One ticket, from the enterprise customer, created an hour into the window.
  d.tickets.created_at.assign(1, from + 3600);
  for (auto* column : {&d.tickets.channel, &d.tickets.priority, &d.tickets.topic, &d.tickets.queue}) column->assign(1, -1);
  d.tickets.customer.assign(1, 1);
  // Surveys answered a day later: on the ticket without a customer of their own; on the ticket
  // from the smb customer; without a ticket, from the smb customer.
  const int32_t ticket[] = {0, 0, -1}, customer[] = {-1, 0, 0};
  for (size_t s = 0; s < 3; ++s) {
    d.surveys.kind.push_back(SurveyKind::kCsat);
    d.surveys.answered_at.push_back(from + 86400);
    d.surveys.ticket.push_back(ticket[s]);
    d.surveys.customer.push_back(customer[s]);
    d.surveys.agent.push_back(-1);
  }
  TicketFacts facts;
  facts.final_solve_at.assign(1, from + 7200);
  facts.owner.assign(1, -1);
  const std::vector<std::string> expected = {"enterprise", "smb", "smb"};
  for (const char* cohort : {"created", "event", "closed_in_window"})
    for (bool ticket_table_first : {false, true}) {
      Query query;
      query.from = "2026-03-01";
      query.to = "2026-03-08";
      query.by = {"customer_segment"};
      query.cohort = cohort;
      auto q = ParseQuery(query, d);
      ASSERT_TRUE(q.ok()) << q.status().message();
      GroupRegistry groups(d, *q);
      const BusinessCalendar calendar(d.settings.hours, d.settings.zone, from - 86400, to + 86400);
      SharedSums shared;
      KpiContext ctx(d, facts, *q, groups, calendar, shared);
      // As in a report where the ticket KPIs ran first: the per-ticket table exists.
      if (ticket_table_first) ctx.TicketGroups(TicketTime::kCreated, TicketAgent::kOwner);
      for (size_t s = 0; s < 3; ++s) {
        const int32_t g = ctx.SurveyGroup(s);
        ASSERT_GE(g, 0) << cohort << ", survey " << s;
        EXPECT_EQ(groups.Labels(g).at(0).second, expected[s])
            << cohort << (ticket_table_first ? ", after the ticket table" : "") << ", survey " << s;
      }
    }
}

}  // namespace
}  // namespace supportlens
