// The HTTP API against an in-process server on an ephemeral port: every endpoint, every error
// class, auth and workspace isolation, idempotent retries, the 413 limits, the live stream.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "http_server.h"
#include "supportlens/alerts.h"
#include "supportlens/engine.h"
#include "supportlens/forecast.h"
#include "supportlens/service.h"
#include "supportlens/staffing.h"
#include "supportlens/staffing_plan.h"

namespace supportlens::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kHelpdesk = std::string(SUPPORTLENS_SOURCE_DIR) + "/tests/golden/_workspaces/helpdesk";
const std::string kWindow = "from=2026-03-02&to=2026-03-09";

class HttpApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = fs::path(::testing::TempDir()) / ("sl_http_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(dir_);
    db_ = (dir_ / "db.sqlite").string();
    ASSERT_TRUE(ImportFolder(kHelpdesk, db_, "default").ok());
    ASSERT_TRUE(ImportFolder(kHelpdesk, db_, "other").ok());
    auto service = Service::Open(db_, ServiceLimits{5});
    ASSERT_TRUE(service.ok()) << service.status().message();
    service_ = std::move(*service);
    admin_ = Key("default", Role::kAdmin);
    analyst_ = Key("default", Role::kAnalyst);
    ingest_ = Key("default", Role::kIngest);
    other_admin_ = Key("other", Role::kAdmin);
    ServerOptions options;
    options.port = 0;
    options.max_body_bytes = 64 * 1024;
    server_ = std::make_unique<HttpServer>(*service_, options);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok());
    port_ = *port;
    thread_ = std::thread([this] { server_->Run(); });
    // Debian's cpp-httplib 0.11 has no wait_until_ready().
    for (int i = 0; i < 200 && !server_->running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ASSERT_TRUE(server_->running());
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    service_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string Key(const std::string& ws, Role role) {
    auto k = service_->CreateKey(ws, role);
    EXPECT_TRUE(k.ok());
    return k.ok() ? k->key : "";
  }
  httplib::Client Client(const std::string& key = "") {
    httplib::Client c("127.0.0.1", port_);
    if (!key.empty()) c.set_bearer_token_auth(key);
    c.set_read_timeout(10);
    return c;
  }
  httplib::Result Get(const std::string& path, const std::string& key) { return Client(key).Get(path); }
  httplib::Result Post(const std::string& path, const std::string& key, const std::string& body) {
    return Client(key).Post(path, body, "application/json");
  }
  static json Body(const httplib::Result& r) { return json::parse(r->body); }
  int64_t TicketVolume(const std::string& ws = "default") {
    auto r = Get("/v1/workspaces/" + ws + "/report?" + kWindow + "&kpi=ticket_volume", ws == "default" ? admin_ : other_admin_);
    return Body(r)["rows"][0]["kpis"]["ticket_volume"]["value"].get<int64_t>();
  }

  fs::path dir_;
  std::string db_, admin_, analyst_, ingest_, other_admin_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  int port_ = 0;
};

const std::string kNewTicket = R"({"records": [{"ticket_id": "N1", "created_at": "2026-03-06T10:00:00Z", "channel": "chat", "customer_id": "C1"}]})";

TEST_F(HttpApiTest, HealthAndCatalogNeedNoKey) {
  auto h = Get("/v1/health", "");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
  EXPECT_EQ(Body(h)["status"], "ok");
  auto k = Get("/v1/kpis", "");
  EXPECT_EQ(k->status, 200);
  EXPECT_EQ(Body(k).size(), KpiCatalog().size());
}

TEST_F(HttpApiTest, ReportIsTheCliReportJson) {
  Query q{"2026-03-02", "2026-03-09", {}, {"channel"}};
  auto expected = ComputeReport(db_, "default", q);
  ASSERT_TRUE(expected.ok());
  auto r = Get("/v1/workspaces/default/report?" + kWindow + "&by=channel", analyst_);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(r->body, *RenderReport(*expected, "json"));
}

TEST_F(HttpApiTest, ReportTakesEveryCliParameter) {
  Query q{"2026-03-02", "2026-03-09", {"first_reply_time", "csat"}, {"channel", "week"}, {{"priority", "high"}}, true, "event"};
  auto expected = ComputeReport(db_, "default", q);
  ASSERT_TRUE(expected.ok());
  auto r = Get("/v1/workspaces/default/report?" + kWindow +
                   "&kpi=first_reply_time&kpi=csat&by=channel,week&filter=priority%3Dhigh&business_time=true&cohort=event",
               analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->body, *RenderReport(*expected, "json"));
}

TEST_F(HttpApiTest, ExportCsvEqualsTheReportItMirrors) {
  Query q{"2026-03-02", "2026-03-09", {}, {"channel"}};
  auto expected = ComputeReport(db_, "default", q);
  auto r = Get("/v1/workspaces/default/export.csv?" + kWindow + "&by=channel", analyst_);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->body, *RenderReport(*expected, "csv"));
  EXPECT_NE(r->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
}

