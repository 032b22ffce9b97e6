// NAIS: the hand-derived gradients of every parameter block against central finite differences
// in double precision, the float (SIMD) kernels against the double reference and a naive
// implementation of the formula, training, persistence, cancellation, determinism, top-N
// exclusion and the attention decomposition of a score.
#include "ModelsTestData.h"
#include "models/Nais.h"
#include "models/NaisGradients.h"
#include "models/NaisHistory.h"
#include "models/NaisParameters.h"
#include "models/NaisTargetPass.h"
#include "models/Rng.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

using namespace rs;
using rs::test::makeInteractions;
using rs::test::setAll;
using test::seeded;
using test::trainAuc;

namespace {

/// A random NAIS problem: `items` items, history = the first n items except that the target
/// (item n - 1 when `targetInHistory`, else item n) is the last history position or outside it.
template <class T> struct Problem {
    NaisParameters<T> p;
    std::vector<std::uint32_t> hist;
    std::uint32_t target = 0;
    std::ptrdiff_t skip = -1;
    T beta = T(0.5);
};

template <class T>
Problem<T> randomProblem(int k, int a, std::size_t n, bool targetInHistory, double beta,
                         std::uint64_t seed) {
    Problem<T> pr;
    Rng rng(seed);
    const auto items = std::uint32_t(n + 1);
    pr.p.resize(items, k, a);
    for (auto* v : {&pr.p.p, &pr.p.q})
        for (auto& x : *v)
            x = T(0.6 * rng.normal());
    for (auto& x : pr.p.w)
        x = T(0.8 * rng.normal());
    for (auto& x : pr.p.b)
        x = T(0.3 * rng.normal());
    for (auto& x : pr.p.h)
        x = T(0.7 * rng.normal());
    for (auto& x : pr.p.bias)
        x = T(0.2 * rng.normal());
    for (std::uint32_t j = 0; j < n; ++j)
        pr.hist.push_back(j);
    pr.target = targetInHistory ? std::uint32_t(n - 1) : std::uint32_t(n);
    pr.skip = targetInHistory ? std::ptrdiff_t(n - 1) : -1;
    pr.beta = T(beta);
    return pr;
}

template <class To, class From> Problem<To> convert(const Problem<From>& in) {
    Problem<To> out;
    auto cv = [](const std::vector<From>& v) { return std::vector<To>(v.begin(), v.end()); };
    out.p.k = in.p.k;
    out.p.a = in.p.a;
    out.p.p = cv(in.p.p);
    out.p.q = cv(in.p.q);
    out.p.w = cv(in.p.w);
    out.p.b = cv(in.p.b);
    out.p.h = cv(in.p.h);
    out.p.bias = cv(in.p.bias);
    out.hist = in.hist;
    out.target = in.target;
    out.skip = in.skip;
    out.beta = To(in.beta);
    return out;
}

/// The sample loss used for the check: log loss of a positive, L = ln(1 + e^-y), y = Y + b_t.
double logLoss(double y) {
    return std::log1p(std::exp(-y));
}

template <class T> struct Evaluated {
    T y = 0;
    NaisHistory<T> hist;
    NaisTargetPass<T> pass;
};

template <class T> void evaluate(const Problem<T>& pr, Evaluated<T>& ev) {
    ev.hist.gather(pr.p.p.data(), std::size_t(pr.p.k), pr.p.k, pr.hist);
    ev.pass.resize(pr.p.k, pr.p.a, ev.hist.stride(), true);
    ev.y = ev.pass.run(pr.p.net(pr.beta), ev.hist.view(), pr.p.qRow(pr.target), pr.skip) +
           pr.p.bias[pr.target];
}

template <class T> T yOf(const Problem<T>& pr) {
    Evaluated<T> ev;
    evaluate(pr, ev);
    return ev.y;
}

/// Every analytic gradient of L(y) = logLoss(y) (g = dL/dy = sigma(y) - 1), or of L = y when
/// `plainY`, row-major like the parameters; p holds the gradients of all item rows (0 outside
/// the history).
template <class T> struct AllGrads { std::vector<T> p, q, w, b, h, bias; };

template <class T> AllGrads<T> analytic(const Problem<T>& pr, bool plainY = false) {
    Evaluated<T> ev;
    evaluate(pr, ev);
    const T g = plainY ? T(1) : T(1) / (T(1) + std::exp(-ev.y)) - T(1);
    NaisGradients<T> gr;
    gr.resize(pr.p.k, pr.p.a, ev.hist.stride());
    gr.backward(pr.p.net(pr.beta), ev.hist.view(), pr.p.qRow(pr.target), ev.pass, g);
    AllGrads<T> out;
    const auto k = std::size_t(pr.p.k);
    out.p.assign(pr.p.p.size(), T(0));
    for (std::size_t j = 0; j < pr.hist.size(); ++j)
        for (std::size_t c = 0; c < k; ++c)
            out.p[pr.hist[j] * k + c] = gr.dpt()[c * ev.hist.stride() + j];
    out.q.assign(pr.p.q.size(), T(0));
    for (std::size_t c = 0; c < k; ++c)
        out.q[pr.target * k + c] = gr.dq()[c];
    out.w = gr.dw();
    out.b = gr.db();
    out.h = gr.dh();
    out.bias.assign(pr.p.bias.size(), T(0));
    out.bias[pr.target] = g;
    return out;
}

/// Central finite differences of logLoss(y) in every entry of one parameter vector.
std::vector<double> finiteDifferences(Problem<double> pr,
                                      std::vector<double> NaisParameters<double>::*block,
                                      double step) {
    std::vector<double>& v = pr.p.*block;
    std::vector<double> out(v.size());
    for (std::size_t x = 0; x < v.size(); ++x) {
        const double keep = v[x];
        v[x] = keep + step;
        const double up = logLoss(yOf(pr));
        v[x] = keep - step;
        const double down = logLoss(yOf(pr));
        v[x] = keep;
        out[x] = (up - down) / (2 * step);
    }
    return out;
}

/// Largest |a - b| / |b| over entries with |b| > floor, and the largest |a - b| elsewhere.
std::pair<double, double> relativeError(const std::vector<double>& a, const std::vector<double>& b,
                                        double floor) {
    double rel = 0.0, abs = 0.0;
    for (std::size_t x = 0; x < a.size(); ++x) {
        const double d = std::abs(a[x] - b[x]);
        if (std::abs(b[x]) > floor)
            rel = std::max(rel, d / std::abs(b[x]));
        else
            abs = std::max(abs, d);
    }
    return {rel, abs};
}

/// max |a - b| / max |b| (block-wise relative error in the max norm).
double maxNormError(const std::vector<double>& a, const std::vector<double>& b) {
    double d = 0.0, m = 0.0;
    for (std::size_t x = 0; x < a.size(); ++x) {
        d = std::max(d, std::abs(a[x] - b[x]));
        m = std::max(m, std::abs(b[x]));
    }
    return m > 0 ? d / m : d;
}

/// The formula evaluated directly (no max shift, no SIMD): reference for forward().
double naiveY(const Problem<double>& pr) {
    const auto k = std::size_t(pr.p.k), a = std::size_t(pr.p.a);
    const double* q = pr.p.qRow(pr.target);
    std::vector<double> f, s;
    for (std::size_t j = 0; j < pr.hist.size(); ++j) {
        if (std::ptrdiff_t(j) == pr.skip)
            continue;
        const double* pj = pr.p.pRow(pr.hist[j]);
        double logit = 0.0, sim = 0.0;
        for (std::size_t r = 0; r < a; ++r) {
            double z = pr.p.b[r];
            for (std::size_t c = 0; c < k; ++c)
                z += pr.p.w[r * k + c] * pj[c] * q[c];
            logit += pr.p.h[r] * std::max(z, 0.0);
        }
        for (std::size_t c = 0; c < k; ++c)
            sim += pj[c] * q[c];
        f.push_back(logit);
        s.push_back(sim);
    }
    double sum = 0.0;
    for (double x : f)
        sum += std::exp(x);
    double y = 0.0;
    for (std::size_t j = 0; j < f.size(); ++j)
        y += std::exp(f[j]) / std::pow(sum, double(pr.beta)) * s[j];
    return y + pr.p.bias[pr.target];
}

/// Two communities: 50 users, 40 items; user u likes items of community u % 2 (items 0..19 are
/// community 0) with probability 0.45, others with probability 0.03.
Interactions communities(std::uint64_t seed = 11) {
    Rng rng(seed);
    std::vector<rs::test::Triple> t;
    for (std::uint32_t u = 0; u < 50; ++u)
        for (std::uint32_t i = 0; i < 40; ++i) {
            const bool same = (u % 2) == (i < 20 ? 0u : 1u);
            if (rng.uniform() < (same ? 0.45 : 0.03))
                t.emplace_back(u, i, float(1 + rng.below(5)));
        }
    return makeInteractions(50, 40, t);
}

const std::vector<std::pair<std::string, std::string>> kSmall = {
    {"factors", "8"}, {"attention", "6"}, {"epochs", "12"}, {"lr", "0.1"}, {"init_std", "0.1"}};

double mean(const FitResult& r, std::size_t from, std::size_t count) {
    double s = 0.0;
    for (std::size_t e = from; e < from + count; ++e)
        s += r.history[e].trainLoss;
    return s / double(count);
}

} // namespace

