#pragma once
// API key material: a new random key and the SHA-256 the database keeps instead of it.
// Keys carry 256 random bits, so a fast hash is enough: there is nothing to brute-force.
#include <string>
#include <string_view>

#include "supportlens/result.h"

namespace supportlens {

inline constexpr std::string_view kApiKeyPrefix = "sl_";

Result<std::string> NewApiKeySecret();            // "sl_" + 43 base64url characters
std::string Sha256Hex(std::string_view text);     // 64 lowercase hex digits

}  // namespace supportlens
