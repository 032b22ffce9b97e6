#include "models/LightGcnAttribution.h"

#include "models/PositiveMatrix.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace rs {

double LightGcnScoreTerms::total() const {
    double s = own;
    for (const LightGcnHistoryTerm& t : history)
        s += t.value;
    return s;
}

LightGcnAttribution::LightGcnAttribution(const LightGcn& model, const Interactions& train,
                                         int threads)
    : m_model(model), m_positives(positiveMatrix(train.byUser, model.minValue())),
      m_graph(m_positives) {
    const int K = model.layers();
    if (m_graph.numUsers() != model.numUsers() || m_graph.numItems() != model.numItems()) {
        m_mismatch = HUGE_VAL;
        return;
    }
    m_layers = m_graph.layerStack(model.layer0(), K, threads);
    // The users' layer K from layer K - 1, then their layer means against the stored ones.
    const std::uint32_t nu = m_graph.numUsers();
    const float invL = 1.0f / float(K + 1);
    const auto& adj = m_graph.adjacency();
    Eigen::RowVectorXf mean, last;
    for (std::uint32_t u = 0; u < nu; ++u) {
        mean = model.layer0().row(u);
        for (int k = 1; k < K; ++k)
            mean += m_layers[std::size_t(k)].row(u);
        if (K > 0) {
            last.setZero(model.layer0().cols());
            for (LightGcnGraph::Adjacency::InnerIterator e(adj, u); e; ++e)
                last += e.value() * m_layers[std::size_t(K - 1)].row(e.col());
            mean += last;
        }
        mean *= invL;
        m_mismatch = std::max(m_mismatch,
                              double((mean - model.userEmbeddings().row(u)).cwiseAbs().maxCoeff()));
    }
}

std::span<const std::uint32_t> LightGcnAttribution::history(std::uint32_t user) const {
    if (user >= m_positives.rows)
        return {};
    return m_positives.rowCols(user);
}

LightGcnScoreTerms LightGcnAttribution::terms(std::uint32_t user, std::uint32_t item) const {
    LightGcnScoreTerms t;
    if (user >= m_model.numUsers() || item >= m_model.numItems() || m_layers.empty())
        return t;
    const double invL = 1.0 / double(m_model.layers() + 1);
    const auto ei = m_model.itemEmbeddings().row(item);
    t.own = invL * double(m_model.layer0().row(user).dot(ei));
    const auto& adj = m_graph.adjacency();
    for (LightGcnGraph::Adjacency::InnerIterator e(adj, user); e; ++e) {
        const auto node = std::uint32_t(e.col());
        double sum = 0.0;
        for (const RowMatrix& x : m_layers)
            sum += double(x.row(node).dot(ei));
        t.history.push_back({node - m_graph.numUsers(), e.value(), double(e.value()) * invL * sum});
    }
    return t;
}

double LightGcnAttribution::continuation(std::uint32_t v, std::uint32_t item) const {
    const auto ei = m_model.itemEmbeddings().row(item);
    double sum = 0.0;
    for (std::size_t k = 0; k + 1 < m_layers.size(); ++k)
        sum += double(m_layers[k].row(v).dot(ei));
    return sum;
}

std::vector<LightGcnPath> LightGcnAttribution::paths(std::uint32_t user, std::uint32_t item) const {
    std::vector<LightGcnPath> out;
    if (user >= m_model.numUsers() || item >= m_model.numItems() || m_layers.empty())
        return out;
    const double invL = 1.0 / double(m_model.layers() + 1);
    const auto ei = m_model.itemEmbeddings().row(item);
    const auto& adj = m_graph.adjacency();
    std::vector<double> cont(m_graph.numUsers(), std::nan(""));
    for (LightGcnGraph::Adjacency::InnerIterator e(adj, user); e; ++e) {
        const auto node = std::uint32_t(e.col());
        const std::uint32_t j = node - m_graph.numUsers();
        const double wuj = double(e.value()) * invL;
        out.push_back({j, -1, wuj * double(m_layers[0].row(node).dot(ei))});
        if (m_layers.size() < 2)
            continue;
        for (LightGcnGraph::Adjacency::InnerIterator f(adj, node); f; ++f) {
            const auto v = std::uint32_t(f.col());
            if (std::isnan(cont[v]))
                cont[v] = continuation(v, item);
            out.push_back({j, std::int64_t(v), wuj * double(f.value()) * cont[v]});
        }
    }
    return out;
}

Eigen::VectorXf
LightGcnAttribution::userEmbeddingWithout(std::uint32_t user,
                                          std::span<const std::uint32_t> removed) const {
    if (user >= m_model.numUsers())
        return {};
    const auto hist = history(user);
    std::vector<std::uint32_t> gone(removed.begin(), removed.end());
    std::sort(gone.begin(), gone.end());
    std::vector<std::uint32_t> kept;
    kept.reserve(hist.size());
    std::set_difference(hist.begin(), hist.end(), gone.begin(), gone.end(),
                        std::back_inserter(kept));
    if (kept.size() == hist.size() || m_layers.empty())
        return m_model.userEmbeddings().row(user).transpose();
    const int K = m_model.layers();
    Eigen::RowVectorXf mean = m_model.layer0().row(user);
    Eigen::RowVectorXf layer(mean.size());
    const double du = double(kept.size());
    for (int k = 1; k <= K; ++k) {
        layer.setZero();
        for (std::uint32_t j : kept) {
            const std::uint32_t node = m_graph.itemNode(j);
            const float w = float(1.0 / std::sqrt(du * double(m_graph.degree(node))));
            layer += w * m_layers[std::size_t(k - 1)].row(node);
        }
        mean += layer;
    }
    return (mean * (1.0f / float(K + 1))).transpose();
}

void LightGcnAttribution::scoresWithout(std::uint32_t user, std::span<const std::uint32_t> removed,
                                        std::vector<float>& out) const {
    out.assign(m_model.numItems(), 0.0f);
    const Eigen::VectorXf e = userEmbeddingWithout(user, removed);
    if (e.size() == 0)
        return;
    Eigen::Map<Eigen::VectorXf>(out.data(), Eigen::Index(out.size())).noalias() =
        m_model.itemEmbeddings() * e;
}

} // namespace rs
