#include "http_server.h"

#include <fmt/format.h>

#include <regex>

#include "http_errors.h"
#include "server_context.h"

namespace supportlens::server {

namespace {

// Every API path, to tell "wrong method" (405) from "no such route" (404).
const std::vector<std::regex>& KnownPaths() {
  static const std::vector<std::regex> paths = [] {
    std::string entities;
    for (const auto& e : EntityNames()) entities += (entities.empty() ? "" : "|") + e;
    std::vector<std::regex> p;
    for (const std::string& re : {std::string(R"(/v1/health)"), std::string(R"(/v1/kpis)"), std::string(R"(/v1/whoami)"), std::string(R"(/v1/staffing)"),
                                  std::string(R"(/v1/workspaces/[^/]+/(report|export\.csv|series|rows|rows\.csv|dimensions|live|settings|keys|forecast|staffing-plan))"),
                                  std::string(R"(/v1/workspaces/[^/]+/keys/[0-9]+)"),
                                  std::string(R"(/v1/workspaces/[^/]+/(targets|targets/status|alerts|alerts/rules|alerts/sinks|schedules|lead-lag))"),
                                  std::string(R"(/v1/workspaces/[^/]+/(targets|alerts/rules|alerts/sinks|schedules)/[0-9]+)"), "/v1/workspaces/[^/]+/(" + entities + ")"})
      p.emplace_back(re);
    return p;
  }();
  return paths;
}

}  // namespace

struct HttpServer::Impl {
  Impl(Service& service, ServerOptions options) : ctx{service, std::move(options)} {}
  httplib::Server svr;
  ServerContext ctx;
};

HttpServer::HttpServer(Service& service, ServerOptions options) : impl_(std::make_unique<Impl>(service, std::move(options))) {
  auto& svr = impl_->svr;
  auto& ctx = impl_->ctx;
  const int threads = std::max(4, ctx.options.threads);
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  svr.set_payload_max_length(ctx.options.max_body_bytes);
  // Headers and body go out as separate writes: without this, Nagle and delayed ACKs add 40 ms.
  svr.set_tcp_nodelay(true);
  // Key and target routes before the entity route: "keys" and "schedules" would match an entity
  // name too.
  RegisterKeyRoutes(svr, ctx);
  RegisterTargetRoutes(svr, ctx);
  RegisterWriteRoutes(svr, ctx);
  RegisterReadRoutes(svr, ctx);
  RegisterContactCenterRoutes(svr, ctx);
  RegisterTextRoutes(svr, ctx);
  RegisterLiveStream(svr, ctx);
  RegisterDashboard(svr, ctx);

  auto not_allowed = [](const httplib::Request& req, httplib::Response& res) {
    for (auto& re : KnownPaths())
      if (std::regex_match(req.path, re))
        return SendError(res, 405, "method_not_allowed", fmt::format("{} is not allowed on {}", req.method, req.path));
    SendError(res, 404, "not_found", fmt::format("no such route: {} {}", req.method, req.path));
  };
  svr.Get(R"(/v1/.*)", not_allowed);
  svr.Post(R"(/.*)", not_allowed);
  svr.Put(R"(/.*)", not_allowed);
  svr.Delete(R"(/.*)", not_allowed);
  svr.Patch(R"(/.*)", not_allowed);

  const size_t max_body = ctx.options.max_body_bytes;
  svr.set_error_handler([max_body](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // a handler's own JSON error
    switch (res.status) {
      case 404: return SendError(res, 404, "not_found", fmt::format("no such route: {} {}", req.method, req.path));
      case 413:
        return SendError(res, 413, "payload_too_large", fmt::format("the request body is over the limit of {} bytes", max_body));
      case 400: return SendError(res, 400, "invalid_argument", "malformed HTTP request");
      default: return SendError(res, res.status, "http_error", fmt::format("HTTP status {}", res.status));
    }
  });
  svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown error";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    SendError(res, 500, "internal", "internal error: " + what);
  });
}

HttpServer::~HttpServer() { Stop(); }

Result<int> HttpServer::Bind() {
  auto& o = impl_->ctx.options;
  if (o.port == 0) {
    int port = impl_->svr.bind_to_any_port(o.host);
    if (port <= 0) return Status::Io(fmt::format("cannot bind to {}", o.host));
    return port;
  }
  if (!impl_->svr.bind_to_port(o.host, o.port)) return Status::Io(fmt::format("cannot bind to {}:{} (in use?)", o.host, o.port));
  return o.port;
}

void HttpServer::Run() { impl_->svr.listen_after_bind(); }

void HttpServer::Stop() {
  impl_->ctx.stopping = true;
  impl_->ctx.service.WakeAll();
  impl_->svr.stop();
}

bool HttpServer::running() const { return impl_->svr.is_running(); }

}  // namespace supportlens::server
