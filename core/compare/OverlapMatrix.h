#pragma once
#include "compare/TopLists.h"
#include <cstddef>
#include <vector>

namespace rs {

/// How alike several runs' top-K lists are: for each pair of runs, means over the users of
/// TopLists of the lists' Jaccard index and Kendall tau-b on the union and on the shared items
/// (listJaccard, listKendallTau, listKendallTauShared).
struct OverlapMatrix {
    std::size_t runs = 0;
    int k = 10;
    std::size_t users = 0;
    std::vector<double> jaccard;       ///< runs x runs, row-major, symmetric, 1 on the diagonal
    std::vector<double> kendallTau;    ///< idem; users where tau is undefined are left out
    std::vector<std::size_t> tauUsers; ///< idem: users that entered the mean of tau
    /// idem for listKendallTauShared (the order of the shared items alone); users with fewer
    /// than two shared items are left out, counted in sharedTauUsers.
    std::vector<double> kendallTauShared;
    std::vector<std::size_t> sharedTauUsers;

    double jaccardAt(std::size_t a, std::size_t b) const { return jaccard[a * runs + b]; }
    double kendallTauAt(std::size_t a, std::size_t b) const { return kendallTau[a * runs + b]; }
    double kendallTauSharedAt(std::size_t a, std::size_t b) const {
        return kendallTauShared[a * runs + b];
    }
};

/// The overlap of every pair of runs' lists; NaN cells when no user qualifies.
OverlapMatrix overlapMatrix(const TopLists& lists);

} // namespace rs
