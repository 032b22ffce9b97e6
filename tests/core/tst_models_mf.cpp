// BiasedMf and SvdPlusPlus: SGD steps against finite-difference gradients, learning, determinism,
// cancellation, divergence and cold users/items.
#include "ModelsTestData.h"
#include "models/BiasedMf.h"
#include "models/MfSgdKernels.h"
#include "models/Rng.h"
#include "models/SgdSchedule.h"
#include "models/SvdPlusPlus.h"

#include <QtTest>
#include <cmath>
#include <functional>
#include <set>

using namespace rs;
using rs::test::setAll;

namespace {

/// Parameters of one (user, item) pair laid out for the kernels, with the padding columns zero.
struct OnePair {
    std::size_t k, stride;
    std::vector<float> p, q, y, bu{0.3f}, bi{-0.2f};
    OnePair(std::size_t factors, std::uint64_t seed)
        : k(factors), stride((factors + 7) / 8 * 8), p(stride, 0.f), q(stride, 0.f),
          y(stride, 0.f) {
        Rng rng(seed);
        for (std::size_t f = 0; f < k; ++f) {
            p[f] = float(0.3 * rng.normal());
            q[f] = float(0.3 * rng.normal());
            y[f] = float(0.3 * rng.normal());
        }
    }
    mf::Buffers buffers() { return {p.data(), q.data(), bu.data(), bi.data(), y.data()}; }
};

/// Central-difference gradient of `loss` with respect to every value `params` points at.
std::vector<double> numericGradient(const std::vector<double*>& params,
                                    const std::function<double()>& loss) {
    std::vector<double> g;
    for (double* x : params) {
        const double h = 1e-6, keep = *x;
        *x = keep + h;
        const double up = loss();
        *x = keep - h;
        const double down = loss();
        *x = keep;
        g.push_back((up - down) / (2 * h));
    }
    return g;
}

bool allFinite(const std::vector<float>& v) {
    return std::all_of(v.begin(), v.end(), [](float x) { return std::isfinite(x); });
}

double trainRmse(const Recommender& m, const Interactions& d) {
    double se = 0;
    for (std::uint32_t u = 0; u < d.numUsers(); ++u)
        for (std::uint64_t k = d.byUser.rowPtr[u]; k < d.byUser.rowPtr[u + 1]; ++k) {
            const double e = d.byUser.values[k] - m.score(u, d.byUser.colIdx[k]);
            se += e * e;
        }
    return std::sqrt(se / double(d.size()));
}

} // namespace

