#pragma once
#include "data/ModelState.h"
#include "models/AlignedVector.h"
#include "models/Rng.h"
#include <cstdint>
#include <string>
#include <vector>

namespace rs {

/// Latent factors and biases of a biased factorisation model:
///   score(u, i) = mean + b_u + b_i + p_u . q_i
/// Factor rows are stored row-major with `stride` floats per row (k rounded up to a multiple of 8,
/// padding zero) so that SIMD kernels and Eigen maps read whole aligned rows.
/// A user or item index outside the model scores as if its bias and factors were zero.
struct FactorSet {
    int k = 0;
    std::size_t stride = 0;
    std::uint32_t users = 0;
    std::uint32_t items = 0;
    float mean = 0.0f;
    AlignedFloats P; ///< users x stride
    AlignedFloats Q; ///< items x stride
    std::vector<float> bu, bi;

    /// Allocates zeroed parameters.
    void resize(std::uint32_t numUsers, std::uint32_t numItems, int factors);
    /// Fills the first k columns of `m` (rows x stride) with N(mean, std) draws (single precision).
    /// Rows are drawn in blocks, each from its own stream derived from (seed, stream, block), so
    /// the result does not depend on `threads` (blocks are spread over that many threads).
    void randomise(AlignedFloats& m, std::uint32_t rows, double mean, double std,
                   std::uint64_t seed, std::uint64_t stream, int threads) const;
    /// Zeroes row r of `m`.
    void zeroRow(AlignedFloats& m, std::uint32_t r) const;

    float predict(std::uint32_t u, std::uint32_t i) const;
    /// Scores of every item for user u (Eigen matrix-vector product over Q).
    void scoreAll(std::uint32_t u, std::vector<float>& out) const;

    /// Appends "global_mean", "user_bias", "item_bias", and P and Q as `userBlock` (users x k)
    /// and `itemBlock` (items x k).
    void save(ModelState& state, const std::string& userBlock = "user_factors",
              const std::string& itemBlock = "item_factors") const;
    /// Reads those blocks back (shapes must agree with each other).
    bool load(const ModelState& state, std::string& error,
              const std::string& userBlock = "user_factors",
              const std::string& itemBlock = "item_factors");

    static std::size_t strideFor(int factors) { return (std::size_t(factors) + 7) / 8 * 8; }
};

} // namespace rs
