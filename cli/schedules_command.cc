// supportlens schedules add --db DB [--workspace W] --template T --every week|month [--format html|pdf]
//   [--hour H] (--folder DIR | --webhook URL --secret S)
// supportlens schedules list --db DB [--workspace W] [--format json|table]
// supportlens schedules delete --db DB [--workspace W] --id N
// supportlens schedules run --db DB [--now TIMESTAMP]: runs every due schedule once (for cron,
//   when no server runs them).
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "core/time_zone.h"
#include "http_server.h"
#include "supportlens/schedules.h"

namespace supportlens::cli {

void RegisterSchedules(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("schedules", "Report schedules: a template every week or month, to a folder or a webhook");
  cmd->require_subcommand(1);
  struct Options {
    std::string db, workspace = "default", format = "table", now;
    ReportSchedule schedule;
    std::string folder, webhook;
    int64_t id = 0;
  };
  auto o = std::make_shared<Options>();
  auto common = [o](CLI::App* c) {
    c->add_option("--db", o->db, "SQLite database file")->required();
    c->add_option("--workspace", o->workspace, "Workspace name inside the database")->capture_default_str();
  };

  auto* add = cmd->add_subcommand("add", "Add a schedule");
  common(add);
  add->add_option("--template", o->schedule.template_name, "weekly-ops | monthly-satisfaction | agent-scorecard")->required();
  add->add_option("--every", o->schedule.every, "week (Mondays, the week before) | month (the 1st, the month before)")->required();
  add->add_option("--format", o->schedule.format, "html | pdf")->capture_default_str();
  add->add_option("--hour", o->schedule.hour, "Local hour of the run")->capture_default_str();
  add->add_option("--folder", o->folder, "Write each report into this folder");
  add->add_option("--webhook", o->webhook, "POST each report to this URL, signed");
  add->add_option("--secret", o->schedule.secret, "The webhook's HMAC-SHA256 key (X-SupportLens-Signature)");
  add->callback([o, &action] {
    action = [o] {
      if (!o->folder.empty() && !o->webhook.empty()) return Fail(Status::InvalidArgument("give --folder or --webhook, not both"));
      o->schedule.deliver = !o->webhook.empty() ? "webhook" : !o->folder.empty() ? "folder" : "";
      o->schedule.target = !o->webhook.empty() ? o->webhook : o->folder;
      auto added = AddReportSchedule(o->db, o->workspace, o->schedule, NowUnixSeconds());
      if (!added.ok()) return Fail(added.status());
      std::cout << fmt::format("schedule {}: {} every {} as {} to {} {}; next run {}\n", added->id, added->template_name, added->every, added->format,
                               added->deliver, added->target, FormatTimestampUtc(added->next_run));
      return 0;
    };
  });

  auto* list = cmd->add_subcommand("list", "List the schedules and their latest runs");
  common(list);
  list->add_option("--format", o->format, "json | table")->capture_default_str()->check(CLI::IsMember({"json", "table"}));
  list->callback([o, &action] {
    action = [o] {
      auto schedules = ListReportSchedules(o->db, o->workspace);
      if (!schedules.ok()) return Fail(schedules.status());
      auto runs = ListScheduledRuns(o->db, o->workspace, 20);
      if (!runs.ok()) return Fail(runs.status());
      if (o->format == "json") {
        std::cout << ReportSchedulesJson(*schedules, *runs);
        return 0;
      }
      for (const auto& s : *schedules)
        std::cout << fmt::format("schedule {:>3}  {:<21} every {:<5} {:<4} at {:02}:00  {} {}  next {}\n", s.id, s.template_name, s.every, s.format, s.hour,
                                 s.deliver, s.target, FormatTimestampUtc(s.next_run));
      for (const auto& r : *runs)
        std::cout << fmt::format("run  {}  schedule {}  {} {} .. {}  {} after {} attempt(s): {}\n", r.at, r.schedule_id, r.template_name, r.from,
                                 r.to, r.status, r.attempts, r.detail);
      return 0;
    };
  });

  auto* del = cmd->add_subcommand("delete", "Delete a schedule");
  common(del);
  del->add_option("--id", o->id, "The schedule's id")->required();
  del->callback([o, &action] {
    action = [o] {
      auto deleted = DeleteReportSchedule(o->db, o->workspace, o->id);
      if (!deleted.ok()) return Fail(deleted.status());
      if (!*deleted) return Fail(Status::NotFound(fmt::format("no report schedule {} in workspace \"{}\"", o->id, o->workspace)));
      return 0;
    };
  });

  auto* run = cmd->add_subcommand("run", "Run every due schedule of every workspace once (for cron when no server runs them)");
  run->add_option("--db", o->db, "SQLite database file")->required();
  run->add_option("--now", o->now, "The time to run as of (ISO 8601; default: now)");
  run->callback([o, &action] {
    action = [o] {
      int64_t at = NowUnixSeconds();
      if (!o->now.empty()) {
        auto parsed = ParseTimestamp(o->now, TimeZone::Utc());
        if (!parsed.ok()) return Fail(Status::InvalidArgument(fmt::format("--now: {}", parsed.status().message())));
        at = *parsed;
      }
      auto runs = RunDueReports(o->db, at, server::WebhookPoster());
      if (!runs.ok()) return Fail(runs.status());
      int failed = 0;
      for (const auto& r : *runs) {
        std::cout << fmt::format("{}: {} of \"{}\" for {} .. {}: {}\n", r.status, r.template_name, r.workspace, r.from, r.to, r.detail);
        failed += r.status != "delivered";
      }
      if (runs->empty()) std::cout << "no schedule is due\n";
      return failed ? 4 : 0;
    };
  });
}

}  // namespace supportlens::cli
