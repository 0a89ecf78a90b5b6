// `supportlens publish` end to end: the three templates over a generated workspace, as HTML
// checked against `supportlens report`, and as PDF printed by headless Chromium, each page
// rendered to an image (pdftoppm) and checked to carry ink.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli_runner.h"

namespace {

namespace fs = std::filesystem;

using e2e::Slurp;

fs::path Scratch() {
  static const fs::path dir = e2e::NewScratch("sl_publish_e2e_");
  return dir;
}

// Standard error joined to the output: the messages are what these tests read.
struct ShellRun {
  int code;
  std::string out;
};
ShellRun Shell(const std::string& cmd) {
  e2e::CliRun r = e2e::Shell(cmd);
  return {r.code, r.out + r.err};
}
ShellRun Cli(const std::string& args) { return Shell(std::string(SUPPORTLENS_BINARY) + " " + args); }

// Four weeks from Monday 2 March 2026, imported once for every test here.
const std::string& Database() {
  static const std::string db = [] {
    const fs::path ws = Scratch() / "workspace", db = Scratch() / "publish.db";
    EXPECT_EQ(Cli("generate --tickets 3000 --seed 11 --start 2026-03-02 --days 28 --out " + ws.string()).code, 0);
    EXPECT_EQ(Cli("import " + ws.string() + " --db " + db.string()).code, 0);
    return db.string();
  }();
  return db;
}

// A count as the report prints it: 1,234.
std::string CountText(double v) {
  std::string digits = std::to_string(static_cast<long long>(v)), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return ">" + out + "<";
}

const std::string kWeek = " --from 2026-03-16 --to 2026-03-23";

// The share of a PGM page's pixels darker than light grey.
double Ink(const fs::path& pgm) {
  const std::string data = Slurp(pgm);
  std::istringstream in(data);
  std::string magic;
  int w = 0, h = 0, max = 0;
  in >> magic >> w >> h >> max;
  in.get();
  if (magic != "P5" || w <= 0 || h <= 0) return -1;
  const size_t offset = static_cast<size_t>(in.tellg()), pixels = static_cast<size_t>(w) * static_cast<size_t>(h);
  if (data.size() < offset + pixels) return -1;
  size_t dark = 0;
  for (size_t i = 0; i < pixels; ++i) dark += static_cast<unsigned char>(data[offset + i]) < 200;
  return static_cast<double>(dark) / static_cast<double>(pixels);
}

TEST(Publish, HtmlReportsCarryTheEnginesValues) {
  ShellRun report = Cli("report " + Database() + kWeek + " --kpi ticket_volume,csat --format json");
  ASSERT_EQ(report.code, 0) << report.out;
  const auto doc = nlohmann::json::parse(report.out);
  const auto volume = doc["rows"][0]["kpis"]["ticket_volume"]["value"].get<double>();
  const auto csat = doc["rows"][0]["kpis"]["csat"]["value"].get<double>();
  for (const std::string name : {"weekly-ops", "monthly-satisfaction", "agent-scorecard"}) {
    const fs::path out = Scratch() / (name + ".html");
    ShellRun r = Cli("publish --db " + Database() + " --template " + name + kWeek + " --out " + out.string());
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("wrote " + out.string()), std::string::npos);
    const std::string html = Slurp(out);
    EXPECT_EQ(html.find("<script"), std::string::npos) << name;
    EXPECT_NE(html.find("2026-03-16 to 2026-03-22"), std::string::npos) << name;
    EXPECT_NE(html.find("compared with 2026-03-09 to 2026-03-15"), std::string::npos) << name;
    if (name == "weekly-ops") {  // the only template with a volume row
      EXPECT_NE(html.find(CountText(volume)), std::string::npos) << name << ": ticket volume " << volume;
    }
    char csat_text[32];
    std::snprintf(csat_text, sizeof csat_text, ">%.1f %%<", csat);
    EXPECT_NE(html.find(csat_text), std::string::npos) << name << ": CSAT " << csat_text;
  }
}

