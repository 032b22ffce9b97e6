#pragma once
#include <Eigen/Dense>

namespace rs {

class Recommender;

/// The latent factors a model learned, as plain matrices (one row per item or user; the
/// padding of SIMD-strided storage removed). Empty for models without factors (popularity,
/// baselines, neighbourhood models, NAIS, whose two item embeddings are not one space).
/// BiasedMF and SVD++: Q and P; ALS and BPR: their item and user factor matrices.
Eigen::MatrixXf itemFactorsOf(const Recommender& model);
Eigen::MatrixXf userFactorsOf(const Recommender& model);

} // namespace rs
