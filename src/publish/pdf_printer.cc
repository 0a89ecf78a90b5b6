// HTML to PDF through headless Chromium's --print-to-pdf (include/supportlens/publish.h).
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "supportlens/publish.h"

extern char** environ;

namespace supportlens {
namespace {

namespace fs = std::filesystem;

constexpr auto kPrintTimeout = std::chrono::seconds(120);

std::string ChromiumPath() {
  if (const char* p = std::getenv("SUPPORTLENS_CHROMIUM"); p && *p) return p;
  return "/usr/bin/chromium";
}

// A private folder for the page and the browser profile, removed on every path out.
struct ScratchDir {
  fs::path path;
  ScratchDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / fmt::format("supportlens-pdf-{}-{:x}", getpid(), rd());
    fs::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string Tail(const fs::path& log) {
  std::ifstream in(log);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.size() > 600) text = "..." + text.substr(text.size() - 600);
  return text;
}

}  // namespace

Status PrintHtmlToPdf(const std::string& html, const std::string& pdf_path) {
  const std::string chromium = ChromiumPath();
  if (access(chromium.c_str(), X_OK) != 0)
    return Status::Unavailable(fmt::format("PDF output needs headless Chromium: {} is not there (Debian: apt-get install chromium; "
                                           "or set SUPPORTLENS_CHROMIUM), or write a .html file",
                                           chromium));
  ScratchDir scratch;
  const fs::path page = scratch.path / "report.html", out = scratch.path / "report.pdf", log = scratch.path / "chromium.log";
  {
    std::ofstream f(page, std::ios::binary);
    f << html;
    if (!f) return Status::Io(fmt::format("{}: cannot write the page to print", page.string()));
  }
  std::vector<std::string> args = {chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                   "--no-first-run", "--no-pdf-header-footer", "--user-data-dir=" + (scratch.path / "profile").string(),
                                   "--print-to-pdf=" + out.string(), "file://" + page.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, chromium.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return Status::Io(fmt::format("{}: cannot start it: {}", chromium, std::strerror(spawned)));
  const auto deadline = std::chrono::steady_clock::now() + kPrintTimeout;
  int wstatus = 0;
  while (true) {
    const pid_t done = waitpid(pid, &wstatus, WNOHANG);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &wstatus, 0);
      return Status::Io(fmt::format("{}: printing took longer than {} s; stopped", chromium, kPrintTimeout.count()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::error_code ec;
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 || !fs::exists(out, ec) || fs::file_size(out, ec) < 5)
    return Status::Io(fmt::format("{}: printing to PDF failed (exit {}): {}", chromium, WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1, Tail(log)));
  // Copied beside the destination first, then renamed over it: a reader never sees half a file.
  const fs::path dest(pdf_path), partial = dest.string() + ".partial";
  fs::copy_file(out, partial, fs::copy_options::overwrite_existing, ec);
  if (!ec) fs::rename(partial, dest, ec);
  if (ec) {
    fs::remove(partial);
    return Status::Io(fmt::format("{}: {}", pdf_path, ec.message()));
  }
  return Status::Ok();
}

}  // namespace supportlens
