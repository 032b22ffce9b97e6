// distributionOf: bins, mean and median against values worked out by hand.
#include "eval/ValueDistribution.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace rs;

class TestDistribution : public QObject {
    Q_OBJECT

private slots:
    void binsMeanAndMedian() {
        // Range [0, 4] in 4 bins of width 1: [0,1) [1,2) [2,3) [3,4].
        const std::vector<float> v = {0.f, 0.5f, 1.f, 1.f, 2.5f, 4.f, 3.f};
        const ValueDistribution d = distributionOf(v, 4);
        QCOMPARE(d.count, std::size_t(7));
        QCOMPARE(d.skipped, std::size_t(0));
        QCOMPARE(d.min, 0.0);
        QCOMPARE(d.max, 4.0);
        QCOMPARE(d.edges, (std::vector<double>{0, 1, 2, 3, 4}));
        // 0, 0.5 | 1, 1 | 2.5 | 3, 4 (the maximum joins the last bin)
        QCOMPARE(d.counts, (std::vector<std::size_t>{2, 2, 1, 2}));
        QCOMPARE(d.mean, 12.0 / 7.0);
        QCOMPARE(d.median, 1.0); // sorted 0 0.5 1 1 2.5 3 4
    }

    void evenCountMedianAndNonFinite() {
        const float nan = std::numeric_limits<float>::quiet_NaN();
        const float inf = std::numeric_limits<float>::infinity();
        const std::vector<float> v = {4.f, nan, 1.f, 2.f, inf, 10.f};
        const ValueDistribution d = distributionOf(v, 3);
        QCOMPARE(d.count, std::size_t(4));
        QCOMPARE(d.skipped, std::size_t(2));
        QCOMPARE(d.median, 3.0); // (2 + 4) / 2
        QCOMPARE(d.mean, 17.0 / 4.0);
        // [1, 4) [4, 7) [7, 10]
        QCOMPARE(d.edges, (std::vector<double>{1, 4, 7, 10}));
        QCOMPARE(d.counts, (std::vector<std::size_t>{2, 1, 1}));
    }

    void constantSeriesAndEmpty() {
        const std::vector<float> v(5, 0.25f);
        const ValueDistribution d = distributionOf(v, 2);
        QCOMPARE(d.min, 0.25);
        QCOMPARE(d.max, 0.25);
        QCOMPARE(d.edges, (std::vector<double>{-0.25, 0.25, 0.75}));
        QCOMPARE(d.counts, (std::vector<std::size_t>{0, 5}));
        QCOMPARE(d.median, 0.25);

        const ValueDistribution e = distributionOf(std::vector<float>{}, 10);
        QCOMPARE(e.count, std::size_t(0));
        QCOMPARE(e.bins(), 0);
        QVERIFY(e.edges.empty());
    }

    void countsAddUpOnRandomData() {
        std::vector<float> v;
        for (int k = 0; k < 1000; ++k)
            v.push_back(float(std::sin(k * 0.37) * 3.0));
        const ValueDistribution d = distributionOf(v, 17);
        std::size_t total = 0;
        for (int b = 0; b < d.bins(); ++b) {
            total += d.counts[std::size_t(b)];
            // Brute force: values in [e_b, e_b+1) (the last bin closed).
            std::size_t expected = 0;
            for (float x : v) {
                const double lo = d.edges[std::size_t(b)], hi = d.edges[std::size_t(b) + 1];
                if (x >= lo && (x < hi || (b == d.bins() - 1 && x <= hi)))
                    ++expected;
            }
            QCOMPARE(d.counts[std::size_t(b)], expected);
        }
        QCOMPARE(total, v.size());
    }
};

QTEST_APPLESS_MAIN(TestDistribution)
#include "tst_distribution.moc"
