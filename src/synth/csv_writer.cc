#include "synth/csv_writer.h"

#include <cstring>

#include "synth/civil_time.h"

namespace supportlens::synth {
namespace {

constexpr size_t kBufferSize = size_t{1} << 21;  // 2 MiB: few write calls even at 60M rows
constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

inline char* Put2(char* p, unsigned v) {
  std::memcpy(p, kDigitPairs + 2 * v, 2);
  return p + 2;
}

}  // namespace

CsvWriter::~CsvWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

Status CsvWriter::Open(const std::filesystem::path& path, std::initializer_list<std::string_view> header) {
  path_ = path.string();
  file_ = std::fopen(path_.c_str(), "wb");
  if (file_ == nullptr) return Status::Io("cannot create " + path_);
  buffer_.resize(kBufferSize);
  pos_ = 0;
  rows_ = 0;
  for (std::string_view column : header) Raw(column);
  EndRow();
  rows_ = 0;
  return Status::Ok();
}

Status CsvWriter::Close() {
  if (file_ == nullptr) return Status::Ok();
  Flush();
  if (std::fclose(file_) != 0) failed_ = true;
  file_ = nullptr;
  if (failed_) return Status::Io("write failed: " + path_);
  return Status::Ok();
}

void CsvWriter::Flush() {
  if (pos_ > 0 && file_ != nullptr) {
    if (std::fwrite(buffer_.data(), 1, pos_, file_) != pos_) failed_ = true;
  }
  pos_ = 0;
}

void CsvWriter::Reserve(size_t n) {
  if (pos_ + n > buffer_.size()) {
    Flush();
    if (n > buffer_.size()) buffer_.resize(n);
  }
}

void CsvWriter::Separator() {
  Reserve(64);
  if (row_started_) buffer_[pos_++] = ',';
  row_started_ = true;
}

CsvWriter& CsvWriter::Raw(std::string_view s) {
  Separator();
  if (s.empty()) return *this;
  Reserve(s.size());
  std::memcpy(buffer_.data() + pos_, s.data(), s.size());
  pos_ += s.size();
  return *this;
}

CsvWriter& CsvWriter::Text(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return Raw(s);
  Separator();
  Reserve(2 * s.size() + 2);
  char* p = buffer_.data() + pos_;
  *p++ = '"';
  for (char c : s) {
    if (c == '"') *p++ = '"';
    *p++ = c;
  }
  *p++ = '"';
  pos_ = static_cast<size_t>(p - buffer_.data());
  return *this;
}

CsvWriter& CsvWriter::Empty() {
  Separator();
  return *this;
}

void CsvWriter::AppendUnsigned(uint64_t v) {
  char tmp[24];
  char* end = tmp + sizeof(tmp);
  char* p = end;
  while (v >= 100) {
    p -= 2;
    std::memcpy(p, kDigitPairs + 2 * (v % 100), 2);
    v /= 100;
  }
  if (v >= 10) {
    p -= 2;
    std::memcpy(p, kDigitPairs + 2 * v, 2);
  } else {
    *--p = static_cast<char>('0' + v);
  }
  const size_t n = static_cast<size_t>(end - p);
  std::memcpy(buffer_.data() + pos_, p, n);
  pos_ += n;
}

CsvWriter& CsvWriter::Int(int64_t v) {
  Separator();
  if (v < 0) {
    buffer_[pos_++] = '-';
    AppendUnsigned(0 - static_cast<uint64_t>(v));
  } else {
    AppendUnsigned(static_cast<uint64_t>(v));
  }
  return *this;
}

CsvWriter& CsvWriter::Id(std::string_view prefix, int64_t v, int width) {
  Separator();
  Reserve(prefix.size() + 24);
  std::memcpy(buffer_.data() + pos_, prefix.data(), prefix.size());
  pos_ += prefix.size();
  int digits = 1;
  for (int64_t x = v; x >= 10; x /= 10) ++digits;
  for (int i = digits; i < width; ++i) buffer_[pos_++] = '0';
  AppendUnsigned(static_cast<uint64_t>(v));
  return *this;
}

void CsvWriter::AppendDate(int64_t unix_days) {
  if (unix_days != cached_day_) {
    const CivilDate c = CivilFromDays(unix_days);
    char* p = cached_date_;
    p = Put2(p, static_cast<unsigned>(c.year / 100 % 100));
    p = Put2(p, static_cast<unsigned>(c.year % 100));
    *p++ = '-';
    p = Put2(p, c.month);
    *p++ = '-';
    Put2(p, c.day);
    cached_day_ = unix_days;
  }
  std::memcpy(buffer_.data() + pos_, cached_date_, 10);
  pos_ += 10;
}

CsvWriter& CsvWriter::Timestamp(int64_t unix_seconds) {
  Separator();
  const int64_t day = FloorDiv(unix_seconds, 86400);
  const auto sod = static_cast<unsigned>(unix_seconds - day * 86400);
  AppendDate(day);
  char* p = buffer_.data() + pos_;
  *p++ = 'T';
  p = Put2(p, sod / 3600);
  *p++ = ':';
  p = Put2(p, sod / 60 % 60);
  *p++ = ':';
  p = Put2(p, sod % 60);
  *p++ = 'Z';
  pos_ = static_cast<size_t>(p - buffer_.data());
  return *this;
}

CsvWriter& CsvWriter::Date(int64_t unix_days) {
  Separator();
  AppendDate(unix_days);
  return *this;
}

CsvWriter& CsvWriter::Bool(bool v) { return Raw(v ? "true" : "false"); }

CsvWriter& CsvWriter::Cents(int64_t cents) {
  Separator();
  if (cents < 0) {
    buffer_[pos_++] = '-';
    cents = -cents;
  }
  AppendUnsigned(static_cast<uint64_t>(cents / 100));
  buffer_[pos_++] = '.';
  pos_ = static_cast<size_t>(Put2(buffer_.data() + pos_, static_cast<unsigned>(cents % 100)) - buffer_.data());
  return *this;
}

void CsvWriter::EndRow() {
  Reserve(1);
  buffer_[pos_++] = '\n';
  row_started_ = false;
  ++rows_;
}

}  // namespace supportlens::synth