class TestModelsMf : public QObject {
    Q_OBJECT
private slots:
    void biasedMfStepIsTheGradientStep_data() {
        QTest::addColumn<int>("factors");
        QTest::newRow("k=11 (compile-time stride 16)") << 11;
        QTest::newRow("k=130 (run-time stride)") << 130;
    }
    void biasedMfStepIsTheGradientStep() {
        QFETCH(int, factors);
        const double mean = 3.2, r = 4.5, lr = 0.05, reg = 0.1, lrb = 0.03, regb = 0.2;
        for (int path = 0; path < 2; ++path) {
            if (path == 1 && std::string(mf::kernelIsa()) != "avx2+fma")
                QSKIP("no AVX2 on this CPU: the generic path was checked");
            OnePair x(std::size_t(factors), 17);
            // Double-precision copies and the loss L = e^2/2 + reg/2 (|p|^2 + |q|^2)
            // + regb/2 (bu^2 + bi^2), e = r - (mean + bu + bi + p.q).
            std::vector<double> p(x.p.begin(), x.p.begin() + factors),
                q(x.q.begin(), x.q.begin() + factors);
            double bu = x.bu[0], bi = x.bi[0];
            auto loss = [&] {
                double dot = 0, n2 = 0;
                for (int f = 0; f < factors; ++f) {
                    dot += p[f] * q[f];
                    n2 += p[f] * p[f] + q[f] * q[f];
                }
                const double e = r - (mean + bu + bi + dot);
                return 0.5 * e * e + 0.5 * reg * n2 + 0.5 * regb * (bu * bu + bi * bi);
            };
            std::vector<double*> params{&bu, &bi};
            for (int f = 0; f < factors; ++f)
                params.push_back(&p[f]);
            for (int f = 0; f < factors; ++f)
                params.push_back(&q[f]);
            const std::vector<double> g = numericGradient(params, loss);

            mf::SgdStep s;
            s.mean = float(mean);
            s.lr = float(lr);
            s.reg = float(reg);
            s.lrBias = float(lrb);
            s.regBias = float(regb);
            s.stride = x.stride;
            const mf::Rating one{0, 0, float(r)};
            const double sse = path == 0 ? mf::detail::biasedMfPassGeneric(&one, 1, x.buffers(), s)
                                         : mf::detail::biasedMfPassAvx2(&one, 1, x.buffers(), s);
            QVERIFY(sse > 0);
            QVERIFY(std::abs(x.bu[0] - (bu - lrb * g[0])) < 1e-5);
            QVERIFY(std::abs(x.bi[0] - (bi - lrb * g[1])) < 1e-5);
            for (int f = 0; f < factors; ++f) {
                QVERIFY(std::abs(x.p[f] - (p[f] - lr * g[2 + f])) < 1e-5);
                QVERIFY(std::abs(x.q[f] - (q[f] - lr * g[2 + factors + f])) < 1e-5);
            }
            for (std::size_t f = std::size_t(factors); f < x.stride; ++f)
                QCOMPARE(x.p[f] + x.q[f], 0.0f); // padding stays zero
        }
    }

    void svdppStepIsTheGradientStep() {
        // A user with a single rating: N(u) = {i}, |N(u)|^-1/2 = 1, and the pass is exactly one
        // gradient step on e^2/2 + reg/2 (|p|^2 + |q|^2) + regy/2 |y|^2 + regb/2 (bu^2 + bi^2),
        // e = r - (mean + bu + bi + q.(p + y)).
        const int k = 9;
        const double mean = 3.0, r = 1.5, lr = 0.04, reg = 0.05, lrb = 0.02, regb = 0.3, lry = 0.07,
                     regy = 0.15;
        OnePair x(k, 23);
        std::vector<double> p(x.p.begin(), x.p.begin() + k), q(x.q.begin(), x.q.begin() + k),
            y(x.y.begin(), x.y.begin() + k);
        double bu = x.bu[0], bi = x.bi[0];
        auto loss = [&] {
            double dot = 0, n2 = 0, y2 = 0;
            for (int f = 0; f < k; ++f) {
                dot += q[f] * (p[f] + y[f]);
                n2 += p[f] * p[f] + q[f] * q[f];
                y2 += y[f] * y[f];
            }
            const double e = r - (mean + bu + bi + dot);
            return 0.5 * e * e + 0.5 * reg * n2 + 0.5 * regy * y2 +
                   0.5 * regb * (bu * bu + bi * bi);
        };
        std::vector<double*> params{&bu, &bi};
        for (auto* v : {&p, &q, &y})
            for (int f = 0; f < k; ++f)
                params.push_back(&(*v)[f]);
        const std::vector<double> g = numericGradient(params, loss);

        mf::SgdStep s;
        s.mean = float(mean);
        s.lr = float(lr);
        s.reg = float(reg);
        s.lrBias = float(lrb);
        s.regBias = float(regb);
        s.lrY = float(lry);
        s.regY = float(regy);
        s.stride = x.stride;
        const std::uint32_t users[] = {0};
        const std::uint64_t ptr[] = {0, 1};
        const mf::ItemRating rows[] = {{0, float(r)}};
        const float invSqrt[] = {1.0f};
        std::vector<float> scratch(3 * x.stride);
        mf::SvdppShard sh{users, 1, ptr, rows, invSqrt, scratch.data()};
        mf::svdppPass(sh, x.buffers(), s);
        QVERIFY(std::abs(x.bu[0] - (bu - lrb * g[0])) < 1e-5);
        QVERIFY(std::abs(x.bi[0] - (bi - lrb * g[1])) < 1e-5);
        for (int f = 0; f < k; ++f) {
            QVERIFY(std::abs(x.p[f] - (p[f] - lr * g[2 + f])) < 1e-5);
            QVERIFY(std::abs(x.q[f] - (q[f] - lr * g[2 + k + f])) < 1e-5);
            QVERIFY(std::abs(x.y[f] - (y[f] - lry * g[2 + 2 * k + f])) < 1e-5);
        }
    }

