// Training jobs end to end against a real workspace: runs, epochs, metrics and model parameters
// are stored together; a cancelled job stores nothing; stored models restore to identical scores.
#include "TestFiles.h"
#include "import/ImportJob.h"
#include "store/RunStore.h"
#include "store/SplitStore.h"
#include "train/TrainingJob.h"

#include <QtTest>

#include <random>

using namespace rs;

class TestTraining : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::int64_t m_dataset = 0;

private slots:
    void initTestCase() {
        // 200 users x 150 items with a planted two-group taste structure and time stamps.
        QByteArray csv = "user,item,rating,timestamp\n";
        std::mt19937 rng(3);
        for (int u = 0; u < 200; ++u)
            for (int i = 0; i < 150; ++i) {
                if (rng() % 4)
                    continue;
                const bool likes = (u % 2) == (i % 2);
                const int r = likes ? 4 + int(rng() % 2) : 1 + int(rng() % 2);
                csv += QByteArray::number(u) + ',' + QByteArray::number(i) + ',' +
                       QByteArray::number(r) + ',' + QByteArray::number(1000 + u * 150 + i) + '\n';
            }
        m_ws = std::make_unique<Workspace>(m_dir.filePath("w.recscope").toStdString());
        ImportOptions o;
        o.datasetName = "planted";
        o.ratingsPath = test::writeFile(m_dir, "r.csv", csv).toStdString();
        auto r = importRatings(*m_ws, o, {});
        QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
        m_dataset = r.datasetId;
    }

    void trainsEvaluatesAndStores() {
        TrainingRequest req;
        req.datasetId = m_dataset;
        req.model = "biasedmf";
        req.params = {{"factors", "8"}, {"epochs", "15"}};
        req.split = "random:0.2:seed=1";
        std::vector<EpochRecord> seen;
        TrainingCallbacks cb;
        cb.onEpoch = [&](const EpochRecord& e) {
            seen.push_back(e);
            return true;
        };
        auto out = runTraining(*m_ws, req, cb);
        QVERIFY2(out.status == TrainingStatus::Done, out.error.c_str());
        QVERIFY(out.run.id > 0);
        QCOMPARE(int(seen.size()), 15);
        QVERIFY(seen.back().trainLoss < seen.front().trainLoss);
        QVERIFY(seen.back().validationLoss >= 0);
        // The planted structure is learnable: far better than predicting the global mean (~3).
        QVERIFY2(out.run.metric("RMSE").value() < 1.0,
                 std::to_string(out.run.metric("RMSE").value()).c_str());
        QVERIFY(out.run.metric("NDCG@10").has_value());
        QVERIFY(!out.run.protocol.empty());

        RunStore runs(*m_ws);
        auto stored = runs.get(out.run.id);
        QVERIFY(stored);
        QCOMPARE(stored->model, std::string("biasedmf"));
        QCOMPARE(stored->splitSpec, std::string("random:0.2:seed=1"));
        QCOMPARE(*stored->metric("RMSE"), *out.run.metric("RMSE"));
        QCOMPARE(int(runs.epochs(out.run.id).size()), 15);
        auto ndcg = runs.userMetric(out.run.id, "NDCG@10");
        QVERIFY(ndcg && !ndcg->users.empty() && ndcg->users.size() == ndcg->values.size());
        auto rmse = runs.userMetric(out.run.id, "RMSE");
        QVERIFY(rmse && !rmse->users.empty());

        // The stored model restores to identical scores.
        std::string error;
        auto restored = loadTrainedModel(*m_ws, out.run.id, error);
        QVERIFY2(restored, error.c_str());
        auto again = loadTrainedModel(*m_ws, out.run.id, error);
        for (std::uint32_t u = 0; u < 20; ++u)
            for (std::uint32_t i = 0; i < 20; ++i)
                QCOMPARE(restored->score(u, i), again->score(u, i));
        QCOMPARE(m_ws->integrityCheck(), std::string("ok"));
    }

    void sameSeedSameResult() {
        TrainingRequest req;
        req.datasetId = m_dataset;
        req.model = "biasedmf";
        req.params = {{"factors", "4"}, {"epochs", "5"}};
        req.save = false;
        auto a = runTraining(*m_ws, req, {});
        auto b = runTraining(*m_ws, req, {});
        QCOMPARE(a.run.metric("RMSE").value(), b.run.metric("RMSE").value());
        QCOMPARE(a.trainRows, b.trainRows);
    }

    void cancelStoresNothing() {
        const auto runsBefore = RunStore(*m_ws).list().size();
        const auto splitsBefore = SplitStore(*m_ws).list(m_dataset).size();
        TrainingRequest req;
        req.datasetId = m_dataset;
        req.model = "biasedmf";
        req.params = {{"epochs", "20"}};
        req.split = "random:0.3:seed=9";
        TrainingCallbacks cb;
        cb.onEpoch = [](const EpochRecord& e) { return e.epoch < 3; };
        auto out = runTraining(*m_ws, req, cb);
        QCOMPARE(int(out.status), int(TrainingStatus::Cancelled));
        QCOMPARE(RunStore(*m_ws).list().size(), runsBefore);
        QCOMPARE(SplitStore(*m_ws).list(m_dataset).size(), splitsBefore);
    }

    void badRequestsFailClearly() {
        TrainingRequest req;
        req.datasetId = m_dataset;
        req.model = "nosuchmodel";
        auto out = runTraining(*m_ws, req, {});
        QCOMPARE(int(out.status), int(TrainingStatus::Failed));
        QVERIFY(QString::fromStdString(out.error).contains("unknown model"));
        req.model = "biasedmf";
        req.params = {{"factors", "-3"}};
        out = runTraining(*m_ws, req, {});
        QCOMPARE(int(out.status), int(TrainingStatus::Failed));
        QVERIFY(QString::fromStdString(out.error).contains("factors"));
        req.params.clear();
        req.split = "sideways:0.2";
        out = runTraining(*m_ws, req, {});
        QCOMPARE(int(out.status), int(TrainingStatus::Failed));
    }

    void predefinedSplitFromTwoFiles() {
        ImportOptions o;
        o.datasetName = "two-files";
        o.ratingsPath =
            test::writeFile(m_dir, "train.csv", "u,i,r\n1,1,4\n1,2,3\n2,1,5\n2,3,2\n3,2,4\n")
                .toStdString();
        o.testRatingsPath =
            test::writeFile(m_dir, "test.csv", "u,i,r\n1,3,5\n3,1,2\n").toStdString();
        auto r = importRatings(*m_ws, o, {});
        QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
        QCOMPARE(r.ratings, 7);
        QCOMPARE(r.testRatings, 2);
        auto split = SplitStore(*m_ws).get(r.splitId);
        QVERIFY(split);
        QCOMPARE(split->spec, std::string("predefined:test.csv"));
        // Stored order is (user, item): rows 0..6 = 1-1 1-2 1-3 2-1 2-3 3-1 3-2.
        QCOMPARE(split->testRows, (std::vector<std::uint32_t>{2, 5}));
        QCOMPARE(split->numTrain, 5);
        // Runs on that split reference it instead of storing a copy.
        const auto before = SplitStore(*m_ws).list(r.datasetId).size();
        TrainingRequest req;
        req.datasetId = r.datasetId;
        req.model = "baseline";
        req.split.clear();
        req.splitId = r.splitId;
        auto a = runTraining(*m_ws, req, {});
        req.model = "popularity";
        auto b = runTraining(*m_ws, req, {});
        QVERIFY2(a.status == TrainingStatus::Done, a.error.c_str());
        QVERIFY2(b.status == TrainingStatus::Done, b.error.c_str());
        QCOMPARE(RunStore(*m_ws).get(a.run.id)->splitId, r.splitId);
        QCOMPARE(RunStore(*m_ws).get(b.run.id)->splitId, r.splitId);
        QCOMPARE(SplitStore(*m_ws).list(r.datasetId).size(), before);
        QCOMPARE(a.testRows, std::size_t(2));
    }
};

QTEST_APPLESS_MAIN(TestTraining)
#include "tst_training.moc"
