#include "HeatmapJob.h"

#include "store/Workspace.h"

#include <QObject>
#include <exception>

namespace rs::ui {

std::shared_ptr<const rs::Explainer> explainerFor(std::shared_ptr<const rs::RunContext> ctx,
                                                  QString& error) {
    std::string why;
    std::unique_ptr<rs::Explainer> made = rs::makeExplainer(*ctx, why);
    if (!made) {
        error = QString::fromStdString(why);
        return nullptr;
    }
    return std::shared_ptr<const rs::Explainer>(
        made.release(), [ctx = std::move(ctx)](const rs::Explainer* e) { delete e; });
}

HeatmapResult computeHeatmaps(const HeatmapRequest& request, const rs::Progress& progress) {
    HeatmapResult out;
    try {
        if (request.contexts.empty()) {
            out.error = QObject::tr("no run to show");
            return out;
        }
        out.explainers = request.explainers;
        out.explainers.resize(request.contexts.size());
        for (std::size_t i = 0; i < request.contexts.size(); ++i) {
            if (out.explainers[i])
                continue;
            QString error;
            out.explainers[i] = explainerFor(request.contexts[i], error);
            if (!out.explainers[i]) {
                out.error = QObject::tr("Run %1 (%2) cannot be explained: %3")
                                .arg(request.contexts[i]->run.id)
                                .arg(QString::fromStdString(request.contexts[i]->run.model), error);
                return out;
            }
        }
        const auto columns = rs::topColumns(*request.contexts[0], request.user, request.topN);
        if (out.explainers.size() == 1) {
            out.grids.push_back(
                rs::buildEvidenceGrid(*out.explainers[0], request.user, columns, progress));
            out.cancelled = out.grids.back().cancelled;
        } else {
            std::vector<const rs::Explainer*> raw;
            for (const auto& e : out.explainers)
                raw.push_back(e.get());
            rs::GridComparison cmp = rs::compareGrids(raw, request.user, columns, progress);
            if (!cmp.error.empty()) {
                out.error = QString::fromStdString(cmp.error);
                return out;
            }
            out.cancelled = cmp.cancelled;
            out.grids = std::move(cmp.grids);
            out.pairs = std::move(cmp.pairs);
        }
        if (out.cancelled)
            return out;
        try {
            rs::Workspace ws(request.workspacePath.toStdString(), rs::Workspace::Mode::ReadOnly);
            for (auto& grid : out.grids)
                rs::addRatingTimes(grid, ws);
        } catch (const std::exception&) {
            // Rating times only add a sort order; the grid is complete without them.
        }
        for (const auto& grid : out.grids)
            out.weights.push_back(rs::evidenceWeights(grid));
    } catch (const std::exception& e) {
        out.error = QString::fromUtf8(e.what());
    }
    return out;
}

} // namespace rs::ui
