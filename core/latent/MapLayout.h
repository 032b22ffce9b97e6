#pragma once
#include "latent/Pca.h"
#include "latent/Tsne.h"
#include "util/Progress.h"
#include <Eigen/Dense>
#include <span>
#include <string>
#include <vector>

namespace rs {

class NeighbourIndex;

/// How a factor matrix is laid out on the plane.
enum class LayoutMethod {
    Pca, ///< the first two principal components (linear, instant)
    Tsne ///< Barnes–Hut t-SNE on the rows (local neighbourhoods, seconds)
};
const char* layoutMethodName(LayoutMethod method);
bool parseLayoutMethod(const std::string& text, LayoutMethod& out);

/// Which factor matrix of a model a layout is of.
enum class FactorSide { Items, Users };
const char* factorSideName(FactorSide side);

/// A 2-D layout of the rows of a factor matrix.
struct MapLayout {
    LayoutMethod method = LayoutMethod::Pca;
    std::vector<float> xy; ///< x0, y0, x1, y1, ... one pair per row
    std::string params;    ///< the settings as JSON (what a cached layout was computed with)
    double seconds = 0;
    /// PCA: the share of variance along each axis. t-SNE: 0.
    double explained[2] = {0, 0};
    double klDivergence = 0; ///< t-SNE only
    Pca pca;                 ///< PCA only: the components the layout projects on
    bool cancelled = false;

    std::size_t size() const { return xy.size() / 2; }
};

/// Lays out `rows` (n x k) by `method`; t-SNE reports progress and can be cancelled.
MapLayout computeMapLayout(const Eigen::MatrixXf& rows, LayoutMethod method,
                           const TsneOptions& tsne, const Progress& progress);

/// Where a vector of the same space (e.g. a user's factors in an item map) goes on a layout of
/// `index`'s rows: for PCA its projection on the same two components; for t-SNE (which has no
/// projection) the mean position of its `neighbours` nearest rows by cosine, weighted by the
/// (positive) similarity. Returns false when the vector has no positive neighbour.
bool placeOnLayout(const MapLayout& layout, const NeighbourIndex& index,
                   std::span<const float> vector, float& x, float& y, int neighbours = 10);

} // namespace rs
