#include "eval/TopK.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rs {

void selectTopK(std::span<const float> scores, std::span<const std::uint32_t> exclude,
                std::span<const char> allowed, int k, std::vector<std::uint32_t>& out,
                std::vector<std::uint32_t>& heap) {
    out.clear();
    heap.clear();
    if (k <= 0)
        return;
    auto value = [&scores](std::uint32_t i) {
        const float s = scores[i];
        return std::isnan(s) ? -std::numeric_limits<float>::infinity() : s;
    };
    // "a ranks before b". With this comparator the heap's front is the worst kept item.
    auto better = [&value](std::uint32_t a, std::uint32_t b) {
        const float sa = value(a), sb = value(b);
        return sa != sb ? sa > sb : a < b;
    };
    const std::size_t want = std::size_t(k);
    const bool masked = !allowed.empty();
    std::size_t e = 0;
    const auto n = std::uint32_t(scores.size());
    for (std::uint32_t i = 0; i < n; ++i) {
        while (e < exclude.size() && exclude[e] < i)
            ++e;
        if ((e < exclude.size() && exclude[e] == i) || (masked && !allowed[i]))
            continue;
        if (heap.size() < want) {
            heap.push_back(i);
            std::push_heap(heap.begin(), heap.end(), better);
        } else if (better(i, heap.front())) {
            std::pop_heap(heap.begin(), heap.end(), better);
            heap.back() = i;
            std::push_heap(heap.begin(), heap.end(), better);
        }
    }
    std::sort_heap(heap.begin(), heap.end(), better);
    out.assign(heap.begin(), heap.end());
}

} // namespace rs
