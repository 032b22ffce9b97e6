#include "models/Recommender.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rs {

void Recommender::scoreAll(std::uint32_t user, std::vector<float>& out) const {
    const std::uint32_t n = numItems();
    out.resize(n);
    for (std::uint32_t i = 0; i < n; ++i)
        out[i] = score(user, i);
}

std::vector<ScoredItem> Recommender::recommend(std::uint32_t user, int k,
                                               std::span<const std::uint32_t> exclude) const {
    std::vector<ScoredItem> result;
    if (k <= 0)
        return result;
    std::vector<float> scores;
    scoreAll(user, scores);
    // NaN never wins: it ranks below every number.
    for (float& s : scores)
        if (std::isnan(s))
            s = -std::numeric_limits<float>::infinity();

    std::vector<std::uint32_t> candidates;
    candidates.reserve(scores.size());
    std::size_t e = 0;
    for (std::uint32_t i = 0; i < scores.size(); ++i) {
        while (e < exclude.size() && exclude[e] < i)
            ++e;
        if (e < exclude.size() && exclude[e] == i)
            continue;
        candidates.push_back(i);
    }
    const std::size_t take = std::min<std::size_t>(std::size_t(k), candidates.size());
    // Higher score first; equal scores by lower item index, so the order is deterministic.
    auto better = [&scores](std::uint32_t a, std::uint32_t b) {
        return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
    };
    std::partial_sort(candidates.begin(), candidates.begin() + std::ptrdiff_t(take),
                      candidates.end(), better);
    result.reserve(take);
    for (std::size_t r = 0; r < take; ++r)
        result.push_back({candidates[r], scores[candidates[r]]});
    return result;
}

} // namespace rs
