#pragma once
#include "data/Interactions.h"
#include "debias/DebiasSpec.h"
#include "debias/Propensity.h"
#include "debias/Rebalance.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rs {

/// What the debias stage needs beyond the training data: the item ids (for messages) and, for
/// IPS from a column, that column's value per item (nullopt where missing or not a number).
struct DebiasInputs {
    std::vector<std::string> itemIds;
    std::vector<std::optional<double>> column;
};

/// The training data a model fits after debiasing, and what the stage did (shown in the
/// pipeline's debias stage and the run's details).
struct DebiasResult {
    Interactions data;
    std::vector<std::pair<std::string, std::string>> facts; ///< name, value text
    std::optional<IpsWeights> ips;
    std::optional<RebalanceResult> rebalance;
};

/// Applies `spec` to `train`. Down-sampling drops entries (the result is unweighted, so any model
/// can fit it); IPS, over-sampling and re-weighting attach per-entry weights. nullopt with
/// `error` when IPS propensities cannot be formed (a bad column) or a target is invalid.
std::optional<DebiasResult> applyDebias(const Interactions& train, const DebiasSpec& spec,
                                        const DebiasInputs& inputs, std::string& error);

} // namespace rs
