// ItemKnn / UserKnn: similarities and predictions checked against hand computations, the bounded
// neighbour lists, thread independence, user/item symmetry and cancellation.
#include "ModelsTestData.h"
#include "models/Baseline.h"
#include "models/ItemKnn.h"
#include "models/UserKnn.h"

#include <QtTest>
#include <cmath>

using namespace rs;
using rs::test::makeInteractions;
using rs::test::setAll;

namespace {

/// 5 users x 3 items:
///        i0  i1  i2
///   u0    5   3   4
///   u1    4   .   5
///   u2    1   2   .
///   u3    .   4   1
///   u4    2   1   3
Interactions fiveByThree() {
    return makeInteractions(5, 3,
                            {{0, 0, 5},
                             {0, 1, 3},
                             {0, 2, 4},
                             {1, 0, 4},
                             {1, 2, 5},
                             {2, 0, 1},
                             {2, 1, 2},
                             {3, 1, 4},
                             {3, 2, 1},
                             {4, 0, 2},
                             {4, 1, 1},
                             {4, 2, 3}});
}

// Cosine over common users:
//   i0,i1 (u0,u2,u4): 19 / sqrt(30 * 14);  i0,i2 (u0,u1,u4): 46 / sqrt(45 * 50);
//   i1,i2 (u0,u3,u4): 19 / sqrt(26 * 26).
constexpr double kCos01 = 0.9271050693011066;
constexpr double kCos02 = 0.969765149118303;
constexpr double kCos12 = 0.7307692307692307;
// Pearson over common users (means over the common users):
//   i0,i1: x = (5,1,2), y = (3,2,1): 3 / sqrt(78/9 * 2);  i0,i2: x = (5,4,2), y = (4,5,3):
//   2 / sqrt(42/9 * 2);  i1,i2: x = (3,4,1), y = (4,1,3): negative, so not kept.
constexpr double kPear01 = 0.7205766921228921;
constexpr double kPear02 = 0.6546536707079771;

bool near(double a, double b, double tol = 1e-5) {
    return std::abs(a - b) < tol;
}

Interactions transposedOf(const Interactions& d) {
    Interactions t;
    t.byUser = d.byItem;
    t.byItem = d.byUser;
    t.globalMean = d.globalMean;
    return t;
}

} // namespace

class TestModelsKnn : public QObject {
    Q_OBJECT
private slots:
    void cosineByHand() {
        ItemKnn m;
        QCOMPARE(setAll(m, {{"similarity", "cosine"}, {"shrinkage", "0"}}), std::string());
        const FitResult r = m.fit(fiveByThree(), {}, {});
        QCOMPARE(r.status, FitStatus::Done);
        QCOMPARE(int(r.history.size()), 1);
        QVERIFY(near(m.similarity(0, 1), kCos01));
        QVERIFY(near(m.similarity(1, 0), kCos01));
        QVERIFY(near(m.similarity(0, 2), kCos02));
        QVERIFY(near(m.similarity(2, 1), kCos12));
        QCOMPARE(m.similarity(1, 1), 0.0f); // never its own neighbour
    }

    void pearsonByHandDropsNegative() {
        ItemKnn m;
        setAll(m, {{"similarity", "pearson"}, {"shrinkage", "0"}});
        m.fit(fiveByThree(), {}, {});
        QVERIFY(near(m.similarity(0, 1), kPear01));
        QVERIFY(near(m.similarity(2, 0), kPear02));
        QCOMPARE(m.similarity(1, 2), 0.0f);
        QCOMPARE(int(m.neighbourLists().neighbours(1).size()), 1);
    }

    void shrinkageAndMinSupport() {
        ItemKnn m;
        // n = 3 common users: factor (3 - 1) / (3 - 1 + 2) = 1/2.
        setAll(m, {{"similarity", "cosine"}, {"shrinkage", "2"}});
        m.fit(fiveByThree(), {}, {});
        QVERIFY(near(m.similarity(0, 1), kCos01 / 2));
        QVERIFY(near(m.similarity(1, 2), kCos12 / 2));
        setAll(m, {{"shrinkage", "0"}, {"min_support", "4"}});
        m.fit(fiveByThree(), {}, {});
        QCOMPARE(m.similarity(0, 1), 0.0f);
        QCOMPARE(int(m.neighbourLists().index.size()), 0);
    }