class TestModelsNais : public QObject {
    Q_OBJECT
private slots:
    void gradientsMatchFiniteDifferences_data() {
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("a");
        QTest::addColumn<int>("n");
        QTest::addColumn<bool>("inHistory");
        QTest::addColumn<double>("beta");
        QTest::addColumn<int>("seed");
        // Sizes with remainders for every unrolled loop (4 columns, 4 or 2 rows, 8 lanes).
        QTest::newRow("k5 a6 n11 target in history beta .5") << 5 << 6 << 11 << true << 0.5 << 3;
        QTest::newRow("k8 a4 n16 target outside beta 1") << 8 << 4 << 16 << false << 1.0 << 4;
        QTest::newRow("k7 a3 n37 target in history beta .3") << 7 << 3 << 37 << true << 0.3 << 5;
        QTest::newRow("k16 a16 n21 target outside beta .5") << 16 << 16 << 21 << false << 0.5 << 6;
    }

    void gradientsMatchFiniteDifferences() {
        QFETCH(int, k);
        QFETCH(int, a);
        QFETCH(int, n);
        QFETCH(bool, inHistory);
        QFETCH(double, beta);
        QFETCH(int, seed);
        const Problem<double> pr =
            randomProblem<double>(k, a, std::size_t(n), inHistory, beta, std::uint64_t(seed));
        // The point must be away from the ReLU kinks (|z| > 1e-3; the step is 1e-5) and use both
        // sides of them, or the check would not cover the masks.
        Evaluated<double> ev;
        evaluate(pr, ev);
        int active = 0, inactive = 0;
        double closest = 1e9;
        for (int r = 0; r < a; ++r)
            for (int j = 0; j < n; ++j) {
                const double z = ev.pass.pass().z[std::size_t(r) * ev.hist.stride() + j];
                closest = std::min(closest, std::abs(z));
                (z > 0 ? active : inactive) += 1;
            }
        QVERIFY2(closest > 1e-3, std::to_string(closest).c_str());
        QVERIFY(active > 0 && inactive > 0);
        // The forward pass is the formula.
        QVERIFY(std::abs(ev.y - naiveY(pr)) < 1e-12 * std::max(1.0, std::abs(ev.y)));

        const AllGrads<double> g = analytic(pr);
        struct Block {
            const char* name;
            std::vector<double> NaisParameters<double>::*member;
            const std::vector<double>* grad;
        };
        const Block blocks[] = {{"P", &NaisParameters<double>::p, &g.p},
                                {"Q", &NaisParameters<double>::q, &g.q},
                                {"W", &NaisParameters<double>::w, &g.w},
                                {"b", &NaisParameters<double>::b, &g.b},
                                {"h", &NaisParameters<double>::h, &g.h},
                                {"item bias", &NaisParameters<double>::bias, &g.bias}};
        for (const Block& b : blocks) {
            const std::vector<double> fd = finiteDifferences(pr, b.member, 1e-5);
            const auto [rel, abs] = relativeError(*b.grad, fd, 1e-4);
            const double norm = maxNormError(*b.grad, fd);
            std::printf("  %-9s max relative error %.2e (entries > 1e-4), max abs error "
                        "elsewhere %.2e, max-norm relative error %.2e\n",
                        b.name, rel, abs, norm);
            QVERIFY2(rel < 1e-4, b.name);
            QVERIFY2(abs < 1e-8, b.name);
            QVERIFY2(norm < 1e-6, b.name);
        }
        // The left-out target's own history row gets no data gradient.
        if (inHistory)
            for (int c = 0; c < k; ++c)
                QCOMPARE(g.p[std::size_t(pr.target) * std::size_t(k) + std::size_t(c)], 0.0);
    }

