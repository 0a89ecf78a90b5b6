#pragma once
// An authorized, cached read of one workspace: parse the request, then compute once per data
// version of the workspace (the rendered cache of server_context.h).
#include <string>

#include "auth.h"
#include "http_errors.h"
#include "server_context.h"

namespace supportlens::server {

// The request's parameters in a fixed order, for the cache key (access_token left out).
inline std::string CanonicalParams(const httplib::Request& req) {
  std::string s;
  for (const auto& [name, value] : req.params)
    if (name != "access_token") s += name + "=" + value + "\x1f";
  return s;
}

// Runs `compute` for an authorized read of a workspace, once per data version of the workspace.
template <typename Parse, typename Compute>
httplib::Server::Handler CachedWorkspaceRead(ServerContext& ctx, const char* kind, Parse parse, Compute compute) {
  return [&ctx, kind, parse, compute](const httplib::Request& req, httplib::Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kRead)) return;
    auto request = parse(req);
    if (!request.ok()) return SendStatus(res, request.status());
    auto version = ctx.service.DataVersion(ws);
    if (!version.ok()) return SendStatus(res, version.status());
    const std::string key = ws + "\x1e" + kind + "\x1e" + CanonicalParams(req);
    if (auto hit = ctx.cache.Find(key, *version)) return res.set_content(*hit, "application/json");
    Result<std::string> body = compute(ws, *request);
    if (!body.ok()) return SendStatus(res, body.status());
    ctx.cache.Put(key, *version, *body);
    res.set_content(*body, "application/json");
  };
}

}  // namespace supportlens::server
