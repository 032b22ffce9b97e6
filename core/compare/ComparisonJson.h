#pragma once
#include "compare/RunComparison.h"
#include <functional>
#include <string>

namespace rs {

class JsonWriter;

/// Maps a metric display name ("NDCG@10") to the key a caller prints ("ndcg@10").
using MetricKeyFn = std::function<std::string(const std::string&)>;

/// Writes a comparison as one JSON object: runs, protocol flags and warnings, metrics (values
/// per run), paired tests, the overlap matrix, popularity profiles, popularity bias per user
/// segment ("user_segments": one object per run and segmentation), explanation agreement,
/// scatter points ([user, a, b]) and the time taken. Metric names pass through `metricKey`
/// (as given when empty). NaN values are written as null.
void writeComparisonJson(JsonWriter& w, const ComparisonResult& result,
                         const MetricKeyFn& metricKey = {});

} // namespace rs