    void floatKernelsMatchTheDoubleReference() {
        // The float kernels (SIMD, used by training and scoring) against the double ones, with a
        // history long enough for the two-block paths and an odd number of 8-lane blocks.
        for (const auto& [k, a, n, in] : {std::tuple{16, 16, 203, true}, std::tuple{5, 7, 9, false},
                                          std::tuple{32, 12, 64, true}}) {
            const Problem<double> pd = randomProblem<double>(k, a, std::size_t(n), in, 0.5, 9);
            const Problem<float> pf = convert<float>(pd);
            const double yd = yOf(pd), yf = double(yOf(pf));
            QVERIFY2(std::abs(yd - yf) < 1e-5 * std::max(1.0, std::abs(yd)),
                     (std::to_string(yd) + " vs " + std::to_string(yf)).c_str());
            // dY itself (g = 1): the log loss saturates in float for scores this large.
            const AllGrads<double> gd = analytic(pd, true);
            const AllGrads<float> gf = analytic(pf, true);
            auto wide = [](const std::vector<float>& v) {
                return std::vector<double>(v.begin(), v.end());
            };
            const double errors[] = {maxNormError(wide(gf.p), gd.p), maxNormError(wide(gf.q), gd.q),
                                     maxNormError(wide(gf.w), gd.w), maxNormError(wide(gf.b), gd.b),
                                     maxNormError(wide(gf.h), gd.h)};
            std::printf("  k %d a %d n %d: y %.7g vs %.7g; float vs double max-norm relative "
                        "error P %.1e Q %.1e W %.1e b %.1e h %.1e\n",
                        k, a, n, yf, yd, errors[0], errors[1], errors[2], errors[3], errors[4]);
            for (double e : errors)
                QVERIFY(e < 1e-4);
        }
        std::printf("  float kernels: %s\n", nais::kernelIsa());
    }

