// t-SNE layouts of factor matrices: perplexity calibration, affinities, the Barnes–Hut
// repulsion against brute force, the gradient against finite differences of KL(P||Q), cluster
// recovery, determinism across thread counts, cancellation, and the layout cache.
#include "latent/ItemGenres.h"
#include "latent/MapLayout.h"
#include "latent/NeighbourIndex.h"
#include "latent/QuadTree.h"
#include "latent/TitleYear.h"
#include "latent/Tsne.h"
#include "models/Rng.h"
#include "store/LayoutStore.h"
#include "train/RunContext.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace rs;

namespace {

/// `clusters` Gaussian blobs of `per` points in `dims` dimensions, centres 10 apart.
Eigen::MatrixXf blobs(int clusters, int per, int dims, std::vector<int>& labels,
                      std::uint64_t seed = 3) {
    Rng rng(seed);
    Eigen::MatrixXf centres(clusters, dims);
    for (int c = 0; c < clusters; ++c)
        for (int d = 0; d < dims; ++d)
            centres(c, d) = float(rng.normal() * 10.0);
    Eigen::MatrixXf x(clusters * per, dims);
    labels.clear();
    for (int c = 0; c < clusters; ++c)
        for (int p = 0; p < per; ++p) {
            for (int d = 0; d < dims; ++d)
                x(c * per + p, d) = centres(c, d) + float(rng.normal());
            labels.push_back(c);
        }
    return x;
}

std::vector<float> randomLayout(std::uint32_t n, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<float> xy(std::size_t(n) * 2);
    for (float& v : xy)
        v = float(rng.normal() * 3.0);
    return xy;
}

/// Z = sum_{i != j} 1 / (1 + |y_i - y_j|^2), by brute force in double precision.
double bruteZ(const std::vector<float>& xy) {
    const std::size_t n = xy.size() / 2;
    double z = 0;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            if (i != j) {
                const double dx = double(xy[2 * i]) - xy[2 * j];
                const double dy = double(xy[2 * i + 1]) - xy[2 * j + 1];
                z += 1.0 / (1.0 + dx * dx + dy * dy);
            }
    return z;
}

/// Share of each point's k nearest layout neighbours with the same label.
double neighbourAgreement(const Eigen::MatrixXf& coords, const std::vector<int>& labels, int k) {
    const NeighbourIndex index(coords);
    std::vector<std::uint32_t> all(labels.size());
    for (std::uint32_t i = 0; i < all.size(); ++i)
        all[i] = i;
    const auto found = index.nearestBatch(all, k, FactorMetric::Euclidean);
    double same = 0, total = 0;
    for (std::size_t i = 0; i < found.size(); ++i)
        for (const auto& nb : found[i]) {
            same += labels[nb.row] == labels[i] ? 1 : 0;
            total += 1;
        }
    return same / total;
}

} // namespace

class TestTsne : public QObject {
    Q_OBJECT

private slots:
    void calibrationHitsThePerplexity() {
        Rng rng(1);
        for (double perplexity : {2.0, 5.0, 30.0}) {
            std::vector<float> sq(90);
            for (float& d : sq)
                d = float(rng.uniform() * 50.0 + 3.0);
            std::vector<float> p;
            calibrateRow(sq, perplexity, p);
            double sum = 0, entropy = 0;
            for (float v : p) {
                sum += v;
                if (v > 0)
                    entropy -= double(v) * std::log(double(v));
            }
            QVERIFY(std::abs(sum - 1.0) < 1e-5);
            QVERIFY2(std::abs(entropy - std::log(perplexity)) < 1e-3,
                     qPrintable(QString("H %1 vs %2").arg(entropy).arg(std::log(perplexity))));
            // Nearer neighbours are more likely.
            for (std::size_t a = 0; a < sq.size(); ++a)
                for (std::size_t b = 0; b < sq.size(); ++b)
                    if (sq[a] < sq[b])
                        QVERIFY(p[a] >= p[b]);
        }
    }

