// The Anonymous Bank call log (Technion SEE Center; field descriptions in the data's own
// documentation) as canonical calls.
//
// Inclusion rules (docs/contact-center.md):
// - a call is offered to the agents when it leaves the VRU for the queue (q_start) or, served
//   without queueing, for an agent (vru_exit); calls that hung up inside the VRU never reached
//   the agents and are left out (counted in a note);
// - outcome AGENT: answered at ser_start by `server`, ended at ser_exit, talk = ser_time;
// - outcome HANG after queueing: abandoned at q_exit;
// - outcome PHANTOM: the documentation calls these virtual calls to be ignored: left out;
// - type TT marks customers who left a message for a callback: kept, queue "TT";
// - the call's key is vru+line and call_id (call_id alone repeats across lines).
// Times are local clock times of the workspace's time zone; a time more than 12 hours earlier
// than the step before it crossed midnight.
#include <fmt/format.h>

#include <charconv>

#include "ingest/connectors/connectors.h"
#include "ingest/csv_reader.h"

namespace supportlens {
namespace {

constexpr const char* kColumns[] = {"vru+line", "call_id", "customer_id", "priority", "type", "date", "vru_entry", "vru_exit",
                                    "vru_time", "q_start", "q_exit", "q_time", "outcome", "ser_start", "ser_exit", "ser_time", "server"};
enum Col { kLine, kCallId, kCustomer, kPriority, kType, kDate, kVruEntry, kVruExit, kVruTime, kQStart, kQExit, kQTime, kOutcome,
           kSerStart, kSerExit, kSerTime, kServer, kColumnCount };

// "H:MM:SS" -> seconds after midnight.
std::optional<int64_t> ClockSeconds(std::string_view s) {
  int h = 0, m = 0, sec = 0;
  auto num = [&](std::string_view part, int& out) {
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
    return ec == std::errc() && p == part.data() + part.size() && !part.empty();
  };
  size_t a = s.find(':'), b = s.rfind(':');
  if (a == std::string_view::npos || a == b) return std::nullopt;
  if (!num(s.substr(0, a), h) || !num(s.substr(a + 1, b - a - 1), m) || !num(s.substr(b + 1), sec)) return std::nullopt;
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) return std::nullopt;
  return int64_t{h} * 3600 + m * 60 + sec;
}

}  // namespace

Result<TranslatedSource> TranslateAnonymousBank(const std::string& path, const std::string& file, const TimeZone& zone) {
  SL_ASSIGN_OR_RETURN(auto reader, CsvReader::Open(path));
  CsvRecord row;
  if (!reader->Next(row)) return Status::InvalidData(fmt::format("{}: empty file (expected the Anonymous Bank header)", file));
  for (size_t c = 0; c < kColumnCount; ++c)
    if (c >= row.fields.size() || row.fields[c] != kColumns[c])
      return Status::InvalidData(fmt::format("{}:{}: {}: expected the Anonymous Bank column \"{}\" here, found \"{}\"", file, row.line,
                                             c < row.fields.size() ? row.fields[c] : "(missing)", kColumns[c],
                                             c < row.fields.size() ? row.fields[c] : ""));
  const EntitySpec& calls = *FindEntity("calls");
  TranslatedSource out;
  auto& records = out.entities.emplace_back(&calls, std::vector<RawRecord>()).second;
  int64_t in_vru = 0, phantom = 0;
  while (reader->Next(row)) {
    auto issue = [&](std::string column, std::string reason) {
      out.issues.push_back({file, row.line, std::move(column), std::move(reason), row.raw});
    };
    if (!row.error.empty()) {
      issue(row.error_field < kColumnCount ? kColumns[row.error_field] : "record", row.error);
      continue;
    }
    if (row.fields.size() != kColumnCount) {
      issue("record", fmt::format("expected {} fields, found {}", static_cast<int>(kColumnCount), row.fields.size()));
      continue;
    }
    const auto& f = row.fields;
    auto day = ParseDate(f[kDate]);
    if (!day.ok()) {
      issue("date", fmt::format("not a date: \"{}\"", f[kDate]));
      continue;
    }
    // Local clock time on the call's date; `after` moves a time past midnight when it is earlier.
    bool bad = false;
    auto at = [&](Col c, std::optional<int64_t> after = std::nullopt) -> int64_t {
      auto secs = ClockSeconds(f[c]);
      if (!secs) {
        if (!bad) issue(kColumns[c], fmt::format("not a clock time H:MM:SS: \"{}\"", f[c]));
        bad = true;
        return 0;
      }
      int64_t local = int64_t{*day} * 86400 + *secs;
      // Far earlier than the step before it: the call crossed midnight. The log's clocks also
      // disagree by a second or two at times; those stay as they are.
      if (after && local < *after - 12 * 3600) local += 86400;
      return local;
    };
    const std::string& outcome = f[kOutcome];
    if (outcome != "AGENT" && outcome != "HANG" && outcome != "PHANTOM") {
      issue("outcome", fmt::format("expected AGENT, HANG or PHANTOM, got \"{}\"", outcome));
      continue;
    }
    int64_t vru_entry = at(kVruEntry);
    int64_t vru_exit = at(kVruExit, vru_entry);
    const bool queued = !(f[kQStart] == "0:00:00" && f[kQTime] == "0");
    int64_t q_start = queued ? at(kQStart, vru_entry) : 0;
    int64_t q_exit = queued ? at(kQExit, q_start) : 0;
    if (bad) continue;
    if (outcome == "PHANTOM") {
      ++phantom;
      continue;
    }
    if (outcome == "HANG" && !queued) {
      ++in_vru;
      continue;
    }
    RawRecord r;
    r.line = row.line;
    r.raw = row.raw;
    r.values.assign(calls.fields.size(), std::nullopt);
    auto set = [&](const char* field, std::string v) { r.values[static_cast<size_t>(FieldIndex(calls, field))] = std::move(v); };
    auto ts = [&](int64_t local) { return FormatTimestampUtc(zone.ToUtc(local)); };
    set("call_id", f[kLine] + "-" + f[kCallId]);
    set("offered_at", ts(queued ? q_start : vru_exit));
    set("channel", "phone");
    set("queue", f[kType]);
    if (f[kCustomer] != "0" && !f[kCustomer].empty()) set("customer_id", f[kCustomer]);
    if (outcome == "AGENT") {
      int64_t ser_start = at(kSerStart, queued ? q_start : vru_exit);
      int64_t ser_exit = at(kSerExit, ser_start);
      if (bad) continue;
      // Served straight from the VRU, a call is offered when its service starts if the VRU's clock
      // says it left a moment later.
      if (!queued && ser_start < vru_exit) set("offered_at", ts(ser_start));
      set("answered_at", ts(ser_start));
      set("ended_at", ts(ser_exit));
      set("talk_s", f[kSerTime]);
      if (f[kServer] != "NO_SERVER" && !f[kServer].empty()) set("agent_id", f[kServer]);
    } else {
      set("abandoned_at", ts(q_exit));
      set("ended_at", ts(q_exit));
    }
    r.extras = {{"priority", f[kPriority]}, {"vru_seconds", f[kVruTime]}, {"queue_seconds", f[kQTime]}};
    records.push_back(std::move(r));
  }
  if (in_vru) out.notes.push_back(fmt::format("{} calls hung up in the VRU before reaching the queue: not calls offered to agents, left out", in_vru));
  if (phantom) out.notes.push_back(fmt::format("{} PHANTOM calls (virtual calls, per the data's documentation): left out", phantom));
  return out;
}

}  // namespace supportlens
