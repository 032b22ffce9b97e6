// CSR construction (counting sorts), transposition and Interactions::fromTable.
#include "data/Interactions.h"
#include "models/Rng.h"

#include <QtTest>
#include <map>

using namespace rs;

namespace {

/// Row-by-row view of a CSR matrix as an ordered map, for comparisons.
std::map<std::pair<std::uint32_t, std::uint32_t>, float> entries(const CsrMatrix& m) {
    std::map<std::pair<std::uint32_t, std::uint32_t>, float> out;
    for (std::uint32_t r = 0; r < m.rows; ++r)
        for (std::uint64_t k = m.rowPtr[r]; k < m.rowPtr[r + 1]; ++k)
            out[{r, m.colIdx[k]}] = m.values[k];
    return out;
}

bool columnsAscending(const CsrMatrix& m) {
    for (std::uint32_t r = 0; r < m.rows; ++r)
        for (std::uint64_t k = m.rowPtr[r] + 1; k < m.rowPtr[r + 1]; ++k)
            if (m.colIdx[k - 1] >= m.colIdx[k])
                return false;
    return true;
}

RatingTable table(const std::vector<std::tuple<std::uint32_t, std::uint32_t, float>>& rows,
                  std::uint32_t users, std::uint32_t items) {
    RatingTable t;
    for (const auto& [u, i, v] : rows) {
        t.users.push_back(u);
        t.items.push_back(i);
        t.values.push_back(v);
    }
    for (std::uint32_t u = 0; u < users; ++u)
        t.userIds.push_back(std::to_string(u));
    for (std::uint32_t i = 0; i < items; ++i)
        t.itemIds.push_back(std::to_string(i));
    return t;
}

} // namespace

class TestInteractions : public QObject {
    Q_OBJECT
private slots:
    void fromTripletsSortsRowsAndColumns() {
        // Unsorted input; row 1 stays empty.
        const std::vector<std::uint32_t> r{2, 0, 2, 0, 3};
        const std::vector<std::uint32_t> c{1, 3, 0, 1, 2};
        const std::vector<float> v{1.5f, 2.0f, 3.0f, 4.0f, 5.0f};
        const CsrMatrix m = CsrMatrix::fromTriplets(4, 4, r, c, v);
        QCOMPARE(m.rows, 4u);
        QCOMPARE(m.cols, 4u);
        QCOMPARE(m.rowPtr, (std::vector<std::uint64_t>{0, 2, 2, 4, 5}));
        QCOMPARE(m.colIdx, (std::vector<std::uint32_t>{1, 3, 0, 1, 2}));
        QCOMPARE(m.values, (std::vector<float>{4.0f, 2.0f, 3.0f, 1.5f, 5.0f}));
        QCOMPARE(m.rowSize(1), 0u);
        QCOMPARE(m.rowSize(2), 2u);
        QCOMPARE(int(m.rowCols(3).size()), 1);
        QCOMPARE(m.rowValues(3)[0], 5.0f);
    }

    void transposeMovesEveryEntry() {
        const std::vector<std::uint32_t> r{2, 0, 2, 0, 3};
        const std::vector<std::uint32_t> c{1, 3, 0, 1, 2};
        const std::vector<float> v{1.5f, 2.0f, 3.0f, 4.0f, 5.0f};
        const CsrMatrix m = CsrMatrix::fromTriplets(4, 5, r, c, v);
        const CsrMatrix t = m.transposed();
        QCOMPARE(t.rows, 5u);
        QCOMPARE(t.cols, 4u);
        QCOMPARE(t.rowPtr, (std::vector<std::uint64_t>{0, 1, 3, 4, 5, 5}));
        QCOMPARE(t.colIdx, (std::vector<std::uint32_t>{2, 0, 2, 3, 0}));
        QCOMPARE(t.values, (std::vector<float>{3.0f, 4.0f, 1.5f, 5.0f, 2.0f}));
        const CsrMatrix back = t.transposed();
        QCOMPARE(back.rowPtr, m.rowPtr);
        QCOMPARE(back.colIdx, m.colIdx);
        QCOMPARE(back.values, m.values);
    }