    void affinitiesAreSymmetricAndSumToOne() {
        std::vector<int> labels;
        const Eigen::MatrixXf x = blobs(3, 40, 8, labels);
        const Affinities P = computeAffinities(x, 10, 2, {});
        QCOMPARE(P.points, 120u);
        double sum = 0;
        std::map<std::pair<std::uint32_t, std::uint32_t>, float> entries;
        for (std::uint32_t i = 0; i < P.points; ++i)
            for (std::uint32_t k = P.rowPtr[i]; k < P.rowPtr[i + 1]; ++k) {
                QVERIFY(P.cols[k] != i);
                QVERIFY(P.values[k] > 0);
                sum += P.values[k];
                entries[{i, P.cols[k]}] = P.values[k];
            }
        QVERIFY(std::abs(sum - 1.0) < 1e-4);
        for (const auto& [ij, v] : entries) {
            auto it = entries.find({ij.second, ij.first});
            QVERIFY(it != entries.end());
            QCOMPARE(it->second, v);
        }
    }

    void quadTreeRepulsionMatchesBruteForce() {
        const std::uint32_t n = 500;
        std::vector<float> xy = randomLayout(n, 7);
        // Duplicates must not break the tree (coincident points share a leaf).
        xy[2] = xy[0];
        xy[3] = xy[1];
        const QuadTree tree(xy, n);
        double worst = 0;
        for (std::uint32_t i = 0; i < n; ++i) {
            double bx = 0, by = 0, bq = 0;
            for (std::uint32_t j = 0; j < n; ++j) {
                if (j == i)
                    continue;
                const double dx = double(xy[2 * i]) - xy[2 * j],
                             dy = double(xy[2 * i + 1]) - xy[2 * j + 1];
                const double q = 1.0 / (1.0 + dx * dx + dy * dy);
                bq += q;
                bx += q * q * dx;
                by += q * q * dy;
            }
            double fx, fy, sq;
            tree.repulsion(i, 0.0, fx, fy, sq);
            QVERIFY(std::abs(sq - bq) < 1e-9 * bq);
            QVERIFY(std::abs(fx - bx) < 1e-9 + 1e-9 * std::abs(bx));
            QVERIFY(std::abs(fy - by) < 1e-9 + 1e-9 * std::abs(by));
            tree.repulsion(i, 0.5, fx, fy, sq);
            worst = std::max(worst, std::abs(sq - bq) / bq);
        }
        // The Barnes–Hut approximation stays close (cells subtend at most 0.5 rad).
        QVERIFY2(worst < 0.05, qPrintable(QString::number(worst)));
    }

    void gradientMatchesFiniteDifferencesOfKl() {
        std::vector<int> labels;
        const Eigen::MatrixXf x = blobs(2, 6, 5, labels);
        const Affinities P = computeAffinities(x, 4, 1, {});
        const std::uint32_t n = P.points;
        std::vector<float> xy = randomLayout(n, 11);
        std::vector<double> g;
        tsneGradient(P, xy, 1.0, 0.0, 1, g);
        auto kl = [&](const std::vector<float>& at) { return tsneKl(P, at, bruteZ(at)); };
        const float h = 1e-2f;
        double worst = 0;
        for (std::size_t c = 0; c < xy.size(); ++c) {
            std::vector<float> plus = xy, minus = xy;
            plus[c] += h;
            minus[c] -= h;
            const double numeric = (kl(plus) - kl(minus)) / (double(plus[c]) - minus[c]);
            worst = std::max(worst, std::abs(numeric - g[c]) / (std::abs(g[c]) + 1e-3));
        }
        QVERIFY2(worst < 2e-2, qPrintable(QString::number(worst)));
    }

