#include "compare/OverlapMatrix.h"

#include "compare/ListOverlap.h"

#include <cmath>
#include <limits>

namespace rs {

OverlapMatrix overlapMatrix(const TopLists& lists) {
    OverlapMatrix m;
    m.runs = lists.runs();
    m.k = lists.k;
    m.users = lists.users.size();
    const std::size_t n = m.runs;
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    m.jaccard.assign(n * n, nan);
    m.kendallTau.assign(n * n, nan);
    m.tauUsers.assign(n * n, 0);
    m.kendallTauShared.assign(n * n, nan);
    m.sharedTauUsers.assign(n * n, 0);
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = a; b < n; ++b) {
            double jaccardSum = 0.0, tauSum = 0.0, sharedSum = 0.0;
            std::size_t tauCount = 0, sharedCount = 0;
            for (std::size_t p = 0; p < m.users; ++p) {
                const auto la = lists.list(a, p), lb = lists.list(b, p);
                jaccardSum += listJaccard(la, lb);
                const double tau = listKendallTau(la, lb);
                if (!std::isnan(tau)) {
                    tauSum += tau;
                    ++tauCount;
                }
                const double shared = listKendallTauShared(la, lb);
                if (!std::isnan(shared)) {
                    sharedSum += shared;
                    ++sharedCount;
                }
            }
            for (const std::size_t cell : {a * n + b, b * n + a}) {
                m.jaccard[cell] = m.users ? jaccardSum / double(m.users) : nan;
                m.kendallTau[cell] = tauCount ? tauSum / double(tauCount) : nan;
                m.tauUsers[cell] = tauCount;
                m.kendallTauShared[cell] = sharedCount ? sharedSum / double(sharedCount) : nan;
                m.sharedTauUsers[cell] = sharedCount;
            }
        }
    return m;
}

} // namespace rs
