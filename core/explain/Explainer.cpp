#include "explain/Explainer.h"

#include "explain/RemovalRanking.h"
#include "train/RunContext.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace rs {

namespace {

/// Largest contribution first; equal ones by lower item index; NaN last.
void sortEvidence(std::vector<EvidenceItem>& evidence) {
    std::sort(evidence.begin(), evidence.end(), [](const EvidenceItem& a, const EvidenceItem& b) {
        const bool na = std::isnan(a.contribution), nb = std::isnan(b.contribution);
        if (na != nb)
            return nb;
        if (!na && a.contribution != b.contribution)
            return a.contribution > b.contribution;
        return a.item < b.item;
    });
}

std::string notInTopKNote(int rank, int k) {
    if (rank == 0)
        return "not searched: the user rated this item in training";
    return "not searched: the item is at rank " + std::to_string(rank) + ", outside the top " +
           std::to_string(k);
}

} // namespace

Explanation Explainer::explain(std::uint32_t user, std::uint32_t item,
                               const ExplainOptions& options) const {
    const auto t0 = std::chrono::steady_clock::now();
    if (user >= m_ctx.numUsers() || item >= m_ctx.numItems())
        throw std::out_of_range("explain: user " + std::to_string(user) + " or item " +
                                std::to_string(item) + " is outside the run's dataset");
    Explanation out;
    out.model = m_ctx.model->name();
    out.user = user;
    out.item = item;
    out.k = options.k;
    out.predictsRatings = m_ctx.model->predictsRatings();
    out.score = double(m_ctx.model->score(user, item));
    out.rank = m_ctx.rankOf(user, item);

    decompose(user, item, out);
    collectEvidence(user, item, out);
    sortEvidence(out.evidence);

    Counterfactual& cf = out.counterfactual;
    cf.budget = options.counterfactualBudget;
    if (!options.counterfactual)
        cf.note = "not searched: not requested";
    else if (out.rank == 0 || out.rank > options.k)
        cf.note = notInTopKNote(out.rank, options.k);
    else
        cf = findCounterfactual(*this, user, item, out.evidence, options.k,
                                options.counterfactualBudget);

    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

std::vector<ScoredItem>
Explainer::topNWithout(std::uint32_t user, std::span<const std::uint32_t> removed, int k) const {
    if (k <= 0)
        return {};
    std::vector<float> scores;
    scoresWithout(user, removed, scores);
    return topCandidates(scores, exclusionMask(scores.size(), m_ctx.trainItems(user), removed), k);
}

int Explainer::rankWithout(std::uint32_t user, std::uint32_t item,
                           std::span<const std::uint32_t> removed) const {
    return standingWithout(*this, user, item, removed, 0).rank;
}

} // namespace rs
