// Asterisk's queue_log (Asterisk documentation, "Queue Logs"): one event per line,
//   UNIX time|call id|queue|member channel|EVENT|data1|data2|...
// translated into canonical calls and agent states.
//
// Calls (keyed by the call id):
// - ENTERQUEUE(url|callerid): offered at that time to that queue, the caller id as customer;
// - CONNECT(holdtime|bridged id|ringtime): answered by the member (agent);
// - COMPLETEAGENT / COMPLETECALLER(holdtime|calltime|origposition): ended, talk = calltime;
// - TRANSFER(extension|context|holdtime|calltime), ATTENDEDTRANSFER, BLINDTRANSFER: ended,
//   transferred (talk = calltime when given);
// - ABANDON(position|origposition|waittime): abandoned; EXITWITHTIMEOUT and EXITWITHKEY (the
//   caller left the queue unanswered, by timeout or by pressing a key): also abandoned, with the
//   exit kept as the call's attribute `queue_exit`;
// - RINGNOANSWER: an agent missed the ring; counted per call as attribute `missed_rings`.
// Agent states (per member): AGENTLOGIN / AGENTCALLBACKLOGIN open a session, AGENTLOGOFF /
// AGENTCALLBACKLOGOFF close it; within it PAUSE..UNPAUSE is `break`, CONNECT..end of the call is
// `handling`, the rest `available`.
// Queue and system events that carry no call or state (QUEUESTART, CONFIGRELOAD, ADDMEMBER,
// REMOVEMEMBER, ...) are skipped; an event name the connector does not know is reported.
#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "ingest/connectors/connectors.h"

namespace supportlens {
namespace {

struct Call {
  int64_t line = 0;
  std::string raw, id, queue, caller, agent, queue_exit;
  int64_t offered = 0, answered = -1, abandoned = -1, ended = -1;
  std::string talk;
  bool transferred = false;
  int missed_rings = 0;
};

struct Interval {
  std::string agent, state;
  int64_t start, end, line;
};

bool ParseInt(std::string_view s, int64_t& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

const std::set<std::string_view>& Skipped() {
  static const std::set<std::string_view> events = {"QUEUESTART", "CONFIGRELOAD", "ADDMEMBER", "REMOVEMEMBER", "PAUSEALL", "UNPAUSEALL",
                                                    "SYSCOMPAT", "AGENTDUMP", "DID", "INFO", "JOINEMPTY", "LEAVEEMPTY", "PENALTY",
                                                    "RINGCANCELED", "QUEUEEND"};
  return events;
}

}  // namespace

Result<TranslatedSource> TranslateAsteriskQueueLog(const std::string& path, const std::string& file) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(fmt::format("{}: cannot open the queue_log", path));
  TranslatedSource out;
  std::map<std::string, Call> calls;  // by call id
  std::vector<std::string> call_order;
  std::vector<Interval> states;
  // Per member: the open session, pause and call starts (-1: none).
  struct Member {
    int64_t login = -1, pause = -1, handling = -1;
    std::string handling_call;
    std::vector<std::pair<int64_t, int64_t>> busy;  // pauses and calls of the open session
  };
  std::map<std::string, Member> members;
  int64_t skipped = 0, line_no = 0;
  std::string line;

