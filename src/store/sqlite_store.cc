#include "store/sqlite_store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>

namespace supportlens {

namespace {
// How long a connection waits for another one's lock before it gives up.
constexpr int kBusyMilliseconds = 10000;

const char* SqlType(FieldType t) {
  switch (t) {
    case FieldType::kTimestamp:
    case FieldType::kDate:
    case FieldType::kBool:
      return "INTEGER";
    case FieldType::kNumber:
    case FieldType::kDuration:
      return "REAL";
    default:
      return "TEXT";
  }
}

// A cached statement left on a row keeps its read transaction open, and with it an old view of
// the database: single-row reads reset their statement as soon as they are done.
struct ResetOnExit {
  sqlite3_stmt* stmt;
  ~ResetOnExit() { sqlite3_reset(stmt); }
};

std::string Quoted(std::string_view name) { return fmt::format("\"{}\"", name); }

}  // namespace

int64_t RecordHash(const TypedRecord& r) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](const void* p, size_t n) {
    auto* b = static_cast<const unsigned char*>(p);
    for (size_t i = 0; i < n; ++i) { h ^= b[i]; h *= 1099511628211ull; }
  };
  for (auto& v : r.values) {
    auto k = static_cast<uint8_t>(v.kind);
    mix(&k, 1);
    if (v.kind == Value::Kind::kInt) mix(&v.i, sizeof v.i);
    if (v.kind == Value::Kind::kReal) mix(&v.d, sizeof v.d);
    if (v.kind == Value::Kind::kText) { mix(v.s.data(), v.s.size()); mix("\0", 1); }
  }
  mix(r.attrs_json.data(), r.attrs_json.size());
  return static_cast<int64_t>(h);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, bool create) {
  return OpenFile(path, create, false);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::OpenFile(const std::string& path, bool create, bool bulk_load) {
  // SQLite's allocation statistics take a global mutex on every malloc; nothing reads them.
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)configured;
  std::unique_ptr<SqliteStore> s(new SqliteStore());
  s->path_ = path;
  // One connection per thread of use: SQLite's own per-call mutexes are not needed.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &s->db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = s->db_ ? sqlite3_errmsg(s->db_) : "out of memory";
    return create ? Status::Io(fmt::format("{}: cannot open database: {}", path, msg))
                  : Status::NotFound(fmt::format("{}: no such database ({})", path, msg));
  }
  sqlite3_busy_timeout(s->db_, kBusyMilliseconds);
  // Larger pages: shallower B-trees for the per-entity key index (only a new file takes it).
  SL_RETURN_IF_ERROR(s->Exec("PRAGMA page_size=16384"));
  if (bulk_load) {
    // Nobody else can see the file before it is published, and a failed load is deleted, so
    // neither a journal nor syncs before the final one protect anything.
    SL_RETURN_IF_ERROR(s->Exec("PRAGMA locking_mode=EXCLUSIVE"));
    SL_RETURN_IF_ERROR(s->Exec("PRAGMA journal_mode=OFF"));
    SL_RETURN_IF_ERROR(s->Exec("PRAGMA synchronous=OFF"));
  } else {
    // Another process that took the file alone for an import holds it until the import ends.
    if (Status wal = s->Exec("PRAGMA journal_mode=WAL"); !wal.ok())
      return sqlite3_errcode(s->db_) == SQLITE_BUSY
                 ? Status::Io(fmt::format("{}: the database is locked by another process (an import into a database nobody else had "
                                          "open holds it alone until it commits): try again when it is done",
                                          path))
                 : wal;
    SL_RETURN_IF_ERROR(s->Exec("PRAGMA synchronous=FULL"));
  }
  SL_RETURN_IF_ERROR(s->SetOnePassReads(false));
  SL_RETURN_IF_ERROR(s->Exec("PRAGMA foreign_keys=OFF"));
  SL_RETURN_IF_ERROR(s->EnsureSchema());
  return s;
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::CreateForBulkLoad(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-journal"})
    if (std::filesystem::exists(path + suffix, ec))
      return Status::NotFound(fmt::format("{}{}: exists, so the database is not new", path, suffix));
  const std::string loading = fmt::format("{}.loading-{}", path, getpid());
  std::filesystem::remove(loading, ec);
  auto store = OpenFile(loading, true, true);
  if (!store.ok()) {
    std::filesystem::remove(loading, ec);
    return store.status();
  }
  (*store)->publish_path_ = path;
  return store;
}

