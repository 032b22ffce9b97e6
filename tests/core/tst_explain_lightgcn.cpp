// Explanations of LightGCN: the parts (own embedding + one term per history item) add up to
// LightGcn::score and each matches its formula (degrees counted and layers recomputed here); the
// path prefixes of each history item add up to its part and the explanation keeps the strongest of
// them; scoresWithout() with nothing removed is scoreAll() bit for bit and with some items
// removed equals the re-propagated user row computed here from the definition; a counterfactual
// that is found really drops the item out of the top-k when re-scored independently; removing
// the top evidence moves scores more than removing random ratings; the JSON carries the paths.
#include "ModelsTestData.h"
#include "explain/Explainer.h"
#include "explain/ExplanationJson.h"
#include "models/LightGcn.h"
#include "models/LightGcnAttribution.h"
#include "models/Rng.h"
#include "train/RunContext.h"
#include "util/JsonWriter.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace rs;

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;
using Dense = Eigen::MatrixXd;

/// A run in memory: LightGCN with `kv` trained on `data` (ids are the indices as text), and the
/// explainer makeExplainer() gives for it.
struct TrainedRun {
    std::unique_ptr<RunContext> ctx;
    std::unique_ptr<Explainer> explainer;
    const LightGcn* model = nullptr;
    std::string error;

    TrainedRun(const Params& kv, const Interactions& data) {
        auto c = std::make_unique<RunContext>();
        c->model = createRecommender("lightgcn");
        if (!c->model || !test::setAll(*c->model, kv).empty() ||
            c->model->fit(data, test::seeded(3, 2), {}).status != FitStatus::Done)
            return;
        c->train = data;
        c->run.model = "lightgcn";
        for (std::uint32_t u = 0; u < data.numUsers(); ++u)
            c->userIds.push_back(std::to_string(u));
        for (std::uint32_t i = 0; i < data.numItems(); ++i)
            c->items.push_back({std::to_string(i), "item " + std::to_string(i), "Drama"});
        model = dynamic_cast<const LightGcn*>(c->model.get());
        ctx = std::move(c);
        explainer = makeExplainer(*ctx, error);
    }
    bool ok() const { return ctx && explainer && model; }
};

/// Three communities of 15 users and 12 items (55% inside, 4% outside), ratings 1..5;
/// values below 2 are not edges when min_value = 2.
Interactions communities(std::uint64_t seed = 11) {
    Rng rng(seed);
    std::vector<test::Triple> t;
    for (std::uint32_t u = 0; u < 45; ++u)
        for (std::uint32_t i = 0; i < 36; ++i)
            if (rng.uniform() < (u / 15 == i / 12 ? 0.55 : 0.04))
                t.emplace_back(u, i, float(1 + rng.below(5)));
    return test::makeInteractions(45, 36, t);
}

const Params kParams = {{"factors", "8"},   {"layers", "3"},  {"epochs", "25"},
                        {"lr", "0.02"},     {"batch", "64"},  {"min_value", "2"},
                        {"negatives", "1"}, {"reg", "0.0001"}};

/// The model's final user embedding written from the definition in double: dense Â of the
/// edges (values >= minValue) with user `user`'s edges to `removed` taken out of its row only
/// (its degree renormalised, every other degree and layer as in the full graph).
Eigen::VectorXd referenceUser(const LightGcn& m, const Interactions& d, std::uint32_t user,
                              const std::set<std::uint32_t>& removed) {
    const Eigen::Index nu = d.numUsers(), n = nu + d.numItems();
    Dense a = Dense::Zero(n, n);
    for (std::uint32_t u = 0; u < d.numUsers(); ++u) {
        const auto items = d.byUser.rowCols(u);
        const auto values = d.byUser.rowValues(u);
        for (std::size_t x = 0; x < items.size(); ++x)
            if (double(values[x]) >= m.minValue())
                a(u, nu + items[x]) = a(nu + items[x], u) = 1.0;
    }
    const Eigen::VectorXd deg = a.rowwise().sum();
    Dense norm = a;
    for (Eigen::Index r = 0; r < n; ++r)
        for (Eigen::Index c = 0; c < n; ++c)
            if (a(r, c) != 0.0)
                norm(r, c) /= std::sqrt(deg(r) * deg(c));
    // The user's own row without the removed edges.
    Eigen::RowVectorXd row = Eigen::RowVectorXd::Zero(n);
    double kept = 0;
    for (Eigen::Index i = 0; i < d.numItems(); ++i)
        if (a(user, nu + i) != 0.0 && !removed.count(std::uint32_t(i)))
            kept += 1;
    for (Eigen::Index i = 0; i < d.numItems(); ++i)
        if (a(user, nu + i) != 0.0 && !removed.count(std::uint32_t(i)))
            row(nu + i) = 1.0 / std::sqrt(kept * deg(nu + i));
    const int K = m.layers();
    Dense x = m.layer0().cast<double>();
    Eigen::VectorXd sum = x.row(user).transpose();
    for (int k = 1; k <= K; ++k) {
        sum += (row * x).transpose();
        x = norm * x;
    }
    return sum / double(K + 1);
}

