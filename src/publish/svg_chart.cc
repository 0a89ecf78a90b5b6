// Inline SVG charts and value formatting for published reports (publish/svg_chart.h).
#include "publish/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace supportlens {
namespace {

constexpr double kWidth = 680, kHeight = 220;
constexpr double kLeft = 64, kRight = 16, kTop = 28, kBottom = 34;
constexpr const char* kInk = "#1f2933";
constexpr const char* kAccent = "#2563eb";
constexpr const char* kMuted = "#9aa5b1";
constexpr const char* kTargetInk = "#d97706";

std::string Thousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

// A round step for about `ticks` intervals over [lo, hi]: minutes, hours and days for durations.
double NiceStep(double span, int ticks, const std::string& unit) {
  const double raw = span / ticks;
  if (unit == "seconds" && raw >= 1) {
    for (double s : {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400})
      if (raw <= s) return s;
    return std::ceil(raw / 86400) * 86400;
  }
  const double magnitude = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (raw <= m * magnitude) return m * magnitude;
  return 10 * magnitude;
}

std::string Text(double x, double y, const std::string& s, const char* anchor = "start", const char* fill = kInk, int size = 11) {
  return fmt::format(R"(<text x="{:.1f}" y="{:.1f}" font-size="{}" fill="{}" text-anchor="{}">{}</text>)", x, y, size, fill, anchor, EscapeHtml(s));
}

// The polyline segments of a series, broken where a value is missing.
std::string Lines(const std::vector<std::optional<double>>& v, double x0, double dx, double lo, double scale, const char* stroke,
                  const char* extra) {
  std::string out, points;
  auto flush = [&] {
    if (!points.empty())
      out += fmt::format(R"(<polyline fill="none" stroke="{}" stroke-width="2" {} points="{}"/>)", stroke, extra, points);
    points.clear();
  };
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i]) {
      flush();
      continue;
    }
    points += fmt::format("{:.1f},{:.1f} ", x0 + dx * static_cast<double>(i), kHeight - kBottom - (*v[i] - lo) * scale);
  }
  flush();
  for (size_t i = 0; i < v.size(); ++i)  // isolated points would not show as lines
    if (v[i] && (i == 0 || !v[i - 1]) && (i + 1 == v.size() || !v[i + 1]))
      out += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="2.5" fill="{}"/>)", x0 + dx * static_cast<double>(i),
                         kHeight - kBottom - (*v[i] - lo) * scale, stroke);
  return out;
}

std::string Frame(const std::string& title, const std::string& body) {
  return fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}">{}{}</svg>)", kWidth,
                     kHeight, EscapeHtml(title), Text(kLeft, 16, title, "start", kInk, 13), body);
}

}  // namespace

std::string EscapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string FormatKpiValue(std::optional<double> value, const std::string& unit) {
  if (!value || !std::isfinite(*value)) return "–";
  const double v = *value;
  if (unit == "seconds") {
    const int64_t s = std::llround(v);
    if (s < 60) return fmt::format("{} s", s);
    if (s < 3600) return fmt::format("{} min {:02} s", s / 60, s % 60);
    if (s < 86400) return fmt::format("{} h {:02} min", s / 3600, s % 3600 / 60);
    return fmt::format("{} d {:02} h", s / 86400, s % 86400 / 3600);
  }
  if (unit == "percent") return fmt::format("{:.1f} %", v);
  if (unit == "nps") return fmt::format("{:+.0f}", v);
  if (unit == "count") return std::fabs(v - std::round(v)) < 1e-9 ? Thousands(std::llround(v)) : fmt::format("{:.1f}", v);
  if (unit == "currency") return fmt::format("{:.2f}", v);
  if (unit == "per_hour") return fmt::format("{:.2f}/h", v);
  return fmt::format("{:.2f}", v);
}

