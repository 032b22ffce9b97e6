// LightGCN: the normalised graph on a hand-computed example and against a dense brute force,
// propagation for any thread count, the objective's gradient through the propagation against
// central finite differences of an independent double-precision implementation, training
// (loss decreases, learns, beats most-popular on held-out clustered data), determinism,
// persistence, cancellation and the embeddings the latent views read.
#include "ModelsTestData.h"
#include "latent/ModelFactors.h"
#include "models/LightGcn.h"
#include "models/LightGcnGraph.h"
#include "models/LightGcnObjective.h"
#include "models/PositiveMatrix.h"
#include "models/Rng.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <set>

using namespace rs;
using rs::test::makeInteractions;
using rs::test::seeded;
using rs::test::setAll;

namespace {

using RowMatrix = LightGcnGraph::RowMatrix;
using Dense = Eigen::MatrixXd;

/// Random implicit data: each (user, item) with probability `density`; user `isolatedUser` and
/// item `isolatedItem` (when < the counts) get no interaction.
Interactions randomGraphData(std::uint32_t users, std::uint32_t items, double density,
                             std::uint64_t seed, std::uint32_t isolatedUser = ~0u,
                             std::uint32_t isolatedItem = ~0u) {
    Rng rng(seed);
    std::vector<test::Triple> t;
    for (std::uint32_t u = 0; u < users; ++u)
        for (std::uint32_t i = 0; i < items; ++i)
            if (u != isolatedUser && i != isolatedItem && rng.uniform() < density)
                t.emplace_back(u, i, 1.0f);
    return makeInteractions(users, items, t);
}

/// Â written from its definition, dense, in double: (users + items) square, users first.
Dense denseNormalised(const Interactions& d) {
    const Eigen::Index nu = d.numUsers(), n = nu + d.numItems();
    Dense a = Dense::Zero(n, n);
    for (std::uint32_t u = 0; u < d.numUsers(); ++u)
        for (std::uint32_t i : d.byUser.rowCols(u))
            a(u, nu + i) = a(nu + i, u) = 1.0;
    const Eigen::VectorXd deg = a.rowwise().sum();
    for (Eigen::Index r = 0; r < n; ++r)
        for (Eigen::Index c = 0; c < n; ++c)
            if (a(r, c) != 0.0)
                a(r, c) /= std::sqrt(deg(r) * deg(c));
    return a;
}

Dense layerMeanDense(const Dense& a, const Dense& e0, int layers) {
    Dense sum = e0, cur = e0;
    for (int k = 0; k < layers; ++k) {
        cur = a * cur;
        sum += cur;
    }
    return sum / double(layers + 1);
}

/// The LightGcnObjective formula in double, from dense matrices.
double referenceLoss(const Dense& a, const Dense& e0, int layers, double reg,
                     const std::vector<BprTriple>& triples, Eigen::Index nu) {
    const Dense f = layerMeanDense(a, e0, layers);
    double loss = 0.0;
    for (const BprTriple& t : triples) {
        const Eigen::Index u = t.user, i = nu + t.pos, j = nu + t.neg;
        const double x = f.row(u).dot(f.row(i) - f.row(j));
        loss += double(t.weight) * std::log1p(std::exp(-x)); // IPS / re-weighting
        loss += 0.5 * reg *
                (e0.row(u).squaredNorm() + e0.row(i).squaredNorm() + e0.row(j).squaredNorm());
    }
    return loss / double(triples.size());
}

RowMatrix randomEmbeddings(Eigen::Index rows, Eigen::Index cols, double std, std::uint64_t seed) {
    Rng rng(seed);
    RowMatrix m(rows, cols);
    for (Eigen::Index r = 0; r < rows; ++r)
        for (Eigen::Index c = 0; c < cols; ++c)
            m(r, c) = float(std * rng.normal());
    return m;
}

/// Four communities of 20 users and 15 items; a user interacts with 60% of their community's
/// items and 2% of the others. The first 5 items of each community are also liked by everyone with
/// probability 0.3 (a popular head that most-popular ranks first for every user).
Interactions clustered(std::uint64_t seed) {
    Rng rng(seed);
    std::vector<test::Triple> t;
    for (std::uint32_t u = 0; u < 80; ++u)
        for (std::uint32_t i = 0; i < 60; ++i) {
            const bool same = u / 20 == i / 15;
            const double p = same ? 0.6 : (i % 15 < 5 ? 0.3 : 0.02);
            if (rng.uniform() < p)
                t.emplace_back(u, i, 1.0f);
        }
    return makeInteractions(80, 60, t);
}

/// Splits `d` into train and a held-out test set: every user's entries with probability 0.25.
std::pair<Interactions, std::vector<std::set<std::uint32_t>>> holdOut(const Interactions& d,
                                                                      std::uint64_t seed) {
    Rng rng(seed);
    std::vector<test::Triple> train;
    std::vector<std::set<std::uint32_t>> test(d.numUsers());
    for (std::uint32_t u = 0; u < d.numUsers(); ++u)
        for (std::uint32_t i : d.byUser.rowCols(u)) {
            if (rng.uniform() < 0.25)
                test[u].insert(i);
            else
                train.emplace_back(u, i, 1.0f);
        }
    return {makeInteractions(d.numUsers(), d.numItems(), train), test};
}

/// Mean recall@k over users with test items (train items excluded from the ranking).
double recallAt(const Recommender& m, const Interactions& train,
                const std::vector<std::set<std::uint32_t>>& test, int k) {
    double sum = 0.0;
    int users = 0;
    for (std::uint32_t u = 0; u < train.numUsers(); ++u) {
        if (test[u].empty())
            continue;
        const auto top = m.recommend(u, k, train.byUser.rowCols(u));
        int hits = 0;
        for (const ScoredItem& s : top)
            hits += int(test[u].count(s.item));
        sum += double(hits) / double(std::min<std::size_t>(test[u].size(), std::size_t(k)));
        ++users;
    }
    return sum / users;
}

const std::vector<std::pair<std::string, std::string>> kSmall = {
    {"factors", "8"}, {"layers", "2"},    {"epochs", "30"}, {"lr", "0.02"},
    {"batch", "64"},  {"negatives", "1"}, {"reg", "0.0001"}};

Interactions communities() {
    return clustered(11);
}

} // namespace

