// Explanations of NAIS: the decomposition (item bias + one attention term per history item)
// adds up to Nais::score; the evidence carries Nais::attention's weights and terms (also in the
// JSON and the evidence grid); scoresWithout() with nothing removed is scoreAll() bit for bit
// and without some items equals a brute-force double-precision NAIS score of the reduced
// history written here from the formula; a counterfactual that is found really drops the item
// out of the top-k when the reduced history is re-scored independently.
#include "ModelsTestData.h"
#include "explain/EvidenceGrid.h"
#include "explain/Explainer.h"
#include "explain/ExplanationJson.h"
#include "models/Nais.h"
#include "train/RunContext.h"
#include "util/JsonWriter.h"

#include <QtTest>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

using namespace rs;

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

/// A run in memory: `model` with `kv` trained on `data` (ids are the indices as text), and the
/// explainer makeExplainer() gives for it.
struct TrainedRun {
    std::unique_ptr<RunContext> ctx;
    std::unique_ptr<Explainer> explainer;
    std::string error; ///< makeExplainer()'s

    TrainedRun(const std::string& model, const Params& kv, const Interactions& data) {
        auto c = std::make_unique<RunContext>();
        c->model = createRecommender(model);
        FitOptions o;
        o.seed = 3;
        if (!c->model || !test::setAll(*c->model, kv).empty() ||
            c->model->fit(data, o, {}).status != FitStatus::Done)
            return;
        c->train = data;
        c->run.model = model;
        for (std::uint32_t u = 0; u < data.numUsers(); ++u)
            c->userIds.push_back(std::to_string(u));
        for (std::uint32_t i = 0; i < data.numItems(); ++i)
            c->items.push_back({std::to_string(i), "item " + std::to_string(i), "Drama"});
        ctx = std::move(c);
        explainer = makeExplainer(*ctx, error);
    }
    bool ok() const { return ctx && explainer; }
};

/// Hyper-parameters under which the attention network is alive on the test data (logits about
/// 0.03 to 4.8). With factors=8, attention=6, lr=0.1, 15 epochs and the default init_std every
/// ReLU of it had died (all logits 0: NAIS as FISM), which would leave the attention half of
/// the formula untested.
const Params kParams = {
    {"factors", "8"}, {"attention", "6"}, {"epochs", "30"}, {"init_std", "0.3"}};

/// kParams with "key=value,..." overrides appended.
Params withOverrides(const QString& overrides) {
    Params kv = kParams;
    for (const QString& p : overrides.split(',', Qt::SkipEmptyParts))
        kv.emplace_back(p.section('=', 0, 0).toStdString(), p.section('=', 1).toStdString());
    return kv;
}

bool close(double a, double b, double tol) {
    return std::abs(a - b) <= tol * std::max(1.0, std::abs(b));
}

/// The NAIS score of `item` for history `hist` in double precision, straight from the formula
/// of Nais.h: b_i + sum_{j in hist, j != i} a_ij p_j . q_i with
/// a_ij = exp(f_ij) / (sum_j' exp(f_ij'))^beta and f_ij = h . ReLU(W (p_j (.) q_i) + b).
double referenceScore(const Nais& m, const std::vector<std::uint32_t>& hist, std::uint32_t item) {
    const NaisParameters<float>& p = m.parameters();
    const int k = p.k, a = p.a;
    std::vector<double> f, s;
    for (std::uint32_t j : hist) {
        if (j == item)
            continue;
        double logit = 0.0, sim = 0.0;
        for (int r = 0; r < a; ++r) {
            double z = p.b[std::size_t(r)];
            for (int c = 0; c < k; ++c)
                z += double(p.w[std::size_t(r) * std::size_t(k) + std::size_t(c)]) *
                     double(p.pRow(j)[c]) * double(p.qRow(item)[c]);
            logit += double(p.h[std::size_t(r)]) * std::max(z, 0.0);
        }
        for (int c = 0; c < k; ++c)
            sim += double(p.pRow(j)[c]) * double(p.qRow(item)[c]);
        f.push_back(logit);
        s.push_back(sim);
    }
    double total = 0.0;
    if (!f.empty()) {
        double sum = 0.0;
        for (double x : f)
            sum += std::exp(x);
        for (std::size_t j = 0; j < f.size(); ++j)
            total += std::exp(f[j]) / std::pow(sum, double(m.beta())) * s[j];
    }
    return double(p.bias[item]) + total;
}

