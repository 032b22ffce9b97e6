#pragma once
#include <string>

namespace rs::cli {

/// The command line's JSON key for a metric display name ("P@10" -> "precision@10").
std::string jsonMetricKey(const std::string& displayName);

} // namespace rs::cli
