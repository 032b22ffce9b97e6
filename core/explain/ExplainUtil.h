#pragma once
#include "models/Recommender.h"
#include "train/RunContext.h"
#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace rs::explain {

/// A hyper-parameter of `model` as text (`fallback` when absent).
inline std::string hyperText(const Recommender& model, const std::string& key,
                             const std::string& fallback) {
    for (const auto& [k, v] : model.hyperParameters())
        if (k == key)
            return v;
    return fallback;
}

/// A hyper-parameter of `model` as a number (`fallback` when absent or not numeric). Values are
/// written with the shortest round-trip form, so this returns exactly the model's value.
inline double hyperValue(const Recommender& model, const std::string& key, double fallback) {
    const std::string v = hyperText(model, key, "");
    try {
        return v.empty() ? fallback : std::stod(v);
    } catch (...) {
        return fallback;
    }
}

/// The user's training history minus the `removed` items (any order).
struct History {
    std::vector<std::uint32_t> items; ///< ascending
    std::vector<float> values;
};
inline History historyWithout(const RunContext& ctx, std::uint32_t user,
                              std::span<const std::uint32_t> removed) {
    std::vector<std::uint32_t> gone(removed.begin(), removed.end());
    std::sort(gone.begin(), gone.end());
    History h;
    const auto items = ctx.trainItems(user);
    const auto values = ctx.trainValues(user);
    h.items.reserve(items.size());
    h.values.reserve(items.size());
    for (std::size_t k = 0; k < items.size(); ++k)
        if (!std::binary_search(gone.begin(), gone.end(), items[k])) {
            h.items.push_back(items[k]);
            h.values.push_back(values[k]);
        }
    return h;
}

/// Positions in the user's training history (ascending, unique) of the `removed` items that
/// are in it (any order; others ignored).
inline std::vector<std::size_t> historyPositions(const RunContext& ctx, std::uint32_t user,
                                                 std::span<const std::uint32_t> removed) {
    const auto items = ctx.trainItems(user);
    std::vector<std::size_t> positions;
    positions.reserve(removed.size());
    for (std::uint32_t r : removed) {
        const auto it = std::lower_bound(items.begin(), items.end(), r);
        if (it != items.end() && *it == r)
            positions.push_back(std::size_t(it - items.begin()));
    }
    std::sort(positions.begin(), positions.end());
    positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
    return positions;
}

} // namespace rs::explain
