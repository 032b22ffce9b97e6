#pragma once
#include "ItemScoreModel.h"
#include "explain/Explainer.h"
#include "latent/EmbeddingSpace.h"

#include <QString>
#include <memory>
#include <vector>

namespace rs {
struct RunContext;
}

namespace rs::ui {

/// What the Latent space page computes in workers, as plain functions of shared read-only
/// data (so they can run on any thread and be tested without a window).

/// The map of a run: its embedding space (layout cached in the workspace at `workspacePath`
/// when it can be opened) and, for an item map, the factor profiles of the inspector.
struct SpaceResult {
    std::shared_ptr<const rs::EmbeddingSpace> space;
    std::vector<rs::FactorProfile> profiles;
    QString error;
    bool cancelled = false;
};
SpaceResult computeSpace(const rs::RunContext& ctx, const rs::EmbeddingRequest& request,
                         const QString& workspacePath, const rs::Progress& progress);

/// A user's rated items and top-N (dense item indices) and where the user sits on the map.
struct UserView {
    std::vector<int> rated, top;
    bool placed = false;
    float x = 0, y = 0;
};
UserView userViewOf(const rs::RunContext& ctx, const rs::EmbeddingSpace& items, std::uint32_t user,
                    bool rated, int topN);

/// The `count` nearest neighbours of `row` as table rows (value = similarity); without
/// `includeRare`, only among the rows fitted in the layout.
std::vector<ItemScoreRow> neighbourRows(const rs::RunContext& ctx, const rs::EmbeddingSpace& space,
                                        std::uint32_t row, rs::FactorMetric metric, int count,
                                        bool includeRare);

/// A point as a table row: an item with its title and genres, or a user ("User 42", ratings).
ItemScoreRow pointRow(const rs::RunContext& ctx, const rs::EmbeddingSpace& space, std::uint32_t row,
                      float value);
/// A user's external id (or the index when unknown).
QString userIdText(const rs::RunContext& ctx, std::uint32_t user);

} // namespace rs::ui
