// Contact center: the volume forecast, the staffing plan of a workspace, and the staffing
// arithmetic of one interval (supportlens/forecast.h, staffing_plan.h, staffing.h).
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <optional>

#include "auth.h"
#include "http_errors.h"
#include "query_params.h"
#include "server_context.h"
#include "cached_read.h"
#include "supportlens/forecast.h"
#include "supportlens/staffing.h"
#include "supportlens/staffing_plan.h"

namespace supportlens::server {
namespace {

using httplib::Request;
using httplib::Response;

// The history window, interval, horizon, backtest and filters shared by forecast and plan.
Result<ForecastRequest> ForecastFromParams(const Request& req, const std::string& default_interval) {
  ForecastRequest r;
  for (const char* name : {"from", "to"})
    if (!req.has_param(name) || req.get_param_value(name).empty())
      return Status::InvalidArgument(fmt::format("{}: required (a date YYYY-MM-DD in the workspace time zone)", name));
  r.history_from = req.get_param_value("from");
  r.history_to = req.get_param_value("to");
  if (req.has_param("kpi")) r.kpi = req.get_param_value("kpi");
  r.interval = req.has_param("interval") ? req.get_param_value("interval") : default_interval;
  SL_RETURN_IF_ERROR(ReadInt(req, "horizon_days", &r.horizon_days));
  SL_RETURN_IF_ERROR(ReadInt(req, "backtest_weeks", &r.backtest_weeks));
  SL_ASSIGN_OR_RETURN(r.filters, FiltersFromParams(req));
  return r;
}

Result<StaffingPlanRequest> PlanFromParams(const Request& req) {
  StaffingPlanRequest r;
  SL_ASSIGN_OR_RETURN(r.forecast, ForecastFromParams(req, "30min"));
  if (req.has_param("kpi") && r.forecast.kpi != "offered_calls")
    return Status::InvalidArgument("kpi: a staffing plan forecasts offered_calls");
  r.forecast.kpi = "offered_calls";
  SL_RETURN_IF_ERROR(ReadNumber(req, "target_sl", &r.target_sl_pct));
  SL_RETURN_IF_ERROR(ReadNumber(req, "target_seconds", &r.target_seconds));
  SL_RETURN_IF_ERROR(ReadOptionalNumber(req, "target_asa", &r.target_asa_seconds));
  SL_RETURN_IF_ERROR(ReadNumber(req, "shrinkage", &r.shrinkage));
  SL_RETURN_IF_ERROR(ReadNumber(req, "max_occupancy", &r.max_occupancy));
  if (req.has_param("model")) {
    const std::string m = req.get_param_value("model");
    if (m != "erlang-a" && m != "erlang-c")
      return Status::InvalidArgument(fmt::format("model: expected erlang-a or erlang-c, got \"{}\"", m));
    r.erlang_a = m == "erlang-a";
  }
  return r;
}

Result<StaffingRequest> StaffingFromParams(const Request& req) {
  StaffingRequest r;
  for (const char* name : {"calls", "aht"})
    if (!req.has_param(name)) return Status::InvalidArgument(fmt::format("{}: required", name));
  SL_RETURN_IF_ERROR(ReadNumber(req, "calls", &r.calls));
  SL_RETURN_IF_ERROR(ReadNumber(req, "interval_minutes", &r.interval_minutes));
  SL_RETURN_IF_ERROR(ReadNumber(req, "aht", &r.aht_seconds));
  SL_RETURN_IF_ERROR(ReadNumber(req, "target_sl", &r.target_sl_pct));
  SL_RETURN_IF_ERROR(ReadNumber(req, "target_seconds", &r.target_seconds));
  SL_RETURN_IF_ERROR(ReadNumber(req, "shrinkage", &r.shrinkage));
  SL_RETURN_IF_ERROR(ReadNumber(req, "max_occupancy", &r.max_occupancy));
  SL_RETURN_IF_ERROR(ReadOptionalNumber(req, "patience", &r.patience_seconds));
  SL_RETURN_IF_ERROR(ReadOptionalNumber(req, "target_asa", &r.target_asa_seconds));
  return r;
}

}  // namespace

void RegisterContactCenterRoutes(httplib::Server& svr, ServerContext& ctx) {
  svr.Get(R"(/v1/workspaces/([^/]+)/forecast)",
          CachedWorkspaceRead(
              ctx, "forecast", [](const Request& req) { return ForecastFromParams(req, "hour"); },
              [&ctx](const std::string& ws, const ForecastRequest& r) { return ctx.service.ForecastJson(ws, r); }));

  svr.Get(R"(/v1/workspaces/([^/]+)/staffing-plan)",
          CachedWorkspaceRead(ctx, "staffing-plan", PlanFromParams, [&ctx](const std::string& ws, const StaffingPlanRequest& r) {
            return ctx.service.StaffingPlanJson(ws, r);
          }));

  // Pure arithmetic over the parameters: any valid key, of any workspace and role.
  svr.Get("/v1/staffing", [&ctx](const Request& req, Response& res) {
    const std::string header = req.get_header_value("Authorization");
    const std::string key = header.rfind("Bearer ", 0) == 0 ? header.substr(7) : req.get_param_value("access_token");
    auto info = key.empty() ? Result<std::optional<ApiKeyInfo>>(std::optional<ApiKeyInfo>()) : ctx.service.Authenticate(key);
    if (!info.ok()) return SendStatus(res, info.status());
    if (!*info) {
      res.set_header("WWW-Authenticate", "Bearer");
      return SendError(res, 401, "unauthorized", key.empty() ? "an API key is required: Authorization: Bearer KEY" : "unknown or revoked API key");
    }
    auto request = StaffingFromParams(req);
    if (!request.ok()) return SendStatus(res, request.status());
    auto result = ComputeStaffing(*request);
    if (!result.ok()) return SendStatus(res, result.status());
    res.set_content(RenderStaffing(*result, "json"), "application/json");
  });
}

}  // namespace supportlens::server
