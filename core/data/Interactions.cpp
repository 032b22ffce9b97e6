#include "data/Interactions.h"

#include <cmath>
#include <stdexcept>

namespace rs {

namespace {

/// Mean of the values, weighted by the entries' weights when there are any; 0 when empty.
double weightedMean(const CsrMatrix& m) {
    double sum = 0.0, total = 0.0;
    for (std::uint64_t k = 0; k < m.nnz(); ++k) {
        const double w = m.weight(k);
        sum += w * double(m.values[k]);
        total += w;
    }
    return total > 0.0 ? sum / total : 0.0;
}

/// Exclusive prefix sum of `counts` into a row-pointer array of counts.size() + 1 entries.
std::vector<std::uint64_t> prefixSum(const std::vector<std::uint64_t>& counts) {
    std::vector<std::uint64_t> ptr(counts.size() + 1, 0);
    for (std::size_t k = 0; k < counts.size(); ++k)
        ptr[k + 1] = ptr[k] + counts[k];
    return ptr;
}

} // namespace

CsrMatrix CsrMatrix::transposed() const {
    CsrMatrix t;
    t.rows = cols;
    t.cols = rows;
    std::vector<std::uint64_t> counts(cols, 0);
    for (std::uint32_t c : colIdx)
        ++counts[c];
    t.rowPtr = prefixSum(counts);
    t.colIdx.resize(nnz());
    t.values.resize(nnz());
    if (weighted())
        t.weights.resize(nnz());
    // Scatter in row order: each output row receives its entries with ascending column index.
    std::vector<std::uint64_t> next(t.rowPtr.begin(), t.rowPtr.end() - 1);
    for (std::uint32_t r = 0; r < rows; ++r) {
        for (std::uint64_t k = rowPtr[r]; k < rowPtr[r + 1]; ++k) {
            const std::uint64_t dst = next[colIdx[k]]++;
            t.colIdx[dst] = r;
            t.values[dst] = values[k];
            if (weighted())
                t.weights[dst] = weights[k];
        }
    }
    return t;
}

CsrMatrix CsrMatrix::fromTriplets(std::uint32_t rows, std::uint32_t cols,
                                  std::span<const std::uint32_t> r,
                                  std::span<const std::uint32_t> c, std::span<const float> v) {
    if (r.size() != c.size() || r.size() != v.size())
        throw std::invalid_argument("CsrMatrix::fromTriplets: triplet arrays differ in length");
    const std::size_t n = r.size();
    for (std::size_t k = 0; k < n; ++k)
        if (r[k] >= rows || c[k] >= cols)
            throw std::out_of_range("CsrMatrix::fromTriplets: index outside the matrix");

    // Two stable counting sorts: first by column (into column-major order), then by row.
    // Scattering the column-major sequence by row leaves columns ascending within each row.
    std::vector<std::uint64_t> colCounts(cols, 0);
    for (std::uint32_t cc : c)
        ++colCounts[cc];
    std::vector<std::uint64_t> colPtr = prefixSum(colCounts);
    std::vector<std::uint32_t> byColRow(n);
    std::vector<float> byColVal(n);
    {
        std::vector<std::uint64_t> next(colPtr.begin(), colPtr.end() - 1);
        for (std::size_t k = 0; k < n; ++k) {
            const std::uint64_t dst = next[c[k]]++;
            byColRow[dst] = r[k];
            byColVal[dst] = v[k];
        }
    }

    CsrMatrix m;
    m.rows = rows;
    m.cols = cols;
    std::vector<std::uint64_t> rowCounts(rows, 0);
    for (std::uint32_t rr : r)
        ++rowCounts[rr];
    m.rowPtr = prefixSum(rowCounts);
    m.colIdx.resize(n);
    m.values.resize(n);
    std::vector<std::uint64_t> next(m.rowPtr.begin(), m.rowPtr.end() - 1);
    for (std::uint32_t col = 0; col < cols; ++col) {
        for (std::uint64_t k = colPtr[col]; k < colPtr[col + 1]; ++k) {
            const std::uint64_t dst = next[byColRow[k]]++;
            m.colIdx[dst] = col;
            m.values[dst] = byColVal[k];
        }
    }
    return m;
}

Interactions Interactions::fromTable(const RatingTable& t,
                                     std::span<const std::uint32_t> rowsToUse) {
    Interactions out;
    if (rowsToUse.empty()) {
        out.byUser =
            CsrMatrix::fromTriplets(t.numUsers(), t.numItems(), t.users, t.items, t.values);
    } else {
        std::vector<std::uint32_t> u(rowsToUse.size()), i(rowsToUse.size());
        std::vector<float> v(rowsToUse.size());
        for (std::size_t k = 0; k < rowsToUse.size(); ++k) {
            const std::uint32_t row = rowsToUse[k];
            if (row >= t.size())
                throw std::out_of_range("Interactions::fromTable: row index outside the table");
            u[k] = t.users[row];
            i[k] = t.items[row];
            v[k] = t.values[row];
        }
        out.byUser = CsrMatrix::fromTriplets(t.numUsers(), t.numItems(), u, i, v);
    }
    out.byItem = out.byUser.transposed();
    out.globalMean = weightedMean(out.byUser);
    return out;
}

void Interactions::setWeights(std::vector<float> weights) {
    if (!weights.empty() && weights.size() != size())
        throw std::invalid_argument("Interactions::setWeights: one weight per entry expected");
    for (float w : weights)
        if (!(w >= 0.0f) || !std::isfinite(w))
            throw std::invalid_argument(
                "Interactions::setWeights: weights must be finite and >= 0");
    byUser.weights = std::move(weights);
    byItem = byUser.transposed();
    globalMean = weightedMean(byUser);
}

Interactions Interactions::subset(std::span<const char> keep) const {
    if (keep.size() != size())
        throw std::invalid_argument("Interactions::subset: one flag per entry expected");
    Interactions out;
    CsrMatrix& m = out.byUser;
    m.rows = byUser.rows;
    m.cols = byUser.cols;
    m.rowPtr.assign(std::size_t(m.rows) + 1, 0);
    for (std::uint32_t r = 0; r < m.rows; ++r) {
        for (std::uint64_t k = byUser.rowPtr[r]; k < byUser.rowPtr[r + 1]; ++k) {
            if (!keep[k])
                continue;
            m.colIdx.push_back(byUser.colIdx[k]);
            m.values.push_back(byUser.values[k]);
            if (byUser.weighted())
                m.weights.push_back(byUser.weights[k]);
        }
        m.rowPtr[r + 1] = m.colIdx.size();
    }
    out.byItem = m.transposed();
    out.globalMean = weightedMean(m);
    return out;
}

} // namespace rs