/// 1-based rank of `item` among the candidates (not in `train`, or in `removed`), ties by
/// lower index.
int rankAmong(const Eigen::VectorXd& scores, std::span<const std::uint32_t> train,
              const std::set<std::uint32_t>& removed, std::uint32_t item) {
    int rank = 1;
    for (std::uint32_t i = 0; i < scores.size(); ++i) {
        const bool trained = std::binary_search(train.begin(), train.end(), i);
        if (i == item || (trained && !removed.count(i)))
            continue;
        if (scores[i] > scores[item] || (scores[i] == scores[item] && i < item))
            ++rank;
    }
    return rank;
}

} // namespace

class TestExplainLightGcn : public QObject {
    Q_OBJECT

private slots:
    void partsAddUpToTheScoreAndMatchTheFormula() {
        const Interactions d = communities();
        const TrainedRun run(kParams, d);
        QVERIFY2(run.ok(), run.error.c_str());
        const LightGcnAttribution attribution(*run.model, d);
        QVERIFY(attribution.mismatch() < 1e-5);
        ExplainOptions o;
        o.counterfactual = false;
        int checked = 0;
        for (std::uint32_t u : {0u, 7u, 16u, 33u, 44u})
            for (std::uint32_t i : {0u, 5u, 13u, 20u, 35u}) {
                const Explanation e = run.explainer->explain(u, i, o);
                QVERIFY(e.exactDecomposition);
                QVERIFY2(
                    std::abs(e.decomposedScore - e.score) < 1e-4,
                    (std::to_string(e.decomposedScore) + " vs " + std::to_string(e.score)).c_str());
                QCOMPARE(e.score, double(run.model->score(u, i)));
                // One own part, then one part per edge of the user (values >= min_value).
                const auto hist = attribution.history(u);
                QCOMPARE(e.parts.size(), hist.size() + 1);
                QCOMPARE(int(e.parts[0].kind), int(ScorePartKind::Other));
                // The own part from the definition: (1/L) x_u^(0) . e_i.
                const double own = run.model->layer0().row(u).cast<double>().dot(
                                       run.model->itemEmbeddings().row(i).cast<double>()) /
                                   4.0;
                QVERIFY(std::abs(e.parts[0].value - own) < 1e-6);
                // Evidence = the history parts, exactly.
                QCOMPARE(int(e.evidenceMethod), int(EvidenceMethod::ExactTerms));
                QCOMPARE(e.evidence.size(), hist.size());
                std::map<std::uint32_t, double> part;
                for (std::size_t p = 1; p < e.parts.size(); ++p) {
                    QCOMPARE(int(e.parts[p].kind), int(ScorePartKind::HistoryItem));
                    QCOMPARE(e.parts[p].item, hist[p - 1]);
                    part[e.parts[p].item] = e.parts[p].value;
                }
                for (const EvidenceItem& ev : e.evidence)
                    QCOMPARE(ev.contribution, part.at(ev.item));
                ++checked;
            }
        QCOMPARE(checked, 25);
    }

    void historyTermsMatchTheirDefinition() {
        // Each term (1/sqrt(d_u d_j)) / L sum_{k<K} x_j^(k) . e_i with the layers recomputed
        // here and the degrees counted from the user's history and the item's row.
        const Interactions d = communities();
        const TrainedRun run(kParams, d);
        QVERIFY(run.ok());
        const LightGcnAttribution attribution(*run.model, d);
        const std::uint32_t u = 4, item = 9;
        const LightGcnScoreTerms terms = attribution.terms(u, item);
        const auto ei = run.model->itemEmbeddings().row(item).cast<double>();
        const int K = run.model->layers();
        const auto layers = attribution.graph().layerStack(run.model->layer0(), K, 1);
        for (const LightGcnHistoryTerm& t : terms.history) {
            const std::uint32_t node = attribution.graph().itemNode(t.item);
            double sum = 0.0;
            for (const auto& x : layers)
                sum += x.row(node).cast<double>().dot(ei);
            const double deg =
                double(attribution.history(u).size()) * double(attribution.graph().degree(node));
            QVERIFY(std::abs(t.value - sum / std::sqrt(deg) / double(K + 1)) < 1e-6);
        }
    }

