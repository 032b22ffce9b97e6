#pragma once
#include "models/NaisKernel.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rs {

/// Every trained parameter of a NAIS model (row-major, row stride k): history embeddings p_j,
/// target embeddings q_i, the attention network W, b, h and the item biases b_i.
template <class T> struct NaisParameters {
    int k = 0;              ///< embedding size
    int a = 0;              ///< attention size
    std::vector<T> p, q;    ///< items x k
    std::vector<T> w;       ///< a x k
    std::vector<T> b, h;    ///< a
    std::vector<T> bias;    ///< items (zeros when the model has no bias)

    void resize(std::uint32_t items, int factors, int attention) {
        k = factors;
        a = attention;
        p.assign(std::size_t(items) * std::size_t(k), T(0));
        q.assign(p.size(), T(0));
        w.assign(std::size_t(a) * std::size_t(k), T(0));
        b.assign(std::size_t(a), T(0));
        h.assign(std::size_t(a), T(0));
        bias.assign(items, T(0));
    }
    std::uint32_t items() const { return std::uint32_t(bias.size()); }
    const T* pRow(std::uint32_t i) const { return p.data() + std::size_t(i) * std::size_t(k); }
    const T* qRow(std::uint32_t i) const { return q.data() + std::size_t(i) * std::size_t(k); }
    nais::Net<T> net(T beta) const { return {w.data(), b.data(), h.data(), k, a, beta}; }
};

} // namespace rs
