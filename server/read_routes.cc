// Reading: report, export.csv, series, rows, dimensions, the catalog, health and whoami.
#include <algorithm>
#include <map>
#include <set>

#include "auth.h"
#include "http_errors.h"
#include "query_params.h"
#include "server_context.h"
#include "supportlens/engine.h"
#include "supportlens/kpi_info.h"

namespace supportlens::server {
namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kWorkspacePath = R"(/v1/workspaces/([^/]+))";

std::string Path(const char* rest) { return std::string(kWorkspacePath) + rest; }

// Runs `body` for an authorized read with parsed query parameters.
template <typename F>
httplib::Server::Handler ReadHandler(ServerContext& ctx, F body) {
  return [&ctx, body](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kRead)) return;
    auto query = QueryFromParams(req);
    if (!query.ok()) return SendStatus(res, query.status());
    body(ws, *query, req, res);
  };
}

void SendCsv(Response& res, std::string body, const std::string& filename) {
  res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  res.set_content(std::move(body), "text/csv; charset=utf-8");
}

// A report grouped by a time bucket (and optionally more dimensions) as one series per KPI and group.
nlohmann::json SeriesFromReport(const nlohmann::json& report, const std::string& bucket, const std::vector<std::string>& kpis) {
  nlohmann::json out = {{"window", report["window"]},
                        {"cohort", report["cohort"]},
                        {"business_time", report["business_time"]},
                        {"definition_version", report["definition_version"]},
                        {"bucket", bucket},
                        {"series", nlohmann::json::array()}};
  std::map<std::string, size_t> index;  // kpi + group -> position in "series"
  for (const auto& row : report["rows"]) {
    nlohmann::json group = row["group"];
    std::string period = group.value(bucket, "");
    group.erase(bucket);
    for (const auto& [kpi, value] : row["kpis"].items()) {
      std::string key = kpi + "\x1f" + group.dump();
      auto it = index.find(key);
      if (it == index.end()) {
        it = index.emplace(key, out["series"].size()).first;
        out["series"].push_back({{"kpi", kpi}, {"group", group}, {"points", nlohmann::json::array()}});
      }
      nlohmann::json point = value;
      point["period"] = period;
      out["series"][it->second]["points"].push_back(std::move(point));
    }
  }
  // The report's JSON lists KPIs by id; series follow the order they were asked in.
  auto rank = [&](const nlohmann::json& s) {
    auto it = std::find(kpis.begin(), kpis.end(), s["kpi"].get<std::string>());
    return it - kpis.begin();
  };
  std::stable_sort(out["series"].begin(), out["series"].end(),
                   [&](const nlohmann::json& a, const nlohmann::json& b) { return rank(a) < rank(b); });
  return out;
}

}  // namespace

Result<std::string> CachedReportJson(ServerContext& ctx, const std::string& workspace, const Query& query, int64_t* version_out) {
  SL_ASSIGN_OR_RETURN(int64_t version, ctx.service.DataVersion(workspace));
  if (version_out) *version_out = version;
  const std::string key = workspace + "\x1ereport\x1e" + CanonicalQuery(query);
  if (auto hit = ctx.cache.Find(key, version)) return *hit;
  SL_ASSIGN_OR_RETURN(Report report, ctx.service.RunReport(workspace, query));
  SL_ASSIGN_OR_RETURN(std::string body, RenderReport(report, "json"));
  ctx.cache.Put(key, version, body);
  return body;
}

