#pragma once
// One registration function per subcommand; main() calls them all.
#include <CLI/CLI.hpp>

#include <functional>

#include "supportlens/status.h"

namespace supportlens::cli {

// A subcommand's action returns the process exit code.
using Action = std::function<int()>;

void RegisterImport(CLI::App& app, Action& action);
void RegisterReport(CLI::App& app, Action& action);
void RegisterKpis(CLI::App& app, Action& action);
void RegisterRows(CLI::App& app, Action& action);
void RegisterGenerate(CLI::App& app, Action& action);
void RegisterServe(CLI::App& app, Action& action);
void RegisterKeys(CLI::App& app, Action& action);
void RegisterTrickle(CLI::App& app, Action& action);
void RegisterForecast(CLI::App& app, Action& action);
void RegisterPlan(CLI::App& app, Action& action);
void RegisterProfile(CLI::App& app, Action& action);
void RegisterSentiment(CLI::App& app, Action& action);
void RegisterPhrases(CLI::App& app, Action& action);
void RegisterLeadLag(CLI::App& app, Action& action);
void RegisterPublish(CLI::App& app, Action& action);
void RegisterSchedules(CLI::App& app, Action& action);
void RegisterTargets(CLI::App& app, Action& action);
void RegisterCheck(CLI::App& app, Action& action);
void RegisterAlerts(CLI::App& app, Action& action);
// Evaluates the workspace's alert rules and targets and delivers what opens or closes (check).
int EvaluateAndDeliverAlerts(const std::string& db, const std::string& workspace, const std::string& format);
void RegisterStaff(CLI::App& app, Action& action);

// Prints "supportlens: message" to stderr and returns the exit code for the status.
int Fail(const Status& status);

}  // namespace supportlens::cli
