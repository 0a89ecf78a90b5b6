// Writing: batches of records per entity, and the workspace settings.
#include <set>

#include "auth.h"
#include "http_errors.h"
#include "server_context.h"

namespace supportlens::server {

using httplib::Request;
using httplib::Response;

void RegisterWriteRoutes(httplib::Server& svr, ServerContext& ctx) {
  svr.Put(R"(/v1/workspaces/([^/]+)/settings)", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kAdmin)) return;
    auto version = ctx.service.SaveSettings(ws, req.body);
    if (!version.ok()) return SendStatus(res, version.status());
    SendJson(res, 200, {{"workspace", ws}, {"data_version", *version}});
  });

  svr.Post(R"(/v1/workspaces/([^/]+)/([a-z_.]+))", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1], entity = req.matches[2];
    for (const char* read_path : {"report", "export.csv", "series", "rows", "rows.csv", "dimensions", "live", "settings"})
      if (entity == read_path)
        return SendError(res, 405, "method_not_allowed", "POST is not allowed on " + req.path);
    if (!Authorize(ctx.service, req, res, ws, Access::kWrite)) return;
    auto result = ctx.service.Ingest(ws, entity, req.body);
    if (!result.ok()) return SendStatus(res, result.status());
    if (!result->issues.empty()) {
      nlohmann::json records = nlohmann::json::array();
      std::set<int64_t> bad;
      for (auto& i : result->issues) {
        records.push_back({{"record", i.record}, {"field", i.field}, {"reason", i.reason}, {"message", i.message}});
        bad.insert(i.record);
      }
      return SendError(res, 422, "invalid_records",
                       std::to_string(bad.size()) + " of " + std::to_string(result->received) +
                           " records rejected; nothing was stored",
                       {{"records", records}});
    }
    SendJson(res, 200, {{"entity", result->entity}, {"received", result->received}, {"inserted", result->inserted},
                        {"unchanged", result->unchanged}, {"data_version", result->data_version}});
  });
}

}  // namespace supportlens::server