namespace {

Status SyncPath(const std::string& path, bool directory) {
  int fd = ::open(path.c_str(), (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::Io(fmt::format("{}: cannot open to sync: {}", path, std::strerror(errno)));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return Status::Io(fmt::format("{}: sync failed: {}", path, std::strerror(err)));
  return Status::Ok();
}

}  // namespace

Result<bool> SqliteStore::TakeAloneForImport() {
  if (!publish_path_.empty() || alone_ || path_ == ":memory:") return false;
  // Without waiting: a connection open elsewhere (in WAL mode) keeps the mode from changing.
  // The pragma answers with the mode the file is in after it.
  sqlite3_busy_timeout(db_, 0);
  sqlite3_stmt* pragma = nullptr;
  int rc = sqlite3_prepare_v2(db_, "PRAGMA journal_mode=DELETE", -1, &pragma, nullptr);
  std::string mode;
  if (rc == SQLITE_OK && (rc = sqlite3_step(pragma)) == SQLITE_ROW) mode = std::string(ColumnText(pragma, 0));
  const std::string error = rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE || rc == SQLITE_BUSY ? "" : sqlite3_errmsg(db_);
  sqlite3_finalize(pragma);
  sqlite3_busy_timeout(db_, kBusyMilliseconds);
  if (!error.empty()) return Status::Io(fmt::format("{}: {}", path_, error));
  if (mode != "delete") return false;  // busy, or kept in its mode: the WAL, beside the others
  alone_ = true;
  // Locked whole from Begin() on, and kept locked after the commit until the file is back in
  // WAL mode. In this mode a commit is the journal's removal: EXTRA syncs the directory after it,
  // as FULL syncs the log in WAL mode.
  SL_RETURN_IF_ERROR(Exec("PRAGMA locking_mode=EXCLUSIVE"));
  SL_RETURN_IF_ERROR(Exec("PRAGMA synchronous=EXTRA"));
  return true;
}

Status SqliteStore::BackToWal() {
  alone_ = false;
  // Switched while the lock is still held, so that no other connection can come between; the
  // lock goes with this connection.
  return Exec("PRAGMA journal_mode=WAL");
}

Status SqliteStore::Publish() {
  if (alone_) {
    SL_RETURN_IF_ERROR(BackToWal());
    Close();
    return ContinueAt(path_);
  }
  if (publish_path_.empty()) return Status::Ok();
  // WAL is recorded in the file's header; the next opener then uses shared locking.
  SL_RETURN_IF_ERROR(Exec("PRAGMA locking_mode=NORMAL"));
  SL_RETURN_IF_ERROR(Exec("PRAGMA journal_mode=WAL"));
  Close();
  SL_RETURN_IF_ERROR(SyncPath(path_, false));
  // Never over a database another process created meanwhile.
  if (::renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, publish_path_.c_str(), RENAME_NOREPLACE) != 0) {
    const int err = errno;
    return Status::Io(fmt::format("{}: cannot move the loaded database into place{}: nothing was stored", publish_path_,
                                  err == EEXIST ? " (another process created it meanwhile)"
                                                : fmt::format(" ({})", std::strerror(err))));
  }
  const std::string published = publish_path_;
  publish_path_.clear();
  std::string parent = std::filesystem::path(published).parent_path().string();
  SL_RETURN_IF_ERROR(SyncPath(parent.empty() ? "." : parent, true));
  return ContinueAt(published);
}

Status SqliteStore::ContinueAt(const std::string& path) {
  SL_ASSIGN_OR_RETURN(auto reopened, Open(path, false));
  std::swap(db_, reopened->db_);
  std::swap(path_, reopened->path_);
  return Status::Ok();
}

void SqliteStore::Close() {
  for (auto& [sql, st] : cache_) sqlite3_finalize(st);
  cache_.clear();
  inserts_.clear();
  // A failed import taken alone: the file goes back to WAL mode (the transaction was rolled back;
  // should that fail, the next connection to open the file switches it).
  if (db_ && alone_) (void)BackToWal();
  if (db_) sqlite3_close(db_);
  db_ = nullptr;
}

SqliteStore::~SqliteStore() {
  Close();
  if (!publish_path_.empty()) {  // a bulk load that was never published leaves nothing behind
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
}

Status SqliteStore::Exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status::Io(fmt::format("{}: {}", path_, msg));
  }
  return Status::Ok();
}

