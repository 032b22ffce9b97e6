// The comparison's statistics against textbook and hand-computed values: the regularised
// incomplete beta function (closed forms), Student-t and normal tail probabilities (table
// values, df = 1 and 2 closed forms), the t quantile, the paired t-test, the Wilcoxon
// signed-rank test (exact and normal approximation, zeros and ties), Spearman and Kendall tau-b,
// and the top-K list measures (Jaccard, tau-b with missing items ranked below the list).
#include "compare/Distributions.h"
#include "compare/ListOverlap.h"
#include "compare/PairedTests.h"
#include "compare/RankCorrelation.h"

#include <QtTest>

#include <cmath>
#include <numbers>
#include <vector>

using namespace rs;

namespace {

bool near(double a, double b, double tolerance) {
    return std::abs(a - b) <= tolerance;
}

} // namespace

class TestCompareStats : public QObject {
    Q_OBJECT

private slots:
    void incompleteBetaClosedForms() {
        // Integer a, b: I_x(a, b) = sum_{j=a}^{a+b-1} C(a+b-1, j) x^j (1-x)^(a+b-1-j);
        // I_0.3(2, 3) = 6(.09)(.49) + 4(.027)(.7) + .0081 = 0.3483.
        QVERIFY(near(regularizedIncompleteBeta(2, 3, 0.3), 0.3483, 1e-12));
        // I_x(a, 1) = x^a and I_x(1, b) = 1 - (1 - x)^b.
        QVERIFY(near(regularizedIncompleteBeta(3.5, 1, 0.4), std::pow(0.4, 3.5), 1e-12));
        QVERIFY(near(regularizedIncompleteBeta(1, 4, 0.25), 1 - std::pow(0.75, 4), 1e-12));
        // I_x(1/2, 1/2) = (2 / pi) asin(sqrt(x)) (the arcsine distribution).
        QVERIFY(near(regularizedIncompleteBeta(0.5, 0.5, 0.9),
                     2 / std::numbers::pi * std::asin(std::sqrt(0.9)), 1e-12));
        // Symmetry: I_{1/2}(a, a) = 1/2; and the large-parameter tails stay accurate.
        QVERIFY(near(regularizedIncompleteBeta(50, 50, 0.5), 0.5, 1e-12));
        QVERIFY(near(regularizedIncompleteBeta(50, 40, 0.6), 0.801153417974489, 1e-10));
        QCOMPARE(regularizedIncompleteBeta(2, 3, 0.0), 0.0);
        QCOMPARE(regularizedIncompleteBeta(2, 3, 1.0), 1.0);
        QVERIFY(std::isnan(regularizedIncompleteBeta(-1, 3, 0.5)));
        QVERIFY(std::isnan(regularizedIncompleteBeta(2, 3, 1.5)));
    }

    void normalDistribution() {
        QVERIFY(near(normalCdf(0.0), 0.5, 1e-15));
        QVERIFY(near(normalCdf(1.96), 0.975002104851780, 1e-12)); // table: 0.9750
        QVERIFY(near(normalCdf(-1.0), 0.158655253931457, 1e-12)); // table: 0.1587
        QVERIFY(near(normalTwoSidedP(1.96), 0.05, 1e-4));
        QVERIFY(near(normalTwoSidedP(-2.5758), 0.01, 1e-5));
    }

    void studentTTableValues() {
        // Critical values of the t table: two-sided 5% at df = 10 is 2.228, 1% at df = 5 is
        // 4.032, 5% at df = 30 is 2.042.
        QVERIFY(near(studentTTwoSidedP(2.228, 10), 0.05, 2e-5));
        QVERIFY(near(studentTTwoSidedP(-2.228, 10), 0.05, 2e-5));
        QVERIFY(near(studentTTwoSidedP(4.032, 5), 0.01, 2e-5));
        QVERIFY(near(studentTTwoSidedP(2.042, 30), 0.05, 1e-4));
        // df = 1 (Cauchy): p = 1 - (2 / pi) atan|t|; df = 2: p = 1 - |t| / sqrt(t^2 + 2).
        QVERIFY(near(studentTTwoSidedP(2.0, 1), 1 - 2 / std::numbers::pi * std::atan(2.0), 1e-13));
        QVERIFY(near(studentTTwoSidedP(1.5, 2), 1 - 1.5 / std::sqrt(1.5 * 1.5 + 2), 1e-13));
        QVERIFY(near(studentTCdf(0.0, 7), 0.5, 1e-15));
        QVERIFY(near(studentTCdf(2.228, 10), 0.975, 1e-5));
        QVERIFY(near(studentTCdf(-2.228, 10), 0.025, 1e-5));
        QCOMPARE(studentTTwoSidedP(0.0, 3), 1.0);
        // Large df tends to the normal distribution.
        QVERIFY(near(studentTTwoSidedP(1.96, 1e6), normalTwoSidedP(1.96), 1e-6));
        QVERIFY(std::isnan(studentTTwoSidedP(1.0, 0.0)));
    }

