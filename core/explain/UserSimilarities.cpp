#include "explain/UserSimilarities.h"

#include "explain/ExplainUtil.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace rs::explain {

void UserSimilarities::Sums::add(double a, double b, double sign) {
    n += sign;
    prod += sign * a * b;
    sx += sign * a;
    sy += sign * b;
    sxx += sign * a * a;
    syy += sign * b * b;
}

UserSimilarities::UserSimilarities(const NeighbourModel& model, const Interactions& train,
                                   std::uint32_t user)
    : m_model(model), m_train(train), m_user(user) {
    const std::string measure = hyperText(model, "similarity", "pearson_baseline");
    m_kind = measure == "pearson" ? Kind::Pearson : Kind::Cosine;
    m_residuals = measure == "pearson_baseline";
    m_shrink = float(hyperValue(model, "shrinkage", 100.0));
    // With shrinkage a single common rating gives similarity 0 (as in fit()).
    m_minSupport = std::max(hyperValue(model, "min_support", 1.0), m_shrink > 0 ? 2.0 : 1.0);
    m_limit = model.listLimit(train.numUsers());
    m_sums.resize(train.numUsers());
    const auto items = train.byUser.rowCols(user);
    for (std::size_t j = 0; j < items.size(); ++j) {
        const double a = ownValue(j);
        const auto raters = train.byItem.rowCols(items[j]);
        const auto ratings = train.byItem.rowValues(items[j]);
        for (std::size_t v = 0; v < raters.size(); ++v)
            if (raters[v] != user)
                m_sums[raters[v]].add(a, otherValue(raters[v], items[j], ratings[v]), 1.0);
    }
    m_full.resize(train.numUsers());
    for (std::uint32_t v = 0; v < train.numUsers(); ++v)
        m_full[v] = v == user ? 0.0f : similarity(m_sums[v]);
}

double UserSimilarities::ownValue(std::size_t j) const {
    const std::uint32_t item = m_train.byUser.rowCols(m_user)[j];
    return otherValue(m_user, item, m_train.byUser.rowValues(m_user)[j]);
}

double UserSimilarities::otherValue(std::uint32_t other, std::uint32_t item, float rating) const {
    return m_residuals ? double(rating - m_model.biases().predict(other, item)) : double(rating);
}

float UserSimilarities::similarity(const Sums& s) const {
    if (s.n < m_minSupport)
        return 0.0f;
    double sim = 0.0;
    const double m = s.n - 1.0;
    if (m_kind == Kind::Cosine) {
        const double root = std::sqrt(s.sxx * s.syy);
        if (m_shrink > 0) {
            const double den = root * (m + m_shrink);
            sim = den > 0 ? s.prod * m / den : 0.0;
        } else {
            sim = root > 0 ? s.prod / root : 0.0;
        }
    } else {
        const double num = s.n * s.prod - s.sx * s.sy;
        const double vx = s.n * s.sxx - s.sx * s.sx, vy = s.n * s.syy - s.sy * s.sy;
        const double den = std::sqrt(std::max(vx, 0.0) * std::max(vy, 0.0));
        if (!(den > 0))
            return 0.0f;
        sim = m_shrink > 0 ? num / den * (m / (m + m_shrink)) : num / den;
    }
    const float f = float(sim);
    return f > 0 && std::isfinite(f) ? f : 0.0f;
}

void UserSimilarities::without(std::span<const std::size_t> removed,
                               std::vector<float>& sims) const {
    const std::uint32_t users = m_train.numUsers();
    sims = m_full;
    if (!removed.empty()) {
        // The pairs that share a removed item: their sums without the removed terms.
        std::vector<Sums> changed;
        std::vector<std::uint32_t> who;
        std::vector<std::uint32_t> slot(users, UINT32_MAX);
        const auto items = m_train.byUser.rowCols(m_user);
        for (std::size_t j : removed) {
            const double a = ownValue(j);
            const auto raters = m_train.byItem.rowCols(items[j]);
            const auto ratings = m_train.byItem.rowValues(items[j]);
            for (std::size_t r = 0; r < raters.size(); ++r) {
                const std::uint32_t v = raters[r];
                if (v == m_user)
                    continue;
                if (slot[v] == UINT32_MAX) {
                    slot[v] = std::uint32_t(changed.size());
                    changed.push_back(m_sums[v]);
                    who.push_back(v);
                }
                changed[slot[v]].add(a, otherValue(v, items[j], ratings[r]), -1.0);
            }
        }
        for (std::size_t c = 0; c < changed.size(); ++c)
            sims[who[c]] = similarity(changed[c]);
    }
    // Keep the `limit` most similar (ties: lower index), as fit() does.
    std::size_t positive = 0;
    for (float s : sims)
        positive += s > 0;
    if (positive > m_limit) {
        std::vector<float> sorted;
        sorted.reserve(positive);
        for (float s : sims)
            if (s > 0)
                sorted.push_back(s);
        std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(m_limit - 1), sorted.end(),
                         std::greater<float>());
        const float threshold = sorted[m_limit - 1];
        std::size_t above = 0;
        for (float s : sims)
            above += s > threshold;
        std::size_t tiesLeft = m_limit - above;
        for (float& s : sims) {
            if (s > threshold)
                continue;
            if (s == threshold && tiesLeft > 0)
                --tiesLeft;
            else
                s = 0.0f;
        }
    }
}

float UserSimilarities::predict(std::uint32_t item, const std::vector<float>& sims,
                                std::vector<NeighbourModel::Match>& matches) const {
    matches.clear();
    if (item < m_train.numItems()) {
        const auto raters = m_train.byItem.rowCols(item);
        const auto ratings = m_train.byItem.rowValues(item);
        for (std::size_t r = 0; r < raters.size(); ++r)
            if (sims[raters[r]] > 0)
                matches.push_back({sims[raters[r]], raters[r], ratings[r]});
    }
    return m_model.combineNeighbours(m_user, item, matches);
}

} // namespace rs::explain