Status SqliteStore::EnsureSchema() {
  // Targets, rules, sinks and schedules never reuse a deleted one's id: alerts and runs name them.
  std::string sql =
      "CREATE TABLE IF NOT EXISTS workspaces(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, settings TEXT,"
      " data_version INTEGER NOT NULL DEFAULT 0, data_stamp INTEGER);"
      "CREATE TABLE IF NOT EXISTS imports(id INTEGER PRIMARY KEY, ws INTEGER NOT NULL, source TEXT, started_at TEXT,"
      " accepted INTEGER, unchanged INTEGER, rejected INTEGER);"
      "CREATE TABLE IF NOT EXISTS api_keys(id INTEGER PRIMARY KEY, workspace TEXT NOT NULL, role TEXT NOT NULL,"
      " name TEXT NOT NULL DEFAULT '', key_sha256 TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT);"
      "CREATE TABLE IF NOT EXISTS targets(id INTEGER PRIMARY KEY AUTOINCREMENT, workspace TEXT NOT NULL, kpi TEXT NOT NULL,"
      " scope_dim TEXT NOT NULL DEFAULT '', scope_value TEXT NOT NULL DEFAULT '', op TEXT NOT NULL, value REAL NOT NULL,"
      " upper REAL NOT NULL DEFAULT 0, deadline TEXT NOT NULL DEFAULT '', warning_pct REAL NOT NULL DEFAULT 5,"
      " created_at TEXT NOT NULL, UNIQUE(workspace, kpi, scope_dim, scope_value));"
      "CREATE TABLE IF NOT EXISTS alert_rules(id INTEGER PRIMARY KEY AUTOINCREMENT, workspace TEXT NOT NULL, kpi TEXT NOT NULL,"
      " scope_dim TEXT NOT NULL DEFAULT '', scope_value TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL, op TEXT NOT NULL DEFAULT '',"
      " value REAL NOT NULL, days INTEGER NOT NULL, created_at TEXT NOT NULL);"
      "CREATE TABLE IF NOT EXISTS alert_sinks(id INTEGER PRIMARY KEY AUTOINCREMENT, workspace TEXT NOT NULL, kind TEXT NOT NULL,"
      " target TEXT NOT NULL, secret TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL);"
      "CREATE TABLE IF NOT EXISTS alerts(id INTEGER PRIMARY KEY, workspace TEXT NOT NULL, rule TEXT NOT NULL, kpi TEXT NOT NULL,"
      " scope TEXT NOT NULL, opened_at TEXT NOT NULL, closed_at TEXT, value REAL, message TEXT NOT NULL);"
      "CREATE INDEX IF NOT EXISTS alerts_open ON alerts(workspace, rule, closed_at);"
      "CREATE TABLE IF NOT EXISTS alert_deliveries(id INTEGER PRIMARY KEY, alert_id INTEGER NOT NULL, sink_id INTEGER NOT NULL,"
      " event TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, error TEXT NOT NULL DEFAULT '', at TEXT NOT NULL);"
      "CREATE TABLE IF NOT EXISTS report_schedules(id INTEGER PRIMARY KEY AUTOINCREMENT, workspace TEXT NOT NULL, template TEXT NOT NULL,"
      " every TEXT NOT NULL, format TEXT NOT NULL, deliver TEXT NOT NULL, target TEXT NOT NULL, secret TEXT NOT NULL DEFAULT '',"
      " hour INTEGER NOT NULL, next_run INTEGER NOT NULL, created_at TEXT NOT NULL);"
      "CREATE TABLE IF NOT EXISTS report_runs(id INTEGER PRIMARY KEY, schedule_id INTEGER NOT NULL, workspace TEXT NOT NULL,"
      " template TEXT NOT NULL, period_from TEXT NOT NULL, period_to TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL,"
      " detail TEXT NOT NULL, at TEXT NOT NULL);";
  for (const auto& e : AllEntities()) {
    sql += fmt::format("CREATE TABLE IF NOT EXISTS {}(ws INTEGER NOT NULL, record_key TEXT NOT NULL", Quoted(e.name));
    for (const auto& f : e.fields) sql += fmt::format(", {} {}", Quoted(f.name), SqlType(f.type));
    sql += ", attrs TEXT, row_hash INTEGER NOT NULL, import_id INTEGER NOT NULL, source_line INTEGER NOT NULL";
    for (auto d : e.derived) sql += fmt::format(", {} REAL", Quoted(d));
    sql += ");";
    sql += fmt::format("CREATE UNIQUE INDEX IF NOT EXISTS {}_key ON {}(ws, record_key);", e.name, Quoted(e.name));
  }
  SL_RETURN_IF_ERROR(Exec(sql));
  // A database made before the data stamp existed gets one per workspace.
  SL_RETURN_IF_ERROR(AddColumnIfMissing("workspaces", "data_stamp", "INTEGER"));
  {
    // Checked first: an UPDATE takes the write lock even when it changes nothing, and a report
    // opening the file must not wait for an import's commit.
    SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared("SELECT 1 FROM workspaces WHERE data_stamp IS NULL LIMIT 1"));
    ResetOnExit reset{q};
    if (sqlite3_step(q) == SQLITE_ROW) {
      sqlite3_reset(q);
      SL_RETURN_IF_ERROR(Exec("UPDATE workspaces SET data_stamp=random() WHERE data_stamp IS NULL"));
    }
  }
  // A database made before a derived column existed gets it, empty (NULL) for the rows it holds.
  for (const auto& e : AllEntities())
    for (auto d : e.derived) SL_RETURN_IF_ERROR(AddColumnIfMissing(e.name, d, "REAL"));
  return Status::Ok();
}

