// Explanations of BPR-MF: the stored score split into the item bias and one term per latent
// dimension; evidence by re-solving the user's fold-in without each positive.
#include "explain/BprLeaveOut.h"
#include "explain/ExplainUtil.h"
#include "explain/ModelExplainers.h"
#include "explain/UserCache.h"
#include "models/Bpr.h"

namespace rs {

namespace {

/// Pairs of the objective (|P| x items) that the exact-gradient refinement steps of one user's
/// leave-one-out solves may spend in total: about a tenth of a second. Users with more
/// positives get fewer refinement steps (none from about 100 positives on ML-small); the
/// Newton step before them is already close (see explain::BprLeaveOut).
constexpr double kPairBudget = 1e8;
constexpr int kMaxRefineSteps = 3;

explain::BprItemSide itemSideOf(const Bpr& model) {
    explain::BprItemSide s;
    s.items = model.itemFactors();
    s.itemsD = s.items.cast<double>();
    const Eigen::VectorXf b = model.itemBiases();
    s.bias.assign(b.data(), b.data() + b.size());
    s.biasD = b.cast<double>();
    s.reg = explain::hyperValue(model, "reg", 0.01);
    return s;
}

/// score = b_i + p_u . q_i. BPR has no closed-form user solution: its fold-in is the maximiser
/// of the user's ranking objective over all (positive, other item) pairs (Bpr::foldInUser), and
/// a rating's contribution is that fold-in's score minus the score re-solved without it,
/// warm-started from the full solution (explain::BprLeaveOut). Ratings below min_value are not
/// positives: leaving them out changes nothing (contribution 0).
class BprExplainer final : public Explainer {
public:
    BprExplainer(const RunContext& ctx, const Bpr& model)
        : Explainer(ctx), m_users(model.userFactors()), m_side(itemSideOf(model)),
          m_minValue(explain::hyperValue(model, "min_value", 0.0)) {}

    void scoresWithout(std::uint32_t user, std::span<const std::uint32_t> removed,
                       std::vector<float>& out) const override {
        const Eigen::VectorXf p = foldIn(user)->without(removed).cast<float>();
        out.assign(m_side.bias.begin(), m_side.bias.end());
        Eigen::Map<Eigen::VectorXf>(out.data(), Eigen::Index(out.size())).noalias() +=
            m_side.items * p;
    }

    /// Refinement steps of one leave-out solve for a user with `positives` positives.
    int refineStepsFor(std::size_t positives) const {
        const double pairs = double(positives) * double(positives) * double(m_side.items.rows());
        return int(
            std::min<double>(pairs > 0 ? std::floor(kPairBudget / pairs) : 0.0, kMaxRefineSteps));
    }

protected:
    void decompose(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        const bool knownItem = item < m_side.items.rows();
        out.parts.push_back({ScorePartKind::ItemBias, "item bias", -1, 0,
                             knownItem ? double(m_side.bias[item]) : 0.0});
        if (knownItem && user < m_users.rows())
            for (Eigen::Index f = 0; f < m_users.cols(); ++f)
                out.parts.push_back({ScorePartKind::LatentFactor, "factor " + std::to_string(f),
                                     int(f), 0,
                                     double(m_users(user, f)) * double(m_side.items(item, f))});
        out.decomposedScore = sumOfParts(out.parts);
    }

    void collectEvidence(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        const auto fold = foldIn(user);
        const auto items = m_ctx.trainItems(user);
        const auto values = m_ctx.trainValues(user);
        out.evidenceMethod = EvidenceMethod::Resolve;
        out.evidenceNote =
            "score change when the rating is left out and the user's vector is re-solved "
            "(BPR fold-in objective over all item pairs, item side fixed; warm-started from "
            "the full-history solution: one Newton step and " +
            std::to_string(refineStepsFor(fold->positives().size())) +
            " quasi-Newton steps); the base is the exact fold-in of the full history, close "
            "to but not the SGD-trained vector";
        if (item >= m_side.items.rows())
            return;
        out.evidenceBaseScore = m_side.biasD[item] + m_side.itemsD.row(item).dot(fold->full());
        std::vector<double> without;
        fold->scoresLeavingOneOut(item, without);
        const auto& pos = fold->positives();
        out.evidence.reserve(items.size());
        for (std::size_t j = 0; j < items.size(); ++j) {
            const auto it = std::lower_bound(pos.begin(), pos.end(), items[j]);
            const double contribution =
                it != pos.end() && *it == items[j]
                    ? out.evidenceBaseScore - without[std::size_t(it - pos.begin())]
                    : 0.0;
            out.evidence.push_back({items[j], values[j], contribution});
        }
    }

private:
    std::shared_ptr<const explain::BprLeaveOut> foldIn(std::uint32_t user) const {
        return m_cache.get(user, [&] {
            const auto items = m_ctx.trainItems(user);
            const auto values = m_ctx.trainValues(user);
            std::vector<std::uint32_t> positives;
            for (std::size_t j = 0; j < items.size(); ++j)
                if (items[j] < m_side.items.rows() && double(values[j]) >= m_minValue)
                    positives.push_back(items[j]);
            const int steps = refineStepsFor(positives.size());
            return explain::BprLeaveOut(m_side, std::move(positives), steps);
        });
    }

    Eigen::MatrixXf m_users;
    explain::BprItemSide m_side;
    double m_minValue;
    explain::UserCache<explain::BprLeaveOut> m_cache;
};

} // namespace

std::unique_ptr<Explainer> makeBprExplainer(const RunContext& ctx) {
    if (const auto* m = dynamic_cast<const Bpr*>(ctx.model.get()))
        return std::make_unique<BprExplainer>(ctx, *m);
    return nullptr;
}

} // namespace rs