class TestModelsLightGcn : public QObject {
    Q_OBJECT
private slots:
    void normalisationHandExample() {
        // users 0: {0, 1}, 1: {1, 2}; degrees u0 2, u1 2, i0 1, i1 2, i2 1.
        const Interactions d = makeInteractions(2, 3, {{0, 0, 1}, {0, 1, 1}, {1, 1, 1}, {1, 2, 1}});
        const LightGcnGraph g(positiveMatrix(d.byUser, 0.0));
        QCOMPARE(g.numNodes(), 5u);
        const Eigen::MatrixXf a = Eigen::MatrixXf(g.adjacency());
        const float r2 = 0.70710678f; // 1/sqrt(2 * 1)
        Eigen::MatrixXf expected = Eigen::MatrixXf::Zero(5, 5);
        expected(0, 2) = expected(2, 0) = r2;   // u0-i0
        expected(0, 3) = expected(3, 0) = 0.5f; // u0-i1: 1/sqrt(2 * 2)
        expected(1, 3) = expected(3, 1) = 0.5f; // u1-i1
        expected(1, 4) = expected(4, 1) = r2;   // u1-i2
        QVERIFY((a - expected).cwiseAbs().maxCoeff() < 1e-7f);
        QCOMPARE(g.degree(g.itemNode(1)), 2u);
        QCOMPARE(g.degree(g.itemNode(2)), 1u);

        // One layer on scalar embeddings (u0 1, u1 2, i0 3, i1 4, i2 5), by hand:
        // u0 = r2 3 + 0.5 4, u1 = 0.5 4 + r2 5, i0 = r2 1, i1 = 0.5 1 + 0.5 2, i2 = r2 2.
        RowMatrix e(5, 1), out;
        e << 1, 2, 3, 4, 5;
        g.propagate(e, out, 1);
        const double s = std::sqrt(0.5);
        const double want[5] = {3 * s + 2, 2 + 5 * s, s, 1.5, 2 * s};
        for (int r = 0; r < 5; ++r)
            QVERIFY2(std::abs(out(r, 0) - want[r]) < 1e-6, std::to_string(r).c_str());
    }

