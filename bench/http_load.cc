// A bounded load on a running `supportlens serve` over loopback: ingest records/s, then report
// requests/s with latency percentiles. Connections are kept alive, one per client thread.
//
//   supportlens_http_load --url http://127.0.0.1:8080 --ingest-key K --analyst-key K
//                         [--seconds 10] [--clients 4] [--batch 1000] [--from D --days N]
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string url = "http://127.0.0.1:8080", ingest_key, analyst_key, workspace = "default";
  double seconds = 10;
  int clients = 4;
  int batch = 1000;
  std::string from = "2026-01-05";  // first day of the data; report windows are 28 days inside it
  int days = 365;
};

double Percentile(std::vector<double>& v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size() - 1) + 0.5))];
}

std::string DayAfter(const std::string& day, int n) {
  std::tm tm{};
  strptime(day.c_str(), "%Y-%m-%d", &tm);
  tm.tm_mday += n;
  time_t t = timegm(&tm);
  gmtime_r(&t, &tm);
  char buf[16];
  strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// Each client posts batches of new tickets with its own ids until the time is up.
void Ingest(const Options& o) {
  std::atomic<long> records{0}, batches{0}, failures{0};
  auto deadline = Clock::now() + std::chrono::duration<double>(o.seconds);
  std::vector<std::thread> threads;
  auto start = Clock::now();
  const std::string run = std::to_string(std::time(nullptr));
  for (int c = 0; c < o.clients; ++c)
    threads.emplace_back([&, c] {
      httplib::Client client(o.url);
      client.set_bearer_token_auth(o.ingest_key);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(60);
      for (long b = 0; Clock::now() < deadline; ++b) {
        nlohmann::json records_json = nlohmann::json::array();
        for (int i = 0; i < o.batch; ++i)
          records_json.push_back({{"ticket_id", "LOAD" + run + "-" + std::to_string(c) + "-" + std::to_string(b) + "-" + std::to_string(i)},
                                  {"created_at", o.from + "T12:00:00Z"},
                                  {"channel", i % 2 ? "email" : "chat"},
                                  {"priority", "normal"},
                                  {"topic", "billing"}});
        auto res = client.Post("/v1/workspaces/" + o.workspace + "/tickets", nlohmann::json{{"records", records_json}}.dump(),
                               "application/json");
        if (!res || res->status != 200) {
          ++failures;
          if (res) std::fprintf(stderr, "ingest: HTTP %d %s\n", res->status, res->body.substr(0, 200).c_str());
          continue;
        }
        records += o.batch;
        ++batches;
      }
    });
  for (auto& t : threads) t.join();
  double secs = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("ingest: %ld records in %ld batches of %d, %d clients, %.1f s: %.0f records/s (%ld failed batches)\n", records.load(),
              batches.load(), o.batch, o.clients, secs, static_cast<double>(records) / secs, failures.load());
}

// Report requests: `distinct` varies the window and the channel filter so that every request
// is computed; otherwise a dashboard's handful of repeated queries.
void Reports(const Options& o, bool distinct) {
  std::mutex mu;
  std::vector<double> latencies_ms;
  std::atomic<long> failures{0};
  auto deadline = Clock::now() + std::chrono::duration<double>(o.seconds);
  auto start = Clock::now();
  std::vector<std::thread> threads;
  const char* channels[] = {"", "email", "chat", "phone", "web", "social"};
  for (int c = 0; c < o.clients; ++c)
    threads.emplace_back([&, c] {
      httplib::Client client(o.url);
      client.set_bearer_token_auth(o.analyst_key);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(60);
      std::vector<double> mine;
      for (long i = 0; Clock::now() < deadline; ++i) {
        long k = distinct ? i * o.clients + c : i % 6;
        const long starts = std::max(1, o.days - 28);
        std::string from = DayAfter(o.from, static_cast<int>(k % starts));
        std::string path = "/v1/workspaces/" + o.workspace + "/report?from=" + from + "&to=" + DayAfter(from, 28) +
                           "&kpi=ticket_volume,backlog,first_reply_time,resolution_time,fcr_rate,csat,nps,sla_compliance";
        const char* channel = channels[(k / starts) % 6];  // distinct for starts x 6 requests
        if (*channel) path += std::string("&filter=channel%3D") + channel;
        auto t0 = Clock::now();
        auto res = client.Get(path);
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        if (!res || res->status != 200) {
          ++failures;
          continue;
        }
        mine.push_back(ms);
      }
      std::lock_guard lock(mu);
      latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
    });
  for (auto& t : threads) t.join();
  double secs = std::chrono::duration<double>(Clock::now() - start).count();
  size_t n = latencies_ms.size();
  std::printf("report (%s): %zu requests, %d clients, %.1f s: %.0f requests/s; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%ld failed)\n",
              distinct ? "distinct queries" : "repeated dashboard queries", n, o.clients, secs, static_cast<double>(n) / secs,
              Percentile(latencies_ms, 0.5), Percentile(latencies_ms, 0.9), Percentile(latencies_ms, 0.99),
              Percentile(latencies_ms, 1.0), failures.load());
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--url") o.url = v;
    else if (k == "--ingest-key") o.ingest_key = v;
    else if (k == "--analyst-key") o.analyst_key = v;
    else if (k == "--workspace") o.workspace = v;
    else if (k == "--seconds") o.seconds = std::atof(v.c_str());
    else if (k == "--clients") o.clients = std::atoi(v.c_str());
    else if (k == "--batch") o.batch = std::atoi(v.c_str());
    else if (k == "--from") o.from = v;
    else if (k == "--days") o.days = std::atoi(v.c_str());
    else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return 2;
    }
  }
  if (!o.analyst_key.empty()) {
    Reports(o, false);
    Reports(o, true);
  }
  if (!o.ingest_key.empty()) Ingest(o);
  return 0;
}
