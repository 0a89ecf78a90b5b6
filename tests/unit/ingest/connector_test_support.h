#pragma once
// What the connector tests share: scratch files, a translated record's fields by name, the
// records of a translation by entity and key, and the overall KPI values of an imported store.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "engine/report_engine.h"
#include "ingest/connectors/connectors.h"

namespace supportlens::testing_support {

// Writes `text` to a file `name` in this test process's scratch folder and returns its path.
inline std::string WriteTemp(const std::string& name, const std::string& text) {
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / ("sl_connectors_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name) << text;
  return (dir / name).string();
}

// The fields a translated record sets, by name (extra columns as "+name").
inline std::map<std::string, std::string> Fields(const EntitySpec& spec, const RawRecord& r) {
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < spec.fields.size(); ++i)
    if (r.values[i]) out[std::string(spec.fields[i].name)] = *r.values[i];
  for (auto& [k, v] : r.extras) out["+" + k] = v;
  return out;
}

// entity -> record key (its first key field) -> fields.
using RecordsByKey = std::map<std::string, std::map<std::string, std::map<std::string, std::string>>>;
inline RecordsByKey ByKey(const TranslatedSource& source) {
  RecordsByKey out;
  for (const auto& [spec, records] : source.entities)
    for (const auto& r : records) {
      auto f = Fields(*spec, r);
      out[std::string(spec->name)][f[std::string(spec->key[0])]] = f;
    }
  return out;
}

// The overall values of `kpis` over [from, to) of the store's default workspace, by KPI id.
inline std::map<std::string, KpiValue> OverallKpis(SqliteStore& store, const std::string& from, const std::string& to,
                                                  const std::vector<std::string>& kpis) {
  std::map<std::string, KpiValue> out;
  auto ws = LoadedWorkspace::Load(store, *store.Workspace("default", false));
  EXPECT_TRUE(ws.ok()) << ws.status().message();
  if (!ws.ok()) return out;
  Query q;
  q.from = from;
  q.to = to;
  q.kpis = kpis;
  auto report = (*ws)->Run(q);
  EXPECT_TRUE(report.ok()) << report.status().message();
  if (report.ok())
    for (const auto& v : report->rows[0].kpis) out[v.id] = v;
  return out;
}

}  // namespace supportlens::testing_support