    void weightedMeanPredictionByHand() {
        ItemKnn m;
        setAll(m,
               {{"similarity", "cosine"}, {"shrinkage", "0"}, {"prediction", "mean"}, {"k", "2"}});
        m.fit(fiveByThree(), {}, {});
        // u2 rated i0 = 1, i1 = 2: (c02 * 1 + c12 * 2) / (c02 + c12).
        QVERIFY(near(m.score(2, 2), (kCos02 * 1 + kCos12 * 2) / (kCos02 + kCos12)));
        QVERIFY(near(m.score(2, 2), 1.429729171848652));
        // u3 rated i1 = 4, i2 = 1: (c01 * 4 + c02 * 1) / (c01 + c02).
        QVERIFY(near(m.score(3, 0), 2.466265420214613));
        setAll(m, {{"k", "1"}}); // prediction-time only: the most similar rated neighbour
        QVERIFY(near(m.score(2, 2), 1.0));
        QVERIFY(near(m.score(3, 0), 1.0));
        setAll(m, {{"k", "2"}, {"min_k", "3"}}); // too few neighbours: the global mean
        QVERIFY(near(m.score(2, 2), 35.0 / 12.0));
        // Unknown user or item: the global mean.
        QVERIFY(near(m.score(9, 0), 35.0 / 12.0));
        QVERIFY(near(m.score(0, 9), 35.0 / 12.0));
    }

    void baselinePredictionByHand() {
        ItemKnn m;
        setAll(m, {{"similarity", "cosine"},
                   {"shrinkage", "0"},
                   {"prediction", "baseline"},
                   {"k", "2"},
                   {"bsl_epochs", "3"},
                   {"bsl_reg_u", "2"},
                   {"bsl_reg_i", "1"}});
        m.fit(fiveByThree(), {}, {});
        // Its baselines are the ALS baselines of the same settings.
        Baseline b;
        setAll(b, {{"epochs", "3"}, {"reg_u", "2"}, {"reg_i", "1"}});
        b.fit(fiveByThree(), {}, {});
        for (std::uint32_t u = 0; u < 5; ++u)
            for (std::uint32_t i = 0; i < 3; ++i)
                QCOMPARE(m.biases().predict(u, i), b.score(u, i));
        auto bsl = [&](std::uint32_t u, std::uint32_t i) { return double(b.score(u, i)); };
        const double expected =
            bsl(2, 2) + (kCos02 * (1 - bsl(2, 0)) + kCos12 * (2 - bsl(2, 1))) / (kCos02 + kCos12);
        QVERIFY(near(m.score(2, 2), expected));
        setAll(m, {{"min_k", "3"}});
        QVERIFY(near(m.score(2, 2), bsl(2, 2)));
        QVERIFY(near(m.score(2, 7), double(b.score(2, 7)))); // unknown item: mean + b_u
    }

    void pearsonBaselineIsShrunkResidualCosine() {
        ItemKnn m;
        setAll(m, {{"similarity", "pearson_baseline"}, {"shrinkage", "3"}});
        const Interactions d = fiveByThree();
        m.fit(d, {}, {});
        const Biases& b = m.biases();
        // i0 and i2 share u0, u1, u4.
        double p = 0, s0 = 0, s2 = 0;
        const std::vector<std::tuple<std::uint32_t, double, double>> common{
            {0, 5, 4}, {1, 4, 5}, {4, 2, 3}};
        for (const auto& [u, r0, r2] : common) {
            const double d0 = r0 - b.predict(u, 0), d2 = r2 - b.predict(u, 2);
            p += d0 * d2;
            s0 += d0 * d0;
            s2 += d2 * d2;
        }
        const double expected = p / std::sqrt(s0 * s2) * (2.0 / (2.0 + 3.0));
        QVERIFY(expected > 0.1); // positive here, so it is kept
        QVERIFY(near(m.similarity(0, 2), expected));
    }

    void neighbourListsAreBounded() {
        ItemKnn m;
        setAll(m, {{"similarity", "cosine"}, {"shrinkage", "0"}, {"max_neighbours", "1"}});
        m.fit(fiveByThree(), {}, {});
        const NeighbourLists& l = m.neighbourLists();
        QCOMPARE(l.rows(), 3u);
        QCOMPARE(l.neighbours(0)[0], 2u); // 0.970 beats 0.927
        QCOMPARE(l.neighbours(1)[0], 0u); // 0.927 beats 0.731
        QCOMPARE(l.neighbours(2)[0], 0u);
        for (std::uint32_t x = 0; x < 3; ++x)
            QCOMPARE(int(l.neighbours(x).size()), 1);
    }

