// Train/test splits: reproducibility, exact partitions, per-user and temporal properties, the
// text form.
#include "split/Split.h"

#include <QtTest>
#include <algorithm>
#include <map>
#include <numeric>
#include <set>

using namespace rs;

namespace {

/// 40 users with 1..12 ratings each (user u has 1 + u % 12), items and timestamps from a small
/// linear congruential sequence; timestamps collide often so the tie rule matters.
RatingTable makeTable(bool withTime = true) {
    RatingTable t;
    std::uint64_t x = 12345;
    auto next = [&x] {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        return std::uint32_t(x >> 33);
    };
    for (std::uint32_t u = 0; u < 40; ++u)
        for (std::uint32_t k = 0; k < 1 + u % 12; ++k) {
            t.users.push_back(u);
            t.items.push_back(next() % 30);
            t.values.push_back(float(1 + next() % 5));
            if (withTime)
                t.timestamps.push_back(std::int64_t(next() % 50));
        }
    for (int u = 0; u < 40; ++u)
        t.userIds.push_back(std::to_string(u));
    for (int i = 0; i < 30; ++i)
        t.itemIds.push_back(std::to_string(i));
    return t;
}

/// Both lists ascending, disjoint and together every row exactly once.
bool isPartition(const SplitResult& s, std::size_t n) {
    if (!std::is_sorted(s.trainRows.begin(), s.trainRows.end()) ||
        !std::is_sorted(s.testRows.begin(), s.testRows.end()))
        return false;
    std::vector<std::uint32_t> all = s.trainRows;
    all.insert(all.end(), s.testRows.begin(), s.testRows.end());
    std::sort(all.begin(), all.end());
    std::vector<std::uint32_t> expected(n);
    std::iota(expected.begin(), expected.end(), 0u);
    return all == expected;
}

std::map<std::uint32_t, int> countByUser(const RatingTable& t,
                                         const std::vector<std::uint32_t>& rows) {
    std::map<std::uint32_t, int> c;
    for (std::uint32_t r : rows)
        ++c[t.users[r]];
    return c;
}

} // namespace

class TestSplit : public QObject {
    Q_OBJECT
private slots:
    void randomIsReproducibleAndExact() {
        const RatingTable t = makeTable();
        const std::size_t n = t.size(); // sum of 1 + u % 12 over 40 users: 3 * 78 + 10 = 244
        QCOMPARE(n, std::size_t(244));
        SplitSpec s;
        s.kind = SplitSpec::Random;
        s.testFraction = 0.2;
        s.seed = 7;
        const SplitResult a = makeSplit(t, s), b = makeSplit(t, s);
        QVERIFY(a.ok());
        QVERIFY(isPartition(a, n));
        QCOMPARE(a.testRows, b.testRows);
        QCOMPARE(a.testRows.size(), std::size_t(49)); // round(0.2 * 244) = round(48.8)
        s.seed = 8;
        QVERIFY(makeSplit(t, s).testRows != a.testRows);
    }

    void randomMatchesIndependentImplementation() {
        // Seed 0 on 10 rows, test fraction 0.3. The expected rows were computed independently
        // with a Python implementation of MT19937-64 (checked against the standard's 10000th
        // output 9981545732273789042) and the same Fisher-Yates with rejection sampling:
        // for k = 10..2 swap v[k-1] with v[x % k], x drawn until below 2^64-1 - (2^64-1) % k;
        // the first 3 positions are the test rows.
        RatingTable t;
        for (std::uint32_t r = 0; r < 10; ++r) {
            t.users.push_back(r % 3);
            t.items.push_back(r);
            t.values.push_back(1.0f);
        }
        t.userIds = {"a", "b", "c"};
        t.itemIds.resize(10, "i");
        SplitSpec s;
        s.testFraction = 0.3;
        const SplitResult r = makeSplit(t, s);
        QCOMPARE(r.testRows.size(), std::size_t(3));
        QCOMPARE(r.testRows, (std::vector<std::uint32_t>{0, 2, 7}));
    }

