#pragma once
// Small rating data sets for the model tests (area: models).
#include "data/Interactions.h"
#include "models/Recommender.h"

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

namespace rs::test {

using Triple = std::tuple<std::uint32_t, std::uint32_t, float>;

/// Interactions of `users` x `items` from (user, item, rating) triples.
Interactions makeInteractions(std::uint32_t users, std::uint32_t items,
                              const std::vector<Triple>& ratings);

/// A random rating set with a planted rank-3 structure plus biases and noise, ratings rounded
/// to half stars in [0.5, 5]; each (user, item) is rated with probability `density`.
Interactions plantedRatings(std::uint32_t users, std::uint32_t items, double density,
                            std::uint64_t seed);

/// Every score of `m` for users 0..numUsers (one past the end included: an unknown user).
std::vector<float> allScores(const Recommender& m);

/// Sets hyper-parameters or fails with the error text (empty on success).
std::string setAll(Recommender& m, const std::vector<std::pair<std::string, std::string>>& kv);

/// Fit options with a seed and a thread count.
FitOptions seeded(std::uint64_t seed, int threads = 1);

/// Mean over users of the share of (train positive, non-positive) item pairs that `m` ranks
/// correctly (ties count half): the training AUC of an implicit-feedback model.
double trainAuc(const Recommender& m, const Interactions& d);

} // namespace rs::test
