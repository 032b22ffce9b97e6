#include "explain/RemovalRanking.h"

#include "explain/Explainer.h"
#include "train/RunContext.h"

#include <algorithm>
#include <cmath>

namespace rs {

namespace {

float clean(float s) {
    return std::isnan(s) ? -std::numeric_limits<float>::infinity() : s;
}

} // namespace

std::vector<char> exclusionMask(std::size_t numItems, std::span<const std::uint32_t> train,
                                std::span<const std::uint32_t> removed) {
    std::vector<char> excluded(numItems, 0);
    for (std::uint32_t i : train)
        if (i < numItems)
            excluded[i] = 1;
    for (std::uint32_t i : removed)
        if (i < numItems)
            excluded[i] = 0;
    return excluded;
}

CandidateStanding standingOf(std::span<const float> scores, const std::vector<char>& excluded,
                             std::uint32_t item, int k) {
    CandidateStanding out;
    if (item >= scores.size() || (item < excluded.size() && excluded[item]))
        return out;
    out.score = scores[item];
    const float target = clean(scores[item]);
    std::vector<float> others;
    if (k > 0)
        others.reserve(scores.size());
    int rank = 1;
    for (std::uint32_t i = 0; i < scores.size(); ++i) {
        if (i == item || (i < excluded.size() && excluded[i]))
            continue;
        const float s = clean(scores[i]);
        if (s > target || (s == target && i < item))
            ++rank;
        if (k > 0)
            others.push_back(s);
    }
    out.rank = rank;
    if (k > 0 && others.size() >= std::size_t(k)) {
        auto kth = others.begin() + (k - 1);
        std::nth_element(others.begin(), kth, others.end(), std::greater<float>());
        out.kthOther = double(*kth);
    }
    return out;
}

std::vector<ScoredItem> topCandidates(std::span<const float> scores,
                                      const std::vector<char>& excluded, int k) {
    std::vector<ScoredItem> result;
    if (k <= 0)
        return result;
    std::vector<std::uint32_t> candidates;
    candidates.reserve(scores.size());
    for (std::uint32_t i = 0; i < scores.size(); ++i)
        if (i >= excluded.size() || !excluded[i])
            candidates.push_back(i);
    const std::size_t take = std::min<std::size_t>(std::size_t(k), candidates.size());
    auto better = [&scores](std::uint32_t a, std::uint32_t b) {
        const float sa = clean(scores[a]), sb = clean(scores[b]);
        return sa != sb ? sa > sb : a < b;
    };
    std::partial_sort(candidates.begin(), candidates.begin() + std::ptrdiff_t(take),
                      candidates.end(), better);
    result.reserve(take);
    for (std::size_t r = 0; r < take; ++r)
        result.push_back({candidates[r], clean(scores[candidates[r]])});
    return result;
}

CandidateStanding standingWithout(const Explainer& explainer, std::uint32_t user,
                                  std::uint32_t item, std::span<const std::uint32_t> removed,
                                  int k) {
    std::vector<float> scores;
    explainer.scoresWithout(user, removed, scores);
    const auto excluded =
        exclusionMask(scores.size(), explainer.context().trainItems(user), removed);
    return standingOf(scores, excluded, item, k);
}

} // namespace rs