    void studentTTinyPValues() {
        // Large t with many users: p far below 1e-16 keeps its relative precision (reference
        // values from the definition in 40-digit arithmetic).
        auto relative = [](double got, double want) { return std::abs(got / want - 1.0); };
        QVERIFY(relative(studentTTwoSidedP(13.7, 596), 2.458059499592768e-37) < 1e-9);
        QVERIFY(relative(studentTTwoSidedP(10, 100), 9.901688984594139e-17) < 1e-9);
        QVERIFY(relative(studentTTwoSidedP(-40, 30), 1.372604519440640e-27) < 1e-9);
        QVERIFY(studentTCdf(-1e-9, 9) < 0.5 && studentTCdf(1e-9, 9) > 0.5);
    }

    void studentTQuantiles() {
        QVERIFY(near(studentTQuantile(0.975, 10), 2.228138851986, 1e-9));
        QVERIFY(near(studentTQuantile(0.975, 4), 2.776445105198, 1e-9));
        QVERIFY(near(studentTQuantile(0.025, 4), -2.776445105198, 1e-9));
        QVERIFY(near(studentTQuantile(0.975, 1), std::tan(std::numbers::pi * 0.475), 1e-8));
        QVERIFY(near(studentTQuantile(0.5, 9), 0.0, 1e-12));
    }

    void pairedTTestByHand() {
        // d = b - a = .05, -.02, .08, .07, .07, .02: mean .045, sd .0383406 (n - 1), se =
        // sd / sqrt 6, t = 2.87494, df 5; the t table puts p between .02 and .05 (2.571 < t <
        // 3.365); p = 0.0347929. CI: .045 +- 2.570582 * se = [0.004764, 0.085236].
        const std::vector<double> a = {0.30, 0.42, 0.25, 0.51, 0.38, 0.29};
        const std::vector<double> b = {0.35, 0.40, 0.33, 0.58, 0.45, 0.31};
        const PairedTTest t = pairedTTest(a, b);
        QCOMPARE(t.n, std::size_t(6));
        QVERIFY(near(t.meanDelta, 0.045, 1e-12));
        QVERIFY(near(t.sdDelta, 0.0383405790253616, 1e-12));
        QVERIFY(near(t.t, 2.87494454249973, 1e-9));
        QCOMPARE(t.df, 5.0);
        QVERIFY(near(t.p, 0.0347929488846101, 1e-9));
        QVERIFY(near(t.ciLow, 0.00476402991653707, 1e-9));
        QVERIFY(near(t.ciHigh, 0.0852359700834629, 1e-9));
        // Swapping the runs flips the sign and keeps p.
        const PairedTTest back = pairedTTest(b, a);
        QVERIFY(near(back.t, -t.t, 1e-12));
        QVERIFY(near(back.p, t.p, 1e-12));
    }

    void pairedTTestEdgeCases() {
        const std::vector<double> same = {0.1, 0.5, 0.2, 0.9};
        const PairedTTest zero = pairedTTest(same, same);
        QCOMPARE(zero.meanDelta, 0.0);
        QCOMPARE(zero.t, 0.0);
        QCOMPARE(zero.p, 1.0);
        QCOMPARE(zero.ciLow, 0.0);
        QCOMPARE(zero.ciHigh, 0.0);
        const std::vector<double> a = {1, 2, 3, 4}, b = {1.5, 2.5, 3.5, 4.5}; // every d = .5
        const PairedTTest constant = pairedTTest(a, b);
        QVERIFY(std::isinf(constant.t) && constant.t > 0);
        QCOMPARE(constant.p, 0.0);
        const std::vector<double> one = {0.3};
        QVERIFY(std::isnan(pairedTTest(one, one).p));
    }

