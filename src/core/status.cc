#include "supportlens/status.h"

namespace supportlens {

int ExitCodeFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kOk: return 0;
    case ErrorKind::kInvalidData: return 1;       // import finished, some rows rejected
    case ErrorKind::kInvalidArgument: return 2;   // usage error
    case ErrorKind::kNotFound: return 3;
    case ErrorKind::kIo: return 4;
    case ErrorKind::kUnavailable: return 5;
    case ErrorKind::kTooLarge: return 2;          // a usage error too: split the input
    case ErrorKind::kInternal: return 70;
  }
  return 70;
}

}  // namespace supportlens
