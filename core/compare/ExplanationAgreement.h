#pragma once
#include "compare/TopLists.h"
#include "explain/Explanation.h"
#include "util/Progress.h"
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace rs {

struct RunContext;

/// How alike two explanations of the same (user, item) are. Each evidence list is ordered by
/// contribution, largest first (ties by lower item index), as the why panel shows it.
struct EvidenceAgreement {
    double top3Jaccard = 0.0; ///< listJaccard of the first 3 evidence items of each
    double top5Jaccard = 0.0; ///< ... of the first 5
    /// Spearman's rank correlation of the contributions over the history items both cite
    /// (the shared history); NaN with fewer than two such items or constant contributions.
    double spearman = 0.0;
    std::size_t sharedItems = 0;
};
EvidenceAgreement evidenceAgreement(std::span<const EvidenceItem> a,
                                    std::span<const EvidenceItem> b);

/// Whether a run's model can be explained, and how its evidence is measured.
struct ExplainerAvailability {
    bool available = false; ///< makeExplainer() has an explainer for the model
    bool evidence = false;  ///< its explanations cite per-rating evidence (not e.g. popularity)
    /// How its explanations measure evidence; nullopt when none were made.
    std::optional<EvidenceMethod> method;
    std::string note; ///< why not, when not available or without evidence
};

/// The agreement of two runs' explanations, averaged over the (user, item) pairs that both runs
/// recommend (in their top-K) and whose explanations both cite evidence.
struct ExplanationPairAgreement {
    std::size_t a = 0, b = 0;                    ///< run positions
    bool comparable = false;                     ///< both runs explain with evidence
    std::string note;                            ///< why not comparable
    std::size_t users = 0;                       ///< users with at least one such pair
    std::size_t pairs = 0;                       ///< (user, item) pairs explained by both
    double top3Jaccard = 0.0, top5Jaccard = 0.0; ///< means over the pairs (NaN without pairs)
    double spearman = 0.0; ///< mean over the pairs where it is defined (NaN if none)
    std::size_t spearmanPairs = 0;
};

struct ExplanationAgreement {
    std::vector<ExplainerAvailability> runs;
    std::vector<ExplanationPairAgreement> pairs; ///< every a < b
    std::size_t usersSampled = 0;
    bool cancelled = false;
};

struct ExplanationAgreementOptions {
    std::size_t users = 30;       ///< the first this many users of the TopLists (a random sample)
    std::size_t itemsPerUser = 3; ///< shared recommendations explained per user and pair
    int threads = 2;
};

/// Explains, for the first `options.users` users of `lists`, up to `itemsPerUser` items in both
/// runs' top-K (in the first run's order) with both runs' explainers (no counterfactual) and
/// compares the evidence. Users spread over threads; progress ("explaining") from the calling
/// thread; a cancel returns with `cancelled` set.
ExplanationAgreement explanationAgreement(std::span<const RunContext* const> runs,
                                          const TopLists& lists,
                                          const ExplanationAgreementOptions& options,
                                          const Progress& progress);

} // namespace rs