TEST_F(HttpApiTest, SeriesListsEveryDayOfTheWindowPerKpi) {
  auto r = Get("/v1/workspaces/default/series?" + kWindow + "&kpi=ticket_volume,csat&bucket=day", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  json s = Body(r);
  EXPECT_EQ(s["bucket"], "day");
  ASSERT_EQ(s["series"].size(), 2u);
  EXPECT_EQ(s["series"][0]["kpi"], "ticket_volume");
  ASSERT_EQ(s["series"][0]["points"].size(), 7u);  // 03-02 .. 03-08
  // T1,T2 were created on 03-02 (golden ticket_volume by_day).
  EXPECT_EQ(s["series"][0]["points"][0]["period"], "2026-03-02");
  EXPECT_EQ(s["series"][0]["points"][0]["value"], 2);
}

TEST_F(HttpApiTest, RowsListTheRecordsBehindAFigure) {
  Query q{"2026-03-02", "2026-03-09", {}, {}, {{"channel", "email"}}};
  auto expected = ListRows(db_, "default", "ticket_volume", q);
  ASSERT_TRUE(expected.ok());
  auto r = Get("/v1/workspaces/default/rows?" + kWindow + "&kpi=ticket_volume&filter=channel%3Demail", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->body, *RenderRows(*expected, "json"));
  EXPECT_EQ(Body(r)["rows"].size(), 3u);  // T1, T3, T6
  auto literal = Get("/v1/workspaces/default/rows?" + kWindow + "&kpi=ticket_volume&filter=channel=email", analyst_);
  EXPECT_EQ(literal->body, r->body);  // as docs/api.md writes it, unencoded
  auto csv = Get("/v1/workspaces/default/rows.csv?" + kWindow + "&kpi=ticket_volume&filter=channel%3Demail", analyst_);
  EXPECT_EQ(csv->body, *RenderRows(*expected, "csv"));
  auto two = Get("/v1/workspaces/default/rows?" + kWindow + "&kpi=ticket_volume,csat", analyst_);
  EXPECT_EQ(two->status, 400);
}

TEST_F(HttpApiTest, DimensionsOfferTheFilterValues) {
  auto r = Get("/v1/workspaces/default/dimensions", analyst_);
  ASSERT_EQ(r->status, 200);
  json d = Body(r);
  EXPECT_EQ(d["channel"], json({"chat", "email", "phone"}));  // phone from calls.csv
  EXPECT_EQ(d["first_day"], "2026-02-27");  // T7
  EXPECT_EQ(d["timezone"], "UTC");
}

TEST_F(HttpApiTest, WhoamiNamesTheKeysWorkspaceAndRole) {
  auto r = Get("/v1/whoami", ingest_);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(Body(r)["workspace"], "default");
  EXPECT_EQ(Body(r)["role"], "ingest");
  EXPECT_EQ(Get("/v1/whoami", "")->status, 401);
}

TEST_F(HttpApiTest, IngestCommitsABatchAndARetryStoresNothingTwice) {
  int64_t before = TicketVolume();
  auto r = Post("/v1/workspaces/default/tickets", ingest_, kNewTicket);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Body(r)["inserted"], 1);
  EXPECT_EQ(TicketVolume(), before + 1);
  auto again = Post("/v1/workspaces/default/tickets", ingest_, kNewTicket);
  ASSERT_EQ(again->status, 200);
  EXPECT_EQ(Body(again)["inserted"], 0);
  EXPECT_EQ(Body(again)["unchanged"], 1);
  EXPECT_EQ(TicketVolume(), before + 1);
}

TEST_F(HttpApiTest, ABatchWithABadRecordIsRejectedWholeWithTheImportMessages) {
  int64_t before = TicketVolume();
  auto r = Post("/v1/workspaces/default/tickets", ingest_,
                R"({"records": [{"ticket_id": "N2", "created_at": "2026-03-06T10:00:00Z", "channel": "chat"},
                                {"ticket_id": "N3", "created_at": "yesterday", "channel": "chat"},
                                {"ticket_id": "N4", "created_at": "2026-03-06T10:00:00Z", "channel": "chat", "is_complaint": "maybe"}]})");
  ASSERT_EQ(r->status, 422) << r->body;
  json e = Body(r)["error"];
  EXPECT_EQ(e["code"], "invalid_records");
  EXPECT_EQ(e["message"], "2 of 3 records rejected; nothing was stored");
  ASSERT_EQ(e["records"].size(), 2u);
  EXPECT_EQ(e["records"][0]["record"], 1);
  EXPECT_EQ(e["records"][0]["field"], "created_at");
  EXPECT_EQ(e["records"][0]["message"], "tickets:2: created_at: not a timestamp: \"yesterday\"");
  EXPECT_EQ(e["records"][1]["record"], 2);
  EXPECT_EQ(e["records"][1]["field"], "is_complaint");
  EXPECT_EQ(TicketVolume(), before);  // N2 was valid but is not stored either
}

TEST_F(HttpApiTest, ReferencesAreCheckedAgainstTheStoreAndTheBatch) {
  auto r = Post("/v1/workspaces/default/events", ingest_,
                R"({"records": [{"event_id": "X1", "ticket_id": "NOPE", "at": "2026-03-06T10:00:00Z", "type": "message", "actor_kind": "customer"},
                                {"event_id": "X2", "ticket_id": "T1", "at": "2026-03-06T10:00:00Z", "type": "message", "actor_kind": "customer"},
                                {"event_id": "X2", "ticket_id": "T1", "at": "2026-03-06T11:00:00Z", "type": "message", "actor_kind": "customer"},
                                {"event_id": "X3", "ticket_id": "T1", "at": "2026-03-01T10:00:00Z", "type": "message", "actor_kind": "customer"}]})");
  ASSERT_EQ(r->status, 422);
  json recs = Body(r)["error"]["records"];
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0]["message"], "events:1: ticket_id: unknown ticket \"NOPE\"");
  EXPECT_EQ(recs[1]["message"], "events:3: event_id: duplicate id \"X2\" (first seen on line 2)");
  EXPECT_EQ(recs[2]["message"], "events:4: at: before its ticket was created (2026-03-02T09:00:00Z)");
  auto changed = Post("/v1/workspaces/default/tickets", ingest_,
                      R"({"records": [{"ticket_id": "T1", "created_at": "2026-03-02T09:00:00Z", "channel": "phone"}]})");
  ASSERT_EQ(changed->status, 422);
  EXPECT_EQ(Body(changed)["error"]["records"][0]["reason"],
            "\"T1\" is already stored with different values (stored rows are never changed)");
}

TEST_F(HttpApiTest, EveryAuthFailureHasItsStatus) {
  const std::string report = "/v1/workspaces/default/report?" + kWindow;
  EXPECT_EQ(Get(report, "")->status, 401);
  EXPECT_EQ(Get(report, "sl_not-a-key")->status, 401);
  EXPECT_EQ(Get(report, "garbage")->status, 401);
  EXPECT_EQ(Get(report, ingest_)->status, 403);  // ingest may only write
  EXPECT_EQ(Post("/v1/workspaces/default/tickets", analyst_, kNewTicket)->status, 403);  // analyst may only read
  EXPECT_EQ(Get(report, analyst_)->status, 200);
  EXPECT_EQ(Get(report, admin_)->status, 200);
  EXPECT_EQ(Post("/v1/workspaces/default/keys", analyst_, R"({"role": "admin"})")->status, 403);
  // The key may be a query parameter on GET (EventSource, download links), never on POST.
  EXPECT_EQ(Get(report + "&access_token=" + analyst_, "")->status, 200);
  EXPECT_EQ(Client().Post("/v1/workspaces/default/tickets?access_token=" + ingest_, kNewTicket, "application/json")->status, 401);
}

