#pragma once
#include "latent/MapLayout.h"
#include "latent/NeighbourIndex.h"
#include "util/Progress.h"
#include <Eigen/Dense>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace rs {

struct RunContext;
class Workspace;

/// What the embedding map asks for.
struct EmbeddingRequest {
    FactorSide side = FactorSide::Items;
    LayoutMethod method = LayoutMethod::Tsne;
    TsneOptions tsne;
    /// Rows with fewer training interactions have factors that are mostly their random
    /// initialisation: they are left out of the layout's fit and placed afterwards (PCA: by
    /// projection; t-SNE: at the weighted mean of their nearest fitted rows). 0 fits every row.
    int minInteractions = 5;
    bool useCache = true; ///< reuse a stored layout computed with the same settings

    /// The layout settings as JSON (what a cached layout must match).
    std::string layoutParams() const;
};

/// One side of a trained factor model ready to explore: its factor rows, an exact neighbour
/// index over them, a 2-D layout and each row's training popularity. Built once in a worker,
/// then shared read-only.
struct EmbeddingSpace {
    FactorSide side = FactorSide::Items;
    std::shared_ptr<const NeighbourIndex> index;
    MapLayout layout;
    bool fromCache = false;
    /// Training interactions of each row (ratings of the item, or by the user).
    std::vector<std::uint32_t> popularity;
    /// Mean training value of each row (0 without interactions).
    std::vector<float> meanValue;
    /// Whether each row took part in fitting the layout (else it was placed afterwards).
    std::vector<std::uint8_t> fitted;
    std::size_t fittedCount() const;
    /// Items side only: the model's user factors (users x k), to place users on the map.
    Eigen::MatrixXf userFactors;

    std::size_t size() const { return index ? index->size() : 0; }
};

/// Builds the space of `ctx`'s model. A t-SNE layout is read from `cache` when it holds one
/// computed with the same settings, else computed and stored there (`cache` may be null; a
/// failing cache write is ignored: the layout is still returned). nullptr with `error` when the
/// model has no factors; with `cancelled` set when progress asked to stop.
std::shared_ptr<const EmbeddingSpace> buildEmbeddingSpace(const RunContext& ctx, Workspace* cache,
                                                          const EmbeddingRequest& request,
                                                          const Progress& progress,
                                                          std::string& error, bool& cancelled);

/// The position of `user` on an item map: the projection of the user's factors (PCA) or the
/// weighted mean of their nearest items (t-SNE); see placeOnLayout(). False when the model has
/// no factors for the user.
bool userOnItemMap(const EmbeddingSpace& items, std::uint32_t user, float& x, float& y);

} // namespace rs
