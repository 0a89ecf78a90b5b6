// Webhook delivery for alerts with cpp-httplib (server/http_server.h).
#include <httplib.h>

#include <regex>

#include "http_server.h"

namespace supportlens::server {

HttpPost WebhookPoster() {
  return [](const std::string& url, const std::string& body, const std::vector<std::pair<std::string, std::string>>& headers) -> int {
    // scheme://host[:port], then the path.
    static const std::regex parts(R"(^(https?://[^/]+)(/.*)?$)");
    std::smatch m;
    if (!std::regex_match(url, m, parts)) return 0;
    httplib::Client client(m[1].str());
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
    httplib::Headers h;
    std::string content_type = "application/json";
    for (const auto& [k, v] : headers) {
      if (k == "Content-Type") content_type = v;
      else h.emplace(k, v);
    }
    auto res = client.Post(m[2].matched ? m[2].str() : "/", h, body, content_type);
    return res ? res->status : 0;
  };
}

}  // namespace supportlens::server
