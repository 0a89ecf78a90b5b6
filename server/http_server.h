#pragma once
// `supportlens serve`: the HTTP API (docs/api.md) and the built dashboard from one process.
#include <memory>
#include <string>

#include "supportlens/alerts.h"
#include "supportlens/result.h"
#include "supportlens/service.h"

namespace supportlens::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                         // 0: any free port
  size_t max_body_bytes = 16 * 1024 * 1024;
  std::string web_dir;                     // the built dashboard (web/dist); empty: not served
  int threads = 32;                        // requests in flight, live streams included
};

// Webhook delivery over HTTP(S) for alerts (supportlens/alerts.h): a POST with a 5 s connect
// and 10 s read timeout, so that a hanging receiver costs one attempt, not the sender.
HttpPost WebhookPoster();

class HttpServer {
 public:
  HttpServer(Service& service, ServerOptions options);
  ~HttpServer();
  Result<int> Bind();  // the bound port
  void Run();          // serves until Stop()
  // Graceful: stops accepting, ends live streams, lets requests in flight finish (an answered
  // ingest batch is already committed).
  void Stop();
  bool running() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace supportlens::server
