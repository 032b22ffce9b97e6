#include "compare/TopLists.h"

#include "compare/ParallelFor.h"
#include "models/Rng.h"
#include "train/RunContext.h"

#include <algorithm>

namespace rs {

std::span<const std::uint32_t> TopLists::list(std::size_t run, std::size_t userPos) const {
    const std::size_t width = std::size_t(std::max(k, 0));
    std::span<const std::uint32_t> row(items[run].data() + userPos * width, width);
    const auto end = std::find(row.begin(), row.end(), kNoItem);
    return row.first(std::size_t(end - row.begin()));
}

std::vector<std::uint32_t> commonUsers(std::span<const RunContext* const> runs, std::size_t limit,
                                       std::uint64_t seed) {
    std::vector<std::uint32_t> users;
    if (runs.empty())
        return users;
    std::uint32_t n = runs[0]->numUsers();
    for (const RunContext* r : runs)
        n = std::min(n, r->numUsers());
    for (std::uint32_t u = 0; u < n; ++u) {
        const bool everywhere = std::all_of(runs.begin(), runs.end(), [u](const RunContext* r) {
            const std::size_t rated = r->trainItems(u).size();
            return rated > 0 && rated < r->numItems();
        });
        if (everywhere)
            users.push_back(u);
    }
    Rng rng(seed);
    rng.shuffle(users.data(), users.size());
    if (limit > 0 && users.size() > limit)
        users.resize(limit);
    return users;
}

TopLists computeTopLists(std::span<const RunContext* const> runs, std::vector<std::uint32_t> users,
                         int k, int threads, const Progress& progress) {
    TopLists out;
    out.k = std::max(k, 1);
    out.users = std::move(users);
    const std::size_t width = std::size_t(out.k), n = out.users.size();
    out.items.assign(runs.size(), std::vector<std::uint32_t>(n * width, TopLists::kNoItem));
    const bool done = parallelFor(
        n, threads,
        [&](std::size_t p) {
            for (std::size_t r = 0; r < runs.size(); ++r) {
                const auto list = runs[r]->recommend(out.users[p], out.k);
                for (std::size_t j = 0; j < list.size() && j < width; ++j)
                    out.items[r][p * width + j] = list[j].item;
            }
        },
        [&](std::size_t finished) {
            return progress(n ? double(finished) / double(n) : 1.0, "recommending");
        });
    if (!done) {
        out.cancelled = true;
        out.items.clear();
    }
    return out;
}

} // namespace rs
