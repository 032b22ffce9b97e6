// Writing a dataset atomically and reading it back through DatasetStore and DatasetQueries.
#include "store/DatasetQueries.h"
#include "store/DatasetStore.h"
#include "store/DatasetWriter.h"

#include <QtTest>

using namespace rs;

namespace {

/// 3 users x 4 items, sorted by (user, item): u1 rates i1..i3, u2 rates i1,i4, u3 rates i1.
RatingTable smallTable() {
    RatingTable t;
    t.userIds = {"u1", "u2", "u3"};
    t.itemIds = {"i1", "i2", "i3", "i4"};
    t.users = {0, 0, 0, 1, 1, 2};
    t.items = {0, 1, 2, 0, 3, 0};
    t.values = {4.0f, 3.5f, 5.0f, 2.0f, 4.0f, 4.0f};
    t.timestamps = {10, 20, 30, 40, 50, 60};
    return t;
}

std::int64_t write(Workspace& ws, const std::string& name, const RatingTable& t,
                   const ItemMetadata* meta = nullptr, Progress p = {}) {
    NewDataset nd;
    nd.info.name = name;
    nd.info.ratingMin = 2;
    nd.info.ratingMax = 5;
    nd.info.ratingStep = 0.5;
    nd.table = &t;
    nd.metadata = meta;
    if (writeDataset(ws, nd, p) != WriteStatus::Done)
        return 0;
    return nd.info.id;
}

} // namespace

class TestDatasetStore : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::int64_t m_id = 0;