    void perUserKeepsTrainRatings() {
        const RatingTable t = makeTable();
        SplitSpec s;
        s.kind = SplitSpec::PerUser;
        s.testFraction = 0.5;
        s.seed = 3;
        const SplitResult r = makeSplit(t, s);
        QVERIFY(r.ok());
        QVERIFY(isPartition(r, t.size()));
        auto train = countByUser(t, r.trainRows), test = countByUser(t, r.testRows);
        for (std::uint32_t u = 0; u < 40; ++u) {
            const int nu = int(1 + u % 12);
            QVERIFY(train[u] >= 1);
            // round(0.5 n_u), at most n_u - 1.
            const int expected = std::min(int(std::floor(0.5 * nu + 0.5)), nu - 1);
            QCOMPARE(test[u], expected);
        }
        // A high fraction still leaves one train rating per user.
        s.testFraction = 0.99;
        const SplitResult h = makeSplit(t, s);
        auto train2 = countByUser(t, h.trainRows);
        for (std::uint32_t u = 0; u < 40; ++u)
            QCOMPARE(train2[u], 1);
        s.seed = 4;
        s.testFraction = 0.5;
        QVERIFY(makeSplit(t, s).testRows != r.testRows);
    }

    void temporalGlobalCutsByTime() {
        const RatingTable t = makeTable();
        SplitSpec s;
        s.kind = SplitSpec::TemporalGlobal;
        s.testFraction = 0.25;
        const SplitResult r = makeSplit(t, s);
        QVERIFY(r.ok());
        QVERIFY(isPartition(r, t.size()));
        QCOMPARE(r.testRows.size(), std::size_t(61)); // 0.25 * 244
        std::int64_t maxTrain = 0, minTest = 1000;
        for (std::uint32_t row : r.trainRows)
            maxTrain = std::max(maxTrain, t.timestamps[row]);
        for (std::uint32_t row : r.testRows)
            minTest = std::min(minTest, t.timestamps[row]);
        QVERIFY(maxTrain <= minTest);
        // Among rows at the cut time, the later rows (higher index) are the test ones.
        for (std::uint32_t a : r.trainRows)
            for (std::uint32_t b : r.testRows)
                if (t.timestamps[a] == t.timestamps[b])
                    QVERIFY(a < b);
    }

    void lastNTakesNewestPerUser() {
        const RatingTable t = makeTable();
        SplitSpec s;
        s.kind = SplitSpec::TemporalLastN;
        s.lastN = 2;
        const SplitResult r = makeSplit(t, s);
        QVERIFY(r.ok());
        QVERIFY(isPartition(r, t.size()));
        auto train = countByUser(t, r.trainRows), test = countByUser(t, r.testRows);
        const std::set<std::uint32_t> testSet(r.testRows.begin(), r.testRows.end());
        for (std::uint32_t u = 0; u < 40; ++u) {
            const int nu = int(1 + u % 12);
            QCOMPARE(test[u], std::min(2, nu - 1));
            QCOMPARE(train[u], nu - std::min(2, nu - 1));
        }
        // Every test row is newer than (or tied with a lower-index) train row of its user.
        for (std::uint32_t a : r.trainRows)
            for (std::uint32_t b : r.testRows)
                if (t.users[a] == t.users[b]) {
                    QVERIFY(t.timestamps[a] <= t.timestamps[b]);
                    if (t.timestamps[a] == t.timestamps[b])
                        QVERIFY(a < b);
                }
    }

