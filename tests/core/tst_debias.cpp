// The causal / debiasing lens: IPS propensities and weights on a hand example (clipping and
// self-normalisation included), rebalancing (users kept, target shares reached for down- and
// over-sampling and re-weighting), the spec text, models using sample weights in their loss
// (unit weights change nothing; uniform weights equal a scaled step size; a weighted
// least-squares hand example) and training runs that debias in their own pipeline stage.
#include "ModelsTestData.h"
#include "TestFiles.h"
#include "debias/Debias.h"
#include "import/ImportJob.h"
#include "models/Rng.h"
#include "pipeline/TrainingPipeline.h"
#include "store/RunStore.h"
#include "train/TrainingJob.h"

#include <QtTest>
#include <cmath>
#include <numeric>

using namespace rs;
using rs::test::makeInteractions;
using rs::test::seeded;
using rs::test::setAll;

namespace {

/// 4 users, 3 items; item 0 has 4 interactions, item 1 two, item 2 one. byUser order:
/// u0: i0 i1 i2, u1: i0 i1, u2: i0, u3: i0.
Interactions handExample() {
    return makeInteractions(4, 3,
                            {{0, 0, 4.0f},
                             {0, 1, 2.0f},
                             {0, 2, 5.0f},
                             {1, 0, 3.0f},
                             {1, 1, 4.0f},
                             {2, 0, 5.0f},
                             {3, 0, 1.0f}});
}

/// Skewed implicit-ish data: 300 users, 90 items, P(u rates i) proportional to a Zipf weight of i
/// so the few head items carry most interactions; every user rates at least 2 items.
Interactions skewed(std::uint64_t seed) {
    Rng rng(seed);
    std::vector<test::Triple> t;
    for (std::uint32_t u = 0; u < 300; ++u) {
        std::uint32_t n = 0;
        for (std::uint32_t i = 0; i < 90; ++i)
            if (rng.uniform() < std::min(0.9, 1.5 / std::pow(double(i + 1), 0.8)) ||
                (n < 2 && i >= 88)) {
                t.emplace_back(u, i, float(1 + rng.below(5)));
                ++n;
            }
    }
    return makeInteractions(300, 90, t);
}

std::vector<float> scores(const Recommender& m) {
    return test::allScores(m);
}

} // namespace

class TestDebias : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::int64_t m_dataset = 0;

