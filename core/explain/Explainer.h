#pragma once
#include "explain/Explanation.h"
#include "models/Recommender.h"
#include "util/Progress.h"
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace rs {

struct RunContext;

/// Explains one trained model's scores on the data it was trained on. Built once per run
/// context (cheap), then used read-only: every const member is safe to call from several
/// threads at once. Model-specific subclasses live next to this file; makeExplainer() picks one.
class Explainer {
public:
    explicit Explainer(const RunContext& ctx) : m_ctx(ctx) {}
    virtual ~Explainer() = default;

    /// Score and rank, decomposition, evidence (sorted by contribution, largest first) and, when
    /// asked, the counterfactual of (user, item); `seconds` is the time it took. Indices are
    /// dense dataset indices. Calls decompose() and collectEvidence(), then findCounterfactual().
    Explanation explain(std::uint32_t user, std::uint32_t item,
                        const ExplainOptions& options) const;

    /// Scores of every item for `user` as if the user's training ratings of the `removed` items
    /// did not exist: re-solving the user's parameters with everything else fixed (fold-in)
    /// where the model has them, re-predicting from the reduced history otherwise. With
    /// `removed` empty this is the baseline the evidence contributions are measured from.
    virtual void scoresWithout(std::uint32_t user, std::span<const std::uint32_t> removed,
                               std::vector<float>& out) const = 0;

    /// Top-k for `user` after removing those ratings (the what-if): the removed items become
    /// recommendable again, the other training items stay excluded.
    std::vector<ScoredItem> topNWithout(std::uint32_t user, std::span<const std::uint32_t> removed,
                                        int k) const;
    /// 1-based rank of `item` among the user's candidate items once `removed` are removed.
    int rankWithout(std::uint32_t user, std::uint32_t item,
                    std::span<const std::uint32_t> removed) const;

    const RunContext& context() const { return m_ctx; }

protected:
    /// Fills `parts`, `decomposedScore`, `exactDecomposition` and `decompositionNote` of `out`
    /// (score, rank, model, user, item are already set).
    virtual void decompose(std::uint32_t user, std::uint32_t item, Explanation& out) const = 0;
    /// Fills `evidenceMethod`, `evidenceBaseScore`, `evidence` (any order) and `evidenceNote`.
    virtual void collectEvidence(std::uint32_t user, std::uint32_t item,
                                 Explanation& out) const = 0;

    const RunContext& m_ctx;
};

/// The explainer for the context's model; nullptr with `error` for a model it cannot explain.
std::unique_ptr<Explainer> makeExplainer(const RunContext& ctx, std::string& error);

/// The counterfactual of an explanation: removes the user's ratings in order of positive
/// contribution (greedy by influence), re-solving with scoresWithout() to verify, and returns
/// the smallest such prefix that drops `item` out of the top-k, within `budget` removals.
Counterfactual findCounterfactual(const Explainer& explainer, std::uint32_t user,
                                  std::uint32_t item, std::span<const EvidenceItem> evidence, int k,
                                  int budget);

/// What one latent dimension of a factor model means: its extreme items and the genres whose
/// indicator correlates most with the item factor values.
struct FactorProfile {
    int factor = 0;
    std::vector<std::pair<std::uint32_t, float>> topItems, bottomItems; ///< (item, value)
    std::vector<std::pair<std::string, double>> genres; ///< (genre, Pearson r), by |r| desc
    std::string name; ///< a short readable name, e.g. "Animation+ / Horror-"
};
/// Profiles of every latent dimension of the context's model (empty for models without item
/// factors). Items with fewer than `minRatings` training ratings are left out of the extremes.
std::vector<FactorProfile> describeFactors(const RunContext& ctx, int itemsPerSide = 5,
                                           int minRatings = 5);

/// Batch fidelity of a run's explanations (issue 4 point 2).
struct FidelityOptions {
    int users = 500; ///< users sampled (without replacement) with a top-K recommendation
    std::uint64_t seed = 0;
    int k = 10;
    int maxRemoved = 5; ///< deletion curve for m = 1..maxRemoved
    int counterfactualBudget = 20;
    int threads = 1;
};
struct DeletionPoint {
    int removed = 0;                            ///< m
    double meanRankTop = 0, meanRankRandom = 0; ///< mean rank after removing m items
    double meanScoreDropTop = 0, meanScoreDropRandom = 0;
    double flippedTop = 0, flippedRandom = 0; ///< share that left the top-K
};
struct FidelityReport {
    std::string model;
    std::int64_t runId = 0;
    int users = 0; ///< users explained
    int k = 10;
    std::vector<DeletionPoint> deletion;
    int counterfactualsClaimed = 0, counterfactualsValid = 0;
    double validityRate = 0; ///< valid / claimed (1 when none claimed)
    double meanCounterfactualSize = 0;
    double seconds = 0;
    bool cancelled = false;
};
/// Deletion curve of one explanation: the item's rank after removing its top-m evidence items
/// versus m random history items (mean over `randomDraws` draws), m = 1..maxRemoved (capped by
/// the history size). Shown next to an explanation in the why panel.
struct DeletionCurve {
    std::vector<int> rankTop;       ///< [m-1] rank after removing the top-m evidence items
    std::vector<double> rankRandom; ///< [m-1] mean rank after removing m random items
    int rankBefore = 0;
};
DeletionCurve deletionCurve(const Explainer& explainer, const Explanation& explanation,
                            int maxRemoved = 5, int randomDraws = 5, std::uint64_t seed = 0);

FidelityReport measureFidelity(const Explainer& explainer, const FidelityOptions& options,
                               const Progress& progress);

} // namespace rs