    void layoutSeparatesClusters() {
        std::vector<int> labels;
        const Eigen::MatrixXf x = blobs(4, 150, 20, labels);
        TsneOptions o;
        o.cosine = false;
        o.iterations = 500;
        double last = -1;
        bool monotone = true;
        const TsneResult r = runTsne(x, o, {[&](double f, std::string_view) {
                                         monotone = monotone && f >= last;
                                         last = f;
                                         return true;
                                     }});
        QVERIFY(!r.cancelled);
        QCOMPARE(r.coords.rows(), 600);
        QVERIFY(monotone);
        QVERIFY(std::abs(last - 1.0) < 1e-9);
        const double agreement = neighbourAgreement(r.coords, labels, 10);
        QVERIFY2(agreement > 0.97, qPrintable(QString::number(agreement)));
        QVERIFY(r.klDivergence > 0 && r.klDivergence < 2.0);
    }

    void threadCountDoesNotChangeTheLayout() {
        std::vector<int> labels;
        const Eigen::MatrixXf x = blobs(3, 200, 12, labels, 5);
        TsneOptions o;
        o.iterations = 60;
        o.exaggerationIterations = 30;
        o.threads = 1;
        const TsneResult one = runTsne(x, o, {});
        o.threads = 2;
        const TsneResult two = runTsne(x, o, {});
        QVERIFY(one.coords.isApprox(two.coords, 0.0f) || one.coords == two.coords);
    }

    void cancelStopsEarly() {
        std::vector<int> labels;
        const Eigen::MatrixXf x = blobs(3, 100, 10, labels);
        int calls = 0;
        const TsneResult r = runTsne(x, {}, {[&](double f, std::string_view) {
                                         ++calls;
                                         return f < 0.5;
                                     }});
        QVERIFY(r.cancelled);
        QCOMPARE(r.coords.size(), 0);
        QVERIFY(r.iterations < 750);
        const MapLayout layout = computeMapLayout(x, LayoutMethod::Tsne, {},
                                                  {[](double, std::string_view) { return false; }});
        QVERIFY(layout.cancelled);
        QVERIFY(layout.xy.empty());
    }

    void pcaLayoutPlacesVectorsByProjection() {
        std::vector<int> labels;
        const Eigen::MatrixXf x = blobs(3, 30, 6, labels);
        const MapLayout layout = computeMapLayout(x, LayoutMethod::Pca, {}, {});
        QCOMPARE(layout.size(), std::size_t(90));
        QVERIFY(layout.explained[0] >= layout.explained[1] && layout.explained[1] > 0);
        const NeighbourIndex index(x);
        // A row placed as a query lands on its own layout position.
        const Eigen::VectorXf row = x.row(17).transpose();
        float px = 0, py = 0;
        QVERIFY(placeOnLayout(layout, index, {row.data(), std::size_t(row.size())}, px, py));
        QVERIFY(std::abs(px - layout.xy[34]) < 1e-4f && std::abs(py - layout.xy[35]) < 1e-4f);
    }

    void tsnePlacementIsTheWeightedMeanOfNeighbours() {
        std::vector<int> labels;
        const Eigen::MatrixXf x = blobs(2, 20, 4, labels);
        MapLayout layout;
        layout.method = LayoutMethod::Tsne;
        for (int i = 0; i < 40; ++i) {
            layout.xy.push_back(float(i));
            layout.xy.push_back(float(2 * i));
        }
        const NeighbourIndex index(x);
        const Eigen::VectorXf q = x.row(3).transpose();
        float px = 0, py = 0;
        QVERIFY(placeOnLayout(layout, index, {q.data(), std::size_t(q.size())}, px, py, 5));
        double sx = 0, sy = 0, sw = 0;
        for (const auto& nb :
             index.nearestTo({q.data(), std::size_t(q.size())}, 5, FactorMetric::Cosine))
            if (nb.similarity > 0) {
                sx += nb.similarity * layout.xy[2 * nb.row];
                sy += nb.similarity * layout.xy[2 * nb.row + 1];
                sw += nb.similarity;
            }
        QVERIFY(std::abs(px - sx / sw) < 1e-4 && std::abs(py - sy / sw) < 1e-4);
    }

