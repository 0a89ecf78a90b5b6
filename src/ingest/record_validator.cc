#include "ingest/record_validator.h"

#include "core/text.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>

namespace supportlens {
namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool ParseNumber(const std::string& s, double& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(out);
}

// Parses one text value; returns the reason on failure, "" on success.
std::string ParseValue(const FieldSpec& f, const std::string& text, const TimeZone& zone, Value& v) {
  switch (f.type) {
    case FieldType::kString:
    case FieldType::kList:
      v.SetText(text);
      return "";
    case FieldType::kId: {
      std::string t = Trim(text);
      if (t.empty()) { v.SetNull(); return f.required ? "required value is empty" : ""; }
      v.SetText(std::move(t));
      return "";
    }
    case FieldType::kEnum: {
      std::string t = Lower(Trim(text));
      for (auto allowed : f.values)
        if (allowed == t) { v.SetText(std::move(t)); return ""; }
      std::string list;
      for (auto allowed : f.values) list += (list.empty() ? "" : ", ") + std::string(allowed);
      return fmt::format("unknown value \"{}\" (expected one of: {})", text, list);
    }
    case FieldType::kTimestamp: {
      auto t = ParseTimestamp(Trim(text), zone);
      if (!t.ok()) return t.status().message();
      v.SetInt(*t);
      return "";
    }
    case FieldType::kDate: {
      auto d = ParseDate(Trim(text));
      if (!d.ok()) return d.status().message();
      v.SetInt(*d);
      return "";
    }
    case FieldType::kBool: {
      std::string t = Lower(Trim(text));
      if (t == "true" || t == "1") { v.SetInt(1); return ""; }
      if (t == "false" || t == "0") { v.SetInt(0); return ""; }
      return fmt::format("not a boolean (expected true/false/1/0): \"{}\"", text);
    }
    case FieldType::kNumber:
    case FieldType::kDuration: {
      double d;
      if (!ParseNumber(Trim(text), d)) return fmt::format("not a number: \"{}\"", text);
      if (d < 0 && f.type == FieldType::kDuration) return fmt::format("negative duration: {}", Trim(text));
      if (d < 0 && f.non_negative) return fmt::format("must not be negative: {}", Trim(text));
      v.SetReal(d);
      return "";
    }
  }
  return "";
}

}  // namespace

void DefaultSurveyScale(const std::string& kind, double& min, double& max) {
  if (kind == "nps") { min = 0; max = 10; }
  else if (kind == "ces") { min = 1; max = 7; }
  else { min = 1; max = 5; }
}

bool ValidateRecord(const EntitySpec& spec, const WorkspaceSettings& settings, const std::string& file, RawRecord& raw,
                    TypedRecord& out, std::vector<RowIssue>& issues) {
  size_t before = issues.size();
  auto issue = [&](std::string_view column, std::string reason) {
    issues.push_back({file, raw.line, std::string(column), std::move(reason), raw.raw});
  };
  for (auto& i : raw.issues) issues.push_back(i);
  if (!raw.issues.empty()) return false;

  out.line = raw.line;
  out.raw = raw.raw;
  out.values.resize(spec.fields.size());
  for (size_t k = 0; k < spec.fields.size(); ++k) {
    const FieldSpec& f = spec.fields[k];
    Value& v = out.values[k];
    const std::optional<std::string>& text = raw.values[k];
    bool empty = !text || (f.type != FieldType::kString && Trim(*text).empty());
    if (empty) {
      if (!f.default_value.empty()) {
        ParseValue(f, std::string(f.default_value), settings.zone, v);  // defaults are valid by construction
      } else if (f.required) {
        issue(f.name, "required value is empty");
        v.SetNull();
      } else {
        v.SetNull();
      }
      continue;
    }
    std::string reason = ParseValue(f, *text, settings.zone, v);
    if (!reason.empty()) issue(f.name, std::move(reason));
  }
  if (issues.size() > before) return false;

  // Entity rules, keyed by name: each is a short statement of the model's consistency.
  auto val = [&](std::string_view name) -> Value& { return out.values[static_cast<size_t>(FieldIndex(spec, name))]; };
  auto not_before = [&](std::string_view later, std::string_view earlier, bool strictly_after) {
    Value& l = val(later);
    Value& e = val(earlier);
    if (l.is_null() || e.is_null()) return;
    if (l.i < e.i) issue(later, fmt::format("before {} (end before start)", earlier));
    else if (strictly_after && l.i == e.i) issue(later, fmt::format("equal to {} (an interval must not be empty)", earlier));
  };
  const std::string_view n = spec.name;
  if (n == "agents") {
    not_before("left_on", "hired_on", false);
  } else if (n == "customers") {
    not_before("churned_on", "acquired_on", false);
  } else if (n == "events") {
    const std::string& type = val("type").s;
    if (type == "status" && val("status").is_null()) issue("status", "required for a status event");
    if (type == "assign" && val("assignee_id").is_null()) issue("assignee_id", "required for an assign event");
  } else if (n == "calls") {
    not_before("answered_at", "offered_at", false);
    not_before("abandoned_at", "offered_at", false);
    if (!val("answered_at").is_null() && !val("abandoned_at").is_null())
      issue("abandoned_at", "a call cannot be both answered and abandoned");
    not_before("ended_at", val("answered_at").is_null() ? "offered_at" : "answered_at", false);
  } else if (n == "surveys") {
    double lo, hi;
    DefaultSurveyScale(val("kind").s, lo, hi);
    if (!val("scale_min").is_null()) lo = val("scale_min").d; else val("scale_min").SetReal(lo);
    if (!val("scale_max").is_null()) hi = val("scale_max").d; else val("scale_max").SetReal(hi);
    if (hi <= lo) {
      issue("scale_max", fmt::format("scale_max {} is not above scale_min {}", hi, lo));
    } else {
      double s = val("score").d;
      if (s < lo || s > hi) issue("score", fmt::format("{} is outside the scale {}-{}", s, lo, hi));
    }
  } else if (n == "agent_states" || n == "shifts") {
    not_before("end", "start", true);
  } else if (n == "costs") {
    not_before("period_end", "period_start", false);
  }
  if (issues.size() > before) return false;

  if (raw.extras.empty()) {
    out.attrs_json.clear();
  } else {
    nlohmann::json attrs = nlohmann::json::object();
    for (auto& [k, v] : raw.extras) attrs[k] = v;
    out.attrs_json = attrs.dump();
  }
  return true;
}

}  // namespace supportlens
