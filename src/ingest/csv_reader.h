#pragma once
// Streaming RFC 4180 reader: header row, comma separator, double-quote quoting, quoted
// fields may span lines. Reports the physical line a record starts on, and quoting errors
// with the column they occur in, then resynchronises at the next line.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "supportlens/result.h"

namespace supportlens {

struct CsvRecord {
  int64_t line = 0;                  // 1-based physical line where the record starts
  std::vector<std::string> fields;
  std::string error;                 // non-empty: malformed quoting, the record is unusable
  size_t error_field = 0;            // index of the field where the error was found
  std::string raw;                   // the record's text (for the rejects file)
};

class CsvReader {
 public:
  static Result<std::unique_ptr<CsvReader>> Open(const std::string& path);
  // Parses from memory (tests).
  static std::unique_ptr<CsvReader> FromString(std::string text);
  ~CsvReader();

  // Reads the next record; false at end of input.
  bool Next(CsvRecord& record);

 private:
  CsvReader() = default;
  bool Fill();  // appends more input to buf_; false at EOF
  FILE* file_ = nullptr;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  int64_t line_ = 1;
};

}  // namespace supportlens
