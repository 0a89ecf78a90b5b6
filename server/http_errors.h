#pragma once
// One mapping from the library's error kinds to HTTP statuses and the JSON error body
// {"error": {"code": ..., "message": ...}} that every failing request answers with.
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "supportlens/status.h"

namespace supportlens::server {

int HttpStatusFor(ErrorKind kind);
const char* ErrorCodeFor(ErrorKind kind);

void SendError(httplib::Response& res, int status, const std::string& code, const std::string& message,
               nlohmann::json extra = nlohmann::json::object());
void SendStatus(httplib::Response& res, const Status& status);
void SendJson(httplib::Response& res, int status, const nlohmann::json& body);

}  // namespace supportlens::server
