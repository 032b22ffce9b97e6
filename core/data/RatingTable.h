#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace rs {

/// A dataset's interactions in memory, structure-of-arrays, with dense 0-based indices.
/// `userIds[u]` / `itemIds[i]` are the external ids as they appear in the source file.
/// `timestamps` is either empty (no time column) or the same length as `values`.
struct RatingTable {
    std::vector<std::uint32_t> users;
    std::vector<std::uint32_t> items;
    std::vector<float> values;
    std::vector<std::int64_t> timestamps;
    std::vector<std::string> userIds;
    std::vector<std::string> itemIds;

    std::size_t size() const { return values.size(); }
    std::uint32_t numUsers() const { return static_cast<std::uint32_t>(userIds.size()); }
    std::uint32_t numItems() const { return static_cast<std::uint32_t>(itemIds.size()); }
    bool hasTimestamps() const { return !timestamps.empty(); }
    void reserve(std::size_t n, bool withTime) {
        users.reserve(n);
        items.reserve(n);
        values.reserve(n);
        if (withTime)
            timestamps.reserve(n);
    }
};

} // namespace rs
