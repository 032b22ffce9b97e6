#pragma once
#include "models/NaisKernel.h"
#include "models/NaisTargetPass.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace rs {

/// Gradient accumulators for one history and the attention network (see nais::Grads); the
/// target's dq is per pass, so callers copy it out after each backward() when they batch.
template <class T> class NaisGradients {
public:
    void resize(int k, int a, std::size_t stride) {
        m_dpt.resize(std::size_t(k) * stride);
        m_dq.resize(std::size_t(k));
        m_dw.resize(std::size_t(k) * std::size_t(a));
        m_db.resize(std::size_t(a));
        m_dh.resize(std::size_t(a));
        m_gz.resize((std::size_t(a) + 1) * stride + std::size_t(k) * nais::kLanes);
        zero();
    }
    void zero() {
        for (auto* v : {&m_dpt, &m_dq, &m_dw, &m_db, &m_dh})
            std::fill(v->begin(), v->end(), T(0));
    }
    void zeroTarget() { std::fill(m_dq.begin(), m_dq.end(), T(0)); }
    /// Adds g dY/dtheta of `pass` (run on `hist` with target embedding q).
    void backward(const nais::Net<T>& net, const nais::History<T>& hist, const T* q,
                  const NaisTargetPass<T>& pass, T g) {
        nais::Grads<T> view{m_dpt.data(), m_dq.data(), m_dw.data(),
                            m_db.data(),  m_dh.data(), m_gz.data()};
        nais::backward(net, hist, q, pass.pass(), g, view);
    }
    std::vector<T>& dpt() { return m_dpt; } ///< k x stride, like NaisHistory
    std::vector<T>& dq() { return m_dq; }
    std::vector<T>& dw() { return m_dw; }
    std::vector<T>& db() { return m_db; }
    std::vector<T>& dh() { return m_dh; }

private:
    std::vector<T> m_dpt, m_dq, m_dw, m_db, m_dh, m_gz;
};

} // namespace rs
