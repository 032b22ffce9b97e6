// The what-if on the training data, driven from a why panel of the real window on the bundled
// demo: the "What if the data changed…" button opens the dialog; removing one of the user's
// ratings is answered by the model's fold-in (the same lists as core), removing the explained
// item from all data retrains in the background (the item's exposure and the explanation's
// evidence before and after are shown, equal to core's answer), and a long retrain can be
// cancelled. Screenshots of both answers.
#include "DataWhatIfDialog.h"
#include "DemoWorkspace.h"
#include "InlineMessage.h"
#include "TopNComparison.h"
#include "TrainRun.h"
#include "UiTestUtil.h"
#include "WhyPanel.h"
#include "WhyPanels.h"

#include "store/Workspace.h"
#include "train/RunContext.h"

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QtTest/QtTest>

using namespace rs::ui;

class TestDataWhatIf : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    rs::test::DemoWindow m_demo;
    qint64 m_run = 0;
    std::shared_ptr<const rs::RunContext> m_ctx;
    quint32 m_user = 0, m_item = 0;

    MainWindow* window() const { return m_demo.window.get(); }

    DataWhatIfDialog* openDialog(qint64 run, quint32 user, quint32 item) {
        WhyPanel* panel = window()->whyPanels().showWhy(run, user, item);
        QSignalSpy explained(panel, &WhyPanel::explained);
        if (!panel->explanation() && !explained.wait(30000))
            return nullptr;
        if (!panel->explanation())
            return nullptr;
        QTest::mouseClick(panel->dataWhatIfButton(), Qt::LeftButton);
        const auto dialogs = window()->findChildren<DataWhatIfDialog*>();
        return dialogs.isEmpty() ? nullptr : dialogs.back();
    }

    /// Chooses action `a` and the item `item` in the form and clicks "Add change".
    void addChange(DataWhatIfDialog* d, DataWhatIfDialog::Action a, quint32 item) {
        d->actionBox()->setCurrentIndex(int(a));
        const int index = d->itemBox()->findData(qulonglong(item));
        QVERIFY(index >= 0);
        d->itemBox()->setCurrentIndex(index);
        QTest::mouseClick(d->addButton(), Qt::LeftButton);
    }