    void svdppUserPassMatchesPerRatingUpdates() {
        // One user, two ratings (items 0 and 1), against Surprise-style updates where every y_j
        // steps after each rating and z is recomputed: p, q, the biases and the errors agree
        // exactly; y differs only by the second-order term lr_y reg_y (first step).
        const int k = 5, stride = 8;
        const float mean = 3, lr = 0.05f, reg = 0.1f, lrb = 0.04f, regb = 0.2f, lry = 0.06f,
                    regy = 0.1f;
        Rng rng(31);
        std::vector<float> P(stride, 0), Q(2 * stride, 0), Y(2 * stride, 0), bu{0.1f},
            bi{0.2f, -0.3f};
        for (int f = 0; f < k; ++f) {
            P[f] = float(0.3 * rng.normal());
            for (int i = 0; i < 2; ++i) {
                Q[i * stride + f] = float(0.3 * rng.normal());
                Y[i * stride + f] = float(0.3 * rng.normal());
            }
        }
        const float ratings[2] = {4.0f, 2.0f};
        // Reference in double.
        std::vector<double> p(P.begin(), P.end()), q(Q.begin(), Q.end()), y(Y.begin(), Y.end());
        double rbu = bu[0], rbi[2] = {bi[0], bi[1]};
        const double sN = 1.0 / std::sqrt(2.0);
        for (int i = 0; i < 2; ++i) {
            double z[k], dot = 0;
            for (int f = 0; f < k; ++f) {
                z[f] = sN * (y[f] + y[stride + f]);
                dot += q[i * stride + f] * (p[f] + z[f]);
            }
            const double e = ratings[i] - (mean + rbu + rbi[i] + dot);
            rbu += lrb * (e - regb * rbu);
            rbi[i] += lrb * (e - regb * rbi[i]);
            for (int f = 0; f < k; ++f) {
                const double pf = p[f], qf = q[i * stride + f];
                p[f] += lr * (e * qf - reg * pf);
                q[i * stride + f] += lr * (e * (pf + z[f]) - reg * qf);
                for (int j = 0; j < 2; ++j)
                    y[j * stride + f] += lry * (e * sN * qf - regy * y[j * stride + f]);
            }
        }
        mf::SgdStep s;
        s.mean = mean;
        s.lr = lr;
        s.reg = reg;
        s.lrBias = lrb;
        s.regBias = regb;
        s.lrY = lry;
        s.regY = regy;
        s.stride = stride;
        const std::uint32_t users[] = {0};
        const std::uint64_t ptr[] = {0, 2};
        const mf::ItemRating rows[] = {{0, ratings[0]}, {1, ratings[1]}};
        const float invSqrt[] = {float(sN)};
        std::vector<float> scratch(3 * stride);
        mf::SvdppShard sh{users, 1, ptr, rows, invSqrt, scratch.data()};
        mf::svdppPass(sh, {P.data(), Q.data(), bu.data(), bi.data(), Y.data()}, s);
        QVERIFY(std::abs(bu[0] - rbu) < 1e-5);
        QVERIFY(std::abs(bi[0] - rbi[0]) < 1e-5 && std::abs(bi[1] - rbi[1]) < 1e-5);
        for (int f = 0; f < k; ++f) {
            QVERIFY(std::abs(P[f] - p[f]) < 1e-5);
            QVERIFY(std::abs(Q[f] - q[f]) < 1e-5);
            QVERIFY(std::abs(Q[stride + f] - q[stride + f]) < 1e-5);
            QVERIFY(std::abs(Y[f] - y[f]) < 2e-4);
            QVERIFY(std::abs(Y[stride + f] - y[stride + f]) < 2e-4);
        }
    }

