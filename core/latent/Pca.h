#pragma once
#include <Eigen/Dense>
#include <span>

namespace rs {

/// Principal components of the rows of a matrix (e.g. item factors): the data are centred on
/// their mean and the components are the eigenvectors of the k x k covariance, by decreasing
/// variance. Computed in double precision.
struct Pca {
    Eigen::VectorXd mean;       ///< k
    Eigen::MatrixXd components; ///< k x c, orthonormal columns, by decreasing variance
    Eigen::VectorXd variance;   ///< c: the variance along each component
    double totalVariance = 0;   ///< the trace of the covariance (all k directions)
    Eigen::MatrixXf projected;  ///< rows x c: the centred rows in component coordinates

    int componentCount() const { return int(components.cols()); }
    /// variance[c] / totalVariance (0 when the data have no variance).
    double explainedRatio(int component) const;
    /// Any vector of the same space (e.g. a user factor vector) in component coordinates.
    Eigen::VectorXf project(std::span<const float> vector) const;
};

/// The first `components` (clamped to k) principal components of `rows` (n x k, n >= 1).
Pca principalComponents(const Eigen::MatrixXf& rows, int components);

} // namespace rs
