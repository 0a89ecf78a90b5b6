// Test processes keep scratch files and folders in the test temp folder, named
// sl_<what>_<pid>[...]: a fixture shares them between its tests, so none removes them itself.
// This removes the ones of this process when it ends, so a test run leaves nothing behind.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace {

class ScratchCleanup : public ::testing::Environment {
 public:
  void TearDown() override {
    namespace fs = std::filesystem;
    const std::string pid = "_" + std::to_string(::getpid());
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(::testing::TempDir(), ec)) {
      const std::string name = entry.path().filename().string();
      const size_t at = name.find(pid);
      if (name.rfind("sl_", 0) != 0 || at == std::string::npos) continue;
      const size_t after = at + pid.size();  // the pid must end there: _12 is not _123
      if (after < name.size() && name[after] != '_' && name[after] != '.') continue;
      fs::remove_all(entry.path(), ec);
    }
  }
};

[[maybe_unused]] ::testing::Environment* const kScratchCleanup = ::testing::AddGlobalTestEnvironment(new ScratchCleanup);

}  // namespace
