#pragma once
#include "data/Interactions.h"
#include <cstdint>
#include <string>
#include <vector>

namespace rs {

/// How the training data is rebalanced across popularity strata.
enum class RebalanceMode {
    Down,    ///< drop interactions of over-represented strata (no weights: any model trains on it)
    Over,    ///< repeat interactions of under-represented strata (integer weights)
    Reweight ///< weight every interaction by target share / actual share of its stratum
};
const char* rebalanceModeName(RebalanceMode mode);

struct RebalanceOptions {
    RebalanceMode mode = RebalanceMode::Down;
    int strata = 3; ///< popularity strata of (nearly) equal item counts, most popular first
    /// Target share of the interactions per stratum (strata values summing to 1). Empty: flatten
    /// the current shares c_s by `flatten`, target_s proportional to c_s^(1 - flatten); so 0
    /// keeps them and 1 makes every stratum hold the same share.
    std::vector<double> target;
    double flatten = 1.0;
    /// Down-sampling never takes a user below this many interactions (or what they had).
    int minPerUser = 1;
    std::uint64_t seed = 0;
};

/// One popularity stratum before and after.
struct RebalanceStratum {
    std::size_t items = 0;                    ///< trained items in it
    std::uint32_t minCount = 0, maxCount = 0; ///< their interaction counts
    std::size_t before = 0;                   ///< interactions before
    double beforeShare = 0, targetShare = 0;
    double after = 0;      ///< interactions (down) or total weight (over, re-weight) after
    double afterShare = 0; ///< share of the total after
};

struct RebalanceResult {
    /// Per entry in byUser order: 0 = dropped, 1 = kept, k = counted k times (over-sampling),
    /// any positive value for re-weighting.
    std::vector<float> weights;
    std::vector<RebalanceStratum> strata;
    std::uint32_t usersBefore = 0, usersAfter = 0; ///< users with at least one interaction
    std::size_t entriesBefore = 0, entriesAfter = 0;
    std::size_t protectedEntries = 0; ///< kept by down-sampling only to keep a user
};

/// The stratum of every item (0 = most popular; -1 for items without training interactions):
/// trained items sorted by interaction count, descending (ties by lower index), cut into
/// `strata` runs of nearly equal length, the first `n mod strata` one item longer.
std::vector<int> popularityStrata(const Interactions& train, int strata);

/// Rebalances `train` as `options` say. Down-sampling keeps round(target_s * N') interactions of
/// stratum s, N' = min_s(count_s / target_s) (the largest total the rarest stratum allows),
/// chosen at random; a user whose interactions would all go keeps their `minPerUser` least
/// popular ones first (counted in their strata's quota). Over-sampling repeats each interaction
/// of stratum s m_s = target_s * N' / count_s times, N' = max_s(count_s / target_s): floor(m_s)
/// times plus one more with probability frac(m_s). Re-weighting gives weight target_s / share_s.
/// Throws std::invalid_argument for a target of the wrong length, negative or not summing to 1.
RebalanceResult rebalance(const Interactions& train, const RebalanceOptions& options);

} // namespace rs
