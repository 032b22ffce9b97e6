#pragma once
#include "compare/PairedTests.h"
#include "store/RunStore.h"
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rs {

/// One aggregate metric across the compared runs, as each run stored it.
struct MetricRow {
    std::string name;                          ///< display name, e.g. "NDCG@10"
    std::vector<std::optional<double>> values; ///< per run; nullopt when the run lacks it
};

/// Every aggregate metric of the runs, in order of first appearance (first run's order first).
std::vector<MetricRow> metricTable(std::span<const RunInfo> runs);

/// Two per-user series restricted to the users both hold, in ascending user order.
struct AlignedSeries {
    std::vector<std::uint32_t> users;
    std::vector<double> a, b;
};
/// Aligns two series (users may come in any order; a user listed twice keeps its first value).
AlignedSeries alignSeries(const UserMetricSeries& a, const UserMetricSeries& b);

/// A per-user metric of two runs compared over the users both evaluated: delta = b - a.
struct PairedMetric {
    std::string metric;       ///< series name, e.g. "NDCG@10", "AP@10"
    std::size_t a = 0, b = 0; ///< run positions
    std::size_t users = 0;    ///< users in common
    double meanA = 0.0, meanB = 0.0;
    PairedTTest t;
    WilcoxonTest wilcoxon;
};
PairedMetric comparePaired(const std::string& metric, std::size_t a, std::size_t b,
                           const AlignedSeries& series);

} // namespace rs
