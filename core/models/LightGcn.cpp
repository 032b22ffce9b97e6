#include "models/LightGcn.h"

#include "models/EpochReporter.h"
#include "models/LightGcnAdam.h"
#include "models/LightGcnObjective.h"
#include "models/ParamBlocks.h"
#include "models/PositiveMatrix.h"
#include "models/Rng.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace rs {

namespace {

/// Draws the triples of one batch: for each positive entry of `order[from, to)`, `negatives`
/// items uniform among those the user has no positive for. Users whose every item is a
/// positive are skipped (no negative exists).
void drawTriples(const CsrMatrix& pos, const std::vector<std::uint32_t>& entryUser,
                 const std::vector<std::uint64_t>& order, std::size_t from, std::size_t to,
                 int negatives, Rng& rng, std::vector<BprTriple>& out) {
    out.clear();
    for (std::size_t x = from; x < to; ++x) {
        const std::uint64_t entry = order[x];
        const std::uint32_t u = entryUser[entry];
        const auto row = pos.rowCols(u);
        if (row.size() >= pos.cols)
            continue;
        for (int n = 0; n < negatives; ++n) {
            std::uint32_t j = rng.below(pos.cols);
            while (std::binary_search(row.begin(), row.end(), j))
                j = rng.below(pos.cols);
            out.push_back({u, pos.colIdx[entry], j, pos.weight(entry)});
        }
    }
}

} // namespace

LightGcn::LightGcn() {
    m_params.addInt("factors", m_factors, 1, 1024, "embedding size")
        .addInt("layers", m_layers, 0, 8, "propagation layers K")
        .addInt("epochs", m_epochs, 1, 100000, "passes over every positive")
        .addDouble("lr", m_lr, {0.0, 10.0, true}, "Adam step size")
        .addDouble("reg", m_reg, {0.0, 100.0}, "L2 weight on the batch's layer-0 embeddings")
        .addInt("batch", m_batch, 1, 10000000, "positives per optimiser step")
        .addInt("negatives", m_negatives, 1, 100, "sampled negatives per positive")
        .addDouble("min_value", m_minValue, {-1e9, 1e9}, "values >= this are positives")
        .addDouble("init_std", m_initStd, {0.0, 10.0}, "std of the initial embeddings");
}

FitResult LightGcn::fit(const Interactions& data, const FitOptions& options,
                        const Progress& progress) {
    FitResult result;
    EpochReporter reporter(options, progress, result, m_epochs, "bpr loss");
    if (!reporter.stage(0.0, "initialising")) {
        result.status = FitStatus::Cancelled;
        return result;
    }
    CsrMatrix pos;
    if (!pairwisePositives(data, m_minValue, "LightGCN", pos, result))
        return result;
    const std::uint32_t nu = data.numUsers(), ni = data.numItems();
    const LightGcnGraph graph(pos);
    const int threads = std::max(1, options.threads);
    RowMatrix e0(Eigen::Index(nu) + Eigen::Index(ni), m_factors);
    Rng rng(options.seed);
    for (Eigen::Index r = 0; r < e0.rows(); ++r)
        for (Eigen::Index c = 0; c < e0.cols(); ++c)
            e0(r, c) = float(rng.normal() * m_initStd);
    for (std::uint32_t u = 0; u < nu; ++u)
        if (pos.rowSize(u) == 0)
            e0.row(u).setZero();

    std::vector<std::uint32_t> entryUser(pos.nnz());
    for (std::uint32_t u = 0; u < nu; ++u)
        std::fill(entryUser.begin() + std::ptrdiff_t(pos.rowPtr[u]),
                  entryUser.begin() + std::ptrdiff_t(pos.rowPtr[u + 1]), u);
    std::vector<std::uint64_t> order(pos.nnz());
    std::iota(order.begin(), order.end(), std::uint64_t(0));

    LightGcnObjective objective(graph, m_layers, m_reg, threads);
    LightGcnAdam adam(std::size_t(e0.size()), m_lr);
    RowMatrix grad;
    std::vector<BprTriple> triples;
    const std::size_t batch = std::size_t(m_batch);
    const std::size_t batches = (order.size() + batch - 1) / batch;
    for (int e = 1; e <= m_epochs; ++e) {
        rng.shuffle(order.data(), order.size());
        double lossSum = 0.0;
        std::size_t tripleCount = 0;
        for (std::size_t b = 0; b < batches; ++b) {
            drawTriples(pos, entryUser, order, b * batch, std::min(order.size(), (b + 1) * batch),
                        m_negatives, rng, triples);
            if (triples.empty())
                continue;
            double bpr = 0.0;
            objective.evaluate(e0, triples, &grad, &bpr);
            lossSum += bpr * double(triples.size());
            tripleCount += triples.size();
            adam.step(e0.data(), grad.data(), threads);
            if (b % 8 == 7 &&
                !reporter.stage((e - 1 + double(b + 1) / double(batches)) / m_epochs,
                                "epoch " + std::to_string(e) + "/" + std::to_string(m_epochs))) {
                result.status = FitStatus::Cancelled;
                return result;
            }
        }
        const double loss = tripleCount ? lossSum / double(tripleCount) : 0.0;
        if (reporter.diverged(e, loss, "try a smaller lr", e0.allFinite()))
            return result;
        if (!reporter.epochDone(e, loss)) {
            result.status = FitStatus::Cancelled;
            return result;
        }
    }
    RowMatrix mean;
    graph.layerMean(e0, m_layers, mean, threads);
    m_users = mean.topRows(nu);
    m_items = mean.bottomRows(ni);
    m_e0 = std::move(e0);
    m_trainedLayers = m_layers;
    m_trainedMinValue = m_minValue;
    return result;
}

