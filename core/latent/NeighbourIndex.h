#pragma once
#include <Eigen/Dense>
#include <cstdint>
#include <span>
#include <vector>

namespace rs {

/// How close two factor vectors are.
enum class FactorMetric {
    Cosine,   ///< a.b / (|a| |b|); a zero vector has similarity 0 with everything
    Dot,      ///< a.b
    Euclidean ///< -|a - b| (so that larger is closer for every metric)
};
const char* factorMetricName(FactorMetric metric);
bool parseFactorMetric(const std::string& text, FactorMetric& out);

struct FactorNeighbour {
    std::uint32_t row = 0; ///< item (or user) index
    float similarity = 0;  ///< larger is closer; for Euclidean, minus the distance
};

/// Exact nearest neighbours among the rows of a factor matrix (items x k). One query is a
/// matrix-vector product over all rows plus a partial sort; many queries go through blocked
/// matrix products (queries x rows at a time). Ties are broken by the lower row index.
class NeighbourIndex {
public:
    /// Rows are stored row-major: a query streams the matrix once (one dot product per row).
    using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

    explicit NeighbourIndex(const Eigen::MatrixXf& rows);

    std::size_t size() const { return std::size_t(m_rows.rows()); }
    int dimensions() const { return int(m_rows.cols()); }
    const RowMatrix& rows() const { return m_rows; }

    /// The `count` rows closest to row `row` (itself excluded); with `allowed` (one flag per
    /// row) only among the rows whose flag is set.
    std::vector<FactorNeighbour> nearest(std::uint32_t row, int count, FactorMetric metric,
                                         std::span<const std::uint8_t> allowed = {}) const;
    /// The `count` rows closest to `vector` (k values), leaving out the rows in `exclude`.
    std::vector<FactorNeighbour> nearestTo(std::span<const float> vector, int count,
                                           FactorMetric metric,
                                           std::span<const std::uint32_t> exclude = {},
                                           std::span<const std::uint8_t> allowed = {}) const;
    /// nearest() of every row in `queries`, computed in blocks of matrix products.
    std::vector<std::vector<FactorNeighbour>> nearestBatch(std::span<const std::uint32_t> queries,
                                                           int count, FactorMetric metric) const;

private:
    /// Similarities of every row to the query whose dot products with all rows are `dots`.
    void similarities(const Eigen::VectorXf& dots, float queryNorm, FactorMetric metric,
                      std::vector<float>& out) const;

    RowMatrix m_rows;
    Eigen::VectorXf m_norms; ///< |row|
};

/// The `count` best of `scores` (larger first, ties by lower index), skipping `exclude` and,
/// when `allowed` is given (one flag per score), the entries whose flag is clear.
std::vector<FactorNeighbour> topOf(const std::vector<float>& scores, int count,
                                   std::span<const std::uint32_t> exclude,
                                   std::span<const std::uint8_t> allowed = {});

} // namespace rs
