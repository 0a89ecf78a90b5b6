#pragma once
// The embedded system of record: one SQLite file (WAL, synchronous=FULL so a commit is
// durable), one table per entity, every table partitioned by workspace. A file that an import
// creates is bulk loaded beside its path and published whole (CreateForBulkLoad). Tables are created
// from the EntitySpec list, so the model has one definition.
#include <functional>
#include <variant>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/entity_schema.h"
#include "model/record.h"
#include "supportlens/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace supportlens {

enum class InsertOutcome { kInserted, kUnchanged, kDuplicateInThisImport, kConflict };

struct StoredRow {  // what an insert collided with
  int64_t import_id = 0;
  int64_t line = 0;
};

class Statement;

class SqliteStore {
 public:
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, bool create);
  // A database that does not exist yet, for one bulk load: it is written as `path.loading-PID`
  // without a journal or syncs (a failed load leaves nothing to recover: the file is removed),
  // and Publish() makes it the database at `path`, durably and whole, in WAL mode. Not found
  // when `path` or a journal of it exists.
  static Result<std::unique_ptr<SqliteStore>> CreateForBulkLoad(const std::string& path);
  // For one import into an existing database: when no other connection has the file open, this
  // connection takes it alone until Publish(), through a rollback journal, so that each page is
  // written once (through the WAL each is written twice: into the log, then into the file at the
  // checkpoint), and Begin() locks it whole. Other connections wait meanwhile, as on any writer's
  // lock, and fail when it outlasts their timeout. False, with nothing changed, when another
  // connection has the file open (a server): the import then writes through the WAL beside it.
  Result<bool> TakeAloneForImport();
  // After a bulk load: syncs the file, switches it to WAL and renames it into place; the store
  // then continues at `path` as if opened there. After TakeAloneForImport(): switches the file
  // back to WAL and lets the other connections in. Otherwise: nothing to do.
  Status Publish();
  ~SqliteStore();

  const std::string& path() const { return path_; }
  // The workspace's numeric id; created when `create` is set, NotFound otherwise.
  Result<int64_t> Workspace(const std::string& name, bool create);
  std::vector<std::string> WorkspaceNames();
  Status SaveSettings(int64_t ws, const std::string& toml_text);
  Result<std::optional<std::string>> LoadSettings(int64_t ws);

  Status Begin();      // a write transaction
  Status BeginRead();  // a read transaction: one consistent view of every table
  Status Commit();
  Status Rollback();

  Result<int64_t> StartImport(int64_t ws, const std::string& source);
  Status FinishImport(int64_t import_id, int64_t accepted, int64_t unchanged, int64_t rejected);

  // Inserts a validated record (key and hash filled) unless its key is stored; reports what it
  // collided with. `derived` holds the spec's derived columns (NaN or absent: NULL).
  Result<InsertOutcome> Insert(int64_t ws, int64_t import_id, const EntitySpec& spec, const TypedRecord& record,
                               StoredRow* collided, const std::vector<double>& derived = {});
  // Insert for several records of one entity read from one file (so their lines differ), with
  // their derived columns in `derived`: a statement stores many rows at once. outcomes[i] and
  // collided[i] are records[i]'s, as Insert would give them in order.
  Status InsertMany(int64_t ws, int64_t import_id, const EntitySpec& spec, const std::vector<const TypedRecord*>& records,
                    std::vector<InsertOutcome>& outcomes, std::vector<StoredRow>& collided);

  // Streams the given columns of an entity for a workspace, ordered by the table's rowid.
  // The callback reads columns with the Column* helpers below. Only rows after `after_rowid`
  // (rows are never updated or deleted, so these are the rows committed since); the last rowid
  // seen is kept in `*last_rowid` when given.
  Status Scan(int64_t ws, const EntitySpec& spec, const std::vector<std::string>& columns,
              const std::function<void(sqlite3_stmt*)>& row, int64_t after_rowid = 0, int64_t* last_rowid = nullptr);
  Result<int64_t> Count(int64_t ws, const EntitySpec& spec);
  // How many rows of the entity, of any workspace, come after `after_rowid`: at most what a Scan
  // from there returns, found without reading the rows.
  Result<int64_t> RowsAfter(const EntitySpec& spec, int64_t after_rowid);
  // Point lookups by record key (the unique index): whether the key is stored, one integer column
  // of it (nullopt when the key is not stored), whether the entity has any row.
  Result<bool> Contains(int64_t ws, const EntitySpec& spec, std::string_view key);
  Result<std::optional<int64_t>> FindInt(int64_t ws, const EntitySpec& spec, std::string_view key, std::string_view column);
  Result<bool> Any(int64_t ws, const EntitySpec& spec);

  // API keys: only their SHA-256 hashes are stored.
  struct ApiKeyRow {
    int64_t id = 0;
    std::string workspace, role, name, created_at;
    bool revoked = false;
  };
  Result<int64_t> AddApiKey(const std::string& workspace, const std::string& role, const std::string& name,
                            const std::string& hash);
  Result<std::optional<ApiKeyRow>> FindApiKey(const std::string& hash);
  Result<std::vector<ApiKeyRow>> ListApiKeys(const std::string& workspace);  // "" = every workspace
  Result<bool> RevokeApiKey(int64_t id, const std::string& workspace);      // "" = any workspace
  // Targets (SMART goals) of a workspace, by name: one per KPI and scope (a dimension and value,
  // both "" for the whole workspace); saving one for a KPI and scope replaces it.
  struct TargetRow {
    int64_t id = 0;
    std::string workspace, kpi, scope_dim, scope_value, op;  // op: ">=", "<=" or "between"
    double value = 0, upper = 0;
    std::string deadline;  // YYYY-MM-DD or ""
    double warning_pct = 5;
    std::string created_at;
  };
  Result<int64_t> SaveTarget(const TargetRow& target);
  Result<std::vector<TargetRow>> ListTargets(const std::string& workspace);
  // A statement on the store's small tables (alert rules, sinks, alerts, deliveries, report
  // schedules and runs): `params` bound in order (text, integer, real or null), `row` called per
  // result row; returns the last inserted rowid.
  using SqlValue = std::variant<std::monostate, std::string, int64_t, double>;
  Result<int64_t> Query(const std::string& sql, const std::vector<SqlValue>& params,
                        const std::function<void(sqlite3_stmt*)>& row = nullptr);
  // Deletes row `id` of a workspace from one of the small tables (targets, alert_rules,
  // alert_sinks, report_schedules); false when the workspace has no such row.
  Result<bool> DeleteWorkspaceRow(std::string_view table, const std::string& workspace, int64_t id);
  // Changes each time anything is committed (for derived caches).
  Result<int64_t> DataVersion(int64_t ws);
  // Drawn at random whenever the version changes: the version counts a workspace's changes, but
  // a database deleted and made again, or restored from a copy and changed differently, counts
  // the same numbers for other data. A derived file keyed by both belongs to this data alone.
  // 0 only for a workspace that an older version of SupportLens created after this one last
  // opened the file.
  Result<int64_t> DataStamp(int64_t ws);
  // A second connection to this file in a read transaction that sees workspace `ws` exactly as
  // this connection's open read transaction does (same data version), for reading two tables at
  // once. Nothing (not an error) without an open read transaction here, for an in-memory or
  // unpublished database, or when a commit to the workspace landed between the two.
  Result<std::unique_ptr<SqliteStore>> ReaderOfSameCommit(int64_t ws);
  // The connection's page cache and memory map serve an import's key lookups. A full read of
  // the tables (the engine's load) passes over each page once: with `one_pass` it keeps a small
  // cache and no map meanwhile, so that the pages read do not stay in the process's memory.
  Status SetOnePassReads(bool one_pass);

  static bool ColumnIsNull(sqlite3_stmt* s, int i);
  static int64_t ColumnInt(sqlite3_stmt* s, int i);
  static double ColumnReal(sqlite3_stmt* s, int i);
  static std::string_view ColumnText(sqlite3_stmt* s, int i);

 private:
  SqliteStore() = default;
  static Result<std::unique_ptr<SqliteStore>> OpenFile(const std::string& path, bool create, bool bulk_load);
  void Close();
  Status Exec(const std::string& sql);
  Status EnsureSchema();
  // Adds `column` to `table` unless the table has it (a database made by an older version).
  Status AddColumnIfMissing(std::string_view table, std::string_view column, std::string_view type);
  Result<sqlite3_stmt*> Prepared(const std::string& sql);
  sqlite3* db_ = nullptr;
  std::string path_;
  std::string publish_path_;  // set while a bulk load is unpublished
  bool alone_ = false;        // taken alone for an import (TakeAloneForImport), until Publish()
  // The file back in WAL mode after TakeAloneForImport(), still locked until this connection closes.
  Status BackToWal();
  // After Close(): an ordinary connection to the database at `path` (as Open) carries on as this store.
  Status ContinueAt(const std::string& path);
  // Most-recently-used first.
  std::vector<std::pair<std::string, sqlite3_stmt*>> cache_;
  // The import's hot loop: each entity's insert, prepared once (owned by cache_), and the query
  // that reads a colliding row.
  struct EntityInsert {
    sqlite3_stmt* insert = nullptr;
    sqlite3_stmt* insert_many = nullptr;  // kRowsPerInsert rows
    std::string select_sql;
  };
  static constexpr size_t kRowsPerInsert = 32;
  Result<EntityInsert*> Inserts(const EntitySpec& spec);
  // Binds one record's columns from parameter `p` on; returns the next parameter.
  static int BindRecord(sqlite3_stmt* q, int p, int64_t ws, int64_t import_id, const EntitySpec& spec,
                        const TypedRecord& r, const std::vector<double>& derived);
  // What a record whose insert did nothing collided with; kInserted when the stored row is the
  // record itself (a multi-row insert stored it).
  Result<InsertOutcome> Collision(int64_t ws, int64_t import_id, const EntityInsert& statements, const TypedRecord& r,
                                  StoredRow* collided, bool may_be_itself);
  std::map<const EntitySpec*, EntityInsert> inserts_;
};

// FNV-1a over the typed values: equal rows hash equal, so a re-import can tell "same record" from
// "same id, different content" without keeping the content in memory.
int64_t RecordHash(const TypedRecord& record);

}  // namespace supportlens