    void randomMatrixMatchesReference() {
        Rng rng(5);
        std::map<std::pair<std::uint32_t, std::uint32_t>, float> ref;
        while (ref.size() < 2000)
            ref[{rng.below(300), rng.below(77)}] = float(rng.below(10));
        std::vector<std::pair<std::pair<std::uint32_t, std::uint32_t>, float>> shuffled(ref.begin(),
                                                                                        ref.end());
        rng.shuffle(shuffled.data(), shuffled.size());
        std::vector<std::uint32_t> r, c;
        std::vector<float> v;
        for (const auto& [rc, val] : shuffled) {
            r.push_back(rc.first);
            c.push_back(rc.second);
            v.push_back(val);
        }
        const CsrMatrix m = CsrMatrix::fromTriplets(300, 77, r, c, v);
        QVERIFY(columnsAscending(m));
        QVERIFY(entries(m) == ref);
        const CsrMatrix t = m.transposed();
        QVERIFY(columnsAscending(t));
        std::map<std::pair<std::uint32_t, std::uint32_t>, float> swapped;
        for (const auto& [rc, val] : ref)
            swapped[{rc.second, rc.first}] = val;
        QVERIFY(entries(t) == swapped);
    }

    void emptyAndEdgeShapes() {
        const CsrMatrix m = CsrMatrix::fromTriplets(3, 2, {}, {}, {});
        QCOMPARE(m.nnz(), std::size_t(0));
        QCOMPARE(m.rowPtr, (std::vector<std::uint64_t>{0, 0, 0, 0}));
        const CsrMatrix t = m.transposed();
        QCOMPARE(t.rows, 2u);
        QCOMPARE(t.rowPtr, (std::vector<std::uint64_t>{0, 0, 0}));
        const CsrMatrix z = CsrMatrix::fromTriplets(0, 0, {}, {}, {});
        QCOMPARE(z.rowPtr.size(), std::size_t(1));
    }

    void rejectsBadTriplets() {
        const std::vector<std::uint32_t> r{0, 5}, c{0, 0};
        const std::vector<float> v{1, 2};
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, CsrMatrix::fromTriplets(3, 3, r, c, v));
        const std::vector<float> shortV{1};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 CsrMatrix::fromTriplets(9, 9, r, c, shortV));
    }

    void fromTableAllRows() {
        const RatingTable t = table({{1, 2, 4.0f}, {0, 1, 3.0f}, {1, 0, 5.0f}, {2, 2, 1.0f}}, 4, 3);
        const Interactions x = Interactions::fromTable(t);
        QCOMPARE(x.numUsers(), 4u); // user 3 has no ratings but keeps its index
        QCOMPARE(x.numItems(), 3u);
        QCOMPARE(x.size(), std::size_t(4));
        QCOMPARE(x.globalMean, 13.0 / 4.0);
        QCOMPARE(x.byUser.rowPtr, (std::vector<std::uint64_t>{0, 1, 3, 4, 4}));
        QCOMPARE(x.byUser.colIdx, (std::vector<std::uint32_t>{1, 0, 2, 2}));
        QCOMPARE(x.byItem.rows, 3u);
        QCOMPARE(x.byItem.rowPtr, (std::vector<std::uint64_t>{0, 1, 2, 4}));
        QCOMPARE(x.byItem.colIdx, (std::vector<std::uint32_t>{1, 0, 1, 2}));
        QCOMPARE(x.byItem.values, (std::vector<float>{5.0f, 3.0f, 4.0f, 1.0f}));
    }

    void fromTableSubsetKeepsIndexSpace() {
        const RatingTable t = table({{1, 2, 4.0f}, {0, 1, 3.0f}, {1, 0, 5.0f}, {2, 2, 1.0f}}, 3, 3);
        const std::vector<std::uint32_t> rows{3, 0};
        const Interactions x = Interactions::fromTable(t, rows);
        QCOMPARE(x.numUsers(), 3u);
        QCOMPARE(x.numItems(), 3u);
        QCOMPARE(x.size(), std::size_t(2));
        QCOMPARE(x.globalMean, 2.5);
        QCOMPARE(entries(x.byUser).size(), std::size_t(2));
        QCOMPARE(entries(x.byUser).at({1, 2}), 4.0f);
        QCOMPARE(entries(x.byUser).at({2, 2}), 1.0f);
        const std::vector<std::uint32_t> bad{7};
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, Interactions::fromTable(t, bad));
    }
};

QTEST_APPLESS_MAIN(TestInteractions)
#include "tst_interactions.moc"
