#include "eval/RankingMetrics.h"

#include <algorithm>
#include <cmath>

namespace rs {

UserRankingValues rankingValues(std::span<const std::uint32_t> topK,
                                std::span<const std::uint32_t> relevant, int k) {
    UserRankingValues v;
    if (k <= 0 || relevant.empty())
        return v;
    const std::size_t depth = std::min(topK.size(), std::size_t(k));
    const std::size_t idealHits = std::min(relevant.size(), std::size_t(k));
    double dcg = 0.0, idcg = 0.0, apSum = 0.0;
    int hits = 0;
    for (std::size_t r = 0; r < depth; ++r) {
        if (!std::binary_search(relevant.begin(), relevant.end(), topK[r]))
            continue;
        ++hits;
        dcg += 1.0 / std::log2(double(r) + 2.0);
        apSum += double(hits) / double(r + 1);
        if (hits == 1)
            v.rr = float(1.0 / double(r + 1));
    }
    for (std::size_t r = 0; r < idealHits; ++r)
        idcg += 1.0 / std::log2(double(r) + 2.0);
    v.precision = float(double(hits) / double(k));
    v.recall = float(double(hits) / double(relevant.size()));
    v.ndcg = float(dcg / idcg);
    v.ap = float(apSum / double(idealHits));
    v.hit = hits > 0 ? 1.0f : 0.0f;
    return v;
}

} // namespace rs