TEST_F(HttpApiTest, AKeyNeverReachesAnotherWorkspace) {
  auto read = Get("/v1/workspaces/default/report?" + kWindow, other_admin_);
  EXPECT_EQ(read->status, 403);
  EXPECT_EQ(Body(read)["error"]["code"], "forbidden");
  int64_t before = TicketVolume();
  EXPECT_EQ(Post("/v1/workspaces/default/tickets", other_admin_, kNewTicket)->status, 403);
  EXPECT_EQ(TicketVolume(), before);
  EXPECT_EQ(Get("/v1/workspaces/default/live?" + kWindow, other_admin_)->status, 403);
  EXPECT_EQ(Get("/v1/workspaces/default/keys", other_admin_)->status, 403);
  // Its own workspace works, and a write there leaves "default" alone.
  ASSERT_EQ(Post("/v1/workspaces/other/tickets", other_admin_, kNewTicket)->status, 200);
  EXPECT_EQ(TicketVolume("other"), before + 1);
  EXPECT_EQ(TicketVolume("default"), before);
}

TEST_F(HttpApiTest, LimitsAnswer413) {
  std::string big(70 * 1024, ' ');
  auto body = Post("/v1/workspaces/default/tickets", ingest_, "{\"records\": []}" + big);
  ASSERT_EQ(body->status, 413);
  EXPECT_EQ(Body(body)["error"]["code"], "payload_too_large");
  json six = {{"records", json::array()}};
  for (int i = 0; i < 6; ++i) six["records"].push_back({{"ticket_id", "B" + std::to_string(i)}, {"created_at", "2026-03-06T10:00:00Z"}, {"channel", "chat"}});
  auto batch = Post("/v1/workspaces/default/tickets", ingest_, six.dump());
  ASSERT_EQ(batch->status, 413);
  EXPECT_EQ(Body(batch)["error"]["message"], "6 records in one batch; the limit is 5");
}

TEST_F(HttpApiTest, MalformedRequestsAnswerJsonErrors) {
  struct Case {
    std::string method, path, body;
    int status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"GET", "/v1/workspaces/default/report?from=2026-13-01&to=2026-03-09", "", 400, "invalid_argument"},
      {"GET", "/v1/workspaces/default/report?to=2026-03-09", "", 400, "invalid_argument"},
      {"GET", "/v1/workspaces/default/report?" + kWindow + "&kpi=nope", "", 400, "invalid_argument"},
      {"GET", "/v1/workspaces/default/report?" + kWindow + "&by=colour", "", 400, "invalid_argument"},
      {"GET", "/v1/workspaces/default/report?" + kWindow + "&cohort=whenever", "", 400, "invalid_argument"},
      {"GET", "/v1/workspaces/default/report?" + kWindow + "&business_time=maybe", "", 400, "invalid_argument"},
      {"GET", "/v1/workspaces/default/series?" + kWindow + "&bucket=year", "", 400, "invalid_argument"},
      {"POST", "/v1/workspaces/default/tickets", "{not json", 400, "invalid_argument"},
      {"POST", "/v1/workspaces/default/tickets", R"({"rows": []})", 400, "invalid_argument"},
      {"POST", "/v1/workspaces/default/widgets", R"({"records": []})", 404, "not_found"},
      {"GET", "/v1/nothing/here", "", 404, "not_found"},
      {"DELETE", "/v1/workspaces/default/report", "", 405, "method_not_allowed"},
      {"GET", "/v1/workspaces/default/tickets", "", 405, "method_not_allowed"},
      {"POST", "/v1/workspaces/default/report", "{}", 405, "method_not_allowed"},
      {"GET", "/v1/workspaces/default/nonsense", "", 404, "not_found"},
      {"DELETE", "/v1/workspaces/default/keys/99999999999999999999999", "", 404, "not_found"},
  };
  for (const auto& c : cases) {
    auto client = Client(admin_);
    auto r = c.method == "GET"    ? client.Get(c.path)
             : c.method == "POST" ? client.Post(c.path, c.body, "application/json")
                                  : client.Delete(c.path);
    ASSERT_TRUE(r) << c.path;
    EXPECT_EQ(r->status, c.status) << c.method << " " << c.path << ": " << r->body;
    EXPECT_EQ(Body(r)["error"]["code"], c.code) << c.path;
    EXPECT_FALSE(Body(r)["error"]["message"].get<std::string>().empty()) << c.path;
  }
}

TEST_F(HttpApiTest, AnUnknownWorkspaceIsNotFound) {
  std::string key = Key("empty", Role::kAnalyst);
  auto r = Get("/v1/workspaces/empty/report?" + kWindow, key);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(Body(r)["error"]["code"], "not_found");
  EXPECT_EQ(Body(r)["error"]["message"], "no workspace named \"empty\" (it is created by its first write)");  // no server path
}

TEST_F(HttpApiTest, KeysAreManagedByAnAdminAndRevokedAtOnce) {
  auto created = Post("/v1/workspaces/default/keys", admin_, R"({"role": "analyst", "name": "wallboard"})");
  ASSERT_EQ(created->status, 201) << created->body;
  std::string key = Body(created)["key"];
  int64_t id = Body(created)["id"];
  EXPECT_EQ(Get("/v1/workspaces/default/report?" + kWindow, key)->status, 200);
  auto list = Get("/v1/workspaces/default/keys", admin_);
  ASSERT_EQ(list->status, 200);
  EXPECT_EQ(list->body.find(key), std::string::npos);  // never the key itself
  EXPECT_EQ(Body(list)["keys"].size(), 4u);           // only this workspace's keys
  EXPECT_EQ(Client(admin_).Delete("/v1/workspaces/default/keys/" + std::to_string(id))->status, 204);
  EXPECT_EQ(Get("/v1/workspaces/default/report?" + kWindow, key)->status, 401);
  EXPECT_EQ(Client(admin_).Delete("/v1/workspaces/default/keys/" + std::to_string(id))->status, 404);
  EXPECT_EQ(Post("/v1/workspaces/default/keys", admin_, R"({"role": "root"})")->status, 400);
}

TEST_F(HttpApiTest, SettingsAreReplacedByAnAdmin) {
  auto client = Client(admin_);
  auto ok = client.Put("/v1/workspaces/default/settings", "timezone = \"Europe/Berlin\"\n", "application/toml");
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(Body(Get("/v1/workspaces/default/dimensions", admin_))["timezone"], "Europe/Berlin");
  auto bad = client.Put("/v1/workspaces/default/settings", "timezone = \"Mars/Olympus\"\n", "application/toml");
  EXPECT_EQ(bad->status, 422);
  EXPECT_EQ(Body(bad)["error"]["code"], "invalid_data");
  EXPECT_EQ(Client(analyst_).Put("/v1/workspaces/default/settings", "", "application/toml")->status, 403);
}