/// The model's history of `user` without `removed`.
std::vector<std::uint32_t> historyWithout(const Nais& m, std::uint32_t user,
                                          const std::set<std::uint32_t>& removed) {
    std::vector<std::uint32_t> h;
    for (std::uint32_t j : m.history(user))
        if (!removed.count(j))
            h.push_back(j);
    return h;
}

/// 1-based rank of `item` among the candidates (items not in `train` or in `removed`) under
/// `scores`, ties by lower index as recommend() does.
int rankAmong(const std::vector<double>& scores, std::span<const std::uint32_t> train,
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

class TestExplainNais : public QObject {
    Q_OBJECT

private slots:
    void makeExplainerAcceptsNais() {
        const TrainedRun run("nais", {{"epochs", "2"}}, test::plantedRatings(12, 10, 0.5, 2));
        QVERIFY(run.ctx);
        const std::unique_ptr<Explainer>& ex = run.explainer;
        const std::string& error = run.error;
        QVERIFY2(ex, error.c_str());
        QVERIFY(error.empty());
        const Explanation e = ex->explain(0, 1, {});
        QCOMPARE(e.model, std::string("nais"));
        QCOMPARE(e.evidenceMethod, EvidenceMethod::ExactTerms);
    }

    void partsAddUpToTheScore_data() {
        QTest::addColumn<QString>("params");
        QTest::newRow("default") << "";
        QTest::newRow("beta 1, no bias") << "beta=1,bias=false";
        QTest::newRow("min_value 3.5, bpr") << "min_value=3.5,loss=bpr";
    }
    void partsAddUpToTheScore() {
        QFETCH(QString, params);
        const TrainedRun run("nais", withOverrides(params), test::plantedRatings(40, 30, 0.3, 17));
        QVERIFY2(run.ok(), run.error.c_str());
        const RunContext& ctx = *run.ctx;
        const Nais& m = dynamic_cast<const Nais&>(*ctx.model);
        const Explainer& ex = *run.explainer;
        int checked = 0;
        for (std::uint32_t u = 0; u < 40; u += 3)
            for (std::uint32_t i = 0; i < 30; i += 4) { // rated and unrated items
                const Explanation e = ex.explain(u, i, {});
                QVERIFY(e.exactDecomposition);
                QVERIFY2(close(e.decomposedScore, m.score(u, i), 1e-5),
                         qPrintable(QString("user %1 item %2: %3 vs %4")
                                        .arg(u)
                                        .arg(i)
                                        .arg(e.decomposedScore)
                                        .arg(m.score(u, i))));
                QCOMPARE(e.decomposedScore, sumOfParts(e.parts));
                const NaisAttention att = m.attention(u, i);
                QCOMPARE(e.parts.size(), att.entries.size() + 1);
                QCOMPARE(e.parts[0].kind, ScorePartKind::ItemBias);
                QCOMPARE(e.parts[0].value, double(att.bias));
                for (std::size_t t = 0; t < att.entries.size(); ++t) {
                    const ScorePart& part = e.parts[t + 1];
                    QCOMPARE(part.kind, ScorePartKind::HistoryItem);
                    QCOMPARE(part.item, att.entries[t].item);
                    QVERIFY(part.label.find("attention") != std::string::npos);
                }
                ++checked;
            }
        QVERIFY(checked > 50);
    }

    void evidenceCarriesTheAttention() {
        const TrainedRun run("nais", kParams, test::plantedRatings(40, 30, 0.3, 17));
        QVERIFY2(run.ok(), run.error.c_str());
        const RunContext& ctx = *run.ctx;
        const Nais& m = dynamic_cast<const Nais&>(*ctx.model);
        const Explainer& ex = *run.explainer;
        for (std::uint32_t u = 0; u < 40; u += 5) {
            for (const ScoredItem& rec : ctx.recommend(u, 3)) {
                const Explanation e = ex.explain(u, rec.item, {});
                const NaisAttention att = m.attention(u, rec.item);
                QCOMPARE(e.evidenceMethod, EvidenceMethod::ExactTerms);
                QVERIFY(!e.evidenceNote.empty());
                QCOMPARE(e.evidenceBaseScore, double(m.score(u, rec.item)));
                QCOMPARE(e.evidence.size(), att.entries.size());
                QCOMPARE(e.evidence.size(), m.history(u).size()); // not rated: nothing skipped
                double sum = att.bias;
                for (const NaisAttentionEntry& a : att.entries) {
                    const auto it =
                        std::find_if(e.evidence.begin(), e.evidence.end(),
                                     [&a](const EvidenceItem& ev) { return ev.item == a.item; });
                    QVERIFY(it != e.evidence.end());
                    QCOMPARE(it->attention, double(a.weight));
                    QVERIFY(it->attention >= 0);
                    QCOMPARE(it->contribution, double(a.weight) * double(a.similarity));
                    QVERIFY(close(it->contribution, a.contribution, 1e-6));
                    const auto items = ctx.trainItems(u);
                    const auto pos = std::lower_bound(items.begin(), items.end(), a.item);
                    QCOMPARE(it->rating, ctx.trainValues(u)[std::size_t(pos - items.begin())]);
                    sum += it->contribution;
                }
                QVERIFY(close(sum, e.score, 1e-5));
                for (std::size_t t = 1; t < e.evidence.size(); ++t)
                    QVERIFY(e.evidence[t - 1].contribution >= e.evidence[t].contribution);

                JsonWriter w;
                writeExplanationJson(w, e, ctx, nullptr);
                std::size_t keys = 0;
                for (auto p = w.str().find("\"attention\":"); p != std::string::npos;
                     p = w.str().find("\"attention\":", p + 1))
                    ++keys;
                QCOMPARE(keys, e.evidence.size());
            }
        }

        // The grid carries the weights next to the contributions.
        const std::uint32_t user = 4;
        const auto columns = topColumns(ctx, user, 4);
        const EvidenceGrid grid = buildEvidenceGrid(ex, user, columns, {});
        QVERIFY(grid.hasAttention());
        QCOMPARE(grid.attention.size(), grid.values.size());
        for (std::size_t c = 0; c < grid.columnCount(); ++c) {
            const NaisAttention att = m.attention(user, grid.columns[c].item);
            double total = 0;
            for (std::size_t r = 0; r < grid.rowCount(); ++r) {
                const auto it = std::find_if(
                    att.entries.begin(), att.entries.end(),
                    [&](const NaisAttentionEntry& a) { return a.item == grid.rows[r].item; });
                QCOMPARE(grid.attentionWeight(r, c),
                         it == att.entries.end() ? 0.0 : double(it->weight));
                total += grid.attentionWeight(r, c);
            }
            QVERIFY(total > 0);
        }
    }

    void otherModelsHaveNoAttention() {
        const TrainedRun run("itemknn", {{"k", "5"}}, test::plantedRatings(20, 15, 0.4, 5));
        QVERIFY2(run.ok(), run.error.c_str());
        const RunContext& ctx = *run.ctx;
        const Explainer& ex = *run.explainer;
        const auto columns = topColumns(ctx, 1, 3);
        const Explanation e = ex.explain(1, columns[0], {});
        for (const EvidenceItem& ev : e.evidence)
            QVERIFY(ev.attention < 0);
        JsonWriter w;
        writeExplanationJson(w, e, ctx, nullptr);
        QVERIFY(w.str().find("\"attention\"") == std::string::npos);
        const EvidenceGrid grid = buildEvidenceGrid(ex, 1, columns, {});
        QVERIFY(!grid.hasAttention());
        QVERIFY(grid.attention.empty());
    }

    void nothingRemovedIsScoreAll() {
        const TrainedRun run("nais", kParams, test::plantedRatings(40, 30, 0.3, 17));
        QVERIFY2(run.ok(), run.error.c_str());
        const RunContext& ctx = *run.ctx;
        const Nais& m = dynamic_cast<const Nais&>(*ctx.model);
        const Explainer& ex = *run.explainer;
        std::vector<float> all, base, viaHistory;
        for (std::uint32_t u = 0; u <= 40; ++u) { // 40: a user outside the model
            m.scoreAll(u, all);
            ex.scoresWithout(u, {}, base);
            m.scoreAllWithHistory(m.history(u), viaHistory);
            QCOMPARE(base.size(), all.size());
            QVERIFY(std::equal(all.begin(), all.end(), base.begin()));
            QVERIFY(std::equal(all.begin(), all.end(), viaHistory.begin()));
            for (std::uint32_t i = 0; i < all.size(); ++i) {
                QCOMPARE(m.score(u, i), all[i]);
                QCOMPARE(m.scoreWithHistory(m.history(u), i), all[i]);
            }
        }
    }

    void removalsEqualABruteForceRescore_data() {
        QTest::addColumn<QString>("params");
        QTest::newRow("default") << "";
        QTest::newRow("beta 0.8") << "beta=0.8";
        QTest::newRow("min_value 3.5") << "min_value=3.5";
    }
    void removalsEqualABruteForceRescore() {
        QFETCH(QString, params);
        const TrainedRun run("nais", withOverrides(params), test::plantedRatings(40, 30, 0.3, 17));
        QVERIFY2(run.ok(), run.error.c_str());
        const RunContext& ctx = *run.ctx;
        const Nais& m = dynamic_cast<const Nais&>(*ctx.model);
        const Explainer& ex = *run.explainer;
        std::vector<float> out;
        int checked = 0;
        for (std::uint32_t u = 0; u < 40; u += 3) {
            const auto train = ctx.trainItems(u);
            // Every single training item (positives or not), then growing sets of them.
            std::vector<std::set<std::uint32_t>> removals;
            for (std::uint32_t j : train)
                removals.push_back({j});
            for (std::size_t n = 2; n <= train.size(); n += 3)
                removals.emplace_back(train.begin(), train.begin() + std::ptrdiff_t(n));
            for (const auto& removed : removals) {
                const std::vector<std::uint32_t> gone(removed.begin(), removed.end());
                ex.scoresWithout(u, gone, out);
                QCOMPARE(out.size(), std::size_t(ctx.numItems()));
                const std::vector<std::uint32_t> hist = historyWithout(m, u, removed);
                for (std::uint32_t i = 0; i < out.size(); ++i) {
                    const double ref = referenceScore(m, hist, i);
                    QVERIFY2(close(out[i], ref, 1e-5),
                             qPrintable(QString("user %1 item %2 without %3 items: %4 vs %5")
                                            .arg(u)
                                            .arg(i)
                                            .arg(removed.size())
                                            .arg(out[i])
                                            .arg(ref)));
                    ++checked;
                }
            }
        }
        QVERIFY(checked > 1000);
        double lo = INFINITY, hi = -INFINITY; // the logits must vary for the check to bite
        for (std::uint32_t u = 0; u < 40; ++u)
            for (const NaisAttentionEntry& e : m.attention(u, 0).entries) {
                lo = std::min(lo, double(e.logit));
                hi = std::max(hi, double(e.logit));
            }
        QVERIFY2(hi - lo > 0.5, qPrintable(QString("logits %1 .. %2").arg(lo).arg(hi)));
    }

    void counterfactualsHoldWhenRescored() {
        const TrainedRun run("nais", kParams, test::plantedRatings(60, 40, 0.3, 23));
        QVERIFY2(run.ok(), run.error.c_str());
        const RunContext& ctx = *run.ctx;
        const Nais& m = dynamic_cast<const Nais&>(*ctx.model);
        const Explainer& ex = *run.explainer;
        ExplainOptions options;
        options.k = 3;
        int found = 0, searched = 0;
        double slowest = 0;
        for (std::uint32_t u = 0; u < 60; u += 2)
            for (const ScoredItem& rec : ctx.recommend(u, options.k)) {
                const Explanation e = ex.explain(u, rec.item, options);
                slowest = std::max(slowest, e.seconds);
                const Counterfactual& cf = e.counterfactual;
                QVERIFY(cf.searched);
                ++searched;
                if (!cf.found)
                    continue;
                ++found;
                auto rescoredRank = [&](const std::set<std::uint32_t>& removed) {
                    const std::vector<std::uint32_t> hist = historyWithout(m, u, removed);
                    std::vector<double> scores(ctx.numItems());
                    for (std::uint32_t i = 0; i < scores.size(); ++i)
                        scores[i] = referenceScore(m, hist, i);
                    return rankAmong(scores, ctx.trainItems(u), removed, rec.item);
                };
                const std::set<std::uint32_t> removed(cf.removed.begin(), cf.removed.end());
                QCOMPARE(removed.size(), cf.removed.size());
                const int after = rescoredRank(removed);
                QVERIFY2(
                    after > options.k,
                    qPrintable(
                        QString("user %1 item %2: rank %3 after").arg(u).arg(rec.item).arg(after)));
                QCOMPARE(after, cf.rankAfter);
                // One fewer removal keeps it in the top-k (the prefix is minimal).
                std::set<std::uint32_t> fewer = removed;
                fewer.erase(cf.removed.back());
                QVERIFY(rescoredRank(fewer) <= options.k);
            }
        QVERIFY(searched > 0);
        QVERIFY2(found > 0, "no counterfactual found at all");
        qInfo("NAIS counterfactuals: %d found of %d searched; slowest explanation %.2f ms", found,
              searched, slowest * 1e3);
    }
};

QTEST_APPLESS_MAIN(TestExplainNais)
#include "tst_explain_nais.moc"
