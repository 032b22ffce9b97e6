#pragma once
#include "compare/RunComparison.h"
#include <string>

namespace rs {

/// A self-contained HTML page of the comparison: runs, warnings, metric and paired-test tables,
/// inline SVG bar charts (accuracy metrics, popularity bins), the overlap matrices, explanation
/// agreement and per-user scatter plots. Every dataset, run and model name is HTML-escaped.
std::string comparisonHtml(const ComparisonResult& result);

} // namespace rs
