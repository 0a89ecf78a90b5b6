// supportlens: the command-line shell over the core library.
#include <malloc.h>

#include <iostream>

#include "commands.h"
#include "supportlens/status.h"

namespace supportlens::cli {

int Fail(const Status& status) {
  std::cerr << "supportlens: " << status.message() << "\n";
  return ExitCodeFor(status.kind());
}

}  // namespace supportlens::cli

int main(int argc, char** argv) {
  using namespace supportlens::cli;
  // A report allocates per-ticket buffers (40 MB each at 10M tickets) KPI after KPI. By default
  // glibc serves those with fresh mmaps and unmaps them on free, so every KPI page-faults its
  // buffers in again; a server pays it on every query. Serving them from the heap and keeping
  // freed memory there for reuse trades resident memory for speed.
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
  CLI::App app{"SupportLens: customer-service KPIs, computed correctly and fast"};
  app.require_subcommand(1);
  Action action;
  RegisterImport(app, action);
  RegisterReport(app, action);
  RegisterKpis(app, action);
  RegisterRows(app, action);
  RegisterGenerate(app, action);
  RegisterServe(app, action);
  RegisterKeys(app, action);
  RegisterTrickle(app, action);
  RegisterForecast(app, action);
  RegisterPlan(app, action);
  RegisterProfile(app, action);
  RegisterSentiment(app, action);
  RegisterPhrases(app, action);
  RegisterLeadLag(app, action);
  RegisterPublish(app, action);
  RegisterSchedules(app, action);
  RegisterTargets(app, action);
  RegisterCheck(app, action);
  RegisterAlerts(app, action);
  RegisterStaff(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : supportlens::ExitCodeFor(supportlens::ErrorKind::kInvalidArgument);
  }
  try {
    return action();
  } catch (const std::exception& e) {
    std::cerr << "supportlens: internal error: " << e.what() << "\n";
    return supportlens::ExitCodeFor(supportlens::ErrorKind::kInternal);
  }
}
