// The latent-space engine: exact nearest neighbours (single, to a vector, batched) against a
// brute force written here in double precision for cosine, dot and Euclidean, with the query
// and excluded rows left out and ties broken by the lower index; PCA against a decomposition
// built by hand (known orthonormal directions and variances), its projection of rows and of
// other vectors; and the factors taken from trained models (BiasedMF's padded storage and ALS)
// reproducing the models' scores.
#include "ModelsTestData.h"
#include "latent/ModelFactors.h"
#include "latent/NeighbourIndex.h"
#include "latent/Pca.h"
#include "models/BiasedMf.h"
#include "models/ImplicitAls.h"
#include "models/Recommender.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace rs;

namespace {

Eigen::MatrixXf randomMatrix(int rows, int cols, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    Eigen::MatrixXf m(rows, cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            m(r, c) = normal(rng);
    return m;
}

double bruteSimilarity(const Eigen::MatrixXf& m, int a, const Eigen::VectorXd& q,
                       FactorMetric metric) {
    const Eigen::VectorXd x = m.row(a).transpose().cast<double>();
    switch (metric) {
    case FactorMetric::Dot:
        return x.dot(q);
    case FactorMetric::Cosine:
        return x.norm() * q.norm() > 0 ? x.dot(q) / (x.norm() * q.norm()) : 0.0;
    case FactorMetric::Euclidean:
        return -(x - q).norm();
    }
    return 0;
}

/// Brute force: every row but `exclude`, sorted by similarity (desc), ties by index.
std::vector<std::pair<int, double>> bruteNearest(const Eigen::MatrixXf& m, const Eigen::VectorXd& q,
                                                 FactorMetric metric,
                                                 const std::vector<int>& exclude) {
    std::vector<std::pair<int, double>> all;
    for (int r = 0; r < m.rows(); ++r)
        if (std::find(exclude.begin(), exclude.end(), r) == exclude.end())
            all.push_back({r, bruteSimilarity(m, r, q, metric)});
    std::stable_sort(all.begin(), all.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return all;
}

/// `got` equals the brute-force order, allowing swaps only between near-equal similarities.
bool sameNeighbours(const std::vector<FactorNeighbour>& got,
                    const std::vector<std::pair<int, double>>& expected, int count, QString& why) {
    if (int(got.size()) != std::min<int>(count, int(expected.size()))) {
        why = QStringLiteral("size %1").arg(got.size());
        return false;
    }
    for (std::size_t k = 0; k < got.size(); ++k) {
        const double tol = 1e-4 * std::max(1.0, std::abs(expected[k].second));
        if (std::abs(got[k].similarity - expected[k].second) > tol) {
            why = QStringLiteral("rank %1: similarity %2 vs %3")
                      .arg(k)
                      .arg(got[k].similarity)
                      .arg(expected[k].second);
            return false;
        }
        if (int(got[k].row) != expected[k].first &&
            std::abs(expected[k].second - expected[std::min(k + 1, expected.size() - 1)].second) >
                tol &&
            (k == 0 || std::abs(expected[k].second - expected[k - 1].second) > tol)) {
            why = QStringLiteral("rank %1: row %2 vs %3")
                      .arg(k)
                      .arg(got[k].row)
                      .arg(expected[k].first);
            return false;
        }
    }
    return true;
}

} // namespace

class TestLatent : public QObject {
    Q_OBJECT
private slots:
    void metricNamesRoundTrip() {
        for (FactorMetric m : {FactorMetric::Cosine, FactorMetric::Dot, FactorMetric::Euclidean}) {
            FactorMetric back = FactorMetric::Dot;
            QVERIFY(parseFactorMetric(factorMetricName(m), back));
            QCOMPARE(int(back), int(m));
        }
        FactorMetric unused;
        QVERIFY(!parseFactorMetric("manhattan", unused));
    }

    void nearestMatchesBruteForce_data() {
        QTest::addColumn<int>("metric");
        QTest::newRow("cosine") << int(FactorMetric::Cosine);
        QTest::newRow("dot") << int(FactorMetric::Dot);
        QTest::newRow("euclidean") << int(FactorMetric::Euclidean);
    }
    void nearestMatchesBruteForce() {
        QFETCH(int, metric);
        const auto m = FactorMetric(metric);
        Eigen::MatrixXf f = randomMatrix(700, 12, 3);
        f.row(5).setZero(); // a zero vector: cosine 0 with everything, never a NaN
        const NeighbourIndex index(f);
        QCOMPARE(index.size(), std::size_t(700));
        QString why;
        for (int q : {0, 5, 17, 699}) {
            const auto got = index.nearest(std::uint32_t(q), 25, m);
            const auto expected = bruteNearest(f, f.row(q).transpose().cast<double>(), m, {q});
            QVERIFY2(sameNeighbours(got, expected, 25, why), qPrintable(why));
            for (const FactorNeighbour& n : got) {
                QVERIFY(int(n.row) != q);
                QVERIFY(std::isfinite(n.similarity));
            }
        }
        // To an outside vector, leaving some rows out.
        const Eigen::VectorXf v = randomMatrix(1, 12, 9).row(0).transpose();
        const std::vector<std::uint32_t> exclude = {1, 2, 3};
        const auto got = index.nearestTo({v.data(), 12}, 40, m, exclude);
        const auto expected = bruteNearest(f, v.cast<double>(), m, {1, 2, 3});
        QVERIFY2(sameNeighbours(got, expected, 40, why), qPrintable(why));
        // Only among allowed rows (every third one): the brute force without the others.
        std::vector<std::uint8_t> allowed(700, 0);
        std::vector<int> disallowed = {17};
        for (int r = 0; r < 700; ++r)
            if (r % 3 == 0)
                allowed[std::size_t(r)] = 1;
            else
                disallowed.push_back(r);
        const auto among = index.nearest(17, 30, m, allowed);
        QVERIFY2(sameNeighbours(
                     among, bruteNearest(f, f.row(17).transpose().cast<double>(), m, disallowed),
                     30, why),
                 qPrintable(why));
        for (const FactorNeighbour& n : among)
            QCOMPARE(int(n.row) % 3, 0);
        // Batched (several blocks of queries) equals one at a time.
        std::vector<std::uint32_t> queries;
        for (std::uint32_t q = 0; q < 150; q += 1)
            queries.push_back((q * 37) % 700);
        const auto batch = index.nearestBatch(queries, 10, m);
        QCOMPARE(batch.size(), queries.size());
        for (std::size_t k = 0; k < queries.size(); ++k) {
            const auto single = index.nearest(queries[k], 10, m);
            QCOMPARE(batch[k].size(), single.size());
            for (std::size_t j = 0; j < single.size(); ++j) {
                QVERIFY(std::abs(batch[k][j].similarity - single[j].similarity) <=
                        1e-4f * std::max(1.0f, std::abs(single[j].similarity)));
            }
        }
    }

    void tiesGoToTheLowerIndex() {
        Eigen::MatrixXf f(5, 2);
        f << 1, 0, 2, 0, 1, 0, 0, 1, 1, 0; // rows 0, 2 and 4 are the same vector
        const NeighbourIndex index(f);
        const auto got = index.nearest(0, 4, FactorMetric::Cosine);
        QCOMPARE(got.size(), std::size_t(4));
        QCOMPARE(got[0].row, 1u); // cosine 1 with row 0: rows 1, 2, 4 tie; lower index first
        QCOMPARE(got[1].row, 2u);
        QCOMPARE(got[2].row, 4u);
        QCOMPARE(got[3].row, 3u);
        QCOMPARE(got[3].similarity, 0.0f);
        // Euclidean: row 1 is at distance 1, rows 2 and 4 at 0.
        const auto e = index.nearest(0, 2, FactorMetric::Euclidean);
        QCOMPARE(e[0].row, 2u);
        QCOMPARE(e[1].row, 4u);
        QCOMPARE(e[0].similarity, 0.0f);
        // Asking for more than there are gives them all; a bad row gives nothing.
        QCOMPARE(index.nearest(0, 100, FactorMetric::Dot).size(), std::size_t(4));
        QVERIFY(index.nearest(9, 3, FactorMetric::Dot).empty());
    }

    void pcaRecoversAKnownDecomposition() {
        // Rows = mean + sum_j z_j s_j v_j with orthonormal v_j and standardised z: the
        // covariance has eigenvalues s_j^2 along v_j (up to sampling, exact here because the
        // z columns are made orthogonal and of unit variance).
        const int n = 400, k = 6;
        const Eigen::VectorXd s = (Eigen::VectorXd(3) << 3.0, 2.0, 0.5).finished();
        const Eigen::HouseholderQR<Eigen::MatrixXd> qr(randomMatrix(k, k, 5).cast<double>());
        const Eigen::MatrixXd V = qr.householderQ() * Eigen::MatrixXd::Identity(k, 3);
        Eigen::MatrixXd z = randomMatrix(n, 3, 6).cast<double>();
        z.rowwise() -= z.colwise().mean();
        const Eigen::HouseholderQR<Eigen::MatrixXd> zq(z);
        z = (zq.householderQ() * Eigen::MatrixXd::Identity(n, 3)) * std::sqrt(double(n));
        Eigen::VectorXd mean(k);
        mean << 1, -2, 0.5, 0, 3, -1;
        const Eigen::MatrixXd x = (z * s.asDiagonal() * V.transpose()).rowwise() + mean.transpose();
        const Pca pca = principalComponents(x.cast<float>(), 4);
        QCOMPARE(pca.componentCount(), 4);
        QVERIFY((pca.mean - mean).norm() < 1e-4);
        QVERIFY(std::abs(pca.totalVariance - s.squaredNorm()) < 1e-3);
        for (int j = 0; j < 3; ++j) {
            QVERIFY2(std::abs(pca.variance[j] - s[j] * s[j]) < 1e-3,
                     qPrintable(QString::number(pca.variance[j])));
            QVERIFY(std::abs(std::abs(pca.components.col(j).dot(V.col(j))) - 1.0) < 1e-5);
            QVERIFY(std::abs(pca.explainedRatio(j) - s[j] * s[j] / s.squaredNorm()) < 1e-4);
        }
        QVERIFY(pca.variance[3] < 1e-4); // nothing beyond the third direction
        QVERIFY(
            (pca.components.transpose() * pca.components - Eigen::MatrixXd::Identity(4, 4)).norm() <
            1e-9);
        // The projection of the rows is (x - mean) V, and project() agrees for any vector.
        const Eigen::MatrixXd expected = (x.rowwise() - pca.mean.transpose()) * pca.components;
        QVERIFY((pca.projected.cast<double>() - expected).norm() / expected.norm() < 1e-5);
        const Eigen::VectorXf row7 = x.row(7).transpose().cast<float>();
        const Eigen::VectorXf p7 = pca.project({row7.data(), std::size_t(k)});
        QVERIFY((p7 - pca.projected.row(7).transpose()).norm() < 1e-4);
        QCOMPARE(pca.explainedRatio(9), 0.0);
        QVERIFY(principalComponents(Eigen::MatrixXf(), 2).componentCount() == 0);
    }

    void modelFactorsReproduceTheScores() {
        const Interactions data = test::plantedRatings(40, 30, 0.4, 4);
        for (const std::string name : {"biasedmf", "als"}) {
            std::string error;
            auto model = createRecommender(
                name, {{"factors", "5"}, {name == "als" ? "iterations" : "epochs", "5"}}, error);
            QVERIFY2(model, error.c_str());
            FitOptions options;
            QVERIFY(model->fit(data, options, {}).status == FitStatus::Done);
            const Eigen::MatrixXf items = itemFactorsOf(*model);
            const Eigen::MatrixXf users = userFactorsOf(*model);
            QCOMPARE(int(items.rows()), int(model->numItems()));
            QCOMPARE(int(users.rows()), int(model->numUsers()));
            QCOMPARE(int(items.cols()), 5); // the padding of strided storage is gone
            for (std::uint32_t u = 0; u < 40; u += 7)
                for (std::uint32_t i = 0; i < 30; i += 5) {
                    double dot = users.row(u).cast<double>().dot(items.row(i).cast<double>());
                    if (auto* mf = dynamic_cast<const BiasedMf*>(model.get()))
                        dot += mf->factors().mean + mf->factors().bu[u] + mf->factors().bi[i];
                    QVERIFY2(std::abs(dot - model->score(u, i)) < 1e-4,
                             qPrintable(QString::fromStdString(name)));
                }
        }
        auto pop = createRecommender("popularity");
        QVERIFY(itemFactorsOf(*pop).size() == 0);
    }
};

QTEST_MAIN(TestLatent)
#include "tst_latent.moc"
