#pragma once
#include "explain/EvidenceGrid.h"
#include "explain/Explainer.h"
#include "train/RunContext.h"

#include <QString>
#include <memory>
#include <vector>

namespace rs::ui {

/// What the heatmap page asks a worker to compute: one run's grid, or a comparison of 2-3
/// runs of one dataset over the same rows and columns. Only values and shared read-only
/// contexts, so it can cross threads.
struct HeatmapRequest {
    QString workspacePath; ///< for the rating times (a read-only connection of the worker)
    std::vector<std::shared_ptr<const rs::RunContext>> contexts;
    /// Already built explainers, aligned with `contexts` (nullptr: build it in the worker).
    std::vector<std::shared_ptr<const rs::Explainer>> explainers;
    std::uint32_t user = 0;
    int topN = 20; ///< columns: the first run's top-N for the user
};

struct HeatmapResult {
    /// The explainers used, aligned with the request's contexts; each keeps its context alive.
    std::vector<std::shared_ptr<const rs::Explainer>> explainers;
    std::vector<rs::EvidenceGrid> grids;   ///< raw evidence, one per run
    std::vector<rs::EvidenceGrid> weights; ///< evidenceWeights() of each grid
    std::vector<rs::GridComparison::Pair> pairs;
    QString error;
    bool cancelled = false;
};

/// Runs on a worker: builds the missing explainers (makeExplainer, once per run: the result
/// hands them back for reuse), the grid(s) and their shares, and the rating times.
HeatmapResult computeHeatmaps(const HeatmapRequest& request, const rs::Progress& progress);

/// An explainer that owns a reference to its context, so the context lives as long as it does.
std::shared_ptr<const rs::Explainer> explainerFor(std::shared_ptr<const rs::RunContext> ctx,
                                                  QString& error);

} // namespace rs::ui
