#pragma once
#include "models/NaisParameters.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rs {

/// The optimiser state of a NAIS fit: first and second moment per parameter (Adagrad uses only
/// the first set, the sum of squared gradients) and per-row step counts for Adam's bias
/// correction (a row of P or Q counts its own updates: "lazy" Adam on sparse rows).
struct NaisOptimizerState {
    NaisParameters<float> m1, m2;
    std::vector<std::uint32_t> pSteps, qSteps; ///< per item; qSteps also counts the bias steps
    std::uint32_t netSteps = 0;                ///< steps of W, b and h
};

/// Adagrad (Duchi et al. 2011, as in the NAIS paper) or Adam (Kingma & Ba 2015) steps on slices
/// of parameters. The gradient of an L2 term reg/2 |theta|^2 is added here: d = grad + reg theta.
///   Adagrad: m1 += d^2;  theta -= lr d / (sqrt(m1) + 1e-8)
///   Adam:    m1 = 0.9 m1 + 0.1 d;  m2 = 0.999 m2 + 0.001 d^2;
///            theta -= lr (m1 / (1 - 0.9^t)) / (sqrt(m2 / (1 - 0.999^t)) + 1e-8)
/// with t the slice's 1-based step count. Holds scratch: one object per thread.
class NaisOptimizer {
public:
    enum class Kind { Adagrad, Adam };
    NaisOptimizer(Kind kind, float lr);

    Kind kind() const { return m_kind; }
    /// One step of n contiguous parameters (m2 unused by Adagrad).
    void step(float* theta, const float* grad, float* m1, float* m2, std::size_t n, float reg,
              std::uint32_t t) const;
    /// One step of the first n columns of a k x stride block (the kernels' transposed history
    /// layout); column j has taken t[j] steps (this one included).
    void stepColumns(float* theta, const float* grad, float* m1, float* m2, int k,
                     std::size_t stride, std::size_t n, float reg, const std::uint32_t* t);

private:
    /// Adam's step size and second-moment correction after t steps.
    void adamFactors(std::uint32_t t, float& lrCorr, float& v2Corr) const;

    static constexpr std::size_t kTable = 16384; ///< 0.999^16384 < 1e-7: no correction beyond

    Kind m_kind;
    float m_lr;
    std::vector<float> m_lrTable, m_v2Table; ///< Adam's corrections by step count
    std::vector<float> m_lrCorr, m_v2Corr; ///< per column scratch of stepColumns()
};

} // namespace rs
