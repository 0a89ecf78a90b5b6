#pragma once
// Running the real `supportlens` binary from end-to-end tests: a scratch folder per test
// program, whole files read back, and a command's exit code, standard output and standard error.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace e2e {

namespace fs = std::filesystem;

// A fresh folder named `prefix` and the process id, emptied first.
inline fs::path NewScratch(const std::string& prefix) {
  fs::path d = fs::path(::testing::TempDir()) / (prefix + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

inline std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct CliRun {
  int code;
  std::string out, err;
};

// A shell command; its standard error goes through a file beside the scratch folders.
inline CliRun Shell(const std::string& cmd) {
  static const fs::path err = NewScratch("sl_e2e_stderr_") / "stderr.txt";
  FILE* p = popen((cmd + " 2>" + err.string()).c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  const int status = pclose(p);
  return {WEXITSTATUS(status), out, Slurp(err)};
}

inline CliRun Cli(const std::string& args) { return Shell(std::string(SUPPORTLENS_BINARY) + " " + args); }

}  // namespace e2e
