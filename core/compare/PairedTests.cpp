#include "compare/PairedTests.h"

#include "compare/Distributions.h"
#include "compare/RankCorrelation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace rs {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Two-sided exact p-value of W+ = `observed2` / 2 given the doubled ranks `ranks2` (integers,
/// because midranks are multiples of 1/2): P(W+) over the 2^n equally likely sign patterns,
/// built one rank at a time as a distribution over the doubled sum.
double exactSignedRankP(const std::vector<long>& ranks2, long observed2) {
    long total = 0;
    for (long r : ranks2)
        total += r;
    std::vector<double> prob(std::size_t(total) + 1, 0.0);
    prob[0] = 1.0;
    long reach = 0;
    for (long r : ranks2) {
        // Each rank joins W+ with probability 1/2.
        for (long s = reach; s >= 0; --s) {
            const double here = prob[std::size_t(s)] * 0.5;
            prob[std::size_t(s)] = here;
            prob[std::size_t(s + r)] += here;
        }
        reach += r;
    }
    double lower = 0.0, upper = 0.0;
    for (long s = 0; s <= total; ++s) {
        if (s <= observed2)
            lower += prob[std::size_t(s)];
        if (s >= observed2)
            upper += prob[std::size_t(s)];
    }
    return std::min(1.0, 2.0 * std::min(lower, upper));
}

} // namespace

PairedTTest pairedTTest(std::span<const double> a, std::span<const double> b, double confidence) {
    PairedTTest r;
    r.n = std::min(a.size(), b.size());
    if (r.n < 2) {
        r.meanDelta = r.n ? b[0] - a[0] : kNaN;
        r.sdDelta = r.ciLow = r.ciHigh = r.t = r.p = kNaN;
        r.df = 0.0;
        return r;
    }
    double sum = 0.0;
    for (std::size_t i = 0; i < r.n; ++i)
        sum += b[i] - a[i];
    r.meanDelta = sum / double(r.n);
    double ss = 0.0;
    for (std::size_t i = 0; i < r.n; ++i) {
        const double e = (b[i] - a[i]) - r.meanDelta;
        ss += e * e;
    }
    r.df = double(r.n - 1);
    r.sdDelta = std::sqrt(ss / r.df);
    const double se = r.sdDelta / std::sqrt(double(r.n));
    const double crit = studentTQuantile(0.5 + confidence / 2.0, r.df);
    r.ciLow = r.meanDelta - crit * se;
    r.ciHigh = r.meanDelta + crit * se;
    if (se > 0.0) {
        r.t = r.meanDelta / se;
        r.p = studentTTwoSidedP(r.t, r.df);
    } else if (r.meanDelta == 0.0) {
        r.t = 0.0;
        r.p = 1.0;
    } else {
        r.t = std::copysign(std::numeric_limits<double>::infinity(), r.meanDelta);
        r.p = 0.0;
    }
    return r;
}

WilcoxonTest wilcoxonSignedRank(std::span<const double> a, std::span<const double> b,
                                std::size_t exactLimit) {
    WilcoxonTest w;
    const std::size_t pairs = std::min(a.size(), b.size());
    std::vector<double> magnitude;
    std::vector<char> positive;
    for (std::size_t i = 0; i < pairs; ++i) {
        const double d = b[i] - a[i];
        if (d == 0.0) {
            ++w.zeros;
            continue;
        }
        magnitude.push_back(std::abs(d));
        positive.push_back(d > 0.0 ? 1 : 0);
    }
    w.n = magnitude.size();
    if (w.n == 0)
        return w;
    const std::vector<double> ranks = averageRanks(magnitude);
    for (std::size_t i = 0; i < w.n; ++i)
        (positive[i] ? w.wPlus : w.wMinus) += ranks[i];

    // Tie correction: sum over groups of equal |d| of t^3 - t.
    std::vector<double> sorted = magnitude;
    std::sort(sorted.begin(), sorted.end());
    double ties = 0.0;
    for (std::size_t i = 0; i < sorted.size();) {
        std::size_t j = i;
        while (j < sorted.size() && sorted[j] == sorted[i])
            ++j;
        const double t = double(j - i);
        ties += t * t * t - t;
        i = j;
    }
    const double n = double(w.n);
    const double mean = n * (n + 1.0) / 4.0;
    const double variance = n * (n + 1.0) * (2.0 * n + 1.0) / 24.0 - ties / 48.0;
    if (variance <= 0.0) {
        w.p = 1.0;
        return w;
    }
    const double gap = w.wPlus - mean;
    const double corrected = std::max(0.0, std::abs(gap) - 0.5);
    w.z = std::copysign(corrected / std::sqrt(variance), gap);
    if (w.n <= exactLimit) {
        std::vector<long> ranks2(w.n);
        for (std::size_t i = 0; i < w.n; ++i)
            ranks2[i] = std::lround(2.0 * ranks[i]);
        w.p = exactSignedRankP(ranks2, std::lround(2.0 * w.wPlus));
        w.exact = true;
    } else {
        w.p = normalTwoSidedP(w.z);
    }
    return w;
}

} // namespace rs
