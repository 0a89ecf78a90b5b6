#include "query_params.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace supportlens::server {

std::vector<std::string> ListParam(const httplib::Request& req, const std::string& name) {
  std::vector<std::string> out;
  for (size_t i = 0, n = req.get_param_value_count(name.c_str()); i < n; ++i) {
    std::string v = req.get_param_value(name.c_str(), i);
    size_t start = 0;
    while (start <= v.size()) {
      size_t comma = v.find(',', start);
      std::string item = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!item.empty()) out.push_back(item);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

// filter=DIM=VALUE as written (the library's query parser keeps only what follows the last
// '='), and filter=DIM%3DVALUE as a browser encodes it.
std::vector<std::string> FilterParams(const httplib::Request& req) {
  std::vector<std::string> out;
  size_t q = req.target.find('?');
  if (q == std::string::npos) return out;
  std::string query = req.target.substr(q + 1);
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    std::string item = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    if (item.rfind("filter=", 0) == 0) out.push_back(httplib::detail::decode_url(item.substr(7), true));
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> FiltersFromParams(const httplib::Request& req) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& f : FilterParams(req)) {
    size_t eq = f.find('=');
    if (eq == std::string::npos || eq == 0)
      return Status::InvalidArgument(fmt::format("filter: expected DIM=VALUE, got \"{}\"", f));
    out.emplace_back(f.substr(0, eq), f.substr(eq + 1));
  }
  return out;
}

Result<Query> QueryFromParams(const httplib::Request& req) {
  Query q;
  for (const char* name : {"from", "to"})
    if (!req.has_param(name) || req.get_param_value(name).empty())
      return Status::InvalidArgument(fmt::format("{}: required (a date YYYY-MM-DD in the workspace time zone)", name));
  q.from = req.get_param_value("from");
  q.to = req.get_param_value("to");
  q.kpis = ListParam(req, "kpi");
  q.by = ListParam(req, "by");
  SL_ASSIGN_OR_RETURN(q.filters, FiltersFromParams(req));
  if (req.has_param("business_time")) {
    std::string b = req.get_param_value("business_time");
    if (b == "true" || b == "1") q.business_time = true;
    else if (b == "false" || b == "0" || b.empty()) q.business_time = false;
    else return Status::InvalidArgument(fmt::format("business_time: expected true or false, got \"{}\"", b));
  }
  if (req.has_param("cohort")) q.cohort = req.get_param_value("cohort");
  return q;
}

std::string CanonicalQuery(const Query& q) {
  std::string s = fmt::format("{}|{}|{}|{}|", q.from, q.to, q.business_time, q.cohort);
  for (auto& k : q.kpis) s += k + ",";
  s += "|";
  for (auto& b : q.by) s += b + ",";
  s += "|";
  for (auto& [d, v] : q.filters) s += d + "=" + v + "\x1f";
  return s;
}

// A finite number, when the parameter is given; the message names the parameter.
Result<std::optional<double>> NumberParam(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return std::optional<double>();
  const std::string text = req.get_param_value(name);
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
    return Status::InvalidArgument(fmt::format("{}: expected a number, got \"{}\"", name, text));
  return std::optional<double>(v);
}

Status ReadNumber(const httplib::Request& req, const char* name, double* out) {
  SL_ASSIGN_OR_RETURN(std::optional<double> v, NumberParam(req, name));
  if (v) *out = *v;
  return Status::Ok();
}

Status ReadOptionalNumber(const httplib::Request& req, const char* name, std::optional<double>* out) {
  SL_ASSIGN_OR_RETURN(*out, NumberParam(req, name));
  return Status::Ok();
}

Status ReadInt(const httplib::Request& req, const char* name, int* out) {
  if (!req.has_param(name)) return Status::Ok();
  const std::string text = req.get_param_value(name);
  int v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    return Status::InvalidArgument(fmt::format("{}: expected a whole number, got \"{}\"", name, text));
  *out = v;
  return Status::Ok();
}

Result<bool> BoolParam(const httplib::Request& req, const char* name) {
  const std::string v = req.get_param_value(name);
  if (v.empty() || v == "false" || v == "0") return false;
  if (v == "true" || v == "1") return true;
  return Status::InvalidArgument(fmt::format("{}: expected true or false, got \"{}\"", name, v));
}

}  // namespace supportlens::server