    void propagationMatchesDenseBruteForce() {
        const Interactions d = randomGraphData(30, 25, 0.2, 4, 7, 11);
        const LightGcnGraph g(positiveMatrix(d.byUser, 0.0));
        const Dense a = denseNormalised(d);
        QVERIFY((Dense(Eigen::MatrixXf(g.adjacency()).cast<double>()) - a).cwiseAbs().maxCoeff() <
                1e-7);
        const RowMatrix e0 = randomEmbeddings(55, 6, 1.0, 9);
        const Dense ref = layerMeanDense(a, e0.cast<double>(), 3);
        RowMatrix one, three;
        g.layerMean(e0, 3, one, 1);
        g.layerMean(e0, 3, three, 3);
        QVERIFY((one.cast<double>() - ref).cwiseAbs().maxCoeff() < 1e-5);
        QVERIFY(one == three); // rows are computed the same way by whichever thread
        // The isolated user and item keep only their own layer: e0 / (K + 1).
        QVERIFY((one.row(7) - e0.row(7) / 4.0f).norm() < 1e-7f);
        QVERIFY((one.row(30 + 11) - e0.row(30 + 11) / 4.0f).norm() < 1e-7f);
        const auto stack = g.layerStack(e0, 3, 2);
        QCOMPARE(stack.size(), std::size_t(3));
        QVERIFY((stack[2].cast<double>() - a * a * e0.cast<double>()).cwiseAbs().maxCoeff() < 1e-5);
    }

    void gradientMatchesFiniteDifferences_data() {
        QTest::addColumn<int>("layers");
        QTest::addColumn<double>("reg");
        QTest::addColumn<bool>("weighted");
        QTest::newRow("K=0") << 0 << 0.0 << false;
        QTest::newRow("K=1 reg") << 1 << 0.3 << false;
        QTest::newRow("K=3 reg") << 3 << 0.05 << false;
        QTest::newRow("K=2 reg, sample weights") << 2 << 0.1 << true;
    }

    void gradientMatchesFiniteDifferences() {
        QFETCH(int, layers);
        QFETCH(double, reg);
        QFETCH(bool, weighted);
        const Interactions d = randomGraphData(5, 6, 0.45, 21);
        const LightGcnGraph g(positiveMatrix(d.byUser, 0.0));
        const Dense a = denseNormalised(d);
        const RowMatrix e0 = randomEmbeddings(11, 3, 0.8, 5);
        // Every positive with two negatives (repeats included), as a full batch.
        Rng rng(8);
        std::vector<BprTriple> triples;
        for (std::uint32_t u = 0; u < 5; ++u)
            for (std::uint32_t i : d.byUser.rowCols(u))
                for (int n = 0; n < 2; ++n)
                    triples.push_back(
                        {u, i, rng.below(6), weighted ? float(0.25 + 3.0 * rng.uniform()) : 1.0f});
        QVERIFY(triples.size() > 6);
        LightGcnObjective objective(g, layers, reg, 2);
        RowMatrix grad;
        const double loss = objective.evaluate(e0, triples, &grad);
        const Dense e0d = e0.cast<double>();
        QVERIFY(std::abs(loss - referenceLoss(a, e0d, layers, reg, triples, 5)) < 1e-5);
        const double h = 1e-5;
        double worst = 0.0;
        for (Eigen::Index r = 0; r < e0d.rows(); ++r)
            for (Eigen::Index c = 0; c < e0d.cols(); ++c) {
                Dense up = e0d, down = e0d;
                up(r, c) += h;
                down(r, c) -= h;
                const double fd = (referenceLoss(a, up, layers, reg, triples, 5) -
                                   referenceLoss(a, down, layers, reg, triples, 5)) /
                                  (2 * h);
                worst = std::max(worst, std::abs(fd - double(grad(r, c))));
            }
        std::printf("  largest |analytic - finite difference| = %.2e\n", worst);
        QVERIFY(worst < 2e-5);
        QVERIFY(grad.cwiseAbs().maxCoeff() > 1e-2); // not a vacuous comparison
    }

