#pragma once
#include "util/Progress.h"
#include <cstdint>
#include <span>
#include <vector>

namespace rs {

struct RunContext;

/// The top-K recommendation lists of several runs for the same users, computed from the runs'
/// models (RunContext::recommend: training items excluded, ties by lower item index).
struct TopLists {
    static constexpr std::uint32_t kNoItem = 0xffffffffu;
    int k = 10;
    std::vector<std::uint32_t> users; ///< dense user indices (the same in every run)
    /// Per run: users.size() * k items, row p = the list of users[p] best first, padded with
    /// kNoItem when fewer than k items could be recommended.
    std::vector<std::vector<std::uint32_t>> items;
    bool cancelled = false;

    std::size_t runs() const { return items.size(); }
    /// The list of run `run` for users[userPos], without padding.
    std::span<const std::uint32_t> list(std::size_t run, std::size_t userPos) const;
};

/// Users every run can recommend to: at least one training interaction and at least one
/// unrated item in each run. In a seeded random order; at most `limit` of them (0 = all).
std::vector<std::uint32_t> commonUsers(std::span<const RunContext* const> runs, std::size_t limit,
                                       std::uint64_t seed);

/// Computes every run's top-k list for `users`, users spread over `threads` threads. Progress
/// ("recommending") is reported from the calling thread; a cancel returns with `cancelled` set
/// and the lists cleared.
TopLists computeTopLists(std::span<const RunContext* const> runs, std::vector<std::uint32_t> users,
                         int k, int threads, const Progress& progress);

} // namespace rs
