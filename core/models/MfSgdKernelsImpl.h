// SGD inner loops for the factor models, written once with GCC/Clang vector extensions and
// compiled twice: by MfSgdKernels.cpp for the baseline x86-64 target and by
// MfSgdKernelsAvx2.cpp under `#pragma GCC target("avx2,fma")`. Everything here has internal
// linkage and nothing here includes a header with inline functions of external linkage, so the
// two compilations can never be mixed up by the linker.
#pragma once
#include "models/MfSgdKernels.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"

namespace rs::mf {
namespace {

typedef float V8 __attribute__((vector_size(32)));

inline V8 load8(const float* p) {
    V8 v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}
inline void store8(float* p, V8 v) {
    __builtin_memcpy(p, &v, sizeof v);
}
typedef float V4 __attribute__((vector_size(16)));
typedef int I4 __attribute__((vector_size(16)));

/// Horizontal sum by halving (three vector adds instead of a scalar chain).
inline float hsum8(V8 v) {
    V4 lo, hi;
    __builtin_memcpy(&lo, &v, sizeof lo);
    __builtin_memcpy(&hi, reinterpret_cast<const char*>(&v) + sizeof lo, sizeof hi);
    V4 x = lo + hi;
#if defined(__clang__)
    x += __builtin_shufflevector(x, x, 2, 3, 0, 1);
    x += __builtin_shufflevector(x, x, 1, 0, 3, 2);
#else
    x += __builtin_shuffle(x, I4{2, 3, 0, 1});
    x += __builtin_shuffle(x, I4{1, 0, 3, 2});
#endif
    return x[0];
}

// Kernels take the row stride as a template argument S (0 = only known at run time): with a
// compile-time stride every loop below unrolls completely.
template <std::size_t S> inline std::size_t strideOf(const SgdStep& s) {
    return S ? S : s.stride;
}

inline float dot8(const float* a, const float* b, std::size_t stride) {
    V8 s0 = {}, s1 = {};
    std::size_t f = 0;
#pragma GCC unroll 16
    for (; f + 16 <= stride; f += 16) {
        s0 += load8(a + f) * load8(b + f);
        s1 += load8(a + f + 8) * load8(b + f + 8);
    }
    if (f < stride)
        s0 += load8(a + f) * load8(b + f);
    return hsum8(s0 + s1);
}

/// Two independent dot products in one loop (twice the instruction-level parallelism).
inline void dot8x2(const float* a1, const float* b1, const float* a2, const float* b2,
                   std::size_t stride, float& d1, float& d2) {
    V8 s0 = {}, s1 = {}, t0 = {}, t1 = {};
    std::size_t f = 0;
#pragma GCC unroll 16
    for (; f + 16 <= stride; f += 16) {
        s0 += load8(a1 + f) * load8(b1 + f);
        t0 += load8(a2 + f) * load8(b2 + f);
        s1 += load8(a1 + f + 8) * load8(b1 + f + 8);
        t1 += load8(a2 + f + 8) * load8(b2 + f + 8);
    }
    if (f < stride) {
        s0 += load8(a1 + f) * load8(b1 + f);
        t0 += load8(a2 + f) * load8(b2 + f);
    }
    d1 = hsum8(s0 + s1);
    d2 = hsum8(t0 + t1);
}

inline void prefetchRow(const float* row, std::size_t stride) {
#pragma GCC unroll 16
    for (std::size_t f = 0; f < stride; f += 16)
        __builtin_prefetch(row + f, 1, 3);
}

/// p' = a p + b q,  q' = a q + b p  (a = 1 - lr reg, b = lr e), both from the old values.
inline void crossUpdate(float* p, float* q, float a, float b, std::size_t stride) {
#pragma GCC unroll 16
    for (std::size_t f = 0; f < stride; f += 8) {
        const V8 pf = load8(p + f), qf = load8(q + f);
        store8(p + f, a * pf + b * qf);
        store8(q + f, a * qf + b * pf);
    }
}

template <std::size_t S>
inline double biasedMfPassT(const Rating* ratings, std::size_t n, const Buffers& b,
                            const SgdStep& s) {
    const std::size_t stride = strideOf<S>(s);
    const float a = 1.0f - s.lr * s.reg;
    const float ab = 1.0f - s.lrBias * s.regBias;
    double sse = 0.0;
    auto update = [&](const Rating& x, float e, float* p, float* q) {
        sse += double(x.w) * e * e;
        const float g = x.w * e;
        b.bu[x.u] = ab * b.bu[x.u] + s.lrBias * g;
        b.bi[x.i] = ab * b.bi[x.i] + s.lrBias * g;
        crossUpdate(p, q, a, s.lr * g, stride);
    };
    std::size_t t = 0;
    while (t < n) {
        const Rating& x = ratings[t];
        float* p = b.P + std::size_t(x.u) * stride;
        float* q = b.Q + std::size_t(x.i) * stride;
        if (t + 1 < n && ratings[t + 1].u != x.u && ratings[t + 1].i != x.i) {
            // Two ratings sharing no row: their steps commute, so both dot products can run
            // together and the result equals the sequential one exactly.
            const Rating& y = ratings[t + 1];
            float* p2 = b.P + std::size_t(y.u) * stride;
            float* q2 = b.Q + std::size_t(y.i) * stride;
            float d1, d2;
            dot8x2(p, q, p2, q2, stride, d1, d2);
            const float e1 = x.r - (s.mean + b.bu[x.u] + b.bi[x.i] + d1);
            const float e2 = y.r - (s.mean + b.bu[y.u] + b.bi[y.i] + d2);
            update(x, e1, p, q);
            update(y, e2, p2, q2);
            t += 2;
        } else {
            const float e = x.r - (s.mean + b.bu[x.u] + b.bi[x.i] + dot8(p, q, stride));
            update(x, e, p, q);
            t += 1;
        }
    }
    return sse;
}

template <std::size_t S>
inline double svdppPassT(const SvdppShard& sh, const Buffers& b, const SgdStep& s) {
    const std::size_t stride = strideOf<S>(s);
    const float a = 1.0f - s.lr * s.reg;
    const float ab = 1.0f - s.lrBias * s.regBias;
    const float ay = 1.0f - s.lrY * s.regY;
    float* z = sh.scratch;                // |N(u)|^-1/2 sum y_j
    float* pe = sh.scratch + stride;      // p_u + z
    float* acc = sh.scratch + 2 * stride; // sum e q_i
    double sse = 0.0;
    for (std::size_t c = 0; c < sh.count; ++c) {
        const std::uint32_t u = sh.users[c];
        const ItemRating* row = sh.rows + sh.ptr[u];
        const std::size_t len = std::size_t(sh.ptr[u + 1] - sh.ptr[u]);
        if (len == 0)
            continue;
        const float norm = sh.invSqrtN[u];
#pragma GCC unroll 16
        for (std::size_t f = 0; f < stride; f += 8)
            store8(z + f, V8{});
        for (std::size_t k = 0; k < len; ++k) {
            const float* y = b.Y + std::size_t(row[k].i) * stride;
#pragma GCC unroll 16
            for (std::size_t f = 0; f < stride; f += 8)
                store8(z + f, load8(z + f) + load8(y + f));
        }
#pragma GCC unroll 16
        for (std::size_t f = 0; f < stride; f += 8) {
            store8(z + f, load8(z + f) * norm);
            store8(acc + f, V8{});
        }
        float* p = b.P + std::size_t(u) * stride;
        float& bu = b.bu[u];
        for (std::size_t k = 0; k < len; ++k) {
            if (k + 4 < len)
                prefetchRow(b.Q + std::size_t(row[k + 4].i) * stride, stride);
            const std::uint32_t i = row[k].i;
            float* q = b.Q + std::size_t(i) * stride;
            float& bi = b.bi[i];
            V8 d0 = {}, d1 = {};
#pragma GCC unroll 16
            for (std::size_t f = 0; f < stride; f += 8) {
                const V8 pv = load8(p + f) + load8(z + f);
                store8(pe + f, pv);
                if ((f / 8) % 2)
                    d1 += pv * load8(q + f);
                else
                    d0 += pv * load8(q + f);
            }
            const float e = row[k].r - (s.mean + bu + bi + hsum8(d0 + d1));
            sse += double(e) * e;
            bu = ab * bu + s.lrBias * e;
            bi = ab * bi + s.lrBias * e;
            const float g = s.lr * e;
            const float gy = s.lrY * e;
#pragma GCC unroll 16
            for (std::size_t f = 0; f < stride; f += 8) {
                const V8 pf = load8(p + f), qf = load8(q + f);
                store8(acc + f, load8(acc + f) + e * qf);
                // z tracks |N(u)|^-1/2 sum y_j as if every y_j took this rating's step now.
                store8(z + f, ay * load8(z + f) + gy * qf);
                store8(p + f, a * pf + g * qf);
                store8(q + f, a * qf + g * load8(pe + f));
            }
        }
        // Apply the user's accumulated implicit-factor step: the shrink of every rating
        // compounded, plus the summed gradient.
        float shrinkY = 1.0f;
        for (std::size_t k = 0; k < len; ++k)
            shrinkY *= ay;
        const float gy = s.lrY * norm;
        for (std::size_t k = 0; k < len; ++k) {
            float* y = b.Y + std::size_t(row[k].i) * stride;
#pragma GCC unroll 16
            for (std::size_t f = 0; f < stride; f += 8)
                store8(y + f, shrinkY * load8(y + f) + gy * load8(acc + f));
        }
    }
    return sse;
}

/// Calls the kernel instantiated for the run-time stride when it is one of 8, 16, ..., 128
/// (every factor count up to 128), else the generic one.
template <std::size_t S = 8>
inline double biasedMfPassImpl(const Rating* r, std::size_t n, const Buffers& b, const SgdStep& s) {
    if constexpr (S > 128)
        return biasedMfPassT<0>(r, n, b, s);
    else
        return s.stride == S ? biasedMfPassT<S>(r, n, b, s) : biasedMfPassImpl<S + 8>(r, n, b, s);
}

template <std::size_t S = 8>
inline double svdppPassImpl(const SvdppShard& sh, const Buffers& b, const SgdStep& s) {
    if constexpr (S > 128)
        return svdppPassT<0>(sh, b, s);
    else
        return s.stride == S ? svdppPassT<S>(sh, b, s) : svdppPassImpl<S + 8>(sh, b, s);
}

} // namespace
} // namespace rs::mf

#pragma GCC diagnostic pop
