// GET .../live: server-sent events with the report of the overview KPIs (or the asked ones),
// sent at once and again after each commit to the workspace; and each negative feedback (a
// strongly negative customer message, a detractor survey) received through the API, as soon as
// its batch is committed and before the refreshed report.
#include "auth.h"
#include "http_errors.h"
#include "query_params.h"
#include "server_context.h"

namespace supportlens::server {

namespace {

const std::vector<std::string> kOverviewKpis = {"ticket_volume", "backlog", "first_reply_time", "resolution_time",
                                                "fcr_rate",      "csat",    "nps",              "sla_compliance"};
constexpr auto kHeartbeat = std::chrono::seconds(15);

struct LiveState {
  std::string workspace;
  Query query;
  int64_t version = 0;
  int64_t feedback_seq = 0;
  bool sent = false;
};

bool WriteEvent(httplib::DataSink& sink, const std::string& text) { return sink.write(text.data(), text.size()); }

}  // namespace

void RegisterLiveStream(httplib::Server& svr, ServerContext& ctx) {
  svr.Get(R"(/v1/workspaces/([^/]+)/live)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto state = std::make_shared<LiveState>();
    state->workspace = req.matches[1];
    if (!Authorize(ctx.service, req, res, state->workspace, Access::kRead)) return;
    auto query = QueryFromParams(req);
    if (!query.ok()) return SendStatus(res, query.status());
    state->query = *query;
    state->feedback_seq = ctx.service.FeedbackSeq(state->workspace);
    if (state->query.kpis.empty()) state->query.kpis = kOverviewKpis;
    // Fail before the stream starts when the workspace or the query is wrong.
    auto first = CachedReportJson(ctx, state->workspace, state->query);
    if (!first.ok()) return SendStatus(res, first.status());

    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Accel-Buffering", "no");
    res.set_chunked_content_provider("text/event-stream", [&ctx, state](size_t, httplib::DataSink& sink) {
      if (ctx.stopping) {
        sink.done();
        return false;
      }
      if (state->sent) {
        int64_t v = ctx.service.WaitForChange(state->workspace, state->version, state->feedback_seq, kHeartbeat, ctx.stopping);
        if (ctx.stopping) {
          sink.done();
          return false;
        }
        if (ctx.service.FeedbackSeq(state->workspace) != state->feedback_seq) {
          nlohmann::json feedback = nlohmann::json::parse(ctx.service.FeedbackJson(state->workspace, state->feedback_seq, 100));
          state->feedback_seq = feedback["last_seq"].get<int64_t>();
          return WriteEvent(sink, "event: feedback\ndata: " + feedback.dump() + "\n\n");
        }
        if (v == state->version) return WriteEvent(sink, ": keep-alive\n\n");
      }
      int64_t version = 0;
      auto body = CachedReportJson(ctx, state->workspace, state->query, &version);
      if (!body.ok()) {
        nlohmann::json error = {{"code", ErrorCodeFor(body.status().kind())}, {"message", body.status().message()}};
        state->sent = true;
        return WriteEvent(sink, "event: error\ndata: " + error.dump() + "\n\n");
      }
      nlohmann::json report = nlohmann::json::parse(*body);
      report["data_version"] = version;
      state->version = version;
      state->sent = true;
      return WriteEvent(sink, "event: report\ndata: " + report.dump() + "\n\n");
    });
  });
}

}  // namespace supportlens::server
