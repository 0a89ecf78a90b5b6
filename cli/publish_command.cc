// supportlens publish --db DB [--workspace W] --template NAME --from DATE --to DATE --out FILE
//   renders a report template over the period (against the period before it) to FILE: HTML for
//   .html, PDF (headless Chromium) for .pdf.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "supportlens/publish.h"

namespace supportlens::cli {

void RegisterPublish(CLI::App& app, Action& action) {
  std::string names;
  for (const auto& [name, title] : ReportTemplateNames()) names += (names.empty() ? "" : " | ") + name;
  auto* cmd = app.add_subcommand("publish", "Render a report (weekly operations, monthly satisfaction, agent scorecard) to HTML or PDF");
  struct Options {
    std::string db, workspace = "default", out;
    PublishRequest request;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--db", o->db, "SQLite database file")->required();
  cmd->add_option("--workspace", o->workspace, "Workspace name inside the database")->capture_default_str();
  cmd->add_option("--template", o->request.template_name, names)->required();
  cmd->add_option("--from", o->request.from, "First day of the period (YYYY-MM-DD, workspace time zone)")->required();
  cmd->add_option("--to", o->request.to, "Day after the period")->required();
  cmd->add_option("--out", o->out, "The file to write: .html or .pdf")->required();
  cmd->callback([o, &action] {
    action = [o] {
      Status written = PublishFile(o->db, o->workspace, o->request, o->out);
      if (!written.ok()) return Fail(written);
      std::cout << fmt::format("wrote {} ({}, {} to {})\n", o->out, o->request.template_name, o->request.from, o->request.to);
      return 0;
    };
  });
}

}  // namespace supportlens::cli