private slots:
    void initTestCase() {
        rs::test::initUiTestEnvironment();
        QVERIFY(m_dir.isValid());
        m_demo = rs::test::openDemoWindow(m_dir, QStringLiteral("whatif"));
        QVERIFY2(m_demo.error.isEmpty(), qPrintable(m_demo.error));
        const std::string path = window()->session().path().toStdString();
        m_run = rs::test::trainRun(
            path, m_demo.datasetId,
            {"biasedmf", {{"factors", "16"}, {"epochs", "12"}}, "random:0.2:seed=3", 42, 1});
        QVERIFY(m_run > 0);
        rs::Workspace ws(path, rs::Workspace::Mode::ReadOnly);
        std::string error;
        m_ctx = rs::loadRunContext(ws, m_run, error);
        QVERIFY2(m_ctx, error.c_str());
        m_user = quint32(m_ctx->userIndex("414"));
        m_item = m_ctx->recommend(m_user, 1).front().item;
    }

    void removingTheUsersRatingIsAFoldIn() {
        DataWhatIfDialog* d = openDialog(m_run, m_user, m_item);
        QVERIFY(d);
        QVERIFY(d->isVisible());
        QVERIFY(!d->runButton()->isEnabled()); // nothing listed yet
        const auto history = m_ctx->trainItems(m_user);
        const quint32 removed = history[history.size() / 2];
        addChange(d, DataWhatIfDialog::RemoveRating, removed);
        QCOMPARE(d->editList()->count(), 1);
        QVERIFY(d->editList()->item(0)->text().startsWith(QStringLiteral("Remove this user's")));
        QVERIFY(d->runButton()->isEnabled());
        QSignalSpy answered(d, &DataWhatIfDialog::answered);
        QTest::mouseClick(d->runButton(), Qt::LeftButton);
        QVERIFY(answered.wait(30000));
        QVERIFY(d->result());
        QVERIFY2(d->result()->error.empty(), d->result()->error.c_str());
        QCOMPARE(d->result()->method, std::string("fold-in"));
        QVERIFY(d->summaryLabel()->text().contains(QStringLiteral("Fold-in")));
        // The same answer as core's.
        rs::DataWhatIfRequest req;
        req.user = m_user;
        req.item = m_item;
        req.edits = d->edits();
        const rs::DataWhatIfResult core = rs::runDataWhatIf(*m_ctx, req);
        QCOMPARE(d->result()->after.size(), core.after.size());
        for (std::size_t n = 0; n < core.after.size(); ++n)
            QCOMPARE(d->result()->after[n].item, core.after[n].item);
        QVERIFY(d->comparison()->isVisible());
        QCOMPARE(d->comparison()->table()->rowCount(), int(core.after.size()));
        QVERIFY(!d->exposureTable()->isVisible()); // population figures need a retrain
        d->close();
    }

    void removingTheItemRetrainsInTheBackground() {
        DataWhatIfDialog* d = openDialog(m_run, m_user, m_item);
        QVERIFY(d);
        addChange(d, DataWhatIfDialog::RemoveItem, m_item);
        QVERIFY(d->editList()->item(0)->text().contains(QStringLiteral("from all data")));
        QSignalSpy answered(d, &DataWhatIfDialog::answered);
        QTest::mouseClick(d->runButton(), Qt::LeftButton);
        QVERIFY(d->isBusy());
        QVERIFY(d->cancelButton()->isEnabled());
        QVERIFY(answered.wait(60000));
        QVERIFY2(d->result() && d->result()->error.empty(),
                 d->result() ? d->result()->error.c_str() : "no result");
        const rs::DataWhatIfResult& r = *d->result();
        QCOMPARE(r.method, std::string("retrain"));
        QVERIFY(d->summaryLabel()->text().contains(QStringLiteral("Retrained")));
        // Exposure of the removed item: shown as computed, and it fell.
        QVERIFY(d->exposureTable()->isVisible());
        QCOMPARE(d->exposureTable()->rowCount(), 1);
        QCOMPARE(d->exposureTable()->item(0, 1)->text().toInt(), r.exposure[0].before);
        QCOMPARE(d->exposureTable()->item(0, 2)->text().toInt(), r.exposure[0].after);
        QVERIFY(r.exposure[0].after < r.exposure[0].before);
        QVERIFY(r.rankAfter > r.rankBefore);
        // The strongest evidence before, with its value after.
        QVERIFY(d->evidenceTable()->isVisible());
        QVERIFY(d->evidenceTable()->rowCount() > 0);
        // Core's retrain with the run's seed and threads gives the same answer.
        rs::DataWhatIfRequest req;
        req.user = m_user;
        req.item = m_item;
        req.edits = d->edits();
        const rs::DataWhatIfResult core = rs::runDataWhatIf(*m_ctx, req);
        QCOMPARE(core.usersChanged, r.usersChanged);
        QCOMPARE(core.scoreAfter, r.scoreAfter);
        rs::test::saveScreenshot(d, QStringLiteral("data-whatif-retrain"));
        d->close();
    }

    void aLongRetrainCanBeCancelled() {
        const std::string path = window()->session().path().toStdString();
        const qint64 slow = rs::test::trainRun(
            path, m_demo.datasetId,
            {"biasedmf", {{"factors", "64"}, {"epochs", "600"}}, "random:0.2:seed=3", 42, 1});
        QVERIFY(slow > 0);
        DataWhatIfDialog* d = openDialog(slow, m_user, m_item);
        QVERIFY(d);
        d->addEdit({rs::DataEdit::Kind::WeightItem, m_user, m_item, 0.0f, 0.3});
        QSignalSpy answered(d, &DataWhatIfDialog::answered);
        QVERIFY(d->runWhatIf());
        QTRY_VERIFY_WITH_TIMEOUT(d->progressBar()->value() > 0, 30000);
        QTest::mouseClick(d->cancelButton(), Qt::LeftButton);
        QVERIFY(answered.wait(30000));
        QVERIFY(d->result() && d->result()->cancelled);
        QVERIFY(d->message()->isVisible());
        QVERIFY(!d->isBusy());
        QVERIFY(d->runButton()->isEnabled());
        d->close();
    }

    void cleanupTestCase() {
        if (window())
            window()->close();
        m_demo.window.reset();
    }
};

QTEST_MAIN(TestDataWhatIf)
#include "tst_datawhatif.moc"
