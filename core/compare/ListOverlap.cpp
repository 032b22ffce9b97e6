#include "compare/ListOverlap.h"

#include "compare/RankCorrelation.h"

#include <algorithm>
#include <vector>

namespace rs {

namespace {

std::vector<std::uint32_t> sortedUnique(std::span<const std::uint32_t> list) {
    std::vector<std::uint32_t> s(list.begin(), list.end());
    std::sort(s.begin(), s.end());
    s.erase(std::unique(s.begin(), s.end()), s.end());
    return s;
}

/// 1-based position of `item` in `list` (first occurrence), or list.size() + 1 when absent.
double positionIn(std::span<const std::uint32_t> list, std::uint32_t item) {
    const auto it = std::find(list.begin(), list.end(), item);
    return double(it - list.begin()) + 1.0; // == size + 1 when absent
}

} // namespace

double listJaccard(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
    const std::vector<std::uint32_t> sa = sortedUnique(a), sb = sortedUnique(b);
    if (sa.empty() && sb.empty())
        return 1.0;
    std::vector<std::uint32_t> common;
    std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(common));
    const std::size_t unionSize = sa.size() + sb.size() - common.size();
    return double(common.size()) / double(unionSize);
}

double listKendallTau(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
    std::vector<std::uint32_t> all(a.begin(), a.end());
    all.insert(all.end(), b.begin(), b.end());
    all = sortedUnique(all);
    std::vector<double> ra, rb;
    ra.reserve(all.size());
    rb.reserve(all.size());
    for (std::uint32_t item : all) {
        ra.push_back(positionIn(a, item));
        rb.push_back(positionIn(b, item));
    }
    return kendallTauB(ra, rb);
}

double listKendallTauShared(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
    std::vector<double> ra, rb;
    for (std::uint32_t item : sortedUnique(a)) {
        const double inB = positionIn(b, item);
        if (inB > double(b.size()))
            continue;
        ra.push_back(positionIn(a, item));
        rb.push_back(inB);
    }
    return kendallTauB(ra, rb);
}

} // namespace rs
