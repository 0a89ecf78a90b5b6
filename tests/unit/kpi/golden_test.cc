// Data-driven golden KPI tests: every tests/golden/<kpi_id>/golden.json names a small workspace,
// queries, the expected rows, and the hand arithmetic behind each expected value.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "supportlens/engine.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;

fs::path GoldenRoot() { return fs::path(SUPPORTLENS_SOURCE_DIR) / "tests" / "golden"; }

struct GoldenCase {
  std::string kpi;
  std::string name;
  fs::path workspace;
  nlohmann::json query;
  nlohmann::json expect;
};

// Readable parameter names in failure messages.
void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.kpi << "/" << c.name; }

std::vector<GoldenCase> LoadCases() {
  std::vector<GoldenCase> cases;
  for (auto& dir : fs::directory_iterator(GoldenRoot())) {
    if (!dir.is_directory() || dir.path().filename().string().front() == '_') continue;
    std::ifstream in(dir.path() / "golden.json");
    nlohmann::json doc = nlohmann::json::parse(in);
    for (auto& c : doc.at("cases")) {
      GoldenCase g;
      g.kpi = dir.path().filename().string();
      g.name = c.at("name").get<std::string>();
      g.workspace = fs::weakly_canonical(dir.path() / c.value("workspace", doc.value("workspace", std::string("."))));
      g.query = c.at("query");
      g.expect = c.at("expect");
      if (!c.contains("arithmetic")) throw std::runtime_error(g.kpi + "/" + g.name + ": a golden case needs its hand arithmetic");
      cases.push_back(std::move(g));
    }
  }
  return cases;
}

Query ToQuery(const std::string& kpi, const nlohmann::json& j) {
  Query q;
  q.from = j.at("from");
  q.to = j.at("to");
  q.kpis = {kpi};
  if (j.contains("by")) q.by = j["by"].get<std::vector<std::string>>();
  if (j.contains("filters"))
    for (auto& [k, v] : j["filters"].items()) q.filters.emplace_back(k, v.get<std::string>());
  q.business_time = j.value("business_time", false);
  q.cohort = j.value("cohort", std::string("created"));
  return q;
}

void ExpectNumber(const nlohmann::json& expected, std::optional<double> actual, const std::string& what) {
  if (expected.is_null()) {
    EXPECT_FALSE(actual.has_value()) << what << ": expected null, got " << actual.value_or(0);
  } else {
    ASSERT_TRUE(actual.has_value()) << what << ": expected " << expected << ", got null";
    EXPECT_NEAR(expected.get<double>(), *actual, 0.0051) << what;
  }
}

class GoldenKpiTest : public ::testing::TestWithParam<GoldenCase> {};

nlohmann::json GroupOf(const ReportRow& row) {
  nlohmann::json group = nlohmann::json::object();
  for (auto& [dim, v] : row.group) group[dim] = v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  return group;
}

// The KPI's cell `v` against the expected row `want`.
void ExpectCell(const nlohmann::json& want, const KpiValue& v, const std::string& where) {
  ExpectNumber(want.at("value"), v.value, where + " value");
  if (want.contains("n")) {
    EXPECT_EQ(want["n"].get<int64_t>(), v.n) << where << " n";
  }
  for (const char* field : {"median", "mean", "p90"}) {
    if (!want.contains(field)) continue;
    std::optional<double> actual = std::string(field) == "median" ? v.median : std::string(field) == "mean" ? v.mean : v.p90;
    ExpectNumber(want[field], actual, where + " " + field);
  }
  if (want.contains("extras"))
    for (auto& [name, expected] : want["extras"].items()) {
      std::optional<double> actual;
      bool found = false;
      for (auto& [k, x] : v.extras)
        if (k == name) { actual = x; found = true; }
      EXPECT_TRUE(found) << where << " has no extra " << name;
      ExpectNumber(expected, actual, where + " " + name);
    }
  if (want.contains("details")) {
    EXPECT_EQ(want["details"], nlohmann::json::parse(v.details_json)) << where << " details";
  }
  if (want.contains("reason")) {
    EXPECT_EQ(want["reason"].get<std::string>(), v.reason) << where << " reason";
  }
}

TEST_P(GoldenKpiTest, MatchesHandArithmetic) {
  const GoldenCase& c = GetParam();
  std::vector<std::string> warnings;
  auto report = ComputeReport(c.workspace.string(), "default", ToQuery(c.kpi, c.query), &warnings);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_TRUE(warnings.empty()) << "golden workspace has invalid rows: " << warnings.front();
  ASSERT_EQ(report->rows.size(), c.expect.size()) << "number of rows";
  for (size_t r = 0; r < c.expect.size(); ++r) {
    const auto& want = c.expect[r];
    const ReportRow& row = report->rows[r];
    const nlohmann::json group = GroupOf(row);
    EXPECT_EQ(want.value("group", nlohmann::json::object()), group) << "row " << r;
    ASSERT_EQ(row.kpis.size(), 1u);
    ExpectCell(want, row.kpis[0], c.kpi + " row " + std::to_string(r) + " " + group.dump());
  }
}

// The same cells from a report asking for the whole catalog, the way a report usually runs: the
// window's tickets placed once for both threads, KPIs sharing their sums, lookups read inline
// once those tables exist. Rows that only other KPIs create are not the case's.
TEST_P(GoldenKpiTest, MatchesHandArithmeticWithTheWholeCatalog) {
  const GoldenCase& c = GetParam();
  Query q = ToQuery(c.kpi, c.query);
  q.kpis.clear();
  std::vector<std::string> warnings;
  auto report = ComputeReport(c.workspace.string(), "default", q, &warnings);
  ASSERT_TRUE(report.ok()) << report.status().message();
  for (size_t r = 0; r < c.expect.size(); ++r) {
    const auto& want = c.expect[r];
    const nlohmann::json group = want.value("group", nlohmann::json::object());
    auto row = std::find_if(report->rows.begin(), report->rows.end(), [&](const ReportRow& x) { return GroupOf(x) == group; });
    ASSERT_NE(row, report->rows.end()) << "no row " << group.dump();
    auto cell = std::find_if(row->kpis.begin(), row->kpis.end(), [&](const KpiValue& v) { return v.id == c.kpi; });
    ASSERT_NE(cell, row->kpis.end()) << "no cell of " << c.kpi;
    ExpectCell(want, *cell, c.kpi + " (whole catalog) " + group.dump());
  }
}

INSTANTIATE_TEST_SUITE_P(Catalog, GoldenKpiTest, ::testing::ValuesIn(LoadCases()), [](const auto& info) {
  std::string n = info.param.kpi + "__" + info.param.name;
  for (auto& ch : n)
    if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
});

TEST(GoldenCoverage, EveryCatalogEntryHasAGoldenCase) {
  std::set<std::string> covered;
  for (auto& c : LoadCases()) covered.insert(c.kpi);
  for (auto& k : KpiCatalog()) EXPECT_TRUE(covered.count(k.id)) << "no golden case for " << k.id;
  for (auto& id : covered) EXPECT_NE(FindKpi(id), nullptr) << "golden folder for unknown KPI " << id;
}

}  // namespace
}  // namespace supportlens
