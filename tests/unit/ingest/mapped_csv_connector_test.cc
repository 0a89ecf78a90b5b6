// The generic CSV connector: a city's service-request export through a mapping file becomes
// tickets and closing events; each bad row and each bad mapping has its exact message.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "engine/report_engine.h"
#include "ingest/connectors/connectors.h"
#include "connector_test_support.h"
#include "ingest/importer.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;



// The columns of a 311 export (New York's open-data layout), five requests.
const std::string kRequests =
    "Unique Key,Created Date,Closed Date,Agency,Complaint Type,Descriptor,Status,Open Data Channel Type\n"
    "49001,01/04/2021 09:15:00 AM,01/04/2021 11:15:00 AM,NYPD,Noise - Residential,Loud Music/Party,Closed,ONLINE\n"
    "49002,01/04/2021 10:00:00 PM,01/06/2021 10:00:00 AM,DSNY,Missed Collection,Trash,Closed,PHONE\n"
    "49003,01/05/2021 12:30:00 PM,,HPD,HEAT/HOT WATER,ENTIRE BUILDING,Open,MOBILE\n"
    "49004,13/05/2021 12:30:00 PM,,HPD,HEAT/HOT WATER,APARTMENT ONLY,Open,PHONE\n"
    "49005,01/06/2021 08:00:00 AM,,DOT,Street Condition,Pothole,Open,FAX\n";

const std::string kMapping = R"(timezone = "America/New_York"

[tickets]
ticket_id = "Unique Key"
created_at = { column = "Created Date", format = "%m/%d/%Y %I:%M:%S %p" }
channel = { column = "Open Data Channel Type", values = { PHONE = "phone", ONLINE = "web", MOBILE = "app" }, other_values = "reject" }
topic = "Complaint Type"
queue = "Agency"
subject = "Descriptor"
priority = { value = "normal" }

[[events]]
event_id = { template = "{Unique Key}-closed" }
ticket_id = "Unique Key"
at = { column = "Closed Date", format = "%m/%d/%Y %I:%M:%S %p" }
type = { value = "status" }
actor_kind = { value = "system" }
status = { value = "closed" }
)";

TEST(MappedCsv, RequestsBecomeTicketsAndClosingEvents) {
  auto log = TranslateMappedCsv(WriteTemp("requests.csv", kRequests), "requests.csv", WriteTemp("nyc311.toml", kMapping));
  ASSERT_TRUE(log.ok()) << log.status().message();
  ASSERT_EQ(log->entities.size(), 2u);
  const auto& [tickets_spec, tickets] = log->entities[0];
  const auto& [events_spec, events] = log->entities[1];
  EXPECT_EQ(tickets_spec->name, "tickets");
  ASSERT_EQ(tickets.size(), 3u);
  auto t1 = Fields(*tickets_spec, tickets[0]);
  // 09:15 in New York in January (EST, UTC-5) is 14:15 UTC; the value map and the constant apply.
  EXPECT_EQ(t1.at("created_at"), "2021-01-04T14:15:00Z");
  EXPECT_EQ(t1.at("channel"), "web");
  EXPECT_EQ(t1.at("queue"), "NYPD");
  EXPECT_EQ(t1.at("priority"), "normal");
  // 10:00 PM is 22:00 local, 03:00 UTC the next day.
  EXPECT_EQ(Fields(*tickets_spec, tickets[1]).at("created_at"), "2021-01-05T03:00:00Z");
  // Only the closed requests have a closing event; the template names it.
  ASSERT_EQ(events.size(), 2u);
  auto e1 = Fields(*events_spec, events[0]);
  EXPECT_EQ(e1.at("event_id"), "49001-closed");
  EXPECT_EQ(e1.at("at"), "2021-01-04T16:15:00Z");
  EXPECT_EQ(e1.at("status"), "closed");
  ASSERT_EQ(log->issues.size(), 2u);
  EXPECT_EQ(log->issues[0].file + ":" + std::to_string(log->issues[0].line) + ": " + log->issues[0].column + ": " + log->issues[0].reason,
            "requests.csv:5: Created Date: \"13/05/2021 12:30:00 PM\" does not match the format \"%m/%d/%Y %I:%M:%S %p\"");
  EXPECT_EQ(log->issues[1].column + ": " + log->issues[1].reason,
            "Open Data Channel Type: \"FAX\" is not in the mapping's values for tickets.channel");
  ASSERT_EQ(log->notes.size(), 1u);
  EXPECT_EQ(log->notes[0], "1 optional records left out for rows without their required values");
}

