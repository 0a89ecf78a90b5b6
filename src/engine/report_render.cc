// Report and rows rendering: JSON (the report contract), table, CSV and Markdown, all from the
// same numbers.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

#include "supportlens/engine.h"

namespace supportlens {
namespace {

nlohmann::json JsonNumber(std::optional<double> v) {
  if (!v) return nullptr;
  double x = *v;
  if (std::floor(x) == x && std::fabs(x) < 9e15) return static_cast<int64_t>(x);
  return x;
}

std::string Text(std::optional<double> v) {
  if (!v) return "";
  double x = *v;
  if (std::floor(x) == x && std::fabs(x) < 9e15) return fmt::format("{}", static_cast<int64_t>(x));
  return fmt::format("{}", x);
}

nlohmann::json KpiJson(const KpiValue& v) {
  nlohmann::json j = {{"value", JsonNumber(v.value)}, {"n", v.n}};
  if (v.is_duration) {
    j["median"] = JsonNumber(v.median);
    j["mean"] = JsonNumber(v.mean);
    j["p90"] = JsonNumber(v.p90);
  }
  for (auto& [k, x] : v.extras) j[k] = JsonNumber(x);
  if (!v.details_json.empty()) j["details"] = nlohmann::json::parse(v.details_json);
  if (!v.value && !v.reason.empty()) j["reason"] = v.reason;
  return j;
}

std::string Extras(const KpiValue& v) {
  std::string s;
  for (auto& [k, x] : v.extras) s += (s.empty() ? "" : "; ") + k + "=" + (x ? Text(x) : "null");
  return s;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string r = "\"";
  for (char c : s) {
    if (c == '"') r += '"';
    r += c;
  }
  return r + "\"";
}

// The flat layout shared by table, CSV and Markdown: one line per group and KPI.
std::vector<std::vector<std::string>> FlatRows(const Report& r, std::vector<std::string>& header, const std::string& null_label) {
  header.clear();
  if (!r.rows.empty())
    for (auto& [dim, _] : r.rows[0].group) header.push_back(dim);
  for (auto* h : {"kpi", "value", "n", "median", "mean", "p90", "extras"}) header.push_back(h);
  std::vector<std::vector<std::string>> out;
  for (auto& row : r.rows)
    for (auto& k : row.kpis) {
      std::vector<std::string> line;
      for (auto& [_, v] : row.group) line.push_back(v.value_or(null_label));
      line.push_back(k.id);
      line.push_back(k.value ? Text(k.value) : "null");
      line.push_back(std::to_string(k.n));
      line.push_back(Text(k.median));
      line.push_back(Text(k.mean));
      line.push_back(Text(k.p90));
      line.push_back(Extras(k));
      out.push_back(std::move(line));
    }
  return out;
}

std::string Table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width(header.size());
  for (size_t c = 0; c < header.size(); ++c) width[c] = header[c].size();
  for (auto& r : rows)
    for (size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
  std::string out;
  auto line = [&](const std::vector<std::string>& r) {
    std::string l;
    for (size_t c = 0; c < r.size(); ++c) l += fmt::format("{:<{}}", r[c], width[c] + 2);
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  line(header);
  std::vector<std::string> rule;
  for (size_t w : width) rule.push_back(std::string(w, '-'));
  line(rule);
  for (auto& r : rows) line(r);
  return out;
}

std::string Markdown(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  auto esc = [](std::string s) {
    std::string r;
    for (char c : s) {
      if (c == '|') r += '\\';
      r += c;
    }
    return r;
  };
  std::string out = "|";
  for (auto& h : header) out += " " + esc(h) + " |";
  out += "\n|";
  for (size_t i = 0; i < header.size(); ++i) out += "---|";
  out += "\n";
  for (auto& r : rows) {
    out += "|";
    for (auto& c : r) out += " " + esc(c) + " |";
    out += "\n";
  }
  return out;
}

std::string Csv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  auto line = [&](const std::vector<std::string>& r) {
    for (size_t c = 0; c < r.size(); ++c) out += (c ? "," : "") + CsvField(r[c]);
    out += "\n";
  };
  line(header);
  for (auto& r : rows) line(r);
  return out;
}

}  // namespace

Result<std::string> RenderReport(const Report& r, const std::string& format) {
  if (format == "json") {
    nlohmann::ordered_json doc;
    doc["window"] = {{"from", r.from}, {"to", r.to}, {"timezone", r.timezone}};
    doc["cohort"] = r.cohort;
    doc["business_time"] = r.business_time;
    doc["definition_version"] = r.definition_version;
    doc["rows"] = nlohmann::ordered_json::array();
    for (auto& row : r.rows) {
      nlohmann::ordered_json group = nlohmann::ordered_json::object();
      for (auto& [dim, v] : row.group) group[dim] = v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
      nlohmann::ordered_json kpis = nlohmann::ordered_json::object();
      for (auto& k : row.kpis) kpis[k.id] = KpiJson(k);
      doc["rows"].push_back({{"group", group}, {"kpis", kpis}});
    }
    return doc.dump(2) + "\n";
  }
  // A record without a value for a dimension: empty in CSV, spelled out for people.
  std::vector<std::string> header;
  auto rows = FlatRows(r, header, format == "csv" ? "" : "(none)");
  std::string title = fmt::format("window {} .. {} ({}), cohort {}, {} time, definition v{}", r.from, r.to, r.timezone, r.cohort,
                                  r.business_time ? "business" : "calendar", r.definition_version);
  if (format == "table") return title + "\n\n" + Table(header, rows);
  if (format == "csv") return Csv(header, rows);
  if (format == "markdown") return "_" + title + "_\n\n" + Markdown(header, rows);
  return Status::InvalidArgument(fmt::format("--format: expected json, table, csv or markdown, got \"{}\"", format));
}

Result<std::string> RenderRows(const RowsResult& r, const std::string& format) {
  if (format == "json") {
    nlohmann::ordered_json doc;
    doc["kpi"] = r.entity;
    doc["rows"] = nlohmann::ordered_json::array();
    for (auto& row : r.rows) {
      nlohmann::ordered_json o;
      for (size_t c = 0; c < r.columns.size(); ++c) o[r.columns[c]] = row[c];
      doc["rows"].push_back(o);
    }
    return doc.dump(2) + "\n";
  }
  if (format == "table") return Table(r.columns, r.rows);
  if (format == "csv") return Csv(r.columns, r.rows);
  if (format == "markdown") return Markdown(r.columns, r.rows);
  return Status::InvalidArgument(fmt::format("--format: expected json, table, csv or markdown, got \"{}\"", format));
}

}  // namespace supportlens