Status SqliteStore::AddColumnIfMissing(std::string_view table, std::string_view column, std::string_view type) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared(fmt::format("SELECT 1 FROM pragma_table_info('{}') WHERE name='{}'", table, column)));
  ResetOnExit reset{q};
  if (sqlite3_step(q) == SQLITE_ROW) return Status::Ok();
  return Exec(fmt::format("ALTER TABLE {} ADD COLUMN {} {}", Quoted(table), Quoted(column), type));
}

Result<sqlite3_stmt*> SqliteStore::Prepared(const std::string& sql) {
  for (size_t i = 0; i < cache_.size(); ++i)
    if (cache_[i].first == sql) {
      if (i > 0) std::swap(cache_[i], cache_[0]);
      sqlite3_stmt* st = cache_[0].second;
      sqlite3_reset(st);
      sqlite3_clear_bindings(st);
      return st;
    }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
    return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  cache_.emplace_back(sql, st);
  return st;
}

Result<int64_t> SqliteStore::Workspace(const std::string& name, bool create) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared("SELECT id FROM workspaces WHERE name=?"));
  ResetOnExit reset_q{q};
  sqlite3_bind_text(q, 1, name.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(q) == SQLITE_ROW) return static_cast<int64_t>(sqlite3_column_int64(q, 0));
  if (!create) return Status::NotFound(fmt::format("{}: no workspace named \"{}\"", path_, name));
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * ins, Prepared("INSERT INTO workspaces(name, data_stamp) VALUES(?, random())"));
  sqlite3_bind_text(ins, 1, name.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(ins) != SQLITE_DONE) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

std::vector<std::string> SqliteStore::WorkspaceNames() {
  std::vector<std::string> names;
  auto q = Prepared("SELECT name FROM workspaces ORDER BY name");
  if (!q.ok()) return names;
  ResetOnExit reset_q{*q};
  while (sqlite3_step(*q) == SQLITE_ROW) names.emplace_back(ColumnText(*q, 0));
  return names;
}

Status SqliteStore::SaveSettings(int64_t ws, const std::string& text) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared("UPDATE workspaces SET settings=?, data_version=data_version+1, data_stamp=random() WHERE id=?"));
  sqlite3_bind_text(q, 1, text.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(q, 2, ws);
  if (sqlite3_step(q) != SQLITE_DONE) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  return Status::Ok();
}

Result<std::optional<std::string>> SqliteStore::LoadSettings(int64_t ws) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared("SELECT settings FROM workspaces WHERE id=?"));
  ResetOnExit reset_q{q};
  sqlite3_bind_int64(q, 1, ws);
  if (sqlite3_step(q) != SQLITE_ROW || sqlite3_column_type(q, 0) == SQLITE_NULL) return std::optional<std::string>();
  return std::optional<std::string>(std::string(ColumnText(q, 0)));
}

Result<int64_t> SqliteStore::DataVersion(int64_t ws) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared("SELECT data_version FROM workspaces WHERE id=?"));
  ResetOnExit reset_q{q};
  sqlite3_bind_int64(q, 1, ws);
  if (sqlite3_step(q) != SQLITE_ROW) return Status::NotFound("workspace vanished");
  return static_cast<int64_t>(sqlite3_column_int64(q, 0));
}

