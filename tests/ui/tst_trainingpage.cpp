// The Training page on the bundled MovieLens demo, driven with clicks and keys: the generated
// hyper-parameter form and its inline validation, a biasedmf run whose loss chart grows live
// while a UI stall probe runs (the UI thread must stay free), the finished run's metrics on the
// page and in the Runs table, and a queue of runs: cancel the running one, cancel and remove
// queued ones, reuse a stored split. Cancelled runs must leave nothing in the workspace.
#include "DebiasChooser.h"
#include "DemoWorkspace.h"
#include "HyperParameterForm.h"
#include "InlineMessage.h"
#include "LossChart.h"
#include "MetricFormat.h"
#include "PageHost.h"
#include "RunsPage.h"
#include "RunsTableModel.h"
#include "SplitChooser.h"
#include "StallProbe.h"
#include "TrainingPage.h"
#include "TrainingQueue.h"
#include "UiTestUtil.h"

#include "store/RunStore.h"
#include "store/SplitStore.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QValueAxis>
#include <QtTest/QtTest>

using namespace rs::ui;

namespace {

constexpr double kStallBoundMs = 50.0;
constexpr int kLongEpochs = 150;

} // namespace

class TestTrainingPage : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    rs::test::DemoWindow m_demo;
    TrainingPage* m_page = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_queueTester;

    MainWindow* window() const { return m_demo.window.get(); }
    TrainingQueue* queue() const { return m_page->queue(); }
    const QueuedRun* entry(int id) const { return queue()->run(id); }
    QueuedRun::State state(int id) const {
        return entry(id) ? entry(id)->state : QueuedRun::State::Failed;
    }

    /// Types `value` into the hyper-parameter field `key`.
    void setParam(const QString& key, const QString& value) {
        QLineEdit* e = m_page->hyperParameters()->editor(key);
        QVERIFY2(e, qPrintable(key));
        e->clear();
        QTest::keyClicks(e, value);
        QCOMPARE(e->text(), value);
    }

    void clickQueueRow(int id) {
        QTableView* view = m_page->queueView();
        const int row = queue()->model()->rowOf(id);
        QVERIFY(row >= 0);
        const QRect rect = view->visualRect(queue()->model()->index(row, 1));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(view->selectionModel()->currentIndex().row(), row);
    }

    /// Queues a run by clicking the button; returns its queue number.
    int clickQueueRun() {
        const int before = queue()->model()->rowCount();
        if (!m_page->runButton()->isEnabled())
            return 0;
        QTest::mouseClick(m_page->runButton(), Qt::LeftButton);
        if (queue()->model()->rowCount() != before + 1)
            return 0;
        return queue()->model()->runs().back().id;
    }

    std::vector<rs::RunInfo> storedRuns() const {
        rs::Workspace ws(window()->session().path().toStdString(), rs::Workspace::Mode::ReadOnly);
        return rs::RunStore(ws).list();
    }

