// Popularity, Baseline, hyper-parameter handling, the registry, recommend() and the save/load
// round trip of every explicit-rating model. Neighbourhood and factor models have their own
// files (tst_models_knn.cpp, tst_models_mf.cpp).
#include "ModelsTestData.h"
#include "models/Baseline.h"
#include "models/HyperParams.h"
#include "models/Popularity.h"

#include <QtTest>
#include <cmath>

using namespace rs;
using rs::test::makeInteractions;

namespace {

/// 3 users x 3 items, mean 3:
///        i0  i1  i2
///   u0    4   2   .
///   u1    5   .   3
///   u2    .   1   3
Interactions threeByThree() {
    return makeInteractions(3, 3,
                            {{0, 0, 4}, {0, 1, 2}, {1, 0, 5}, {1, 2, 3}, {2, 1, 1}, {2, 2, 3}});
}

FitResult fitQuiet(Recommender& m, const Interactions& data, FitOptions o = {}) {
    return m.fit(data, o, {});
}

} // namespace

class TestModelsExplicit : public QObject {
    Q_OBJECT
private slots:
    void popularityCountsRatings() {
        const Interactions d =
            makeInteractions(4, 4, {{0, 0, 5}, {0, 1, 1}, {1, 0, 2}, {2, 0, 4}, {2, 2, 3}});
        Popularity p;
        QCOMPARE(fitQuiet(p, d).status, FitStatus::Done);
        QCOMPARE(p.score(3, 0), 3.0f);
        QCOMPARE(p.score(0, 1), 1.0f);
        QCOMPARE(p.score(1, 2), 1.0f);
        QCOMPARE(p.score(1, 3), 0.0f);
        QCOMPARE(p.score(0, 99), 0.0f); // unknown item
        QCOMPARE(p.numUsers(), 4u);
        QVERIFY(!p.predictsRatings());
        QVERIFY(p.hyperParameters().empty());
        std::string err;
        QVERIFY(!p.setHyperParameter("k", "3", err));
        QVERIFY(err.find("unknown hyper-parameter 'k'") != std::string::npos);
    }

    void recommendExcludesAndSortsWithIndexTies() {
        const Interactions d = makeInteractions(
            4, 5, {{0, 0, 5}, {0, 1, 1}, {1, 0, 2}, {2, 0, 4}, {2, 2, 3}, {3, 4, 1}, {1, 4, 2}});
        Popularity p;
        fitQuiet(p, d);
        // counts: i0 3, i1 1, i2 1, i3 0, i4 2
        auto top = p.recommend(0, 10, std::vector<std::uint32_t>{0, 3});
        QCOMPARE(int(top.size()), 3);
        QCOMPARE(top[0].item, 4u);
        QCOMPARE(top[0].score, 2.0f);
        QCOMPARE(top[1].item, 1u); // tie with item 2: lower index first
        QCOMPARE(top[2].item, 2u);
        top = p.recommend(0, 2, {});
        QCOMPARE(int(top.size()), 2);
        QCOMPARE(top[0].item, 0u);
        QCOMPARE(top[1].item, 4u);
        QVERIFY(p.recommend(0, 0, {}).empty());
        const std::vector<std::uint32_t> all{0, 1, 2, 3, 4};
        QVERIFY(p.recommend(0, 3, all).empty());
    }

    void baselineAlsTwoEpochsByHand() {
        // Epoch 1 (items first, b_u = 0, reg 1):  b_i = (1, -1, 0); then
        //   b_u0 = (0 + 0)/3 = 0, b_u1 = (1 + 0)/3 = 1/3, b_u2 = (-1 + 0)/3 = -1/3.
        // Epoch 2: b_i0 = (1 + 5/3)/3 = 8/9, b_i1 = -8/9, b_i2 = (-1/3 + 1/3)/3 = 0;
        //   b_u0 = 0, b_u1 = (10/9)/3 = 10/27, b_u2 = -10/27.
        Baseline b;
        QCOMPARE(test::setAll(b, {{"epochs", "2"}, {"reg_u", "1"}, {"reg_i", "1"}}), std::string());
        const FitResult r = fitQuiet(b, threeByThree());
        QCOMPARE(r.status, FitStatus::Done);
        QCOMPARE(int(r.history.size()), 2);
        const Biases& x = b.biases();
        QCOMPARE(x.mean, 3.0f);
        QVERIFY(std::abs(x.item[0] - 8.0f / 9) < 1e-6f);
        QVERIFY(std::abs(x.item[1] + 8.0f / 9) < 1e-6f);
        QVERIFY(std::abs(x.item[2]) < 1e-6f);
        QVERIFY(std::abs(x.user[0]) < 1e-6f);
        QVERIFY(std::abs(x.user[1] - 10.0f / 27) < 1e-6f);
        QVERIFY(std::abs(x.user[2] + 10.0f / 27) < 1e-6f);
        QVERIFY(std::abs(b.score(1, 1) - (3.0f + 10.0f / 27 - 8.0f / 9)) < 1e-6f);
    }