    void largeLogitsStayFinite() {
        // Logits in the hundreds would overflow exp() without the max shift.
        Problem<double> pr = randomProblem<double>(4, 4, 10, false, 0.5, 12);
        for (auto& x : pr.p.h)
            x *= 400.0;
        const double y = yOf(pr);
        QVERIFY(std::isfinite(y));
        const Problem<float> pf = convert<float>(pr);
        const float yf = yOf(pf);
        QVERIFY(std::isfinite(yf));
        QVERIFY(std::abs(double(yf) - y) < 1e-4 * std::max(1.0, std::abs(y)));
    }

    void registryAndHyperParameters() {
        auto m = createRecommender("nais");
        QVERIFY(m);
        QCOMPARE(m->name(), std::string("nais"));
        QVERIFY(!m->predictsRatings());
        std::string err;
        QVERIFY(!m->setHyperParameter("beta", "0", err));
        QVERIFY(m->setHyperParameter("beta", "1", err));
        QVERIFY(!m->setHyperParameter("loss", "hinge", err));
        QVERIFY(m->setHyperParameter("loss", "bpr", err));
        QVERIFY(!m->setHyperParameter("optimizer", "sgd", err));
        QVERIFY(!m->setHyperParameter("nope", "1", err));
        const auto hp = m->hyperParameters();
        QVERIFY(std::find_if(hp.begin(), hp.end(),
                             [](const auto& kv) { return kv.first == "attention"; }) != hp.end());
    }

    void trainingLossDecreasesAndLearns_data() {
        QTest::addColumn<QString>("loss");
        QTest::addColumn<QString>("optimizer");
        QTest::addColumn<QString>("lr");
        QTest::newRow("logloss adagrad") << "logloss"
                                         << "adagrad"
                                         << "0.1";
        QTest::newRow("bpr adagrad") << "bpr"
                                     << "adagrad"
                                     << "0.1";
        QTest::newRow("logloss adam") << "logloss"
                                      << "adam"
                                      << "0.01";
    }

    void trainingLossDecreasesAndLearns() {
        QFETCH(QString, loss);
        QFETCH(QString, optimizer);
        QFETCH(QString, lr);
        const Interactions d = communities();
        Nais m;
        QCOMPARE(setAll(m, kSmall), std::string());
        QCOMPARE(setAll(m, {{"loss", loss.toStdString()},
                            {"optimizer", optimizer.toStdString()},
                            {"lr", lr.toStdString()}}),
                 std::string());
        const FitResult r = m.fit(d, seeded(1), {});
        QCOMPARE(int(r.status), int(FitStatus::Done));
        QCOMPARE(r.history.size(), std::size_t(12));
        std::printf("  loss: first %.4f, last %.4f\n", r.history.front().trainLoss,
                    r.history.back().trainLoss);
        QVERIFY(mean(r, 9, 3) < 0.85 * mean(r, 0, 3));
        QVERIFY(r.history.back().trainLoss < r.history.front().trainLoss);
        const double auc = trainAuc(m, d);
        QVERIFY2(auc > 0.8, std::to_string(auc).c_str());
    }

