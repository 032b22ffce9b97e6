#pragma once
// For explanation tests: a model whose score is a sum of exactly known, hand-checkable terms,
//   score(u, i) = sum over the user's training items j of W(j, i) * (r_uj - centre)
// (W dense, items x items), and its explainer. Removing ratings re-solves exactly: their terms
// disappear. Tests of the model-independent explanation machinery use it so they do not
// depend on the model-specific explainers.
#include "data/Interactions.h"
#include "explain/Explainer.h"
#include "models/Recommender.h"
#include "train/RunContext.h"

#include <algorithm>
#include <span>
#include <string>
#include <vector>

namespace rs::test {

class LinearTermsModel : public Recommender {
public:
    LinearTermsModel(std::string name, std::uint32_t items, std::vector<double> w,
                     double centre = 0.0)
        : m_name(std::move(name)), m_items(items), m_w(std::move(w)), m_centre(centre) {}
    std::string name() const override { return m_name; }
    std::vector<std::pair<std::string, std::string>> hyperParameters() const override { return {}; }
    bool setHyperParameter(const std::string& key, const std::string&,
                           std::string& error) override {
        error = "no hyper-parameter " + key;
        return false;
    }
    bool predictsRatings() const override { return false; }
    FitResult fit(const Interactions& data, const FitOptions&, const Progress&) override {
        m_train = data.byUser;
        return {};
    }
    float score(std::uint32_t user, std::uint32_t item) const override {
        return float(scoreWithout(user, item, {}));
    }
    std::uint32_t numUsers() const override { return m_train.rows; }
    std::uint32_t numItems() const override { return m_items; }
    ModelState save() const override {
        ModelState s;
        s.model = name();
        return s;
    }
    bool load(const ModelState&, std::string& error) override {
        error = "the test model is built in memory";
        return false;
    }

    double weight(std::uint32_t j, std::uint32_t i) const {
        return m_w[std::size_t(j) * m_items + i];
    }
    double term(std::uint32_t j, float rating, std::uint32_t i) const {
        return weight(j, i) * (double(rating) - m_centre);
    }
    /// The score without the user's ratings of `removed` (0 for an unknown user or item).
    double scoreWithout(std::uint32_t user, std::uint32_t item,
                        std::span<const std::uint32_t> removed) const {
        if (user >= m_train.rows || item >= m_items)
            return 0.0;
        double s = 0;
        const auto cols = m_train.rowCols(user);
        const auto vals = m_train.rowValues(user);
        for (std::size_t t = 0; t < cols.size(); ++t)
            if (std::find(removed.begin(), removed.end(), cols[t]) == removed.end())
                s += term(cols[t], vals[t], item);
        return s;
    }

private:
    std::string m_name;
    std::uint32_t m_items;
    std::vector<double> m_w;
    double m_centre;
    CsrMatrix m_train;
};

/// How a LinearTermsExplainer reports its terms.
struct LinearTermsOptions {
    std::string partLabel = "history item";
    std::string note;             ///< the evidence note
    bool omitZeroWeights = false; ///< evidence only for history items with W(j, i) != 0
    bool reverseEvidence = false; ///< hand explain() unsorted evidence (it must sort it)
};

/// Evidence = the model's exact terms; decomposition = one HistoryItem part per term.
class LinearTermsExplainer : public Explainer {
public:
    explicit LinearTermsExplainer(const RunContext& ctx, LinearTermsOptions options = {})
        : Explainer(ctx), m_options(std::move(options)) {}
    void scoresWithout(std::uint32_t user, std::span<const std::uint32_t> removed,
                       std::vector<float>& out) const override {
        out.resize(model().numItems());
        for (std::uint32_t i = 0; i < out.size(); ++i)
            out[i] = float(model().scoreWithout(user, i, removed));
    }

protected:
    void decompose(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        out.decomposedScore = 0;
        for (const EvidenceItem& e : terms(user, item)) {
            out.parts.push_back(
                {ScorePartKind::HistoryItem, m_options.partLabel, -1, e.item, e.contribution});
            out.decomposedScore += e.contribution;
        }
    }
    void collectEvidence(std::uint32_t user, std::uint32_t item, Explanation& out) const override {
        out.evidenceMethod = EvidenceMethod::ExactTerms;
        out.evidenceBaseScore = out.score;
        out.evidence = terms(user, item);
        out.evidenceNote = m_options.note;
        if (m_options.reverseEvidence)
            std::reverse(out.evidence.begin(), out.evidence.end());
    }

private:
    const LinearTermsModel& model() const {
        return dynamic_cast<const LinearTermsModel&>(*m_ctx.model);
    }
    std::vector<EvidenceItem> terms(std::uint32_t user, std::uint32_t item) const {
        std::vector<EvidenceItem> t;
        const auto cols = m_ctx.trainItems(user);
        const auto vals = m_ctx.trainValues(user);
        for (std::size_t j = 0; j < cols.size(); ++j)
            if (!m_options.omitZeroWeights || model().weight(cols[j], item) != 0.0)
                t.push_back({cols[j], vals[j], model().term(cols[j], vals[j], item)});
        return t;
    }

    LinearTermsOptions m_options;
};

} // namespace rs::test