TEST(Publish, PdfReportsHavePagesWithInk) {
  if (Shell("command -v pdftoppm").code != 0) GTEST_FAIL() << "pdftoppm is missing (Debian: poppler-utils; make deps installs it)";
  for (const std::string name : {"weekly-ops", "monthly-satisfaction", "agent-scorecard"}) {
    const fs::path pdf = Scratch() / (name + ".pdf");
    ShellRun r = Cli("publish --db " + Database() + " --template " + name + kWeek + " --out " + pdf.string());
    ASSERT_EQ(r.code, 0) << r.out;
    ASSERT_EQ(Slurp(pdf).substr(0, 5), "%PDF-") << name;
    const fs::path pages = Scratch() / (name + "-pages");
    fs::create_directories(pages);
    ShellRun render = Shell("pdftoppm -gray -r 24 " + pdf.string() + " " + (pages / "page").string());
    ASSERT_EQ(render.code, 0) << render.out;
    int count = 0;
    for (const auto& page : fs::directory_iterator(pages)) {
      ++count;
      const double ink = Ink(page.path());
      // A page of tables or charts is several per cent ink; a blank one is 0.
      EXPECT_GT(ink, 0.005) << name << " " << page.path().filename();
    }
    EXPECT_GE(count, 1) << name;
  }
}

TEST(Publish, CronRunsADueScheduleIntoItsFolder) {
  const fs::path db = Scratch() / "cron.db", folder = Scratch() / "cron-reports";
  fs::copy_file(Database(), db, fs::copy_options::overwrite_existing);
  ShellRun added = Cli("schedules add --db " + db.string() + " --template weekly-ops --every week --folder " + folder.string());
  ASSERT_EQ(added.code, 0) << added.out;
  // Not due yet: nothing runs.
  ShellRun idle = Cli("schedules run --db " + db.string() + " --now 2026-01-01T00:00:00Z");
  EXPECT_EQ(idle.code, 0);
  EXPECT_NE(idle.out.find("no schedule is due"), std::string::npos) << idle.out;
  // Long after its first run time (which follows the real clock): due, and run once, for the
  // week that ended last (Monday 23 March 2099, 06:00 Berlin, is the last run time before now).
  ShellRun due = Cli("schedules run --db " + db.string() + " --now 2099-03-23T05:30:00Z");
  ASSERT_EQ(due.code, 0) << due.out;
  EXPECT_NE(due.out.find("delivered: weekly-ops of \"default\" for 2099-03-16 .. 2099-03-23"), std::string::npos) << due.out;
  EXPECT_TRUE(Cli("schedules run --db " + db.string() + " --now 2099-03-23T05:30:00Z").out.find("no schedule is due") != std::string::npos);
  int files = 0;
  for (const auto& f : fs::directory_iterator(folder)) files += f.path().extension() == ".html";
  EXPECT_EQ(files, 1);
  ShellRun listed = Cli("schedules list --db " + db.string() + " --format json");
  ASSERT_EQ(listed.code, 0);
  EXPECT_EQ(nlohmann::json::parse(listed.out)["runs"].size(), 1u);
}

TEST(LeadLag, TheCliPrintsBothGroupsAndTheLinks) {
  ShellRun r = Cli("lead-lag " + Database() + " --format json");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto doc = nlohmann::json::parse(r.out);
  // Four whole weeks of data from Monday 2 March.
  EXPECT_EQ(doc["from"], "2026-03-02");
  EXPECT_EQ(doc["weeks"].size(), 4u);
  EXPECT_FALSE(doc["leading"].empty());
  EXPECT_FALSE(doc["lagging"].empty());
  EXPECT_TRUE(doc["links"].is_array());
  ShellRun table = Cli("lead-lag " + Database());
  EXPECT_NE(table.out.find("Leading moves before lagging ones"), std::string::npos) << table.out;
}

TEST(Publish, ErrorsExitNonZeroAndNameTheArgument) {
  ShellRun bad = Cli("publish --db " + Database() + " --template quarterly" + kWeek + " --out x.html");
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_NE(bad.out.find("quarterly"), std::string::npos) << bad.out;
  ShellRun ext = Cli("publish --db " + Database() + " --template weekly-ops" + kWeek + " --out report.docx");
  EXPECT_NE(ext.code, 0);
  EXPECT_NE(ext.out.find(".html or .pdf"), std::string::npos) << ext.out;
}

}  // namespace
