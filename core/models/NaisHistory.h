#pragma once
#include "models/NaisKernel.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace rs {

/// A user's history embeddings in the layout of the NAIS kernels (transposed, zero-padded to a
/// multiple of nais::kLanes columns), gathered from a row-major item x k matrix.
template <class T> class NaisHistory {
public:
    /// Gathers rows `items` of `rows` (row i at rows + i * rowStride, k values used).
    void gather(const T* rows, std::size_t rowStride, int k, std::span<const std::uint32_t> items) {
        m_k = k;
        m_n = items.size();
        m_stride = (m_n + nais::kLanes - 1) / nais::kLanes * nais::kLanes;
        m_pt.assign(std::size_t(k) * m_stride, T(0));
        for (std::size_t j = 0; j < m_n; ++j) {
            const T* row = rows + std::size_t(items[j]) * rowStride;
            for (int c = 0; c < k; ++c)
                m_pt[std::size_t(c) * m_stride + j] = row[c];
        }
    }
    /// Writes column j back as row-major values (k of them) at `row`.
    void scatter(std::size_t j, T* row) const {
        for (int c = 0; c < m_k; ++c)
            row[c] = m_pt[std::size_t(c) * m_stride + j];
    }
    nais::History<T> view() const { return {m_pt.data(), m_n, m_stride}; }
    /// Entry (c, j) is at data()[c * stride() + j].
    T* data() { return m_pt.data(); }
    const T* data() const { return m_pt.data(); }
    std::size_t size() const { return m_n; }
    std::size_t stride() const { return m_stride; }
    int k() const { return m_k; }

private:
    std::vector<T> m_pt;
    std::size_t m_n = 0;
    std::size_t m_stride = 0;
    int m_k = 0;
};

} // namespace rs