// The live stream read on a thread of its own: every event's name and JSON data, in order,
// until `enough` holds for what has arrived.
class LiveReader {
 public:
  using Events = std::vector<std::pair<std::string, json>>;
  LiveReader(httplib::Client client, std::string path, std::function<bool(const Events&)> enough)
      : client_(std::move(client)), enough_(std::move(enough)) {
    thread_ = std::thread([this, path] {
      client_.Get(path, [this](const char* data, size_t n) {
        std::lock_guard lock(mu_);
        buffer_.append(data, n);
        size_t end;
        while ((end = buffer_.find("\n\n")) != std::string::npos) {
          const std::string event = buffer_.substr(0, end);
          buffer_.erase(0, end + 2);
          const size_t data_at = event.find("\ndata: ");
          if (event.rfind("event: ", 0) == 0 && data_at != std::string::npos)
            events_.emplace_back(event.substr(7, data_at - 7), json::parse(event.substr(data_at + 7)));
        }
        return !enough_(events_);
      });
    });
  }
  ~LiveReader() { Join(); }
  void Join() {
    if (thread_.joinable()) thread_.join();
  }
  // Whether `done` came to hold within `limit`.
  bool WaitUntil(const std::function<bool(const Events&)>& done, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      {
        std::lock_guard lock(mu_);
        if (done(events_)) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  }
  Events Get() {
    std::lock_guard lock(mu_);
    return events_;
  }
  static std::vector<json> Named(const Events& events, const std::string& name) {
    std::vector<json> out;
    for (const auto& [n, data] : events)
      if (n == name) out.push_back(data);
    return out;
  }

 private:
  httplib::Client client_;
  std::function<bool(const Events&)> enough_;
  std::mutex mu_;
  std::string buffer_;
  Events events_;
  std::thread thread_;
};

TEST_F(HttpApiTest, LivePushesTheOverviewAgainAfterACommit) {
  auto reports = [](const LiveReader::Events& e) { return LiveReader::Named(e, "report").size(); };
  LiveReader live(Client(analyst_), "/v1/workspaces/default/live?" + kWindow, [&](const auto& e) { return reports(e) >= 2; });
  ASSERT_TRUE(live.WaitUntil([&](const auto& e) { return reports(e) >= 1; }, std::chrono::seconds(5)));
  auto committed = std::chrono::steady_clock::now();
  ASSERT_EQ(Post("/v1/workspaces/default/tickets", ingest_, kNewTicket)->status, 200);
  bool pushed = live.WaitUntil([&](const auto& e) { return reports(e) >= 2; }, std::chrono::seconds(5));
  auto latency = std::chrono::steady_clock::now() - committed;
  live.Join();
  ASSERT_TRUE(pushed);
  EXPECT_LT(latency, std::chrono::seconds(1));
  const std::vector<json> events = LiveReader::Named(live.Get(), "report");
  EXPECT_EQ(events[0]["rows"][0]["kpis"]["ticket_volume"]["value"], 6);  // T1..T6
  EXPECT_EQ(events[1]["rows"][0]["kpis"]["ticket_volume"]["value"], 7);  // + N1
  EXPECT_GT(events[1]["data_version"].get<int64_t>(), events[0]["data_version"].get<int64_t>());
  EXPECT_TRUE(events[1]["rows"][0]["kpis"].contains("csat"));  // the overview set
}

// The live stream waits for a new data version or new feedback. Feedback is noted just after
// its commit, so a wait can see the commit's version first: it must still wake for the feedback
// instead of sleeping until the next heartbeat.
TEST_F(HttpApiTest, AWaitThatSawTheCommitStillWakesForItsFeedback) {
  const std::atomic<bool> stop{false};
  const int64_t seq_before = service_->FeedbackSeq("default");
  const int64_t version_before = service_->WaitForChange("default", -1, seq_before, std::chrono::milliseconds(0), stop);
  const std::string angry = R"({"records": [{"event_id": "W1", "ticket_id": "T4", "at": "2026-03-06T10:05:00Z",
    "type": "message", "actor_kind": "customer", "text": "This is the worst service, I am furious"}]})";
  ASSERT_EQ(Post("/v1/workspaces/default/events", ingest_, angry)->status, 200);
  const int64_t version_after = service_->WaitForChange("default", version_before, seq_before, std::chrono::milliseconds(0), stop);
  ASSERT_NE(version_after, version_before);
  ASSERT_GT(service_->FeedbackSeq("default"), seq_before);
  // Seen the new version, not the new feedback: returns at once, not after five seconds.
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(service_->WaitForChange("default", version_after, seq_before, std::chrono::seconds(5), stop), version_after);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  // Seen both: waits for the timeout.
  const auto again = std::chrono::steady_clock::now();
  service_->WaitForChange("default", version_after, service_->FeedbackSeq("default"), std::chrono::milliseconds(300), stop);
  EXPECT_GE(std::chrono::steady_clock::now() - again, std::chrono::milliseconds(300));
}

