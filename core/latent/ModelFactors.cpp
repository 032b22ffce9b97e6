#include "latent/ModelFactors.h"

#include "models/BiasedMf.h"
#include "models/Bpr.h"
#include "models/ImplicitAls.h"
#include "models/ImportedFactors.h"
#include "models/LightGcn.h"
#include "models/SvdPlusPlus.h"

namespace rs {

namespace {

enum class Side { Items, Users };

Eigen::MatrixXf fromSet(const FactorSet& f, Side side) {
    const std::uint32_t rows = side == Side::Items ? f.items : f.users;
    const AlignedFloats& data = side == Side::Items ? f.Q : f.P;
    if (f.k <= 0 || data.size() < std::size_t(rows) * f.stride)
        return {};
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    return Eigen::Map<const RowMajor, 0, Eigen::OuterStride<>>(
        data.data(), Eigen::Index(rows), f.k, Eigen::OuterStride<>(Eigen::Index(f.stride)));
}

Eigen::MatrixXf factorsOf(const Recommender& model, Side side) {
    if (auto* m = dynamic_cast<const BiasedMf*>(&model))
        return fromSet(m->factors(), side);
    if (auto* m = dynamic_cast<const SvdPlusPlus*>(&model))
        return fromSet(m->factors(), side);
    if (auto* m = dynamic_cast<const ImplicitAls*>(&model))
        return side == Side::Items ? m->itemFactors() : m->userFactors();
    if (auto* m = dynamic_cast<const Bpr*>(&model))
        return side == Side::Items ? m->itemFactors() : m->userFactors();
    if (auto* m = dynamic_cast<const LightGcn*>(&model))
        return side == Side::Items ? m->itemEmbeddings() : m->userEmbeddings();
    if (auto* m = dynamic_cast<const ImportedFactors*>(&model))
        return fromSet(m->factors(), side);
    return {};
}

} // namespace

Eigen::MatrixXf itemFactorsOf(const Recommender& model) {
    return factorsOf(model, Side::Items);
}

Eigen::MatrixXf userFactorsOf(const Recommender& model) {
    return factorsOf(model, Side::Users);
}

} // namespace rs
