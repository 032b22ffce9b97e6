#include "ModelsTestData.h"

#include "models/Rng.h"

#include <algorithm>
#include <cmath>

namespace rs::test {

Interactions makeInteractions(std::uint32_t users, std::uint32_t items,
                              const std::vector<Triple>& ratings) {
    RatingTable t;
    for (const auto& [u, i, r] : ratings) {
        t.users.push_back(u);
        t.items.push_back(i);
        t.values.push_back(r);
    }
    for (std::uint32_t u = 0; u < users; ++u)
        t.userIds.push_back("u" + std::to_string(u));
    for (std::uint32_t i = 0; i < items; ++i)
        t.itemIds.push_back("i" + std::to_string(i));
    return Interactions::fromTable(t);
}

Interactions plantedRatings(std::uint32_t users, std::uint32_t items, double density,
                            std::uint64_t seed) {
    Rng rng(seed);
    constexpr int k = 3;
    std::vector<double> uf(std::size_t(users) * k), itf(std::size_t(items) * k), ub(users),
        ib(items);
    for (auto& v : uf)
        v = 0.6 * rng.normal();
    for (auto& v : itf)
        v = 0.6 * rng.normal();
    for (auto& v : ub)
        v = 0.4 * rng.normal();
    for (auto& v : ib)
        v = 0.4 * rng.normal();
    std::vector<Triple> ratings;
    for (std::uint32_t u = 0; u < users; ++u) {
        for (std::uint32_t i = 0; i < items; ++i) {
            if (rng.uniform() >= density)
                continue;
            double r = 3.5 + ub[u] + ib[i] + 0.2 * rng.normal();
            for (int f = 0; f < k; ++f)
                r += uf[u * k + f] * itf[i * k + f];
            r = std::clamp(std::round(r * 2.0) / 2.0, 0.5, 5.0);
            ratings.emplace_back(u, i, float(r));
        }
    }
    return makeInteractions(users, items, ratings);
}

std::vector<float> allScores(const Recommender& m) {
    std::vector<float> out;
    for (std::uint32_t u = 0; u <= m.numUsers(); ++u)
        for (std::uint32_t i = 0; i <= m.numItems(); ++i)
            out.push_back(m.score(u, i));
    return out;
}

std::string setAll(Recommender& m, const std::vector<std::pair<std::string, std::string>>& kv) {
    for (const auto& [k, v] : kv) {
        std::string error;
        if (!m.setHyperParameter(k, v, error))
            return error;
    }
    return {};
}

FitOptions seeded(std::uint64_t seed, int threads) {
    FitOptions o;
    o.seed = seed;
    o.threads = threads;
    return o;
}

double trainAuc(const Recommender& m, const Interactions& d) {
    double sum = 0.0;
    int users = 0;
    std::vector<float> s;
    for (std::uint32_t u = 0; u < d.numUsers(); ++u) {
        const auto pos = d.byUser.rowCols(u);
        if (pos.empty() || pos.size() == d.numItems())
            continue;
        m.scoreAll(u, s);
        double good = 0.0, pairs = 0.0;
        for (std::uint32_t i : pos)
            for (std::uint32_t j = 0; j < d.numItems(); ++j) {
                if (std::binary_search(pos.begin(), pos.end(), j))
                    continue;
                good += s[i] > s[j] ? 1.0 : (s[i] == s[j] ? 0.5 : 0.0);
                pairs += 1.0;
            }
        sum += good / pairs;
        ++users;
    }
    return sum / users;
}

} // namespace rs::test