TEST_F(HttpApiTest, NegativeFeedbackReachesTheLiveStreamWithinASecond) {
  // Feedback events carry the new items; two are expected.
  auto items = [](const LiveReader::Events& e) {
    std::vector<json> out;
    for (const json& pushed : LiveReader::Named(e, "feedback"))
      for (const auto& item : pushed["items"]) out.push_back(item);
    return out;
  };
  LiveReader live(Client(analyst_), "/v1/workspaces/default/live?" + kWindow, [&](const auto& e) { return items(e).size() >= 2; });
  ASSERT_TRUE(live.WaitUntil([](const auto& e) { return !LiveReader::Named(e, "report").empty(); }, std::chrono::seconds(5)));
  // A neutral message, then a strongly negative one ("This is the worst service, I am furious":
  // compound -0.8316 <= -0.5), then an NPS detractor (4 of 0-10).
  const std::string events = R"({"records": [
    {"event_id": "F1", "ticket_id": "T4", "at": "2026-03-06T10:00:00Z", "type": "message", "actor_kind": "customer", "text": "Any news?"},
    {"event_id": "F2", "ticket_id": "T4", "at": "2026-03-06T10:05:00Z", "type": "message", "actor_kind": "customer",
     "text": "This is the worst service, I am furious"}]})";
  auto posted = std::chrono::steady_clock::now();
  ASSERT_EQ(Post("/v1/workspaces/default/events", ingest_, events)->status, 200);
  ASSERT_TRUE(live.WaitUntil([&](const auto& e) { return items(e).size() >= 1; }, std::chrono::seconds(5)));
  EXPECT_LT(std::chrono::steady_clock::now() - posted, std::chrono::seconds(1));
  const std::string survey = R"({"records": [{"response_id": "F3", "kind": "nps", "score": 4, "answered_at": "2026-03-06T11:00:00Z",
    "ticket_id": "T4", "customer_id": "C3", "comment": "Too slow"}]})";
  ASSERT_EQ(Post("/v1/workspaces/default/surveys", ingest_, survey)->status, 200);
  bool both = live.WaitUntil([&](const auto& e) { return items(e).size() >= 2; }, std::chrono::seconds(5));
  live.Join();
  ASSERT_TRUE(both);
  const std::vector<json> feedback = items(live.Get());
  EXPECT_EQ(feedback[0]["kind"], "message");
  EXPECT_EQ(feedback[0]["id"], "F2");
  EXPECT_EQ(feedback[0]["ticket_id"], "T4");
  EXPECT_LE(feedback[0]["compound"].get<double>(), -0.5);
  EXPECT_EQ(feedback[1]["kind"], "survey");
  EXPECT_EQ(feedback[1]["survey_kind"], "nps");
  EXPECT_EQ(feedback[1]["text"], "Too slow");

  // The same list over plain HTTP, and a retried batch adds nothing twice.
  ASSERT_EQ(Post("/v1/workspaces/default/events", ingest_, events)->status, 200);
  auto list = Get("/v1/workspaces/default/feedback", analyst_);
  ASSERT_EQ(list->status, 200);
  EXPECT_EQ(Body(list)["items"].size(), 2u);
  EXPECT_EQ(Body(list)["last_seq"], 2);
  EXPECT_EQ(Body(Get("/v1/workspaces/default/feedback?after=1", analyst_))["items"].size(), 1u);
  EXPECT_EQ(Get("/v1/workspaces/default/feedback?limit=0", analyst_)->status, 400);
  EXPECT_EQ(Get("/v1/workspaces/default/feedback", other_admin_)->status, 403);
}

TEST_F(HttpApiTest, SentimentListsAndPhrasesAreTheLibrarysJson) {
  auto tickets = Get("/v1/workspaces/default/sentiment/tickets?" + kWindow + "&limit=2", analyst_);
  ASSERT_EQ(tickets->status, 200) << tickets->body;
  // The two most negative tickets: 'SSO broken' and 'Still wrong' (26.17 each).
  ASSERT_EQ(Body(tickets)["tickets"].size(), 2u);
  EXPECT_EQ(Body(tickets)["tickets"][0]["score"], 26.17);
  auto customers = Get("/v1/workspaces/default/sentiment/customers?limit=0", analyst_);
  ASSERT_EQ(customers->status, 200);
  EXPECT_EQ(Body(customers)["customers"].size(), 3u);  // C1, C2, C3
  EXPECT_EQ(Get("/v1/workspaces/default/sentiment/tickets?open=maybe", analyst_)->status, 400);
  auto phrases = Get("/v1/workspaces/default/phrases?" + kWindow + "&previous=2&min_tickets=1", analyst_);
  ASSERT_EQ(phrases->status, 200) << phrases->body;
  EXPECT_EQ(Body(phrases)["tickets"], 6);  // T1..T6 have text; T7 is the week before
  EXPECT_EQ(Get("/v1/workspaces/default/phrases?from=2026-03-02", analyst_)->status, 400);
  EXPECT_EQ(Get("/v1/workspaces/nope/phrases?" + kWindow, analyst_)->status, 403);
}

TEST_F(HttpApiTest, TargetsAreSetByAnAdminAndCheckedByAnAnalyst) {
  auto put = [&](const std::string& key, const std::string& body) {
    return Client(key).Put("/v1/workspaces/default/targets", body, "application/json");
  };
  EXPECT_EQ(put(analyst_, R"({"kpi": "csat", "min": 60})")->status, 403);
  auto set = put(admin_, R"({"kpi": "csat", "min": 60})");
  ASSERT_EQ(set->status, 200) << set->body;
  const int64_t id = Body(set)["id"].get<int64_t>();
  auto chat = put(admin_, R"({"kpi": "first_reply_time", "scope": {"channel": "chat"}, "max": 3600, "deadline": "2026-12-31"})");
  ASSERT_EQ(chat->status, 200) << chat->body;
  EXPECT_EQ(put(admin_, R"({"kpi": "csat", "min": "high"})")->status, 400);
  EXPECT_EQ(put(admin_, R"({"kpi": "csat", "min": 90, "max": 80})")->status, 400);
  auto list = Get("/v1/workspaces/default/targets?set_only=true", analyst_);
  ASSERT_EQ(list->status, 200);
  EXPECT_EQ(Body(list)["targets"].size(), 2u);
  // CSAT over the golden week is 50 % (tests/golden/csat): below 60, breached.
  auto status = Get("/v1/workspaces/default/targets/status?" + kWindow + "&only_set=true", analyst_);
  ASSERT_EQ(status->status, 200) << status->body;
  const json checked = Body(status);
  EXPECT_TRUE(checked["breached"].get<bool>());
  bool csat_seen = false;
  for (const auto& t : checked["targets"])
    if (t["kpi"] == "csat") {
      csat_seen = true;
      EXPECT_EQ(t["status"], "breached");
      EXPECT_EQ(t["actual"], 50);
    }
  EXPECT_TRUE(csat_seen) << status->body;
  EXPECT_EQ(Client(analyst_).Delete("/v1/workspaces/default/targets/" + std::to_string(id))->status, 403);
  EXPECT_EQ(Client(admin_).Delete("/v1/workspaces/default/targets/" + std::to_string(id))->status, 204);
  EXPECT_EQ(Client(admin_).Delete("/v1/workspaces/default/targets/" + std::to_string(id))->status, 404);
  EXPECT_EQ(Body(Get("/v1/workspaces/default/targets?set_only=true", analyst_))["targets"].size(), 1u);
}

