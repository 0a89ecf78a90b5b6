// supportlens keys create|list|revoke: API keys for the HTTP API (stored only as hashes).
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "supportlens/service.h"

namespace supportlens::cli {

void RegisterKeys(CLI::App& app, Action& action) {
  auto* keys = app.add_subcommand("keys", "Create, list and revoke API keys");
  keys->require_subcommand(1);
  struct Options {
    std::string db, workspace, role, name;
    int64_t id = 0;
  };
  auto o = std::make_shared<Options>();

  auto* create = keys->add_subcommand("create", "Create a key; the key is printed alone on the last line");
  create->add_option("--db", o->db, "SQLite database")->required();
  create->add_option("--workspace", o->workspace, "Workspace the key is for")->required();
  create->add_option("--role", o->role, "admin | analyst | ingest")->required()->check(CLI::IsMember({"admin", "analyst", "ingest"}));
  create->add_option("--name", o->name, "A label, e.g. wallboard");
  create->callback([o, &action] {
    action = [o] {
      auto service = Service::Open(o->db);
      if (!service.ok()) return Fail(service.status());
      auto key = (*service)->CreateKey(o->workspace, *ParseRole(o->role), o->name);
      if (!key.ok()) return Fail(key.status());
      std::cout << fmt::format("created {} key {} for workspace \"{}\"; it is shown only now (the database keeps its hash):\n",
                               o->role, key->info.id, o->workspace)
                << key->key << std::endl;
      return 0;
    };
  });

  auto* list = keys->add_subcommand("list", "List keys (never the keys themselves)");
  list->add_option("--db", o->db, "SQLite database")->required();
  list->add_option("--workspace", o->workspace, "Only this workspace's keys");
  list->callback([o, &action] {
    action = [o] {
      auto service = Service::Open(o->db);
      if (!service.ok()) return Fail(service.status());
      auto keys = (*service)->ListKeys(o->workspace);
      if (!keys.ok()) return Fail(keys.status());
      std::cout << fmt::format("{:>4}  {:<20} {:<8} {:<20} {:<21} {}\n", "id", "workspace", "role", "name", "created", "status");
      for (auto& k : *keys)
        std::cout << fmt::format("{:>4}  {:<20} {:<8} {:<20} {:<21} {}\n", k.id, k.workspace, RoleName(k.role), k.name,
                                 k.created_at, k.revoked ? "revoked" : "active");
      return 0;
    };
  });

  auto* revoke = keys->add_subcommand("revoke", "Revoke a key by id");
  revoke->add_option("--db", o->db, "SQLite database")->required();
  revoke->add_option("--id", o->id, "Key id (from keys list)")->required();
  revoke->callback([o, &action] {
    action = [o] {
      auto service = Service::Open(o->db);
      if (!service.ok()) return Fail(service.status());
      auto revoked = (*service)->RevokeKey("", o->id);
      if (!revoked.ok()) return Fail(revoked.status());
      if (!*revoked) return Fail(Status::NotFound(fmt::format("no active key with id {}", o->id)));
      std::cout << "revoked key " << o->id << std::endl;
      return 0;
    };
  });
}

}  // namespace supportlens::cli
