#pragma once
#include "data/ModelState.h"
#include <cstdint>
#include <string>
#include <vector>

namespace rs {

/// The baseline estimate b_ui = mean + b_u + b_i. A user or item index without a bias (out of
/// range, e.g. unseen in training) contributes 0, so cold pairs fall back to what is known.
struct Biases {
    float mean = 0.0f;
    std::vector<float> user;
    std::vector<float> item;

    float userBias(std::uint32_t u) const { return u < user.size() ? user[u] : 0.0f; }
    float itemBias(std::uint32_t i) const { return i < item.size() ? item[i] : 0.0f; }
    float predict(std::uint32_t u, std::uint32_t i) const {
        return mean + userBias(u) + itemBias(i);
    }

    /// Appends the blocks "global_mean" (1x1), "user_bias" (users x 1), "item_bias" (items x 1).
    void save(ModelState& state) const;
    /// Reads those blocks back.
    bool load(const ModelState& state, std::string& error);
};

} // namespace rs
