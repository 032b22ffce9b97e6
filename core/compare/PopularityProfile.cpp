#include "compare/PopularityProfile.h"

#include <algorithm>
#include <numeric>

namespace rs {

PopularityProfile popularityProfile(const ItemPopularity& pop,
                                    std::span<const std::span<const std::uint32_t>> lists,
                                    int bins) {
    PopularityProfile profile;
    const std::size_t items = pop.count.size();
    const std::size_t binCount =
        std::size_t(std::clamp<long>(bins, 1, long(std::max<std::size_t>(items, 1))));

    std::vector<std::uint32_t> order(items);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&pop](std::uint32_t a, std::uint32_t b) {
        return pop.count[a] > pop.count[b];
    });
    std::vector<std::uint32_t> binOf(items, 0);
    profile.bins.resize(binCount);
    std::vector<double> interactions(binCount, 0.0), recommended(binCount, 0.0);
    for (std::size_t b = 0; b < binCount; ++b) {
        PopularityBin& bin = profile.bins[b];
        const std::size_t from = b * items / binCount, to = (b + 1) * items / binCount;
        bin.items = to - from;
        if (bin.items) {
            bin.maxPopularity = pop.count[order[from]];
            bin.minPopularity = pop.count[order[to - 1]];
        }
        for (std::size_t s = from; s < to; ++s) {
            binOf[order[s]] = std::uint32_t(b);
            interactions[b] += pop.count[order[s]];
        }
    }

    double arp = 0.0, tail = 0.0;
    for (const auto list : lists) {
        arp += listPopularity(list, pop);
        tail += listLongTailShare(list, pop);
        for (std::uint32_t i : list) {
            if (i >= items)
                continue;
            recommended[binOf[i]] += 1.0;
            ++profile.recommendations;
        }
    }
    profile.lists = lists.size();
    if (profile.lists) {
        profile.averagePopularity = arp / double(profile.lists);
        profile.longTailShare = tail / double(profile.lists);
    }
    for (std::size_t b = 0; b < binCount; ++b) {
        if (pop.interactions)
            profile.bins[b].interactionShare = interactions[b] / double(pop.interactions);
        if (profile.recommendations)
            profile.bins[b].recommendationShare = recommended[b] / double(profile.recommendations);
    }

    const ListExposure exposure = listExposure(pop, lists);
    profile.coverage = exposure.coverage;
    profile.exposureGini = exposure.gini;
    return profile;
}

} // namespace rs
