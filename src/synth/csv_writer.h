#pragma once
// CsvWriter: a buffered RFC 4180 writer for very large synthetic tables. Fields are appended
// with hand-rolled formatting straight into a large buffer (no iostreams, no per-row
// allocation); a separator is emitted automatically before every field but the first of a row.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "supportlens/status.h"

namespace supportlens::synth {

class CsvWriter {
 public:
  CsvWriter() = default;
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;
  ~CsvWriter();

  // Creates or truncates the file and writes the header row (column names are plain).
  Status Open(const std::filesystem::path& path, std::initializer_list<std::string_view> header);
  // Flushes and closes; reports the first write error seen.
  Status Close();

  // Raw text known to need no quoting (enum values, ids built by the generator).
  CsvWriter& Raw(std::string_view s);
  // Free text: quoted when it contains a comma, quote, CR or LF; quotes are doubled.
  CsvWriter& Text(std::string_view s);
  CsvWriter& Empty();
  CsvWriter& Int(int64_t v);
  // prefix + v zero-padded to `width` digits (wider numbers are written in full).
  CsvWriter& Id(std::string_view prefix, int64_t v, int width);
  // UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" from seconds since the Unix epoch.
  CsvWriter& Timestamp(int64_t unix_seconds);
  // Date "YYYY-MM-DD" from days since 1970-01-01.
  CsvWriter& Date(int64_t unix_days);
  CsvWriter& Bool(bool v);
  // A fixed-point decimal with two places from an integer number of cents.
  CsvWriter& Cents(int64_t cents);
  void EndRow();

  int64_t rows() const { return rows_; }

 private:
  void Separator();
  void Reserve(size_t n);
  void Flush();
  void AppendUnsigned(uint64_t v);
  void AppendDate(int64_t unix_days);

  std::FILE* file_ = nullptr;
  std::vector<char> buffer_;
  size_t pos_ = 0;
  bool row_started_ = false;
  bool failed_ = false;
  int64_t rows_ = 0;
  int64_t cached_day_ = INT64_MIN;
  char cached_date_[10] = {};
  std::string path_;
};

}  // namespace supportlens::synth
