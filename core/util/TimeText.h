#pragma once
#include <string>

namespace rs {

/// The current UTC time as ISO 8601 text, e.g. "2026-11-22T23:30:00Z".
std::string utcNowIso8601();

} // namespace rs
