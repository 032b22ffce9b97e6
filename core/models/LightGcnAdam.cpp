#include "models/LightGcnAdam.h"

#include "models/ShardRunner.h"

#include <algorithm>
#include <cmath>

namespace rs {

namespace {
constexpr double kBeta1 = 0.9, kBeta2 = 0.999;
constexpr float kEps = 1e-8f;
} // namespace

LightGcnAdam::LightGcnAdam(std::size_t size, double lr)
    : m_lr(lr), m_m1(size, 0.0f), m_m2(size, 0.0f) {}

void LightGcnAdam::step(float* theta, const float* grad, int threads) {
    ++m_t;
    const float lrCorr = float(m_lr / (1.0 - std::pow(kBeta1, double(m_t))));
    const float v2Corr = float(1.0 / (1.0 - std::pow(kBeta2, double(m_t))));
    const float b1 = float(kBeta1), b2 = float(kBeta2);
    const std::size_t n = m_m1.size();
    const int shards =
        int(std::clamp<std::size_t>(n / 65536, 1, std::size_t(std::max(threads, 1))));
    runShards(shards, [&](int s) {
        const std::size_t lo = n * std::size_t(s) / std::size_t(shards);
        const std::size_t hi = n * std::size_t(s + 1) / std::size_t(shards);
        float* m1 = m_m1.data();
        float* m2 = m_m2.data();
        for (std::size_t x = lo; x < hi; ++x) {
            const float g = grad[x];
            m1[x] = b1 * m1[x] + (1.0f - b1) * g;
            m2[x] = b2 * m2[x] + (1.0f - b2) * g * g;
            theta[x] -= lrCorr * m1[x] / (std::sqrt(m2[x] * v2Corr) + kEps);
        }
    });
}

} // namespace rs
