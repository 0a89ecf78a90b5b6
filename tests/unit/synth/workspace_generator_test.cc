#include "synth/workspace_generator.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "synth/civil_time.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;

using Row = std::vector<std::string>;

// A strict RFC 4180 reader: quoted fields, doubled quotes, embedded separators and newlines.
std::vector<Row> ParseCsv(const std::string& text) {
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quoted field";
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A table with named columns; every data row must have the header's width.
struct Table {
  Row header;
  std::vector<Row> rows;
  std::map<std::string, size_t> index;

  const std::string& At(const Row& row, const std::string& column) const { return row[index.at(column)]; }
};

Table LoadTable(const fs::path& path) {
  Table t;
  std::vector<Row> all = ParseCsv(ReadFile(path));
  if (all.empty()) {
    ADD_FAILURE() << path << " is empty";
    return t;
  }
  t.header = all.front();
  for (size_t i = 0; i < t.header.size(); ++i) t.index[t.header[i]] = i;
  for (size_t r = 1; r < all.size(); ++r) {
    EXPECT_EQ(all[r].size(), t.header.size()) << path.filename() << " row " << r;
    if (all[r].size() == t.header.size()) t.rows.push_back(std::move(all[r]));
  }
  return t;
}

bool IsTimestamp(const std::string& s) {
  if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') {
    return false;
  }
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
    if (s[static_cast<size_t>(i)] < '0' || s[static_cast<size_t>(i)] > '9') return false;
  }
  return true;
}

int64_t Seconds(const std::string& ts) {
  const int64_t day = synth::DaysFromCivil(std::stoi(ts.substr(0, 4)), static_cast<unsigned>(std::stoi(ts.substr(5, 2))),
                                           static_cast<unsigned>(std::stoi(ts.substr(8, 2))));
  return day * 86400 + std::stoi(ts.substr(11, 2)) * 3600 + std::stoi(ts.substr(14, 2)) * 60 + std::stoi(ts.substr(17, 2));
}

const std::vector<std::string> kFiles = {
    "workspace.toml",   "tickets.csv", "events.csv",       "agents.csv",           "customers.csv",
    "calls.csv",        "surveys.csv", "agent_states.csv", "shifts.csv",           "retention_requests.csv",
    "offers.csv",       "self_service.csv", "costs.csv"};

class WorkspaceGeneratorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new fs::path(fs::temp_directory_path() / ("supportlens_synth_test_" + std::to_string(::getpid())));
    fs::remove_all(*root_);
    GeneratorOptions options;
    options.tickets = kTickets;
    options.seed = 7;
    ASSERT_TRUE(GenerateWorkspace(options, *root_ / "a").ok());
    ASSERT_TRUE(GenerateWorkspace(options, *root_ / "b").ok());
    options.seed = 8;
    ASSERT_TRUE(GenerateWorkspace(options, *root_ / "other_seed").ok());
  }
  static void TearDownTestSuite() {
    fs::remove_all(*root_);
    delete root_;
    root_ = nullptr;
  }
  static fs::path Dir(const std::string& name) { return *root_ / name; }
  static Table Load(const std::string& file) { return LoadTable(Dir("a") / file); }

  static constexpr int64_t kTickets = 2000;
  static fs::path* root_;
};

fs::path* WorkspaceGeneratorTest::root_ = nullptr;

