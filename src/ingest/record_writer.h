#pragma once
// The store side of the import contract, shared by the folder import and the HTTP batch ingest:
// a record that passed row-local validation is checked against what the workspace already holds
// (references, an event before its ticket, duplicates, a stored row with other values) and inserted.
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/record.h"
#include "store/sqlite_store.h"

namespace supportlens {

struct EntityImportCounts {
  int64_t read = 0;
  int64_t inserted = 0;
  int64_t unchanged = 0;  // already stored with identical values
  int64_t rejected = 0;
};

// What the writer knows about referenced entities: the ones stored plus those accepted so far.
// Preloaded (a bulk import reads them once) or looked up in the store on first use (a small batch).
class KnownIds {
 public:
  static Result<KnownIds> Preload(SqliteStore& store, int64_t ws);
  static KnownIds Lazy(SqliteStore& store, int64_t ws) { return KnownIds(store, ws, false); }
  KnownIds(KnownIds&&) = default;
  KnownIds(const KnownIds&) = delete;  // last_ticket_ points into this object's map

  Result<std::optional<int64_t>> TicketCreated(const std::string& id);
  Result<bool> HasAgent(const std::string& id) { return Has(agents_, *agent_spec_, id); }
  Result<bool> HasCustomer(const std::string& id) { return Has(customers_, *customer_spec_, id); }
  // Agent and customer references are checked once the workspace has any of them.
  Result<bool> AnyAgent() { return Any(any_agent_, agents_, *agent_spec_); }
  Result<bool> AnyCustomer() { return Any(any_customer_, customers_, *customer_spec_); }
  void Accepted(const EntitySpec& spec, const TypedRecord& record);
  // Whether the references of a file of `spec` can be checked by a ReferenceChecker beside the
  // writer: the ids are preloaded, and no field of `spec` names its own entity, so the file's
  // records change none of the ids its references are looked up in.
  bool CheckableAhead(const EntitySpec& spec) const;

 private:
  friend class ReferenceChecker;
  using TicketEntry = std::pair<const std::string, int64_t>;
  KnownIds(SqliteStore& store, int64_t ws, bool preloaded);
  // A ticket's creation among the ids held in memory, `last` being the previous answer's entry.
  std::optional<int64_t> KnownTicketCreated(const std::string& id, const TicketEntry*& last) const;
  Result<bool> Has(std::unordered_set<std::string>& set, const EntitySpec& spec, const std::string& id);
  Result<bool> Any(std::optional<bool>& any, const std::unordered_set<std::string>& set, const EntitySpec& spec);
  SqliteStore* store_;
  int64_t ws_;
  bool preloaded_;
  const EntitySpec *ticket_spec_, *agent_spec_, *customer_spec_;
  std::unordered_map<std::string, int64_t> ticket_created_;
  const TicketEntry* last_ticket_ = nullptr;  // stable: map nodes never move
  std::unordered_set<std::string> agents_, customers_;
  std::optional<bool> any_agent_, any_customer_;
};

// Read-only reference checks for a thread beside the writer, for a file that CheckableAhead()
// allows: the same checks and messages as the writer's.
class ReferenceChecker {
 public:
  explicit ReferenceChecker(const KnownIds& known) : known_(known) {}
  // Appends the record's reference problems to `issues`.
  Status Check(const EntitySpec& spec, const std::string& file, const TypedRecord& record, std::vector<RowIssue>& issues);

  Result<std::optional<int64_t>> TicketCreated(const std::string& id) { return known_.KnownTicketCreated(id, last_ticket_); }
  Result<bool> HasAgent(const std::string& id) const { return known_.agents_.count(id) > 0; }
  Result<bool> HasCustomer(const std::string& id) const { return known_.customers_.count(id) > 0; }
  Result<bool> AnyAgent() const { return !known_.agents_.empty(); }
  Result<bool> AnyCustomer() const { return !known_.customers_.empty(); }

 private:
  const KnownIds& known_;
  const KnownIds::TicketEntry* last_ticket_ = nullptr;
};

class RecordWriter {
 public:
  RecordWriter(SqliteStore& store, int64_t ws, int64_t import_id, KnownIds& known)
      : store_(store), ws_(ws), import_id_(import_id), known_(known) {}

  // Checks and stores `record` (validated, key and hash filled) of `spec`, read from `file`.
  // Counts it, and appends its problems to `issues` when it is rejected. An error Status only
  // when the database fails.
  Status Write(const EntitySpec& spec, const std::string& file, const TypedRecord& record, EntityImportCounts& counts,
               std::vector<RowIssue>& issues);
  // Write for records of one file in file order, with their derived columns computed: the store
  // takes them many rows per statement. Problems are appended record by record, as Write would.
  // With `references_checked`, a ReferenceChecker has passed every record already.
  Status WriteMany(const EntitySpec& spec, const std::string& file, const std::vector<const TypedRecord*>& records,
                   EntityImportCounts& counts, std::vector<RowIssue>& issues, bool references_checked = false);

 private:
  Status CheckReferences(const EntitySpec& spec, const std::string& file, const TypedRecord& record,
                         std::vector<RowIssue>& issues);
  // Counts a checked record by what its insert did, and accepts it or reports why not.
  void Account(const EntitySpec& spec, const std::string& file, const TypedRecord& record, InsertOutcome outcome,
               const StoredRow& collided, EntityImportCounts& counts, std::vector<RowIssue>& issues);
  SqliteStore& store_;
  int64_t ws_, import_id_;
  KnownIds& known_;
};

// The record's key: its id, or the entity's key fields joined.
std::string RecordKey(const EntitySpec& spec, const TypedRecord& record);

}  // namespace supportlens
