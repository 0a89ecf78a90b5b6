#pragma once
// Small text helpers shared by the readers and validators.
#include <string>
#include <string_view>

namespace supportlens {

// The text without leading and trailing blanks (spaces, tabs, line ends).
inline std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace supportlens