TEST_F(WorkspaceGeneratorTest, WritesEveryFileWithTheDocumentedHeader) {
  const std::map<std::string, Row> expected = {
      {"tickets.csv",
       {"ticket_id", "created_at", "channel", "customer_id", "priority", "topic", "tags", "subject", "is_complaint",
        "queue"}},
      {"events.csv",
       {"event_id", "ticket_id", "at", "type", "actor_kind", "actor_id", "public", "status", "assignee_id", "level",
        "text"}},
      {"agents.csv",
       {"agent_id", "name", "team", "kind", "hired_on", "left_on", "left_voluntarily", "hourly_cost"}},
      {"customers.csv", {"customer_id", "segment", "acquired_on", "churned_on", "recurring_revenue"}},
      {"calls.csv",
       {"call_id", "offered_at", "channel", "queue", "customer_id", "ticket_id", "answered_at", "abandoned_at",
        "ended_at", "talk_s", "hold_s", "acw_s", "agent_id", "transferred"}},
      {"surveys.csv",
       {"response_id", "kind", "score", "answered_at", "scale_min", "scale_max", "ticket_id", "customer_id",
        "agent_id", "comment"}},
      {"agent_states.csv", {"agent_id", "state", "start", "end"}},
      {"shifts.csv", {"agent_id", "start", "end"}},
      {"retention_requests.csv", {"request_id", "customer_id", "requested_at", "outcome"}},
      {"offers.csv", {"offer_id", "offered_at", "kind", "accepted", "value", "ticket_id", "agent_id", "customer_id"}},
      {"self_service.csv",
       {"session_id", "started_at", "kind", "resolved_without_agent", "customer_id", "handed_off_ticket_id"}},
      {"costs.csv", {"period_start", "period_end", "amount", "category", "channel"}},
  };
  for (const std::string& file : kFiles) EXPECT_TRUE(fs::exists(Dir("a") / file)) << file;
  for (const auto& [file, header] : expected) {
    const Table t = Load(file);
    EXPECT_EQ(t.header, header) << file;
    EXPECT_FALSE(t.rows.empty()) << file << " has no rows";
  }
  const std::string toml = ReadFile(Dir("a") / "workspace.toml");
  for (const char* needle : {"timezone = \"Europe/Berlin\"", "[business_hours]", "mon = \"08:00-18:00\"",
                             "holidays = [", "short_abandon_seconds = 5", "[sla.first_reply_seconds]",
                             "[sla.resolution_seconds]"}) {
    EXPECT_NE(toml.find(needle), std::string::npos) << needle;
  }
}

TEST_F(WorkspaceGeneratorTest, SameOptionsGiveByteIdenticalFiles) {
  for (const std::string& file : kFiles) {
    EXPECT_EQ(ReadFile(Dir("a") / file), ReadFile(Dir("b") / file)) << file;
  }
}

TEST_F(WorkspaceGeneratorTest, AnotherSeedGivesOtherData) {
  EXPECT_NE(ReadFile(Dir("a") / "tickets.csv"), ReadFile(Dir("other_seed") / "tickets.csv"));
  EXPECT_NE(ReadFile(Dir("a") / "events.csv"), ReadFile(Dir("other_seed") / "events.csv"));
}

TEST_F(WorkspaceGeneratorTest, IdsAreUniqueInEveryFile) {
  const std::vector<std::pair<std::string, std::string>> keys = {
      {"tickets.csv", "ticket_id"}, {"events.csv", "event_id"},     {"agents.csv", "agent_id"},
      {"customers.csv", "customer_id"}, {"calls.csv", "call_id"},   {"surveys.csv", "response_id"},
      {"retention_requests.csv", "request_id"}, {"offers.csv", "offer_id"}, {"self_service.csv", "session_id"}};
  for (const auto& [file, column] : keys) {
    const Table t = Load(file);
    std::set<std::string> seen;
    for (const Row& r : t.rows) EXPECT_TRUE(seen.insert(t.At(r, column)).second) << file << " duplicate " << t.At(r, column);
  }
  EXPECT_EQ(Load("tickets.csv").rows.size(), static_cast<size_t>(kTickets));
}

