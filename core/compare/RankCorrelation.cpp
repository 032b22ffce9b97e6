#include "compare/RankCorrelation.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>

namespace rs {

std::vector<double> averageRanks(std::span<const double> values) {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<double> ranks(values.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j < order.size() && values[order[j]] == values[order[i]])
            ++j;
        const double shared = (double(i + 1) + double(j)) / 2.0; // mean of ranks i+1 .. j
        for (std::size_t t = i; t < j; ++t)
            ranks[order[t]] = shared;
        i = j;
    }
    return ranks;
}

double spearman(std::span<const double> x, std::span<const double> y) {
    const std::size_t n = std::min(x.size(), y.size());
    if (n < 2)
        return std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> rx = averageRanks(x.first(n)), ry = averageRanks(y.first(n));
    const double mean = (double(n) + 1.0) / 2.0; // the mean of any average-rank vector
    double sxy = 0.0, sxx = 0.0, syy = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double dx = rx[i] - mean, dy = ry[i] - mean;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if (sxx == 0.0 || syy == 0.0)
        return std::numeric_limits<double>::quiet_NaN();
    return sxy / std::sqrt(sxx * syy);
}

double kendallTauB(std::span<const double> x, std::span<const double> y) {
    const std::size_t n = std::min(x.size(), y.size());
    double concordant = 0.0, discordant = 0.0, tiedX = 0.0, tiedY = 0.0;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            const double dx = x[i] - x[j], dy = y[i] - y[j];
            if (dx == 0.0)
                tiedX += 1.0;
            if (dy == 0.0)
                tiedY += 1.0;
            if (dx == 0.0 || dy == 0.0)
                continue;
            ((dx > 0.0) == (dy > 0.0) ? concordant : discordant) += 1.0;
        }
    const double n0 = double(n) * (double(n) - 1.0) / 2.0;
    const double denominator = std::sqrt((n0 - tiedX) * (n0 - tiedY));
    if (n < 2 || denominator == 0.0)
        return std::numeric_limits<double>::quiet_NaN();
    return (concordant - discordant) / denominator;
}

} // namespace rs
