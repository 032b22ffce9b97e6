#include "models/NaisOptimizer.h"

#include <algorithm>
#include <cmath>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace rs {

namespace {

constexpr float kEps = 1e-8f;
constexpr float kBeta1 = 0.9f, kBeta2 = 0.999f;

/// theta -= lr d / (sqrt(m1 + d^2) + eps) with m1 += d^2, d = grad + reg theta (Adagrad).
void adagrad(float* theta, const float* grad, float* m1, std::size_t n, float reg, float lr) {
    std::size_t x = 0;
#if defined(__SSE2__)
    const __m128 r = _mm_set1_ps(reg), l = _mm_set1_ps(lr), eps = _mm_set1_ps(kEps);
    for (; x + 4 <= n; x += 4) {
        const __m128 th = _mm_loadu_ps(theta + x);
        const __m128 d = _mm_add_ps(_mm_loadu_ps(grad + x), _mm_mul_ps(r, th));
        const __m128 acc = _mm_add_ps(_mm_loadu_ps(m1 + x), _mm_mul_ps(d, d));
        _mm_storeu_ps(m1 + x, acc);
        const __m128 step = _mm_div_ps(_mm_mul_ps(l, d), _mm_add_ps(_mm_sqrt_ps(acc), eps));
        _mm_storeu_ps(theta + x, _mm_sub_ps(th, step));
    }
#endif
    for (; x < n; ++x) {
        const float d = grad[x] + reg * theta[x];
        m1[x] += d * d;
        theta[x] -= lr * d / (std::sqrt(m1[x]) + kEps);
    }
}

/// One Adam step; the bias corrections of element x's step count are lrCorr[x * inc] and
/// v2Corr[x * inc] (inc = 0: one pair for all).
void adam(float* theta, const float* grad, float* m1, float* m2, std::size_t n, float reg,
          const float* lrCorr, const float* v2Corr, std::size_t inc) {
    std::size_t x = 0;
#if defined(__SSE2__)
    const __m128 r = _mm_set1_ps(reg), b1 = _mm_set1_ps(kBeta1), b2 = _mm_set1_ps(kBeta2);
    const __m128 c1 = _mm_set1_ps(1.0f - kBeta1), c2 = _mm_set1_ps(1.0f - kBeta2);
    const __m128 eps = _mm_set1_ps(kEps);
    for (; x + 4 <= n; x += 4) {
        const __m128 l = inc ? _mm_loadu_ps(lrCorr + x) : _mm_set1_ps(*lrCorr);
        const __m128 v = inc ? _mm_loadu_ps(v2Corr + x) : _mm_set1_ps(*v2Corr);
        const __m128 th = _mm_loadu_ps(theta + x);
        const __m128 d = _mm_add_ps(_mm_loadu_ps(grad + x), _mm_mul_ps(r, th));
        const __m128 a = _mm_add_ps(_mm_mul_ps(b1, _mm_loadu_ps(m1 + x)), _mm_mul_ps(c1, d));
        const __m128 b =
            _mm_add_ps(_mm_mul_ps(b2, _mm_loadu_ps(m2 + x)), _mm_mul_ps(c2, _mm_mul_ps(d, d)));
        _mm_storeu_ps(m1 + x, a);
        _mm_storeu_ps(m2 + x, b);
        const __m128 den = _mm_add_ps(_mm_sqrt_ps(_mm_mul_ps(b, v)), eps);
        _mm_storeu_ps(theta + x, _mm_sub_ps(th, _mm_div_ps(_mm_mul_ps(l, a), den)));
    }
#endif
    for (; x < n; ++x) {
        const float d = grad[x] + reg * theta[x];
        m1[x] = kBeta1 * m1[x] + (1.0f - kBeta1) * d;
        m2[x] = kBeta2 * m2[x] + (1.0f - kBeta2) * d * d;
        theta[x] -= lrCorr[x * inc] * m1[x] / (std::sqrt(m2[x] * v2Corr[x * inc]) + kEps);
    }
}

} // namespace

NaisOptimizer::NaisOptimizer(Kind kind, float lr) : m_kind(kind), m_lr(lr) {
    if (kind != Kind::Adam)
        return;
    // 1 / (1 - beta^t) for t = 1..kTable; beyond that both are 1 in float.
    m_lrTable.resize(kTable + 1);
    m_v2Table.resize(kTable + 1);
    double p1 = 1.0, p2 = 1.0;
    for (std::size_t t = 1; t <= kTable; ++t) {
        p1 *= double(kBeta1);
        p2 *= double(kBeta2);
        m_lrTable[t] = float(double(lr) / (1.0 - p1));
        m_v2Table[t] = float(1.0 / (1.0 - p2));
    }
    m_lrTable[0] = m_lrTable[1];
    m_v2Table[0] = m_v2Table[1];
}

void NaisOptimizer::adamFactors(std::uint32_t t, float& lrCorr, float& v2Corr) const {
    const std::size_t x = std::min<std::size_t>(t, kTable);
    lrCorr = x < kTable ? m_lrTable[x] : m_lr;
    v2Corr = x < kTable ? m_v2Table[x] : 1.0f;
}

void NaisOptimizer::step(float* theta, const float* grad, float* m1, float* m2, std::size_t n,
                         float reg, std::uint32_t t) const {
    if (m_kind == Kind::Adagrad) {
        adagrad(theta, grad, m1, n, reg, m_lr);
        return;
    }
    float lrCorr, v2Corr;
    adamFactors(t, lrCorr, v2Corr);
    adam(theta, grad, m1, m2, n, reg, &lrCorr, &v2Corr, 0);
}

void NaisOptimizer::stepColumns(float* theta, const float* grad, float* m1, float* m2, int k,
                                std::size_t stride, std::size_t n, float reg,
                                const std::uint32_t* t) {
    if (m_kind == Kind::Adagrad) {
        for (int c = 0; c < k; ++c) {
            const std::size_t o = std::size_t(c) * stride;
            step(theta + o, grad + o, m1 + o, nullptr, n, reg, 0);
        }
        return;
    }
    m_lrCorr.resize(n);
    m_v2Corr.resize(n);
    for (std::size_t j = 0; j < n; ++j)
        adamFactors(t[j], m_lrCorr[j], m_v2Corr[j]);
    for (int c = 0; c < k; ++c) {
        const std::size_t o = std::size_t(c) * stride;
        adam(theta + o, grad + o, m1 + o, m2 + o, n, reg, m_lrCorr.data(), m_v2Corr.data(), 1);
    }
}

} // namespace rs