float LightGcn::score(std::uint32_t user, std::uint32_t item) const {
    if (user >= numUsers() || item >= numItems())
        return 0.0f;
    return m_users.row(user).dot(m_items.row(item));
}

void LightGcn::scoreAll(std::uint32_t user, std::vector<float>& out) const {
    out.assign(numItems(), 0.0f);
    if (user >= numUsers())
        return;
    Eigen::Map<Eigen::VectorXf>(out.data(), Eigen::Index(out.size())).noalias() =
        m_items * m_users.row(user).transpose();
}

ModelState LightGcn::save() const {
    ModelState s;
    s.model = name();
    s.hyper = m_params.toMap();
    const std::size_t k = std::size_t(m_e0.cols());
    const Eigen::Index nu = m_users.rows(), ni = m_items.rows();
    s.blocks.push_back(blocks::make("user_embeddings_0", nu, m_e0.cols(), m_e0.data(), k));
    s.blocks.push_back(
        blocks::make("item_embeddings_0", ni, m_e0.cols(), m_e0.data() + std::size_t(nu) * k, k));
    s.blocks.push_back(blocks::make("user_embeddings", nu, m_users.cols(), m_users.data(), k));
    s.blocks.push_back(blocks::make("item_embeddings", ni, m_items.cols(), m_items.data(), k));
    return s;
}

bool LightGcn::load(const ModelState& state, std::string& error) {
    if (!blocks::checkHeader(state, name(), 1, error))
        return false;
    const ParamBlock* u0 = blocks::require(state, "user_embeddings_0", -1, -1, error);
    if (!u0)
        return false;
    const ParamBlock* i0 = blocks::require(state, "item_embeddings_0", -1, u0->cols, error);
    if (!i0)
        return false;
    const ParamBlock* u = blocks::require(state, "user_embeddings", u0->rows, u0->cols, error);
    if (!u)
        return false;
    const ParamBlock* i = blocks::require(state, "item_embeddings", i0->rows, u0->cols, error);
    if (!i || !m_params.setAll(state.hyper, error))
        return false;
    m_e0.resize(u0->rows + i0->rows, u0->cols);
    m_e0.topRows(u0->rows) = Eigen::Map<const RowMatrix>(u0->data.data(), u0->rows, u0->cols);
    m_e0.bottomRows(i0->rows) = Eigen::Map<const RowMatrix>(i0->data.data(), i0->rows, i0->cols);
    m_users = Eigen::Map<const RowMatrix>(u->data.data(), u->rows, u->cols);
    m_items = Eigen::Map<const RowMatrix>(i->data.data(), i->rows, i->cols);
    m_trainedLayers = m_layers;
    m_trainedMinValue = m_minValue;
    return true;
}

} // namespace rs
