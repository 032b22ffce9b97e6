#pragma once
#include "models/Recommender.h"
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace rs {

class Explainer;

/// Helpers of the explain area for the what-if "the user's ratings of `removed` did not exist":
/// the removed items are candidates again, the user's other training items stay excluded.
/// Rankings follow Recommender::recommend(): higher score first, equal scores by lower item
/// index, NaN below every number.

/// One flag per item (size `numItems`): 1 for the items that stay excluded, i.e. the training
/// items (`train`, ascending) that are not in `removed` (any order).
std::vector<char> exclusionMask(std::size_t numItems, std::span<const std::uint32_t> train,
                                std::span<const std::uint32_t> removed);

/// Where one item stands among the candidates of a score vector.
struct CandidateStanding {
    int rank = 0;     ///< 1-based; 0 when the item is excluded or outside the scores
    double score = 0; ///< the item's score (as given, NaN included)
    /// The k-th best score among the other candidates: the item is in the top-k while it beats
    /// this; -infinity when there are fewer than k other candidates (or k <= 0).
    double kthOther = -std::numeric_limits<double>::infinity();
};
CandidateStanding standingOf(std::span<const float> scores, const std::vector<char>& excluded,
                             std::uint32_t item, int k);

/// The k best candidates (ties and NaN as recommend()).
std::vector<ScoredItem> topCandidates(std::span<const float> scores,
                                      const std::vector<char>& excluded, int k);

/// Re-solves the user without `removed` (Explainer::scoresWithout) and returns where `item`
/// then stands (kthOther only when k > 0).
CandidateStanding standingWithout(const Explainer& explainer, std::uint32_t user,
                                  std::uint32_t item, std::span<const std::uint32_t> removed,
                                  int k);

} // namespace rs
