#pragma once
#include "data/Interactions.h"
#include <algorithm>
#include <cstdint>
#include <thread>
#include <vector>

namespace rs {

/// Splits users 0..n into `shards` contiguous ranges with about equal numbers of ratings.
/// Returns shards + 1 boundaries (fewer shards when there are fewer users).
inline std::vector<std::uint32_t> splitUsersByLoad(const CsrMatrix& byUser, int shards) {
    const std::uint32_t n = byUser.rows;
    shards = std::max(1, std::min<int>(shards, int(std::max<std::uint32_t>(n, 1))));
    std::vector<std::uint32_t> bounds{0};
    const double total = double(byUser.nnz());
    std::uint32_t u = 0;
    for (int s = 1; s < shards; ++s) {
        const double target = total * s / shards;
        while (u < n && double(byUser.rowPtr[u]) < target)
            ++u;
        bounds.push_back(std::max(u, bounds.back()));
    }
    bounds.push_back(n);
    return bounds;
}

/// Runs job(s) for s in [0, count): shard 0 on the calling thread, the others on new threads.
template <class Job> void runShards(int count, Job&& job) {
    if (count <= 1) {
        job(0);
        return;
    }
    std::vector<std::thread> pool;
    pool.reserve(std::size_t(count - 1));
    for (int s = 1; s < count; ++s)
        pool.emplace_back([&job, s] { job(s); });
    job(0);
    for (auto& t : pool)
        t.join();
}

} // namespace rs
