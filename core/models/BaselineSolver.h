#pragma once
#include "data/Interactions.h"
#include "models/Biases.h"
#include "models/Rng.h"
#include <string>
#include <vector>

namespace rs {

/// How user and item biases are estimated.
struct BaselineConfig {
    std::string solver = "als"; ///< "als" (alternating closed form) or "sgd"
    int epochs = 10;
    double regUser = 15.0; ///< ALS: shrinks b_u = sum(r - mean - b_i) / (regUser + |I(u)|)
    double regItem = 10.0; ///< ALS: shrinks b_i = sum(r - mean - b_u) / (regItem + |U(i)|)
    double lr = 0.005;     ///< SGD step size
    double reg = 0.02;     ///< SGD L2 weight on both biases
};

/// Estimates biases around the global mean one epoch at a time (so callers can report progress
/// and cancel between epochs).
///  - ALS: each epoch solves every item bias exactly given the user biases, then every user bias
///    given the item biases (ridge-regularised closed forms, starting from zero biases).
///  - SGD: each epoch visits the ratings in a fresh seeded random order and steps both biases
///    along the squared-error gradient.
class BaselineSolver {
public:
    BaselineSolver(const Interactions& data, const BaselineConfig& config, std::uint64_t seed);

    /// Runs one epoch and returns the training RMSE (after the sweep for ALS, accumulated during
    /// the pass for SGD).
    double epoch();
    /// The current estimate.
    Biases biases() const;
    /// Convenience: runs all configured epochs.
    static Biases fit(const Interactions& data, const BaselineConfig& config, std::uint64_t seed);

private:
    double alsEpoch();
    double sgdEpoch();

    struct Triple {
        std::uint32_t u, i;
        float r;
        float w; ///< sample weight (1 unless the data is weighted)
    };
    const Interactions& m_data;
    BaselineConfig m_config;
    Rng m_rng;
    double m_mean;
    std::vector<double> m_user, m_item;
    std::vector<Triple> m_order; ///< SGD only
};

} // namespace rs
