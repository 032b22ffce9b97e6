#pragma once
#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace rs {

/// Per-entity neighbour lists in compressed rows: row x holds its M most similar neighbours with
/// their similarity, in ascending neighbour index order (so lists intersect quickly with rating
/// rows). Only positive similarities are kept.
struct NeighbourLists {
    std::vector<std::uint64_t> ptr; ///< rows + 1 offsets
    std::vector<std::uint32_t> index;
    std::vector<float> sim;

    std::uint32_t rows() const { return ptr.empty() ? 0 : std::uint32_t(ptr.size() - 1); }
    std::span<const std::uint32_t> neighbours(std::uint32_t x) const {
        return {index.data() + ptr[x], index.data() + ptr[x + 1]};
    }
    std::span<const float> similarities(std::uint32_t x) const {
        return {sim.data() + ptr[x], sim.data() + ptr[x + 1]};
    }
    /// Similarity of x to y when y is in x's list, else 0.
    float find(std::uint32_t x, std::uint32_t y) const {
        if (x >= rows())
            return 0.0f;
        const auto nb = neighbours(x);
        const auto it = std::lower_bound(nb.begin(), nb.end(), y);
        return it != nb.end() && *it == y ? sim[ptr[x] + std::size_t(it - nb.begin())] : 0.0f;
    }
};

} // namespace rs
