// Explanations of implicit-feedback ALS (Hu, Koren & Volinsky 2008, section 5).
#include "explain/ExplainUtil.h"
#include "explain/ModelExplainers.h"
#include "explain/UserCache.h"
#include "models/ImplicitAls.h"

#include <Eigen/Dense>

namespace rs {

namespace {

/// One user's exact least-squares system with the item factors Y fixed:
/// A = Y'Y + reg I + sum_j (c_j - 1) y_j y_j', b = sum_j c_j y_j, x = A^-1 b.
struct AlsUserSystem {
    Eigen::MatrixXd yu; ///< n x k: the history's item vectors
    Eigen::VectorXd c;  ///< confidences c_j
    Eigen::MatrixXd a;
    Eigen::LLT<Eigen::MatrixXd> llt;
    Eigen::VectorXd b, x;
};

/// With the item factors fixed, the exact user vector is x_u = W_u sum_j c_uj y_j with
/// W_u = (Y'Y + Y'(C_u - I)Y + reg I)^-1 (ImplicitAls::foldInUser), so the score of item i is
///   y_i . x_u = sum_j (y_i' W_u y_j) c_uj,
/// one exact additive term per history item j: the evidence. The decomposition is per latent
/// dimension of the stored (trained) vectors; the trained vector comes from conjugate-gradient
/// steps and differs slightly from the exact fold-in the evidence adds up to. What-if scores
/// re-solve the same system without the removed items (a downdate of the cached A).
class AlsExplainer final : public Explainer {
public:
    AlsExplainer(const RunContext& ctx, const ImplicitAls& model)
        : Explainer(ctx), m_model(model), m_users(model.userFactors()),
          m_items(model.itemFactors()), m_reg(explain::hyperValue(model, "reg", 40.0)) {
        m_gramReg = Eigen::MatrixXd::Zero(m_items.cols(), m_items.cols());
        m_gramReg.selfadjointView<Eigen::Lower>().rankUpdate(m_items.transpose().cast<double>());
        m_gramReg = m_gramReg.selfadjointView<Eigen::Lower>();
        m_gramReg.diagonal().array() += m_reg;
    }

    void scoresWithout(std::uint32_t user, std::span<const std::uint32_t> removed,
                       std::vector<float>& out) const override {
        const auto sys = system(user);
        Eigen::VectorXf x;
        if (removed.empty()) {
            x = sys->x.cast<float>();
        } else {
            Eigen::MatrixXd a = sys->a;
            Eigen::VectorXd b = sys->b;
            for (std::size_t j : explain::historyPositions(m_ctx, user, removed)) {
                const Eigen::VectorXd y = sys->yu.row(Eigen::Index(j)).transpose();
                a.noalias() -= (sys->c[Eigen::Index(j)] - 1.0) * (y * y.transpose());
                b -= sys->c[Eigen::Index(j)] * y;
            }
            x = a.llt().solve(b).cast<float>();
        }
        out.resize(std::size_t(m_items.rows()));
        Eigen::Map<Eigen::VectorXf>(out.data(), m_items.rows()).noalias() = m_items * x;
    }

protected:
    void decompose(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        if (user < m_users.rows() && item < m_items.rows())
            for (Eigen::Index f = 0; f < m_items.cols(); ++f)
                out.parts.push_back({ScorePartKind::LatentFactor, "factor " + std::to_string(f),
                                     int(f), 0,
                                     double(m_users(user, f)) * double(m_items(item, f))});
        out.decomposedScore = sumOfParts(out.parts);
    }

    void collectEvidence(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        const auto items = m_ctx.trainItems(user);
        const auto values = m_ctx.trainValues(user);
        out.evidenceMethod = EvidenceMethod::ExactTerms;
        out.evidenceNote = "Hu-Koren-Volinsky terms s_ij c_uj: they add up exactly to the score "
                           "of the exact (Cholesky) fold-in of the user's history, the base "
                           "score here, which the trained conjugate-gradient vector approximates";
        if (items.empty() || item >= m_items.rows())
            return;
        const auto sys = system(user);
        const Eigen::VectorXd w = sys->llt.solve(m_items.row(item).transpose().cast<double>());
        const Eigen::VectorXd s = sys->yu * w; // s_ij for every history item j
        double total = 0.0;
        out.evidence.reserve(items.size());
        for (Eigen::Index j = 0; j < s.size(); ++j) {
            const double term = s[j] * sys->c[j];
            total += term;
            out.evidence.push_back({items[std::size_t(j)], values[std::size_t(j)], term});
        }
        out.evidenceBaseScore = total;
    }

private:
    std::shared_ptr<const AlsUserSystem> system(std::uint32_t user) const {
        return m_cache.get(user, [&] {
            const auto items = m_ctx.trainItems(user);
            const auto values = m_ctx.trainValues(user);
            const Eigen::Index k = m_items.cols(), n = Eigen::Index(items.size());
            AlsUserSystem s;
            s.yu = Eigen::MatrixXd::Zero(n, k);
            s.c = Eigen::VectorXd::Ones(n);
            for (Eigen::Index j = 0; j < n; ++j)
                if (items[std::size_t(j)] < m_items.rows()) {
                    s.yu.row(j) = m_items.row(items[std::size_t(j)]).cast<double>();
                    s.c[j] = m_model.confidence(values[std::size_t(j)]);
                }
            s.a = m_gramReg;
            s.a.noalias() += s.yu.transpose() * ((s.c.array() - 1.0).matrix().asDiagonal() * s.yu);
            s.llt.compute(s.a);
            s.b = s.yu.transpose() * s.c;
            s.x = s.llt.solve(s.b);
            return s;
        });
    }

    const ImplicitAls& m_model;
    Eigen::MatrixXf m_users, m_items;
    double m_reg;
    Eigen::MatrixXd m_gramReg; ///< Y'Y + reg I
    explain::UserCache<AlsUserSystem> m_cache;
};

} // namespace

std::unique_ptr<Explainer> makeAlsExplainer(const RunContext& ctx) {
    if (const auto* m = dynamic_cast<const ImplicitAls*>(ctx.model.get()))
        return std::make_unique<AlsExplainer>(ctx, *m);
    return nullptr;
}

} // namespace rs
