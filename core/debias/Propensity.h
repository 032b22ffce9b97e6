#pragma once
#include "data/Interactions.h"
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rs {

/// How likely each item is to be observed (rated) at all: the propensity of inverse-propensity
/// scoring (Schnabel et al. 2016). Values are in (0, 1]; an item with propensity p stands for
/// 1/p interactions that the data would hold if every item were equally exposed.
struct Propensities {
    std::vector<double> byItem; ///< per item; 0 for items without training interactions
    std::string source;         ///< "popularity^0.5", "column 'p'"
};

/// Popularity propensities: p_i = (n_i / n_max)^exponent with n_i the item's training
/// interactions; exponent 0 gives every item 1 (no correction), 1 is proportional to popularity.
Propensities popularityPropensities(const Interactions& train, double exponent);

/// Propensities from a user-supplied value per item (e.g. an item metadata column). Every item
/// with training interactions needs a value in (0, 1]; otherwise nullopt with `error` naming the
/// number of offending items and the first few (by `itemIds`).
std::optional<Propensities> columnPropensities(const Interactions& train,
                                               std::span<const std::optional<double>> values,
                                               std::span<const std::string> itemIds,
                                               const std::string& column, std::string& error);

/// Options of the IPS weights.
struct IpsOptions {
    double maxWeight = 0.0;     ///< clip every weight at this value (0 = no clipping)
    bool selfNormalise = false; ///< divide by the mean weight (SNIPS): weights average 1
};

/// Per-entry weights w_ui = 1 / p_i, clipped then self-normalised, and what they did.
struct IpsWeights {
    std::vector<float> weights;                          ///< byUser entry order
    std::size_t clipped = 0;                             ///< entries whose weight was clipped
    double minWeight = 0, maxWeight = 0, meanWeight = 0; ///< after clipping and normalising
    /// Kish's effective sample size (sum w)^2 / sum w^2: how many equally weighted entries the
    /// weighted data is worth.
    double effectiveSize = 0;
};

/// The IPS weights of `train`'s entries under `propensities`.
IpsWeights ipsWeights(const Interactions& train, const Propensities& propensities,
                      const IpsOptions& options);

} // namespace rs
