#include "engine/column_snapshot.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>
#include <type_traits>

namespace supportlens {
namespace {

constexpr char kMagic[8] = {'S', 'L', 'C', 'O', 'L', 'S', '1', '1'};

// Every column of a Dataset, listed once for both directions.
template <typename Dataset_, typename F>
void VisitColumns(Dataset_& d, F&& f) {
  auto& t = d.tickets;
  f(t.created_at); f(t.channel); f(t.customer); f(t.priority); f(t.topic); f(t.queue); f(t.is_complaint); f(t.event_begin);
  auto& e = d.events;
  f(e.at); f(e.type); f(e.actor_kind); f(e.is_public); f(e.status); f(e.actor); f(e.assignee); f(e.sentiment);
  auto& a = d.agents;
  f(a.team); f(a.is_bot); f(a.hired_on); f(a.left_on); f(a.left_voluntarily); f(a.hourly_cost); f(a.in_directory);
  auto& c = d.customers;
  f(c.segment); f(c.acquired_on); f(c.churned_on); f(c.revenue); f(c.in_directory);
  auto& k = d.calls;
  f(k.offered_at); f(k.answered_at); f(k.abandoned_at); f(k.ended_at); f(k.talk_s); f(k.hold_s); f(k.acw_s);
  f(k.channel); f(k.queue); f(k.customer); f(k.ticket); f(k.agent); f(k.transferred); f(k.id);
  auto& s = d.surveys;
  f(s.kind); f(s.score); f(s.scale_min); f(s.scale_max); f(s.answered_at); f(s.ticket); f(s.customer); f(s.agent); f(s.response_id);
  for (auto* i : {&d.states, &d.shifts}) { f(i->agent); f(i->state); f(i->start); f(i->end); }
  auto& r = d.retention;
  f(r.customer); f(r.id); f(r.requested_at); f(r.outcome);
  auto& o = d.offers;
  f(o.offered_at); f(o.accepted); f(o.value); f(o.ticket); f(o.agent); f(o.customer); f(o.id);
  auto& x = d.self_service;
  f(x.started_at); f(x.resolved); f(x.customer); f(x.handed_off_ticket); f(x.id);
  auto& m = d.costs;
  f(m.start_day); f(m.end_day); f(m.amount); f(m.channel);
}

template <typename Facts, typename F>
void VisitFacts(Facts& f, F&& visit) {
  visit(f.frt_start); visit(f.first_reply_at); visit(f.first_replier); visit(f.first_solve_at); visit(f.final_solve_at);
  visit(f.first_solver); visit(f.final_solver); visit(f.owner); visit(f.agent_replies); visit(f.resolutions); visit(f.flags);
  visit(f.resolved_begin); visit(f.resolved_from); visit(f.resolved_until);
  visit(f.sentiment_sum); visit(f.sentiment_messages); visit(f.positive_messages); visit(f.negative_messages);
  visit(f.wait_ticket); visit(f.wait_agent); visit(f.wait_from); visit(f.wait_until);
  visit(f.first_reply_seconds); visit(f.first_solve_seconds); visit(f.final_solve_seconds); visit(f.wait_seconds);
  visit(f.state_days.day_start); visit(f.state_days.agent); visit(f.state_days.day); visit(f.state_days.seconds);
}

// Reads a snapshot from a read-only memory map: every column, strings included, becomes a view
// of the mapping (its pages come straight from the page cache).
class Reader {
 public:
  Reader(const char* data, size_t size) : begin_(data), p_(data), end_(data + size) {}
  bool ok = true;
  void Bytes(void* out, size_t n) {
    if (!ok || static_cast<size_t>(end_ - p_) < n) { ok = false; return; }
    std::memcpy(out, p_, n);
    p_ += n;
  }
  uint64_t U64() { uint64_t v = 0; Bytes(&v, sizeof v); return v; }
  void Align() {
    size_t pad = (8 - static_cast<size_t>(p_ - begin_) % 8) % 8;
    if (static_cast<size_t>(end_ - p_) < pad) { ok = false; return; }
    p_ += pad;
  }
  void operator()(StringColumn& v) {
    Column<uint64_t> offsets;
    Column<char> bytes;
    (*this)(offsets);
    (*this)(bytes);
    if (ok) ok = v.Assign(std::move(offsets), std::move(bytes));
  }
  template <typename T>
  void operator()(Column<T>& c) {
    uint64_t n = U64();
    Align();
    if (!ok || n > static_cast<uint64_t>(end_ - p_) / sizeof(T)) { ok = false; return; }
    c.View(reinterpret_cast<const T*>(p_), n);
    p_ += n * sizeof(T);
  }
 private:
  const char* begin_;
  const char* p_;
  const char* end_;
};

template <typename D>
auto DictionaryList(D& d) {
  return std::array{&d.dict.channel, &d.dict.topic, &d.dict.priority, &d.dict.queue, &d.dict.team,
                    &d.dict.segment, &d.dict.agent,  &d.dict.customer, &d.dict.ticket};
}

}  // namespace

// Each column: its length, padding to 8 bytes, then the raw values, so that a reader can use the
// values in place. A string column is its offsets column, then its bytes column.
class SnapshotFileWriter {
 public:
  explicit SnapshotFileWriter(FILE* f) : f_(f) {}
  bool ok = true;
  void Bytes(const void* p, size_t n) {
    ok = ok && (n == 0 || std::fwrite(p, 1, n, f_) == n);
    offset_ += n;
  }
  void U64(uint64_t v) { Bytes(&v, sizeof v); }
  void Align() {
    static const char kZeros[8] = {};
    Bytes(kZeros, (8 - offset_ % 8) % 8);
  }
  void operator()(const StringColumn& v) {
    (*this)(v.offsets());
    (*this)(v.bytes());
  }
  template <typename T>
  void operator()(const Column<T>& c) {
    U64(c.size());
    Align();
    Bytes(c.data(), c.size() * sizeof(T));
  }
 private:
  FILE* f_;
  size_t offset_ = 0;
};

std::string SnapshotPath(const std::string& db_path, int64_t workspace) {
  return fmt::format("{}.ws{}.columns", db_path, workspace);
}

SnapshotWrite::SnapshotWrite(const Dataset& data, std::string path, int64_t data_version, int64_t data_stamp)
    : path_(std::move(path)), tmp_(fmt::format("{}.{}.tmp", path_, ::getpid())), buffer_(1 << 22) {
  file_ = std::fopen(tmp_.c_str(), "wb");
  if (!file_) {
    open_error_ = std::strerror(errno);
    return;
  }
  std::setvbuf(file_, buffer_.data(), _IOFBF, buffer_.size());
  writer_ = std::make_unique<SnapshotFileWriter>(file_);
  columns_ = std::thread([this, &data, data_version, data_stamp] {
    SnapshotFileWriter& w = *writer_;
    w.Bytes(kMagic, sizeof kMagic);
    w.U64(static_cast<uint64_t>(data_version));
    w.U64(static_cast<uint64_t>(data_stamp));
    w.U64(static_cast<uint64_t>(data.min_time));
    w.U64(static_cast<uint64_t>(data.max_time));
    w.U64(data.last_rowid.size());
    for (int64_t r : data.last_rowid) w.U64(static_cast<uint64_t>(r));
    for (const Dictionary* dict : DictionaryList(data)) w(dict->values());
    VisitColumns(data, w);
  });
}

SnapshotWrite::~SnapshotWrite() { (void)Close(false); }

Status SnapshotWrite::Finish(const TicketFacts& facts) {
  if (!file_) return Status::Io(fmt::format("{}: cannot write the column snapshot: {}", tmp_, open_error_));
  if (columns_.joinable()) columns_.join();
  VisitFacts(facts, *writer_);
  return Close(writer_->ok);
}

Status SnapshotWrite::Close(bool complete) {
  if (columns_.joinable()) columns_.join();
  if (!file_) return Status::Ok();
  bool ok = complete && std::fflush(file_) == 0;
  ok = (std::fclose(file_) == 0) && ok;
  file_ = nullptr;
  std::error_code ec;
  if (ok) std::filesystem::rename(tmp_, path_, ec);
  if (!ok || ec) {
    std::filesystem::remove(tmp_, ec);
    return complete ? Status::Io(fmt::format("{}: writing the column snapshot failed", path_)) : Status::Ok();
  }
  return Status::Ok();
}

Result<std::optional<Snapshot>> ReadSnapshot(const std::string& path, int64_t data_version, int64_t data_stamp) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return std::optional<Snapshot>();
  struct stat st;
  if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof kMagic + 32)) {
    ::close(fd);
    return std::optional<Snapshot>();
  }
  size_t size = static_cast<size_t>(st.st_size);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return std::optional<Snapshot>();
  // The mapping lives as long as the dataset whose columns view it.
  std::shared_ptr<const void> backing(map, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
  Reader r(static_cast<const char*>(map), size);
  char magic[sizeof kMagic];
  r.Bytes(magic, sizeof magic);
  if (!r.ok || std::memcmp(magic, kMagic, sizeof kMagic) != 0) return std::optional<Snapshot>();
  const uint64_t version = r.U64(), stamp = r.U64();
  if (!r.ok || version != static_cast<uint64_t>(data_version) || stamp != static_cast<uint64_t>(data_stamp))
    return std::optional<Snapshot>();
  Snapshot snap;
  Dataset& d = snap.data;
  d.backing = backing;
  d.min_time = static_cast<int64_t>(r.U64());
  d.max_time = static_cast<int64_t>(r.U64());
  uint64_t tables = r.U64();
  if (!r.ok || tables > 64) return std::optional<Snapshot>();
  for (uint64_t i = 0; i < tables; ++i) d.last_rowid.push_back(static_cast<int64_t>(r.U64()));
  for (Dictionary* dict : DictionaryList(d)) {
    StringColumn values;
    r(values);
    dict->Assign(std::move(values));
  }
  VisitColumns(d, r);
  VisitFacts(snap.facts, r);
  if (!r.ok) return std::optional<Snapshot>();  // truncated or foreign: rebuild from the store
  return std::optional<Snapshot>(std::move(snap));
}

}  // namespace supportlens
