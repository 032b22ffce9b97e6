// The NAIS forward and backward passes, written once with GCC/Clang vector extensions over the
// history positions j (8 floats or 4 doubles at a time) and compiled twice for float: by
// NaisKernel.cpp for the baseline x86-64 target (and for double) and by NaisKernelAvx2.cpp under
// `#pragma GCC target("avx2,fma")`. Everything here has internal linkage and nothing here
// includes a header with inline functions of external linkage, so the two compilations can
// never be mixed up by the linker. The formulas are in NaisKernel.h.
#pragma once
#include "models/NaisKernel.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"

namespace rs::nais {
namespace {

template <class T> struct VecOf {
    typedef T type __attribute__((vector_size(32)));
};
template <class T> using Vec = typename VecOf<T>::type;
template <class T> constexpr std::size_t kStep = sizeof(Vec<T>) / sizeof(T);

template <class T> inline Vec<T> loadv(const T* p) {
    Vec<T> v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}
template <class T> inline void storev(T* p, Vec<T> v) {
    __builtin_memcpy(p, &v, sizeof v);
}
template <class T> inline T hsum(Vec<T> v) {
    T s = 0;
    for (std::size_t i = 0; i < kStep<T>; ++i)
        s += v[i];
    return s;
}
template <class T> inline Vec<T> relu(Vec<T> z) {
    return z > T(0) ? z : Vec<T>{};
}
inline float expOf(float x) {
    return __builtin_expf(x);
}
inline double expOf(double x) {
    return __builtin_exp(x);
}
inline float logOf(float x) {
    return __builtin_logf(x);
}
inline double logOf(double x) {
    return __builtin_log(x);
}

typedef int IntVec8 __attribute__((vector_size(32)));

/// e^x for 8 floats: x = n ln 2 + r with n = round(x / ln 2) and |r| <= ln(2) / 2, e^r by its
/// Taylor polynomial of degree 7 (truncation error below r^8 / 8! < 6e-9 relative), 2^n through
/// the exponent bits. Relative error about 2e-7; 0 for x < -87 (where e^x is below the smallest
/// normal float).
inline Vec<float> expv(Vec<float> x) {
    using V = Vec<float>;
    const V big = V{} + 12582912.0f; // 1.5 * 2^23: adding and subtracting rounds to an integer
    x = x > 88.0f ? V{} + 88.0f : x;
    const V lowMask = x < -87.0f ? V{} + 1.0f : V{};
    x = x < -87.0f ? V{} - 87.0f : x;
    const V n = (x * 1.44269504088896341f + big) - big;
    // r = x - n ln 2 with ln 2 split into a part exact in float and the rest
    const V r = (x - n * 0.693145751953125f) - n * 1.428606820309417e-06f;
    V p = V{} + (1.0f / 5040.0f);
    p = p * r + (1.0f / 720.0f);
    p = p * r + (1.0f / 120.0f);
    p = p * r + (1.0f / 24.0f);
    p = p * r + (1.0f / 6.0f);
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    const IntVec8 bits = (__builtin_convertvector(n, IntVec8) + 127) << 23;
    V scale;
    __builtin_memcpy(&scale, &bits, sizeof scale);
    const V e = p * scale;
    return lowMask > 0.0f ? V{} : e;
}

/// e^x for 4 doubles (the reference path: the library's exp).
inline Vec<double> expv(Vec<double> x) {
    Vec<double> e;
    for (std::size_t i = 0; i < kStep<double>; ++i)
        e[i] = __builtin_exp(x[i]);
    return e;
}

/// Pre-activations of attention rows r..r+R for NB consecutive blocks of history columns from
/// column j (R x NB independent multiply-add chains share each load); adds h_r ReLU(z) to f and,
/// with WithS, the similarities p_j . q to s.
template <std::size_t R, std::size_t NB, bool WithS, class T>
inline void zRows(const Net<T>& net, const History<T>& hist, const T* q, Pass<T>& pass,
                  std::size_t r, std::size_t j, Vec<T>* f, Vec<T>* s) {
    using V = Vec<T>;
    constexpr std::size_t L = kStep<T>;
    const std::size_t k = std::size_t(net.k), a = std::size_t(net.a), stride = hist.stride;
    V z[R][NB];
#pragma GCC unroll 8
    for (std::size_t i = 0; i < R; ++i)
#pragma GCC unroll 4
        for (std::size_t b = 0; b < NB; ++b)
            z[i][b] = V{} + net.b[r + i];
    const T* pc = hist.pt + j;
    const T* vc = pass.v + r; // V^T: vc[c * a + i] = W[r + i][c] q[c]
    for (std::size_t c = 0; c < k; ++c, pc += stride, vc += a) {
        V p[NB];
#pragma GCC unroll 4
        for (std::size_t b = 0; b < NB; ++b)
            p[b] = loadv<T>(pc + b * L);
#pragma GCC unroll 8
        for (std::size_t i = 0; i < R; ++i)
#pragma GCC unroll 4
            for (std::size_t b = 0; b < NB; ++b)
                z[i][b] += vc[i] * p[b];
        if constexpr (WithS) {
#pragma GCC unroll 4
            for (std::size_t b = 0; b < NB; ++b)
                s[b] += q[c] * p[b];
        }
    }
#pragma GCC unroll 8
    for (std::size_t i = 0; i < R; ++i)
#pragma GCC unroll 4
        for (std::size_t b = 0; b < NB; ++b) {
            if (pass.z)
                storev<T>(pass.z + (r + i) * stride + j + b * L, z[i][b]);
            f[b] += net.h[r + i] * relu<T>(z[i][b]);
        }
}

/// f_j and s_j of NB blocks of history columns from column j.
template <std::size_t NB, class T>
inline void logitBlocks(const Net<T>& net, const History<T>& hist, const T* q, Pass<T>& pass,
                        std::size_t j) {
    using V = Vec<T>;
    constexpr std::size_t L = kStep<T>;
    const std::size_t a = std::size_t(net.a);
    V f[NB] = {}, s[NB] = {};
    std::size_t r = a >= 4 ? 4 : 1;
    if (a >= 4)
        zRows<4, NB, true>(net, hist, q, pass, 0, j, f, s);
    else
        zRows<1, NB, true>(net, hist, q, pass, 0, j, f, s);
    for (; r + 4 <= a; r += 4)
        zRows<4, NB, false>(net, hist, q, pass, r, j, f, s);
    for (; r < a; ++r)
        zRows<1, NB, false>(net, hist, q, pass, r, j, f, s);
    for (std::size_t b = 0; b < NB; ++b) {
        storev<T>(pass.f + j + b * L, f[b]);
        storev<T>(pass.s + j + b * L, s[b]);
    }
}

/// Logits f_j and similarities s_j of every history column.
template <class T>
void logitsImpl(const Net<T>& net, const History<T>& hist, const T* q, Pass<T>& pass) {
    constexpr std::size_t L = kStep<T>;
    const std::size_t k = std::size_t(net.k), a = std::size_t(net.a);
    for (std::size_t c = 0; c < k; ++c)
        for (std::size_t r = 0; r < a; ++r)
            pass.v[c * a + r] = net.w[r * k + c] * q[c];
    std::size_t j = 0;
    for (; j + 2 * L <= hist.stride; j += 2 * L)
        logitBlocks<2>(net, hist, q, pass, j);
    if (j < hist.stride)
        logitBlocks<1>(net, hist, q, pass, j);
}

template <class T>
T forwardImpl(const Net<T>& net, const History<T>& hist, const T* q, Pass<T>& pass) {
    using V = Vec<T>;
    constexpr std::size_t L = kStep<T>;
    logitsImpl(net, hist, q, pass);
    const std::size_t n = hist.n, stride = hist.stride;
    const std::size_t skip = pass.skip < 0 ? n : std::size_t(pass.skip);
    bool any = false;
    T m = 0;
    for (std::size_t j = 0; j < n; ++j)
        if (j != skip && (!any || pass.f[j] > m)) {
            m = pass.f[j];
            any = true;
        }
    for (std::size_t j = 0; j < stride; j += L)
        storev<T>(pass.e + j, expv(loadv<T>(pass.f + j) - m));
    for (std::size_t j = n; j < stride; ++j)
        pass.e[j] = T(0);
    if (skip < n)
        pass.e[skip] = T(0);
    V sum = {}, es = {};
    for (std::size_t j = 0; j < stride; j += L) {
        const V e = loadv<T>(pass.e + j);
        sum += e;
        es += e * loadv<T>(pass.s + j);
    }
    pass.maxLogit = m;
    pass.sum = hsum<T>(sum);
    pass.scale = any ? expOf((T(1) - net.beta) * m - net.beta * logOf(pass.sum)) : T(0);
    pass.total = pass.scale * hsum<T>(es);
    return pass.total;
}

/// G_j[r] = df_j h_r [z_rj > 0] into gz row r; returns sum_j df_j ReLU(z_rj) and sum_j G_j[r].
template <class T>
inline void gRow(const Net<T>& net, const Pass<T>& pass, const T* df, std::size_t stride,
                 std::size_t r, T* gz, T& dh, T& db) {
    using V = Vec<T>;
    constexpr std::size_t L = kStep<T>;
    const T* z = pass.z + r * stride;
    T* gzr = gz + r * stride;
    V h[2] = {}, g[2] = {};
    for (std::size_t j = 0, b = 0; j < stride; j += L, b ^= 1) {
        const V zj = loadv<T>(z + j), d = loadv<T>(df + j);
        const V gj = zj > T(0) ? net.h[r] * d : V{};
        h[b] += d * relu<T>(zj);
        g[b] += gj;
        storev<T>(gzr + j, gj);
    }
    dh += hsum<T>(h[0] + h[1]);
    db += hsum<T>(g[0] + g[1]);
}

/// dW[r + i][c + l] += q[c + l] sum_j G_j[r + i] p_j[c + l] for an R x C tile.
template <std::size_t R, std::size_t C, class T>
inline void dwTile(const Net<T>& net, const History<T>& hist, const T* q, Grads<T>& gr,
                   std::size_t r, std::size_t c) {
    using V = Vec<T>;
    constexpr std::size_t L = kStep<T>;
    const std::size_t k = std::size_t(net.k), stride = hist.stride;
    V acc[R][C] = {};
    for (std::size_t j = 0; j < stride; j += L) {
        V g[R], p[C];
#pragma GCC unroll 4
        for (std::size_t i = 0; i < R; ++i)
            g[i] = loadv<T>(gr.gz + (r + i) * stride + j);
#pragma GCC unroll 4
        for (std::size_t l = 0; l < C; ++l)
            p[l] = loadv<T>(hist.pt + (c + l) * stride + j);
#pragma GCC unroll 4
        for (std::size_t i = 0; i < R; ++i)
#pragma GCC unroll 4
            for (std::size_t l = 0; l < C; ++l)
                acc[i][l] += g[i] * p[l];
    }
    for (std::size_t i = 0; i < R; ++i)
        for (std::size_t l = 0; l < C; ++l)
            gr.dw[(r + i) * k + c + l] += q[c + l] * hsum<T>(acc[i][l]);
}

/// The embedding gradients of columns c..c+C over NB blocks of history from column j:
///   u_j[c] = ga e_j + sum_r W[r][c] G_j[r];  dp_j[c] += q[c] u_j[c];  dq[c] += p_j[c] u_j[c]
/// (dq accumulates in `dq`, C vectors).
template <std::size_t C, std::size_t NB, class T>
inline void embeddingTile(const Net<T>& net, const History<T>& hist, const T* q,
                          const Pass<T>& pass, T ga, Grads<T>& gr, std::size_t c, std::size_t j,
                          Vec<T>* dq) {
    using V = Vec<T>;
    constexpr std::size_t L = kStep<T>;
    const std::size_t k = std::size_t(net.k), a = std::size_t(net.a), stride = hist.stride;
    V u[C][NB];
#pragma GCC unroll 4
    for (std::size_t b = 0; b < NB; ++b) {
        const V base = ga * loadv<T>(pass.e + j + b * L);
#pragma GCC unroll 4
        for (std::size_t l = 0; l < C; ++l)
            u[l][b] = base;
    }
    const T* g = gr.gz + j;
    const T* w = net.w + c;
    for (std::size_t r = 0; r < a; ++r, g += stride, w += k) {
        V gj[NB];
#pragma GCC unroll 4
        for (std::size_t b = 0; b < NB; ++b)
            gj[b] = loadv<T>(g + b * L);
#pragma GCC unroll 4
        for (std::size_t l = 0; l < C; ++l)
#pragma GCC unroll 4
            for (std::size_t b = 0; b < NB; ++b)
                u[l][b] += w[l] * gj[b];
    }
#pragma GCC unroll 4
    for (std::size_t l = 0; l < C; ++l)
#pragma GCC unroll 4
        for (std::size_t b = 0; b < NB; ++b) {
            T* dp = gr.dpt + (c + l) * stride + j + b * L;
            storev<T>(dp, loadv<T>(dp) + q[c + l] * u[l][b]);
            dq[l] += loadv<T>(hist.pt + (c + l) * stride + j + b * L) * u[l][b];
        }
}

/// All embedding gradients for NB blocks from column j (the blocks' G stays in L1 while every
/// column group is visited); dqv holds k vector accumulators of dq.
template <std::size_t NB, class T>
inline void embeddingBlocks(const Net<T>& net, const History<T>& hist, const T* q,
                            const Pass<T>& pass, T ga, Grads<T>& gr, std::size_t j, T* dqv) {
    using V = Vec<T>;
    constexpr std::size_t L = kStep<T>;
    const std::size_t k = std::size_t(net.k);
    std::size_t c = 0;
    for (; c + 4 <= k; c += 4) {
        V dq[4] = {};
        embeddingTile<4, NB>(net, hist, q, pass, ga, gr, c, j, dq);
        for (std::size_t l = 0; l < 4; ++l)
            storev<T>(dqv + (c + l) * L, loadv<T>(dqv + (c + l) * L) + dq[l]);
    }
    for (; c < k; ++c) {
        V dq[1] = {};
        embeddingTile<1, NB>(net, hist, q, pass, ga, gr, c, j, dq);
        storev<T>(dqv + c * L, loadv<T>(dqv + c * L) + dq[0]);
    }
}

template <class T>
void backwardImpl(const Net<T>& net, const History<T>& hist, const T* q, const Pass<T>& pass,
                  T g, Grads<T>& gr) {
    constexpr std::size_t L = kStep<T>;
    if (pass.sum <= T(0))
        return; // no history item: Y = 0 does not depend on any parameter
    const std::size_t k = std::size_t(net.k), a = std::size_t(net.a), stride = hist.stride;
    const T ga = g * pass.scale;                        // dL/ds_j = ga e_j
    const T gw = -g * net.beta * pass.total / pass.sum; // softmax part of df_j, per e_j
    // df_j = g (a_j s_j - beta w_j Y) = e_j (ga s_j + gw)    (padding and skip: e_j = 0)
    T* df = gr.gz + a * stride; // the scratch row after G
    for (std::size_t j = 0; j < stride; j += L)
        storev<T>(df + j, loadv<T>(pass.e + j) * (ga * loadv<T>(pass.s + j) + gw));
    for (std::size_t r = 0; r < a; ++r)
        gRow(net, pass, df, stride, r, gr.gz, gr.dh[r], gr.db[r]);
    // dW, in 2 x 4 tiles.
    std::size_t r = 0;
    for (; r < a; r += 2) {
        const bool two = r + 2 <= a;
        std::size_t c = 0;
        for (; c + 4 <= k; c += 4)
            two ? dwTile<2, 4>(net, hist, q, gr, r, c) : dwTile<1, 4>(net, hist, q, gr, r, c);
        for (; c < k; ++c)
            two ? dwTile<2, 1>(net, hist, q, gr, r, c) : dwTile<1, 1>(net, hist, q, gr, r, c);
    }
    // dp_j and dq, block by block.
    T* dqv = df + stride; // k x L vector accumulators after the df row
    for (std::size_t x = 0; x < k * L; ++x)
        dqv[x] = T(0);
    std::size_t j = 0;
    for (; j + 2 * L <= stride; j += 2 * L)
        embeddingBlocks<2>(net, hist, q, pass, ga, gr, j, dqv);
    if (j < stride)
        embeddingBlocks<1>(net, hist, q, pass, ga, gr, j, dqv);
    for (std::size_t c = 0; c < k; ++c)
        gr.dq[c] += hsum<T>(loadv<T>(dqv + c * L));
}

} // namespace
} // namespace rs::nais

#pragma GCC diagnostic pop