  auto close_session = [&](const std::string& agent, Member& m, int64_t until, int64_t line) {
    // The session minus its pauses and calls is available time.
    std::sort(m.busy.begin(), m.busy.end());
    int64_t cursor = m.login;
    for (auto [from, to] : m.busy) {
      if (from > cursor) states.push_back({agent, "available", cursor, from, line});
      cursor = std::max(cursor, to);
    }
    if (until > cursor) states.push_back({agent, "available", cursor, until, line});
    m.busy.clear();
    m.login = -1;
  };

  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::vector<std::string> f;
    for (size_t start = 0;;) {
      size_t bar = line.find('|', start);
      f.push_back(line.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    auto issue = [&](const char* field, std::string reason) { out.issues.push_back({file, line_no, field, std::move(reason), line}); };
    if (f.size() < 5) {
      issue("record", fmt::format("expected at least 5 '|'-separated fields (time|callid|queue|agent|event), found {}", f.size()));
      continue;
    }
    int64_t t = 0;
    if (!ParseInt(f[0], t) || t < 0) {
      issue("time", fmt::format("not a UNIX time: \"{}\"", f[0]));
      continue;
    }
    const std::string &id = f[1], &queue = f[2], &agent = f[3], &event = f[4];
    auto data = [&](size_t i) -> std::string { return f.size() > 5 + i ? f[5 + i] : ""; };
    auto call = [&]() -> Call* {
      auto it = calls.find(id);
      if (it == calls.end()) {
        issue("callid", fmt::format("{} for call \"{}\", which has no ENTERQUEUE before it", event, id));
        return nullptr;
      }
      return &it->second;
    };
    auto end_handling = [&](const std::string& member, int64_t at) {
      auto it = members.find(member);
      if (it == members.end() || it->second.handling < 0 || it->second.handling_call != id) return;
      Member& m = it->second;
      states.push_back({member, "handling", m.handling, at, line_no});
      if (m.login >= 0) m.busy.emplace_back(m.handling, at);
      m.handling = -1;
    };

    if (event == "ENTERQUEUE") {
      if (calls.count(id)) {
        issue("callid", fmt::format("call \"{}\" entered a queue twice", id));
        continue;
      }
      Call c;
      c.line = line_no;
      c.raw = line;
      c.id = id;
      c.queue = queue;
      c.caller = data(1);
      c.offered = t;
      calls.emplace(id, std::move(c));
      call_order.push_back(id);
    } else if (event == "CONNECT") {
      Call* c = call();
      if (!c) continue;
      c->answered = t;
      c->agent = agent;
      Member& m = members[agent];
      m.handling = t;
      m.handling_call = id;
    } else if (event == "COMPLETEAGENT" || event == "COMPLETECALLER" || event == "TRANSFER" || event == "ATTENDEDTRANSFER" ||
               event == "BLINDTRANSFER") {
      Call* c = call();
      if (!c) continue;
      c->ended = t;
      bool transfer = event.find("TRANSFER") != std::string::npos;
      std::string calltime = event == "TRANSFER" ? data(3) : transfer ? "" : data(1);
      int64_t seconds = 0;
      if (!calltime.empty() && !ParseInt(calltime, seconds)) {
        issue(event == "TRANSFER" ? "data4" : "data2", fmt::format("call time is not a number of seconds: \"{}\"", calltime));
        continue;
      }
      if (!calltime.empty()) c->talk = calltime;
      c->transferred = transfer;
      end_handling(agent, t);
    } else if (event == "ABANDON" || event == "EXITWITHTIMEOUT" || event == "EXITWITHKEY") {
      Call* c = call();
      if (!c) continue;
      c->abandoned = c->ended = t;
      if (event != "ABANDON") c->queue_exit = event == "EXITWITHKEY" ? "key" : "timeout";
    } else if (event == "RINGNOANSWER") {
      if (Call* c = call()) ++c->missed_rings;
    } else if (event == "AGENTLOGIN" || event == "AGENTCALLBACKLOGIN") {
      Member& m = members[agent];
      if (m.login >= 0) close_session(agent, m, t, line_no);  // a second login closes the first
      m.login = t;
    } else if (event == "AGENTLOGOFF" || event == "AGENTCALLBACKLOGOFF") {
      Member& m = members[agent];
      if (m.login < 0) {
        issue("event", fmt::format("{} for \"{}\", who is not logged in", event, agent));
        continue;
      }
      if (m.pause >= 0) {
        states.push_back({agent, "break", m.pause, t, line_no});
        m.busy.emplace_back(m.pause, t);
        m.pause = -1;
      }
      close_session(agent, m, t, line_no);
    } else if (event == "PAUSE") {
      Member& m = members[agent];
      if (m.pause < 0) m.pause = t;
    } else if (event == "UNPAUSE") {
      Member& m = members[agent];
      if (m.pause >= 0) {
        states.push_back({agent, "break", m.pause, t, line_no});
        if (m.login >= 0) m.busy.emplace_back(m.pause, t);
        m.pause = -1;
      }
    } else if (Skipped().count(event)) {
      ++skipped;
    } else {
      issue("event", fmt::format("unknown queue_log event \"{}\"", event));
    }
  }

  const EntitySpec& call_spec = *FindEntity("calls");
  const EntitySpec& state_spec = *FindEntity("agent_states");
  auto& call_records = out.entities.emplace_back(&call_spec, std::vector<RawRecord>()).second;
  for (const std::string& id : call_order) {
    const Call& c = calls[id];
    RawRecord r;
    r.line = c.line;
    r.raw = c.raw;
    r.values.assign(call_spec.fields.size(), std::nullopt);
    auto set = [&](const char* field, std::string v) { r.values[static_cast<size_t>(FieldIndex(call_spec, field))] = std::move(v); };
    auto ts = [](int64_t s) { return FormatTimestampUtc(s); };
    set("call_id", c.id);
    set("offered_at", ts(c.offered));
    set("channel", "phone");
    if (!c.queue.empty() && c.queue != "NONE") set("queue", c.queue);
    if (c.answered >= 0) set("answered_at", ts(c.answered));
    if (c.abandoned >= 0) set("abandoned_at", ts(c.abandoned));
    if (c.ended >= 0) set("ended_at", ts(c.ended));
    if (!c.talk.empty()) set("talk_s", c.talk);
    if (!c.agent.empty() && c.agent != "NONE") set("agent_id", c.agent);
    set("transferred", c.transferred ? "true" : "false");
    if (!c.caller.empty()) r.extras.emplace_back("caller_id", c.caller);
    if (!c.queue_exit.empty()) r.extras.emplace_back("queue_exit", c.queue_exit);
    if (c.missed_rings) r.extras.emplace_back("missed_rings", std::to_string(c.missed_rings));
    call_records.push_back(std::move(r));
  }
  auto& state_records = out.entities.emplace_back(&state_spec, std::vector<RawRecord>()).second;
  std::sort(states.begin(), states.end(), [](const Interval& a, const Interval& b) {
    return std::tie(a.agent, a.start, a.state) < std::tie(b.agent, b.start, b.state);
  });
  for (const Interval& s : states) {
    if (s.end <= s.start) continue;  // nothing to measure
    RawRecord r;
    r.line = s.line;
    r.raw = fmt::format("{} {} {}..{}", s.agent, s.state, s.start, s.end);
    r.values.assign(state_spec.fields.size(), std::nullopt);
    r.values[static_cast<size_t>(FieldIndex(state_spec, "agent_id"))] = s.agent;
    r.values[static_cast<size_t>(FieldIndex(state_spec, "state"))] = s.state;
    r.values[static_cast<size_t>(FieldIndex(state_spec, "start"))] = FormatTimestampUtc(s.start);
    r.values[static_cast<size_t>(FieldIndex(state_spec, "end"))] = FormatTimestampUtc(s.end);
    state_records.push_back(std::move(r));
  }
  if (skipped) out.notes.push_back(fmt::format("{} queue and system events without a call or agent state (QUEUESTART, ADDMEMBER, ...) skipped", skipped));
  int64_t open_sessions = 0;
  for (auto& [agent, m] : members) open_sessions += m.login >= 0;
  if (open_sessions) out.notes.push_back(fmt::format("{} agent sessions still open at the end of the log: their available time is not counted", open_sessions));
  return out;
}

}  // namespace supportlens
