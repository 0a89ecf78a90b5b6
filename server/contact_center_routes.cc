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
#include "supportlens/forecast.h"
#include "supportlens/staffing.h"
#include "supportlens/staffing_plan.h"

namespace supportlens::server {
namespace {

using httplib::Request;
using httplib::Response;

// A finite number, when the parameter is given; the message names the parameter.
Result<std::optional<double>> NumberParam(const Request& req, const char* name) {
  if (!req.has_param(name)) return std::optional<double>();
  const std::string text = req.get_param_value(name);
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
    return Status::InvalidArgument(fmt::format("{}: expected a number, got \"{}\"", name, text));
  return std::optional<double>(v);
}

Status ReadNumber(const Request& req, const char* name, double* out) {
  SL_ASSIGN_OR_RETURN(std::optional<double> v, NumberParam(req, name));
  if (v) *out = *v;
  return Status::Ok();
}

Status ReadOptionalNumber(const Request& req, const char* name, std::optional<double>* out) {
  SL_ASSIGN_OR_RETURN(*out, NumberParam(req, name));
  return Status::Ok();
}

Status ReadInt(const Request& req, const char* name, int* out) {
  if (!req.has_param(name)) return Status::Ok();
  const std::string text = req.get_param_value(name);
  int v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    return Status::InvalidArgument(fmt::format("{}: expected a whole number, got \"{}\"", name, text));
  *out = v;
  return Status::Ok();
}

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

// The request's parameters in a fixed order, for the cache key (access_token left out).
std::string CanonicalParams(const Request& req) {
  std::string s;
  for (const auto& [name, value] : req.params)
    if (name != "access_token") s += name + "=" + value + "\x1f";
  return s;
}

// Runs `compute` for an authorized read of a workspace, once per data version of the workspace.
template <typename Parse, typename Compute>
httplib::Server::Handler CachedWorkspaceRead(ServerContext& ctx, const char* kind, Parse parse, Compute compute) {
  return [&ctx, kind, parse, compute](const Request& req, Response& res) {
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