    void scheduleTilesPartitionTheShard() {
        const Interactions d = test::plantedRatings(40, 50, 0.3, 12);
        // Users 5..30 in tiles of 7 users x 9 items.
        SgdSchedule s(d.byUser, 5, 30, 7, 9, 99);
        std::multiset<std::tuple<std::uint32_t, std::uint32_t, float>> expected, seen;
        for (std::uint32_t u = 5; u < 30; ++u)
            for (std::uint64_t k = d.byUser.rowPtr[u]; k < d.byUser.rowPtr[u + 1]; ++k)
                expected.insert({u, d.byUser.colIdx[k], d.byUser.values[k]});
        QCOMPARE(s.size(), expected.size());
        std::vector<std::uint32_t> firstOrder;
        for (int epoch = 0; epoch < 2; ++epoch) {
            s.reshuffle();
            seen.clear();
            std::vector<std::uint32_t> order;
            s.forEachTile([&](const mf::Rating* r, std::size_t n) {
                QVERIFY(n > 0);
                const std::uint32_t ut = (r[0].u - 5) / 7, it = r[0].i / 9;
                for (std::size_t k = 0; k < n; ++k) {
                    QCOMPARE((r[k].u - 5) / 7, ut); // one tile = one user block x item block
                    QCOMPARE(r[k].i / 9, it);
                    seen.insert({r[k].u, r[k].i, r[k].r});
                    order.push_back(r[k].u * 1000 + r[k].i);
                }
            });
            QVERIFY(seen == expected);
            if (epoch == 0)
                firstOrder = order;
            else
                QVERIFY(order != firstOrder); // a new order every epoch
        }
        // Small factor matrices: one tile (a plain reshuffle); huge ones: L2-sized tiles.
        QCOMPARE(SgdSchedule::tileRows(400, 10000), 0xffffffffu);
        const std::uint32_t rows = SgdSchedule::tileRows(400, 100000000);
        QVERIFY(rows >= 1 && rows < 10000);
    }

    void scheduleItemBlocksKeepTilesInsideABlock() {
        const Interactions d = test::plantedRatings(40, 50, 0.3, 13);
        const std::vector<std::uint32_t> block = SgdSchedule::balancedItemBlocks(d.byItem, 3);
        QCOMPARE(block.size(), std::size_t(50));
        // Balanced: every block holds about a third of the ratings.
        std::vector<std::size_t> load(3, 0);
        for (std::uint32_t i = 0; i < 50; ++i)
            load[block[i]] += d.byItem.rowSize(i);
        for (std::size_t b = 0; b < 3; ++b)
            QVERIFY(std::abs(double(load[b]) - double(d.size()) / 3) < 0.05 * double(d.size()));
        // Tiles of 8 items: the tile of an item is its position among its block's items / 8.
        std::vector<std::uint32_t> tileOfItem(50), seenInBlock(3, 0);
        for (std::uint32_t i = 0; i < 50; ++i)
            tileOfItem[i] = seenInBlock[block[i]]++ / 8;
        SgdSchedule s(d.byUser, 0, 40, 6, 8, 5, block);
        QCOMPARE(s.blocks(), std::size_t(3));
        s.reshuffle();
        std::size_t total = 0;
        for (std::size_t b = 0; b < 3; ++b) {
            std::size_t inBlock = 0;
            s.forEachTileInBlock(b, [&](const mf::Rating* r, std::size_t n) {
                for (std::size_t k = 0; k < n; ++k) {
                    QCOMPARE(std::size_t(block[r[k].i]), b);
                    QCOMPARE(tileOfItem[r[k].i], tileOfItem[r[0].i]); // one item tile
                    QCOMPARE(r[k].u / 6, r[0].u / 6);                 // one user tile
                }
                inBlock += n;
            });
            QCOMPARE(inBlock, load[b]);
            total += inBlock;
        }
        QCOMPARE(total, d.byUser.nnz());
    }