    void baselineAlsConvergesToClosedForm() {
        // Fixed point: by symmetry b_i2 = b_u0 = 0, b_i1 = -b_i0 = -a, b_u2 = -b_u1 = -c with
        // 3a = 1 + (2 - c) and 3c = 2 - a, so a = 7/8 and c = 3/8.
        Baseline b;
        test::setAll(b, {{"epochs", "200"}, {"reg_u", "1"}, {"reg_i", "1"}});
        fitQuiet(b, threeByThree());
        const Biases& x = b.biases();
        QVERIFY(std::abs(x.item[0] - 0.875f) < 1e-5f);
        QVERIFY(std::abs(x.item[1] + 0.875f) < 1e-5f);
        QVERIFY(std::abs(x.user[1] - 0.375f) < 1e-5f);
        QVERIFY(std::abs(x.user[2] + 0.375f) < 1e-5f);
        QVERIFY(std::abs(b.score(1, 1) - 2.5f) < 1e-5f);
        // Unknown user / item fall back to what is known.
        QVERIFY(std::abs(b.score(7, 0) - 3.875f) < 1e-5f);
        QVERIFY(std::abs(b.score(1, 9) - 3.375f) < 1e-5f);
        std::vector<float> all;
        b.scoreAll(1, all);
        QCOMPARE(int(all.size()), 3);
        for (std::uint32_t i = 0; i < 3; ++i)
            QCOMPARE(all[i], b.score(1, i));
    }

    void baselineSgdFitsAndReports() {
        Baseline b;
        test::setAll(b, {{"solver", "sgd"}, {"epochs", "50"}, {"lr", "0.05"}, {"reg", "0.0"}});
        const Interactions d = test::plantedRatings(40, 30, 0.3, 3);
        std::vector<EpochRecord> seen;
        FitOptions o;
        o.validation = &d;
        o.onEpoch = [&](const EpochRecord& e) {
            seen.push_back(e);
            return true;
        };
        const FitResult r = b.fit(d, o, {});
        QCOMPARE(r.status, FitStatus::Done);
        QCOMPARE(int(seen.size()), 50);
        QVERIFY(seen.back().trainLoss < seen.front().trainLoss);
        QVERIFY(seen.back().validationLoss > 0);
        // Without regularisation SGD approaches the least-squares biases: mean residual ~ 0.
        double sum = 0;
        for (std::uint32_t u = 0; u < d.numUsers(); ++u)
            for (std::uint64_t k = d.byUser.rowPtr[u]; k < d.byUser.rowPtr[u + 1]; ++k)
                sum += d.byUser.values[k] - b.score(u, d.byUser.colIdx[k]);
        QVERIFY(std::abs(sum / double(d.size())) < 0.05);
    }

    void baselineCancelKeepsPreviousFit() {
        Baseline b;
        test::setAll(b, {{"epochs", "10"}});
        fitQuiet(b, threeByThree());
        const auto before = test::allScores(b);
        Progress stopAtThree{[](double f, std::string_view) { return f < 0.3 - 1e-9; }};
        const FitResult r = b.fit(test::plantedRatings(20, 10, 0.5, 1), {}, stopAtThree);
        QCOMPARE(r.status, FitStatus::Cancelled);
        QCOMPARE(int(r.history.size()), 3);
        QCOMPARE(test::allScores(b), before);
    }

    void hyperParamsParseAndCheck() {
        int n = 5;
        double x = 0.5;
        bool flag = false;
        std::string mode = "a";
        HyperParams hp;
        hp.addInt("n", n, 1, 10)
            .addDouble("x", x, {0.0, 1.0, true})
            .addBool("flag", flag)
            .addChoice("mode", mode, {"a", "b"});
        std::string err;
        QVERIFY(hp.set("n", " 7 ", err));
        QCOMPARE(n, 7);
        QVERIFY(!hp.set("n", "11", err));
        QCOMPARE(err, std::string("n: expected an integer in [1, 10], got '11'"));
        QVERIFY(!hp.set("n", "3.5", err));
        QCOMPARE(n, 7);
        QVERIFY(!hp.set("x", "0", err)); // open lower bound
        QCOMPARE(err, std::string("x: expected a number in (0, 1], got '0'"));
        QVERIFY(!hp.set("x", "nan", err));
        QVERIFY(hp.set("x", "1e-3", err));
        QCOMPARE(x, 0.001);
        QVERIFY(hp.set("flag", "yes", err));
        QVERIFY(flag);
        QVERIFY(!hp.set("mode", "c", err));
        QCOMPARE(err, std::string("mode: expected one of a|b, got 'c'"));
        QVERIFY(!hp.set("nope", "1", err));
        QCOMPARE(err, std::string("unknown hyper-parameter 'nope' (known: n, x, flag, mode)"));
        const auto values = hp.values();
        QCOMPARE(int(values.size()), 4);
        QCOMPARE(values[0], (std::pair<std::string, std::string>{"n", "7"}));
        QCOMPARE(values[1].second, std::string("0.001"));
        QCOMPARE(values[2].second, std::string("true"));
        QCOMPARE(HyperParams::formatReal(0.1), std::string("0.1"));
        QCOMPARE(hp.describe()[1].allowed, std::string("(0, 1]"));
    }

