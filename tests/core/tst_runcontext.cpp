// RunContext: a stored run loaded back (model, training interactions, ids, item labels) checked
// against what the workspace holds: index lookups, training rows = dataset minus the split's test
// rows, recommendations without rated items equal to a brute-force top-k of a separately loaded
// model, rankOf against positions in the full list, and titles from the items file.
#include "TestFiles.h"
#include "import/ImportJob.h"
#include "store/DatasetQueries.h"
#include "store/DatasetStore.h"
#include "store/RunStore.h"
#include "store/SplitStore.h"
#include "train/RunContext.h"
#include "train/TrainingJob.h"

#include <QtTest>

#include <algorithm>
#include <map>
#include <random>
#include <set>

using namespace rs;

namespace {

constexpr int kUsers = 40, kItems = 60;

/// External ids that differ from the dense indices (and sort differently as text).
std::string userId(int u) {
    return std::to_string(7 + u * 5);
}
std::string itemId(int i) {
    return std::to_string(1000 - i * 3);
}

/// The top-k of `scores` without `exclude`, best first, ties by lower index.
std::vector<std::uint32_t> bruteTopK(const std::vector<float>& scores,
                                     const std::set<std::uint32_t>& exclude, int k) {
    std::vector<std::uint32_t> items;
    for (std::uint32_t i = 0; i < scores.size(); ++i)
        if (!exclude.count(i))
            items.push_back(i);
    std::stable_sort(items.begin(), items.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return scores[a] > scores[b]; });
    items.resize(std::min<std::size_t>(items.size(), std::size_t(k)));
    return items;
}

} // namespace

class TestRunContext : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::int64_t m_dataset = 0, m_run = 0;