TEST(MappedCsv, ImportedRequestsReportResolutionPerAgencyAndReimportStoresNothingTwice) {
  auto store = *SqliteStore::Open(":memory:", true);
  const std::string csv = WriteTemp("requests.csv", kRequests), mapping = WriteTemp("nyc311.toml", kMapping);
  auto first = ImportFromConnector(*store, "csv", csv, "default", "America/New_York", mapping);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->inserted_rows(), 5);  // 3 tickets, 2 events
  EXPECT_EQ(first->rejected_rows(), 2);
  auto again = ImportFromConnector(*store, "csv", csv, "default", "", mapping);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->inserted_rows(), 0);
  auto ws = LoadedWorkspace::Load(*store, *store->Workspace("default", false));
  ASSERT_TRUE(ws.ok());
  Query q;
  q.from = "2021-01-01";
  q.to = "2021-02-01";
  q.kpis = {"resolution_time", "backlog"};
  q.by = {"queue"};
  auto report = (*ws)->Run(q);
  ASSERT_TRUE(report.ok()) << report.status().message();
  std::map<std::string, std::pair<std::optional<double>, std::optional<double>>> by_agency;
  for (const auto& row : report->rows)
    if (row.group[0].second) by_agency[*row.group[0].second] = {row.kpis[0].value, row.kpis[1].value};
  // NYPD closed after 2 h (7,200 s); DSNY after 36 h (129,600 s); HPD is still open: backlog 1.
  EXPECT_EQ(by_agency.at("NYPD").first, 7200);
  EXPECT_EQ(by_agency.at("DSNY").first, 129600);
  EXPECT_FALSE(by_agency.at("HPD").first.has_value());
  EXPECT_EQ(by_agency.at("HPD").second, 1);
}

TEST(MappedCsv, ABadMappingSaysWhatIsWrongAndReadsNothing) {
  const std::string csv = WriteTemp("requests.csv", kRequests);
  auto message = [&](const std::string& toml) {
    auto log = TranslateMappedCsv(csv, "requests.csv", WriteTemp("bad.toml", toml));
    return log.ok() ? std::string("ok") : log.status().message();
  };
  EXPECT_NE(message("[complaints]\nid = \"Unique Key\"\n").find("[complaints]: not an entity of the workspace format"), std::string::npos);
  EXPECT_NE(message("[tickets]\nticket_id = \"Unique Key\"\ncreated = \"Created Date\"\n").find("\"created\" is not a field of tickets"),
            std::string::npos);
  EXPECT_NE(message("[tickets]\nticket_id = \"Unique Key\"\nchannel = { value = \"phone\" }\n")
                .find("tickets: the required field created_at has no source"),
            std::string::npos);
  EXPECT_NE(message("[tickets]\nticket_id = \"Key\"\ncreated_at = \"Created Date\"\nchannel = { value = \"phone\" }\n")
                .find("requests.csv:1: Key: missing column (the mapping's tickets.ticket_id reads it)"),
            std::string::npos);
  EXPECT_NE(message("[tickets]\nticket_id = { column = \"Unique Key\", value = \"x\" }\n").find("give exactly one of column, value or template"),
            std::string::npos);
  EXPECT_NE(message("[tickets\n").find("bad.toml:1:"), std::string::npos);
  auto none = TranslateMappedCsv(csv, "requests.csv", "");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("--from csv needs --mapping"), std::string::npos);
}

}  // namespace
}  // namespace supportlens
