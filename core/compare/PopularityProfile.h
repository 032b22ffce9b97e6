#pragma once
#include "eval/BeyondAccuracy.h"
#include <cstdint>
#include <span>
#include <vector>

namespace rs {

/// One popularity bin: a group of catalogue items of similar training popularity.
struct PopularityBin {
    std::size_t items = 0;            ///< catalogue items in the bin
    std::uint32_t minPopularity = 0;  ///< smallest pop_i in the bin
    std::uint32_t maxPopularity = 0;  ///< largest pop_i in the bin
    double interactionShare = 0.0;    ///< share of all training interactions on its items
    double recommendationShare = 0.0; ///< share of all recommendations that are its items
};

/// Popularity bias of one run's recommendation lists.
struct PopularityProfile {
    /// Bins from the most popular items (first) to the least popular (last); see
    /// popularityProfile() for how items are assigned.
    std::vector<PopularityBin> bins;
    std::size_t lists = 0, recommendations = 0;
    double averagePopularity = 0.0; ///< mean over lists of listPopularity (ARP)
    double longTailShare = 0.0;     ///< mean over lists of listLongTailShare
    double exposureGini = 0.0;      ///< gini() of how many lists hold each item with training
                                    ///< interactions (the evaluation's candidates)
    double coverage = 0.0;          ///< share of those items recommended at least once
};

/// Bins `pop`'s catalogue into `bins` quantile bins of (nearly) equal item counts: items sorted
/// by popularity, most popular first (ties by lower index), bin b holding the items at sorted
/// positions [b n / bins, (b + 1) n / bins). Items without training interactions fall in the
/// last bins. The recommendation shares count `lists`' items (both shares sum to 1 whenever
/// there is any interaction and any recommendation). The per-list values reuse core/eval's
/// listPopularity and listLongTailShare, the exposure Gini and coverage its listExposure.
PopularityProfile popularityProfile(const ItemPopularity& pop,
                                    std::span<const std::span<const std::uint32_t>> lists,
                                    int bins = 10);

} // namespace rs
