#pragma once
#include "latent/TsneAffinities.h"
#include "util/Progress.h"
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace rs {

/// Settings of a t-SNE layout (van der Maaten 2014, Barnes–Hut). The defaults follow common
/// practice: PCA initialisation scaled to a standard deviation of 1e-4 (deterministic and
/// faithful to the global arrangement), early exaggeration 12 for 250 iterations with momentum
/// 0.5, then momentum 0.8, learning rate max(n / exaggeration / 4, 50), per-coordinate gains.
struct TsneOptions {
    double perplexity = 30;
    int iterations = 750;
    int exaggerationIterations = 250;
    double exaggeration = 12;
    double theta = 0.5;       ///< Barnes–Hut accuracy; 0 = exact repulsion (O(n^2))
    double learningRate = 0;  ///< 0 = automatic
    int inputDimensions = 50; ///< the input is reduced to this many principal components first
    bool cosine = true;       ///< L2-normalise the input rows (distances become cosine-like)
    int threads = 2;

    /// The settings as a JSON object (stored with a cached layout).
    std::string json() const;
};

struct TsneResult {
    Eigen::MatrixXf coords; ///< n x 2; empty when cancelled
    double klDivergence = 0;
    int iterations = 0;
    bool cancelled = false;
};

/// The t-SNE gradient for layout `xy` (x0, y0, x1, y1, ...): attraction from the sparse
/// affinities (scaled by `exaggeration`) minus repulsion through a quadtree with `theta`.
/// Writes dC/dy into `gradient` (same layout) and returns the normalisation Z = sum_{i!=j} q_ij.
double tsneGradient(const Affinities& P, const std::vector<float>& xy, double exaggeration,
                    double theta, int threads, std::vector<double>& gradient);

/// KL(P || Q) of a layout, with Q normalised by `z` (as returned by tsneGradient).
double tsneKl(const Affinities& P, const std::vector<float>& xy, double z);

/// Lays out the rows of `data` (n x d) in 2-D. Progress goes through the neighbour search
/// (first 20%) and the iterations; returning false cancels.
TsneResult runTsne(const Eigen::MatrixXf& data, const TsneOptions& options,
                   const Progress& progress);

} // namespace rs
