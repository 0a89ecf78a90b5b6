// End-to-end tests of `supportlens staff`: the JSON keys scripts rely on, the table format, and
// exit code 2 with a message naming the flag for bad input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

struct StaffRun {
  int code;
  std::string out, err;
};

StaffRun Staff(const std::string& args) {
  const fs::path err = fs::path(::testing::TempDir()) / ("sl_staff_stderr_" + std::to_string(::getpid()) + ".txt");
  const std::string cmd = std::string(SUPPORTLENS_BINARY) + " staff " + args + " 2>" + err.string();
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  const int status = pclose(p);
  std::ifstream in(err);
  std::stringstream ss;
  ss << in.rdbuf();
  return {WEXITSTATUS(status), out, ss.str()};
}

const std::string kExample = "--calls 100 --interval-minutes 30 --aht 180 --target-sl 80 --target-seconds 20";

TEST(StaffCli, JsonHasTheContractKeys) {
  StaffRun r = Staff(kExample + " --shrinkage 0.3 --format json");
  ASSERT_EQ(r.code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  for (const char* key : {"agents", "service_level", "asa", "occupancy", "p_wait", "rostered"})
    EXPECT_TRUE(doc.contains(key) && doc[key].is_number()) << key;
  EXPECT_EQ(doc["agents"], 14);
  EXPECT_EQ(doc["rostered"], 20);
  EXPECT_EQ(doc["service_level"], 88.84);  // percent, 0-100
  EXPECT_EQ(doc["p_wait"], 17.41);
  EXPECT_EQ(doc["occupancy"], 71.43);
  EXPECT_EQ(doc["asa"], 7.84);
  EXPECT_EQ(doc["model"], "erlang_c");
}

TEST(StaffCli, PatienceSelectsErlangAAndTargetAsaBinds) {
  StaffRun a = Staff(kExample + " --patience 300 --format json");
  ASSERT_EQ(a.code, 0) << a.err;
  auto doc = nlohmann::json::parse(a.out);
  EXPECT_EQ(doc["model"], "erlang_a");
  EXPECT_GT(doc["p_abandon"].get<double>(), 0);

  StaffRun asa = Staff(kExample + " --target-asa 5 --format json");
  ASSERT_EQ(asa.code, 0) << asa.err;
  auto with_asa = nlohmann::json::parse(asa.out);
  EXPECT_EQ(with_asa["agents"], 15);  // 14 agents: ASA 7.8 s
  EXPECT_LE(with_asa["asa"].get<double>(), 5);
}

TEST(StaffCli, TableIsTheDefaultFormat) {
  StaffRun r = Staff(kExample);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("agents           14"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("service level    88.84 %"), std::string::npos) << r.out;
}

TEST(StaffCli, BadInputExitsTwoNamingTheFlag) {
  struct Case { const char* args; const char* flag; };
  const Case kCases[] = {
      {"--calls -5 --interval-minutes 30 --aht 180 --target-sl 80 --target-seconds 20", "--calls"},
      {"--calls 100 --interval-minutes 0 --aht 180 --target-sl 80 --target-seconds 20", "--interval-minutes"},
      {"--calls 100 --interval-minutes 30 --aht 180 --target-sl 120 --target-seconds 20", "--target-sl"},
      {"--calls 100 --interval-minutes 30 --aht 180 --target-sl 80 --target-seconds 20 --shrinkage 1", "--shrinkage"},
      {"--calls 100 --interval-minutes 30 --aht 180 --target-sl 80 --target-seconds 20 --max-occupancy 0", "--max-occupancy"},
      {"--calls 100 --interval-minutes 30 --aht 180 --target-sl 80 --target-seconds 20 --patience -1", "--patience"},
      {"--calls 100 --interval-minutes 30 --aht 180 --target-sl 80", "--target-seconds"},
  };
  for (const auto& c : kCases) {
    StaffRun r = Staff(c.args);
    EXPECT_EQ(r.code, 2) << c.args;
    EXPECT_NE(r.err.find(c.flag), std::string::npos) << r.err;
  }
}

}  // namespace
