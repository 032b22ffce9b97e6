#include "explain/ItemKnnWhatIf.h"

#include "explain/ExplainUtil.h"

#include <cmath>

namespace rs::explain {

ItemKnnWhatIf::ItemKnnWhatIf(const NeighbourModel& model, std::uint32_t user,
                             std::span<const std::uint32_t> items, std::span<const float> values,
                             bool symmetricLists)
    : m_model(model), m_user(user), m_items(items) {
    const NeighbourLists& l = model.neighbourLists();
    const std::uint32_t n = model.numItems();
    m_dense.assign(n, std::nanf(""));
    std::vector<std::uint32_t> position(n, 0);
    for (std::size_t k = 0; k < items.size(); ++k)
        if (items[k] < n) {
            m_dense[items[k]] = values[k];
            position[items[k]] = std::uint32_t(k);
        }
    // Candidates of every item, bucketed (symmetric lists) or found by scanning its list.
    std::vector<std::uint64_t> start;
    std::vector<NeighbourModel::Match> all;
    if (symmetricLists) {
        start.assign(std::size_t(n) + 1, 0);
        for (std::uint32_t j : items)
            if (j < n)
                for (std::uint32_t i : l.neighbours(j))
                    ++start[i + 1];
        for (std::uint32_t i = 0; i < n; ++i)
            start[i + 1] += start[i];
        all.resize(start[n]);
        std::vector<std::uint64_t> fill(start.begin(), start.end() - 1);
        for (std::size_t k = 0; k < items.size(); ++k) {
            const std::uint32_t j = items[k];
            if (j >= n)
                continue;
            const auto nb = l.neighbours(j);
            const auto sims = l.similarities(j);
            for (std::size_t m = 0; m < nb.size(); ++m)
                all[fill[nb[m]]++] = {sims[m], j, values[k]};
        }
    }
    m_k = std::size_t(hyperValue(model, "k", 40.0));
    m_scores.resize(n);
    m_usedStart.assign(std::size_t(n) + 1, 0);
    std::vector<NeighbourModel::Match> matches;
    for (std::uint32_t i = 0; i < n; ++i) {
        if (symmetricLists) {
            matches.assign(all.begin() + std::ptrdiff_t(start[i]),
                           all.begin() + std::ptrdiff_t(start[i + 1]));
            m_scores[i] = model.combineNeighbours(user, i, matches);
        } else {
            m_scores[i] = predict(i, m_dense, matches);
        }
        m_used.insert(m_used.end(), matches.begin(), matches.end());
        m_usedStart[i + 1] = m_used.size();
    }
    // The reverse: for every history position, the items that used it.
    m_start.assign(items.size() + 1, 0);
    for (const auto& m : m_used)
        ++m_start[position[m.index] + 1];
    for (std::size_t p = 0; p < items.size(); ++p)
        m_start[p + 1] += m_start[p];
    m_usedBy.resize(m_used.size());
    std::vector<std::uint64_t> fill(m_start.begin(), m_start.end() - 1);
    for (std::uint32_t i = 0; i < n; ++i)
        for (std::uint64_t k = m_usedStart[i]; k < m_usedStart[i + 1]; ++k)
            m_usedBy[fill[position[m_used[k].index]]++] = i;
}

float ItemKnnWhatIf::predict(std::uint32_t item, const std::vector<float>& dense,
                             std::vector<NeighbourModel::Match>& matches) const {
    const NeighbourLists& l = m_model.neighbourLists();
    matches.clear();
    if (item < l.rows()) {
        const auto nb = l.neighbours(item);
        const auto sims = l.similarities(item);
        for (std::size_t k = 0; k < nb.size(); ++k)
            if (!std::isnan(dense[nb[k]]))
                matches.push_back({sims[k], nb[k], dense[nb[k]]});
    }
    return m_model.combineNeighbours(m_user, item, matches);
}

void ItemKnnWhatIf::scoresWithout(std::span<const std::size_t> removed,
                                  std::vector<float>& out) const {
    out = m_scores;
    if (removed.empty())
        return;
    std::vector<float> dense = m_dense;
    for (std::size_t p : removed)
        dense[m_items[p]] = std::nanf("");
    std::vector<char> done(out.size(), 0);
    std::vector<NeighbourModel::Match> matches;
    for (std::size_t p : removed)
        for (std::uint64_t k = m_start[p]; k < m_start[p + 1]; ++k) {
            const std::uint32_t i = m_usedBy[k];
            if (done[i])
                continue;
            done[i] = 1;
            if (m_usedStart[i + 1] - m_usedStart[i] < m_k) { // no candidate beyond those used
                matches.clear();
                for (std::uint64_t u = m_usedStart[i]; u < m_usedStart[i + 1]; ++u)
                    if (!std::isnan(dense[m_used[u].index]))
                        matches.push_back(m_used[u]);
                out[i] = m_model.combineNeighbours(m_user, i, matches);
            } else {
                out[i] = predict(i, dense, matches);
            }
        }
}

} // namespace rs::explain
