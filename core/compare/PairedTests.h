#pragma once
#include <cstddef>
#include <span>

namespace rs {

/// Paired t-test of the differences d_i = b_i - a_i, with the confidence interval of their mean.
/// Conventions: n < 2 gives NaN statistics (nothing to test); when every difference is the same
/// value the standard deviation is 0 and t is taken as 0 (p = 1) for an all-zero difference and
/// as +-infinity (p = 0) otherwise.
struct PairedTTest {
    std::size_t n = 0;
    double meanDelta = 0.0; ///< mean of b - a
    double sdDelta = 0.0;   ///< sample standard deviation of b - a (n - 1 in the denominator)
    double ciLow = 0.0, ciHigh = 0.0; ///< confidence interval of meanDelta (t distribution)
    double t = 0.0;
    double df = 0.0; ///< n - 1
    double p = 1.0;  ///< two-sided
};

/// Wilcoxon signed-rank test of the differences d_i = b_i - a_i. Zero differences are dropped
/// (Wilcoxon's method) and counted in `zeros`; the remaining |d_i| are ranked with tied values
/// sharing their average rank. With at most the exact limit of non-zero differences the p-value
/// is exact: the distribution of W+ over all 2^n sign patterns of the observed (mid)ranks.
/// Otherwise the normal approximation with mean n(n+1)/4, variance n(n+1)(2n+1)/24 minus
/// sum(t^3 - t)/48 over tie groups of size t, and a continuity correction of 1/2. No non-zero
/// difference (or zero variance) gives p = 1.
struct WilcoxonTest {
    std::size_t n = 0;                ///< non-zero differences used
    std::size_t zeros = 0;            ///< zero differences dropped
    double wPlus = 0.0, wMinus = 0.0; ///< rank sums of the positive and negative differences
    double z = 0.0;                   ///< normal-approximation statistic (also when exact)
    double p = 1.0;                   ///< two-sided
    bool exact = false;
};

/// Paired t-test of b - a (`a` and `b` aligned, same length) at the given confidence level.
PairedTTest pairedTTest(std::span<const double> a, std::span<const double> b,
                        double confidence = 0.95);

/// Wilcoxon signed-rank test of b - a; exact when at most `exactLimit` differences are non-zero.
WilcoxonTest wilcoxonSignedRank(std::span<const double> a, std::span<const double> b,
                                std::size_t exactLimit = 50);

} // namespace rs