TEST_F(WorkspaceGeneratorTest, EventsReferenceExistingTicketsAgentsAndCustomersInOrder) {
  const Table tickets = Load("tickets.csv");
  const Table events = Load("events.csv");
  const Table agents = Load("agents.csv");
  std::map<std::string, std::string> created, owner;
  for (const Row& r : tickets.rows) {
    created[tickets.At(r, "ticket_id")] = tickets.At(r, "created_at");
    owner[tickets.At(r, "ticket_id")] = tickets.At(r, "customer_id");
  }
  std::map<std::string, std::string> kind;
  for (const Row& r : agents.rows) kind[agents.At(r, "agent_id")] = agents.At(r, "kind");
  const std::set<std::string> types = {"message", "status", "assign", "escalate", "transfer"};
  const std::set<std::string> statuses = {"open", "pending", "on_hold", "solved", "closed"};
  std::set<std::string> tickets_with_creation_message;
  for (const Row& e : events.rows) {
    const std::string& ticket = events.At(e, "ticket_id");
    ASSERT_TRUE(created.count(ticket)) << ticket;
    const std::string& at = events.At(e, "at");
    ASSERT_TRUE(IsTimestamp(at)) << at;
    EXPECT_GE(at, created[ticket]) << events.At(e, "event_id");
    EXPECT_TRUE(types.count(events.At(e, "type"))) << events.At(e, "type");
    const std::string& actor = events.At(e, "actor_kind");
    const std::string& actor_id = events.At(e, "actor_id");
    if (actor == "agent" || actor == "bot") {
      ASSERT_TRUE(kind.count(actor_id)) << actor_id;
      EXPECT_EQ(kind[actor_id], actor == "bot" ? "bot" : "human") << actor_id;
    } else if (actor == "customer") {
      EXPECT_EQ(actor_id, owner[ticket]);
      if (at == created[ticket] && events.At(e, "type") == "message") tickets_with_creation_message.insert(ticket);
    } else {
      EXPECT_EQ(actor, "system");
    }
    const std::string& type = events.At(e, "type");
    if (type == "assign") {
      EXPECT_EQ(kind[events.At(e, "assignee_id")], "human");
    } else if (type == "status") {
      EXPECT_TRUE(statuses.count(events.At(e, "status")));
    } else if (type == "escalate") {
      EXPECT_EQ(events.At(e, "level"), "2");
    }
  }
  EXPECT_EQ(tickets_with_creation_message.size(), created.size());
}

TEST_F(WorkspaceGeneratorTest, OtherTablesReferenceExistingRows) {
  std::set<std::string> tickets, agents, customers;
  const Table t = Load("tickets.csv"), a = Load("agents.csv"), c = Load("customers.csv");
  for (const Row& r : t.rows) tickets.insert(t.At(r, "ticket_id"));
  for (const Row& r : a.rows) agents.insert(a.At(r, "agent_id"));
  for (const Row& r : c.rows) customers.insert(c.At(r, "customer_id"));
  for (const Row& r : t.rows) EXPECT_TRUE(customers.count(t.At(r, "customer_id")));
  struct Ref {
    std::string file, column;
    const std::set<std::string>* ids;
  };
  const std::vector<Ref> refs = {
      {"calls.csv", "ticket_id", &tickets},          {"calls.csv", "agent_id", &agents},
      {"calls.csv", "customer_id", &customers},      {"surveys.csv", "ticket_id", &tickets},
      {"surveys.csv", "agent_id", &agents},          {"surveys.csv", "customer_id", &customers},
      {"offers.csv", "ticket_id", &tickets},         {"offers.csv", "agent_id", &agents},
      {"offers.csv", "customer_id", &customers},     {"self_service.csv", "handed_off_ticket_id", &tickets},
      {"self_service.csv", "customer_id", &customers}, {"retention_requests.csv", "customer_id", &customers},
      {"shifts.csv", "agent_id", &agents},           {"agent_states.csv", "agent_id", &agents},
  };
  for (const Ref& ref : refs) {
    const Table table = Load(ref.file);
    size_t filled = 0;
    for (const Row& r : table.rows) {
      const std::string& v = table.At(r, ref.column);
      if (v.empty()) continue;
      ++filled;
      EXPECT_TRUE(ref.ids->count(v)) << ref.file << "." << ref.column << " = " << v;
    }
    EXPECT_GT(filled, 0u) << ref.file << "." << ref.column << " is never filled";
  }
}