Result<int64_t> SqliteStore::DataStamp(int64_t ws) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared("SELECT data_stamp FROM workspaces WHERE id=?"));
  ResetOnExit reset_q{q};
  sqlite3_bind_int64(q, 1, ws);
  if (sqlite3_step(q) != SQLITE_ROW) return Status::NotFound("workspace vanished");
  return static_cast<int64_t>(sqlite3_column_int64(q, 0));  // NULL (a workspace an older version made since) reads 0
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::ReaderOfSameCommit(int64_t ws) {
  if (path_ == ":memory:" || !publish_path_.empty() || sqlite3_get_autocommit(db_)) return std::unique_ptr<SqliteStore>();
  SL_ASSIGN_OR_RETURN(int64_t version, DataVersion(ws));
  std::unique_ptr<SqliteStore> r(new SqliteStore());
  r->path_ = path_;
  if (sqlite3_open_v2(path_.c_str(), &r->db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
    return Status::Io(fmt::format("{}: cannot open a second reader: {}", path_, r->db_ ? sqlite3_errmsg(r->db_) : "out of memory"));
  sqlite3_busy_timeout(r->db_, kBusyMilliseconds);
  SL_RETURN_IF_ERROR(r->SetOnePassReads(true));
  SL_RETURN_IF_ERROR(r->BeginRead());
  // The first read fixes the transaction's view; it must be the version this connection reads.
  SL_ASSIGN_OR_RETURN(int64_t seen, r->DataVersion(ws));
  if (seen != version) return std::unique_ptr<SqliteStore>();
  return r;
}

Status SqliteStore::SetOnePassReads(bool one_pass) {
  // Reads through a memory map save a copy per page, but a full read would keep every page it
  // touched mapped into the process (1.4 GiB of a 2.1 GiB peak at a million tickets).
  if (one_pass) return Exec("PRAGMA cache_size=-8192; PRAGMA mmap_size=0");
  return Exec("PRAGMA cache_size=-262144; PRAGMA mmap_size=68719476736");
}

Status SqliteStore::Begin() { return Exec(alone_ ? "BEGIN EXCLUSIVE" : "BEGIN IMMEDIATE"); }
Status SqliteStore::BeginRead() { return Exec("BEGIN DEFERRED"); }
Status SqliteStore::Commit() { return Exec("COMMIT"); }
Status SqliteStore::Rollback() { return Exec("ROLLBACK"); }

Result<int64_t> SqliteStore::StartImport(int64_t ws, const std::string& source) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared("INSERT INTO imports(ws, source, started_at) VALUES(?, ?, datetime('now'))"));
  sqlite3_bind_int64(q, 1, ws);
  sqlite3_bind_text(q, 2, source.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(q) != SQLITE_DONE) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Status SqliteStore::FinishImport(int64_t id, int64_t accepted, int64_t unchanged, int64_t rejected) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared("UPDATE imports SET accepted=?, unchanged=?, rejected=? WHERE id=?"));
  sqlite3_bind_int64(q, 1, accepted);
  sqlite3_bind_int64(q, 2, unchanged);
  sqlite3_bind_int64(q, 3, rejected);
  sqlite3_bind_int64(q, 4, id);
  if (sqlite3_step(q) != SQLITE_DONE) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  if (accepted > 0) {
    SL_ASSIGN_OR_RETURN(sqlite3_stmt * v, Prepared("UPDATE workspaces SET data_version=data_version+1, data_stamp=random()"
                                                   " WHERE id=(SELECT ws FROM imports WHERE id=?)"));
    sqlite3_bind_int64(v, 1, id);
    if (sqlite3_step(v) != SQLITE_DONE) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  }
  return Status::Ok();
}

Result<SqliteStore::EntityInsert*> SqliteStore::Inserts(const EntitySpec& spec) {
  EntityInsert& statements = inserts_[&spec];
  if (statements.insert) return &statements;
  std::string columns = "ws, record_key";
  std::string params = "?, ?";
  for (const auto& f : spec.fields) {
    columns += ", " + Quoted(f.name);
    params += ", ?";
  }
  columns += ", attrs, row_hash, import_id, source_line";
  params += ", ?, ?, ?, ?";
  for (auto d : spec.derived) {
    columns += ", " + Quoted(d);
    params += ", ?";
  }
  // OR IGNORE, not ON CONFLICT DO NOTHING: a many-row insert that could abort half-way (on a NOT
  // NULL column) makes SQLite copy every page it touches to a statement journal first, which in a
  // WAL database cost a quarter of an import's time. Every NOT NULL column is always bound, so
  // only a key collision is ignored, and a row ignored for any other reason would still be
  // noticed: its stored twin would not be found.
  const std::string head = fmt::format("INSERT OR IGNORE INTO {}({}) VALUES", Quoted(spec.name), columns);
  std::string many = head;
  for (size_t i = 0; i < kRowsPerInsert; ++i) many += fmt::format("{}({})", i ? ", " : "", params);
  SL_ASSIGN_OR_RETURN(statements.insert, Prepared(fmt::format("{}({})", head, params)));
  SL_ASSIGN_OR_RETURN(statements.insert_many, Prepared(many));
  statements.select_sql =
      fmt::format("SELECT row_hash, import_id, source_line FROM {} WHERE ws=? AND record_key=?", Quoted(spec.name));
  return &statements;
}

int SqliteStore::BindRecord(sqlite3_stmt* q, int p, int64_t ws, int64_t import_id, const EntitySpec& spec,
                            const TypedRecord& r, const std::vector<double>& derived) {
  sqlite3_bind_int64(q, p++, ws);
  sqlite3_bind_text(q, p++, r.key.data(), static_cast<int>(r.key.size()), SQLITE_STATIC);
  for (const auto& v : r.values) {
    switch (v.kind) {
      case Value::Kind::kNull: sqlite3_bind_null(q, p++); break;
      case Value::Kind::kInt: sqlite3_bind_int64(q, p++, v.i); break;
      case Value::Kind::kReal: sqlite3_bind_double(q, p++, v.d); break;
      case Value::Kind::kText: sqlite3_bind_text(q, p++, v.s.data(), static_cast<int>(v.s.size()), SQLITE_STATIC); break;
    }
  }
  if (r.attrs_json.empty()) sqlite3_bind_null(q, p++);
  else sqlite3_bind_text(q, p++, r.attrs_json.data(), static_cast<int>(r.attrs_json.size()), SQLITE_STATIC);
  sqlite3_bind_int64(q, p++, r.hash);
  sqlite3_bind_int64(q, p++, import_id);
  sqlite3_bind_int64(q, p++, r.line);
  for (size_t i = 0; i < spec.derived.size(); ++i) {
    if (i < derived.size() && !std::isnan(derived[i])) sqlite3_bind_double(q, p++, derived[i]);
    else sqlite3_bind_null(q, p++);
  }
  return p;
}