    void twoThreadsLearnToo() {
        const Interactions d = communities();
        Nais m;
        QCOMPARE(setAll(m, kSmall), std::string());
        const FitResult r = m.fit(d, seeded(1, 2), {});
        QCOMPARE(int(r.status), int(FitStatus::Done));
        QVERIFY(r.history.back().trainLoss < r.history.front().trainLoss);
        QVERIFY(trainAuc(m, d) > 0.8);
    }

    void sameSeedSameModel() {
        const Interactions d = communities();
        auto fit = [&d](std::uint64_t seed) {
            auto m = std::make_unique<Nais>();
            setAll(*m, {{"factors", "6"}, {"attention", "5"}, {"epochs", "3"}, {"batch", "3"}});
            m->fit(d, seeded(seed), {});
            return m;
        };
        const auto a = fit(5), b = fit(5), c = fit(6);
        const NaisParameters<float>&pa = a->parameters(), &pb = b->parameters();
        QVERIFY(pa.p == pb.p && pa.q == pb.q && pa.w == pb.w && pa.b == pb.b && pa.h == pb.h &&
                pa.bias == pb.bias);
        QCOMPARE(rs::test::allScores(*a), rs::test::allScores(*b));
        QVERIFY(pa.q != c->parameters().q);
    }

    void saveLoadRoundTrip() {
        const Interactions d = communities();
        Nais m;
        setAll(m, kSmall);
        setAll(m, {{"epochs", "3"}, {"beta", "0.7"}, {"optimizer", "adam"}, {"lr", "0.01"}});
        QCOMPARE(int(m.fit(d, seeded(2), {}).status), int(FitStatus::Done));
        const ModelState s = m.save();
        QCOMPARE(s.model, std::string("nais"));
        Nais copy;
        std::string err;
        QVERIFY2(copy.load(s, err), err.c_str());
        QCOMPARE(copy.hyperParameters(), m.hyperParameters());
        QCOMPARE(copy.beta(), 0.7f);
        QCOMPARE(rs::test::allScores(copy), rs::test::allScores(m));
        for (std::uint32_t u = 0; u < d.numUsers(); ++u) {
            const auto h = m.history(u), hc = copy.history(u);
            QVERIFY(std::equal(h.begin(), h.end(), hc.begin(), hc.end()));
        }
        std::vector<float> x, y;
        m.scoreAll(7, x);
        copy.scoreAll(7, y);
        QCOMPARE(x, y);

        // Broken states are refused and leave the loaded model as it was.
        auto broken = [&s](const std::string& block, auto change) {
            ModelState b = s;
            for (auto& pb : b.blocks)
                if (pb.name == block)
                    change(pb);
            return b;
        };
        QVERIFY(!copy.load(broken("attention_w", [](ParamBlock& b) { b.cols += 1; }), err));
        QVERIFY(!copy.load(broken("history_items", [](ParamBlock& b) { b.data[0] = 1e6f; }), err));
        QVERIFY(!copy.load(broken("history_count", [](ParamBlock& b) { b.data[0] += 1; }), err));
        QVERIFY(!copy.load(broken("beta", [](ParamBlock& b) { b.data[0] = 0; }), err));
        ModelState other = s;
        other.model = "bpr";
        QVERIFY(!copy.load(other, err));
        copy.scoreAll(7, y);
        QCOMPARE(x, y);
    }

    void cancelKeepsThePriorModel() {
        const Interactions d = communities();
        Nais m;
        setAll(m, kSmall);
        setAll(m, {{"epochs", "2"}});
        m.fit(d, seeded(3), {});
        const std::vector<float> before = rs::test::allScores(m);
        FitOptions o = seeded(4);
        o.onEpoch = [](const EpochRecord& e) { return e.epoch < 1; }; // stop after epoch 1
        const FitResult r = m.fit(d, o, {});
        QCOMPARE(int(r.status), int(FitStatus::Cancelled));
        QCOMPARE(r.history.size(), std::size_t(1));
        QCOMPARE(rs::test::allScores(m), before);
        const Progress stop{[](double, std::string_view) { return false; }};
        QCOMPARE(int(m.fit(d, seeded(4), stop).status), int(FitStatus::Cancelled));
        QCOMPARE(rs::test::allScores(m), before);
        // An untrained model cancelled stays empty.
        Nais fresh;
        QCOMPARE(int(fresh.fit(d, o, {}).status), int(FitStatus::Cancelled));
        QCOMPARE(fresh.numItems(), 0u);
    }

