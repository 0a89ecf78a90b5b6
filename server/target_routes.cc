// Targets over HTTP (supportlens/targets.h): list (analyst), set and delete (admin), and the
// status of every target over a window (analyst); the leading and lagging overview
// (supportlens/lead_lag.h); and the alert rules, sinks and history
// (supportlens/alerts.h) and the report schedules (supportlens/schedules.h): listed by analysts,
// added and deleted by admins.
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

// The numeric id of a path like .../targets/123 (0 when it cannot be one).
int64_t PathId(const std::string& digits) { return digits.size() > 18 ? 0 : std::stoll(digits); }

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
  svr.Delete(R"(/v1/workspaces/([^/]+)/targets/([0-9]+))", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kAdmin)) return;
    const int64_t id = PathId(req.matches[2]);
    auto deleted = id > 0 ? ctx.service.DeleteTarget(ws, id) : Result<bool>(false);
    if (!deleted.ok()) return SendStatus(res, deleted.status());
    if (!*deleted) return SendError(res, 404, "not_found", "no target with that id in this workspace");
    res.status = 204;
  });
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
  svr.Delete(R"(/v1/workspaces/([^/]+)/alerts/rules/([0-9]+))", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kAdmin)) return;
    const int64_t id = PathId(req.matches[2]);
    auto deleted = id > 0 ? ctx.service.DeleteAlertRule(ws, id) : Result<bool>(false);
    if (!deleted.ok()) return SendStatus(res, deleted.status());
    if (!*deleted) return SendError(res, 404, "not_found", "no alert rule with that id in this workspace");
    res.status = 204;
  });
  svr.Delete(R"(/v1/workspaces/([^/]+)/alerts/sinks/([0-9]+))", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kAdmin)) return;
    const int64_t id = PathId(req.matches[2]);
    auto deleted = id > 0 ? ctx.service.DeleteAlertSink(ws, id) : Result<bool>(false);
    if (!deleted.ok()) return SendStatus(res, deleted.status());
    if (!*deleted) return SendError(res, 404, "not_found", "no alert sink with that id in this workspace");
    res.status = 204;
  });
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
  svr.Delete(R"(/v1/workspaces/([^/]+)/schedules/([0-9]+))", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kAdmin)) return;
    const int64_t id = PathId(req.matches[2]);
    auto deleted = id > 0 ? ctx.service.DeleteReportSchedule(ws, id) : Result<bool>(false);
    if (!deleted.ok()) return SendStatus(res, deleted.status());
    if (!*deleted) return SendError(res, 404, "not_found", "no report schedule with that id in this workspace");
    res.status = 204;
  });
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
