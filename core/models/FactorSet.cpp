#include "models/FactorSet.h"

#include "models/ParamBlocks.h"
#include "models/ShardRunner.h"

#include <Eigen/Core>
#include <algorithm>

namespace rs {

void FactorSet::resize(std::uint32_t numUsers, std::uint32_t numItems, int factors) {
    k = factors;
    stride = strideFor(factors);
    users = numUsers;
    items = numItems;
    P.assign(std::size_t(users) * stride, 0.0f);
    Q.assign(std::size_t(items) * stride, 0.0f);
    bu.assign(users, 0.0f);
    bi.assign(items, 0.0f);
}

void FactorSet::randomise(AlignedFloats& m, std::uint32_t rows, double mu, double sd,
                          std::uint64_t seed, std::uint64_t stream, int threads) const {
    constexpr std::uint32_t kBlock = 256;
    const std::uint32_t blocks = (rows + kBlock - 1) / kBlock;
    const int workers = std::max(1, std::min<int>(threads, int(blocks)));
    runShards(workers, [&](int w) {
        for (std::uint32_t b = std::uint32_t(w); b < blocks; b += std::uint32_t(workers)) {
            Rng rng(seed ^ (stream * 0x9e3779b97f4a7c15ull + b * 0xbf58476d1ce4e5b9ull));
            const std::uint32_t end = std::min(rows, (b + 1) * kBlock);
            for (std::uint32_t r = b * kBlock; r < end; ++r)
                for (int f = 0; f < k; ++f)
                    m[std::size_t(r) * stride + std::size_t(f)] =
                        float(mu) + float(sd) * rng.normalFloat();
        }
    });
}

void FactorSet::zeroRow(AlignedFloats& m, std::uint32_t r) const {
    std::fill_n(m.begin() + std::ptrdiff_t(std::size_t(r) * stride), stride, 0.0f);
}

float FactorSet::predict(std::uint32_t u, std::uint32_t i) const {
    float s = mean;
    if (u < users)
        s += bu[u];
    if (i < items)
        s += bi[i];
    if (u < users && i < items) {
        const Eigen::Map<const Eigen::VectorXf> p(P.data() + std::size_t(u) * stride,
                                                  Eigen::Index(stride));
        const Eigen::Map<const Eigen::VectorXf> q(Q.data() + std::size_t(i) * stride,
                                                  Eigen::Index(stride));
        s += p.dot(q);
    }
    return s;
}

void FactorSet::scoreAll(std::uint32_t u, std::vector<float>& out) const {
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    out.resize(items);
    Eigen::Map<Eigen::VectorXf> o(out.data(), Eigen::Index(items));
    const Eigen::Map<const Eigen::ArrayXf> b(bi.data(), Eigen::Index(items));
    if (u >= users) {
        o.array() = b + mean;
        return;
    }
    const Eigen::Map<const RowMajor> q(Q.data(), Eigen::Index(items), Eigen::Index(stride));
    const Eigen::Map<const Eigen::VectorXf> p(P.data() + std::size_t(u) * stride,
                                              Eigen::Index(stride));
    o.noalias() = q * p;
    o.array() += b + (mean + bu[u]);
}

void FactorSet::save(ModelState& state, const std::string& userBlock,
                     const std::string& itemBlock) const {
    state.blocks.push_back(blocks::scalar("global_mean", mean));
    state.blocks.push_back(blocks::column("user_bias", bu));
    state.blocks.push_back(blocks::column("item_bias", bi));
    state.blocks.push_back(blocks::make(userBlock, users, k, P.data(), stride));
    state.blocks.push_back(blocks::make(itemBlock, items, k, Q.data(), stride));
}

bool FactorSet::load(const ModelState& state, std::string& error, const std::string& userBlock,
                     const std::string& itemBlock) {
    const ParamBlock* m = blocks::require(state, "global_mean", 1, 1, error);
    const ParamBlock* ub = m ? blocks::require(state, "user_bias", -1, 1, error) : nullptr;
    const ParamBlock* ib = ub ? blocks::require(state, "item_bias", -1, 1, error) : nullptr;
    const ParamBlock* pf = ib ? blocks::require(state, userBlock, ub->rows, -1, error) : nullptr;
    const ParamBlock* qf =
        pf ? blocks::require(state, itemBlock, ib->rows, pf->cols, error) : nullptr;
    if (!qf)
        return false;
    if (pf->cols < 1) {
        error = "factor blocks have no columns";
        return false;
    }
    resize(std::uint32_t(ub->rows), std::uint32_t(ib->rows), int(pf->cols));
    mean = m->data[0];
    bu = ub->data;
    bi = ib->data;
    std::vector<float> tmp;
    blocks::copyOut(*pf, tmp, stride);
    P.assign(tmp.begin(), tmp.end());
    blocks::copyOut(*qf, tmp, stride);
    Q.assign(tmp.begin(), tmp.end());
    return true;
}

} // namespace rs