    void kFoldPartitionsExactly() {
        const RatingTable t = makeTable();
        SplitSpec s;
        s.kind = SplitSpec::KFold;
        s.folds = 5;
        s.seed = 11;
        std::vector<int> seen(t.size(), 0);
        for (int f = 0; f < 5; ++f) {
            s.fold = f;
            const SplitResult r = makeSplit(t, s);
            QVERIFY(r.ok());
            QVERIFY(isPartition(r, t.size()));
            // 244 rows in 5 folds at f * 244 / 5 = 0, 48, 97, 146, 195, 244: sizes 48 or 49.
            QCOMPARE(r.testRows.size(), std::size_t(f == 0 ? 48 : 49));
            for (std::uint32_t row : r.testRows)
                ++seen[row];
        }
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](int c) { return c == 1; }));
    }

    void errorsAreReportedNotThrown() {
        const RatingTable noTime = makeTable(false);
        SplitSpec s;
        s.kind = SplitSpec::TemporalGlobal;
        SplitResult r = makeSplit(noTime, s);
        QVERIFY(!r.ok());
        QVERIFY(r.error.find("timestamps") != std::string::npos);
        QVERIFY(r.trainRows.empty() && r.testRows.empty());
        s.kind = SplitSpec::TemporalLastN;
        QVERIFY(!makeSplit(noTime, s).ok());
        s.kind = SplitSpec::Predefined;
        QVERIFY(!makeSplit(noTime, s).ok());
        s.kind = SplitSpec::Random;
        s.testFraction = 1.0;
        QVERIFY(!makeSplit(noTime, s).ok());
        s.kind = SplitSpec::KFold;
        s.folds = 3;
        s.fold = 3;
        QVERIFY(!makeSplit(noTime, s).ok());
        s.folds = 1;
        s.fold = 0;
        QVERIFY(!makeSplit(noTime, s).ok());
    }

    void parseAndDescribeRoundTrip() {
        const std::vector<std::string> texts = {"random:0.2:seed=0",
                                                "peruser:0.2:seed=1",
                                                "temporal:0.2",
                                                "lastn:1",
                                                "kfold:5:fold=0:seed=3",
                                                "predefined",
                                                "random:0.125:seed=18446744073709551615"};
        for (const auto& text : texts) {
            std::string err;
            const SplitSpec s = parseSplitSpec(text, err);
            QVERIFY2(err.empty(), (text + ": " + err).c_str());
            QCOMPARE(describe(s), text);
            QVERIFY(parseSplitSpec(describe(s), err) == s);
        }
        std::string err;
        SplitSpec k = parseSplitSpec("kfold:5:fold=2:seed=3", err);
        QCOMPARE(int(k.kind), int(SplitSpec::KFold));
        QCOMPARE(k.folds, 5);
        QCOMPARE(k.fold, 2);
        QCOMPARE(k.seed, std::uint64_t(3));
        // Keys may replace the positional number; defaults fill the rest.
        k = parseSplitSpec("peruser:test=0.3", err);
        QVERIFY(err.empty());
        QCOMPARE(k.testFraction, 0.3);
        QCOMPARE(describe(k), std::string("peruser:0.3:seed=0"));
        k = parseSplitSpec("kfold", err);
        QCOMPARE(describe(k), std::string("kfold:5:fold=0:seed=0"));
        k = parseSplitSpec("lastn:n=3", err);
        QCOMPARE(k.lastN, 3);
        // Every kind's default spec round-trips through its description.
        for (auto kind : {SplitSpec::Random, SplitSpec::PerUser, SplitSpec::TemporalGlobal,
                          SplitSpec::TemporalLastN, SplitSpec::KFold, SplitSpec::Predefined}) {
            SplitSpec d;
            d.kind = kind;
            QVERIFY(parseSplitSpec(describe(d), err) == d);
        }
    }

    void parseErrors() {
        const std::vector<std::string> bad = {"",
                                              "bogus:0.2",
                                              "random:1.5",
                                              "random:0",
                                              "random:abc",
                                              "random:0.2:0.3",
                                              "kfold:5:fold=5",
                                              "kfold:1",
                                              "temporal:0.2:seed=1",
                                              "lastn:0",
                                              "predefined:0.2",
                                              "random:0.2:seed=-1",
                                              "random:0.2:=3",
                                              "peruser:0.2:folds=3",
                                              "lastn:1.5"};
        for (const auto& text : bad) {
            std::string err;
            const SplitSpec s = parseSplitSpec(text, err);
            QVERIFY2(!err.empty(), text.c_str());
            QVERIFY(s == SplitSpec{});
        }
    }
};

QTEST_APPLESS_MAIN(TestSplit)
#include "tst_split.moc"