private slots:
    void popularityPropensitiesByHand() {
        const Interactions d = handExample();
        const Propensities p1 = popularityPropensities(d, 1.0);
        QCOMPARE(p1.byItem, (std::vector<double>{1.0, 0.5, 0.25}));
        const Propensities p05 = popularityPropensities(d, 0.5);
        QCOMPARE(p05.byItem[0], 1.0);
        QVERIFY(std::abs(p05.byItem[1] - std::sqrt(0.5)) < 1e-15);
        QCOMPARE(p05.byItem[2], 0.5);
        const Propensities p0 = popularityPropensities(d, 0.0);
        QCOMPARE(p0.byItem, (std::vector<double>{1.0, 1.0, 1.0}));
        QCOMPARE(p05.source, std::string("popularity^0.5"));
    }

    void ipsWeightsByHand() {
        const Interactions d = handExample();
        const Propensities p = popularityPropensities(d, 1.0);
        // Raw: 1/p per entry in byUser order: u0 (1, 2, 4), u1 (1, 2), u2 1, u3 1; sum 12.
        IpsWeights raw = ipsWeights(d, p, {});
        QCOMPARE(raw.weights, (std::vector<float>{1, 2, 4, 1, 2, 1, 1}));
        QCOMPARE(raw.clipped, std::size_t(0));
        QCOMPARE(raw.maxWeight, 4.0);
        QVERIFY(std::abs(raw.meanWeight - 12.0 / 7.0) < 1e-12);
        // Kish: 12^2 / (1 + 4 + 16 + 1 + 4 + 1 + 1) = 144 / 28.
        QVERIFY(std::abs(raw.effectiveSize - 144.0 / 28.0) < 1e-12);

        IpsOptions clip;
        clip.maxWeight = 3.0;
        IpsWeights clipped = ipsWeights(d, p, clip);
        QCOMPARE(clipped.weights, (std::vector<float>{1, 2, 3, 1, 2, 1, 1}));
        QCOMPARE(clipped.clipped, std::size_t(1));

        IpsOptions snips = clip;
        snips.selfNormalise = true; // sum 11 over 7 entries: every weight times 7/11
        IpsWeights norm = ipsWeights(d, p, snips);
        const std::vector<double> expected = {7. / 11,  14. / 11, 21. / 11, 7. / 11,
                                              14. / 11, 7. / 11,  7. / 11};
        for (std::size_t k = 0; k < expected.size(); ++k)
            QVERIFY2(std::abs(norm.weights[k] - expected[k]) < 1e-6, std::to_string(k).c_str());
        QVERIFY(std::abs(norm.meanWeight - 1.0) < 1e-6);
        // Normalising does not change the effective size: 11^2 / 21.
        QVERIFY(std::abs(norm.effectiveSize - 121.0 / 21.0) < 1e-5);
    }

    void columnPropensitiesNeedAValuePerTrainedItem() {
        const Interactions d = handExample();
        const std::vector<std::string> ids = {"A", "B", "C"};
        std::string error;
        std::vector<std::optional<double>> ok = {0.8, 0.4, 0.1};
        auto p = columnPropensities(d, ok, ids, "p", error);
        QVERIFY2(p, error.c_str());
        QCOMPARE(p->byItem, (std::vector<double>{0.8, 0.4, 0.1}));
        const IpsWeights w = ipsWeights(d, *p, {});
        QVERIFY(std::abs(w.weights[2] - 10.0f) < 1e-5f); // u0's item 2: 1 / 0.1
        std::vector<std::optional<double>> bad = {0.8, std::nullopt, 1.5};
        QVERIFY(!columnPropensities(d, bad, ids, "p", error));
        QVERIFY2(error.find("'p'") != std::string::npos &&
                     error.find("2 trained items") != std::string::npos,
                 error.c_str());
        QVERIFY2(error.find("B, C") != std::string::npos, error.c_str());
    }

    void strataSplitTrainedItemsByPopularity() {
        const Interactions d = handExample();
        QCOMPARE(popularityStrata(d, 3), (std::vector<int>{0, 1, 2}));
        // 7 trained items of counts 7..1 into 3 strata: 3, 2, 2 items; an untrained item is -1.
        std::vector<test::Triple> t;
        for (std::uint32_t i = 0; i < 7; ++i)
            for (std::uint32_t u = 0; u <= 6 - i; ++u)
                t.emplace_back(u, i, 1.0f);
        const Interactions e = makeInteractions(7, 8, t);
        QCOMPARE(popularityStrata(e, 3), (std::vector<int>{0, 0, 0, 1, 1, 2, 2, -1}));
    }

    void downSamplingKeepsUsersAndHitsTheTarget_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("uniform, 3 strata") << "down:strata=3:flatten=1:seed=4" << 0.02;
        QTest::newRow("half-way, 4 strata") << "down:strata=4:flatten=0.5:seed=1" << 0.02;
        QTest::newRow("explicit target") << "down:target=0.5/0.3/0.2:seed=2" << 0.02;
    }

    void downSamplingKeepsUsersAndHitsTheTarget() {
        QFETCH(QString, spec);
        QFETCH(double, tolerance);
        const Interactions d = skewed(11);
        std::string error;
        const auto s = parseDebiasSpec(spec.toStdString(), error);
        QVERIFY2(s, error.c_str());
        const RebalanceResult r = rebalance(d, s->rebalanceOptions());
        QCOMPARE(r.usersAfter, r.usersBefore);
        QCOMPARE(r.usersBefore, 300u);
        QVERIFY(r.entriesAfter < r.entriesBefore);
        double shareSum = 0.0;
        for (const RebalanceStratum& st : r.strata) {
            QVERIFY2(
                std::abs(st.afterShare - st.targetShare) < tolerance,
                (std::to_string(st.afterShare) + " vs " + std::to_string(st.targetShare)).c_str());
            shareSum += st.targetShare;
        }
        QVERIFY(std::abs(shareSum - 1.0) < 1e-9);
        // The head was over-represented before: its share dropped.
        QVERIFY(r.strata.front().beforeShare > r.strata.front().afterShare + 0.05);
        // Weights are 0/1 and the applied data keeps exactly the kept entries, every user in it.
        for (float w : r.weights)
            QVERIFY(w == 0.0f || w == 1.0f);
        const auto applied = applyDebias(d, *s, {}, error);
        QVERIFY2(applied, error.c_str());
        QVERIFY(!applied->data.weighted());
        QCOMPARE(applied->data.size(), r.entriesAfter);
        for (std::uint32_t u = 0; u < applied->data.numUsers(); ++u)
            QVERIFY(applied->data.byUser.rowSize(u) >= 1);
        // Same seed, same sample; another seed, another sample.
        QCOMPARE(rebalance(d, s->rebalanceOptions()).weights, r.weights);
        RebalanceOptions other = s->rebalanceOptions();
        other.seed += 1;
        QVERIFY(rebalance(d, other).weights != r.weights);
    }

    void downSamplingProtectsTheLeastPopularItemOfEachUser() {
        // User 1 only rates the most popular item, which uniform down-sampling cuts hardest.
        std::vector<test::Triple> t;
        for (std::uint32_t u = 0; u < 40; ++u)
            t.emplace_back(u, 0, 1.0f);
        for (std::uint32_t u = 2; u < 40; u += 2)
            t.emplace_back(u, 1, 1.0f);
        t.emplace_back(0, 2, 1.0f);
        const Interactions d = makeInteractions(40, 3, t);
        RebalanceOptions o;
        o.strata = 3;
        o.flatten = 1.0;
        const RebalanceResult r = rebalance(d, o);
        QCOMPARE(r.usersAfter, 40u);
        QVERIFY(r.protectedEntries >= 40);
        o.minPerUser = 0; // without protection users are lost
        QVERIFY(rebalance(d, o).usersAfter < 40u);
    }

    void overSamplingRepeatsTheTailToTheTarget() {
        const Interactions d = skewed(12);
        std::string error;
        const auto s = parseDebiasSpec("over:strata=3:flatten=1:seed=3", error);
        QVERIFY2(s, error.c_str());
        const RebalanceResult r = rebalance(d, s->rebalanceOptions());
        QCOMPARE(r.entriesAfter, r.entriesBefore); // nothing dropped
        QCOMPARE(r.usersAfter, r.usersBefore);
        for (float w : r.weights)
            QVERIFY(w >= 1.0f && w == std::floor(w));
        for (const RebalanceStratum& st : r.strata)
            QVERIFY2(std::abs(st.afterShare - st.targetShare) < 0.02,
                     std::to_string(st.afterShare).c_str());
        // The most popular stratum is the one not repeated.
        const auto strata = popularityStrata(d, 3);
        for (std::uint64_t k = 0; k < d.byUser.nnz(); ++k)
            if (strata[d.byUser.colIdx[k]] == 0)
                QCOMPARE(r.weights[k], 1.0f);
    }

    void reweightingHitsTheTargetExactly() {
        const Interactions d = skewed(13);
        RebalanceOptions o;
        o.mode = RebalanceMode::Reweight;
        o.strata = 4;
        o.target = {0.1, 0.2, 0.3, 0.4};
        const RebalanceResult r = rebalance(d, o);
        for (std::size_t k = 0; k < 4; ++k)
            QVERIFY(std::abs(r.strata[k].afterShare - o.target[k]) < 1e-5);
        const double mean =
            std::accumulate(r.weights.begin(), r.weights.end(), 0.0) / double(r.weights.size());
        QVERIFY(std::abs(mean - 1.0) < 1e-5);
        o.target = {0.5, 0.5}; // wrong length
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rebalance(d, o));
    }

    void specTextRoundTripsAndNamesErrors() {
        std::string error;
        for (const char* text :
             {"ips:eta=0.5:clip=20:normalise=1", "ips:column=prop:clip=0:normalise=0",
              "down:strata=3:flatten=1:min=1:seed=0", "over:target=0.5/0.3/0.2:seed=7",
              "reweight:strata=5:flatten=0.25"}) {
            const auto s = parseDebiasSpec(text, error);
            QVERIFY2(s, (std::string(text) + ": " + error).c_str());
            QCOMPARE(debiasSpecText(*s), std::string(text));
            QCOMPARE(*parseDebiasSpec(debiasSpecText(*s), error), *s);
        }
        QVERIFY(parseDebiasSpec("", error)->isNone());
        QVERIFY(parseDebiasSpec("none", error)->isNone());
        QCOMPARE(debiasSpecText(*parseDebiasSpec("ips", error)),
                 std::string("ips:eta=0.5:clip=0:normalise=1"));
        QVERIFY(!parseDebiasSpec("magic", error));
        QVERIFY(error.find("unknown debias method 'magic'") != std::string::npos);
        QVERIFY(!parseDebiasSpec("ips:clip=0.5", error));
        QVERIFY2(error.find("clip=0.5") != std::string::npos, error.c_str());
        QVERIFY(!parseDebiasSpec("down:target=0.5/0.4", error));
        QVERIFY2(error.find("sum to 1") != std::string::npos, error.c_str());
        QVERIFY(!parseDebiasSpec("down:eta=1", error));
        QVERIFY2(error.find("unknown debias option 'eta'") != std::string::npos, error.c_str());
        QVERIFY(!parseDebiasSpec("ips:eta", error));
        QCOMPARE(modelWithDebias("bpr", ""), std::string("bpr"));
        QCOMPARE(modelWithDebias("bpr", "ips:eta=1"), std::string("bpr + IPS"));
        QCOMPARE(modelWithDebias("als", "down:strata=3"), std::string("als + down-sampled"));
        QCOMPARE(debiasSummary(*parseDebiasSpec("ips:eta=1:clip=10", error)),
                 std::string("IPS, propensity popularity^1, weights clipped at 10, "
                             "self-normalised"));
    }

    void unitWeightsChangeNothing_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("params");
        QTest::newRow("baseline als") << "baseline"
                                      << "solver=als;epochs=3";
        QTest::newRow("baseline sgd") << "baseline"
                                      << "solver=sgd;epochs=3";
        QTest::newRow("biasedmf") << "biasedmf"
                                  << "factors=8;epochs=5";
        QTest::newRow("als") << "als"
                             << "factors=8;iterations=3";
        QTest::newRow("bpr") << "bpr"
                             << "factors=8;epochs=5";
        QTest::newRow("lightgcn") << "lightgcn"
                                  << "factors=8;epochs=3;layers=2";
    }

    void unitWeightsChangeNothing() {
        QFETCH(QString, model);
        QFETCH(QString, params);
        std::vector<std::pair<std::string, std::string>> kv;
        for (const QString& p : params.split(';')) {
            const QStringList parts = p.split('=');
            kv.emplace_back(parts[0].toStdString(), parts[1].toStdString());
        }
        const Interactions plain = test::plantedRatings(40, 30, 0.3, 5);
        Interactions ones = plain;
        ones.setWeights(std::vector<float>(plain.size(), 1.0f));
        QVERIFY(ones.weighted());
        auto a = createRecommender(model.toStdString());
        auto b = createRecommender(model.toStdString());
        QVERIFY(a->supportsSampleWeights());
        QCOMPARE(setAll(*a, kv), std::string());
        QCOMPARE(setAll(*b, kv), std::string());
        QCOMPARE(int(a->fit(plain, seeded(3), {}).status), int(FitStatus::Done));
        QCOMPARE(int(b->fit(ones, seeded(3), {}).status), int(FitStatus::Done));
        QCOMPARE(scores(*a), scores(*b));
    }

    void uniformWeightsEqualAScaledStep_data() {
        QTest::addColumn<QString>("model");
        QTest::newRow("biasedmf") << "biasedmf";
        QTest::newRow("bpr") << "bpr";
    }

    void uniformWeightsEqualAScaledStep() {
        // Without regularisation every SGD step is lr * w * (error term): weight 2 at step size
        // lr takes exactly the steps of weight 1 at 2 lr (multiplying by 2 is exact in floats).
        QFETCH(QString, model);
        const Interactions plain = test::plantedRatings(40, 30, 0.3, 6);
        Interactions twice = plain;
        twice.setWeights(std::vector<float>(plain.size(), 2.0f));
        auto a = createRecommender(model.toStdString());
        auto b = createRecommender(model.toStdString());
        const bool mf = model == "biasedmf";
        std::vector<std::pair<std::string, std::string>> common = {{"factors", "6"},
                                                                   {"epochs", "4"}};
        if (mf) {
            common.insert(common.end(), {{"reg", "0"}, {"reg_bias", "0"}});
        } else {
            common.insert(
                common.end(),
                {{"reg", "0"}, {"reg_bias", "0"}, {"optimizer", "sgd"}, {"min_value", "3"}});
        }
        auto withLr = [&](double lr) {
            auto kv = common;
            kv.emplace_back("lr", std::to_string(lr));
            if (mf)
                kv.emplace_back("lr_bias", std::to_string(lr));
            return kv;
        };
        QCOMPARE(setAll(*a, withLr(0.02)), std::string());
        QCOMPARE(setAll(*b, withLr(0.01)), std::string());
        QCOMPARE(int(a->fit(plain, seeded(9), {}).status), int(FitStatus::Done));
        QCOMPARE(int(b->fit(twice, seeded(9), {}).status), int(FitStatus::Done));
        QCOMPARE(scores(*a), scores(*b));
        // And the weights do something: weight 2 at the same step size is another model.
        auto c = createRecommender(model.toStdString());
        QCOMPARE(setAll(*c, withLr(0.02)), std::string());
        QCOMPARE(int(c->fit(twice, seeded(9), {}).status), int(FitStatus::Done));
        QVERIFY(scores(*c) != scores(*a));
    }

    void alsWeightScalesTheConfidence() {
        // c = 1 + w (conf(v) - 1) = 1 + w alpha v: uniform weight w equals alpha times w.
        const Interactions plain = test::plantedRatings(40, 30, 0.3, 7);
        Interactions w3 = plain;
        w3.setWeights(std::vector<float>(plain.size(), 3.0f));
        auto a = createRecommender("als");
        auto b = createRecommender("als");
        QCOMPARE(
            setAll(*a,
                   {{"factors", "5"}, {"iterations", "4"}, {"alpha", "6"}, {"solver", "cholesky"}}),
            std::string());
        QCOMPARE(
            setAll(*b,
                   {{"factors", "5"}, {"iterations", "4"}, {"alpha", "2"}, {"solver", "cholesky"}}),
            std::string());
        QCOMPARE(int(a->fit(plain, seeded(1), {}).status), int(FitStatus::Done));
        QCOMPARE(int(b->fit(w3, seeded(1), {}).status), int(FitStatus::Done));
        const auto sa = scores(*a), sb = scores(*b);
        double worst = 0.0;
        for (std::size_t k = 0; k < sa.size(); ++k)
            worst = std::max(worst, double(std::abs(sa[k] - sb[k])));
        QVERIFY2(worst < 1e-3, std::to_string(worst).c_str());
    }

    void weightedBaselineByHand() {
        // u0: i0 = 4 (w 1), i1 = 2 (w 3); u1: i0 = 5 (w 1). Weighted mean (4 + 6 + 5) / 5 = 3.
        // One ALS sweep without shrinkage: b_i0 = (1 + 2) / 2 = 1.5, b_i1 = 3 (2 - 3) / 3 = -1;
        // b_u0 = (1 (4 - 3 - 1.5) + 3 (2 - 3 + 1)) / 4 = -0.125, b_u1 = 5 - 3 - 1.5 = 0.5.
        Interactions d = makeInteractions(2, 2, {{0, 0, 4.0f}, {0, 1, 2.0f}, {1, 0, 5.0f}});
        d.setWeights({1.0f, 3.0f, 1.0f});
        QCOMPARE(d.globalMean, 3.0);
        QCOMPARE(d.byItem.weights, (std::vector<float>{1.0f, 1.0f, 3.0f})); // i0: u0 u1; i1: u0
        auto m = createRecommender("baseline");
        QCOMPARE(setAll(*m, {{"solver", "als"}, {"epochs", "1"}, {"reg_u", "0"}, {"reg_i", "0"}}),
                 std::string());
        QCOMPARE(int(m->fit(d, seeded(1), {}).status), int(FitStatus::Done));
        QVERIFY(std::abs(m->score(0, 0) - 4.375f) < 1e-5f); // 3 - 0.125 + 1.5
        QVERIFY(std::abs(m->score(0, 1) - 1.875f) < 1e-5f); // 3 - 0.125 - 1
        QVERIFY(std::abs(m->score(1, 1) - 2.5f) < 1e-5f);   // 3 + 0.5 - 1
    }

    void subsetKeepsEntriesAndWeights() {
        Interactions d = handExample();
        d.setWeights({1, 2, 3, 4, 5, 6, 7});
        const Interactions s = d.subset(std::vector<char>{1, 0, 1, 0, 1, 1, 0});
        QCOMPARE(s.size(), std::size_t(4));
        QCOMPARE(s.byUser.weights, (std::vector<float>{1, 3, 5, 6}));
        QCOMPARE(s.byUser.rowSize(3), 0u);
        QCOMPARE(s.byItem.rowSize(0), 2u); // u0 and u2
        // Weighted mean: (4 + 15 + 20 + 30) / 15.
        QVERIFY(std::abs(s.globalMean - 69.0 / 15.0) < 1e-12);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, d.setWeights({1, 2}));
    }

    // ---- training runs with a debias stage ---------------------------------------------------

    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QByteArray csv = "user,item,rating\n";
        QByteArray items = "item,title,genres,propensity\n";
        Rng rng(17);
        for (int u = 0; u < 120; ++u)
            for (int i = 0; i < 80; ++i)
                if (rng.uniform() < std::min(0.9, 2.0 / std::sqrt(double(i + 1))) * 0.5)
                    csv += QByteArray::number(u) + ',' + QByteArray::number(i) + ',' +
                           QByteArray::number(1 + int(rng.below(5))) + '\n';
        for (int i = 0; i < 80; ++i)
            items += QByteArray::number(i) + ",Item " + QByteArray::number(i) + ",Drama," +
                     QByteArray::number(std::min(1.0, 1.0 / std::sqrt(double(i + 1)) + 0.05)) +
                     '\n';
        m_ws = std::make_unique<Workspace>(m_dir.filePath("w.recscope").toStdString());
        ImportOptions o;
        o.datasetName = "skewed";
        o.ratingsPath = test::writeFile(m_dir, "r.csv", csv).toStdString();
        o.itemsPath = test::writeFile(m_dir, "items.csv", items).toStdString();
        const ImportResult r = importRatings(*m_ws, o, {});
        QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
        m_dataset = r.datasetId;
    }

    void ipsRunStoresItsSpecAndStage() {
        TrainingRequest req;
        req.datasetId = m_dataset;
        req.model = "biasedmf";
        req.params = {{"factors", "8"}, {"epochs", "10"}};
        req.split = "random:0.2:seed=1";
        req.debias = "ips:eta=1:clip=20";
        const TrainingOutcome out = runTraining(*m_ws, req, {});
        QVERIFY2(out.status == TrainingStatus::Done, out.error.c_str());
        const auto stored = RunStore(*m_ws).get(out.run.id);
        QVERIFY(stored);
        QCOMPARE(stored->debias, std::string("ips:eta=1:clip=20:normalise=1"));
        const StageNode* stage = out.pipeline.find(stage::kDebias);
        QVERIFY(stage);
        QCOMPARE(int(stage->status), int(StageStatus::Done));
        bool sawClipped = false;
        for (const auto& [k, v] : stage->outputs)
            sawClipped = sawClipped || (k == "clipped" && v.find(" of ") != std::string::npos);
        QVERIFY(sawClipped);
        // The evaluation is on the data as it is: the same protocol as a naive run.
        req.debias.clear();
        const TrainingOutcome naive = runTraining(*m_ws, req, {});
        QVERIFY2(naive.status == TrainingStatus::Done, naive.error.c_str());
        QCOMPARE(naive.run.protocol, out.run.protocol);
        QVERIFY(!naive.pipeline.find(stage::kDebias));
        QVERIFY(RunStore(*m_ws).get(naive.run.id)->debias.empty());
        // IPS moves the model: its scores differ from the naive run's.
        QVERIFY(out.run.metric("RMSE") != naive.run.metric("RMSE"));
    }

    void columnPropensitiesComeFromItemMetadata() {
        TrainingRequest req;
        req.datasetId = m_dataset;
        req.model = "bpr";
        req.params = {{"factors", "8"}, {"epochs", "5"}, {"min_value", "3"}};
        req.split = "random:0.2:seed=1";
        req.debias = "ips:column=propensity";
        TrainingOutcome out = runTraining(*m_ws, req, {});
        QVERIFY2(out.status == TrainingStatus::Done, out.error.c_str());
        req.debias = "ips:column=nosuch";
        out = runTraining(*m_ws, req, {});
        QCOMPARE(int(out.status), int(TrainingStatus::Failed));
        QVERIFY2(out.error.find("no item metadata column 'nosuch'") != std::string::npos,
                 out.error.c_str());
        QCOMPARE(int(out.pipeline.find(stage::kDebias)->status), int(StageStatus::Failed));
    }

    void modelsWithoutWeightsRefuseThemButDownSample() {
        const std::size_t before = RunStore(*m_ws).list().size();
        TrainingRequest req;
        req.datasetId = m_dataset;
        req.model = "itemknn";
        req.split = "random:0.2:seed=1";
        req.debias = "reweight:strata=3";
        TrainingOutcome out = runTraining(*m_ws, req, {});
        QCOMPARE(int(out.status), int(TrainingStatus::Failed));
        QVERIFY2(out.error.find("cannot train with sample weights") != std::string::npos,
                 out.error.c_str());
        QCOMPARE(RunStore(*m_ws).list().size(), before); // nothing stored
        req.debias = "down:strata=3:flatten=0.5";
        out = runTraining(*m_ws, req, {});
        QVERIFY2(out.status == TrainingStatus::Done, out.error.c_str());
        const StageNode* stage = out.pipeline.find(stage::kDebias);
        QVERIFY(stage && stage->rowsOut < stage->rowsIn);
        req.debias = "down:flatten=2";
        out = runTraining(*m_ws, req, {});
        QCOMPARE(int(out.status), int(TrainingStatus::Failed));
        QVERIFY2(out.error.find("flatten=2") != std::string::npos, out.error.c_str());
        QCOMPARE(m_ws->integrityCheck(), std::string("ok"));
    }
};

QTEST_GUILESS_MAIN(TestDebias)
#include "tst_debias.moc"
