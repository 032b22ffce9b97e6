#pragma once
#include "models/NaisKernel.h"

#include <cstddef>
#include <vector>

namespace rs {

/// The buffers of one forward pass and its results (see nais::Pass).
template <class T> class NaisTargetPass {
public:
    /// Sizes the buffers; `forBackward` keeps the pre-activations that backward() needs.
    void resize(int k, int a, std::size_t stride, bool forBackward) {
        m_v.resize(std::size_t(k) * std::size_t(a));
        m_z.resize(forBackward ? std::size_t(a) * stride : 0);
        m_f.resize(stride);
        m_s.resize(stride);
        m_e.resize(stride);
        m_pass = {m_v.data(), forBackward ? m_z.data() : nullptr,
                  m_f.data(), m_s.data(),
                  m_e.data(), -1,
                  T(0),       T(0),
                  T(0),       T(0)};
    }
    /// Y for target embedding q, leaving out history position `skip` (-1: none).
    T run(const nais::Net<T>& net, const nais::History<T>& hist, const T* q, std::ptrdiff_t skip) {
        m_pass.skip = skip;
        return nais::forward(net, hist, q, m_pass);
    }
    const nais::Pass<T>& pass() const { return m_pass; }
    T total() const { return m_pass.total; }
    /// a_j, s_j and f_j of history position j after run().
    T weight(std::size_t j) const { return m_pass.scale * m_e[j]; }
    T similarity(std::size_t j) const { return m_s[j]; }
    T logit(std::size_t j) const { return m_f[j]; }

private:
    std::vector<T> m_v, m_z, m_f, m_s, m_e;
    nais::Pass<T> m_pass{};
};

} // namespace rs
