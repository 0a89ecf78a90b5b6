// The built dashboard (web/dist) at "/", or a page that says how to build it.
#include <filesystem>

#include "server_context.h"

namespace supportlens::server {

void RegisterDashboard(httplib::Server& svr, ServerContext& ctx) {
  std::error_code ec;
  const std::string& dir = ctx.options.web_dir;
  if (!dir.empty() && std::filesystem::exists(std::filesystem::path(dir) / "index.html", ec)) {
    svr.set_mount_point("/", dir);
    return;
  }
  svr.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.status = 503;
    res.set_content(
        "<!doctype html><meta charset=utf-8><title>SupportLens</title>"
        "<p>The SupportLens API is running, but the dashboard is not built. Run <code>make web</code> "
        "(or pass <code>--web-dir</code> to <code>supportlens serve</code>). The API is described in docs/api.md.</p>",
        "text/html; charset=utf-8");
  });
}

}  // namespace supportlens::server
