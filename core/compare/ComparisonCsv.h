#pragma once
#include "compare/RunComparison.h"
#include <string>

namespace rs {

/// The comparison's numbers as one tidy CSV table (RFC 4180 quoting, CRLF line ends), one number
/// per row: section,name,run_a,model_a,run_b,model_b,statistic,value. Sections: metric (stored
/// aggregates), paired (deltas, CI, tests), overlap, popularity, popularity_bin,
/// segment_activity / segment_mainstreamness (per run: "all users" and each user segment),
/// explanation.
/// NaN values are empty fields.
std::string comparisonCsv(const ComparisonResult& result);

} // namespace rs
