#include "eval/ValueDistribution.h"

#include <algorithm>
#include <cmath>

namespace rs {

ValueDistribution distributionOf(std::span<const float> values, int bins) {
    ValueDistribution d;
    std::vector<double> finite;
    finite.reserve(values.size());
    for (float v : values) {
        if (std::isfinite(v))
            finite.push_back(double(v));
        else
            ++d.skipped;
    }
    d.count = finite.size();
    if (finite.empty() || bins < 1)
        return d;
    std::sort(finite.begin(), finite.end());
    d.min = finite.front();
    d.max = finite.back();
    double sum = 0;
    for (double v : finite)
        sum += v;
    d.mean = sum / double(finite.size());
    const std::size_t mid = finite.size() / 2;
    d.median = finite.size() % 2 ? finite[mid] : 0.5 * (finite[mid - 1] + finite[mid]);

    const double lo = d.min < d.max ? d.min : d.min - 0.5;
    const double hi = d.min < d.max ? d.max : d.max + 0.5;
    const double width = (hi - lo) / bins;
    d.edges.resize(std::size_t(bins) + 1);
    for (int b = 0; b <= bins; ++b)
        d.edges[std::size_t(b)] = b == bins ? hi : lo + width * b;
    d.counts.assign(std::size_t(bins), 0);
    for (double v : finite) {
        // Computed from the edges, so a value on an edge always lands in the bin it starts.
        auto b = std::size_t(std::upper_bound(d.edges.begin(), d.edges.end(), v) - d.edges.begin());
        b = std::clamp<std::size_t>(b, 1, std::size_t(bins)) - 1;
        ++d.counts[b];
    }
    return d;
}

} // namespace rs