std::string LineChartSvg(const LineChartSpec& spec) {
  std::vector<double> all;
  for (const auto* series : {&spec.values, &spec.comparison})
    for (const auto& v : *series)
      if (v) all.push_back(*v);
  if (spec.target) all.push_back(*spec.target);
  if (all.empty()) return Frame(spec.title, Text(kWidth / 2, kHeight / 2, "no data in this period", "middle", kMuted));
  double lo = *std::min_element(all.begin(), all.end()), hi = *std::max_element(all.begin(), all.end());
  if (lo > 0 && lo < hi * 0.5) lo = 0;  // start at zero unless that flattens the line
  if (hi == lo) hi = lo + (lo == 0 ? 1 : std::fabs(lo) * 0.1);
  const double step = NiceStep(hi - lo, 4, spec.unit);
  lo = std::floor(lo / step) * step;
  hi = std::ceil(hi / step) * step;
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const double scale = plot_h / (hi - lo);
  const size_t n = std::max<size_t>(spec.labels.size(), 1);
  const double dx = n > 1 ? plot_w / static_cast<double>(n - 1) : 0;
  const double x0 = n > 1 ? kLeft : kLeft + plot_w / 2;
  std::string body;
  for (double y = lo; y <= hi + step / 2; y += step) {
    const double py = kHeight - kBottom - (y - lo) * scale;
    body += fmt::format(R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="#e4e7eb"/>)", kLeft, kWidth - kRight, py, py);
    body += Text(kLeft - 6, py + 4, FormatKpiValue(y, spec.unit), "end", kMuted, 10);
  }
  // First, middle and last labels: enough to read the period without crowding.
  for (size_t i : {size_t{0}, (n - 1) / 2, n - 1})
    if (i < spec.labels.size())
      body += Text(x0 + dx * static_cast<double>(i), kHeight - kBottom + 16, spec.labels[i],
                   n == 1 ? "middle" : i == 0 ? "start" : i == n - 1 ? "end" : "middle", kMuted, 10);
  if (spec.target) {
    const double py = kHeight - kBottom - (*spec.target - lo) * scale;
    body += fmt::format(R"(<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="{}" stroke-dasharray="6 4"/>)", kLeft, kWidth - kRight, py, py,
                        kTargetInk);
    body += Text(kWidth - kRight, py - 4, "target " + FormatKpiValue(spec.target, spec.unit), "end", kTargetInk, 10);
  }
  if (!spec.comparison.empty()) body += Lines(spec.comparison, x0, dx, lo, scale, kMuted, R"(stroke-dasharray="4 3")");
  body += Lines(spec.values, x0, dx, lo, scale, kAccent, "");
  // The legend, top right.
  double lx = kWidth - kRight - 250;
  body += fmt::format(R"(<line x1="{0}" x2="{1}" y1="12" y2="12" stroke="{2}" stroke-width="2"/>)", lx, lx + 18, kAccent);
  body += Text(lx + 22, 16, spec.values_label, "start", kInk, 10);
  if (!spec.comparison.empty()) {
    lx += 120;
    body += fmt::format(R"(<line x1="{0}" x2="{1}" y1="12" y2="12" stroke="{2}" stroke-width="2" stroke-dasharray="4 3"/>)", lx, lx + 18, kMuted);
    body += Text(lx + 22, 16, spec.comparison_label, "start", kInk, 10);
  }
  return Frame(spec.title, body);
}

std::string BarChartSvg(const BarChartSpec& spec) {
  constexpr double kBar = 16, kGap = 6, kLabel = 150, kTitle = 28;
  const double height = kTitle + static_cast<double>(spec.labels.size()) * (kBar + kGap) + 10;
  double hi = 0;
  for (const auto& v : spec.values)
    if (v) hi = std::max(hi, *v);
  if (spec.target) hi = std::max(hi, *spec.target);
  if (hi <= 0) hi = 1;
  const double plot_w = kWidth - kLabel - 90;
  std::string body;
  for (size_t i = 0; i < spec.labels.size(); ++i) {
    const double y = kTitle + static_cast<double>(i) * (kBar + kGap);
    body += Text(kLabel - 8, y + kBar - 4, spec.labels[i], "end", kInk, 11);
    if (!spec.values[i]) {
      body += Text(kLabel + 4, y + kBar - 4, "no data", "start", kMuted, 10);
      continue;
    }
    const double w = std::max(0.0, *spec.values[i]) / hi * plot_w;
    body += fmt::format(R"(<rect x="{}" y="{:.1f}" width="{:.1f}" height="{}" fill="{}" rx="2"/>)", kLabel, y, w, kBar, kAccent);
    body += Text(kLabel + w + 6, y + kBar - 4, FormatKpiValue(spec.values[i], spec.unit), "start", kInk, 10);
  }
  if (spec.target) {
    const double x = kLabel + *spec.target / hi * plot_w;
    body += fmt::format(R"(<line x1="{:.1f}" x2="{:.1f}" y1="{}" y2="{:.1f}" stroke="{}" stroke-dasharray="6 4"/>)", x, x, kTitle - 4, height - 6,
                        kTargetInk);
  }
  return fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {:.0f}" width="100%" role="img" aria-label="{}">{}{}</svg>)",
                     kWidth, height, EscapeHtml(spec.title), Text(8, 16, spec.title, "start", kInk, 13), body);
}

}  // namespace supportlens
