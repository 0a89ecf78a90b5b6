// Durability of the HTTP ingest with the real binary: kill -9 the server while batches stream
// in; after a restart every acknowledged batch is stored exactly once, and retrying the batches
// that got no answer stores nothing twice. Also: SIGTERM stops the server gracefully.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kHelpdesk = std::string(SUPPORTLENS_SOURCE_DIR) + "/tests/golden/_workspaces/helpdesk";

fs::path Scratch(const std::string& name) {
  fs::path d = fs::path(::testing::TempDir()) / ("sl_durability_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string RunCli(const std::string& args) {
  FILE* p = popen((std::string(SUPPORTLENS_BINARY) + " " + args + " 2>&1").c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

std::string LastLine(std::string s) {
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s.substr(s.rfind('\n') + 1);
}

// A running `supportlens serve --port 0`: its pid and the port it printed.
struct ServerProcess {
  pid_t pid = -1;
  int port = 0;
  FILE* out = nullptr;

  static ServerProcess Start(const std::string& db) {
    int fds[2];
    EXPECT_EQ(pipe(fds), 0);
    ServerProcess s;
    s.pid = fork();
    if (s.pid == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      execl(SUPPORTLENS_BINARY, SUPPORTLENS_BINARY, "serve", "--db", db.c_str(), "--port", "0", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    s.out = fdopen(fds[0], "r");
    char line[256];
    if (fgets(line, sizeof line, s.out)) {
      std::string text(line);  // listening on http://127.0.0.1:PORT
      s.port = std::stoi(text.substr(text.rfind(':') + 1));
    }
    return s;
  }
  int Wait() {
    int status = 0;
    waitpid(pid, &status, 0);
    if (out) fclose(out);
    out = nullptr;
    return status;
  }
};

json Batch(int b) {
  json records = json::array();
  for (int i = 0; i < 20; ++i)
    records.push_back({{"ticket_id", "D" + std::to_string(b) + "-" + std::to_string(i)},
                       {"created_at", "2026-03-06T10:00:00Z"},
                       {"channel", "chat"}});
  return {{"records", records}};
}

TEST(ServerDurability, EveryAcknowledgedBatchSurvivesKillNineExactlyOnce) {
  fs::path dir = Scratch("kill9");
  std::string db = (dir / "db.sqlite").string();
  RunCli("import " + kHelpdesk + " --db " + db);
  std::string ingest = LastLine(RunCli("keys create --db " + db + " --workspace default --role ingest"));
  std::string analyst = LastLine(RunCli("keys create --db " + db + " --workspace default --role analyst"));

  ServerProcess server = ServerProcess::Start(db);
  ASSERT_GT(server.port, 0);
  std::set<int> acknowledged, unanswered;
  std::atomic<int> sent{0};
  std::thread writer([&] {
    httplib::Client c("127.0.0.1", server.port);
    c.set_bearer_token_auth(ingest.c_str());
    for (int b = 0; b < 100000; ++b) {
      sent = b + 1;
      auto r = c.Post("/v1/workspaces/default/tickets", Batch(b).dump(), "application/json");
      if (r && r->status == 200) {
        acknowledged.insert(b);
      } else {
        unanswered.insert(b);
        break;  // the server is gone
      }
    }
  });
  while (sent < 40) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  kill(server.pid, SIGKILL);
  writer.join();
  server.Wait();
  ASSERT_GE(acknowledged.size(), 39u);

  ServerProcess restarted = ServerProcess::Start(db);
  ASSERT_GT(restarted.port, 0);
  httplib::Client c("127.0.0.1", restarted.port);
  c.set_bearer_token_auth(ingest.c_str());
  for (int b : unanswered) {  // a client retries what got no answer
    auto r = c.Post("/v1/workspaces/default/tickets", Batch(b).dump(), "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
  }
  for (int b : acknowledged) {  // and an over-eager one retries everything: nothing is stored twice
    auto r = c.Post("/v1/workspaces/default/tickets", Batch(b).dump(), "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(json::parse(r->body)["inserted"], 0) << "batch " << b;
  }
  c.set_bearer_token_auth(analyst.c_str());
  auto rows = c.Get("/v1/workspaces/default/rows?from=2026-03-06&to=2026-03-07&kpi=ticket_volume");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->status, 200);
  std::map<std::string, int> seen;
  const json listed = json::parse(rows->body);
  for (auto& row : listed["rows"]) ++seen[row["id"].get<std::string>()];
  for (int b : acknowledged)
    for (int i = 0; i < 20; ++i) EXPECT_EQ(seen["D" + std::to_string(b) + "-" + std::to_string(i)], 1) << "batch " << b;
  size_t stored = 0;
  for (auto& [id, n] : seen) stored += id[0] == 'D';
  EXPECT_EQ(stored, (acknowledged.size() + unanswered.size()) * 20);
  kill(restarted.pid, SIGTERM);
  restarted.Wait();
}

TEST(ServerDurability, SigtermStopsGracefullyAndEndsLiveStreams) {
  fs::path dir = Scratch("sigterm");
  std::string db = (dir / "db.sqlite").string();
  RunCli("import " + kHelpdesk + " --db " + db);
  std::string analyst = LastLine(RunCli("keys create --db " + db + " --workspace default --role analyst"));
  ServerProcess server = ServerProcess::Start(db);
  ASSERT_GT(server.port, 0);
  std::atomic<bool> got_event{false};
  std::thread live([&] {
    httplib::Client c("127.0.0.1", server.port);
    c.set_bearer_token_auth(analyst.c_str());
    c.Get("/v1/workspaces/default/live?from=2026-03-02&to=2026-03-09", [&](const char*, size_t) {
      got_event = true;
      return true;
    });
  });
  for (int i = 0; i < 500 && !got_event; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(got_event);
  auto start = std::chrono::steady_clock::now();
  kill(server.pid, SIGTERM);
  int status = server.Wait();
  live.join();
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
