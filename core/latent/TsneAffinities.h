#pragma once
#include "util/Progress.h"
#include <Eigen/Dense>
#include <cstdint>
#include <vector>

namespace rs {

/// The symmetric input affinities p_ij of t-SNE as a sparse matrix in compressed rows: each
/// point's conditional distribution p_{j|i} over its nearest neighbours is a Gaussian of
/// squared distance whose width is chosen so that its perplexity 2^H matches the target; then
/// p_ij = (p_{j|i} + p_{i|j}) / (2n), so all entries sum to 1.
struct Affinities {
    std::uint32_t points = 0;
    std::vector<std::uint32_t> rowPtr; ///< points + 1
    std::vector<std::uint32_t> cols;
    std::vector<float> values;

    std::size_t nnz() const { return cols.size(); }
};

/// The conditional distribution of one point: p_{j|i} proportional to exp(-beta d_j^2), with
/// beta found by bisection so that the entropy (in nats) equals log(perplexity). `sqDistances`
/// are the squared distances to the neighbours; writes the probabilities (summing to 1) and
/// returns beta.
double calibrateRow(const std::vector<float>& sqDistances, double perplexity,
                    std::vector<float>& probabilities);

/// Affinities of the rows of `data` (n x d) over their 3 * perplexity nearest neighbours
/// (Euclidean, exact, by blocked matrix products). Progress runs from 0 to 1; empty result
/// when cancelled.
Affinities computeAffinities(const Eigen::MatrixXf& data, double perplexity, int threads,
                             const Progress& progress);

} // namespace rs
