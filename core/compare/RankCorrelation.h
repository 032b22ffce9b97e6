#pragma once
#include <span>
#include <vector>

namespace rs {

/// 1-based ranks of `values` in ascending order; tied values share the mean of their ranks.
std::vector<double> averageRanks(std::span<const double> values);

/// Spearman's rank correlation: Pearson's r of the average ranks of `x` and `y` (aligned). NaN
/// when fewer than two pairs or when either side is constant.
double spearman(std::span<const double> x, std::span<const double> y);

/// Kendall's tau-b of `x` and `y` (aligned): (concordant - discordant) / sqrt((n0 - n1)(n0 - n2))
/// with n0 = n(n-1)/2 and n1, n2 the pairs tied in x, in y. O(n^2). NaN when either side is
/// constant or there are fewer than two pairs.
double kendallTauB(std::span<const double> x, std::span<const double> y);

} // namespace rs
