#include "ingest/record_writer.h"

#include <fmt/format.h>

#include "core/time_zone.h"
#include "ingest/derived_columns.h"

namespace supportlens {

std::string RecordKey(const EntitySpec& spec, const TypedRecord& r) {
  std::string key;
  for (size_t k = 0; k < spec.key.size(); ++k) {
    const Value& v = r.values[static_cast<size_t>(FieldIndex(spec, spec.key[k]))];
    if (k) key += '\x1f';
    if (v.kind == Value::Kind::kText) key += v.s;
    else if (v.kind == Value::Kind::kInt) key += std::to_string(v.i);
  }
  return key;
}

KnownIds::KnownIds(SqliteStore& store, int64_t ws, bool preloaded)
    : store_(&store), ws_(ws), preloaded_(preloaded), ticket_spec_(FindEntity("tickets")),
      agent_spec_(FindEntity("agents")), customer_spec_(FindEntity("customers")) {}

Result<KnownIds> KnownIds::Preload(SqliteStore& store, int64_t ws) {
  KnownIds k(store, ws, true);
  SL_RETURN_IF_ERROR(store.Scan(ws, *k.ticket_spec_, {"ticket_id", "created_at"}, [&](sqlite3_stmt* s) {
    k.ticket_created_.emplace(SqliteStore::ColumnText(s, 0), SqliteStore::ColumnInt(s, 1));
  }));
  SL_RETURN_IF_ERROR(store.Scan(ws, *k.agent_spec_, {"agent_id"},
                                [&](sqlite3_stmt* s) { k.agents_.emplace(SqliteStore::ColumnText(s, 0)); }));
  SL_RETURN_IF_ERROR(store.Scan(ws, *k.customer_spec_, {"customer_id"},
                                [&](sqlite3_stmt* s) { k.customers_.emplace(SqliteStore::ColumnText(s, 0)); }));
  return k;
}

std::optional<int64_t> KnownIds::KnownTicketCreated(const std::string& id, const TicketEntry*& last) const {
  // Exports list a ticket's events, calls and surveys together: the previous answer is often this one.
  if (last && last->first == id) return last->second;
  auto it = ticket_created_.find(id);
  if (it == ticket_created_.end()) return std::nullopt;
  last = &*it;
  return it->second;
}

Result<std::optional<int64_t>> KnownIds::TicketCreated(const std::string& id) {
  if (auto known = KnownTicketCreated(id, last_ticket_)) return known;
  if (preloaded_) return std::optional<int64_t>();
  SL_ASSIGN_OR_RETURN(auto created, store_->FindInt(ws_, *ticket_spec_, id, "created_at"));
  if (created) last_ticket_ = &*ticket_created_.emplace(id, *created).first;
  return created;
}

Result<bool> KnownIds::Has(std::unordered_set<std::string>& set, const EntitySpec& spec, const std::string& id) {
  if (set.count(id)) return true;
  if (preloaded_) return false;
  SL_ASSIGN_OR_RETURN(bool stored, store_->Contains(ws_, spec, id));
  if (stored) set.insert(id);
  return stored;
}

Result<bool> KnownIds::Any(std::optional<bool>& any, const std::unordered_set<std::string>& set, const EntitySpec& spec) {
  if (!set.empty()) return true;
  if (preloaded_) return false;
  if (!any) {
    SL_ASSIGN_OR_RETURN(bool stored, store_->Any(ws_, spec));
    any = stored;
  }
  return *any;
}

void KnownIds::Accepted(const EntitySpec& spec, const TypedRecord& record) {
  if (&spec == ticket_spec_)
    ticket_created_.emplace(record.key, record.values[static_cast<size_t>(FieldIndex(spec, "created_at"))].i);
  else if (&spec == agent_spec_) agents_.insert(record.key);
  else if (&spec == customer_spec_) customers_.insert(record.key);
}

namespace {

// The checks of a record's references, against the writer's KnownIds or a ReferenceChecker.
template <typename Known>
Status CheckReferencesIn(Known& known, const EntitySpec& spec, const std::string& file, const TypedRecord& rec,
                         std::vector<RowIssue>& issues) {
  auto issue = [&](std::string_view column, std::string reason) {
    issues.push_back({file, rec.line, std::string(column), std::move(reason), rec.raw});
  };
  const bool is_events = spec.name == "events";
  std::optional<int64_t> ticket_created;  // of the record's own ticket, for the events' order check
  for (size_t k = 0; k < spec.fields.size(); ++k) {
    EntityKind kind = spec.fields[k].references;
    const Value& v = rec.values[k];
    if (kind == EntityKind::kNone || v.is_null()) continue;
    if (kind == EntityKind::kTicket) {
      SL_ASSIGN_OR_RETURN(auto created, known.TicketCreated(v.s));
      if (!created) issue(spec.fields[k].name, fmt::format("unknown ticket \"{}\"", v.s));
      else if (spec.fields[k].name == "ticket_id") ticket_created = created;
    }
    // Many exports carry agent and customer ids without the directory behind them.
    if (kind == EntityKind::kAgent) {
      SL_ASSIGN_OR_RETURN(bool any, known.AnyAgent());
      if (!any) continue;
      // Customers and the system are not agents: only agent and bot actors must resolve.
      if (spec.fields[k].name == "actor_id") {
        const Value& actor_kind = rec.values[static_cast<size_t>(FieldIndex(spec, "actor_kind"))];
        if (actor_kind.is_null() || (actor_kind.s != "agent" && actor_kind.s != "bot")) continue;
      }
      SL_ASSIGN_OR_RETURN(bool has, known.HasAgent(v.s));
      if (!has) issue(spec.fields[k].name, fmt::format("unknown agent \"{}\"", v.s));
    }
    if (kind == EntityKind::kCustomer) {
      SL_ASSIGN_OR_RETURN(bool any, known.AnyCustomer());
      if (!any) continue;
      SL_ASSIGN_OR_RETURN(bool has, known.HasCustomer(v.s));
      if (!has) issue(spec.fields[k].name, fmt::format("unknown customer \"{}\"", v.s));
    }
  }
  if (is_events && ticket_created && rec.values[static_cast<size_t>(FieldIndex(spec, "at"))].i < *ticket_created)
    issue("at", fmt::format("before its ticket was created ({})", FormatTimestampUtc(*ticket_created)));
  return Status::Ok();
}

}  // namespace

Status RecordWriter::CheckReferences(const EntitySpec& spec, const std::string& file, const TypedRecord& rec,
                                     std::vector<RowIssue>& issues) {
  return CheckReferencesIn(known_, spec, file, rec, issues);
}

namespace {

bool RefersToItsOwnKind(const EntitySpec& spec) {
  for (const auto& f : spec.fields)
    if (f.references != EntityKind::kNone && f.references == spec.kind) return true;
  return false;
}

}  // namespace

bool KnownIds::CheckableAhead(const EntitySpec& spec) const { return preloaded_ && !RefersToItsOwnKind(spec); }

Status ReferenceChecker::Check(const EntitySpec& spec, const std::string& file, const TypedRecord& rec,
                               std::vector<RowIssue>& issues) {
  return CheckReferencesIn(*this, spec, file, rec, issues);
}

Status RecordWriter::Write(const EntitySpec& spec, const std::string& file, const TypedRecord& rec,
                           EntityImportCounts& counts, std::vector<RowIssue>& issues) {
  size_t before = issues.size();
  SL_RETURN_IF_ERROR(CheckReferences(spec, file, rec, issues));
  if (issues.size() > before) {
    ++counts.rejected;
    return Status::Ok();
  }
  StoredRow collided;
  // Computed ahead by the folder import's reading thread; the other paths compute them here.
  std::vector<double> computed;
  if (rec.derived.empty()) computed = DerivedColumns(spec, rec);
  SL_ASSIGN_OR_RETURN(InsertOutcome outcome, store_.Insert(ws_, import_id_, spec, rec, &collided, rec.derived.empty() ? computed : rec.derived));
  Account(spec, file, rec, outcome, collided, counts, issues);
  return Status::Ok();
}

Status RecordWriter::WriteMany(const EntitySpec& spec, const std::string& file,
                               const std::vector<const TypedRecord*>& records, EntityImportCounts& counts,
                               std::vector<RowIssue>& issues, bool references_checked) {
  // Checking all references before storing any is the same as interleaving them only while no
  // field refers to the entity being stored (a record could name one stored just before it).
  if (!references_checked && RefersToItsOwnKind(spec)) {
    for (const TypedRecord* rec : records) SL_RETURN_IF_ERROR(Write(spec, file, *rec, counts, issues));
    return Status::Ok();
  }
  // A record's reference problems and its insert outcome are reported at its place in the file.
  std::vector<const TypedRecord*> checked;
  std::vector<std::vector<RowIssue>> reference_issues(records.size());
  std::vector<size_t> checked_index;
  checked.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    if (!references_checked) SL_RETURN_IF_ERROR(CheckReferences(spec, file, *records[i], reference_issues[i]));
    if (reference_issues[i].empty()) {
      checked.push_back(records[i]);
      checked_index.push_back(i);
    }
  }
  std::vector<InsertOutcome> outcomes;
  std::vector<StoredRow> collided;
  SL_RETURN_IF_ERROR(store_.InsertMany(ws_, import_id_, spec, checked, outcomes, collided));
  size_t next_checked = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    if (next_checked < checked_index.size() && checked_index[next_checked] == i) {
      Account(spec, file, *records[i], outcomes[next_checked], collided[next_checked], counts, issues);
      ++next_checked;
      continue;
    }
    for (auto& issue : reference_issues[i]) issues.push_back(std::move(issue));
    ++counts.rejected;
  }
  return Status::Ok();
}

void RecordWriter::Account(const EntitySpec& spec, const std::string& file, const TypedRecord& rec,
                           InsertOutcome outcome, const StoredRow& collided, EntityImportCounts& counts,
                           std::vector<RowIssue>& issues) {
  auto shown_key = [&] {
    std::string k = rec.key;
    for (auto& c : k) if (c == '\x1f') c = '/';
    return k;
  };
  switch (outcome) {
    case InsertOutcome::kInserted: ++counts.inserted; break;
    case InsertOutcome::kUnchanged: ++counts.unchanged; break;
    case InsertOutcome::kDuplicateInThisImport:
      issues.push_back({file, rec.line, std::string(spec.key[0]),
                        fmt::format("duplicate id \"{}\" (first seen on line {})", shown_key(), collided.line), rec.raw});
      ++counts.rejected;
      return;
    case InsertOutcome::kConflict:
      issues.push_back({file, rec.line, std::string(spec.key[0]),
                        fmt::format("\"{}\" is already stored with different values (stored rows are never changed)", shown_key()),
                        rec.raw});
      ++counts.rejected;
      return;
  }
  known_.Accepted(spec, rec);
}

}  // namespace supportlens
