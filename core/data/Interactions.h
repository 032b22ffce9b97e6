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

    std::size_t nnz() const { return colIdx.size(); }
    std::span<const std::uint32_t> rowCols(std::uint32_t r) const {
        return {colIdx.data() + rowPtr[r], colIdx.data() + rowPtr[r + 1]};
    }
    std::span<const float> rowValues(std::uint32_t r) const {
        return {values.data() + rowPtr[r], values.data() + rowPtr[r + 1]};
    }
    std::uint32_t rowSize(std::uint32_t r) const {
        return static_cast<std::uint32_t>(rowPtr[r + 1] - rowPtr[r]);
    }
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
};

} // namespace rs
