// Key management by an admin key of the same workspace.
#include "auth.h"
#include "http_errors.h"
#include "server_context.h"

namespace supportlens::server {

using httplib::Request;
using httplib::Response;

namespace {
nlohmann::json KeyJson(const ApiKeyInfo& k) {
  return {{"id", k.id}, {"workspace", k.workspace}, {"role", RoleName(k.role)}, {"name", k.name},
          {"created_at", k.created_at}, {"revoked", k.revoked}};
}
}  // namespace

void RegisterKeyRoutes(httplib::Server& svr, ServerContext& ctx) {
  svr.Post(R"(/v1/workspaces/([^/]+)/keys)", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kAdmin)) return;
    nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("role") || !body["role"].is_string())
      return SendError(res, 400, "invalid_argument", "the body must be {\"role\": \"admin|analyst|ingest\", \"name\": \"...\"}");
    auto role = ParseRole(body["role"].get<std::string>());
    if (!role) return SendError(res, 400, "invalid_argument", "role: expected admin, analyst or ingest");
    std::string name = body.contains("name") && body["name"].is_string() ? body["name"].get<std::string>() : "";
    auto key = ctx.service.CreateKey(ws, *role, name);
    if (!key.ok()) return SendStatus(res, key.status());
    nlohmann::json out = KeyJson(key->info);
    out["key"] = key->key;
    SendJson(res, 201, out);
  });

  svr.Get(R"(/v1/workspaces/([^/]+)/keys)", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kAdmin)) return;
    auto keys = ctx.service.ListKeys(ws);
    if (!keys.ok()) return SendStatus(res, keys.status());
    nlohmann::json list = nlohmann::json::array();
    for (auto& k : *keys) list.push_back(KeyJson(k));
    SendJson(res, 200, {{"keys", list}});
  });

  svr.Delete(R"(/v1/workspaces/([^/]+)/keys/([0-9]+))", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kAdmin)) return;
    int64_t id = 0;
    const std::string digits = req.matches[2];
    if (digits.size() > 18 || (id = std::stoll(digits)) <= 0)
      return SendError(res, 404, "not_found", "no active key with that id in this workspace");
    auto revoked = ctx.service.RevokeKey(ws, id);
    if (!revoked.ok()) return SendStatus(res, revoked.status());
    if (!*revoked) return SendError(res, 404, "not_found", "no active key with that id in this workspace");
    res.status = 204;
  });
}

}  // namespace supportlens::server
