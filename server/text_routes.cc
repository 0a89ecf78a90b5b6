// Text analytics: sentiment per ticket and customer, rising phrases, and the live negative
// feedback received through the API (supportlens/text_analytics.h, service.h).
#include <fmt/format.h>

#include "cached_read.h"
#include "query_params.h"

namespace supportlens::server {
namespace {

using httplib::Request;
using httplib::Response;

Result<SentimentListRequest> SentimentListFromParams(const Request& req) {
  SentimentListRequest r;
  r.from = req.get_param_value("from");
  r.to = req.get_param_value("to");
  SL_ASSIGN_OR_RETURN(r.open_only, BoolParam(req, "open"));
  int limit = 20;
  SL_RETURN_IF_ERROR(ReadInt(req, "limit", &limit));
  if (limit < 0 || limit > 10000) return Status::InvalidArgument("limit: expected 0 (all) to 10000");
  r.limit = static_cast<size_t>(limit);
  SL_ASSIGN_OR_RETURN(r.filters, FiltersFromParams(req));
  return r;
}

Result<PhraseTrendRequest> PhrasesFromParams(const Request& req) {
  PhraseTrendRequest r;
  for (const char* name : {"from", "to"})
    if (!req.has_param(name) || req.get_param_value(name).empty())
      return Status::InvalidArgument(fmt::format("{}: required (a date YYYY-MM-DD in the workspace time zone)", name));
  r.from = req.get_param_value("from");
  r.to = req.get_param_value("to");
  SL_RETURN_IF_ERROR(ReadInt(req, "previous", &r.previous_periods));
  int top = 20, min_tickets = 5;
  SL_RETURN_IF_ERROR(ReadInt(req, "top", &top));
  SL_RETURN_IF_ERROR(ReadInt(req, "min_tickets", &min_tickets));
  if (top < 1 || top > 500) return Status::InvalidArgument("top: expected 1 to 500");
  if (min_tickets < 1) return Status::InvalidArgument("min_tickets: expected 1 or more");
  r.top = static_cast<size_t>(top);
  r.min_tickets = min_tickets;
  SL_ASSIGN_OR_RETURN(r.filters, FiltersFromParams(req));
  return r;
}

}  // namespace

void RegisterTextRoutes(httplib::Server& svr, ServerContext& ctx) {
  svr.Get(R"(/v1/workspaces/([^/]+)/sentiment/tickets)",
          CachedWorkspaceRead(ctx, "sentiment-tickets", SentimentListFromParams, [&ctx](const std::string& ws, const SentimentListRequest& r) {
            return ctx.service.TicketSentimentsJson(ws, r);
          }));
  svr.Get(R"(/v1/workspaces/([^/]+)/sentiment/customers)",
          CachedWorkspaceRead(ctx, "sentiment-customers", SentimentListFromParams,
                              [&ctx](const std::string& ws, const SentimentListRequest& r) { return ctx.service.CustomerSentimentsJson(ws, r); }));
  svr.Get(R"(/v1/workspaces/([^/]+)/phrases)",
          CachedWorkspaceRead(ctx, "phrases", PhrasesFromParams,
                              [&ctx](const std::string& ws, const PhraseTrendRequest& r) { return ctx.service.PhrasesJson(ws, r); }));

  // Held in memory, not in the store: not cached by data version.
  svr.Get(R"(/v1/workspaces/([^/]+)/feedback)", [&ctx](const Request& req, Response& res) {
    const std::string ws = req.matches[1];
    if (!Authorize(ctx.service, req, res, ws, Access::kRead)) return;
    int after = 0, limit = 50;
    if (Status s = ReadInt(req, "after", &after); !s.ok()) return SendStatus(res, s);
    if (Status s = ReadInt(req, "limit", &limit); !s.ok()) return SendStatus(res, s);
    if (after < 0 || limit < 1 || limit > 500) return SendStatus(res, Status::InvalidArgument("after: 0 or more; limit: 1 to 500"));
    res.set_content(ctx.service.FeedbackJson(ws, after, static_cast<size_t>(limit)), "application/json");
  });
}

}  // namespace supportlens::server
