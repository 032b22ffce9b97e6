#pragma once
#include <cstddef>
#include <span>
#include <vector>

namespace rs {

/// A series of values summarised for a histogram: equal-width bins over [min, max] plus the
/// mean and the median. NaN and infinite values are left out (and counted in `skipped`).
struct ValueDistribution {
    std::size_t count = 0;   ///< finite values summarised
    std::size_t skipped = 0; ///< NaN or infinite values left out
    double min = 0, max = 0, mean = 0;
    double median = 0; ///< the middle value; the mean of the two middle values for an even count
    /// bins + 1 ascending edges; bin b is [edges[b], edges[b+1]), the last bin also holds max.
    /// When every value is the same v, the bins span [v - 0.5, v + 0.5].
    std::vector<double> edges;
    std::vector<std::size_t> counts; ///< values per bin

    int bins() const { return int(counts.size()); }
};

/// Summarises `values` into `bins` (>= 1) equal-width bins. An empty (or all non-finite) series
/// gives count 0 and no bins.
ValueDistribution distributionOf(std::span<const float> values, int bins);

} // namespace rs
