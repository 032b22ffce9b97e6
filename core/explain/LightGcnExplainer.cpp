// Explanations of LightGCN: the score split exactly over the user's own embedding and the
// history items the propagation brought in, each history item's share split again over the
// walks through its users; what-ifs re-propagate the user's row without the removed edges.
#include "explain/ModelExplainers.h"
#include "models/LightGcn.h"
#include "models/LightGcnAttribution.h"
#include "train/RunContext.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>
#include <unordered_map>

namespace rs {

namespace {

/// Paths and neighbour users kept in an explanation.
constexpr std::size_t kTopPaths = 20;
constexpr std::size_t kTopNeighbours = 10;
/// The leading neighbour users whose strongest path is kept even when it is not among the
/// kTopPaths strongest overall (so views can show how those users connect).
constexpr std::size_t kNeighbourPaths = 5;
/// Largest |recomputed - stored| user embedding entry that still counts as the same model.
constexpr double kMismatchTolerance = 1e-4;

/// `v` with 3 significant digits.
std::string short3(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", v);
    return text;
}

/// With L = K + 1 layers and Â the normalised graph (LightGcnAttribution):
///   score(u, i) = (1/L) x_u^(0) . e_i + sum_{j in N(u)} (Â_uj / L) sum_{k=0..K-1} x_j^(k) . e_i
/// The first term is the part "user's own embedding", each history item j has one exact
/// HistoryItem part, and the same values are the evidence (ExactTerms). The history parts are
/// split further into walk prefixes u -> j and u -> j -> v (LightGcnAttribution::paths()); the
/// strongest are kept in Explanation::paths with the neighbour users v whose walks carry the
/// most. What-if scores (scoresWithout) re-propagate only the user's own row without the
/// removed edges, renormalised with the user's new degree; every other embedding and degree is
/// kept (not a retrain).
class LightGcnExplainer final : public Explainer {
public:
    LightGcnExplainer(const RunContext& ctx, const LightGcn& model)
        : Explainer(ctx), m_model(model), m_attribution(model, ctx.train) {}

    void scoresWithout(std::uint32_t user, std::span<const std::uint32_t> removed,
                       std::vector<float>& out) const override {
        m_attribution.scoresWithout(user, removed, out);
    }

protected:
    void decompose(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        const LightGcnScoreTerms terms = m_attribution.terms(user, item);
        const std::string L = std::to_string(m_model.layers() + 1);
        out.parts.push_back({ScorePartKind::Other, "user's own embedding (layer 0, 1/" + L + ")",
                             -1, 0, terms.own});
        for (const LightGcnHistoryTerm& t : terms.history)
            out.parts.push_back({ScorePartKind::HistoryItem, "edge weight " + short3(t.weight), -1,
                                 t.item, t.value});
        out.decomposedScore = sumOfParts(out.parts);
        out.exactDecomposition = m_attribution.mismatch() <= kMismatchTolerance;
        out.decompositionNote =
            "LightGCN with K = " + std::to_string(m_model.layers()) + " layers, L = K + 1: score " +
            "= (1/L) x_u^(0) . e_i + sum over history items j of (A_uj / L) sum_{k<K} x_j^(k) . "
            "e_i, with A the symmetric normalised graph (A_uj = 1/sqrt(|N(u)| |N(j)|)), x^(k) "
            "the k-th propagation layer and e_i the item's final embedding";
        if (!out.exactDecomposition)
            out.decompositionNote += "; the run's training data does not reproduce the model's "
                                     "user embeddings (largest difference " +
                                     short3(m_attribution.mismatch()) +
                                     "), so the parts are not "
                                     "exact";
        collectPaths(user, item, out);
    }