Result<InsertOutcome> SqliteStore::Collision(int64_t ws, int64_t import_id, const EntityInsert& statements,
                                             const TypedRecord& r, StoredRow* collided, bool may_be_itself) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * s, Prepared(statements.select_sql));
  ResetOnExit reset_s{s};
  sqlite3_bind_int64(s, 1, ws);
  sqlite3_bind_text(s, 2, r.key.data(), static_cast<int>(r.key.size()), SQLITE_STATIC);
  if (sqlite3_step(s) != SQLITE_ROW) return Status::Internal("conflicting row not found");
  const int64_t stored_hash = sqlite3_column_int64(s, 0);
  const int64_t stored_import = sqlite3_column_int64(s, 1);
  const int64_t stored_line = sqlite3_column_int64(s, 2);
  if (may_be_itself && stored_import == import_id && stored_line == r.line) return InsertOutcome::kInserted;
  if (collided) {
    collided->import_id = stored_import;
    collided->line = stored_line;
  }
  if (stored_import == import_id) return InsertOutcome::kDuplicateInThisImport;
  return stored_hash == r.hash ? InsertOutcome::kUnchanged : InsertOutcome::kConflict;
}

Result<InsertOutcome> SqliteStore::Insert(int64_t ws, int64_t import_id, const EntitySpec& spec, const TypedRecord& r,
                                          StoredRow* collided, const std::vector<double>& derived) {
  SL_ASSIGN_OR_RETURN(EntityInsert * statements, Inserts(spec));
  // Every parameter is bound, so the statement needs no clearing between rows.
  sqlite3_stmt* q = statements->insert;
  BindRecord(q, 1, ws, import_id, spec, r, derived);
  {
    ResetOnExit reset_q{q};
    if (sqlite3_step(q) != SQLITE_DONE) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  }
  if (sqlite3_changes(db_) == 1) return InsertOutcome::kInserted;
  return Collision(ws, import_id, *statements, r, collided, false);
}

Status SqliteStore::InsertMany(int64_t ws, int64_t import_id, const EntitySpec& spec,
                               const std::vector<const TypedRecord*>& records, std::vector<InsertOutcome>& outcomes,
                               std::vector<StoredRow>& collided) {
  outcomes.assign(records.size(), InsertOutcome::kInserted);
  collided.assign(records.size(), StoredRow{});
  SL_ASSIGN_OR_RETURN(EntityInsert * statements, Inserts(spec));
  size_t i = 0;
  for (; i + kRowsPerInsert <= records.size(); i += kRowsPerInsert) {
    sqlite3_stmt* q = statements->insert_many;
    int p = 1;
    for (size_t k = i; k < i + kRowsPerInsert; ++k) p = BindRecord(q, p, ws, import_id, spec, *records[k], records[k]->derived);
    {
      ResetOnExit reset_q{q};
      if (sqlite3_step(q) != SQLITE_DONE) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
    }
    if (static_cast<size_t>(sqlite3_changes(db_)) == kRowsPerInsert) continue;
    // Some rows were already stored: the stored row tells which (a row of this import on this
    // line is the record itself; lines of one file differ).
    for (size_t k = i; k < i + kRowsPerInsert; ++k) {
      SL_ASSIGN_OR_RETURN(outcomes[k], Collision(ws, import_id, *statements, *records[k], &collided[k], true));
    }
  }
  for (; i < records.size(); ++i) {
    SL_ASSIGN_OR_RETURN(outcomes[i], Insert(ws, import_id, spec, *records[i], &collided[i], records[i]->derived));
  }
  return Status::Ok();
}

Status SqliteStore::Scan(int64_t ws, const EntitySpec& spec, const std::vector<std::string>& columns,
                         const std::function<void(sqlite3_stmt*)>& row, int64_t after_rowid, int64_t* last_rowid) {
  std::string cols;
  for (auto& c : columns) cols += Quoted(c) + ", ";
  // A plain table scan (or a rowid range of it) returns rows in insertion order without a sort.
  std::string sql = fmt::format("SELECT {}rowid FROM {} NOT INDEXED WHERE ws=? AND rowid>?", cols, Quoted(spec.name));
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &q, nullptr) != SQLITE_OK)
    return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  sqlite3_bind_int64(q, 1, ws);
  sqlite3_bind_int64(q, 2, after_rowid);
  const int rowid_column = static_cast<int>(columns.size());
  int rc;
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    row(q);
    if (last_rowid) *last_rowid = sqlite3_column_int64(q, rowid_column);
  }
  sqlite3_finalize(q);
  if (rc != SQLITE_DONE) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  return Status::Ok();
}

