// The models' portable random generator: normal deviates (ziggurat), bounded integers and
// shuffles.
#include "models/Rng.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numeric>

using namespace rs;

class TestModelsRng : public QObject {
    Q_OBJECT
private slots:
    void normalHasStandardMoments_data() {
        QTest::addColumn<bool>("single");
        QTest::newRow("double") << false;
        QTest::newRow("float") << true;
    }
    void normalHasStandardMoments() {
        QFETCH(bool, single);
        Rng rng(2024);
        const int n = 1000000;
        double s1 = 0, s2 = 0, s4 = 0;
        int within1 = 0, beyond2 = 0, tail = 0;
        for (int k = 0; k < n; ++k) {
            const double x = single ? double(rng.normalFloat()) : rng.normal();
            s1 += x;
            s2 += x * x;
            s4 += x * x * x * x;
            within1 += std::abs(x) < 1.0;
            beyond2 += std::abs(x) > 2.0;
            tail += std::abs(x) > 3.442619855899; // the sampled tail of the base strip
        }
        const double mean = s1 / n, var = s2 / n - mean * mean;
        QVERIFY(std::abs(mean) < 0.005);        // standard error 0.001
        QVERIFY(std::abs(var - 1.0) < 0.007);   // standard error 0.0014
        QVERIFY(std::abs(s4 / n - 3.0) < 0.05); // kurtosis of a normal
        QVERIFY(std::abs(within1 / double(n) - 0.682689) < 0.003);
        QVERIFY(std::abs(beyond2 / double(n) - 0.045500) < 0.0015);
        QVERIFY(std::abs(tail / double(n) - 5.76e-4) < 1.5e-4);
    }

    void sameSeedSameStream() {
        Rng a(7), b(7), c(8);
        bool differs = false;
        for (int k = 0; k < 100; ++k) {
            const auto x = a.next();
            QCOMPARE(b.next(), x);
            differs = differs || c.next() != x;
        }
        QVERIFY(differs);
        QCOMPARE(Rng(5).normal(), Rng(5).normal());
    }

    void belowStaysInRangeAndIsUniform() {
        Rng rng(3);
        std::vector<int> count(7, 0);
        for (int k = 0; k < 70000; ++k) {
            const auto v = rng.below(7);
            QVERIFY(v < 7);
            ++count[v];
        }
        for (int c : count)
            QVERIFY(std::abs(c - 10000) < 500);
        QCOMPARE(rng.below(1), 0u);
    }

    void shuffleIsAUniformPermutation() {
        Rng rng(11);
        // Where element 0 of 5 lands, over many shuffles: each place about 1/5 of the time.
        std::vector<int> place(5, 0);
        for (int k = 0; k < 50000; ++k) {
            int v[5] = {0, 1, 2, 3, 4};
            rng.shuffle(v, 5);
            ++place[std::find(v, v + 5, 0) - v];
        }
        for (int c : place)
            QVERIFY(std::abs(c - 10000) < 450);
        std::vector<int> big(100003);
        std::iota(big.begin(), big.end(), 0);
        rng.shuffle(big.data(), big.size());
        QVERIFY(!std::is_sorted(big.begin(), big.end()));
        std::sort(big.begin(), big.end());
        for (int k = 0; k < int(big.size()); ++k)
            QCOMPARE(big[k], k);
        int one = 42;
        rng.shuffle(&one, 1);
        QCOMPARE(one, 42);
    }
};

QTEST_APPLESS_MAIN(TestModelsRng)
#include "tst_models_rng.moc"
