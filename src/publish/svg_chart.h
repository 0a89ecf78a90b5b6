#pragma once
// Charts as inline SVG for published reports: no script, no external file, printable.
#include <optional>
#include <string>
#include <vector>

namespace supportlens {

struct LineChartSpec {
  std::vector<std::string> labels;                        // x axis, one per point
  std::vector<std::optional<double>> values, comparison;  // comparison drawn faint and dashed (may be empty)
  std::optional<double> target;                           // a horizontal dashed line
  std::string unit;                                       // the KPI's unit, for the axis labels
  std::string title, values_label, comparison_label;
};

struct BarChartSpec {
  std::vector<std::string> labels;
  std::vector<std::optional<double>> values;
  std::optional<double> target;
  std::string unit, title;
};

std::string LineChartSvg(const LineChartSpec& spec);
std::string BarChartSvg(const BarChartSpec& spec);  // horizontal bars, one per label

// A KPI value in words for people: 1 h 05 min, 84.5 %, +42, 2,389.
std::string FormatKpiValue(std::optional<double> value, const std::string& unit);
// Escapes text for HTML and SVG.
std::string EscapeHtml(const std::string& text);

}  // namespace supportlens
