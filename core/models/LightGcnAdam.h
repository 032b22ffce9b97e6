#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace rs {

/// Adam (Kingma & Ba 2015) on one dense parameter vector, as LightGCN trains its layer-0
/// embeddings: every step updates every parameter (the gradient reaches all nodes through the
/// propagation), so there is one step count for all.
///   m1 = 0.9 m1 + 0.1 g;  m2 = 0.999 m2 + 0.001 g^2;
///   theta -= lr (m1 / (1 - 0.9^t)) / (sqrt(m2 / (1 - 0.999^t)) + 1e-8)
/// The element-wise update is split over threads in contiguous ranges, so the result does not
/// depend on the thread count.
class LightGcnAdam {
public:
    LightGcnAdam(std::size_t size, double lr);

    /// One step of theta[0..size) along `grad` (the gradient of the loss to minimise).
    void step(float* theta, const float* grad, int threads);
    std::uint32_t steps() const { return m_t; }

private:
    double m_lr;
    std::uint32_t m_t = 0;
    std::vector<float> m_m1, m_m2;
};

} // namespace rs
