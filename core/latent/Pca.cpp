#include "latent/Pca.h"

#include <algorithm>

namespace rs {

double Pca::explainedRatio(int component) const {
    if (component < 0 || component >= variance.size() || totalVariance <= 0)
        return 0.0;
    return variance[component] / totalVariance;
}

Eigen::VectorXf Pca::project(std::span<const float> vector) const {
    if (vector.size() != std::size_t(mean.size()))
        return {};
    const Eigen::Map<const Eigen::VectorXf> v(vector.data(), Eigen::Index(vector.size()));
    return (components.transpose() * (v.cast<double>() - mean)).cast<float>();
}

Pca principalComponents(const Eigen::MatrixXf& rows, int components) {
    Pca out;
    const Eigen::Index n = rows.rows(), k = rows.cols();
    if (n == 0 || k == 0)
        return out;
    const Eigen::MatrixXd x = rows.cast<double>();
    out.mean = x.colwise().mean().transpose();
    const Eigen::MatrixXd centred = x.rowwise() - out.mean.transpose();
    // Population covariance (divided by n): variances are those of the rows as given.
    const Eigen::MatrixXd cov = (centred.transpose() * centred) / double(n);
    out.totalVariance = cov.trace();
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(cov);
    const Eigen::Index c = std::clamp<Eigen::Index>(components, 0, k);
    out.components.resize(k, c);
    out.variance.resize(c);
    // Eigenvalues come in increasing order: take them from the end.
    for (Eigen::Index j = 0; j < c; ++j) {
        Eigen::VectorXd v = eig.eigenvectors().col(k - 1 - j);
        // A fixed sign (largest |entry| positive) so the layout does not flip between runs.
        Eigen::Index at = 0;
        v.cwiseAbs().maxCoeff(&at);
        if (v[at] < 0)
            v = -v;
        out.components.col(j) = v;
        out.variance[j] = std::max(0.0, eig.eigenvalues()[k - 1 - j]);
    }
    out.projected = (centred * out.components).cast<float>();
    return out;
}

} // namespace rs
