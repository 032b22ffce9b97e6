#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace rs {

/// Selects the `k` best items of `scores` into `out` (best first) in O(n log k): higher score
/// first, equal scores by lower item index, NaN below every number. Items listed in `exclude`
/// (ascending) and items whose `allowed` flag is 0 (when `allowed` is not empty) are skipped.
/// `heap` is scratch space that callers may reuse between calls.
void selectTopK(std::span<const float> scores, std::span<const std::uint32_t> exclude,
                std::span<const char> allowed, int k, std::vector<std::uint32_t>& out,
                std::vector<std::uint32_t>& heap);

} // namespace rs
