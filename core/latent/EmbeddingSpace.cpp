#include "latent/EmbeddingSpace.h"

#include "latent/ModelFactors.h"
#include "store/LayoutStore.h"
#include "train/RunContext.h"

#include <algorithm>

#include <exception>

namespace rs {

namespace {

/// Interactions and mean value per row of a CSR matrix (rows beyond it count as empty).
void rowStatistics(const CsrMatrix& m, std::size_t rows, std::vector<std::uint32_t>& counts,
                   std::vector<float>& means) {
    counts.assign(rows, 0);
    means.assign(rows, 0.0f);
    for (std::uint32_t r = 0; r < m.rows && r < rows; ++r) {
        const auto values = m.rowValues(r);
        counts[r] = std::uint32_t(values.size());
        double sum = 0;
        for (float v : values)
            sum += v;
        means[r] = values.empty() ? 0.0f : float(sum / double(values.size()));
    }
}

} // namespace

std::string EmbeddingRequest::layoutParams() const {
    std::string json = "{\"min_interactions\":" + std::to_string(minInteractions);
    if (method == LayoutMethod::Tsne)
        json += ",\"tsne\":" + tsne.json();
    return json + "}";
}

std::size_t EmbeddingSpace::fittedCount() const {
    return std::size_t(std::count(fitted.begin(), fitted.end(), std::uint8_t(1)));
}

std::shared_ptr<const EmbeddingSpace> buildEmbeddingSpace(const RunContext& ctx, Workspace* cache,
                                                          const EmbeddingRequest& request,
                                                          const Progress& progress,
                                                          std::string& error, bool& cancelled) {
    cancelled = false;
    if (!ctx.model) {
        error = "the run has no trained model";
        return nullptr;
    }
    const Eigen::MatrixXf rows =
        request.side == FactorSide::Items ? itemFactorsOf(*ctx.model) : userFactorsOf(*ctx.model);
    if (rows.size() == 0) {
        error = "model '" + ctx.model->name() +
                "' has no latent factors to map (factor models: biasedmf, svdpp, als, bpr)";
        return nullptr;
    }
    auto space = std::make_shared<EmbeddingSpace>();
    space->side = request.side;
    space->index = std::make_shared<const NeighbourIndex>(rows);
    const CsrMatrix& m = request.side == FactorSide::Items ? ctx.train.byItem : ctx.train.byUser;
    rowStatistics(m, std::size_t(rows.rows()), space->popularity, space->meanValue);
    if (request.side == FactorSide::Items)
        space->userFactors = userFactorsOf(*ctx.model);

    const std::size_t n = std::size_t(rows.rows());
    // The rows that fit the layout; all of them when too few pass the threshold.
    std::vector<std::uint32_t> fit;
    for (std::uint32_t r = 0; r < n; ++r)
        if (int(space->popularity[r]) >= request.minInteractions)
            fit.push_back(r);
    if (fit.size() < 3) {
        fit.resize(n);
        for (std::uint32_t r = 0; r < n; ++r)
            fit[r] = r;
    }
    space->fitted.assign(n, 0);
    for (std::uint32_t r : fit)
        space->fitted[r] = 1;

    const std::string params = request.layoutParams();
    if (cache && request.useCache && request.method == LayoutMethod::Tsne) {
        try {
            if (auto stored = LayoutStore(*cache).load(ctx.run.id, request.side, request.method, n,
                                                       &params)) {
                space->layout = std::move(*stored);
                space->fromCache = true;
                progress(1.0, "layout");
                return space;
            }
        } catch (const std::exception&) {
            // An unreadable cache only costs the time to compute the layout again.
        }
    }
    Eigen::MatrixXf fitRows(Eigen::Index(fit.size()), rows.cols());
    for (std::size_t k = 0; k < fit.size(); ++k)
        fitRows.row(Eigen::Index(k)) = rows.row(Eigen::Index(fit[k]));
    MapLayout fitted = computeMapLayout(fitRows, request.method, request.tsne, progress);
    if (fitted.cancelled) {
        cancelled = true;
        return nullptr;
    }
    // Every row's position: fitted rows as laid out, the others placed on the layout.
    MapLayout& layout = space->layout;
    layout = fitted;
    layout.xy.assign(n * 2, 0.0f);
    layout.params = params;
    for (std::size_t k = 0; k < fit.size(); ++k) {
        layout.xy[2 * fit[k]] = fitted.xy[2 * k];
        layout.xy[2 * fit[k] + 1] = fitted.xy[2 * k + 1];
    }
    if (fit.size() < n) {
        const NeighbourIndex fitIndex(fitRows);
        for (std::uint32_t r = 0; r < n; ++r) {
            if (space->fitted[r])
                continue;
            const Eigen::VectorXf v = rows.row(r).transpose();
            float x = 0, y = 0;
            if (placeOnLayout(fitted, fitIndex, {v.data(), std::size_t(v.size())}, x, y)) {
                layout.xy[2 * r] = x;
                layout.xy[2 * r + 1] = y;
            }
        }
    }
    if (cache && request.method == LayoutMethod::Tsne) {
        try {
            LayoutStore(*cache).save(ctx.run.id, request.side, space->layout);
        } catch (const std::exception&) {
            // Read-only or busy workspace: the layout is shown, just not kept.
        }
    }
    return space;
}

bool userOnItemMap(const EmbeddingSpace& items, std::uint32_t user, float& x, float& y) {
    if (!items.index || items.side != FactorSide::Items)
        return false;
    const Eigen::MatrixXf& users = items.userFactors;
    if (Eigen::Index(user) >= users.rows() || users.cols() != items.index->dimensions())
        return false;
    const Eigen::VectorXf v = users.row(user).transpose();
    return placeOnLayout(items.layout, *items.index, {v.data(), std::size_t(v.size())}, x, y);
}

} // namespace rs