TEST_F(WorkspaceGeneratorTest, SurveyScoresStayWithinTheirScale) {
  const std::map<std::string, std::pair<int, int>> scales = {
      {"csat", {1, 5}}, {"nps", {0, 10}}, {"ces", {1, 7}}, {"esat", {1, 5}}};
  const Table s = Load("surveys.csv");
  std::map<std::string, int> per_kind;
  for (const Row& r : s.rows) {
    const auto it = scales.find(s.At(r, "kind"));
    ASSERT_NE(it, scales.end()) << s.At(r, "kind");
    const int score = std::stoi(s.At(r, "score"));
    EXPECT_GE(score, it->second.first);
    EXPECT_LE(score, it->second.second);
    EXPECT_EQ(std::stoi(s.At(r, "scale_min")), it->second.first);
    EXPECT_EQ(std::stoi(s.At(r, "scale_max")), it->second.second);
    EXPECT_TRUE(IsTimestamp(s.At(r, "answered_at")));
    if (s.At(r, "kind") == "esat") {
      EXPECT_FALSE(s.At(r, "agent_id").empty());
    }
    ++per_kind[s.At(r, "kind")];
  }
  for (const auto& [kind, scale] : scales) EXPECT_GT(per_kind[kind], 0) << kind;
}

TEST_F(WorkspaceGeneratorTest, ChannelMixIsRoughlyAsSpecified) {
  const std::map<std::string, double> expected = {
      {"email", 0.40}, {"chat", 0.25}, {"phone", 0.15}, {"social", 0.10}, {"web", 0.10}};
  const Table t = Load("tickets.csv");
  std::map<std::string, int> counts;
  for (const Row& r : t.rows) ++counts[t.At(r, "channel")];
  EXPECT_EQ(counts.size(), expected.size());
  for (const auto& [channel, share] : expected) {
    EXPECT_NEAR(static_cast<double>(counts[channel]) / static_cast<double>(t.rows.size()), share, 0.05) << channel;
  }
}

TEST_F(WorkspaceGeneratorTest, IntervalsNeverEndBeforeTheyStart) {
  for (const char* file : {"shifts.csv", "agent_states.csv"}) {
    const Table t = Load(file);
    std::map<std::string, std::string> last_end;
    for (const Row& r : t.rows) {
      EXPECT_LT(t.At(r, "start"), t.At(r, "end")) << file;
      // Rows are written agent by agent within a day, so per agent they come in time order.
      if (std::string(file) == "agent_states.csv") {
        EXPECT_GE(t.At(r, "start"), last_end[t.At(r, "agent_id")]) << "overlapping states";
        last_end[t.At(r, "agent_id")] = t.At(r, "end");
      }
    }
  }
  const Table calls = Load("calls.csv");
  int short_abandons = 0;
  for (const Row& r : calls.rows) {
    const bool answered = !calls.At(r, "answered_at").empty();
    EXPECT_NE(answered, !calls.At(r, "abandoned_at").empty()) << calls.At(r, "call_id");
    const std::string& end = answered ? calls.At(r, "answered_at") : calls.At(r, "abandoned_at");
    EXPECT_LE(calls.At(r, "offered_at"), end);
    EXPECT_LE(end, calls.At(r, "ended_at"));
    if (!answered && Seconds(calls.At(r, "abandoned_at")) - Seconds(calls.At(r, "offered_at")) < 5) ++short_abandons;
  }
  EXPECT_GT(short_abandons, 0);
  const Table costs = Load("costs.csv");
  // period_end is inclusive: a one-day period starts and ends on the same date.
  for (const Row& r : costs.rows) EXPECT_LE(costs.At(r, "period_start"), costs.At(r, "period_end"));
}

TEST(WorkspaceGeneratorOptionsTest, RejectsMalformedOptions) {
  struct Case {
    const char* name;
    GeneratorOptions options;
  };
  std::vector<Case> cases;
  cases.push_back({"negative ticket count", {}});
  cases.back().options.tickets = -1;
  cases.push_back({"impossible start date", {}});
  cases.back().options.start_date = "2026-02-30";
  cases.push_back({"start date not ISO", {}});
  cases.back().options.start_date = "05.01.2026";
  cases.push_back({"unknown time zone", {}});
  cases.back().options.timezone = "Mars/Olympus_Mons";
  cases.push_back({"negative days", {}});
  cases.back().options.days = -3;
  const fs::path dir = fs::temp_directory_path() / ("supportlens_synth_bad_" + std::to_string(::getpid()));
  for (const Case& c : cases) {
    const Status s = GenerateWorkspace(c.options, dir);
    EXPECT_EQ(s.kind(), ErrorKind::kInvalidArgument) << c.name;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace supportlens
