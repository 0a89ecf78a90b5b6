#include "auth.h"

#include "http_errors.h"

namespace supportlens::server {
namespace {

std::string PresentedKey(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (header.size() > kBearer.size() && header.compare(0, kBearer.size(), kBearer) == 0) return header.substr(kBearer.size());
  if (req.method == "GET" && req.has_param("access_token")) return req.get_param_value("access_token");
  return "";
}

bool RoleAllows(Role role, Access access) {
  switch (access) {
    case Access::kRead: return role == Role::kAdmin || role == Role::kAnalyst;
    case Access::kWrite: return role == Role::kAdmin || role == Role::kIngest;
    case Access::kAdmin: return role == Role::kAdmin;
  }
  return false;
}

const char* AccessName(Access access) {
  switch (access) {
    case Access::kRead: return "read (role analyst or admin)";
    case Access::kWrite: return "write (role ingest or admin)";
    case Access::kAdmin: return "administer (role admin)";
  }
  return "";
}

}  // namespace

std::optional<ApiKeyInfo> Authorize(Service& service, const httplib::Request& req, httplib::Response& res,
                                    const std::string& workspace, Access access) {
  const std::string key = PresentedKey(req);
  if (key.empty()) {
    res.set_header("WWW-Authenticate", "Bearer");
    SendError(res, 401, "unauthorized", "an API key is required: Authorization: Bearer KEY");
    return std::nullopt;
  }
  auto info = service.Authenticate(key);
  if (!info.ok()) {
    SendStatus(res, info.status());
    return std::nullopt;
  }
  if (!*info) {
    res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    SendError(res, 401, "unauthorized", "unknown or revoked API key");
    return std::nullopt;
  }
  const ApiKeyInfo& k = **info;
  if (k.workspace != workspace) {
    SendError(res, 403, "forbidden", "this key belongs to another workspace");
    return std::nullopt;
  }
  if (!RoleAllows(k.role, access)) {
    SendError(res, 403, "forbidden", std::string("a key with role ") + RoleName(k.role) + " may not " + AccessName(access));
    return std::nullopt;
  }
  return k;
}

}  // namespace supportlens::server