Result<int64_t> SqliteStore::Count(int64_t ws, const EntitySpec& spec) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared(fmt::format("SELECT count(*) FROM {} WHERE ws=?", Quoted(spec.name))));
  ResetOnExit reset_q{q};
  sqlite3_bind_int64(q, 1, ws);
  if (sqlite3_step(q) != SQLITE_ROW) return Status::Io(sqlite3_errmsg(db_));
  return static_cast<int64_t>(sqlite3_column_int64(q, 0));
}

Result<int64_t> SqliteStore::RowsAfter(const EntitySpec& spec, int64_t after_rowid) {
  // Rowids are distinct integers: the largest one bounds the count of the rows after another.
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared(fmt::format("SELECT max(rowid) FROM {}", Quoted(spec.name))));
  ResetOnExit reset_q{q};
  if (sqlite3_step(q) != SQLITE_ROW) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  return std::max<int64_t>(0, static_cast<int64_t>(sqlite3_column_int64(q, 0)) - after_rowid);
}

Result<bool> SqliteStore::Contains(int64_t ws, const EntitySpec& spec, std::string_view key) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared(fmt::format("SELECT 1 FROM {} WHERE ws=? AND record_key=?", Quoted(spec.name))));
  ResetOnExit reset_q{q};
  sqlite3_bind_int64(q, 1, ws);
  sqlite3_bind_text(q, 2, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
  int rc = sqlite3_step(q);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  return rc == SQLITE_ROW;
}

Result<std::optional<int64_t>> SqliteStore::FindInt(int64_t ws, const EntitySpec& spec, std::string_view key,
                                                     std::string_view column) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared(fmt::format("SELECT {} FROM {} WHERE ws=? AND record_key=?",
                                                             Quoted(column), Quoted(spec.name))));
  ResetOnExit reset_q{q};
  sqlite3_bind_int64(q, 1, ws);
  sqlite3_bind_text(q, 2, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
  int rc = sqlite3_step(q);
  if (rc == SQLITE_DONE) return std::optional<int64_t>();
  if (rc != SQLITE_ROW) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  return std::optional<int64_t>(sqlite3_column_int64(q, 0));
}

Result<bool> SqliteStore::Any(int64_t ws, const EntitySpec& spec) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared(fmt::format("SELECT 1 FROM {} WHERE ws=? LIMIT 1", Quoted(spec.name))));
  ResetOnExit reset_q{q};
  sqlite3_bind_int64(q, 1, ws);
  int rc = sqlite3_step(q);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  return rc == SQLITE_ROW;
}

Result<int64_t> SqliteStore::AddApiKey(const std::string& workspace, const std::string& role, const std::string& name,
                                       const std::string& hash) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared("INSERT INTO api_keys(workspace, role, name, key_sha256, created_at)"
                                                 " VALUES(?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"));
  sqlite3_bind_text(q, 1, workspace.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(q, 2, role.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(q, 3, name.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(q, 4, hash.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(q) != SQLITE_DONE) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

namespace {
SqliteStore::ApiKeyRow ApiKeyFrom(sqlite3_stmt* q) {
  SqliteStore::ApiKeyRow r;
  r.id = sqlite3_column_int64(q, 0);
  r.workspace = SqliteStore::ColumnText(q, 1);
  r.role = SqliteStore::ColumnText(q, 2);
  r.name = SqliteStore::ColumnText(q, 3);
  r.created_at = SqliteStore::ColumnText(q, 4);
  r.revoked = !SqliteStore::ColumnIsNull(q, 5);
  return r;
}
}  // namespace

Result<std::optional<SqliteStore::ApiKeyRow>> SqliteStore::FindApiKey(const std::string& hash) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared("SELECT id, workspace, role, name, created_at, revoked_at FROM api_keys"
                                                 " WHERE key_sha256=?"));
  ResetOnExit reset_q{q};
  sqlite3_bind_text(q, 1, hash.c_str(), -1, SQLITE_TRANSIENT);
  int rc = sqlite3_step(q);
  if (rc == SQLITE_DONE) return std::optional<ApiKeyRow>();
  if (rc != SQLITE_ROW) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  return std::optional<ApiKeyRow>(ApiKeyFrom(q));
}

Result<std::vector<SqliteStore::ApiKeyRow>> SqliteStore::ListApiKeys(const std::string& workspace) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared("SELECT id, workspace, role, name, created_at, revoked_at FROM api_keys"
                                                 " WHERE ?1 = '' OR workspace = ?1 ORDER BY id"));
  ResetOnExit reset_q{q};
  sqlite3_bind_text(q, 1, workspace.c_str(), -1, SQLITE_TRANSIENT);
  std::vector<ApiKeyRow> rows;
  int rc;
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) rows.push_back(ApiKeyFrom(q));
  if (rc != SQLITE_DONE) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  return rows;
}