    void registryAndHyperParameters() {
        auto m = createRecommender("lightgcn");
        QVERIFY(m);
        QCOMPARE(m->name(), std::string("lightgcn"));
        QVERIFY(!m->predictsRatings());
        std::string err;
        QVERIFY(!m->setHyperParameter("layers", "9", err));
        QVERIFY(!m->setHyperParameter("lr", "0", err));
        QVERIFY(m->setHyperParameter("layers", "2", err));
        const auto names = recommenderNames();
        QVERIFY(std::find(names.begin(), names.end(), "lightgcn") != names.end());
    }

    void trainingLossDecreasesAndLearns() {
        const Interactions d = communities();
        for (int threads : {1, 2}) {
            LightGcn m;
            QCOMPARE(setAll(m, kSmall), std::string());
            const FitResult r = m.fit(d, seeded(1, threads), {});
            QCOMPARE(int(r.status), int(FitStatus::Done));
            QCOMPARE(r.history.size(), std::size_t(30));
            std::printf("  loss: first %.4f, last %.4f\n", r.history.front().trainLoss,
                        r.history.back().trainLoss);
            QVERIFY(r.history.back().trainLoss < 0.6 * r.history.front().trainLoss);
            const double auc = test::trainAuc(m, d);
            QVERIFY2(auc > 0.9, std::to_string(auc).c_str());
        }
    }

    void scoresAreDotsOfLayerMeans() {
        const Interactions d = communities();
        LightGcn m;
        setAll(m, kSmall);
        setAll(m, {{"epochs", "3"}});
        QCOMPARE(int(m.fit(d, seeded(4), {}).status), int(FitStatus::Done));
        const Dense f = layerMeanDense(denseNormalised(d), m.layer0().cast<double>(), 2);
        std::vector<float> all;
        for (std::uint32_t u : {0u, 17u, 79u}) {
            m.scoreAll(u, all);
            for (std::uint32_t i = 0; i < 60; ++i) {
                const double ref = f.row(u).dot(f.row(80 + i));
                QVERIFY(std::abs(double(m.score(u, i)) - ref) < 1e-5);
                QVERIFY(std::abs(all[i] - m.score(u, i)) < 1e-6f);
            }
        }
        QCOMPARE(m.score(80, 0), 0.0f);
        QCOMPARE(m.score(0, 60), 0.0f);
        // The latent views read the final embeddings.
        QVERIFY(Eigen::MatrixXf(m.itemEmbeddings()) == itemFactorsOf(m));
        QVERIFY(Eigen::MatrixXf(m.userEmbeddings()) == userFactorsOf(m));
    }

    void beatsMostPopularOnClusteredData() {
        const auto [train, test] = holdOut(clustered(5), 6);
        LightGcn m;
        setAll(m, kSmall);
        QCOMPARE(int(m.fit(train, seeded(2, 2), {}).status), int(FitStatus::Done));
        auto pop = createRecommender("popularity");
        QCOMPARE(int(pop->fit(train, seeded(2), {}).status), int(FitStatus::Done));
        const double rg = recallAt(m, train, test, 5), rp = recallAt(*pop, train, test, 5);
        std::printf("  recall@5: lightgcn %.3f, most popular %.3f\n", rg, rp);
        QVERIFY(rg > 1.4 * rp);
    }