    void hyperParamsSetAllIsAllOrNothing() {
        int n = 5;
        double x = 0.5;
        HyperParams hp;
        hp.addInt("n", n, 1, 10).addDouble("x", x, {0.0, 1.0});
        std::string err;
        QVERIFY(!hp.setAll({{"n", "9"}, {"x", "2"}}, err));
        QCOMPARE(n, 5); // rolled back
        QCOMPARE(x, 0.5);
        QVERIFY(!hp.setAll({{"n", "9"}, {"zzz", "2"}}, err));
        QCOMPARE(n, 5);
        QVERIFY(hp.setAll({{"n", "9"}, {"x", "0.25"}}, err));
        QCOMPARE(n, 9);
        QCOMPARE(x, 0.25);
    }

    void registryCreatesEveryName() {
        const auto names = recommenderNames();
        QVERIFY(names.size() >= 6);
        for (const auto& n : names) {
            auto m = createRecommender(n);
            QVERIFY2(m, n.c_str());
            QCOMPARE(m->name(), n);
        }
        QVERIFY(!createRecommender("nonsense"));
    }

    void saveLoadRoundTripEveryModel() {
        const Interactions d = test::plantedRatings(25, 18, 0.4, 11);
        for (const std::string name :
             {"popularity", "baseline", "itemknn", "userknn", "biasedmf", "svdpp"}) {
            auto a = createRecommender(name);
            if (name == "biasedmf" || name == "svdpp")
                test::setAll(*a, {{"factors", "5"}, {"epochs", "5"}});
            if (name == "itemknn" || name == "userknn")
                test::setAll(*a, {{"max_neighbours", "4"}, {"k", "3"}});
            QCOMPARE(a->fit(d, {}, {}).status, FitStatus::Done);
            const ModelState s = a->save();
            QCOMPARE(s.model, name);
            auto b = createRecommender(name);
            std::string err;
            QVERIFY2(b->load(s, err), (name + ": " + err).c_str());
            QCOMPARE(b->numUsers(), a->numUsers());
            QCOMPARE(b->numItems(), a->numItems());
            QCOMPARE(b->hyperParameters(), a->hyperParameters());
            QVERIFY2(test::allScores(*a) == test::allScores(*b), name.c_str());
            std::vector<float> sa, sb;
            for (std::uint32_t u = 0; u < a->numUsers(); ++u) {
                a->scoreAll(u, sa);
                b->scoreAll(u, sb);
                QVERIFY2(sa == sb, name.c_str());
                QCOMPARE(int(sa.size()), int(a->numItems()));
                for (std::uint32_t i = 0; i < a->numItems(); ++i)
                    QVERIFY2(std::abs(sa[i] - a->score(u, i)) < 1e-4f, name.c_str());
            }
            QVERIFY(a->recommend(0, 5, {}).size() == 5);
        }
    }

    void loadRejectsForeignOrBrokenStates() {
        Baseline b;
        fitQuiet(b, threeByThree());
        ModelState s = b.save();
        std::string err;
        Popularity p;
        QVERIFY(!p.load(s, err));
        QCOMPARE(err, std::string("saved model is 'baseline', not 'popularity'"));
        Baseline c;
        ModelState broken = s;
        broken.blocks.pop_back();
        QVERIFY(!c.load(broken, err));
        QCOMPARE(err, std::string("missing parameter block 'item_bias'"));
        broken = s;
        broken.blocks[0].data.push_back(1.0f);
        QVERIFY(!c.load(broken, err));
        QVERIFY(err.find("global_mean") != std::string::npos);
        broken = s;
        broken.hyper["epochs"] = "-1";
        QVERIFY(!c.load(broken, err));
        broken = s;
        broken.formatVersion = 99;
        QVERIFY(!c.load(broken, err));
        QCOMPARE(c.numUsers(), 0u); // nothing half-loaded
    }
};

QTEST_APPLESS_MAIN(TestModelsExplicit)
#include "tst_models_explicit.moc"