TEST_F(HttpApiTest, AlertHistoryIsShownToAnalysts) {
  // A rule the golden week breaks (CSAT 50 % against at least 80), evaluated once.
  AlertRule rule;
  rule.kpi = "csat";
  rule.kind = "threshold";
  rule.op = ">=";
  rule.value = 80;
  ASSERT_TRUE(AddAlertRule(db_, "default", rule).ok());
  ASSERT_TRUE(EvaluateAlerts(db_, "default").ok());
  auto history = Get("/v1/workspaces/default/alerts", analyst_);
  ASSERT_EQ(history->status, 200) << history->body;
  const json alerts = Body(history)["alerts"];
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0]["kpi"], "csat");
  EXPECT_TRUE(alerts[0]["closed_at"].is_null());
  EXPECT_EQ(Get("/v1/workspaces/default/alerts", other_admin_)->status, 403);
}

TEST_F(HttpApiTest, LeadLagOverviewIsTheLibrarysJson) {
  // The golden week and the one after it, given as a window: two weeks, too few for a move.
  auto overview = Get("/v1/workspaces/default/lead-lag?from=2026-03-02&to=2026-03-16", analyst_);
  ASSERT_EQ(overview->status, 200) << overview->body;
  const json j = Body(overview);
  EXPECT_EQ(j["weeks"], json({"2026-W10", "2026-W11"}));
  EXPECT_FALSE(j["leading"].empty());
  EXPECT_FALSE(j["lagging"].empty());
  EXPECT_TRUE(j["links"].empty());
  EXPECT_EQ(Get("/v1/workspaces/default/lead-lag?from=2026-03-02", analyst_)->status, 400);
  EXPECT_EQ(Get("/v1/workspaces/default/lead-lag?min_change=much", analyst_)->status, 400);
  EXPECT_EQ(Get("/v1/workspaces/default/lead-lag", other_admin_)->status, 403);
}