    void wilcoxonExactSmallSample() {
        // d = 1.5, -.5, 2, 3, -1, 4, 2.5, 0: the zero is dropped, n = 7; ranks of |d|:
        // .5->1, 1->2, 1.5->3, 2->4, 2.5->5, 3->6, 4->7. W- = 1 + 2 = 3, W+ = 25. Subsets of
        // {1..7} with sum <= 3: {}, {1}, {2}, {3}, {1,2} = 5 of 128, so p = 2 * 5/128.
        const std::vector<double> a(8, 10.0);
        const std::vector<double> b = {11.5, 9.5, 12, 13, 9, 14, 12.5, 10};
        const WilcoxonTest w = wilcoxonSignedRank(a, b);
        QCOMPARE(w.n, std::size_t(7));
        QCOMPARE(w.zeros, std::size_t(1));
        QCOMPARE(w.wPlus, 25.0);
        QCOMPARE(w.wMinus, 3.0);
        QVERIFY(w.exact);
        QVERIFY(near(w.p, 10.0 / 128.0, 1e-12));
        // The other direction: W+ = 3 sits in the lower tail, same p.
        const WilcoxonTest swapped = wilcoxonSignedRank(b, a);
        QCOMPARE(swapped.wPlus, 3.0);
        QVERIFY(near(swapped.p, 10.0 / 128.0, 1e-12));
        // Normal approximation: mean 14, variance 7*8*15/24 = 35, z = (25 - 14 - .5)/sqrt 35.
        const WilcoxonTest approx = wilcoxonSignedRank(a, b, 0);
        QVERIFY(!approx.exact);
        QVERIFY(near(approx.z, 10.5 / std::sqrt(35.0), 1e-12));
        QVERIFY(near(approx.p, 0.0759269629825576, 1e-9));
        QVERIFY(near(w.z, approx.z, 1e-12));
    }

    void wilcoxonTiesAndZeros() {
        // d = 1, 1, -1, 2, 2, 2, 3, -3, 0, 0: two zeros dropped, n = 8; midranks 1s -> 2,
        // 2s -> 5, 3s -> 7.5; W+ = 2+2+5+5+5+7.5 = 26.5, W- = 9.5. Ties: (27-3)+(27-3)+(8-2) = 54,
        // variance 8*9*17/24 - 54/48 = 49.875, z = (26.5 - 18 - .5)/sqrt(49.875).
        const std::vector<double> a(10, 0.0);
        const std::vector<double> b = {1, 1, -1, 2, 2, 2, 3, -3, 0, 0};
        const WilcoxonTest approx = wilcoxonSignedRank(a, b, 0);
        QCOMPARE(approx.n, std::size_t(8));
        QCOMPARE(approx.zeros, std::size_t(2));
        QCOMPARE(approx.wPlus, 26.5);
        QCOMPARE(approx.wMinus, 9.5);
        QVERIFY(near(approx.z, 8.0 / std::sqrt(49.875), 1e-12));
        QVERIFY(near(approx.p, 0.257303409301485, 1e-9));
        // Exact with ties: 37 of the 256 sign patterns of the doubled ranks 4,4,4,10,10,10,15,15
        // reach 2 W+ = 53 or more (counted by enumeration); p = 2 * 37/256.
        const WilcoxonTest exact = wilcoxonSignedRank(a, b);
        QVERIFY(exact.exact);
        QVERIFY(near(exact.p, 74.0 / 256.0, 1e-12));
    }

    void wilcoxonLargeSampleUsesNormal() {
        std::vector<double> a, b;
        for (int i = 0; i < 80; ++i) {
            a.push_back(0.0);
            b.push_back(i % 3 == 0 ? -(i + 1.0) : i + 1.0); // distinct |d| = 1..80
        }
        const WilcoxonTest w = wilcoxonSignedRank(a, b);
        QVERIFY(!w.exact);
        double wMinus = 0;
        for (int i = 0; i < 80; i += 3)
            wMinus += i + 1;
        QCOMPARE(w.wMinus, wMinus);
        QCOMPARE(w.wPlus, 80.0 * 81 / 2 - wMinus);
        const double mean = 80.0 * 81 / 4, sd = std::sqrt(80.0 * 81 * 161 / 24);
        QVERIFY(near(w.z, (w.wPlus - mean - 0.5) / sd, 1e-12));
        QVERIFY(near(w.p, normalTwoSidedP(w.z), 1e-15));
    }

    void wilcoxonIdenticalSeries() {
        const std::vector<double> same = {0.1, 0.5, 0.2};
        const WilcoxonTest w = wilcoxonSignedRank(same, same);
        QCOMPARE(w.n, std::size_t(0));
        QCOMPARE(w.zeros, std::size_t(3));
        QCOMPARE(w.p, 1.0);
    }

    void averageRanksShareTies() {
        const std::vector<double> v = {10, 30, 20, 30, 10, 40};
        const std::vector<double> expected = {1.5, 4.5, 3, 4.5, 1.5, 6};
        QCOMPARE(averageRanks(v), expected);
    }