    void pathsAddUpToTheirHistoryPart() {
        int extraPaths = 0;
        const Interactions d = communities();
        const TrainedRun run(kParams, d);
        QVERIFY(run.ok());
        const LightGcnAttribution attribution(*run.model, d);
        for (std::uint32_t u : {2u, 20u, 40u})
            for (std::uint32_t i : {1u, 14u, 30u}) {
                const LightGcnScoreTerms terms = attribution.terms(u, i);
                const auto paths = attribution.paths(u, i);
                std::map<std::uint32_t, double> sum;
                std::size_t expected = 0;
                for (const LightGcnPath& p : paths)
                    sum[p.item] += p.value;
                for (const LightGcnHistoryTerm& t : terms.history) {
                    expected +=
                        1 + attribution.graph().degree(attribution.graph().itemNode(t.item));
                    QVERIFY2(
                        std::abs(sum[t.item] - t.value) < 1e-6,
                        (std::to_string(sum[t.item]) + " vs " + std::to_string(t.value)).c_str());
                }
                QCOMPARE(paths.size(), expected);

                // The explanation keeps the strongest paths with their exact values, and the
                // neighbours' sums.
                ExplainOptions o;
                o.counterfactual = false;
                const Explanation e = run.explainer->explain(u, i, o);
                // The 20 strongest, then at most 5 more: the strongest path through each leading
                // neighbour user that has none among the 20.
                QVERIFY(!e.paths.empty() && e.paths.size() <= 25);
                std::vector<double> all;
                std::map<std::uint32_t, double> strongestVia;
                for (const LightGcnPath& p : paths) {
                    all.push_back(std::abs(p.value));
                    if (p.user >= 0) {
                        double& s = strongestVia[std::uint32_t(p.user)];
                        s = std::max(s, std::abs(p.value));
                    }
                }
                std::sort(all.rbegin(), all.rend());
                const std::size_t top = std::min<std::size_t>(20, all.size());
                for (std::size_t n = 0; n < e.paths.size(); ++n) {
                    const ExplanationPath& p = e.paths[n];
                    if (n < top) {
                        QCOMPARE(std::abs(p.contribution), all[n]);
                    } else {
                        QCOMPARE(p.nodes.size(), std::size_t(4));
                        const std::uint32_t v = p.nodes[2].index;
                        QVERIFY(v != u);
                        QCOMPARE(std::abs(p.contribution), strongestVia.at(v));
                        bool leading = false;
                        for (std::size_t r = 0;
                             r < std::min<std::size_t>(5, e.pathNeighbours.size()); ++r)
                            leading = leading || e.pathNeighbours[r].user == v;
                        QVERIFY(leading);
                        ++extraPaths;
                    }
                    QCOMPARE(int(p.nodes.front().kind), int(PathNode::Kind::User));
                    QCOMPARE(p.nodes.front().index, u);
                    QCOMPARE(p.nodes.back().index, i);
                    QVERIFY(p.nodes.size() == 3 || p.nodes.size() == 4);
                }
                std::map<std::uint32_t, double> byUser;
                for (const LightGcnPath& p : paths)
                    if (p.user >= 0 && std::uint32_t(p.user) != u)
                        byUser[std::uint32_t(p.user)] += p.value;
                QVERIFY(!e.pathNeighbours.empty());
                double best = -HUGE_VAL;
                for (const auto& [v, c] : byUser)
                    best = std::max(best, c);
                QVERIFY(std::abs(e.pathNeighbours.front().contribution - best) < 1e-9);
                for (const PathNeighbour& n : e.pathNeighbours)
                    QVERIFY(std::abs(n.contribution - byUser.at(n.user)) < 1e-9);
            }
        // Leading neighbours usually carry many weak walks, none among the 20 strongest.
        qInfo("paths kept only as a leading neighbour's strongest: %d", extraPaths);
        QVERIFY(extraPaths > 0);
    }