    void recommendExcludesRatedItems() {
        const Interactions d = communities();
        Nais m;
        setAll(m, kSmall);
        m.fit(d, seeded(1), {});
        std::vector<float> all;
        for (std::uint32_t u : {0u, 1u, 17u, 30u}) {
            const auto rated = d.byUser.rowCols(u);
            const auto top = m.recommend(u, 8, rated);
            QCOMPARE(top.size(), std::size_t(8));
            m.scoreAll(u, all);
            // The best 8 unrated items by brute force.
            std::vector<std::uint32_t> cand;
            for (std::uint32_t i = 0; i < d.numItems(); ++i)
                if (!std::binary_search(rated.begin(), rated.end(), i))
                    cand.push_back(i);
            std::stable_sort(cand.begin(), cand.end(),
                             [&all](std::uint32_t x, std::uint32_t y) { return all[x] > all[y]; });
            for (std::size_t r = 0; r < top.size(); ++r) {
                QVERIFY(!std::binary_search(rated.begin(), rated.end(), top[r].item));
                QCOMPARE(top[r].score, all[cand[r]]);
                QCOMPARE(top[r].score, m.score(u, top[r].item));
            }
        }
    }

    void attentionDecomposesTheScore() {
        const Interactions d = communities();
        Nais m;
        setAll(m, kSmall);
        m.fit(d, seeded(1), {});
        const float beta = m.beta();
        std::vector<float> all;
        for (std::uint32_t u : {0u, 3u, 22u, 49u}) {
            m.scoreAll(u, all);
            const auto hist = m.history(u);
            for (std::uint32_t i = 0; i < d.numItems(); ++i) {
                const NaisAttention att = m.attention(u, i);
                const float s = m.score(u, i);
                QCOMPARE(att.score, s);
                QCOMPARE(all[i], s); // scoreAll and score run the same kernel
                const bool rated = std::binary_search(hist.begin(), hist.end(), i);
                QCOMPARE(att.entries.size(), hist.size() - (rated ? 1 : 0));
                double sum = att.bias, norm = 0.0;
                for (const auto& e : att.entries) {
                    QVERIFY(e.item != i);
                    sum += e.contribution;
                    norm += std::exp(double(e.logit));
                }
                QVERIFY2(std::abs(sum - double(s)) <= 1e-5,
                         (std::to_string(sum) + " vs " + std::to_string(s)).c_str());
                // a_ij = exp(f_ij) / (sum exp f)^beta, from the reported logits.
                for (const auto& e : att.entries) {
                    const double w = std::exp(double(e.logit)) / std::pow(norm, double(beta));
                    QVERIFY(std::abs(double(e.weight) - w) <= 1e-5 * std::max(1.0, w));
                    QVERIFY(std::abs(e.contribution - e.weight * e.similarity) <= 1e-6f);
                }
            }
        }
        // Unknown users score by the bias alone; unknown items score 0.
        QCOMPARE(m.score(999, 2), m.parameters().bias[2]);
        QVERIFY(m.attention(999, 2).entries.empty());
        QCOMPARE(m.score(0, 999), 0.0f);
    }

    void minValueSelectsThePositives() {
        const Interactions d = communities();
        Nais m;
        setAll(m, kSmall);
        setAll(m, {{"epochs", "1"}, {"min_value", "4"}});
        m.fit(d, seeded(1), {});
        for (std::uint32_t u = 0; u < d.numUsers(); ++u) {
            std::vector<std::uint32_t> expected;
            for (std::size_t x = 0; x < d.byUser.rowSize(u); ++x)
                if (d.byUser.rowValues(u)[x] >= 4.0f)
                    expected.push_back(d.byUser.rowCols(u)[x]);
            const auto h = m.history(u);
            QVERIFY(std::equal(h.begin(), h.end(), expected.begin(), expected.end()));
        }
    }
};

QTEST_APPLESS_MAIN(TestModelsNais)
#include "tst_models_nais.moc"