    void titleYearsAndMainGenres() {
        QCOMPARE(rs::titleYear("Toy Story (1995)"), 1995);
        QCOMPARE(rs::titleYear("Babylon 5 (1994) "), 1994);
        QCOMPARE(rs::titleYear("2001: A Space Odyssey (1968)"), 1968);
        QCOMPARE(rs::titleYear("Cosmos"), 0);
        QCOMPARE(rs::titleYear("Ten (10)"), 0);
        QCOMPARE(rs::titleYear("Weird (20x5)"), 0);
        QCOMPARE(rs::titleYear("Too early (1066)"), 0);
        std::vector<rs::ItemLabel> items = {
            {"1", "A", "Comedy|Horror"},   {"2", "B", "Comedy"}, {"3", "C", "Comedy|Drama"},
            {"4", "D", "Drama|IMAX"},      {"5", "E", "IMAX"},   {"6", "F", "(no genres listed)"},
            {"7", "G", " Horror | Drama "}};
        const auto counts = rs::genreCounts(items);
        QCOMPARE(counts.front().first, std::string("Comedy"));
        QCOMPARE(counts.front().second, 3);
        const auto main = rs::mainGenres(items);
        // The least common of an item's genres; IMAX only when alone; ties by name.
        QCOMPARE(main[0], std::string("Horror"));
        QCOMPARE(main[1], std::string("Comedy"));
        QCOMPARE(main[2], std::string("Comedy")); // Comedy and Drama tie at 3: by name
        QCOMPARE(main[3], std::string("Drama"));
        QCOMPARE(main[4], std::string("IMAX"));
        QCOMPARE(main[5], std::string());
        QCOMPARE(main[6], std::string("Horror"));
    }

    void labelAgreementByHand() {
        // Four points on a line: a a b b; each one's nearest neighbour has its label.
        const std::vector<float> xy = {0, 0, 1, 0, 10, 0, 11, 0};
        const std::vector<std::string> labels = {"a", "a", "b", "b"};
        const std::vector<std::uint32_t> rows = {0, 1, 2, 3};
        rs::LabelAgreement one = rs::neighbourLabelAgreement(xy, labels, rows, 1);
        QCOMPARE(one.observed, 1.0);
        QCOMPARE(one.random, 0.5); // two labels of frequency 1/2
        // With 2 neighbours: the second nearest always has the other label.
        rs::LabelAgreement two = rs::neighbourLabelAgreement(xy, labels, rows, 2);
        QCOMPARE(two.observed, 0.5);
    }

    void layoutCacheRoundTrips() {
        QTemporaryDir dir;
        Workspace ws(dir.filePath("w.recscope").toStdString());
        LayoutStore store(ws);
        MapLayout layout;
        layout.method = LayoutMethod::Tsne;
        layout.xy = {1, 2, 3, 4, 5, 6};
        layout.params = TsneOptions{}.json();
        layout.seconds = 1.5;
        store.save(7, FactorSide::Items, layout);
        auto back = store.load(7, FactorSide::Items, LayoutMethod::Tsne, 3, &layout.params);
        QVERIFY(back);
        QCOMPARE(back->xy, layout.xy);
        QCOMPARE(back->seconds, 1.5);
        QVERIFY(!store.load(7, FactorSide::Users, LayoutMethod::Tsne, 3));
        QVERIFY(!store.load(7, FactorSide::Items, LayoutMethod::Tsne, 4)); // other model size
        const std::string other = "{\"perplexity\":5}";
        QVERIFY(!store.load(7, FactorSide::Items, LayoutMethod::Tsne, 3, &other));
        layout.xy = {9, 9, 9, 9, 9, 9};
        store.save(7, FactorSide::Items, layout); // replaces
        QCOMPARE(store.load(7, FactorSide::Items, LayoutMethod::Tsne, 3)->xy, layout.xy);
        QCOMPARE(QString::fromStdString(ws.integrityCheck()), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestTsne)
#include "tst_tsne.moc"
