#pragma once
// What every route handler shares: the service, the options, the rendered-report cache and
// the shutdown flag.
#include <httplib.h>

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "http_server.h"

namespace supportlens::server {

// Rendered responses by (workspace, kind, query), valid while the workspace's data version is
// the one they were computed at: a dashboard's repeated reads and every live stream of one
// workspace share one computation per commit.
class RenderedCache {
 public:
  std::optional<std::string> Find(const std::string& key, int64_t version) {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.first != version) return std::nullopt;
    return it->second.second;
  }
  void Put(const std::string& key, int64_t version, std::string body) {
    std::lock_guard lock(mu_);
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_[key] = {version, std::move(body)};
  }

 private:
  static constexpr size_t kMaxEntries = 512;
  std::mutex mu_;
  std::map<std::string, std::pair<int64_t, std::string>> entries_;
};

struct ServerContext {
  Service& service;
  ServerOptions options;
  RenderedCache cache;
  std::atomic<bool> stopping{false};
};

// Route groups, one file each.
void RegisterReadRoutes(httplib::Server& svr, ServerContext& ctx);
void RegisterWriteRoutes(httplib::Server& svr, ServerContext& ctx);
void RegisterKeyRoutes(httplib::Server& svr, ServerContext& ctx);
void RegisterLiveStream(httplib::Server& svr, ServerContext& ctx);
void RegisterContactCenterRoutes(httplib::Server& svr, ServerContext& ctx);
void RegisterTextRoutes(httplib::Server& svr, ServerContext& ctx);
void RegisterTargetRoutes(httplib::Server& svr, ServerContext& ctx);
void RegisterDashboard(httplib::Server& svr, ServerContext& ctx);

// The report JSON of a query, rendered once per data version; NotFound for an unknown workspace.
Result<std::string> CachedReportJson(ServerContext& ctx, const std::string& workspace, const Query& query,
                                     int64_t* version = nullptr);

}  // namespace supportlens::server