private slots:
    void initTestCase() {
        m_ws = std::make_unique<Workspace>(m_dir.filePath("w.recscope").toStdString());
        ItemMetadata meta;
        meta.titles = {"Alpha (1999)", "Beta, \"the\" film", "", "Delta"};
        meta.genres = {"Drama|Comedy", "Drama", "", "Horror"};
        meta.extra = {"", "", "", ""};
        m_id = write(*m_ws, "small", smallTable(), &meta);
        QVERIFY(m_id > 0);
    }

    void listsWhatWasWritten() {
        auto all = DatasetStore(*m_ws).list();
        QCOMPARE(int(all.size()), 1);
        const auto& d = all[0];
        QCOMPARE(d.name, std::string("small"));
        QCOMPARE(d.numUsers, 3);
        QCOMPARE(d.numItems, 4);
        QCOMPARE(d.numRatings, 6);
        QVERIFY(d.hasTimestamps);
        QCOMPARE(d.density(), 6.0 / 12.0);
        QVERIFY(DatasetStore(*m_ws).find("small"));
        QVERIFY(!DatasetStore(*m_ws).find("other"));
    }

    void loadRoundTrips() {
        const RatingTable expected = smallTable();
        const RatingTable t = DatasetStore(*m_ws).loadRatings(m_id);
        QCOMPARE(t.users, expected.users);
        QCOMPARE(t.items, expected.items);
        QCOMPARE(t.values, expected.values);
        QCOMPARE(t.timestamps, expected.timestamps);
        QCOMPARE(t.userIds, expected.userIds);
        QCOMPARE(t.itemIds, expected.itemIds);
    }

    void summaryFigures() {
        auto s = DatasetQueries(*m_ws, m_id).summary();
        QCOMPARE(s.numRatings, 6);
        QCOMPARE(s.ratingValues, (std::vector<double>{2.0, 3.5, 4.0, 5.0}));
        QCOMPARE(s.ratingCounts, (std::vector<std::int64_t>{1, 1, 3, 1}));
        QCOMPARE(s.meanRating, (4.0 + 3.5 + 5.0 + 2.0 + 4.0 + 4.0) / 6.0);
        // item counts: i1=3, i2=1, i3=1, i4=1 -> curve starts (1,3) and ends (4,1)
        QCOMPARE(s.popularityCurve.front(), (std::pair<std::int64_t, std::int64_t>(1, 3)));
        QCOMPARE(s.popularityCurve.back(), (std::pair<std::int64_t, std::int64_t>(4, 1)));
        // the top 20% of 4 items is 1 item holding 3 of 6 ratings
        QCOMPARE(s.shortHeadShare, 0.5);
        // users have 3, 2, 1 ratings: buckets [1,2)=1, [2,4)=2
        QCOMPARE(s.userActivityBucketStart, (std::vector<std::int64_t>{1, 2}));
        QCOMPARE(s.userActivityCounts, (std::vector<std::int64_t>{1, 2}));
    }

    void ratingsPagingByUserAndItem() {
        DatasetQueries q(*m_ws, m_id);
        TableQuery byUser;
        auto all = q.ratings(byUser, 0, 100);
        QCOMPARE(int(all.size()), 6);
        QCOMPARE(all[0].userId + all[0].itemId, std::string("u1i1"));
        QCOMPARE(all[5].userId + all[5].itemId, std::string("u3i1"));
        QCOMPARE(all[1].title, std::string("Beta, \"the\" film"));
        // every window equals the matching slice of the full list
        for (int off = 0; off < 6; ++off)
            for (int lim = 1; lim <= 4; ++lim) {
                auto page = q.ratings(byUser, off, lim);
                QCOMPARE(int(page.size()), std::min(lim, 6 - off));
                for (std::size_t k = 0; k < page.size(); ++k)
                    QCOMPARE(page[k].itemId, all[std::size_t(off) + k].itemId);
            }
        byUser.descending = true;
        auto desc = q.ratings(byUser, 0, 2);
        QCOMPARE(desc[0].userId + desc[0].itemId, std::string("u3i1"));
        QCOMPARE(desc[1].userId + desc[1].itemId, std::string("u2i4"));
        TableQuery byItem;
        byItem.sortColumn = 1;
        auto items = q.ratings(byItem, 2, 3); // order: i1u1 i1u2 i1u3 i2u1 i3u1 i4u2
        QCOMPARE(items[0].itemId + items[0].userId, std::string("i1u3"));
        QCOMPARE(items[1].itemId + items[1].userId, std::string("i2u1"));
        QCOMPARE(items[2].itemId + items[2].userId, std::string("i3u1"));
        TableQuery byRating;
        byRating.sortColumn = 3;
        byRating.descending = true;
        QCOMPARE(q.ratings(byRating, 0, 1)[0].rating, 5.0);
    }

    void filtersInSql() {
        DatasetQueries q(*m_ws, m_id);
        TableQuery f;
        f.filter = "u2";
        QCOMPARE(q.countRatings(f), 2);
        f.filter = "beta";
        QCOMPARE(q.countRatings(f), 1);
        QCOMPARE(q.ratings(f, 0, 10)[0].itemId, std::string("i2"));
        f.filter = "100%"; // LIKE wildcards are literal
        QCOMPARE(q.countRatings(f), 0);
        TableQuery items;
        items.filter = "drama";
        QCOMPARE(q.countItems(items), 2);
        items.filter.clear();
        items.sortColumn = 3;
        items.descending = true;
        QCOMPARE(q.items(items, 0, 1)[0].itemId, std::string("i1"));
        QCOMPARE(q.items(items, 0, 1)[0].numRatings, 3);
        TableQuery users;
        users.sortColumn = 1;
        QCOMPARE(q.users(users, 0, 3)[0].userId, std::string("u3"));
        QCOMPARE(q.countUsers(users), 3);
    }

    void userProfileNewestFirst() {
        DatasetQueries q(*m_ws, m_id);
        auto p = q.userProfile("u1");
        QCOMPARE(int(p.size()), 3);
        QCOMPARE(p[0].itemId, std::string("i3"));
        QCOMPARE(p[0].timestamp, 30);
        QVERIFY(q.userProfile("nobody").empty());
        QCOMPARE(q.userIndex("u3"), 2);
        QCOMPARE(q.itemIndex("i9"), -1);
    }

    void cancelledWriteLeavesNothing() {
        int calls = 0;
        const auto before = DatasetStore(*m_ws).list().size();
        auto id = write(*m_ws, "cancelled", smallTable(), nullptr,
                        Progress{[&](double, std::string_view) { return ++calls < 2; }});
        QCOMPARE(id, 0);
        QCOMPARE(DatasetStore(*m_ws).list().size(), before);
        QCOMPARE(m_ws->db().scalarInt("SELECT count(*) FROM ratings WHERE dataset_id <> " +
                                      std::to_string(m_id)),
                 0);
        QCOMPARE(m_ws->integrityCheck(), std::string("ok"));
    }

    void duplicateNameFailsAndKeepsTheOriginal() {
        QVERIFY_THROWS_EXCEPTION(StoreError, write(*m_ws, "small", smallTable()));
        QCOMPARE(DatasetStore(*m_ws).loadRatings(m_id).size(), std::size_t(6));
    }

    void renameAndRemove() {
        auto id = write(*m_ws, "second", smallTable());
        QVERIFY(id > 0);
        DatasetStore store(*m_ws);
        store.rename(id, "renamed");
        QVERIFY(store.find("renamed"));
        QVERIFY_THROWS_EXCEPTION(StoreError, store.rename(id, "small"));
        store.remove(id);
        QVERIFY(!store.get(id));
        QCOMPARE(m_ws->db().scalarInt("SELECT count(*) FROM ratings WHERE dataset_id = " +
                                      std::to_string(id)),
                 0);
        QCOMPARE(store.loadRatings(m_id).size(), std::size_t(6)); // the first one is untouched
        QCOMPARE(m_ws->integrityCheck(), std::string("ok"));
    }
};

QTEST_APPLESS_MAIN(TestDatasetStore)
#include "tst_datasetstore.moc"