    void threadsDoNotChangeTheResult() {
        const Interactions d = test::plantedRatings(60, 45, 0.35, 4);
        for (const char* sim : {"cosine", "pearson", "pearson_baseline"}) {
            ItemKnn a, b;
            setAll(a, {{"similarity", sim}, {"max_neighbours", "7"}});
            setAll(b, {{"similarity", sim}, {"max_neighbours", "7"}});
            FitOptions one, two;
            two.threads = 2;
            a.fit(d, one, {});
            b.fit(d, two, {});
            QCOMPARE(a.neighbourLists().ptr, b.neighbourLists().ptr);
            QCOMPARE(a.neighbourLists().index, b.neighbourLists().index);
            QCOMPARE(a.neighbourLists().sim, b.neighbourLists().sim);
            QVERIFY(test::allScores(a) == test::allScores(b));
            // Each list ascends by index and keeps the 7 most similar of the full list.
            ItemKnn full;
            setAll(full, {{"similarity", sim}, {"max_neighbours", "100000"}});
            full.fit(d, one, {});
            for (std::uint32_t x = 0; x < d.numItems(); ++x) {
                auto nb = a.neighbourLists().neighbours(x);
                QVERIFY(std::is_sorted(nb.begin(), nb.end()));
                std::vector<float> all(full.neighbourLists().similarities(x).begin(),
                                       full.neighbourLists().similarities(x).end());
                std::sort(all.rbegin(), all.rend());
                std::vector<float> kept(a.neighbourLists().similarities(x).begin(),
                                        a.neighbourLists().similarities(x).end());
                std::sort(kept.rbegin(), kept.rend());
                all.resize(std::min<std::size_t>(all.size(), 7));
                QCOMPARE(kept, all);
            }
        }
    }

    void userKnnIsItemKnnOnTheTranspose() {
        const Interactions d = test::plantedRatings(30, 40, 0.3, 8);
        UserKnn u;
        ItemKnn i;
        for (Recommender* m : std::initializer_list<Recommender*>{&u, &i})
            setAll(*m, {{"similarity", "cosine"},
                        {"prediction", "mean"},
                        {"k", "5"},
                        {"shrinkage", "10"}});
        u.fit(d, {}, {});
        i.fit(transposedOf(d), {}, {});
        for (std::uint32_t a = 0; a < d.numUsers(); ++a)
            for (std::uint32_t b = 0; b < d.numItems(); ++b)
                QCOMPARE(u.score(a, b), i.score(b, a));
    }

    void scoreAllMatchesScore() {
        const Interactions d = test::plantedRatings(35, 28, 0.3, 9);
        UserKnn u;
        ItemKnn i;
        for (NeighbourModel* m : std::initializer_list<NeighbourModel*>{&u, &i}) {
            setAll(*m, {{"k", "4"}, {"max_neighbours", "9"}, {"min_k", "2"}});
            m->fit(d, {}, {});
            std::vector<float> all;
            for (std::uint32_t a = 0; a <= d.numUsers(); ++a) {
                m->scoreAll(a, all);
                QCOMPARE(int(all.size()), int(d.numItems()));
                for (std::uint32_t b = 0; b < d.numItems(); ++b)
                    QCOMPARE(all[b], m->score(a, b));
            }
        }
    }

    void fitReportsAndValidates() {
        const Interactions d = test::plantedRatings(30, 30, 0.4, 2);
        ItemKnn m;
        FitOptions o;
        o.validation = &d;
        int calls = 0;
        o.onEpoch = [&](const EpochRecord& e) {
            ++calls;
            return e.trainLoss > 0 && e.validationLoss > 0;
        };
        const FitResult r = m.fit(d, o, {});
        QCOMPARE(r.status, FitStatus::Done);
        QCOMPARE(calls, 1);
        QVERIFY(r.history[0].trainLoss < 1.0);
    }

    void cancelKeepsThePreviousModel() {
        const Interactions d = test::plantedRatings(40, 30, 0.4, 5);
        for (bool itemBased : {true, false}) {
            std::unique_ptr<NeighbourModel> m;
            if (itemBased)
                m = std::make_unique<ItemKnn>();
            else
                m = std::make_unique<UserKnn>();
            m->fit(fiveByThree(), {}, {});
            const auto before = test::allScores(*m);
            bool sawSimilarities = false;
            Progress stop{[&](double, std::string_view stage) {
                if (stage.rfind("similarities", 0) == 0) {
                    sawSimilarities = true;
                    return false;
                }
                return true;
            }};
            QCOMPARE(m->fit(d, {}, stop).status, FitStatus::Cancelled);
            QVERIFY(sawSimilarities);
            QCOMPARE(test::allScores(*m), before);
            QCOMPARE(m->numUsers(), 5u);
        }
    }
};

QTEST_APPLESS_MAIN(TestModelsKnn)
#include "tst_models_knn.moc"
