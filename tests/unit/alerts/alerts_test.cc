// Alert rules over a month of CSAT answers, each worked out by hand; one alert per breach, a
// recovery when it ends; delivery with retries, a dead letter and the log file.
#include "supportlens/alerts.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "ingest/batch_importer.h"
#include "supportlens/targets.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;

fs::path Scratch() {
  fs::path dir = fs::path(::testing::TempDir()) / ("sl_alerts_" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir;
}

// Days `from`..`to` of March 2026: a ticket a day and four CSAT answers, `satisfied` of them 5.
void AddDays(SqliteStore& store, int from, int to, int satisfied) {
  nlohmann::json tickets = nlohmann::json::array(), surveys = nlohmann::json::array();
  for (int day = from; day <= to; ++day) {
    const std::string at = fmt::format("2026-03-{:02}T10:00:00Z", day);
    tickets.push_back({{"ticket_id", fmt::format("T{}", day)}, {"created_at", at}, {"channel", "email"}});
    for (int i = 0; i < 4; ++i)
      surveys.push_back({{"response_id", fmt::format("S{}-{}", day, i)}, {"kind", "csat"}, {"score", i < satisfied ? 5 : 2}, {"answered_at", at}});
  }
  for (auto [entity, records] : {std::pair{"tickets", &tickets}, std::pair{"surveys", &surveys}}) {
    auto r = ImportBatch(store, "default", *FindEntity(entity), *records);
    ASSERT_TRUE(r.ok() && r->issues.empty()) << entity;
  }
}

// 1-13 March: 3 of 4 satisfied (75 %); 14-20 March: 2 of 4 (50 %).
std::string Month() {
  const std::string db = (Scratch() / "month.db").string();
  fs::remove(db);
  auto store = *SqliteStore::Open(db, true);
  AddDays(*store, 1, 13, 3);
  AddDays(*store, 14, 20, 2);
  return db;
}

AlertRule Rule(const std::string& kind, double value, int days, const std::string& op = "") {
  AlertRule r;
  r.kpi = "csat";
  r.kind = kind;
  r.value = value;
  r.days = days;
  r.op = op;
  return r;
}

TEST(Alerts, EachKindOfRuleWorkedOutByHand) {
  const std::string db = Month();
  // Threshold: the last 7 days (14-20 March) are 50 %, below 60.
  ASSERT_TRUE(AddAlertRule(db, "default", Rule("threshold", 60, 7, ">=")).ok());
  // Change: 75 % (7-13 March) to 50 % (14-20): -33.3 %, the bad way, beyond 10 %.
  ASSERT_TRUE(AddAlertRule(db, "default", Rule("change", 10, 7)).ok());
  // Anomaly: 20 March (50 %) against 1-19 March: 13 days at 75 and 6 at 50, mean 67.11, sd 11.94
  // (n - 1): z = (50 - 67.11) / 11.94 = -1.43. Beyond 1 it fires; beyond 3 it does not.
  ASSERT_TRUE(AddAlertRule(db, "default", Rule("anomaly", 1, 20)).ok());
  ASSERT_TRUE(AddAlertRule(db, "default", Rule("anomaly", 3, 20)).ok());
  auto events = EvaluateAlerts(db, "default");
  ASSERT_TRUE(events.ok()) << events.status().message();
  std::map<std::string, AlertEvent> by_rule;
  for (const auto& e : *events) by_rule[e.rule] = e;
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ(by_rule.at("rule:1").value, 50);
  EXPECT_EQ(by_rule.at("rule:1").message, "csat over the 7 days to 2026-03-20 is 50 (>= 60 expected)");
  EXPECT_NE(by_rule.at("rule:2").message.find("from 75 to 50 (-33.3 %)"), std::string::npos) << by_rule.at("rule:2").message;
  EXPECT_NE(by_rule.at("rule:3").message.find("-1.4 standard deviations"), std::string::npos) << by_rule.at("rule:3").message;
  EXPECT_FALSE(by_rule.count("rule:4"));
  // The rules need a valid definition.
  EXPECT_NE(AddAlertRule(db, "default", Rule("threshold", 60, 7)).status().message().find("min, max: a threshold rule needs"), std::string::npos);
  EXPECT_NE(AddAlertRule(db, "default", Rule("anomaly", 3, 5)).status().message().find("at least 8 days"), std::string::npos);
  EXPECT_NE(AddAlertRule(db, "default", Rule("spike", 3, 7)).status().message().find("kind: expected threshold, change or anomaly"), std::string::npos);
}

TEST(Alerts, OneAlertPerBreachAndARecoveryWhenItEnds) {
  const std::string db = Month();
  ASSERT_TRUE(AddAlertRule(db, "default", Rule("threshold", 60, 7, ">=")).ok());
  Target target;
  target.kpi = "csat";
  target.op = ">=";
  target.value = 70;
  ASSERT_TRUE(SetTarget(db, "default", target).ok());  // a target set is a rule too
  auto first = EvaluateAlerts(db, "default");
  ASSERT_TRUE(first.ok()) << first.status().message();
  ASSERT_EQ(first->size(), 2u);  // the rule, and the target (28 days to 20 March: 13x3+7x2 = 53 of 80 = 66.25 %)
  auto again = EvaluateAlerts(db, "default");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());  // still breached: no second alert
  // A better week, 21-27 March, all satisfied: the last 7 days are 100 %, and the 28 days to
  // 27 March (1-27 March) 13x3 + 7x2 + 7x4 = 81 of 108 answers = 75 %: both recover.
  {
    auto store = *SqliteStore::Open(db, false);
    AddDays(*store, 21, 27, 4);
  }
  auto recovered = EvaluateAlerts(db, "default");
  ASSERT_TRUE(recovered.ok());
  std::map<std::string, std::string> kinds;
  for (const auto& e : *recovered) kinds[e.rule] = e.event;
  EXPECT_EQ(kinds["rule:1"], "recovery");
  EXPECT_EQ(kinds["target:1"], "recovery");
  auto history = AlertHistory(db, "default", "json");
  ASSERT_TRUE(history.ok());
  auto alerts = nlohmann::json::parse(*history)["alerts"];
  ASSERT_EQ(alerts.size(), 2u);
  for (const auto& a : alerts) {
    EXPECT_FALSE(a["closed_at"].is_null()) << a.dump();
  }
}

