#include "http_errors.h"

namespace supportlens::server {

int HttpStatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kOk: return 200;
    case ErrorKind::kInvalidArgument: return 400;
    case ErrorKind::kInvalidData: return 422;
    case ErrorKind::kNotFound: return 404;
    case ErrorKind::kTooLarge: return 413;
    case ErrorKind::kUnavailable: return 503;
    case ErrorKind::kIo:
    case ErrorKind::kInternal: return 500;
  }
  return 500;
}

const char* ErrorCodeFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kOk: return "ok";
    case ErrorKind::kInvalidArgument: return "invalid_argument";
    case ErrorKind::kInvalidData: return "invalid_data";
    case ErrorKind::kNotFound: return "not_found";
    case ErrorKind::kTooLarge: return "payload_too_large";
    case ErrorKind::kUnavailable: return "unavailable";
    case ErrorKind::kIo: return "io";
    case ErrorKind::kInternal: return "internal";
  }
  return "internal";
}

void SendJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void SendError(httplib::Response& res, int status, const std::string& code, const std::string& message,
               nlohmann::json extra) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  for (auto& [k, v] : extra.items()) error[k] = v;
  SendJson(res, status, {{"error", error}});
}

void SendStatus(httplib::Response& res, const Status& status) {
  SendError(res, HttpStatusFor(status.kind()), ErrorCodeFor(status.kind()), status.message());
}

}  // namespace supportlens::server
