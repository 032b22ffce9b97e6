#pragma once
#include <string_view>
#include <vector>

namespace rs {

/// The workspace schema as an ordered list of migrations: migration N (1-based) takes a file
/// from user_version N-1 to N. Never edit a released migration; append a new one.
const std::vector<std::string_view>& schemaMigrations();

} // namespace rs