    void collectEvidence(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        const LightGcnScoreTerms terms = m_attribution.terms(user, item);
        const auto items = m_ctx.trainItems(user);
        const auto values = m_ctx.trainValues(user);
        out.evidenceMethod = EvidenceMethod::ExactTerms;
        out.evidenceBaseScore = out.score;
        out.evidenceNote =
            "LightGCN history terms (A_uj / L) sum_{k<K} x_j^(k) . e_i of the user's graph edges "
            "(with the user's own-embedding term they add up to the score). What-if re-scoring "
            "removes the edges from the user's row only: the user's layers are re-propagated "
            "from the remaining items with the weights 1/sqrt(|N'(u)| |N(j)|) (the user's new "
            "degree), the items' layers, degrees and final embeddings kept as trained (they "
            "still carry what they received from this user; not a retrain)";
        out.evidence.reserve(terms.history.size());
        for (const LightGcnHistoryTerm& t : terms.history) {
            const auto it = std::lower_bound(items.begin(), items.end(), t.item);
            const float rating =
                it != items.end() && *it == t.item ? values[std::size_t(it - items.begin())] : 0.0f;
            out.evidence.push_back({t.item, rating, t.value});
        }
    }

private:
    void collectPaths(std::uint32_t user, std::uint32_t item, Explanation& out) const {
        std::vector<LightGcnPath> paths = m_attribution.paths(user, item);
        std::unordered_map<std::uint32_t, PathNeighbour> byUser;
        for (const LightGcnPath& p : paths)
            if (p.user >= 0 && std::uint32_t(p.user) != user) {
                PathNeighbour& n = byUser[std::uint32_t(p.user)];
                n.user = std::uint32_t(p.user);
                n.contribution += p.value;
                ++n.paths;
            }
        const std::size_t keep = std::min(kTopPaths, paths.size());
        std::partial_sort(paths.begin(), paths.begin() + std::ptrdiff_t(keep), paths.end(),
                          [](const LightGcnPath& a, const LightGcnPath& b) {
                              const double x = std::abs(a.value), y = std::abs(b.value);
                              if (x != y)
                                  return x > y;
                              return a.item != b.item ? a.item < b.item : a.user < b.user;
                          });
        std::vector<PathNeighbour> neighbours;
        neighbours.reserve(byUser.size());
        for (const auto& [v, n] : byUser)
            neighbours.push_back(n);
        std::sort(neighbours.begin(), neighbours.end(),
                  [](const PathNeighbour& a, const PathNeighbour& b) {
                      return a.contribution != b.contribution ? a.contribution > b.contribution
                                                              : a.user < b.user;
                  });
        neighbours.resize(std::min(kTopNeighbours, neighbours.size()));
        // After the strongest paths: the strongest path through each leading neighbour that has
        // none among them, in the neighbours' order.
        std::vector<std::size_t> chosen(keep);
        std::iota(chosen.begin(), chosen.end(), std::size_t(0));
        std::size_t extra = 0;
        for (std::size_t r = 0; r < std::min(kNeighbourPaths, neighbours.size()); ++r) {
            const std::int64_t v = neighbours[r].user;
            std::size_t best = paths.size();
            for (std::size_t n = 0; n < paths.size(); ++n)
                if (paths[n].user == v && (best == paths.size() ||
                                           std::abs(paths[n].value) > std::abs(paths[best].value)))
                    best = n;
            if (best >= keep && best < paths.size()) {
                chosen.push_back(best);
                ++extra;
            }
        }
        for (std::size_t n : chosen) {
            const LightGcnPath& p = paths[n];
            ExplanationPath path;
            path.nodes.push_back({PathNode::Kind::User, user});
            path.nodes.push_back({PathNode::Kind::Item, p.item});
            if (p.user >= 0)
                path.nodes.push_back({PathNode::Kind::User, std::uint32_t(p.user)});
            path.nodes.push_back({PathNode::Kind::Item, item});
            path.contribution = p.value;
            out.paths.push_back(std::move(path));
        }
        out.pathNeighbours = std::move(neighbours);
        out.pathNote =
            "each history item's part split over walk prefixes: u -> j carries (A_uj / L) "
            "x_j^(0) . e_i, u -> j -> v carries (A_uj A_jv / L) sum_{k<K-1} x_v^(k) . e_i (every "
            "longer walk through user v; v may be u itself); the last node i stands for the dot "
            "product with the item's final embedding. The prefixes of one history item add up "
            "to its part. Shown: the " +
            std::to_string(keep) + " strongest of " + std::to_string(paths.size()) + " paths" +
            (extra ? ", then the strongest path through each of " + std::to_string(extra) +
                         " leading neighbour" + (extra == 1 ? "" : "s") + " not among them"
                   : std::string()) +
            "; neighbours: other users v by the summed share of their walks";
    }

    const LightGcn& m_model;
    LightGcnAttribution m_attribution;
};

} // namespace

std::unique_ptr<Explainer> makeLightGcnExplainer(const RunContext& ctx) {
    if (const auto* m = dynamic_cast<const LightGcn*>(ctx.model.get()))
        return std::make_unique<LightGcnExplainer>(ctx, *m);
    return nullptr;
}

} // namespace rs