TEST_F(HttpApiTest, ReportSchedulesAreManagedByAnAdmin) {
  auto post = [&](const std::string& key, const std::string& body) {
    return Client(key).Post("/v1/workspaces/default/schedules", body, "application/json");
  };
  const std::string webhook = R"({"template": "weekly-ops", "every": "week", "format": "pdf", "webhook": "http://127.0.0.1:9/r", "secret": "s3"})";
  EXPECT_EQ(post(analyst_, webhook)->status, 403);
  auto added = post(admin_, webhook);
  ASSERT_EQ(added->status, 201) << added->body;
  EXPECT_EQ(Body(added)["format"], "pdf");
  EXPECT_EQ(Body(added)["hour"], 6);
  EXPECT_EQ(added->body.find("s3"), std::string::npos);
  // This server has no reports folder: folder delivery over the API is refused, with the reason.
  auto folder = post(admin_, R"({"template": "weekly-ops", "every": "week", "folder": "ops"})");
  EXPECT_EQ(folder->status, 400);
  EXPECT_NE(folder->body.find("reports-dir"), std::string::npos) << folder->body;
  EXPECT_EQ(post(admin_, R"({"template": "yearly", "every": "week", "webhook": "http://h/r", "secret": "s"})")->status, 400);
  auto list = Get("/v1/workspaces/default/schedules", analyst_);
  ASSERT_EQ(list->status, 200);
  ASSERT_EQ(Body(list)["schedules"].size(), 1u);
  EXPECT_TRUE(Body(list)["runs"].empty());
  const std::string id = std::to_string(Body(added)["id"].get<int64_t>());
  EXPECT_EQ(Client(analyst_).Delete("/v1/workspaces/default/schedules/" + id)->status, 403);
  EXPECT_EQ(Client(admin_).Delete("/v1/workspaces/default/schedules/" + id)->status, 204);
  EXPECT_EQ(Client(admin_).Delete("/v1/workspaces/default/schedules/" + id)->status, 404);
  EXPECT_EQ(Get("/v1/workspaces/default/schedules", other_admin_)->status, 403);
  EXPECT_EQ(Client(admin_).Put("/v1/workspaces/default/schedules", "{}", "application/json")->status, 405);
}

TEST_F(HttpApiTest, AlertRulesAndSinksAreManagedByAnAdmin) {
  auto post = [&](const std::string& key, const std::string& path, const std::string& body) {
    return Client(key).Post("/v1/workspaces/default/alerts/" + path, body, "application/json");
  };
  EXPECT_EQ(post(analyst_, "rules", R"({"kpi": "csat", "min": 80})")->status, 403);
  auto threshold = post(admin_, "rules", R"({"kpi": "csat", "scope": {"channel": "chat"}, "min": 80})");
  ASSERT_EQ(threshold->status, 201) << threshold->body;
  const json rule = Body(threshold);
  EXPECT_EQ(rule["kind"], "threshold");
  EXPECT_EQ(rule["op"], ">=");
  EXPECT_EQ(rule["value"], 80);
  EXPECT_EQ(rule["days"], 7);
  EXPECT_EQ(rule["scope"]["channel"], "chat");
  auto anomaly = post(admin_, "rules", R"({"kpi": "first_reply_time", "kind": "anomaly"})");
  ASSERT_EQ(anomaly->status, 201) << anomaly->body;
  EXPECT_EQ(Body(anomaly)["value"], 3);  // the default z
  EXPECT_EQ(Body(anomaly)["days"], 28);  // the default history
  // Each malformed rule is refused with the field named.
  auto bad_kpi = post(admin_, "rules", R"({"kpi": "happiness", "min": 1})");
  EXPECT_EQ(bad_kpi->status, 400);
  EXPECT_NE(bad_kpi->body.find("happiness"), std::string::npos) << bad_kpi->body;
  EXPECT_EQ(post(admin_, "rules", R"({"kpi": "csat", "min": 80, "max": 90})")->status, 400);
  EXPECT_EQ(post(admin_, "rules", R"({"kpi": "csat", "kind": "change"})")->status, 400);
  auto bad_days = post(admin_, "rules", R"({"kpi": "csat", "kind": "anomaly", "days": 2.5})");
  EXPECT_EQ(bad_days->status, 400);
  EXPECT_NE(bad_days->body.find("days"), std::string::npos) << bad_days->body;
  EXPECT_EQ(post(admin_, "rules", "[1]")->status, 400);
  auto sink = post(admin_, "sinks", R"({"kind": "webhook", "target": "http://127.0.0.1:9/hook", "secret": "s3"})");
  ASSERT_EQ(sink->status, 201) << sink->body;
  EXPECT_FALSE(Body(sink).contains("secret"));
  EXPECT_EQ(post(admin_, "sinks", R"({"kind": "webhook", "target": "http://127.0.0.1:9/hook"})")->status, 400);  // no secret
  // A log file is a path on the server's machine: not something to set over the API.
  auto log = post(admin_, "sinks", R"({"kind": "log", "target": "/var/log/alerts.log"})");
  EXPECT_EQ(log->status, 400);
  EXPECT_NE(log->body.find("alerts sink add --log"), std::string::npos) << log->body;
  auto list = Get("/v1/workspaces/default/alerts/rules", analyst_);
  ASSERT_EQ(list->status, 200);
  EXPECT_EQ(Body(list)["rules"].size(), 2u);
  ASSERT_EQ(Body(list)["sinks"].size(), 1u);
  EXPECT_EQ(list->body.find("s3"), std::string::npos);  // secrets never leave the server
  const std::string id = std::to_string(rule["id"].get<int64_t>());
  EXPECT_EQ(Client(analyst_).Delete("/v1/workspaces/default/alerts/rules/" + id)->status, 403);
  EXPECT_EQ(Client(admin_).Delete("/v1/workspaces/default/alerts/rules/" + id)->status, 204);
  EXPECT_EQ(Client(admin_).Delete("/v1/workspaces/default/alerts/rules/" + id)->status, 404);
  EXPECT_EQ(Body(Get("/v1/workspaces/default/alerts/rules", analyst_))["rules"].size(), 1u);
  EXPECT_EQ(Get("/v1/workspaces/default/alerts/rules", other_admin_)->status, 403);
  const std::string sink_id = std::to_string(Body(sink)["id"].get<int64_t>());
  EXPECT_EQ(Client(analyst_).Delete("/v1/workspaces/default/alerts/sinks/" + sink_id)->status, 403);
  EXPECT_EQ(Client(admin_).Delete("/v1/workspaces/default/alerts/sinks/" + sink_id)->status, 204);
  EXPECT_EQ(Client(admin_).Delete("/v1/workspaces/default/alerts/sinks/" + sink_id)->status, 404);
  EXPECT_TRUE(Body(Get("/v1/workspaces/default/alerts/rules", analyst_))["sinks"].empty());
}

}  // namespace
}  // namespace supportlens::server

namespace supportlens::server {
namespace {

class HttpApiContactCenterTest : public HttpApiTest {
 protected:
  // Three weeks of calls before the golden week (2026-02-09 .. 2026-03-01), posted in batches
  // of the fixture's limit: weekdays 09:00 .. 11:20, six on Mondays and four on other days,
  // every fourth one abandoned.
  void PostHistory() {
    std::vector<json> records;
    for (int day = 0; day < 21; ++day) {
      if (day % 7 >= 5) continue;  // Saturday, Sunday
      const std::string when = day + 9 <= 28 ? fmt::format("2026-02-{:02}", day + 9) : fmt::format("2026-03-{:02}", day + 9 - 28);
      const int calls = day % 7 == 0 ? 6 : 4;
      for (int i = 0; i < calls; ++i) {
        const std::string id = fmt::format("H{}-{}", day, i);
        const std::string at = fmt::format("{}T{:02}:{:02}:00Z", when, 9 + i % 3, (i / 3) * 20);
        json r = {{"call_id", id}, {"offered_at", at}, {"channel", "phone"}, {"queue", i % 2 ? "billing" : "general"}, {"customer_id", "C1"}};
        if (i % 4 == 3) {
          r["abandoned_at"] = fmt::format("{}T{:02}:{:02}:40Z", when, 9 + i % 3, (i / 3) * 20);
        } else {
          r["answered_at"] = fmt::format("{}T{:02}:{:02}:15Z", when, 9 + i % 3, (i / 3) * 20);
          r["ended_at"] = fmt::format("{}T{:02}:{:02}:15Z", when, 9 + i % 3, (i / 3) * 20 + 4);
          r["talk_s"] = 200;
          r["acw_s"] = 40;
          r["agent_id"] = "A1";
        }
        records.push_back(r);
      }
    }
    for (size_t i = 0; i < records.size(); i += 5) {
      json batch = {{"records", json::array()}};
      for (size_t j = i; j < std::min(records.size(), i + 5); ++j) batch["records"].push_back(records[j]);
      auto r = Post("/v1/workspaces/default/calls", ingest_, batch.dump());
      ASSERT_EQ(r->status, 200) << r->body;
    }
  }
};

const std::string kHistory = "from=2026-02-09&to=2026-03-09";

TEST_F(HttpApiContactCenterTest, StaffingIsTheLibrarysArithmeticForAnyValidKey) {
  StaffingRequest req;
  req.calls = 100;
  req.interval_minutes = 30;
  req.aht_seconds = 180;
  req.target_sl_pct = 80;
  req.target_seconds = 20;
  auto expected = ComputeStaffing(req);
  ASSERT_TRUE(expected.ok());
  const std::string path = "/v1/staffing?calls=100&interval_minutes=30&aht=180&target_sl=80&target_seconds=20";
  for (const std::string& key : {analyst_, ingest_, other_admin_}) {
    auto r = Get(path, key);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(r->body, RenderStaffing(*expected, "json"));
  }
  json b = Body(Get(path, analyst_));
  EXPECT_EQ(b["agents"], 14);  // 10 erlangs: 13 agents answer 79.6 % within 20 s, 14 answer 88.8 %
  EXPECT_EQ(b["model"], "erlang_c");
  EXPECT_DOUBLE_EQ(b["traffic_erlangs"].get<double>(), 10.0);

  // Erlang A with patience, shrinkage and an ASA target: still the library's answer.
  req.patience_seconds = 60;
  req.shrinkage = 0.3;
  req.target_asa_seconds = 10;
  auto erlang_a = ComputeStaffing(req);
  ASSERT_TRUE(erlang_a.ok());
  auto r = Get(path + "&patience=60&shrinkage=0.3&target_asa=10", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->body, RenderStaffing(*erlang_a, "json"));
  EXPECT_EQ(Body(r)["model"], "erlang_a");
}

TEST_F(HttpApiContactCenterTest, StaffingNeedsAKeyAndValidNumbers) {
  EXPECT_EQ(Get("/v1/staffing?calls=100&aht=180", "")->status, 401);
  EXPECT_EQ(Get("/v1/staffing?calls=100&aht=180", "sl_not_a_key")->status, 401);
  struct Case {
    std::string query, names;
  };
  const Case kCases[] = {
      {"aht=180", "calls"},
      {"calls=100", "aht"},
      {"calls=ten&aht=180", "calls"},
      {"calls=100&aht=180s", "aht"},
      {"calls=100&aht=180&target_sl=", "target_sl"},
      {"calls=100&aht=180&patience=nan", "patience"},
      {"calls=100&aht=180&shrinkage=1", "shrinkage"},  // the library's range check
  };
  for (const auto& c : kCases) {
    auto r = Get("/v1/staffing?" + c.query, analyst_);
    ASSERT_EQ(r->status, 400) << c.query;
    EXPECT_EQ(Body(r)["error"]["code"], "invalid_argument");
    EXPECT_NE(Body(r)["error"]["message"].get<std::string>().find(c.names), std::string::npos) << r->body;
  }
  EXPECT_EQ(Client(analyst_).Post("/v1/staffing", "", "application/json")->status, 405);
}

TEST_F(HttpApiContactCenterTest, ForecastIsTheLibrarysForecastOfTheWorkspace) {
  PostHistory();
  ForecastRequest req;
  req.kpi = "offered_calls";
  req.interval = "30min";
  req.history_from = "2026-02-09";
  req.history_to = "2026-03-09";
  req.horizon_days = 7;
  req.backtest_weeks = 2;
  auto expected = ForecastVolume(db_, "default", req);
  ASSERT_TRUE(expected.ok()) << expected.status().message();
  auto r = Get("/v1/workspaces/default/forecast?" + kHistory + "&kpi=offered_calls&interval=30min&horizon_days=7&backtest_weeks=2", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->body, RenderForecast(*expected, "json"));
  json b = Body(r);
  EXPECT_EQ(b["forecast"].size(), 7u * 48);
  EXPECT_EQ(b["history"]["total"], 66 + 5);  // 3 weeks of posted calls plus the golden week's five
  EXPECT_EQ(b["backtest"]["weeks"], 2);

  // A filter, and a second read served from the cache, give the same as the library.
  req.filters = {{"queue", "billing"}};
  auto billing = ForecastVolume(db_, "default", req);
  ASSERT_TRUE(billing.ok());
  for (int i = 0; i < 2; ++i) {
    auto f = Get("/v1/workspaces/default/forecast?" + kHistory + "&kpi=offered_calls&interval=30min&filter=queue%3Dbilling", admin_);
    ASSERT_EQ(f->status, 200) << f->body;
    EXPECT_EQ(f->body, RenderForecast(*billing, "json"));
  }
}

TEST_F(HttpApiContactCenterTest, StaffingPlanIsTheLibrarysPlanOfTheWorkspace) {
  PostHistory();
  StaffingPlanRequest req;
  req.forecast.kpi = "offered_calls";
  req.forecast.interval = "30min";
  req.forecast.history_from = "2026-02-09";
  req.forecast.history_to = "2026-03-09";
  req.target_sl_pct = 90;
  req.target_seconds = 15;
  req.shrinkage = 0.25;
  req.erlang_a = false;
  auto expected = PlanStaffing(db_, "default", req);
  ASSERT_TRUE(expected.ok()) << expected.status().message();
  auto r = Get("/v1/workspaces/default/staffing-plan?" + kHistory + "&target_sl=90&target_seconds=15&shrinkage=0.25&model=erlang-c", analyst_);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->body, RenderStaffingPlan(*expected, "json"));
  json b = Body(r);
  EXPECT_EQ(b["interval"], "30min");
  EXPECT_EQ(b["model"], "erlang_c");
  EXPECT_EQ(b["intervals"].size(), 7u * 48);

  // After a commit the cached plan is not served: the history grew by one answered call.
  const int64_t answered = b["history"]["answered_calls"];
  auto post = Post("/v1/workspaces/default/calls", ingest_,
                   R"({"records": [{"call_id": "X1", "offered_at": "2026-03-04T09:00:00Z", "channel": "phone", "queue": "general",
                       "customer_id": "C1", "answered_at": "2026-03-04T09:00:05Z", "ended_at": "2026-03-04T09:03:05Z",
                       "talk_s": 180, "agent_id": "A1"}]})");
  ASSERT_EQ(post->status, 200) << post->body;
  auto again = Get("/v1/workspaces/default/staffing-plan?" + kHistory + "&target_sl=90&target_seconds=15&shrinkage=0.25&model=erlang-c", analyst_);
  EXPECT_EQ(Body(again)["history"]["answered_calls"], answered + 1);
}

TEST_F(HttpApiContactCenterTest, ForecastAndPlanCheckKeysAndParameters) {
  for (const char* path : {"/v1/workspaces/default/forecast?", "/v1/workspaces/default/staffing-plan?"}) {
    const std::string p = std::string(path) + kHistory;
    EXPECT_EQ(Get(p, "")->status, 401) << p;
    EXPECT_EQ(Get(p, ingest_)->status, 403) << p;
    EXPECT_EQ(Get(p, other_admin_)->status, 403) << p;
  }
  struct Case {
    std::string path, names;
  };
  const Case kCases[] = {
      {"forecast?to=2026-03-09", "from"},
      {"forecast?" + kHistory + "&horizon_days=seven", "horizon_days"},
      {"forecast?" + kHistory + "&backtest_weeks=1.5", "backtest_weeks"},
      {"forecast?" + kHistory + "&kpi=csat", "--kpi"},
      {"forecast?" + kHistory + "&interval=5min", "--interval"},
      {"forecast?" + kHistory + "&filter=queue", "filter"},
      {"forecast?from=2026-03-02&to=2026-03-09", "two weeks"},
      {"staffing-plan?" + kHistory + "&target_sl=high", "target_sl"},
      {"staffing-plan?" + kHistory + "&shrinkage=0.2.1", "shrinkage"},
      {"staffing-plan?" + kHistory + "&model=erlang-b", "model"},
      {"staffing-plan?" + kHistory + "&kpi=ticket_volume", "kpi"},
      {"staffing-plan?" + kHistory + "&filter=team%3Dred", "--filter"},
  };
  for (const auto& c : kCases) {
    auto r = Get("/v1/workspaces/default/" + c.path, analyst_);
    ASSERT_EQ(r->status, 400) << c.path << ": " << r->body;
    EXPECT_EQ(Body(r)["error"]["code"], "invalid_argument");
    EXPECT_NE(Body(r)["error"]["message"].get<std::string>().find(c.names), std::string::npos) << r->body;
  }
  std::string key = Key("empty", Role::kAnalyst);
  auto r = Get("/v1/workspaces/empty/forecast?" + kHistory, key);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(Body(r)["error"]["message"], "no workspace named \"empty\" (it is created by its first write)");
  EXPECT_EQ(Get("/v1/workspaces/empty/staffing-plan?" + kHistory, key)->status, 404);
}

}  // namespace
}  // namespace supportlens::server