    void stratifiedParallelFitIsReproducible() {
        // threads > 1: disjoint user shards x item blocks, so no races: same seed and thread
        // count give bit-identical models, and the accuracy matches the one-thread fit.
        const Interactions d = test::plantedRatings(120, 90, 0.25, 31);
        auto fitWith = [&](int threads) {
            auto m = createRecommender("biasedmf");
            setAll(*m, {{"factors", "8"}, {"epochs", "15"}});
            FitOptions o;
            o.seed = 9;
            o.threads = threads;
            m->fit(d, o, {});
            return m;
        };
        const auto one = fitWith(1), two = fitWith(2), twoAgain = fitWith(2), three = fitWith(3);
        QVERIFY(test::allScores(*two) == test::allScores(*twoAgain));
        QVERIFY(test::allScores(*two) != test::allScores(*one));
        QVERIFY(std::abs(trainRmse(*two, d) - trainRmse(*one, d)) < 0.05 * trainRmse(*one, d));
        QVERIFY(std::abs(trainRmse(*three, d) - trainRmse(*one, d)) < 0.05 * trainRmse(*one, d));
    }

    void trainingLossDecreases_data() {
        QTest::addColumn<QString>("model");
        QTest::newRow("biasedmf") << "biasedmf";
        QTest::newRow("svdpp") << "svdpp";
    }
    void trainingLossDecreases() {
        QFETCH(QString, model);
        const Interactions d = test::plantedRatings(120, 80, 0.25, 21);
        auto m = createRecommender(model.toStdString());
        setAll(*m, {{"factors", "8"}, {"epochs", "25"}, {"lr", "0.01"}, {"init_std", "0.1"}});
        FitOptions o;
        o.validation = &d;
        std::vector<EpochRecord> seen;
        o.onEpoch = [&](const EpochRecord& e) {
            seen.push_back(e);
            return true;
        };
        const FitResult r = m->fit(d, o, {});
        QCOMPARE(r.status, FitStatus::Done);
        QCOMPARE(int(r.history.size()), 25);
        QCOMPARE(int(seen.size()), 25);
        int rises = 0;
        for (std::size_t e = 0; e < seen.size(); ++e) {
            QVERIFY(std::isfinite(seen[e].trainLoss));
            QVERIFY(seen[e].validationLoss > 0);
            QCOMPARE(seen[e].epoch, int(e) + 1);
            rises += e > 0 && seen[e].trainLoss > seen[e - 1].trainLoss;
        }
        QVERIFY(seen.back().trainLoss < 0.75 * seen.front().trainLoss);
        QVERIFY(rises <= 2);
        // The last validation loss is the model's RMSE on that data.
        QVERIFY(std::abs(seen.back().validationLoss - trainRmse(*m, d)) < 1e-4);
        QVERIFY(allFinite(test::allScores(*m)));
    }

    void sameSeedSameModel_data() { trainingLossDecreases_data(); }
    void sameSeedSameModel() {
        QFETCH(QString, model);
        const Interactions d = test::plantedRatings(50, 40, 0.3, 2);
        auto fitWith = [&](std::uint64_t seed, int threads) {
            auto m = createRecommender(model.toStdString());
            setAll(*m, {{"factors", "6"}, {"epochs", "8"}});
            FitOptions o;
            o.seed = seed;
            o.threads = threads;
            m->fit(d, o, {});
            return m;
        };
        const auto a = fitWith(3, 1), b = fitWith(3, 1), c = fitWith(4, 1), h = fitWith(3, 2);
        QVERIFY(test::allScores(*a) == test::allScores(*b));
        QVERIFY(test::allScores(*a) != test::allScores(*c));
        QVERIFY(allFinite(test::allScores(*h)));
        QVERIFY(std::abs(trainRmse(*h, d) - trainRmse(*a, d)) < 0.1 * trainRmse(*a, d));
    }

