#pragma once
#include "data/Interactions.h"
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace rs {

/// Similarity of two items in [-1, 1] (or [0, 1]); must be safe to call from several threads.
using ItemSimilarity = std::function<float(std::uint32_t, std::uint32_t)>;

/// Popularity of every item in the training data, and what the beyond-accuracy metrics derive
/// from it. pop_i = number of training interactions of item i (= users who rated it).
struct ItemPopularity {
    std::vector<std::uint32_t> count; ///< pop_i per item
    std::vector<char> shortHead;      ///< 1 for the most popular items that together make up
                                      ///< 20% of the training interactions (see below)
    std::uint32_t activeUsers = 0;    ///< users with at least one training interaction
    std::uint64_t interactions = 0;

    /// Items sorted by popularity (descending, ties by lower index) are put into the short head
    /// one by one while the head holds less than `headShare` of all interactions; so the head is
    /// the shortest such prefix holding at least that share.
    static ItemPopularity fromTrain(const Interactions& train, double headShare = 0.2);

    /// Self-information of recommending item i: -log2(pop_i / activeUsers), pop_i floored at 1.
    double selfInformation(std::uint32_t item) const;
};

/// Cosine similarity of two items' columns of the training matrix (their rating vectors over
/// users, values as stored); 0 when either has no interactions. Holds item norms.
class ItemCosine {
public:
    explicit ItemCosine(const Interactions& train);
    float operator()(std::uint32_t a, std::uint32_t b) const;

private:
    const CsrMatrix& m_byItem;
    std::vector<double> m_norm;
};

/// Mean of the list's self-information values (0 for an empty list).
double listNovelty(std::span<const std::uint32_t> list, const ItemPopularity& pop);
/// Average recommendation popularity: mean pop_i over the list (0 for an empty list).
double listPopularity(std::span<const std::uint32_t> list, const ItemPopularity& pop);
/// Share of the list's items outside the short head (0 for an empty list).
double listLongTailShare(std::span<const std::uint32_t> list, const ItemPopularity& pop);
/// Intra-list diversity: mean over the list's unordered pairs of 1 - similarity
/// (0 for lists with fewer than two items).
double listDiversity(std::span<const std::uint32_t> list, const ItemSimilarity& similarity);

/// Gini coefficient of non-negative values: sum_i (2i - n - 1) x_(i) / (n sum x) with x sorted
/// ascending, i from 1; 0 for all-equal values (or all zeros), (n - 1)/n when one value has all.
double gini(std::vector<double> values);

/// How evenly a set of top-K lists spreads over the candidate items.
struct ListExposure {
    double gini = 0.0;          ///< gini() of how many lists hold each candidate item
    double coverage = 0.0;      ///< share of the candidates in at least one list (0: none)
    std::size_t candidates = 0; ///< candidate items
};

/// Exposure of the candidate items in `lists`: the candidates are the items with training
/// interactions (pop_i > 0), or every item of `pop`'s catalogue when `coldItems` is true (as
/// when cold items are ranked too). An item's exposure is the number of lists holding it; items
/// outside the catalogue (e.g. RankingMetrics::kNoItem padding) are ignored. Used for
/// RankingMetrics' coverage and gini, PopularityProfile and SegmentMeasures.
ListExposure listExposure(const ItemPopularity& pop,
                          std::span<const std::span<const std::uint32_t>> lists,
                          bool coldItems = false);

} // namespace rs
