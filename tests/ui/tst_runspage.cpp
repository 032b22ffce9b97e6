// The Runs and Recommendations pages on the bundled MovieLens demo with two stored runs
// (biasedmf, itemknn), driven with clicks and keys: the runs table against the stored runs and
// their metrics, the learning curve and per-user metric histogram of the selected run against
// RunStore, its popularity bias by activity segment against core's figures, deleting a run
// (inline confirmation; the other run and the workspace stay intact), "Show recommendations"
// leading to a top-N equal to the core's, the user's history beside it, an unknown user reported
// inline, and "Why?" opening a why panel on the chosen item.
#include "DemoWorkspace.h"
#include "InlineMessage.h"
#include "ItemScoreModel.h"
#include "LossChart.h"
#include "MetricFormat.h"
#include "MetricHistogram.h"
#include "PageHost.h"
#include "RecommendationsPage.h"
#include "RunSegmentTable.h"
#include "RunsPage.h"
#include "RunsTableModel.h"
#include "TrainRun.h"
#include "UiTestUtil.h"
#include "WhyDock.h"
#include "WhyPanel.h"
#include "WhyPanels.h"

#include "eval/PopularitySegments.h"
#include "eval/ValueDistribution.h"
#include "store/RunStore.h"
#include "store/Workspace.h"
#include "train/RunContext.h"
#include "train/TrainingJob.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QtTest/QtTest>

using namespace rs::ui;

class TestRunsPage : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    rs::test::DemoWindow m_demo;
    qint64 m_mfRun = 0, m_knnRun = 0;

    MainWindow* window() const { return m_demo.window.get(); }
    RunsPage* runs() const { return window()->findChild<RunsPage*>(); }
    RecommendationsPage* recs() const { return window()->findChild<RecommendationsPage*>(); }
    std::string path() const { return window()->session().path().toStdString(); }

    qint64 train(const std::string& model,
                 std::vector<std::pair<std::string, std::string>> params) {
        return rs::test::trainRun(path(), m_demo.datasetId,
                                  {model, std::move(params), "peruser:0.2:seed=3"});
    }

    void clickRow(QTableView* view, int row) {
        const QRect rect = view->visualRect(view->model()->index(row, 1));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    }

    /// The proxy row that shows `runId`, or -1.
    int proxyRowOf(qint64 runId) const {
        const int source = runs()->model()->rowOf(runId);
        if (source < 0)
            return -1;
        return runs()->proxy()->mapFromSource(runs()->model()->index(source, 0)).row();
    }

