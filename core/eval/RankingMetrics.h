#pragma once
#include <cstdint>
#include <span>

namespace rs {

/// Accuracy of one user's top-K list against the user's relevant test items (binary relevance).
/// All values are in [0, 1].
struct UserRankingValues {
    float precision = 0; ///< hits / K
    float recall = 0;    ///< hits / #relevant
    float ndcg = 0;      ///< DCG / ideal DCG; gains 1, discount 1/log2(rank + 1), ideal from
                         ///< min(K, #relevant) hits at the top
    float ap = 0;        ///< sum of precision@rank at each hit / min(K, #relevant)
    float hit = 0;       ///< 1 when any relevant item is in the list
    float rr = 0;        ///< 1 / rank of the first hit, 0 without a hit
};

/// Values for `topK` (best first; at most K entries, fewer when there were fewer candidates —
/// precision still divides by K) against `relevant` (ascending, no duplicates, not empty).
UserRankingValues rankingValues(std::span<const std::uint32_t> topK,
                                std::span<const std::uint32_t> relevant, int k);

} // namespace rs
