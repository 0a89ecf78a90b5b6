// supportlens serve --db FILE [--host H] [--port N] [--reports-dir DIR]: the HTTP API, the dashboard,
// alert evaluation after each commit and the report schedules.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <thread>

#include "commands.h"
#include "http_server.h"
#include "supportlens/service.h"

namespace supportlens::cli {
namespace {

// web/dist of the source tree the binary was built in (build/supportlens -> web/dist).
std::string DefaultWebDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
    auto candidate = dir / "web" / "dist";
    if (std::filesystem::exists(candidate / "index.html", ec)) return candidate.string();
  }
  return "";
}

}  // namespace

void RegisterServe(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("serve", "Serve the HTTP API and the dashboard");
  struct Options {
    std::string db;
    server::ServerOptions server;
    size_t max_batch = ServiceLimits{}.max_batch_records;
    std::string reports_dir;
    int schedule_interval = 30;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--db", o->db, "SQLite database (created if missing)")->required();
  cmd->add_option("--host", o->server.host, "Address to bind")->capture_default_str();
  cmd->add_option("--port", o->server.port, "Port (0: any free port)")->capture_default_str()->check(CLI::Range(0, 65535));
  cmd->add_option("--web-dir", o->server.web_dir, "The built dashboard (default: web/dist beside the build)");
  cmd->add_option("--max-body-bytes", o->server.max_body_bytes, "Largest request body")->capture_default_str();
  cmd->add_option("--max-batch", o->max_batch, "Most records in one ingest batch")->capture_default_str();
  cmd->add_option("--threads", o->server.threads, "Requests served at once, live streams included")->capture_default_str();
  cmd->add_option("--reports-dir", o->reports_dir, "Folder that report schedules added over the API write under (default: none)");
  cmd->add_option("--schedule-interval", o->schedule_interval, "Seconds between looks for due report schedules")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  cmd->callback([o, &action] {
    action = [o] {
      // SIGTERM and SIGINT are taken by one thread that stops the server gracefully.
      sigset_t signals;
      sigemptyset(&signals);
      sigaddset(&signals, SIGTERM);
      sigaddset(&signals, SIGINT);
      pthread_sigmask(SIG_BLOCK, &signals, nullptr);

      auto service = Service::Open(o->db, ServiceLimits{o->max_batch});
      if (!service.ok()) return Fail(service.status());
      // Each commit has the workspace's alert rules and targets evaluated, off the request threads.
      (*service)->EnableAlerts(server::WebhookPoster());
      // Due report schedules are rendered and delivered on a thread of their own.
      (*service)->EnableSchedules(server::WebhookPoster(), o->reports_dir, {}, std::chrono::seconds(o->schedule_interval));
      if (o->server.web_dir.empty()) o->server.web_dir = DefaultWebDir();
      server::HttpServer http(**service, o->server);
      auto port = http.Bind();
      if (!port.ok()) return Fail(port.status());
      std::cout << "listening on http://" << o->server.host << ":" << *port << std::endl;
      if (o->server.web_dir.empty()) std::cout << "dashboard not built (make web); serving the API only" << std::endl;
      std::thread stopper([&http, signals] {
        int sig = 0;
        sigwait(&signals, &sig);
        std::cout << "stopping (signal " << sig << ")" << std::endl;
        http.Stop();
      });
      http.Run();
      // Run() also returns when the server fails; wake the stopper so it can be joined.
      pthread_kill(stopper.native_handle(), SIGTERM);
      stopper.join();
      std::cout << "stopped" << std::endl;
      return 0;
    };
  });
}

}  // namespace supportlens::cli
