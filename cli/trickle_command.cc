// supportlens trickle --url URL --key KEY --workspace-dir DIR: posts a slow stream of new demo
// tickets to a running server (replies, resolutions and surveys follow them), so that a live
// dashboard moves. `make demo` runs it.
#include <httplib.h>

#include <fmt/format.h>

#include <csignal>
#include <ctime>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "commands.h"

namespace supportlens::cli {
namespace {

volatile std::sig_atomic_t g_stop = 0;

std::string Utc(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The first column of a folder file, for rows whose `column` (0-based) equals `want` (any when empty).
std::vector<std::string> Ids(const std::string& path, size_t column, const std::string& want) {
  std::vector<std::string> ids;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    size_t start = 0;
    for (size_t i = 0; i <= line.size(); ++i)
      if (i == line.size() || line[i] == ',') {
        f.push_back(line.substr(start, i - start));
        start = i + 1;
      }
    if (!f.empty() && (want.empty() || (f.size() > column && f[column] == want))) ids.push_back(f[0]);
  }
  return ids;
}

struct OpenTicket {
  std::string id, customer, agent;
  std::time_t created = 0, replied = 0;
  int reply_after = 0, solve_after = 0;
};

}  // namespace

void RegisterTrickle(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("trickle", "Post a slow stream of new demo tickets to a running server");
  struct Options {
    std::string url, key, workspace = "default", dir;
    double interval = 3;
    int ticks = 0;
    unsigned seed = 0;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--url", o->url, "Server, e.g. http://127.0.0.1:8080")->required();
  cmd->add_option("--key", o->key, "An ingest (or admin) key")->required();
  cmd->add_option("--workspace", o->workspace, "Workspace")->capture_default_str();
  cmd->add_option("--workspace-dir", o->dir, "The demo workspace folder (its agents and customers are used)")->required();
  cmd->add_option("--interval", o->interval, "Seconds between posts")->capture_default_str();
  cmd->add_option("--ticks", o->ticks, "Stop after this many posts (0: run until interrupted)")->capture_default_str();
  cmd->add_option("--seed", o->seed, "Random seed (0: from the clock)");
  cmd->callback([o, &action] {
    action = [o] {
      auto agents = Ids(o->dir + "/agents.csv", 3, "human");
      auto customers = Ids(o->dir + "/customers.csv", 0, "");
      if (agents.empty() || customers.empty())
        return Fail(Status::InvalidArgument(fmt::format("{}: agents.csv and customers.csv with rows are needed", o->dir)));
      std::signal(SIGINT, [](int) { g_stop = 1; });
      std::signal(SIGTERM, [](int) { g_stop = 1; });
      std::mt19937 rng(o->seed ? o->seed : static_cast<unsigned>(std::time(nullptr)));
      auto pick = [&](const auto& v) { return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)]; };
      const std::vector<std::string> channels = {"email", "email", "chat", "chat", "phone", "web", "social"};
      const std::vector<std::pair<std::string, std::string>> topics = {
          {"billing", "billing"}, {"shipping", "general"}, {"login", "technical"}, {"account", "general"},
          {"bug", "technical"},   {"refund", "billing"},   {"onboarding", "general"}, {"integration", "technical"}};
      const std::vector<std::string> priorities = {"low", "normal", "normal", "normal", "high", "urgent"};

      httplib::Client client(o->url);
      client.set_bearer_token_auth(o->key);
      client.set_connection_timeout(5);
      const std::string base = "/v1/workspaces/" + o->workspace + "/";
      auto post = [&](const std::string& entity, const nlohmann::json& records) {
        auto res = client.Post(base + entity, nlohmann::json{{"records", records}}.dump(), "application/json");
        if (!res) {
          std::cerr << "trickle: " << entity << ": " << httplib::to_string(res.error()) << "\n";
          return false;
        }
        if (res->status != 200) {
          std::cerr << "trickle: " << entity << ": HTTP " << res->status << " " << res->body << "\n";
          return false;
        }
        return true;
      };

      const std::string run = std::to_string(std::time(nullptr));
      int64_t seq = 0;
      std::vector<OpenTicket> open;
      for (int tick = 0; !g_stop && (o->ticks == 0 || tick < o->ticks); ++tick) {
        std::time_t now = std::time(nullptr);
        nlohmann::json tickets = nlohmann::json::array(), events = nlohmann::json::array(), surveys = nlohmann::json::array();
        auto event = [&](const OpenTicket& t, nlohmann::json e) {
          e["event_id"] = fmt::format("EL{}-{}", run, ++seq);
          e["ticket_id"] = t.id;
          e["at"] = Utc(now);
          events.push_back(std::move(e));
        };
        int replies = 0, solved = 0;
        for (auto it = open.begin(); it != open.end();) {
          if (!it->replied && now - it->created >= it->reply_after) {
            event(*it, {{"type", "message"}, {"actor_kind", "agent"}, {"actor_id", it->agent}, {"public", true},
                        {"text", "Thanks for reaching out, we are on it."}});
            it->replied = now;
            ++replies;
          } else if (it->replied && now - it->replied >= it->solve_after) {
            event(*it, {{"type", "status"}, {"actor_kind", "agent"}, {"actor_id", it->agent}, {"status", "solved"}});
            ++solved;
            if (std::bernoulli_distribution(0.4)(rng)) {
              static const std::vector<int> scores = {5, 5, 5, 4, 4, 4, 3, 2, 1};
              surveys.push_back({{"response_id", fmt::format("SL{}-{}", run, ++seq)}, {"kind", "csat"}, {"score", pick(scores)},
                                 {"answered_at", Utc(now)}, {"scale_min", 1}, {"scale_max", 5}, {"ticket_id", it->id},
                                 {"customer_id", it->customer}, {"agent_id", it->agent}});
            }
            it = open.erase(it);
            continue;
          }
          ++it;
        }
        int created = std::uniform_int_distribution<int>(1, 2)(rng);
        for (int i = 0; i < created; ++i) {
          OpenTicket t{fmt::format("TL{}-{}", run, ++seq), pick(customers), pick(agents), now, 0,
                       std::uniform_int_distribution<int>(5, 45)(rng), std::uniform_int_distribution<int>(20, 120)(rng)};
          const auto& [topic, queue] = pick(topics);
          tickets.push_back({{"ticket_id", t.id}, {"created_at", Utc(now)}, {"channel", pick(channels)}, {"customer_id", t.customer},
                             {"priority", pick(priorities)}, {"topic", topic}, {"queue", queue},
                             {"subject", "Question about " + topic}});
          event(t, {{"type", "message"}, {"actor_kind", "customer"}, {"actor_id", t.customer}, {"public", true},
                    {"text", "Hello, I need help with " + topic + "."}});
          event(t, {{"type", "assign"}, {"actor_kind", "system"}, {"assignee_id", t.agent}});
          open.push_back(t);
        }
        // Tickets before their events, events before the surveys that name their tickets.
        bool ok = post("tickets", tickets) && post("events", events) && (surveys.empty() || post("surveys", surveys));
        if (ok)
          std::cout << fmt::format("{} posted {} new tickets, {} replies, {} resolutions, {} surveys\n", Utc(now), created, replies,
                                   solved, surveys.size())
                    << std::flush;
        for (double waited = 0; waited < o->interval && !g_stop; waited += 0.1)
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      return 0;
    };
  });
}

}  // namespace supportlens::cli
