// Counterfactual what-ifs on the data: edits applied to the training interactions (removals,
// additions, an item removed or down-weighted everywhere), the user's own removals answered by
// the model's fold-in, anything else by retraining with the run's settings (an edit that changes
// nothing reproduces the stored model exactly), exposure and changed users counted over every
// user, and clear errors.
#include "ModelsTestData.h"
#include "TestFiles.h"
#include "explain/Explainer.h"
#include "import/ImportJob.h"
#include "models/Rng.h"
#include "train/RunContext.h"
#include "train/TrainingJob.h"
#include "whatif/DataWhatIf.h"

#include <QtTest>
#include <cmath>

using namespace rs;
using rs::test::makeInteractions;

class TestWhatIfData : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::int64_t m_dataset = 0;

    std::shared_ptr<const RunContext> trained(const std::string& model,
                                              std::vector<std::pair<std::string, std::string>> p,
                                              const std::string& debias = {}) {
        TrainingRequest req;
        req.datasetId = m_dataset;
        req.model = model;
        req.params = std::move(p);
        req.split = "random:0.2:seed=1";
        req.debias = debias;
        const TrainingOutcome out = runTraining(*m_ws, req, {});
        if (out.status != TrainingStatus::Done) {
            qWarning("%s", out.error.c_str());
            return nullptr;
        }
        std::string error;
        return loadRunContext(*m_ws, out.run.id, error);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QByteArray csv = "user,item,rating\n";
        Rng rng(5);
        for (int u = 0; u < 80; ++u)
            for (int i = 0; i < 60; ++i)
                if (rng.uniform() < (i < 10 ? 0.5 : 0.12))
                    csv += QByteArray::number(u) + ',' + QByteArray::number(i) + ',' +
                           QByteArray::number(1 + int(rng.below(5))) + '\n';
        m_ws = std::make_unique<Workspace>(m_dir.filePath("w.recscope").toStdString());
        ImportOptions o;
        o.datasetName = "small";
        o.ratingsPath = test::writeFile(m_dir, "r.csv", csv).toStdString();
        const ImportResult r = importRatings(*m_ws, o, {});
        QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
        m_dataset = r.datasetId;
    }

    void editsApplyToTheMatrices() {
        Interactions d = makeInteractions(3, 4, {{0, 0, 4}, {0, 1, 2}, {1, 1, 5}, {2, 1, 3}});
        std::string error;
        const auto a = applyDataEdits(d,
                                      {{DataEdit::Kind::RemoveRating, 0, 0},
                                       {DataEdit::Kind::AddRating, 2, 3, 4.5f},
                                       {DataEdit::Kind::AddRating, 1, 1, 1.0f}},
                                      error);
        QVERIFY2(a, error.c_str());
        QCOMPARE(a->size(), std::size_t(4));
        QVERIFY(!a->weighted());
        QCOMPARE(a->byUser.rowSize(0), 1u);
        QCOMPARE(a->byUser.values[a->byUser.rowPtr[1]], 1.0f); // replaced
        QCOMPARE(a->byItem.rowSize(3), 1u);                    // added
        const auto w = applyDataEdits(d, {{DataEdit::Kind::WeightItem, 0, 1, 0, 0.25}}, error);
        QVERIFY2(w, error.c_str());
        QVERIFY(w->weighted());
        QCOMPARE(w->byUser.weights, (std::vector<float>{1.0f, 0.25f, 0.25f, 0.25f}));
        const auto gone = applyDataEdits(d, {{DataEdit::Kind::RemoveItem, 0, 1}}, error);
        QVERIFY2(gone, error.c_str());
        QCOMPARE(gone->size(), std::size_t(1));
        QCOMPARE(gone->byItem.rowSize(1), 0u);
        QVERIFY(!applyDataEdits(d, {{DataEdit::Kind::RemoveRating, 2, 0}}, error));
        QVERIFY2(error.find("has no training interaction") != std::string::npos, error.c_str());
        QVERIFY(!applyDataEdits(d, {{DataEdit::Kind::AddRating, 9, 0, 3.0f}}, error));
        QVERIFY(!applyDataEdits(d, {{DataEdit::Kind::WeightItem, 0, 1, 0, -1.0}}, error));
        QVERIFY(editsOnlyUser({{DataEdit::Kind::RemoveRating, 2, 1}}, 2));
        QVERIFY(!editsOnlyUser({{DataEdit::Kind::RemoveItem, 2, 1}}, 2));
    }

    void aNoOpEditReproducesTheStoredModel() {
        const auto ctx = trained("biasedmf", {{"factors", "8"}, {"epochs", "10"}});
        QVERIFY(ctx);
        DataWhatIfRequest req;
        req.user = 3;
        req.item = ctx->recommend(3, 1).front().item;
        req.edits = {{DataEdit::Kind::WeightItem, 0, 7, 0, 1.0}}; // weight 1: no change
        const DataWhatIfResult r = runDataWhatIf(*ctx, req);
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.method, std::string("retrain"));
        QCOMPARE(r.usersChanged, 0);
        QVERIFY(r.usersCompared > 70);
        QCOMPARE(r.scoreAfter, r.scoreBefore);
        QCOMPARE(r.rankAfter, r.rankBefore);
        QVERIFY(r.explanationBefore && r.explanationAfter);
        QCOMPARE(r.explanationAfter->score, r.explanationBefore->score);
    }

    void removingAnItemTakesItOutOfEveryList() {
        const auto ctx = trained("biasedmf", {{"factors", "8"}, {"epochs", "10"}});
        QVERIFY(ctx);
        DataWhatIfRequest req;
        req.user = 5;
        req.item = ctx->recommend(5, 1).front().item;
        req.edits = {{DataEdit::Kind::RemoveItem, 0, req.item}};
        int progressCalls = 0;
        const DataWhatIfResult r = runDataWhatIf(*ctx, req, Progress{[&](double, std::string_view) {
            ++progressCalls;
            return true;
        }});
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.method, std::string("retrain"));
        QVERIFY(progressCalls > 0);
        QCOMPARE(r.exposure.size(), std::size_t(1));
        QVERIFY(r.exposure[0].before >= 1); // it was user 5's top-1
        QVERIFY2(
            r.exposure[0].after < r.exposure[0].before,
            (std::to_string(r.exposure[0].before) + " -> " + std::to_string(r.exposure[0].after))
                .c_str());
        QVERIFY(r.usersChanged > 0);
        QVERIFY(r.rankAfter > r.rankBefore);
        for (const ScoredItem& s : r.after)
            QVERIFY(s.item != req.item || r.rankAfter <= req.k);
    }

    void theUsersOwnRemovalsAreAFoldIn() {
        const auto ctx = trained("als", {{"factors", "8"}, {"iterations", "5"}});
        QVERIFY(ctx);
        const std::uint32_t u = 7;
        DataWhatIfRequest req;
        req.user = u;
        req.item = ctx->recommend(u, 1).front().item;
        const auto history = ctx->trainItems(u);
        QVERIFY(history.size() >= 3);
        const std::vector<std::uint32_t> removed = {history[0], history[2]};
        for (std::uint32_t i : removed)
            req.edits.push_back({DataEdit::Kind::RemoveRating, u, i});
        const DataWhatIfResult r = runDataWhatIf(*ctx, req);
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.method, std::string("fold-in"));
        std::string error;
        const auto explainer = makeExplainer(*ctx, error);
        const auto expected = explainer->topNWithout(u, removed, req.k);
        QCOMPARE(r.after.size(), expected.size());
        for (std::size_t n = 0; n < expected.size(); ++n)
            QCOMPARE(r.after[n].item, expected[n].item);
        QCOMPARE(r.rankAfter, explainer->rankWithout(u, req.item, removed));
        // Adding a rating is not a removal: retrained, and the new item is excluded as rated.
        const std::uint32_t added = r.before.back().item;
        req.edits = {{DataEdit::Kind::AddRating, u, added, 5.0f}};
        const DataWhatIfResult add = runDataWhatIf(*ctx, req);
        QVERIFY2(add.error.empty(), add.error.c_str());
        QCOMPARE(add.method, std::string("retrain"));
        for (const ScoredItem& s : add.after)
            QVERIFY(s.item != added);
    }

    void errorsAreClear() {
        const auto knn = trained("itemknn", {});
        QVERIFY(knn);
        DataWhatIfRequest req;
        req.user = 1;
        req.item = 2;
        req.edits = {{DataEdit::Kind::WeightItem, 0, 3, 0, 0.5}};
        DataWhatIfResult r = runDataWhatIf(*knn, req);
        QVERIFY2(r.error.find("cannot train with sample weights") != std::string::npos,
                 r.error.c_str());
        req.edits = {};
        QVERIFY(!runDataWhatIf(*knn, req).error.empty());
        req.user = 100000;
        req.edits = {{DataEdit::Kind::RemoveItem, 0, 3}};
        QVERIFY(runDataWhatIf(*knn, req).error.find("outside") != std::string::npos);
        // A cancelled retrain says so.
        const auto mf = trained("biasedmf", {{"factors", "8"}, {"epochs", "10"}});
        req.user = 1;
        r = runDataWhatIf(*mf, req, Progress{[](double, std::string_view) { return false; }});
        QVERIFY(r.cancelled);
    }

    void aDebiasedRunIsRetrainedWithItsDebiasing() {
        const auto ctx = trained("bpr", {{"factors", "8"}, {"epochs", "5"}, {"min_value", "3"}},
                                 "ips:eta=1:clip=20");
        QVERIFY(ctx);
        DataWhatIfRequest req;
        req.user = 2;
        req.item = ctx->recommend(2, 1).front().item;
        req.edits = {{DataEdit::Kind::WeightItem, 0, 0, 0, 1.0}};
        const DataWhatIfResult r = runDataWhatIf(*ctx, req);
        QVERIFY2(r.error.empty(), r.error.c_str());
        QVERIFY2(r.note.find("debiasing (IPS") != std::string::npos, r.note.c_str());
        QCOMPARE(r.usersChanged, 0); // the same data, debiased the same way: the same model
    }
};

QTEST_GUILESS_MAIN(TestWhatIfData)
#include "tst_whatif_data.moc"
