// supportlens import WORKSPACE_DIR --db FILE [--workspace NAME]
// supportlens import --from anonymous-bank|asterisk-queue-log|twitter|zendesk|freshdesk|chatwoot|csv FILE... --db FILE [--workspace NAME]
//   [--mapping FILE.toml] [--timezone ZONE]
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "supportlens/engine.h"

namespace supportlens::cli {

void RegisterImport(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("import", "Validate a workspace folder and store its valid rows");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto db = std::make_shared<std::string>();
  auto ws = std::make_shared<std::string>("default");
  auto quiet = std::make_shared<bool>(false);
  auto from = std::make_shared<std::string>();
  cmd->add_option("workspace_dir", *paths, "Workspace folder (see DATA-FORMAT), or with --from the source files")->required();
  cmd->add_option("--from", *from, "Import through a connector: anonymous-bank | asterisk-queue-log | twitter | zendesk | freshdesk | chatwoot | csv")
      ->check(CLI::IsMember({"anonymous-bank", "asterisk-queue-log", "twitter", "zendesk", "freshdesk", "chatwoot", "csv"}));
  auto mapping = std::make_shared<std::string>();
  cmd->add_option("--mapping", *mapping, "With --from csv: the mapping file (TOML, docs/connectors/csv.md)");
  auto timezone = std::make_shared<std::string>();
  cmd->add_option("--timezone", *timezone, "With --from: the IANA zone of a new workspace (the log's local times are read in it)");
  cmd->add_option("--db", *db, "SQLite database file (created if missing)")->required();
  cmd->add_option("--workspace", *ws, "Workspace name inside the database")->capture_default_str();
  cmd->add_flag("--quiet", *quiet, "Print only errors");
  cmd->callback([=, &action] {
    action = [=] {
      if (from->empty() && paths->size() != 1)
        return Fail(Status::InvalidArgument("import: one workspace folder at a time (several files need --from)"));
      // A connector reads all its files in one transaction: a failure stores nothing.
      auto result = from->empty() ? ImportFolder(paths->front(), *db, *ws) : ImportWithConnector(*from, *paths, *db, *ws, *timezone, *mapping);
      if (!result.ok()) return Fail(result.status());
      const ImportReport& r = *result;
      for (auto& line : r.issue_lines) std::cerr << line << "\n";
      if (!*quiet) {
        for (auto& e : r.entities)
          std::cout << fmt::format("{:<20} read {:>9}  stored {:>9}  unchanged {:>9}  rejected {:>7}\n", e.name, e.read,
                                   e.inserted, e.unchanged, e.rejected);
      }
      for (auto& note : r.notes) std::cout << "note: " << note << "\n";
      if (r.rejected > 0) {
        std::cerr << fmt::format("supportlens: {} row(s) rejected; written to {}\n", r.rejected, r.rejects_path);
        return ExitCodeFor(ErrorKind::kInvalidData);
      }
      return 0;
    };
  });
}

}  // namespace supportlens::cli
