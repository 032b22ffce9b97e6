#include "latent/MapLayout.h"

#include "latent/NeighbourIndex.h"

#include <chrono>

namespace rs {

const char* layoutMethodName(LayoutMethod method) {
    return method == LayoutMethod::Tsne ? "tsne" : "pca";
}

bool parseLayoutMethod(const std::string& text, LayoutMethod& out) {
    for (LayoutMethod m : {LayoutMethod::Pca, LayoutMethod::Tsne})
        if (text == layoutMethodName(m)) {
            out = m;
            return true;
        }
    return false;
}

const char* factorSideName(FactorSide side) {
    return side == FactorSide::Users ? "users" : "items";
}

MapLayout computeMapLayout(const Eigen::MatrixXf& rows, LayoutMethod method,
                           const TsneOptions& tsne, const Progress& progress) {
    const auto start = std::chrono::steady_clock::now();
    MapLayout layout;
    layout.method = method;
    const std::size_t n = std::size_t(rows.rows());
    layout.xy.assign(n * 2, 0.0f);
    if (n == 0)
        return layout;
    if (method == LayoutMethod::Pca) {
        layout.pca = principalComponents(rows, 2);
        const Eigen::MatrixXf& p = layout.pca.projected;
        for (std::size_t i = 0; i < n; ++i) {
            layout.xy[2 * i] = p.cols() > 0 ? p(Eigen::Index(i), 0) : 0.0f;
            // Screen y points down: flip the second component so "up" is its positive side.
            layout.xy[2 * i + 1] = p.cols() > 1 ? -p(Eigen::Index(i), 1) : 0.0f;
        }
        for (int c = 0; c < std::min(2, layout.pca.componentCount()); ++c)
            layout.explained[c] = layout.pca.explainedRatio(c);
        layout.params = "{}";
    } else {
        TsneResult r = runTsne(rows, tsne, progress);
        if (r.cancelled) {
            layout.cancelled = true;
            layout.xy.clear();
            return layout;
        }
        for (std::size_t i = 0; i < n; ++i) {
            layout.xy[2 * i] = r.coords(Eigen::Index(i), 0);
            layout.xy[2 * i + 1] = r.coords(Eigen::Index(i), 1);
        }
        layout.klDivergence = r.klDivergence;
        layout.params = tsne.json();
    }
    layout.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return layout;
}

bool placeOnLayout(const MapLayout& layout, const NeighbourIndex& index,
                   std::span<const float> vector, float& x, float& y, int neighbours) {
    if (vector.size() != std::size_t(index.dimensions()) || layout.size() != index.size())
        return false;
    if (layout.method == LayoutMethod::Pca && layout.pca.componentCount() > 0) {
        const Eigen::VectorXf p = layout.pca.project(vector);
        x = p.size() > 0 ? p[0] : 0.0f;
        y = p.size() > 1 ? -p[1] : 0.0f;
        return true;
    }
    double sx = 0, sy = 0, sw = 0;
    for (const FactorNeighbour& nb : index.nearestTo(vector, neighbours, FactorMetric::Cosine)) {
        if (nb.similarity <= 0)
            continue;
        sx += double(nb.similarity) * layout.xy[2 * nb.row];
        sy += double(nb.similarity) * layout.xy[2 * nb.row + 1];
        sw += nb.similarity;
    }
    if (sw <= 0)
        return false;
    x = float(sx / sw);
    y = float(sy / sw);
    return true;
}

} // namespace rs