Result<bool> SqliteStore::RevokeApiKey(int64_t id, const std::string& workspace) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared("UPDATE api_keys SET revoked_at=strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
                                                 " WHERE id=?1 AND (?2 = '' OR workspace = ?2) AND revoked_at IS NULL"));
  sqlite3_bind_int64(q, 1, id);
  sqlite3_bind_text(q, 2, workspace.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(q) != SQLITE_DONE) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  return sqlite3_changes(db_) == 1;
}

Result<int64_t> SqliteStore::SaveTarget(const TargetRow& t) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared(
      "INSERT INTO targets(workspace, kpi, scope_dim, scope_value, op, value, upper, deadline, warning_pct, created_at)"
      " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
      " ON CONFLICT(workspace, kpi, scope_dim, scope_value) DO UPDATE SET op=excluded.op, value=excluded.value,"
      " upper=excluded.upper, deadline=excluded.deadline, warning_pct=excluded.warning_pct, created_at=excluded.created_at"
      " RETURNING id"));
  ResetOnExit reset_q{q};
  int p = 1;
  for (const std::string* s : {&t.workspace, &t.kpi, &t.scope_dim, &t.scope_value, &t.op}) sqlite3_bind_text(q, p++, s->c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_double(q, p++, t.value);
  sqlite3_bind_double(q, p++, t.upper);
  sqlite3_bind_text(q, p++, t.deadline.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_double(q, p++, t.warning_pct);
  if (sqlite3_step(q) != SQLITE_ROW) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  return static_cast<int64_t>(sqlite3_column_int64(q, 0));
}

Result<std::vector<SqliteStore::TargetRow>> SqliteStore::ListTargets(const std::string& workspace) {
  std::vector<TargetRow> rows;
  SL_RETURN_IF_ERROR(Query("SELECT id, workspace, kpi, scope_dim, scope_value, op, value, upper, deadline, warning_pct, created_at"
                           " FROM targets WHERE workspace = ? ORDER BY kpi, scope_dim, scope_value",
                           {workspace},
                           [&](sqlite3_stmt* q) {
                             rows.push_back({ColumnInt(q, 0), std::string(ColumnText(q, 1)), std::string(ColumnText(q, 2)),
                                             std::string(ColumnText(q, 3)), std::string(ColumnText(q, 4)), std::string(ColumnText(q, 5)),
                                             ColumnReal(q, 6), ColumnReal(q, 7), std::string(ColumnText(q, 8)), ColumnReal(q, 9),
                                             std::string(ColumnText(q, 10))});
                           })
                         .status());
  return rows;
}

Result<bool> SqliteStore::DeleteWorkspaceRow(std::string_view table, const std::string& workspace, int64_t id) {
  if (table != "targets" && table != "alert_rules" && table != "alert_sinks" && table != "report_schedules")
    return Status::Internal(fmt::format("no deletes by id from table {}", table));
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared(fmt::format("DELETE FROM {} WHERE id = ? AND workspace = ?", table)));
  ResetOnExit reset{q};
  sqlite3_bind_int64(q, 1, id);
  sqlite3_bind_text(q, 2, workspace.c_str(), -1, SQLITE_TRANSIENT);
  if (sqlite3_step(q) != SQLITE_DONE) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  return sqlite3_changes(db_) == 1;
}

Result<int64_t> SqliteStore::Query(const std::string& sql, const std::vector<SqlValue>& params,
                                   const std::function<void(sqlite3_stmt*)>& row) {
  SL_ASSIGN_OR_RETURN(sqlite3_stmt * q, Prepared(sql));
  ResetOnExit reset_q{q};
  sqlite3_clear_bindings(q);
  int p = 1;
  for (const SqlValue& v : params) {
    if (auto* s = std::get_if<std::string>(&v)) sqlite3_bind_text(q, p, s->c_str(), -1, SQLITE_TRANSIENT);
    else if (auto* i = std::get_if<int64_t>(&v)) sqlite3_bind_int64(q, p, *i);
    else if (auto* d = std::get_if<double>(&v)) sqlite3_bind_double(q, p, *d);
    else sqlite3_bind_null(q, p);
    ++p;
  }
  int rc;
  while ((rc = sqlite3_step(q)) == SQLITE_ROW)
    if (row) row(q);
  if (rc != SQLITE_DONE) return Status::Io(fmt::format("{}: {}", path_, sqlite3_errmsg(db_)));
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

bool SqliteStore::ColumnIsNull(sqlite3_stmt* s, int i) { return sqlite3_column_type(s, i) == SQLITE_NULL; }
int64_t SqliteStore::ColumnInt(sqlite3_stmt* s, int i) { return sqlite3_column_int64(s, i); }
double SqliteStore::ColumnReal(sqlite3_stmt* s, int i) { return sqlite3_column_double(s, i); }
std::string_view SqliteStore::ColumnText(sqlite3_stmt* s, int i) {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(s, i))) : std::string_view();
}

}  // namespace supportlens
