#include "ingest/csv_reader.h"

#include <fmt/format.h>

#include <cstring>

namespace supportlens {

namespace {
constexpr size_t kChunk = 1 << 20;
}

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status::Io(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::unique_ptr<CsvReader> r(new CsvReader());
  r->file_ = f;
  r->Fill();
  // Skip a UTF-8 byte-order mark.
  if (r->buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) r->pos_ = 3;
  return r;
}

std::unique_ptr<CsvReader> CsvReader::FromString(std::string text) {
  std::unique_ptr<CsvReader> r(new CsvReader());
  r->buf_ = std::move(text);
  r->eof_ = true;
  return r;
}

CsvReader::~CsvReader() {
  if (file_) std::fclose(file_);
}

bool CsvReader::Fill() {
  if (eof_ || !file_) { eof_ = true; return false; }
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  size_t old = buf_.size();
  buf_.resize(old + kChunk);
  size_t n = std::fread(buf_.data() + old, 1, kChunk, file_);
  buf_.resize(old + n);
  if (n == 0) eof_ = true;
  return n > 0;
}

bool CsvReader::Next(CsvRecord& rec) {
  // Make sure a whole record is buffered: at least up to a newline outside quotes, or EOF.
  // We parse optimistically and refill from the record start when we run out of input.
  for (;;) {
    size_t start = pos_;
    if (start >= buf_.size()) {
      if (!Fill()) return false;
      continue;
    }
    size_t i = start;
    size_t nfields = 0;
    rec.error.clear();
    rec.error_field = 0;
    int64_t lines_in_record = 0;
    bool need_more = false;
    auto field = [&](size_t k) -> std::string& {
      if (rec.fields.size() <= k) rec.fields.resize(k + 1);
      return rec.fields[k];
    };
    for (;;) {
      std::string& f = field(nfields);
      f.clear();
      if (i < buf_.size() && buf_[i] == '"') {
        ++i;
        bool closed = false;
        while (i < buf_.size()) {
          const char* q = static_cast<const char*>(std::memchr(buf_.data() + i, '"', buf_.size() - i));
          size_t stop = q ? static_cast<size_t>(q - buf_.data()) : buf_.size();
          for (size_t j = i; j < stop; ++j) lines_in_record += buf_[j] == '\n';
          f.append(buf_, i, stop - i);
          i = stop;
          if (!q) break;
          if (i + 1 >= buf_.size() && !eof_) break;  // cannot tell "" from " yet
          if (i + 1 < buf_.size() && buf_[i + 1] == '"') {
            f.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (!closed) {
          if (!eof_) { need_more = true; break; }
          rec.error = "malformed CSV quoting: quoted field is never closed";
          rec.error_field = nfields;
          i = buf_.size();
          break;
        }
        if (i < buf_.size() && buf_[i] != ',' && buf_[i] != '\n' && buf_[i] != '\r') {
          rec.error = "malformed CSV quoting: text after the closing quote";
          rec.error_field = nfields;
        }
      } else {
        size_t j = i;
        while (j < buf_.size() && buf_[j] != ',' && buf_[j] != '\n' && buf_[j] != '\r') {
          if (buf_[j] == '"' && rec.error.empty()) {
            rec.error = "malformed CSV quoting: quote inside an unquoted field";
            rec.error_field = nfields;
          }
          ++j;
        }
        if (j >= buf_.size() && !eof_) { need_more = true; break; }
        f.assign(buf_, i, j - i);
        i = j;
      }
      if (!rec.error.empty()) {
        // Resynchronise at the end of this physical line.
        while (i < buf_.size() && buf_[i] != '\n') ++i;
        if (i >= buf_.size() && !eof_) { need_more = true; break; }
      }
      ++nfields;
      if (i >= buf_.size()) break;
      if (rec.error.empty() && buf_[i] == ',') { ++i; continue; }
      if (buf_[i] == '\r') {
        ++i;
        if (i >= buf_.size() && !eof_) { need_more = true; break; }
        if (i < buf_.size() && buf_[i] == '\n') ++i;
      } else if (buf_[i] == '\n') {
        ++i;
      }
      break;
    }
    if (need_more) {
      if (!Fill()) eof_ = true;
      continue;
    }
    rec.fields.resize(nfields);
    rec.line = line_;
    size_t end = i;
    while (end > start && (buf_[end - 1] == '\n' || buf_[end - 1] == '\r')) --end;
    rec.raw.assign(buf_, start, end - start);
    line_ += lines_in_record + (i > start && (buf_[i - 1] == '\n' || buf_[i - 1] == '\r') ? 1 : 0);
    pos_ = i;
    // A blank line is not a record.
    if (nfields == 1 && rec.fields[0].empty() && rec.error.empty()) continue;
    return true;
  }
}

}  // namespace supportlens
