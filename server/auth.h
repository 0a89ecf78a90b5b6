#pragma once
// API-key checks of one request: the key (Authorization: Bearer, or access_token on GET, which
// EventSource and download links need), its workspace and its role.
#include <httplib.h>

#include <optional>
#include <string>

#include "supportlens/service.h"

namespace supportlens::server {

enum class Access { kRead, kWrite, kAdmin };

// The key's record when it may do `access` on `workspace`; otherwise answers 401 or 403 into
// `res` and returns nullopt.
std::optional<ApiKeyInfo> Authorize(Service& service, const httplib::Request& req, httplib::Response& res,
                                    const std::string& workspace, Access access);

}  // namespace supportlens::server