    void scoresWithoutNothingRemovedAreTheScores() {
        const Interactions d = communities();
        const TrainedRun run(kParams, d);
        QVERIFY(run.ok());
        std::vector<float> a, b;
        for (std::uint32_t u : {0u, 22u, 44u}) {
            run.model->scoreAll(u, a);
            run.explainer->scoresWithout(u, {}, b);
            QCOMPARE(a, b);
            const std::uint32_t notInHistory[] = {1000u};
            run.explainer->scoresWithout(u, notInHistory, b);
            QCOMPARE(a, b);
        }
    }

    void scoresWithoutRePropagateTheUserRow() {
        const Interactions d = communities();
        const TrainedRun run(kParams, d);
        QVERIFY(run.ok());
        const LightGcnAttribution attribution(*run.model, d);
        // The reference with nothing removed is the model's own embedding.
        for (std::uint32_t u : {3u, 30u}) {
            const Eigen::VectorXd full = referenceUser(*run.model, d, u, {});
            QVERIFY((full - run.model->userEmbeddings().row(u).transpose().cast<double>())
                        .cwiseAbs()
                        .maxCoeff() < 1e-5);
            const auto hist = attribution.history(u);
            QVERIFY(hist.size() >= 3);
            const std::set<std::uint32_t> removed = {hist[0], hist[2]};
            const std::vector<std::uint32_t> gone(removed.begin(), removed.end());
            std::vector<float> scores;
            run.explainer->scoresWithout(u, gone, scores);
            const Eigen::VectorXd eu = referenceUser(*run.model, d, u, removed);
            const Eigen::VectorXd ref = run.model->itemEmbeddings().cast<double>() * eu;
            double worst = 0.0;
            for (std::size_t i = 0; i < scores.size(); ++i)
                worst = std::max(worst, std::abs(double(scores[i]) - ref[Eigen::Index(i)]));
            QVERIFY2(worst < 1e-5, std::to_string(worst).c_str());
            QVERIFY((ref - run.model->itemEmbeddings().cast<double>() * full).norm() > 1e-3);
        }
    }

    void counterfactualsHoldWhenReScored() {
        const Interactions d = communities();
        const TrainedRun run(kParams, d);
        QVERIFY(run.ok());
        ExplainOptions o;
        o.k = 5;
        o.counterfactualBudget = 30;
        int found = 0;
        for (std::uint32_t u = 0; u < 45; u += 4) {
            const auto top = run.ctx->recommend(u, 5);
            for (const ScoredItem& s : top) {
                const Explanation e = run.explainer->explain(u, s.item, o);
                if (!e.counterfactual.found)
                    continue;
                ++found;
                const std::set<std::uint32_t> removed(e.counterfactual.removed.begin(),
                                                      e.counterfactual.removed.end());
                const Eigen::VectorXd scores = run.model->itemEmbeddings().cast<double>() *
                                               referenceUser(*run.model, d, u, removed);
                const int rank = rankAmong(scores, run.ctx->trainItems(u), removed, s.item);
                QVERIFY2(rank > 5, std::to_string(rank).c_str());
                QCOMPARE(rank, e.counterfactual.rankAfter);
            }
        }
        std::printf("  counterfactuals found and verified: %d\n", found);
        QVERIFY(found >= 5);
    }

    void topEvidenceMovesTheScoreMoreThanRandomRatings() {
        const Interactions d = communities();
        const TrainedRun run(kParams, d);
        QVERIFY(run.ok());
        FidelityOptions o;
        o.users = 20;
        o.k = 5;
        o.maxRemoved = 3;
        const FidelityReport r = measureFidelity(*run.explainer, o, {});
        QCOMPARE(r.deletion.size(), std::size_t(3));
        for (const DeletionPoint& p : r.deletion) {
            std::printf("  m=%d: score drop top %.4f, random %.4f\n", p.removed, p.meanScoreDropTop,
                        p.meanScoreDropRandom);
            QVERIFY(p.meanScoreDropTop > p.meanScoreDropRandom);
        }
    }

    void jsonCarriesThePaths() {
        const Interactions d = communities();
        const TrainedRun run(kParams, d);
        QVERIFY(run.ok());
        ExplainOptions o;
        o.counterfactual = false;
        const Explanation e = run.explainer->explain(5, 3, o);
        JsonWriter w;
        writeExplanationJson(w, e, *run.ctx);
        const std::string json = w.str();
        QVERIFY(json.find("\"paths\":{\"note\":") != std::string::npos);
        QVERIFY(json.find("\"neighbours\":[{\"user\":") != std::string::npos);
        QVERIFY(json.find("{\"kind\":\"user\",\"user\":\"5\"}") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestExplainLightGcn)
#include "tst_explain_lightgcn.moc"
