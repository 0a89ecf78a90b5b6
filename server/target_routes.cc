// Targets over HTTP (supportlens/targets.h): list (analyst), set and delete (admin), and the
// status of every target over a window (analyst); the leading and lagging overview
// (supportlens/lead_lag.h); and the alert rules, sinks and history
// (supportlens/alerts.h) and the report schedules (supportlens/schedules.h): listed by analysts,
// added and deleted by admins.
#include <fmt/format.h>

#include "auth.h"
#include "cached_read.h"
#include "http_errors.h"
#include "query_params.h"
#include "server_context.h"

namespace supportlens::server {
namespace {

using httplib::Request;
using httplib::Response;

Result<LeadLagRequest> LeadLagFromParams(const Request& req) {
  LeadLagRequest r;
  r.from = req.get_param_value("from");
  r.to = req.get_param_value("to");
  SL_RETURN_IF_ERROR(ReadInt(req, "weeks", &r.weeks));
  SL_RETURN_IF_ERROR(ReadNumber(req, "min_change", &r.min_change_pct));
  SL_RETURN_IF_ERROR(ReadInt(req, "baseline_weeks", &r.baseline_weeks));
  SL_RETURN_IF_ERROR(ReadInt(req, "max_lead_weeks", &r.max_lead_weeks));
  return r;
}

// DELETE .../{what}/{id} for admins: 204, or 404 when the workspace has no such id.
httplib::Server::Handler DeleteById(ServerContext& ctx, const char* what, Result<bool> (Service::*remove)(const std::string&, int64_t)) {
  return [&ctx, what, remove](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kAdmin)) return;
    const std::string digits = req.matches[2];
    const int64_t id = digits.size() > 18 ? 0 : std::stoll(digits);
    auto deleted = id > 0 ? (ctx.service.*remove)(ws, id) : Result<bool>(false);
    if (!deleted.ok()) return SendStatus(res, deleted.status());
    if (!*deleted) return SendError(res, 404, "not_found", fmt::format("no {} with that id in this workspace", what));
    res.status = 204;
  };
}

}  // namespace

void RegisterTargetRoutes(httplib::Server& svr, ServerContext& ctx) {
  // Leading and lagging KPIs week by week, and which leading moves came first.
  svr.Get(R"(/v1/workspaces/([^/]+)/lead-lag)",
          CachedWorkspaceRead(ctx, "lead-lag", LeadLagFromParams,
                              [&ctx](const std::string& ws, const LeadLagRequest& r) { return ctx.service.LeadLagJson(ws, r); }));
  svr.Get(R"(/v1/workspaces/([^/]+)/targets)", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kRead)) return;
    auto set_only = BoolParam(req, "set_only");
    if (!set_only.ok()) return SendStatus(res, set_only.status());
    auto body = ctx.service.TargetsJson(ws, *set_only);
    if (!body.ok()) return SendStatus(res, body.status());
    res.set_content(*body, "application/json");
  });
  svr.Put(R"(/v1/workspaces/([^/]+)/targets)", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kAdmin)) return;
    auto body = ctx.service.SetTargetJson(ws, req.body);
    if (!body.ok()) return SendStatus(res, body.status());
    res.set_content(*body, "application/json");
  });
  svr.Delete(R"(/v1/workspaces/([^/]+)/targets/([0-9]+))", DeleteById(ctx, "target", &Service::DeleteTarget));
  // The alerts raised by the rules and targets, newest first, with their deliveries.
  svr.Get(R"(/v1/workspaces/([^/]+)/alerts)", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kRead)) return;
    auto body = ctx.service.AlertHistoryJson(ws);
    if (!body.ok()) return SendStatus(res, body.status());
    res.set_content(*body, "application/json");
  });
  svr.Get(R"(/v1/workspaces/([^/]+)/alerts/rules)", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kRead)) return;
    auto body = ctx.service.AlertRulesJson(ws);
    if (!body.ok()) return SendStatus(res, body.status());
    res.set_content(*body, "application/json");
  });
  svr.Post(R"(/v1/workspaces/([^/]+)/alerts/rules)", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kAdmin)) return;
    auto body = ctx.service.AddAlertRuleJson(ws, req.body);
    if (!body.ok()) return SendStatus(res, body.status());
    res.status = 201;
    res.set_content(*body, "application/json");
  });
  svr.Delete(R"(/v1/workspaces/([^/]+)/alerts/rules/([0-9]+))", DeleteById(ctx, "alert rule", &Service::DeleteAlertRule));
  svr.Delete(R"(/v1/workspaces/([^/]+)/alerts/sinks/([0-9]+))", DeleteById(ctx, "alert sink", &Service::DeleteAlertSink));
  svr.Post(R"(/v1/workspaces/([^/]+)/alerts/sinks)", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kAdmin)) return;
    auto body = ctx.service.AddAlertSinkJson(ws, req.body);
    if (!body.ok()) return SendStatus(res, body.status());
    res.status = 201;
    res.set_content(*body, "application/json");
  });
  // Report schedules: listed with their latest runs (analyst), added and deleted (admin).
  svr.Get(R"(/v1/workspaces/([^/]+)/schedules)", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kRead)) return;
    auto body = ctx.service.ReportSchedulesJson(ws);
    if (!body.ok()) return SendStatus(res, body.status());
    res.set_content(*body, "application/json");
  });
  svr.Post(R"(/v1/workspaces/([^/]+)/schedules)", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kAdmin)) return;
    auto body = ctx.service.AddReportScheduleJson(ws, req.body);
    if (!body.ok()) return SendStatus(res, body.status());
    res.status = 201;
    res.set_content(*body, "application/json");
  });
  svr.Delete(R"(/v1/workspaces/([^/]+)/schedules/([0-9]+))", DeleteById(ctx, "report schedule", &Service::DeleteReportSchedule));
  svr.Get(R"(/v1/workspaces/([^/]+)/targets/status)", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kRead)) return;
    auto only_set = BoolParam(req, "only_set");
    if (!only_set.ok()) return SendStatus(res, only_set.status());
    auto body = ctx.service.TargetStatusJson(ws, req.get_param_value("from"), req.get_param_value("to"), *only_set);
    if (!body.ok()) return SendStatus(res, body.status());
    res.set_content(*body, "application/json");
  });
}

}  // namespace supportlens::server