    void sameSeedSameModelForAnyThreadCount() {
        const Interactions d = communities();
        auto fit = [&d](std::uint64_t seed, int threads) {
            auto m = std::make_unique<LightGcn>();
            setAll(*m, kSmall);
            setAll(*m, {{"epochs", "4"}});
            m->fit(d, seeded(seed, threads), {});
            return m;
        };
        const auto a = fit(5, 1), b = fit(5, 2), c = fit(6, 1);
        QVERIFY(a->layer0() == b->layer0());
        QCOMPARE(test::allScores(*a), test::allScores(*b));
        QVERIFY(a->layer0() != c->layer0());
    }

    void saveLoadRoundTrip() {
        const Interactions d = communities();
        LightGcn m;
        setAll(m, kSmall);
        setAll(m, {{"epochs", "3"}, {"layers", "3"}});
        QCOMPARE(int(m.fit(d, seeded(2), {}).status), int(FitStatus::Done));
        const ModelState s = m.save();
        QCOMPARE(s.model, std::string("lightgcn"));
        QCOMPARE(s.blocks.size(), std::size_t(4));
        LightGcn copy;
        std::string err;
        QVERIFY2(copy.load(s, err), err.c_str());
        QCOMPARE(copy.hyperParameters(), m.hyperParameters());
        QCOMPARE(copy.layers(), 3);
        QVERIFY(copy.layer0() == m.layer0());
        QCOMPARE(test::allScores(copy), test::allScores(m));
        std::vector<float> x, y;
        m.scoreAll(7, x);
        copy.scoreAll(7, y);
        QCOMPARE(x, y);

        auto broken = [&s](const std::string& block, auto change) {
            ModelState b = s;
            for (auto& pb : b.blocks)
                if (pb.name == block)
                    change(pb);
            return b;
        };
        QVERIFY(!copy.load(broken("item_embeddings", [](ParamBlock& b) { b.rows -= 1; }), err));
        QVERIFY(!copy.load(broken("user_embeddings_0", [](ParamBlock& b) { b.name = "x"; }), err));
        ModelState other = s;
        other.model = "bpr";
        QVERIFY(!copy.load(other, err));
        copy.scoreAll(7, y);
        QCOMPARE(x, y);
    }

    void cancelKeepsThePriorModel() {
        const Interactions d = communities();
        LightGcn m;
        setAll(m, kSmall);
        setAll(m, {{"epochs", "3"}});
        QCOMPARE(int(m.fit(d, seeded(1), {}).status), int(FitStatus::Done));
        const auto before = test::allScores(m);
        // Cancelled after an epoch ...
        FitOptions o = seeded(9);
        o.onEpoch = [](const EpochRecord& r) { return r.epoch < 2; };
        const FitResult r = m.fit(d, o, {});
        QCOMPARE(int(r.status), int(FitStatus::Cancelled));
        QCOMPARE(r.history.size(), std::size_t(2));
        QCOMPARE(test::allScores(m), before);
        // ... and within an epoch (progress between batches).
        int calls = 0;
        const Progress stopSoon{[&calls](double, std::string_view) { return ++calls < 3; }};
        QCOMPARE(int(m.fit(d, seeded(9), stopSoon).status), int(FitStatus::Cancelled));
        QCOMPARE(test::allScores(m), before);
        // An untrained model cancelled stays empty.
        LightGcn fresh;
        QCOMPARE(int(fresh.fit(d, o, {}).status), int(FitStatus::Cancelled));
        QCOMPARE(fresh.numUsers(), 0u);
    }

    void noPositivesFails() {
        LightGcn m;
        const Interactions d = makeInteractions(3, 4, {});
        QCOMPARE(int(m.fit(d, seeded(1), {}).status), int(FitStatus::Failed));
    }
};

QTEST_APPLESS_MAIN(TestModelsLightGcn)
#include "tst_models_lightgcn.moc"
