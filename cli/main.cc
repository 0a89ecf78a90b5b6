// supportlens: the command-line shell over the core library.
#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "commands.h"
#include "supportlens/status.h"

namespace supportlens::cli {

int Fail(const Status& status) {
  std::cerr << "supportlens: " << status.message() << "\n";
  return ExitCodeFor(status.kind());
}

// A report faults in gigabytes of fresh per-ticket buffers at 10M tickets; with 4 KiB pages that
// is a quarter of a million page faults, a sixth of its time on the machines measured. glibc backs
// its heap with transparent huge pages when the tunable glibc.malloc.hugetlb is 1, and reads
// tunables only at start-up, so the process starts itself once more with the tunable set (unless
// the caller chose a value). Where that cannot be done, it runs on with ordinary pages.
void UseHugePagesForTheHeap(char** argv) {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables && std::strstr(tunables, "glibc.malloc.hugetlb")) return;
  std::string value = "glibc.malloc.hugetlb=1";
  if (tunables && *tunables) value = std::string(tunables) + ":" + value;
  if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  ::execv("/proc/self/exe", argv);
}

}  // namespace supportlens::cli

int main(int argc, char** argv) {
  using namespace supportlens::cli;
  UseHugePagesForTheHeap(argv);
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