private slots:
    void initTestCase() {
        QByteArray csv = "user,item,rating,timestamp\n";
        std::mt19937 rng(11);
        for (int u = 0; u < kUsers; ++u)
            for (int i = 0; i < kItems - 5; ++i) { // the last 5 items are never rated
                if (rng() % 3)
                    continue;
                const int r = (u % 2) == (i % 2) ? 4 + int(rng() % 2) : 1 + int(rng() % 2);
                csv += QByteArray::fromStdString(userId(u)) + ',' +
                       QByteArray::fromStdString(itemId(i)) + ',' + QByteArray::number(r) + ',' +
                       QByteArray::number(5000 + u * kItems + i) + '\n';
            }
        QByteArray items = "movieId,title,genres\n";
        for (int i = 0; i < kItems; ++i)
            items += QByteArray::fromStdString(itemId(i)) + ",Film " + QByteArray::number(i) +
                     " (2001)," + (i % 2 ? "Drama" : "Comedy|Romance") + '\n';
        m_ws = std::make_unique<Workspace>(m_dir.filePath("w.recscope").toStdString());
        ImportOptions o;
        o.datasetName = "tiny";
        o.ratingsPath = test::writeFile(m_dir, "r.csv", csv).toStdString();
        o.itemsPath = test::writeFile(m_dir, "items.csv", items).toStdString();
        auto r = importRatings(*m_ws, o, {});
        QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
        m_dataset = r.datasetId;

        TrainingRequest req;
        req.datasetId = m_dataset;
        req.model = "biasedmf";
        req.params = {{"factors", "4"}, {"epochs", "8"}};
        req.split = "random:0.25:seed=2";
        auto out = runTraining(*m_ws, req, {});
        QVERIFY2(out.status == TrainingStatus::Done, out.error.c_str());
        QVERIFY(out.run.id > 0);
        m_run = out.run.id;
    }

    void indexLookups() {
        std::string error;
        auto ctx = loadRunContext(*m_ws, m_run, error);
        QVERIFY2(ctx, error.c_str());
        QCOMPARE(ctx->run.id, m_run);
        QCOMPARE(ctx->run.model, std::string("biasedmf"));
        DatasetQueries q(*m_ws, m_dataset);
        QCOMPARE(int(ctx->numUsers()), kUsers);
        for (int u = 0; u < kUsers; ++u) {
            const auto idx = ctx->userIndex(userId(u));
            QCOMPARE(idx, q.userIndex(userId(u)));
            QVERIFY(idx >= 0);
            QCOMPARE(ctx->userIds[std::size_t(idx)], userId(u));
        }
        for (int i = 0; i < kItems - 5; ++i) {
            const auto idx = ctx->itemIndex(itemId(i));
            QCOMPARE(idx, q.itemIndex(itemId(i)));
            QVERIFY(idx >= 0);
            QCOMPARE(ctx->items[std::size_t(idx)].id, itemId(i));
        }
        QCOMPARE(ctx->userIndex("8"), std::int64_t(-1));
        QCOMPARE(ctx->userIndex(""), std::int64_t(-1));
        QCOMPARE(ctx->userIndex("zzz"), std::int64_t(-1));
        QCOMPARE(ctx->itemIndex(itemId(kItems - 1)), std::int64_t(-1)); // metadata only, unrated
        QCOMPARE(ctx->itemIndex("1001"), std::int64_t(-1));
    }

    void trainingRowsExcludeTheTestRows() {
        std::string error;
        auto ctx = loadRunContext(*m_ws, m_run, error);
        QVERIFY2(ctx, error.c_str());
        const auto split = SplitStore(*m_ws).get(ctx->run.splitId);
        QVERIFY(split);
        QVERIFY(!split->testRows.empty());
        const RatingTable table = DatasetStore(*m_ws).loadRatings(m_dataset);
        const std::set<std::uint32_t> test(split->testRows.begin(), split->testRows.end());
        std::map<std::uint32_t, std::map<std::uint32_t, float>> expected;
        for (std::uint32_t r = 0; r < table.size(); ++r)
            if (!test.count(r))
                expected[table.users[r]][table.items[r]] = table.values[r];
        std::size_t total = 0;
        for (std::uint32_t u = 0; u < ctx->numUsers(); ++u) {
            const auto items = ctx->trainItems(u);
            const auto values = ctx->trainValues(u);
            QCOMPARE(items.size(), values.size());
            QCOMPARE(items.size(), expected[u].size());
            std::size_t k = 0;
            for (const auto& [item, value] : expected[u]) {
                QCOMPARE(items[k], item);
                QCOMPARE(values[k], value);
                ++k;
            }
            total += items.size();
        }
        QCOMPARE(total, std::size_t(table.size() - split->testRows.size()));
        QVERIFY(ctx->trainItems(ctx->numUsers()).empty());
        QVERIFY(ctx->trainValues(ctx->numUsers() + 10).empty());
    }

    void recommendExcludesRatedItems() {
        std::string error;
        auto ctx = loadRunContext(*m_ws, m_run, error);
        QVERIFY2(ctx, error.c_str());
        // A second, independently restored model and a brute-force top-k.
        auto model = loadTrainedModel(*m_ws, m_run, error);
        QVERIFY2(model, error.c_str());
        for (std::uint32_t u = 0; u < ctx->numUsers(); ++u) {
            const auto rated = ctx->trainItems(u);
            const std::set<std::uint32_t> exclude(rated.begin(), rated.end());
            std::vector<float> scores;
            model->scoreAll(u, scores);
            const auto recs = ctx->recommend(u, 10);
            QCOMPARE(int(recs.size()), 10);
            const auto expected = bruteTopK(scores, exclude, 10);
            for (std::size_t k = 0; k < recs.size(); ++k) {
                QVERIFY(!exclude.count(recs[k].item));
                QCOMPARE(recs[k].item, expected[k]);
                QCOMPARE(recs[k].score, scores[recs[k].item]);
            }
            const auto viaModel = model->recommend(u, 10, rated);
            QCOMPARE(viaModel.size(), recs.size());
            for (std::size_t k = 0; k < recs.size(); ++k)
                QCOMPARE(viaModel[k].item, recs[k].item);
            // includeRated: the unfiltered list, which does contain rated items for some user.
            const auto all = ctx->recommend(u, 10, true);
            const auto expectedAll = bruteTopK(scores, {}, 10);
            for (std::size_t k = 0; k < all.size(); ++k)
                QCOMPARE(all[k].item, expectedAll[k]);
        }
    }

    void rankOfMatchesTheFullList() {
        std::string error;
        auto ctx = loadRunContext(*m_ws, m_run, error);
        QVERIFY2(ctx, error.c_str());
        for (std::uint32_t u : {0u, 7u, ctx->numUsers() - 1}) {
            const auto full = ctx->recommend(u, int(ctx->numItems()));
            QCOMPARE(full.size(), ctx->numItems() - ctx->trainItems(u).size());
            for (std::size_t k = 0; k < full.size(); ++k)
                QCOMPARE(ctx->rankOf(u, full[k].item), int(k) + 1);
            for (std::uint32_t rated : ctx->trainItems(u))
                QCOMPARE(ctx->rankOf(u, rated), 0);
            QCOMPARE(ctx->rankOf(u, ctx->numItems()), 0);
        }
    }

    void titlesLoaded() {
        std::string error;
        auto ctx = loadRunContext(*m_ws, m_run, error);
        QVERIFY2(ctx, error.c_str());
        for (int i = 0; i < kItems - 5; ++i) {
            const auto idx = ctx->itemIndex(itemId(i));
            QVERIFY(idx >= 0);
            const ItemLabel& label = ctx->items[std::size_t(idx)];
            QCOMPARE(label.title, "Film " + std::to_string(i) + " (2001)");
            QCOMPARE(label.genres, std::string(i % 2 ? "Drama" : "Comedy|Romance"));
        }
    }

    void unknownRunFails() {
        std::string error;
        QVERIFY(!loadRunContext(*m_ws, m_run + 100, error));
        QVERIFY(QString::fromStdString(error).contains(QString::number(m_run + 100)));
    }
};

QTEST_APPLESS_MAIN(TestRunContext)
#include "tst_runcontext.moc"
