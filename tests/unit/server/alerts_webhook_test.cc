// Alerts from the server: a commit has the rules evaluated off the request thread, a webhook
// receiver on this machine gets the signed payload after failing twice, and ingest keeps its
// pace while a receiver hangs.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "http_server.h"
#include "supportlens/alerts.h"
#include "supportlens/engine.h"
#include "supportlens/service.h"

namespace supportlens::server {
namespace {

namespace fs = std::filesystem;
const std::string kHelpdesk = std::string(SUPPORTLENS_SOURCE_DIR) + "/tests/golden/_workspaces/helpdesk";

// A webhook receiver on an ephemeral port: answers 500 to the first `failures` posts.
struct Receiver {
  httplib::Server svr;
  std::thread thread;
  int port = 0;
  std::mutex mu;
  std::vector<std::pair<std::string, std::string>> received;  // signature, body
  int failures = 0, calls = 0;
  std::chrono::milliseconds delay{0};
  explicit Receiver(int fail_first, std::chrono::milliseconds hang = std::chrono::milliseconds(0)) : failures(fail_first), delay(hang) {
    svr.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::this_thread::sleep_for(delay);
      std::lock_guard lock(mu);
      received.emplace_back(req.get_header_value("X-SupportLens-Signature"), req.body);
      res.status = ++calls <= failures ? 500 : 200;
    });
    port = svr.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { svr.listen_after_bind(); });
  }
  ~Receiver() {
    svr.stop();
    thread.join();
  }
};

std::string Db(const std::string& name) {
  fs::path dir = fs::path(::testing::TempDir()) / ("sl_alerts_http_" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::remove(dir / name);
  EXPECT_TRUE(ImportFolder(kHelpdesk, (dir / name).string(), "default").ok());
  return (dir / name).string();
}

// The rule "CSAT of the last 7 days at least 90" (the golden week is at 50 %) and a webhook to
// the receiver, signed with `secret`.
void WatchCsat(const std::string& db, const Receiver& receiver, const std::string& secret) {
  AlertRule rule;
  rule.kpi = "csat";
  rule.kind = "threshold";
  rule.op = ">=";
  rule.value = 90;
  rule.days = 7;
  ASSERT_TRUE(AddAlertRule(db, "default", rule).ok());
  AlertSink hook;
  hook.kind = "webhook";
  hook.target = "http://127.0.0.1:" + std::to_string(receiver.port) + "/hook";
  hook.secret = secret;
  ASSERT_TRUE(AddAlertSink(db, "default", hook).ok());
}

const std::string kLowCsat = R"({"records": [{"response_id": "X1", "kind": "csat", "score": 1, "answered_at": "2026-03-06T12:00:00Z", "ticket_id": "T4"}]})";

TEST(AlertsFromTheServer, ACommitRaisesASignedWebhookThatIsRetried) {
  Receiver receiver(2);
  const std::string db = Db("webhook.db");
  WatchCsat(db, receiver, "topsecret");
  auto service = *Service::Open(db);
  DeliveryPolicy fast;
  fast.first_backoff = std::chrono::milliseconds(10);
  service->EnableAlerts(WebhookPoster(), fast);
  auto ingested = service->Ingest("default", "surveys", kLowCsat);
  ASSERT_TRUE(ingested.ok()) << ingested.status().message();
  service->WaitForAlerts();
  std::lock_guard lock(receiver.mu);
  ASSERT_EQ(receiver.received.size(), 3u);  // 500, 500, then 200
  const auto& [signature, body] = receiver.received.back();
  EXPECT_EQ(signature, AlertSignature("topsecret", body));
  auto payload = nlohmann::json::parse(body);
  EXPECT_EQ(payload["event"], "alert");
  EXPECT_EQ(payload["kpi"], "csat");
}

TEST(AlertsFromTheServer, IngestIsNotSlowedByAHangingReceiver) {
  Receiver receiver(0, std::chrono::milliseconds(1500));
  const std::string db = Db("hanging.db");
  WatchCsat(db, receiver, "k");
  auto service = *Service::Open(db);
  service->EnableAlerts(WebhookPoster());
  // The first commit starts an evaluation whose delivery hangs 1.5 s; the next batches commit at once.
  ASSERT_TRUE(service->Ingest("default", "surveys", kLowCsat).ok());
  for (int i = 2; i <= 5; ++i) {
    auto started = std::chrono::steady_clock::now();
    const std::string batch = R"({"records": [{"response_id": "X)" + std::to_string(i) +
                              R"(", "kind": "csat", "score": 1, "answered_at": "2026-03-06T12:00:00Z"}]})";
    auto r = service->Ingest("default", "surveys", batch);
    ASSERT_TRUE(r.ok());
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(500));
  }
  service->WaitForAlerts();
  std::lock_guard lock(receiver.mu);
  EXPECT_EQ(receiver.received.size(), 1u);  // one alert, however many commits: no duplicates
}

}  // namespace
}  // namespace supportlens::server