private slots:
    void initTestCase() {
        rs::test::initUiTestEnvironment();
        QVERIFY(m_dir.isValid());
        m_demo = rs::test::openDemoWindow(m_dir, QStringLiteral("runs"));
        QVERIFY2(m_demo.error.isEmpty(), qPrintable(m_demo.error));
        QVERIFY(QTest::qWaitForWindowExposed(window()));
        m_mfRun = train("biasedmf", {{"factors", "16"}, {"epochs", "12"}});
        m_knnRun = train("itemknn", {{"k", "30"}});
        QVERIFY(m_mfRun > 0 && m_knnRun > 0);
        window()->session().notifyRunsChanged(m_knnRun);
        QVERIFY(runs() && recs());
    }

    void tableShowsTheStoredRuns() {
        QVERIFY(window()->pages()->showPage(QStringLiteral("runs")));
        RunsTableModel* table = runs()->model();
        QTRY_COMPARE_WITH_TIMEOUT(table->rowCount(), 2, 30000);
        rs::Workspace ws(path(), rs::Workspace::Mode::ReadOnly);
        rs::RunStore store(ws);
        for (qint64 id : {m_mfRun, m_knnRun}) {
            const auto info = store.get(id);
            QVERIFY(info);
            const int row = table->rowOf(id);
            QVERIFY(row >= 0);
            QCOMPARE(table->index(row, RunsTableModel::Model).data().toString(),
                     QString::fromStdString(info->model));
            for (const char* metric : {"RMSE", "NDCG@10"}) {
                const int column = table->metricColumn(QString::fromLatin1(metric));
                QVERIFY2(column >= 0, metric);
                QCOMPARE(table->index(row, column).data().toString(),
                         MetricFormat::value(info->metric(metric).value()));
            }
        }
    }

    void selectedRunShowsCurveAndUserMetric() {
        QSignalSpy details(runs(), &RunsPage::detailsLoaded);
        QSignalSpy histogram(runs(), &RunsPage::histogramLoaded);
        const int row = proxyRowOf(m_mfRun);
        QVERIFY(row >= 0);
        clickRow(runs()->table(), row);
        QCOMPARE(runs()->currentRunId(), m_mfRun);
        QTRY_VERIFY_WITH_TIMEOUT(!details.isEmpty() && details.last().at(0).toLongLong() == m_mfRun,
                                 30000);
        // The learning curve is the stored epochs.
        rs::Workspace ws(path(), rs::Workspace::Mode::ReadOnly);
        rs::RunStore store(ws);
        const auto epochs = store.epochs(m_mfRun);
        QCOMPARE(int(epochs.size()), 12);
        QCOMPARE(runs()->learningCurve()->trainSeries()->count(), 12);
        for (int k = 0; k < 12; ++k)
            QCOMPARE(runs()->learningCurve()->trainSeries()->at(k).y(),
                     double(epochs[std::size_t(k)].trainLoss));
        // The per-user metrics stored for the run are offered; NDCG@ is chosen first.
        QStringList names;
        for (const std::string& n : store.userMetricNames(m_mfRun))
            names << QString::fromStdString(n);
        QVERIFY(!names.isEmpty());
        QCOMPARE(runs()->metricBox()->count(), names.size());
        QVERIFY(runs()->metricBox()->currentText().startsWith(QStringLiteral("NDCG@")));
        QTRY_VERIFY_WITH_TIMEOUT(!histogram.isEmpty(), 30000);

        // Choosing another metric draws its distribution, equal to the core's summary.
        const QString metric = QStringLiteral("RMSE");
        QVERIFY(names.contains(metric));
        histogram.clear();
        runs()->metricBox()->setFocus();
        runs()->metricBox()->setCurrentIndex(runs()->metricBox()->findText(metric));
        emit runs()->metricBox()->textActivated(metric); // what a click in the popup sends
        QTRY_VERIFY_WITH_TIMEOUT(!histogram.isEmpty(), 30000);
        QCOMPARE(histogram.last().at(1).toString(), metric);
        const auto series = store.userMetric(m_mfRun, metric.toStdString());
        QVERIFY(series);
        const rs::ValueDistribution& shown = runs()->histogram()->distribution();
        const rs::ValueDistribution expected =
            rs::distributionOf(series->values, shown.bins() > 0 ? shown.bins() : 1);
        QCOMPARE(shown.count, expected.count);
        QCOMPARE(shown.counts, expected.counts);
        QCOMPARE(shown.mean, expected.mean);
        const QString stats = runs()->metricStats()->text();
        QVERIFY2(stats.contains(QStringLiteral("%1 users").arg(expected.count)) &&
                     stats.contains(MetricFormat::value(expected.mean)),
                 qPrintable(stats));
        rs::test::saveScreenshot(window(), QStringLiteral("runs-page"));
    }

    void selectedRunShowsPopularityBiasByActivity() {
        // The selected run's stored ARP, LongTail and NDCG@10 per activity segment, equal to
        // core's segmentSeriesReport on the run's training data.
        QSignalSpy segments(runs(), &RunsPage::segmentsLoaded);
        QVERIFY(runs()->selectRun(m_knnRun));
        QTRY_VERIFY_WITH_TIMEOUT(
            !segments.isEmpty() && segments.last().at(0).toLongLong() == m_knnRun, 60000);
        std::string error;
        rs::Workspace ws(path(), rs::Workspace::Mode::ReadOnly);
        const auto ctx = rs::loadRunContext(ws, m_knnRun, error);
        QVERIFY2(ctx, error.c_str());
        rs::RunStore store(ws);
        std::vector<rs::UserMetricSeries> stored;
        for (const char* name : {"ARP", "LongTail", "NDCG@10"}) {
            auto series = store.userMetric(m_knnRun, name);
            QVERIFY(series);
            stored.push_back(std::move(*series));
        }
        std::vector<rs::UserSeriesView> views;
        for (const auto& s : stored)
            views.push_back({s.metric, s.users, s.values});
        const rs::ItemPopularity pop = rs::ItemPopularity::fromTrain(ctx->train);
        const rs::SeriesSegmentReport expected = rs::segmentSeriesReport(
            rs::segmentUsers(ctx->train, pop, rs::UserSegmentBy::Activity), views);

        // A column per segment, then all users; rows: range, users, ARP, LongTail, NDCG@10.
        QTableWidget* t = runs()->segmentTable()->table();
        QCOMPARE(t->columnCount(), 4);
        QCOMPARE(t->rowCount(), 5);
        QCOMPARE(t->verticalHeaderItem(4)->text(), QStringLiteral("NDCG@10"));
        QCOMPARE(t->horizontalHeaderItem(0)->text(), QStringLiteral("light"));
        for (int col = 0; col < 4; ++col) {
            const bool all = col == 3;
            const std::size_t g = std::size_t(col);
            QCOMPARE(t->horizontalHeaderItem(col)->text(),
                     all ? QStringLiteral("all users")
                         : QString::fromStdString(expected.segments[g].name));
            if (!all)
                QCOMPARE(t->item(0, col)->text(),
                         QString::fromStdString(expected.segments[g].range(expected.by, false)));
            QCOMPARE(t->item(1, col)->data(Qt::UserRole).toDouble(),
                     double(all ? expected.series[0].overallUsers : expected.series[0].users[g]));
            for (int c = 0; c < 3; ++c) {
                const rs::SegmentedSeries& s = expected.series[std::size_t(c)];
                QCOMPARE(t->item(2 + c, col)->data(Qt::UserRole).toDouble(),
                         all ? s.overall : s.means[g]);
            }
        }
        runs()->detailTabs()->setCurrentWidget(runs()->segmentTable());
        rs::test::saveScreenshot(window(), QStringLiteral("runs-page-segments"));
        runs()->detailTabs()->setCurrentIndex(0);
    }

    void showRecommendationsLeadsToTheCoresTopN() {
        const int row = proxyRowOf(m_mfRun);
        clickRow(runs()->table(), row);
        QVERIFY(runs()->recommendationsButton()->isEnabled());
        QTest::mouseClick(runs()->recommendationsButton(), Qt::LeftButton);
        QCOMPARE(window()->pages()->currentPageId(), QStringLiteral("recommendations"));
        RecommendationsPage* page = recs();
        QTRY_COMPARE_WITH_TIMEOUT(page->currentRunId(), m_mfRun, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(page->context() != nullptr, 60000);

        QSignalSpy shown(page, &RecommendationsPage::recommendationsShown);
        page->userEdit()->clear();
        QTest::keyClicks(page->userEdit(), QStringLiteral("414"));
        page->kBox()->setValue(15);
        QTest::mouseClick(page->showButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 60000);
        QVERIFY2(shown.at(0).at(0).toBool(), qPrintable(page->message()->text()));

        const auto ctx = page->context();
        const qint64 user = ctx->userIndex("414");
        QVERIFY(user >= 0);
        QCOMPARE(page->shownUser(), user);
        const auto expected = ctx->recommend(std::uint32_t(user), 15);
        const auto& rows = page->recommendations()->rows();
        QCOMPARE(rows.size(), expected.size());
        for (std::size_t k = 0; k < rows.size(); ++k) {
            QCOMPARE(rows[k].item, expected[k].item);
            QCOMPARE(rows[k].value, expected[k].score);
            QCOMPARE(rows[k].title, QString::fromStdString(ctx->items[expected[k].item].title));
        }
        // The user's training history beside it, every rated item once.
        QCOMPARE(page->history()->rowCount(), int(ctx->trainItems(std::uint32_t(user)).size()));
        rs::test::saveScreenshot(window(), QStringLiteral("recommendations-page"));

        // An unknown user is reported inline; the list shown stays.
        shown.clear();
        page->userEdit()->clear();
        QTest::keyClicks(page->userEdit(), QStringLiteral("no-such-user"));
        QTest::keyClick(page->userEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30000);
        QVERIFY(!shown.at(0).at(0).toBool());
        QVERIFY(page->message()->isVisible());
        QVERIFY2(page->message()->text().contains(QStringLiteral("no-such-user")),
                 qPrintable(page->message()->text()));

        // "Why?" on the third recommendation opens a why panel on it.
        page->userEdit()->clear();
        QTest::keyClicks(page->userEdit(), QStringLiteral("414"));
        QTest::keyClick(page->userEdit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 2, 30000);
        QVERIFY(shown.at(1).at(0).toBool());
        clickRow(page->table(), 2);
        QVERIFY(page->whyButton()->isEnabled());
        QSignalSpy explain(page, &RecommendationsPage::explainRequested);
        QTest::mouseClick(page->whyButton(), Qt::LeftButton);
        QCOMPARE(explain.count(), 1);
        QCOMPARE(explain.at(0).at(0).toLongLong(), m_mfRun);
        QCOMPARE(explain.at(0).at(2).value<quint32>(), rows[2].item);
        QCOMPARE(window()->whyPanels().docks().size(), 1);
        WhyPanel* why = window()->whyPanels().docks().front()->primary();
        QCOMPARE(why->item(), rows[2].item);
        QCOMPARE(qint64(why->user()), user);
        QTRY_VERIFY_WITH_TIMEOUT(why->explanation().has_value(), 60000);
        QCOMPARE(why->explanation()->rank, 3);
        rs::test::saveScreenshot(window(), QStringLiteral("recommendations-why"));
    }

    void deleteKeepsTheOtherRun() {
        QVERIFY(window()->pages()->showPage(QStringLiteral("runs")));
        const int row = proxyRowOf(m_knnRun);
        QVERIFY(row >= 0);
        clickRow(runs()->table(), row);
        QCOMPARE(runs()->currentRunId(), m_knnRun);
        QTest::mouseClick(runs()->deleteButton(), Qt::LeftButton);
        QTRY_VERIFY(runs()->confirmDeleteButton()->isVisible());
        QCOMPARE(runs()->model()->rowCount(), 2); // nothing deleted before the confirmation
        QSignalSpy loaded(runs(), &RunsPage::runsLoaded);
        QTest::mouseClick(runs()->confirmDeleteButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(runs()->model()->rowOf(m_knnRun) < 0, 30000);
        QCOMPARE(runs()->model()->rowCount(), 1);
        QVERIFY(runs()->model()->rowOf(m_mfRun) >= 0);
        rs::Workspace ws(path(), rs::Workspace::Mode::ReadOnly);
        QCOMPARE(ws.integrityCheck(), std::string("ok"));
        rs::RunStore store(ws);
        QVERIFY(!store.get(m_knnRun));
        QVERIFY(store.get(m_mfRun));
        QVERIFY(store.loadModel(m_mfRun));
        QCOMPARE(int(store.epochs(m_mfRun).size()), 12);
    }

    void cleanupTestCase() {
        if (window())
            window()->close();
        m_demo.window.reset();
    }
};

QTEST_MAIN(TestRunsPage)
#include "tst_runspage.moc"
