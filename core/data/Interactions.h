#pragma once
#include "data/RatingTable.h"
#include <cstdint>
#include <span>
#include <vector>

namespace rs {

/// Compressed sparse rows: row r's entries are [rowPtr[r], rowPtr[r+1]) of `cols`/`values`,
/// column indices sorted ascending within a row.
struct CsrMatrix {
    std::uint32_t rows = 0;
    std::uint32_t cols = 0;
    std::vector<std::uint64_t> rowPtr; ///< rows + 1 entries
    std::vector<std::uint32_t> colIdx;
    std::vector<float> values;
    /// Per-entry sample weights aligned with `values` (IPS, re-weighting, over-sampling); empty
    /// means every entry weighs 1. Models that cannot use them say so (see
    /// Recommender::supportsSampleWeights).
    std::vector<float> weights;

    std::size_t nnz() const { return colIdx.size(); }
    bool weighted() const { return !weights.empty(); }
    /// Weight of entry k (1 when unweighted).
    float weight(std::uint64_t k) const { return weights.empty() ? 1.0f : weights[k]; }
    /// Row r's weights; empty when unweighted.
    std::span<const float> rowWeights(std::uint32_t r) const {
        if (weights.empty())
            return {};
        return {weights.data() + rowPtr[r], weights.data() + rowPtr[r + 1]};
    }
    std::span<const std::uint32_t> rowCols(std::uint32_t r) const {
        return {colIdx.data() + rowPtr[r], colIdx.data() + rowPtr[r + 1]};
    }
    std::span<const float> rowValues(std::uint32_t r) const {
        return {values.data() + rowPtr[r], values.data() + rowPtr[r + 1]};
    }
    std::uint32_t rowSize(std::uint32_t r) const {
        return static_cast<std::uint32_t>(rowPtr[r + 1] - rowPtr[r]);
    }
    /// The transpose; weights travel with their entries.
    CsrMatrix transposed() const;
    /// Builds from coordinate triplets; duplicates must not be present.
    static CsrMatrix fromTriplets(std::uint32_t rows, std::uint32_t cols,
                                  std::span<const std::uint32_t> r,
                                  std::span<const std::uint32_t> c, std::span<const float> v);
};

/// What a model trains on: the same interactions by user and by item, plus a few statistics.
/// Indices are the dataset's dense user/item indices (so ids map back through the dataset).
struct Interactions {
    CsrMatrix byUser; ///< numUsers x numItems
    CsrMatrix byItem; ///< numItems x numUsers (the transpose)
    double globalMean = 0.0;

    std::uint32_t numUsers() const { return byUser.rows; }
    std::uint32_t numItems() const { return byUser.cols; }
    std::size_t size() const { return byUser.nnz(); }

    /// Builds from a subset of a table's rows (all rows when `rowsToUse` is empty).
    static Interactions fromTable(const RatingTable& t,
                                  std::span<const std::uint32_t> rowsToUse = {});

    /// True when the entries carry sample weights.
    bool weighted() const { return byUser.weighted(); }
    /// Sets per-entry weights in byUser order (size() values, each >= 0), mirrors them into
    /// byItem and makes globalMean the weighted mean. Empty `weights` removes them.
    void setWeights(std::vector<float> weights);
    /// The entries whose `keep` flag (byUser order) is set, with their weights; byItem and the
    /// (weighted) mean are rebuilt.
    Interactions subset(std::span<const char> keep) const;
};

} // namespace rs
