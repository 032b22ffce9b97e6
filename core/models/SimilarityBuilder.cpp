#include "models/SimilarityBuilder.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <functional>
#include <thread>

namespace rs {

namespace {

/// Sums for cosine similarity over common columns (floats: 16 bytes, one cache access).
struct CosineAcc {
    float prod = 0, sxx = 0, syy = 0;
    std::uint32_t n = 0;
    void add(float a, float b) {
        prod += a * b;
        sxx += a * a;
        syy += b * b;
        ++n;
    }
    /// Shrunk similarity (float arithmetic: this runs once per co-rated pair).
    float similarity(float shrink) const {
        const float root = std::sqrt(sxx * syy);
        if (shrink > 0) {
            const float m = float(n) - 1.0f;
            const float den = root * (m + shrink);
            return den > 0 ? prod * m / den : 0.0f;
        }
        return root > 0 ? prod / root : 0.0f;
    }
};

/// Sums for Pearson correlation over common columns (doubles: the one-pass formula cancels).
struct PearsonAcc {
    double prod = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
    std::uint32_t n = 0;
    void add(float a, float b) {
        prod += double(a) * b;
        sx += a;
        sy += b;
        sxx += double(a) * a;
        syy += double(b) * b;
        ++n;
    }
    float similarity(float shrink) const {
        const double dn = double(n);
        const double num = dn * prod - sx * sy;
        const double vx = dn * sxx - sx * sx, vy = dn * syy - sy * sy;
        const double den = std::sqrt(std::max(vx, 0.0) * std::max(vy, 0.0));
        if (!(den > 0))
            return 0.0f;
        const double m = dn - 1.0;
        return shrink > 0 ? float(num / den * (m / (m + double(shrink)))) : float(num / den);
    }
};

/// Output of one chunk of consecutive rows.
struct ChunkOut {
    std::vector<std::uint32_t> counts;
    std::vector<std::uint32_t> index;
    std::vector<float> sim;
};

struct Candidate {
    float sim;
    std::uint32_t index;
};

template <class Acc> class RowWorker {
public:
    RowWorker(const CsrMatrix& rows, const CsrMatrix& cols, const SimilarityOptions& o)
        : m_rows(rows), m_cols(cols), m_o(o), m_acc(rows.rows), m_touched(rows.rows + 1) {}

    void run(std::uint32_t begin, std::uint32_t end, ChunkOut& out) {
        out.counts.resize(end - begin);
        for (std::uint32_t x = begin; x < end; ++x)
            out.counts[x - begin] = row(x, out);
    }

private:
    std::uint32_t row(std::uint32_t x, ChunkOut& out) {
        std::size_t touched = 0;
        for (std::uint64_t k = m_rows.rowPtr[x]; k < m_rows.rowPtr[x + 1]; ++k) {
            const std::uint32_t y = m_rows.colIdx[k];
            const float vx = m_rows.values[k];
            const std::uint32_t* idx = m_cols.colIdx.data();
            const float* val = m_cols.values.data();
            for (std::uint64_t m = m_cols.rowPtr[y]; m < m_cols.rowPtr[y + 1]; ++m) {
                const std::uint32_t x2 = idx[m];
                Acc& a = m_acc[x2];
                m_touched[touched] = x2; // branch-free: kept only on first touch
                touched += (a.n == 0);
                a.add(vx, val[m]);
            }
        }
        // Visit the touched rows in index order: a scan of the accumulators when the row is
        // dense, a sort of the touched indices when it is sparse.
        const std::uint32_t n = m_rows.rows;
        if (touched * 8 > n) {
            touched = 0;
            for (std::uint32_t x2 = 0; x2 < n; ++x2) {
                m_touched[touched] = x2;
                touched += (m_acc[x2].n != 0);
            }
        } else {
            std::sort(m_touched.begin(), m_touched.begin() + std::ptrdiff_t(touched));
        }
        m_cand.clear();
        const float shrink = float(m_o.shrinkage);
        // With shrinkage a single common rating gives similarity 0: skip those cheaply.
        const std::uint32_t minSupport =
            std::uint32_t(std::max(m_o.minSupport, shrink > 0 ? 2 : 1));
        for (std::size_t t = 0; t < touched; ++t) {
            const std::uint32_t x2 = m_touched[t];
            Acc& a = m_acc[x2];
            if (a.n >= minSupport && x2 != x) {
                const float s = a.similarity(shrink);
                if (s > 0 && std::isfinite(s))
                    m_cand.push_back({s, x2});
            }
            a = Acc{};
        }
        // Keep the M most similar (ties: lower index), still in index order.
        std::size_t keep = m_cand.size();
        if (keep > m_o.maxNeighbours) {
            m_sims.resize(m_cand.size());
            for (std::size_t c = 0; c < m_cand.size(); ++c)
                m_sims[c] = m_cand[c].sim;
            const std::size_t m = m_o.maxNeighbours;
            std::nth_element(m_sims.begin(), m_sims.begin() + std::ptrdiff_t(m - 1), m_sims.end(),
                             std::greater<float>());
            const float threshold = m_sims[m - 1];
            std::size_t above = 0;
            for (const Candidate& c : m_cand)
                above += c.sim > threshold;
            std::size_t tiesLeft = m - above;
            keep = 0;
            for (const Candidate& c : m_cand) {
                if (c.sim > threshold || (c.sim == threshold && tiesLeft > 0)) {
                    tiesLeft -= (c.sim == threshold);
                    m_cand[keep++] = c;
                }
            }
        }
        for (std::size_t c = 0; c < keep; ++c) {
            out.index.push_back(m_cand[c].index);
            out.sim.push_back(m_cand[c].sim);
        }
        return std::uint32_t(keep);
    }

    const CsrMatrix& m_rows;
    const CsrMatrix& m_cols;
    const SimilarityOptions& m_o;
    std::vector<Acc> m_acc;
    std::vector<std::uint32_t> m_touched;
    std::vector<Candidate> m_cand;
    std::vector<float> m_sims;
};

template <class Acc>
bool build(const CsrMatrix& rows, const CsrMatrix& cols, const SimilarityOptions& o,
           const Progress& progress, NeighbourLists& out) {
    const std::uint32_t n = rows.rows;
    const int threads = std::max(1, o.threads);
    const std::uint32_t chunk = std::max<std::uint32_t>(8, n / std::uint32_t(threads * 64));
    const std::uint32_t numChunks = (n + chunk - 1) / chunk;
    std::vector<ChunkOut> chunks(numChunks);
    std::atomic<std::uint32_t> next{0};
    std::atomic<std::uint32_t> rowsDone{0};
    std::atomic<bool> stop{false};

    auto work = [&](bool reports) {
        RowWorker<Acc> w(rows, cols, o);
        for (;;) {
            const std::uint32_t c = next.fetch_add(1);
            if (c >= numChunks || stop.load(std::memory_order_relaxed))
                break;
            const std::uint32_t begin = c * chunk, end = std::min(n, begin + chunk);
            w.run(begin, end, chunks[c]);
            const std::uint32_t done = rowsDone.fetch_add(end - begin) + (end - begin);
            if (reports) {
                char text[96];
                std::snprintf(text, sizeof text, "similarities %u/%u", done, n);
                if (!progress(double(done) / std::max<std::uint32_t>(n, 1), text))
                    stop = true;
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads && std::uint32_t(t) < numChunks; ++t)
        pool.emplace_back(work, false);
    work(true);
    for (auto& t : pool)
        t.join();
    if (stop)
        return false;

    NeighbourLists lists;
    lists.ptr.assign(std::size_t(n) + 1, 0);
    std::size_t total = 0;
    for (const auto& c : chunks)
        total += c.index.size();
    lists.index.reserve(total);
    lists.sim.reserve(total);
    std::uint32_t x = 0;
    for (const auto& c : chunks) {
        for (std::uint32_t cnt : c.counts) {
            lists.ptr[x + 1] = lists.ptr[x] + cnt;
            ++x;
        }
        lists.index.insert(lists.index.end(), c.index.begin(), c.index.end());
        lists.sim.insert(lists.sim.end(), c.sim.begin(), c.sim.end());
    }
    out = std::move(lists);
    return true;
}

} // namespace

bool buildNeighbourLists(const CsrMatrix& rows, const CsrMatrix& cols,
                         const SimilarityOptions& options, const Progress& progress,
                         NeighbourLists& out) {
    if (options.kind == SimilarityKind::Pearson)
        return build<PearsonAcc>(rows, cols, options, progress, out);
    return build<CosineAcc>(rows, cols, options, progress, out);
}

} // namespace rs