void RegisterReadRoutes(httplib::Server& svr, ServerContext& ctx) {
  svr.Get("/v1/health", [](const Request&, Response& res) { SendJson(res, 200, {{"status", "ok"}}); });

  svr.Get("/v1/kpis", [](const Request&, Response& res) {
    res.set_content(RenderCatalog("json"), "application/json");
  });

  svr.Get("/v1/whoami", [&ctx](const Request& req, Response& res) {
    std::string header = req.get_header_value("Authorization");
    std::string key = header.rfind("Bearer ", 0) == 0 ? header.substr(7) : req.get_param_value("access_token");
    auto info = key.empty() ? Result<std::optional<ApiKeyInfo>>(std::optional<ApiKeyInfo>()) : ctx.service.Authenticate(key);
    if (!info.ok()) return SendStatus(res, info.status());
    if (!*info) res.set_header("WWW-Authenticate", "Bearer");
    if (!*info) return SendError(res, 401, "unauthorized", key.empty() ? "an API key is required: Authorization: Bearer KEY"
                                                                       : "unknown or revoked API key");
    SendJson(res, 200, {{"workspace", (*info)->workspace}, {"role", RoleName((*info)->role)}, {"key_id", (*info)->id}});
  });

  svr.Get(Path("/report"), ReadHandler(ctx, [&ctx](const std::string& ws, const Query& q, const Request&, Response& res) {
            auto body = CachedReportJson(ctx, ws, q);
            if (!body.ok()) return SendStatus(res, body.status());
            res.set_content(*body, "application/json");
          }));

  svr.Get(Path("/export.csv"), ReadHandler(ctx, [&ctx](const std::string& ws, const Query& q, const Request&, Response& res) {
            auto report = ctx.service.RunReport(ws, q);
            if (!report.ok()) return SendStatus(res, report.status());
            auto body = RenderReport(*report, "csv");
            if (!body.ok()) return SendStatus(res, body.status());
            SendCsv(res, *body, "supportlens-report-" + q.from + "-" + q.to + ".csv");
          }));

  svr.Get(Path("/series"), ReadHandler(ctx, [&ctx](const std::string& ws, Query q, const Request& req, Response& res) {
            std::string bucket = req.has_param("bucket") ? req.get_param_value("bucket") : "day";
            static const std::set<std::string> kBuckets = {"15min", "30min", "hour", "day", "week", "month", "quarter"};
            if (!kBuckets.count(bucket))
              return SendError(res, 400, "invalid_argument",
                               "bucket: expected 15min, 30min, hour, day, week, month or quarter, got \"" + bucket + "\"");
            for (auto& b : q.by)
              if (kBuckets.count(b))
                return SendError(res, 400, "invalid_argument", "by: the time bucket goes in \"bucket\", not in \"by\"");
            q.by.insert(q.by.begin(), bucket);
            auto body = CachedReportJson(ctx, ws, q);
            if (!body.ok()) return SendStatus(res, body.status());
            SendJson(res, 200, SeriesFromReport(nlohmann::json::parse(*body), bucket, q.kpis));
          }));

  auto rows = [&ctx](const std::string& format) {
    return ReadHandler(ctx, [&ctx, format](const std::string& ws, const Query& q, const Request& req, Response& res) {
      auto kpis = ListParam(req, "kpi");
      if (kpis.size() != 1) return SendError(res, 400, "invalid_argument", "kpi: exactly one KPI id is required");
      auto result = ctx.service.Rows(ws, kpis[0], q);
      if (!result.ok()) return SendStatus(res, result.status());
      auto body = RenderRows(*result, format);
      if (!body.ok()) return SendStatus(res, body.status());
      if (format == "csv") return SendCsv(res, *body, "supportlens-" + kpis[0] + "-rows.csv");
      res.set_content(*body, "application/json");
    });
  };
  svr.Get(Path("/rows"), rows("json"));
  svr.Get(Path("/rows.csv"), rows("csv"));

  svr.Get(Path("/dimensions"), [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kRead)) return;
    auto dims = ctx.service.Dimensions(ws);
    if (!dims.ok()) return SendStatus(res, dims.status());
    nlohmann::json out = {{"workspace", dims->workspace}, {"timezone", dims->timezone},
                          {"first_day", dims->first_day.empty() ? nlohmann::json(nullptr) : nlohmann::json(dims->first_day)},
                          {"last_day", dims->last_day.empty() ? nlohmann::json(nullptr) : nlohmann::json(dims->last_day)},
                          {"data_version", dims->data_version}};
    for (auto& [name, values] : dims->values) out[name] = values;
    SendJson(res, 200, out);
  });
}

}  // namespace supportlens::server
