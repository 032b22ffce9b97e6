#include "debias/Rebalance.h"

#include "models/Rng.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace rs {

const char* rebalanceModeName(RebalanceMode mode) {
    switch (mode) {
    case RebalanceMode::Down:
        return "down";
    case RebalanceMode::Over:
        return "over";
    case RebalanceMode::Reweight:
        return "reweight";
    }
    return "down";
}

std::vector<int> popularityStrata(const Interactions& train, int strata) {
    if (strata < 1)
        throw std::invalid_argument("popularityStrata: at least one stratum");
    const CsrMatrix& byItem = train.byItem;
    std::vector<std::uint32_t> items;
    for (std::uint32_t i = 0; i < byItem.rows; ++i)
        if (byItem.rowSize(i) > 0)
            items.push_back(i);
    std::stable_sort(items.begin(), items.end(), [&](std::uint32_t a, std::uint32_t b) {
        return byItem.rowSize(a) > byItem.rowSize(b);
    });
    std::vector<int> out(byItem.rows, -1);
    const std::size_t n = items.size(), s = std::size_t(strata);
    const std::size_t base = n / s, longer = n % s;
    std::size_t pos = 0;
    for (std::size_t k = 0; k < s; ++k)
        for (std::size_t len = base + (k < longer ? 1 : 0); len > 0; --len)
            out[items[pos++]] = int(k);
    return out;
}

namespace {

std::vector<double> targetShares(const RebalanceOptions& o, const std::vector<std::size_t>& count) {
    const std::size_t s = count.size();
    std::vector<double> t = o.target;
    if (!t.empty()) {
        if (t.size() != s)
            throw std::invalid_argument("rebalance: the target needs one share per stratum (" +
                                        std::to_string(s) + ")");
        double sum = 0.0;
        for (double x : t) {
            if (!(x > 0.0) || !std::isfinite(x))
                throw std::invalid_argument("rebalance: target shares must be positive");
            sum += x;
        }
        if (std::abs(sum - 1.0) > 1e-6)
            throw std::invalid_argument("rebalance: target shares must sum to 1");
        return t;
    }
    if (o.flatten < 0.0 || o.flatten > 1.0)
        throw std::invalid_argument("rebalance: flatten must be in [0, 1]");
    t.resize(s);
    double sum = 0.0;
    for (std::size_t k = 0; k < s; ++k)
        sum += t[k] = count[k] ? std::pow(double(count[k]), 1.0 - o.flatten) : 0.0;
    for (double& x : t)
        x = sum > 0.0 ? x / sum : 0.0;
    return t;
}

/// Down-sampling: which entries stay (weight 1) and which go (0).
void downSample(const Interactions& train, const std::vector<int>& stratumOf,
                const std::vector<double>& target, const std::vector<std::size_t>& count,
                const RebalanceOptions& o, RebalanceResult& r) {
    const CsrMatrix& m = train.byUser;
    const std::size_t s = count.size();
    double total = -1.0; // N' = min over strata with a target of count / target
    for (std::size_t k = 0; k < s; ++k)
        if (target[k] > 0.0 && count[k] > 0) {
            const double n = double(count[k]) / target[k];
            total = total < 0.0 ? n : std::min(total, n);
        }
    std::vector<std::size_t> quota(s, 0);
    for (std::size_t k = 0; k < s; ++k)
        quota[k] = std::min(count[k], std::size_t(std::llround(target[k] * std::max(total, 0.0))));

    // Protect each user's least popular interactions first (they disturb the target least).
    std::vector<char> keep(m.nnz(), 0);
    std::vector<std::size_t> taken(s, 0);
    const std::size_t minPerUser = std::size_t(std::max(o.minPerUser, 0));
    std::vector<std::uint64_t> row;
    for (std::uint32_t u = 0; u < m.rows; ++u) {
        row.resize(m.rowSize(u));
        std::iota(row.begin(), row.end(), m.rowPtr[u]);
        std::stable_sort(row.begin(), row.end(), [&](std::uint64_t a, std::uint64_t b) {
            return train.byItem.rowSize(m.colIdx[a]) < train.byItem.rowSize(m.colIdx[b]);
        });
        for (std::size_t n = 0; n < std::min(minPerUser, row.size()); ++n) {
            keep[row[n]] = 1;
            ++taken[std::size_t(stratumOf[m.colIdx[row[n]]])];
            ++r.protectedEntries;
        }
    }
    // Fill each stratum's remaining quota at random (a partial Fisher-Yates shuffle).
    std::vector<std::vector<std::uint64_t>> pool(s);
    for (std::uint64_t k = 0; k < m.nnz(); ++k)
        if (!keep[k])
            pool[std::size_t(stratumOf[m.colIdx[k]])].push_back(k);
    Rng rng(o.seed);
    for (std::size_t k = 0; k < s; ++k) {
        auto& p = pool[k];
        const std::size_t want = quota[k] > taken[k] ? std::min(quota[k] - taken[k], p.size()) : 0;
        for (std::size_t n = 0; n < want; ++n) {
            const std::size_t pick = n + std::size_t(rng.next() % (p.size() - n));
            std::swap(p[n], p[pick]);
            keep[p[n]] = 1;
        }
    }
    for (std::uint64_t k = 0; k < m.nnz(); ++k)
        r.weights[k] = keep[k] ? 1.0f : 0.0f;
}

/// Over-sampling: integer repeat counts by randomised rounding of each stratum's factor.
void overSample(const Interactions& train, const std::vector<int>& stratumOf,
                const std::vector<double>& target, const std::vector<std::size_t>& count,
                const RebalanceOptions& o, RebalanceResult& r) {
    const CsrMatrix& m = train.byUser;
    const std::size_t s = count.size();
    double total = 0.0; // N' = max over strata of count / target
    for (std::size_t k = 0; k < s; ++k)
        if (target[k] > 0.0)
            total = std::max(total, double(count[k]) / target[k]);
    std::vector<double> factor(s, 1.0);
    for (std::size_t k = 0; k < s; ++k)
        factor[k] = count[k] ? std::max(1.0, target[k] * total / double(count[k])) : 1.0;
    Rng rng(o.seed);
    for (std::uint64_t k = 0; k < m.nnz(); ++k) {
        const double f = factor[std::size_t(stratumOf[m.colIdx[k]])];
        const double whole = std::floor(f);
        const double extra = double(rng.next() >> 11) * 0x1.0p-53 < f - whole ? 1.0 : 0.0;
        r.weights[k] = float(whole + extra);
    }
}

} // namespace

