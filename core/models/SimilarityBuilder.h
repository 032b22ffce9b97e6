#pragma once
#include "data/Interactions.h"
#include "models/NeighbourLists.h"
#include "util/Progress.h"
#include <cstddef>
#include <cstdint>

namespace rs {

/// Similarity measures between two rows x, x' over the columns y they have in common.
enum class SimilarityKind {
    Cosine,  ///< sum(v_xy v_x'y) / sqrt(sum v_xy^2 * sum v_x'y^2), sums over common y
    Pearson, ///< Pearson correlation over common y (means taken over the common y)
};

struct SimilarityOptions {
    SimilarityKind kind = SimilarityKind::Cosine;
    /// When > 0, similarities are multiplied by (n - 1) / (n - 1 + shrinkage), n = common count.
    double shrinkage = 0.0;
    /// Pairs with fewer common columns get no similarity.
    int minSupport = 1;
    /// Longest list kept per row (the most similar first).
    std::size_t maxNeighbours = 200;
    int threads = 1;
};

/// Computes every row's M most similar other rows (positive similarities only; ties go to the
/// lower index; each list is stored in ascending index order) by sparse
/// co-occurrence: row x's similarities come from walking the columns of x and, for each, the rows
/// that share it. No dense rows x rows matrix is built: memory is one accumulator per row per
/// thread plus the kept lists. Rows are processed in chunks across `threads` threads (the calling
/// thread included); `progress` is called from the calling thread with the fraction of rows done
/// and may cancel. Returns false when cancelled (then `out` is untouched).
///
/// `rows` is the matrix whose rows are compared (e.g. items x users for item-item similarity)
/// and `cols` must be its transpose. Pearson-baseline similarity is Cosine on residuals
/// (rating minus baseline) with shrinkage.
bool buildNeighbourLists(const CsrMatrix& rows, const CsrMatrix& cols,
                         const SimilarityOptions& options, const Progress& progress,
                         NeighbourLists& out);

} // namespace rs
