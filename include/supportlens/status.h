#pragma once
// Status: the outcome of a fallible library call (the leveldb/abseil shape).
#include <string>
#include <utility>

namespace supportlens {

enum class ErrorKind {
  kOk = 0,
  kInvalidArgument,  // the caller asked for something malformed (bad flag, bad date)
  kInvalidData,      // input data failed validation
  kNotFound,         // a file, workspace or id does not exist
  kIo,               // the file system or the database failed
  kUnavailable,      // a capability that lands later (catalogued, not yet computable)
  kTooLarge,         // a request beyond a configured limit (batch size)
  kInternal,
};

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return Status(ErrorKind::kInvalidArgument, std::move(m)); }
  static Status InvalidData(std::string m) { return Status(ErrorKind::kInvalidData, std::move(m)); }
  static Status NotFound(std::string m) { return Status(ErrorKind::kNotFound, std::move(m)); }
  static Status Io(std::string m) { return Status(ErrorKind::kIo, std::move(m)); }
  static Status Unavailable(std::string m) { return Status(ErrorKind::kUnavailable, std::move(m)); }
  static Status TooLarge(std::string m) { return Status(ErrorKind::kTooLarge, std::move(m)); }
  static Status Internal(std::string m) { return Status(ErrorKind::kInternal, std::move(m)); }

  bool ok() const { return kind_ == ErrorKind::kOk; }
  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }

 private:
  Status(ErrorKind k, std::string m) : kind_(k), message_(std::move(m)) {}
  ErrorKind kind_ = ErrorKind::kOk;
  std::string message_;
};

// Exit code of the command-line tool for each error kind (one table, used by cli/).
int ExitCodeFor(ErrorKind kind);

}  // namespace supportlens

#define SL_RETURN_IF_ERROR(expr)                 \
  do {                                           \
    ::supportlens::Status sl_status_ = (expr);   \
    if (!sl_status_.ok()) return sl_status_;     \
  } while (0)