private slots:
    void initTestCase() {
        rs::test::initUiTestEnvironment();
        QVERIFY(m_dir.isValid());
        m_demo = rs::test::openDemoWindow(m_dir, QStringLiteral("training"));
        QVERIFY2(m_demo.error.isEmpty(), qPrintable(m_demo.error));
        QVERIFY(QTest::qWaitForWindowExposed(window()));
        m_page = window()->findChild<TrainingPage*>();
        QVERIFY(m_page);
        m_queueTester = std::make_unique<QAbstractItemModelTester>(
            queue()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(window()->pages()->showPage(QStringLiteral("training")));
        QCOMPARE(m_page->datasetBox()->count(), 1);
        QCOMPARE(m_page->datasetBox()->currentData().toLongLong(), m_demo.datasetId);
        QTRY_VERIFY(!m_page->splitChooser()->isLoading());
    }

    void formIsGeneratedAndValidated() {
        QStringList models;
        for (int k = 0; k < m_page->modelBox()->count(); ++k)
            models << m_page->modelBox()->itemText(k);
        // Every model RecScope trains; imported factor models are brought in, not trained.
        QStringList expected;
        for (const std::string& n : rs::recommenderNames())
            if (n != "imported")
                expected << QString::fromStdString(n);
        QCOMPARE(models, expected);
        QVERIFY(!models.contains(QStringLiteral("imported")));
        QVERIFY(models.contains(QStringLiteral("lightgcn")));

        QVERIFY(m_page->selectModel(QStringLiteral("itemknn")));
        auto knn = rs::createRecommender("itemknn");
        QStringList knnKeys;
        for (const auto& [k, v] : knn->hyperParameters())
            knnKeys << QString::fromStdString(k);
        QCOMPARE(m_page->hyperParameters()->keys(), knnKeys);

        QVERIFY(m_page->selectModel(QStringLiteral("biasedmf")));
        auto mf = rs::createRecommender("biasedmf");
        for (const auto& [k, v] : mf->hyperParameters()) // defaults shown
            QCOMPARE(m_page->hyperParameters()->editor(QString::fromStdString(k))->text(),
                     QString::fromStdString(v));
        QVERIFY(m_page->runButton()->isEnabled());

        // A bad value is shown inline, under its field, and blocks queueing.
        setParam(QStringLiteral("factors"), QStringLiteral("abc"));
        const QString error = m_page->hyperParameters()->errorFor(QStringLiteral("factors"));
        QVERIFY2(error.contains(QStringLiteral("factors")), qPrintable(error));
        auto* label =
            m_page->hyperParameters()->findChild<QLabel*>(QStringLiteral("hyperError_factors"));
        QVERIFY(label);
        QTRY_VERIFY(label->isVisible()); // a new form row is shown on the next event loop pass
        QCOMPARE(label->text(), error);
        QVERIFY(!m_page->runButton()->isEnabled());
        QCOMPARE(m_page->queueRun(), 0);
        QVERIFY(m_page->message()->isVisible());
        setParam(QStringLiteral("factors"), QStringLiteral("-3"));
        QVERIFY(!m_page->hyperParameters()->isValid());
        setParam(QStringLiteral("factors"), QStringLiteral("32"));
        QVERIFY(m_page->hyperParameters()->isValid());
        QVERIFY(!label->isVisible());
        QVERIFY(m_page->runButton()->isEnabled());
        QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("hyperDefaults")),
                          Qt::LeftButton);
        QCOMPARE(m_page->hyperParameters()->editor(QStringLiteral("factors"))->text(),
                 QStringLiteral("100"));
        QCOMPARE(queue()->model()->rowCount(), 0);
    }

    void liveLossChartWithoutStallingTheUi() {
        m_page->splitChooser()->setKind(SplitChooser::PerUser);
        QCOMPARE(m_page->splitChooser()->choice().text, QStringLiteral("peruser:0.2:seed=0"));
        setParam(QStringLiteral("epochs"), QString::number(kLongEpochs));
        LossChart* chart = m_page->lossChart();
        auto* runs = window()->findChild<RunsPage*>();
        QVERIFY(runs);

        rs::test::StallProbe probe;
        probe.start();
        QElapsedTimer clock;
        clock.start();
        const int id = clickQueueRun();
        QVERIFY(id > 0);
        QCOMPARE(queue()->runningId(), id);
        QCOMPARE(m_page->shownRun(), id);
        // The curve grows while the model trains: three increasing point counts.
        QList<int> counts;
        for (int k = 0; k < 3; ++k) {
            const int last = counts.isEmpty() ? 0 : counts.last();
            QTRY_VERIFY_WITH_TIMEOUT(chart->trainSeries()->count() > last, 30000);
            counts << chart->trainSeries()->count();
        }
        QVERIFY2(counts.last() < kLongEpochs, "the run finished before it could be watched");
        QCOMPARE(state(id), QueuedRun::State::Running);
        QVERIFY(chart->validationSeries()->count() > 0);
        QVERIFY(chart->epochAxis()->max() >= chart->trainSeries()->at(counts.last() - 1).x());
        const QString progress = m_page->progressLabel()->text();
        QVERIFY2(progress.contains(QStringLiteral("epoch")) &&
                     progress.contains(QStringLiteral("/ %1").arg(kLongEpochs)) &&
                     progress.contains(QStringLiteral("loss")),
                 qPrintable(progress));
        QTRY_VERIFY(m_page->progressBar()->value() > 0);
        QVERIFY(m_page->cancelRunningButton()->isEnabled());
        probe.pause(); // grabbing and saving the window is the test's work, not the app's
        rs::test::saveScreenshot(window(), QStringLiteral("training-live-loss-chart"));
        probe.resume();

        QTRY_VERIFY_WITH_TIMEOUT(entry(id)->isFinished(), 120000);
        const qint64 trainMs = clock.elapsed();
        // ... and the finished run reaches the Runs table without stalling either.
        QTRY_VERIFY_WITH_TIMEOUT(runs->model()->rowOf(entry(id)->runId) >= 0, 30000);
        probe.stop();
        qInfo("biasedmf, %d epochs on the demo data: %lld ms through the queue; UI timer ticks "
              "%lld; max UI stall %.1f ms; curve samples %d, %d, %d",
              kLongEpochs, qlonglong(trainMs), qlonglong(probe.ticks()), probe.maxStallMs(),
              counts[0], counts[1], counts[2]);
        QVERIFY2(probe.withinBound(kStallBoundMs), qPrintable(QString::number(probe.maxStallMs())));
        QVERIFY(probe.ticks() > trainMs / 50);

        const QueuedRun* r = entry(id);
        QCOMPARE(r->state, QueuedRun::State::Done);
        QVERIFY(r->runId > 0);
        QCOMPARE(chart->trainSeries()->count(), kLongEpochs);
        QCOMPARE(chart->validationSeries()->count(), kLongEpochs);
        for (int k = 1; k < kLongEpochs; ++k)
            QVERIFY(chart->trainSeries()->at(k).x() > chart->trainSeries()->at(k - 1).x());
        QCOMPARE(m_page->progressBar()->value(), 1000);
        // Metrics summary on the page, equal to the stored run's.
        const auto stored = storedRuns();
        QCOMPARE(int(stored.size()), 1);
        QCOMPARE(stored[0].id, r->runId);
        QCOMPARE(stored[0].splitSpec, std::string("peruser:0.2:seed=0"));
        const double rmse = stored[0].metric("RMSE").value();
        QVERIFY(rmse > 0.5 && rmse < 1.2);
        const QString summary = m_page->summaryLabel()->text();
        QVERIFY2(summary.contains(QStringLiteral("RMSE")) &&
                     summary.contains(MetricFormat::value(rmse)) &&
                     summary.contains(QStringLiteral("NDCG@10")),
                 qPrintable(summary));
        // The Runs table row has the metrics.
        RunsTableModel* table = runs->model();
        const int row = table->rowOf(r->runId);
        const int rmseColumn = table->metricColumn(QStringLiteral("RMSE"));
        QVERIFY(rmseColumn >= 0);
        QCOMPARE(table->index(row, rmseColumn).data().toString(), MetricFormat::value(rmse));
        QCOMPARE(table->index(row, RunsTableModel::Model).data().toString(),
                 QStringLiteral("biasedmf"));
        QVERIFY(table->metricColumn(QStringLiteral("NDCG@10")) >= 0);
    }

    void queueCancelRemoveAndReuseASplit() {
        const auto before = storedRuns();
        QCOMPARE(int(before.size()), 1);
        const qint64 firstSplit = [&] {
            rs::Workspace ws(window()->session().path().toStdString(),
                             rs::Workspace::Mode::ReadOnly);
            return rs::RunStore(ws).get(before[0].id)->splitId;
        }();
        QVERIFY(firstSplit > 0);

        m_page->splitChooser()->setKind(SplitChooser::Random);
        setParam(QStringLiteral("epochs"), QStringLiteral("400"));
        const int a = clickQueueRun();
        setParam(QStringLiteral("epochs"), QStringLiteral("5"));
        const int b = clickQueueRun();
        const int c = clickQueueRun();
        QVERIFY(a > 0 && b > 0 && c > 0);
        QCOMPARE(state(b), QueuedRun::State::Queued);
        QCOMPARE(state(c), QueuedRun::State::Queued);
        QTRY_VERIFY_WITH_TIMEOUT(state(a) == QueuedRun::State::Running &&
                                     m_page->lossChart()->trainSeries()->count() >= 2,
                                 30000);

        // A queued run: cancel it (it never starts) ...
        clickQueueRow(b);
        QVERIFY(m_page->cancelSelectedButton()->isEnabled());
        QVERIFY(m_page->removeSelectedButton()->isEnabled());
        QTest::mouseClick(m_page->cancelSelectedButton(), Qt::LeftButton);
        QCOMPARE(state(b), QueuedRun::State::Cancelled);
        QCOMPARE(entry(b)->job, JobId(0));
        QCOMPARE(queue()
                     ->model()
                     ->index(queue()->model()->rowOf(b), TrainingQueueModel::State)
                     .data()
                     .toString(),
                 QStringLiteral("cancelled"));
        // ... or remove it from the list.
        clickQueueRow(c);
        QTest::mouseClick(m_page->removeSelectedButton(), Qt::LeftButton);
        QVERIFY(!entry(c));
        // The running one cannot be removed, only cancelled.
        clickQueueRow(a);
        QVERIFY(!m_page->removeSelectedButton()->isEnabled());
        QVERIFY(!queue()->remove(a));
        QTest::mouseClick(m_page->cancelRunningButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(state(a), QueuedRun::State::Cancelled, 30000);
        QVERIFY(entry(a)->epochs.size() < 400);
        QCOMPARE(queue()->runningId(), 0);
        rs::test::saveScreenshot(window(), QStringLiteral("training-queue-cancelled"));

        // Reuse the first run's stored split.
        QTRY_VERIFY(!m_page->splitChooser()->isLoading());
        QVERIFY(m_page->splitChooser()->selectStoredSplit(firstSplit));
        QCOMPARE(m_page->splitChooser()->choice().splitId, firstSplit);
        QCOMPARE(m_page->splitChooser()->choice().text, QStringLiteral("peruser:0.2:seed=0"));
        const int d = clickQueueRun();
        QVERIFY(d > 0);
        QTRY_VERIFY_WITH_TIMEOUT(entry(d)->isFinished(), 60000);
        QCOMPARE(state(d), QueuedRun::State::Done);

        // Only d was stored; nothing of the cancelled runs.
        const auto after = storedRuns();
        QCOMPARE(int(after.size()), 2);
        QCOMPARE(after.back().id, entry(d)->runId);
        rs::Workspace ws(window()->session().path().toStdString(), rs::Workspace::Mode::ReadOnly);
        QCOMPARE(rs::RunStore(ws).get(after.back().id)->splitId, firstSplit);
        QCOMPARE(int(rs::RunStore(ws).epochs(after.back().id).size()), 5);
        // The random split of the cancelled run was not stored either.
        QVERIFY(!rs::SplitStore(ws).find(m_demo.datasetId, "random:0.2:seed=0"));
        QCOMPARE(entry(a)->runId, qint64(0));
        QCOMPARE(entry(b)->runId, qint64(0));
    }

    void debiasChooserQueuesAnIpsRun() {
        DebiasChooser* debias = m_page->debiasChooser();
        QVERIFY(debias->isVisible());
        QVERIFY(!debias->exponentBox()->isVisible()); // only the method row while "None"
        // A model without sample weights cannot take IPS; down-sampling suits any model.
        QVERIFY(m_page->selectModel(QStringLiteral("itemknn")));
        debias->methodBox()->setCurrentIndex(DebiasChooser::Ips);
        QTRY_VERIFY(debias->exponentBox()->isVisible());
        QVERIFY(!debias->isValid());
        QVERIFY(!m_page->runButton()->isEnabled());
        QVERIFY2(debias->noteLabel()->text().contains(QStringLiteral("itemknn cannot train with "
                                                                     "sample weights")),
                 qPrintable(debias->noteLabel()->text()));
        QCOMPARE(m_page->queueRun(), 0);
        debias->methodBox()->setCurrentIndex(DebiasChooser::Down);
        QVERIFY(debias->isValid());
        QTRY_VERIFY(debias->minPerUserBox()->isVisible() && !debias->exponentBox()->isVisible());
        QCOMPARE(debias->spec(), std::string("down:strata=3:flatten=1:min=1:seed=0"));

        // biasedmf with IPS: exponent 1, clipped at 10, typed like a user would.
        QVERIFY(m_page->selectModel(QStringLiteral("biasedmf")));
        debias->methodBox()->setCurrentIndex(DebiasChooser::Ips);
        QVERIFY(debias->isValid());
        debias->exponentBox()->selectAll();
        QTest::keyClicks(debias->exponentBox(), QStringLiteral("1"));
        debias->clipBox()->selectAll();
        QTest::keyClicks(debias->clipBox(), QStringLiteral("10"));
        QCOMPARE(debias->spec(), std::string("ips:eta=1:clip=10:normalise=1"));
        QVERIFY(debias->noteLabel()->text().startsWith(QStringLiteral("IPS, propensity")));
        setParam(QStringLiteral("epochs"), QStringLiteral("5"));
        rs::test::saveScreenshot(window(), QStringLiteral("training-debias-ips"));
        const int id = clickQueueRun();
        QVERIFY(id > 0);
        QTRY_VERIFY_WITH_TIMEOUT(entry(id)->isFinished(), 60000);
        QCOMPARE(state(id), QueuedRun::State::Done);
        rs::Workspace ws(window()->session().path().toStdString(), rs::Workspace::Mode::ReadOnly);
        const auto run = rs::RunStore(ws).get(entry(id)->runId);
        QVERIFY(run);
        QCOMPARE(run->debias, std::string("ips:eta=1:clip=10:normalise=1"));
        // The Runs table names the run with its debiasing.
        auto* runs = window()->findChild<RunsPage*>();
        QTRY_VERIFY_WITH_TIMEOUT(runs->model()->rowOf(run->id) >= 0, 30000);
        QCOMPARE(runs->model()
                     ->index(runs->model()->rowOf(run->id), RunsTableModel::Model)
                     .data()
                     .toString(),
                 QStringLiteral("biasedmf + IPS"));
        debias->setMethod(DebiasChooser::None);
    }

    void cleanupTestCase() {
        m_queueTester.reset();
        if (window())
            window()->close();
        m_demo.window.reset();
    }
};

QTEST_MAIN(TestTrainingPage)
#include "tst_trainingpage.moc"
