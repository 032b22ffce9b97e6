#include "eval/BeyondAccuracy.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace rs {

ItemPopularity ItemPopularity::fromTrain(const Interactions& train, double headShare) {
    ItemPopularity p;
    const std::uint32_t items = train.numItems();
    p.count.resize(items);
    for (std::uint32_t i = 0; i < items; ++i) {
        p.count[i] = train.byItem.rows > i ? train.byItem.rowSize(i) : 0;
        p.interactions += p.count[i];
    }
    for (std::uint32_t u = 0; u < train.numUsers(); ++u)
        p.activeUsers += train.byUser.rowSize(u) > 0 ? 1 : 0;

    std::vector<std::uint32_t> order(items);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&p](std::uint32_t a, std::uint32_t b) { return p.count[a] > p.count[b]; });
    p.shortHead.assign(items, 0);
    const double target = headShare * double(p.interactions);
    std::uint64_t held = 0;
    for (std::uint32_t i : order) {
        if (double(held) >= target || p.count[i] == 0)
            break;
        p.shortHead[i] = 1;
        held += p.count[i];
    }
    return p;
}

double ItemPopularity::selfInformation(std::uint32_t item) const {
    const double pop = std::max<double>(1.0, item < count.size() ? count[item] : 0.0);
    const double users = std::max<double>(1.0, activeUsers);
    return -std::log2(pop / users);
}

ItemCosine::ItemCosine(const Interactions& train) : m_byItem(train.byItem) {
    m_norm.resize(m_byItem.rows);
    for (std::uint32_t i = 0; i < m_byItem.rows; ++i) {
        double s = 0.0;
        for (float v : m_byItem.rowValues(i))
            s += double(v) * v;
        m_norm[i] = std::sqrt(s);
    }
}

float ItemCosine::operator()(std::uint32_t a, std::uint32_t b) const {
    if (a >= m_norm.size() || b >= m_norm.size() || m_norm[a] == 0.0 || m_norm[b] == 0.0)
        return 0.0f;
    const auto ca = m_byItem.rowCols(a), cb = m_byItem.rowCols(b);
    const auto va = m_byItem.rowValues(a), vb = m_byItem.rowValues(b);
    double dot = 0.0;
    std::size_t x = 0, y = 0;
    while (x < ca.size() && y < cb.size()) {
        if (ca[x] < cb[y])
            ++x;
        else if (cb[y] < ca[x])
            ++y;
        else
            dot += double(va[x++]) * vb[y++];
    }
    return float(dot / (m_norm[a] * m_norm[b]));
}

double listNovelty(std::span<const std::uint32_t> list, const ItemPopularity& pop) {
    if (list.empty())
        return 0.0;
    double s = 0.0;
    for (std::uint32_t i : list)
        s += pop.selfInformation(i);
    return s / double(list.size());
}

double listPopularity(std::span<const std::uint32_t> list, const ItemPopularity& pop) {
    if (list.empty())
        return 0.0;
    double s = 0.0;
    for (std::uint32_t i : list)
        s += i < pop.count.size() ? pop.count[i] : 0;
    return s / double(list.size());
}

double listLongTailShare(std::span<const std::uint32_t> list, const ItemPopularity& pop) {
    if (list.empty())
        return 0.0;
    std::size_t tail = 0;
    for (std::uint32_t i : list)
        tail += (i < pop.shortHead.size() && pop.shortHead[i]) ? 0 : 1;
    return double(tail) / double(list.size());
}

double listDiversity(std::span<const std::uint32_t> list, const ItemSimilarity& similarity) {
    if (list.size() < 2)
        return 0.0;
    double s = 0.0;
    std::size_t pairs = 0;
    for (std::size_t a = 0; a < list.size(); ++a)
        for (std::size_t b = a + 1; b < list.size(); ++b, ++pairs)
            s += 1.0 - double(similarity(list[a], list[b]));
    return s / double(pairs);
}

double gini(std::vector<double> values) {
    const std::size_t n = values.size();
    if (n == 0)
        return 0.0;
    std::sort(values.begin(), values.end());
    double total = 0.0, weighted = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        total += values[i];
        weighted += (2.0 * double(i + 1) - double(n) - 1.0) * values[i];
    }
    return total > 0.0 ? weighted / (double(n) * total) : 0.0;
}

ListExposure listExposure(const ItemPopularity& pop,
                          std::span<const std::span<const std::uint32_t>> lists, bool coldItems) {
    const std::size_t items = pop.count.size();
    std::vector<double> exposure(items, 0.0);
    for (const auto list : lists)
        for (std::uint32_t i : list)
            if (i < items)
                exposure[i] += 1.0;
    std::vector<double> candidates;
    std::size_t covered = 0;
    for (std::size_t i = 0; i < items; ++i)
        if (coldItems || pop.count[i] > 0) {
            candidates.push_back(exposure[i]);
            covered += exposure[i] > 0.0 ? 1 : 0;
        }
    ListExposure e;
    e.candidates = candidates.size();
    e.coverage = e.candidates ? double(covered) / double(e.candidates) : 0.0;
    e.gini = gini(std::move(candidates));
    return e;
}

} // namespace rs
