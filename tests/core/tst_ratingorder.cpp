// Sorting, de-duplication and natural-order renumbering of rating tables.
#include "data/IdMap.h"
#include "data/RatingOrder.h"

#include <QtTest>

using namespace rs;

namespace {

RatingTable
makeTable(const std::vector<std::tuple<std::string, std::string, float, std::int64_t>>& rows) {
    RatingTable t;
    IdMap users, items;
    for (const auto& [u, i, v, ts] : rows) {
        t.users.push_back(users.intern(u));
        t.items.push_back(items.intern(i));
        t.values.push_back(v);
        t.timestamps.push_back(ts);
    }
    t.userIds = users.takeIds();
    t.itemIds = items.takeIds();
    return t;
}

} // namespace

class TestRatingOrder : public QObject {
    Q_OBJECT
private slots:
    void idMapFastPathAndStrings() {
        IdMap m;
        QCOMPARE(m.intern("42"), 0u);
        QCOMPARE(m.intern("abc"), 1u);
        QCOMPARE(m.intern("042"), 2u); // not canonical: a different id than "42"
        QCOMPARE(m.intern("42"), 0u);
        QCOMPARE(m.find("abc"), 1);
        QCOMPARE(m.find("7"), -1);
        QCOMPARE(m.find("99999999999"), -1);
        QCOMPARE(m.intern("99999999999"), 3u); // too large for the array: hashed
        QCOMPARE(m.find("99999999999"), 3);
        QCOMPARE(int(m.size()), 4);
    }

    void naturalOrder() {
        QVERIFY(naturalIdLess("2", "10"));
        QVERIFY(!naturalIdLess("10", "2"));
        QVERIFY(naturalIdLess("10", "a"));   // numbers first
        QVERIFY(naturalIdLess("a10", "a2")); // text compares as text
        QVERIFY(naturalIdLess("7", "007") || naturalIdLess("007", "7"));
        QVERIFY(!(naturalIdLess("5", "5")));
    }

    void sortsAndKeepsLastDuplicate() {
        // user 10 rates item 3 twice (4.0 then 2.0): keep-last keeps 2.0 and its timestamp.
        auto t = makeTable({{"10", "3", 4.0f, 100},
                            {"2", "7", 5.0f, 101},
                            {"10", "1", 3.0f, 102},
                            {"10", "3", 2.0f, 103},
                            {"2", "1", 1.0f, 104}});
        renumberByNaturalIdOrder(t);
        QCOMPARE(t.userIds, (std::vector<std::string>{"2", "10"}));
        QCOMPARE(t.itemIds, (std::vector<std::string>{"1", "3", "7"}));
        auto rep = sortByUserItem(t, DuplicatePolicy::KeepLast);
        QCOMPARE(rep.removed, 1);
        QCOMPARE(int(rep.examples.size()), 1);
        QCOMPARE(rep.examples[0].first, 1u);  // user "10"
        QCOMPARE(rep.examples[0].second, 1u); // item "3"
        QCOMPARE(t.users, (std::vector<std::uint32_t>{0, 0, 1, 1}));
        QCOMPARE(t.items, (std::vector<std::uint32_t>{0, 2, 0, 1}));
        QCOMPARE(t.values, (std::vector<float>{1.0f, 5.0f, 3.0f, 2.0f}));
        QCOMPARE(t.timestamps, (std::vector<std::int64_t>{104, 101, 102, 103}));
    }

    void keepFirstAndMean() {
        auto base = makeTable({{"1", "1", 4.0f, 1}, {"1", "1", 2.0f, 2}, {"1", "1", 3.0f, 3}});
        auto first = base;
        QCOMPARE(sortByUserItem(first, DuplicatePolicy::KeepFirst).removed, 2);
        QCOMPARE(first.values, (std::vector<float>{4.0f}));
        QCOMPARE(first.timestamps, (std::vector<std::int64_t>{1}));
        auto mean = base;
        QCOMPARE(sortByUserItem(mean, DuplicatePolicy::Mean).removed, 2);
        QCOMPARE(mean.values, (std::vector<float>{3.0f}));
        QCOMPARE(mean.timestamps, (std::vector<std::int64_t>{3}));
        DuplicatePolicy p;
        QVERIFY(parseDuplicatePolicy("mean", p) && p == DuplicatePolicy::Mean);
        QVERIFY(!parseDuplicatePolicy("newest", p));
    }

    void largeRandomTableMatchesReference() {
        // Against a std::map reference: sorted order and keep-last semantics on 20k rows.
        std::mt19937 rng(7);
        RatingTable t;
        std::map<std::pair<std::uint32_t, std::uint32_t>, float> last;
        for (int r = 0; r < 20000; ++r) {
            std::uint32_t u = rng() % 300, i = rng() % 500;
            float v = float(rng() % 10) / 2.0f;
            t.users.push_back(u);
            t.items.push_back(i);
            t.values.push_back(v);
            last[{u, i}] = v;
        }
        for (int u = 0; u < 300; ++u)
            t.userIds.push_back(std::to_string(u));
        for (int i = 0; i < 500; ++i)
            t.itemIds.push_back(std::to_string(i));
        auto rep = sortByUserItem(t, DuplicatePolicy::KeepLast);
        QCOMPARE(std::size_t(20000 - rep.removed), last.size());
        QCOMPARE(t.size(), last.size());
        std::size_t k = 0;
        for (const auto& [key, v] : last) {
            QCOMPARE(t.users[k], key.first);
            QCOMPARE(t.items[k], key.second);
            QCOMPARE(t.values[k], v);
            ++k;
        }
        QVERIFY(t.timestamps.empty());
    }
};

QTEST_APPLESS_MAIN(TestRatingOrder)
#include "tst_ratingorder.moc"