TEST(Alerts, DeliveryRetriesThenDeadLettersAndSignsEveryPayload) {
  const std::string db = Month();
  ASSERT_TRUE(AddAlertRule(db, "default", Rule("threshold", 60, 7, ">=")).ok());
  const std::string log = (Scratch() / "alerts.log").string();
  fs::remove(log);
  AlertSink file;
  file.kind = "log";
  file.target = log;
  ASSERT_TRUE(AddAlertSink(db, "default", file).ok());
  AlertSink hook;
  hook.kind = "webhook";
  hook.target = "https://hooks.example.com/support";
  hook.secret = "s3cret";
  ASSERT_TRUE(AddAlertSink(db, "default", hook).ok());
  auto events = EvaluateAlerts(db, "default");
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  // The receiver fails twice, then takes it.
  int calls = 0;
  std::string signature, body;
  HttpPost flaky = [&](const std::string& url, const std::string& b, const std::vector<std::pair<std::string, std::string>>& headers) {
    EXPECT_EQ(url, "https://hooks.example.com/support");
    for (const auto& [k, v] : headers)
      if (k == "X-SupportLens-Signature") signature = v;
    body = b;
    return ++calls < 3 ? 500 : 200;
  };
  DeliveryPolicy fast;
  fast.first_backoff = std::chrono::milliseconds(1);
  ASSERT_TRUE(DeliverAlerts(db, "default", *events, flaky, fast).ok());
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(signature, AlertSignature("s3cret", body));
  EXPECT_EQ(signature.substr(0, 7), "sha256=");
  EXPECT_EQ(nlohmann::json::parse(body)["event"], "alert");
  // HMAC-SHA256 of "" with the key "key" (RFC 4231 style check of the primitive).
  EXPECT_EQ(AlertSignature("key", "The quick brown fox jumps over the lazy dog"),
            "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  // A receiver that never accepts: 4 attempts, then a dead letter.
  int refused = 0;
  HttpPost down = [&](const std::string&, const std::string&, const std::vector<std::pair<std::string, std::string>>&) {
    ++refused;
    return 0;
  };
  ASSERT_TRUE(DeliverAlerts(db, "default", *events, down, fast).ok());
  EXPECT_EQ(refused, 4);
  auto history = AlertHistory(db, "default", "json");
  ASSERT_TRUE(history.ok());
  auto deliveries = nlohmann::json::parse(*history)["alerts"][0]["deliveries"];
  ASSERT_EQ(deliveries.size(), 4u);  // log and webhook, twice
  EXPECT_EQ(deliveries[1]["status"], "delivered");
  EXPECT_EQ(deliveries[1]["attempts"], 3);
  EXPECT_EQ(deliveries[3]["status"], "dead");
  EXPECT_EQ(deliveries[3]["attempts"], 4);
  EXPECT_EQ(deliveries[3]["error"], "unreachable");
  // The log file has one JSON line per delivery.
  std::ifstream in(log);
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) {
    ++lines;
    EXPECT_EQ(nlohmann::json::parse(line)["rule"], "rule:1");
  }
  EXPECT_EQ(lines, 2);
}

}  // namespace
}  // namespace supportlens