RebalanceResult rebalance(const Interactions& train, const RebalanceOptions& o) {
    RebalanceResult r;
    const CsrMatrix& m = train.byUser;
    const std::vector<int> stratumOf = popularityStrata(train, o.strata);
    const std::size_t s = std::size_t(o.strata);
    std::vector<std::size_t> count(s, 0);
    r.strata.resize(s);
    for (std::uint32_t i = 0; i < train.numItems(); ++i) {
        if (stratumOf[i] < 0)
            continue;
        RebalanceStratum& st = r.strata[std::size_t(stratumOf[i])];
        const std::uint32_t n = train.byItem.rowSize(i);
        st.minCount = st.items ? std::min(st.minCount, n) : n;
        st.maxCount = std::max(st.maxCount, n);
        ++st.items;
        count[std::size_t(stratumOf[i])] += n;
    }
    const std::vector<double> target = targetShares(o, count);
    r.weights.assign(m.nnz(), 1.0f);
    switch (o.mode) {
    case RebalanceMode::Down:
        downSample(train, stratumOf, target, count, o, r);
        break;
    case RebalanceMode::Over:
        overSample(train, stratumOf, target, count, o, r);
        break;
    case RebalanceMode::Reweight:
        for (std::uint64_t k = 0; k < m.nnz(); ++k) {
            const std::size_t st = std::size_t(stratumOf[m.colIdx[k]]);
            const double share = double(count[st]) / double(m.nnz());
            r.weights[k] = float(target[st] / share);
        }
        break;
    }

    std::vector<double> after(s, 0.0);
    double afterTotal = 0.0;
    for (std::uint64_t k = 0; k < m.nnz(); ++k) {
        after[std::size_t(stratumOf[m.colIdx[k]])] += r.weights[k];
        afterTotal += r.weights[k];
        r.entriesAfter += r.weights[k] > 0.0f ? 1 : 0;
    }
    r.entriesBefore = m.nnz();
    for (std::size_t k = 0; k < s; ++k) {
        RebalanceStratum& st = r.strata[k];
        st.before = count[k];
        st.beforeShare = m.nnz() ? double(count[k]) / double(m.nnz()) : 0.0;
        st.targetShare = target[k];
        st.after = after[k];
        st.afterShare = afterTotal > 0.0 ? after[k] / afterTotal : 0.0;
    }
    for (std::uint32_t u = 0; u < m.rows; ++u) {
        bool had = false, has = false;
        for (std::uint64_t k = m.rowPtr[u]; k < m.rowPtr[u + 1]; ++k) {
            had = true;
            has = has || r.weights[k] > 0.0f;
        }
        r.usersBefore += had ? 1 : 0;
        r.usersAfter += has ? 1 : 0;
    }
    return r;
}

} // namespace rs