    void spearmanAndKendallByHand() {
        // x = 1..5, y = 2,1,4,3,5: sum d^2 = 4, rho = 1 - 6*4/(5*24) = 0.8; 2 discordant pairs
        // of 10, tau = (8 - 2)/10 = 0.6.
        const std::vector<double> x = {1, 2, 3, 4, 5}, y = {2, 1, 4, 3, 5};
        QVERIFY(near(spearman(x, y), 0.8, 1e-12));
        QVERIFY(near(kendallTauB(x, y), 0.6, 1e-12));
        // Ties: x = 1,2,2,3, y = 1,2,3,3: 4 concordant, 0 discordant, one tie in each:
        // tau-b = 4 / sqrt(5 * 5) = 0.8; ranks x 1,2.5,2.5,4 and y 1,2,3.5,3.5 give rho = 3.75/4.5.
        const std::vector<double> tx = {1, 2, 2, 3}, ty = {1, 2, 3, 3};
        QVERIFY(near(kendallTauB(tx, ty), 0.8, 1e-12));
        QVERIFY(near(spearman(tx, ty), 3.75 / 4.5, 1e-12));
        // Reversed order: -1; a constant side: undefined.
        const std::vector<double> rev = {5, 4, 3, 2, 1}, flat = {1, 1, 1, 1, 1};
        QVERIFY(near(spearman(x, rev), -1.0, 1e-12));
        QVERIFY(near(kendallTauB(x, rev), -1.0, 1e-12));
        QVERIFY(std::isnan(spearman(x, flat)));
        QVERIFY(std::isnan(kendallTauB(x, flat)));
    }

    void listJaccardByHand() {
        const std::vector<std::uint32_t> a = {1, 2, 3, 4}, b = {5, 4, 3};
        QVERIFY(near(listJaccard(a, b), 2.0 / 5.0, 1e-15));
        QCOMPARE(listJaccard(a, a), 1.0);
        const std::vector<std::uint32_t> c = {7, 8};
        QCOMPARE(listJaccard(a, c), 0.0);
        QCOMPARE(listJaccard({}, {}), 1.0);
        QCOMPARE(listJaccard(a, {}), 0.0);
    }

    void listKendallTauOnTheUnion() {
        // a = 10,20,30; b = 20,10,40. Union 10,20,30,40; ranks in a: 1,2,3,4 (40 missing ->
        // 3 + 1); in b: 2,1,4,3 (30 missing). Discordant: (10,20), (30,40); tau = (4 - 2)/6.
        const std::vector<std::uint32_t> a = {10, 20, 30}, b = {20, 10, 40};
        QVERIFY(near(listKendallTau(a, b), 1.0 / 3.0, 1e-12));
        QCOMPARE(listKendallTau(a, a), 1.0);
        // Disjoint: a = 1,2 and b = 3,4: ranks a 1,2,3,3 and b 3,3,1,2; 4 discordant, one tie
        // in each: tau-b = -4 / sqrt(5 * 5).
        const std::vector<std::uint32_t> c = {1, 2}, d = {3, 4};
        QVERIFY(near(listKendallTau(c, d), -0.8, 1e-12));
        // Same items, reversed order.
        const std::vector<std::uint32_t> e = {3, 2, 1}, f = {1, 2, 3};
        QVERIFY(near(listKendallTau(e, f), -1.0, 1e-12));
        const std::vector<std::uint32_t> single = {9};
        QVERIFY(std::isnan(listKendallTau(single, single)));
    }

    void listKendallTauOnTheSharedItems() {
        // a = 10,20,30,40; b = 30,10,50,20. Shared 10,20,30 at positions 1,2,3 in a and 2,4,1 in
        // b: (10,20) concordant, (10,30) and (20,30) discordant: tau = (1 - 2)/3.
        const std::vector<std::uint32_t> a = {10, 20, 30, 40}, b = {30, 10, 50, 20};
        QVERIFY(near(listKendallTauShared(a, b), -1.0 / 3.0, 1e-12));
        QVERIFY(near(listKendallTauShared(b, a), -1.0 / 3.0, 1e-12));
        // Disjoint lists share nothing to order; one shared item is not an order either.
        const std::vector<std::uint32_t> c = {1, 2}, d = {3, 4}, e = {2, 5};
        QVERIFY(std::isnan(listKendallTauShared(c, d)));
        QVERIFY(std::isnan(listKendallTauShared(c, e)));
        QCOMPARE(listKendallTauShared(a, a), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestCompareStats)
#include "tst_compare_stats.moc"