    void cancelAtEpochThreeKeepsPriorModel_data() { trainingLossDecreases_data(); }
    void cancelAtEpochThreeKeepsPriorModel() {
        QFETCH(QString, model);
        const Interactions first = test::plantedRatings(30, 20, 0.4, 6);
        const Interactions second = test::plantedRatings(45, 35, 0.4, 7);
        auto m = createRecommender(model.toStdString());
        setAll(*m, {{"factors", "4"}, {"epochs", "10"}});
        QCOMPARE(m->fit(first, {}, {}).status, FitStatus::Done);
        const auto before = test::allScores(*m);
        std::vector<std::string> stages;
        Progress stop{[&](double, std::string_view stage) {
            stages.emplace_back(stage);
            return stage.rfind("epoch 3/", 0) != 0;
        }};
        const FitResult r = m->fit(second, {}, stop);
        QCOMPARE(r.status, FitStatus::Cancelled);
        QCOMPARE(int(r.history.size()), 3);
        QVERIFY(stages.back().rfind("epoch 3/10, rmse ", 0) == 0);
        QCOMPARE(m->numUsers(), 30u);
        QCOMPARE(test::allScores(*m), before);
        // The same through FitOptions::onEpoch.
        FitOptions o;
        o.onEpoch = [](const EpochRecord& e) { return e.epoch < 3; };
        QCOMPARE(m->fit(second, o, {}).status, FitStatus::Cancelled);
        QCOMPARE(test::allScores(*m), before);
    }

    void divergenceIsReported_data() { trainingLossDecreases_data(); }
    void divergenceIsReported() {
        QFETCH(QString, model);
        const Interactions d = test::plantedRatings(30, 20, 0.5, 1);
        auto m = createRecommender(model.toStdString());
        setAll(*m, {{"factors", "4"}, {"epochs", "3"}});
        m->fit(d, {}, {});
        const auto before = test::allScores(*m);
        setAll(*m, {{"factors", "30"},
                    {"epochs", "30"},
                    {"lr", "1"},
                    {"init_std", "5"},
                    {"lr_bias", "1"}});
        const FitResult r = m->fit(d, {}, {});
        QCOMPARE(r.status, FitStatus::Diverged);
        QVERIFY(!r.message.empty());
        QCOMPARE(test::allScores(*m), before);
    }

    void coldUsersAndItemsGetBiasesOnly() {
        // User 2 and item 3 have no ratings.
        const Interactions d = test::makeInteractions(
            4, 4, {{0, 0, 5}, {0, 1, 3}, {1, 0, 4}, {1, 2, 2}, {3, 1, 1}, {3, 2, 4}, {0, 2, 3}});
        BiasedMf mf;
        setAll(mf, {{"factors", "3"}, {"epochs", "50"}, {"init_std", "0.3"}});
        mf.fit(d, {}, {});
        const FactorSet& f = mf.factors();
        QCOMPARE(f.bu[2], 0.0f);
        QCOMPARE(f.bi[3], 0.0f);
        QCOMPARE(mf.score(2, 1), f.mean + f.bi[1]);
        QCOMPARE(mf.score(0, 3), f.mean + f.bu[0]);
        QCOMPARE(mf.score(99, 1), f.mean + f.bi[1]); // out of range: the same as unseen
        SvdPlusPlus pp;
        setAll(pp, {{"factors", "3"}, {"epochs", "50"}, {"init_std", "0.3"}});
        pp.fit(d, {}, {});
        std::vector<float> all;
        pp.scoreAll(2, all);
        QCOMPARE(all[1], pp.score(2, 1));
        QVERIFY(std::abs(pp.score(2, 1) - pp.score(99, 1)) < 1e-6f);
    }
};

QTEST_APPLESS_MAIN(TestModelsMf)
#include "tst_models_mf.moc"
