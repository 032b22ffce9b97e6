// The Compare page on the bundled MovieLens demo with three runs trained on one split
// (biasedmf, als, popularity) and a popularity run on a second, tiny dataset: ticking the runs
// and pressing Compare runs the comparison as a job; the metrics table against RunStore, the
// pair columns against the engine (rs::compareRuns) and a hand-computed mean difference, the
// Jaccard matrix (diagonal 1, equal to the engine's), the popularity lens against the engine,
// a click on a scatter point emitting userActivated with that point's user, the HTML and CSV
// exports, cancelling, and runs of two datasets refused with an inline error.
#include "ComparisonCharts.h"
#include "ComparisonMatrixWidget.h"
#include "ComparisonMetricsModel.h"
#include "ComparisonPage.h"
#include "DemoWorkspace.h"
#include "InlineMessage.h"
#include "MetricFormat.h"
#include "PageHost.h"
#include "RecommendationsPage.h"
#include "TrainRun.h"
#include "UiTestUtil.h"

#include "compare/RunComparison.h"
#include "import/ImportJob.h"
#include "store/RunStore.h"
#include "store/Workspace.h"

#include <QAbstractItemModelTester>
#include <QBarSet>
#include <QComboBox>
#include <QFile>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QtTest/QtTest>
#include <algorithm>
#include <cmath>
#include <map>

using namespace rs::ui;

class TestComparisonPage : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    rs::test::DemoWindow m_demo;
    ComparisonPage* m_page = nullptr;
    qint64 m_mf = 0, m_als = 0, m_pop = 0, m_other = 0;

    MainWindow* window() const { return m_demo.window.get(); }
    std::string path() const { return window()->session().path().toStdString(); }

    /// Ticks exactly `ids` by clicking their check boxes' state as a user would.
    void tick(const QList<qint64>& ids) {
        QListWidget* list = m_page->runList();
        for (int i = 0; i < list->count(); ++i) {
            QListWidgetItem* item = list->item(i);
            const bool on = ids.contains(item->data(Qt::UserRole + 1).toLongLong());
            item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
        }
    }

    /// The engine's comparison of the runs the page compared, with the page's options.
    rs::ComparisonResult engine() const {
        const auto shown = m_page->result();
        std::vector<std::int64_t> ids;
        for (const auto& run : shown->runs)
            ids.push_back(run.id);
        rs::CompareOptions o = shown->options;
        o.explanations = false;
        rs::Workspace ws(path(), rs::Workspace::Mode::ReadOnly);
        return rs::compareRuns(ws, ids, o);
    }

    bool compareAndWait() {
        QSignalSpy finished(m_page, &ComparisonPage::comparisonFinished);
        QTest::mouseClick(m_page->compareButton(), Qt::LeftButton);
        if (!m_page->isBusy() && finished.isEmpty())
            return false;
        if (!finished.wait(240000) && finished.isEmpty())
            return false;
        return finished.last().at(0).toBool();
    }

private slots:
    void initTestCase() {
        rs::test::initUiTestEnvironment();
        QVERIFY(m_dir.isValid());
        m_demo = rs::test::openDemoWindow(m_dir, QStringLiteral("compare"));
        QVERIFY2(m_demo.error.isEmpty(), qPrintable(m_demo.error));
        QVERIFY(QTest::qWaitForWindowExposed(window()));
        const std::string split = "random:0.2:seed=3";
        m_mf = rs::test::trainRun(path(), m_demo.datasetId,
                                  {"biasedmf", {{"factors", "8"}, {"epochs", "8"}}, split});
        m_als = rs::test::trainRun(path(), m_demo.datasetId,
                                   {"als", {{"factors", "8"}, {"iterations", "4"}}, split});
        m_pop = rs::test::trainRun(path(), m_demo.datasetId, {"popularity", {}, split});
        QVERIFY(m_mf > 0 && m_als > 0 && m_pop > 0);

        // A second, tiny dataset with a run of its own.
        QByteArray csv = "user,item,rating\n";
        for (int u = 1; u <= 25; ++u)
            for (int i = 1; i <= 30; ++i)
                if ((u * 7 + i * 3) % 5 < 2)
                    csv += QByteArray::number(u) + ',' + QByteArray::number(i) + ',' +
                           QByteArray::number(1 + (u + i) % 5) + '\n';
        {
            rs::Workspace ws(path());
            rs::ImportOptions o;
            o.datasetName = "tiny";
            o.ratingsPath = rs::test::writeFile(m_dir, "tiny.csv", csv).toStdString();
            const rs::ImportResult imported = rs::importRatings(ws, o, {});
            QVERIFY2(imported.status == rs::ImportStatus::Ok, imported.error.c_str());
            m_other = rs::test::trainRun(path(), imported.datasetId, {"popularity", {}, split});
            QVERIFY(m_other > 0);
        }

        // The window's own Compare page.
        m_page = window()->findChild<ComparisonPage*>();
        QVERIFY(m_page);
        window()->session().notifyRunsChanged(m_other);
        QVERIFY(window()->pages()->showPage(QStringLiteral("compare")));
        QTRY_VERIFY_WITH_TIMEOUT(m_page->runList()->count() == 4, 30000);
        QVERIFY(!m_page->isBusy());
    }

    // A click in the scatter opens the Recommendations page: each test starts on Compare.
    void init() {
        if (m_page)
            QVERIFY(window()->pages()->showPage(QStringLiteral("compare")));
    }

    void listsEveryRunUnticked() {
        QListWidget* list = m_page->runList();
        QStringList texts;
        for (int i = 0; i < list->count(); ++i) {
            QCOMPARE(list->item(i)->checkState(), Qt::Unchecked);
            texts << list->item(i)->text();
        }
        for (qint64 id : {m_mf, m_als, m_pop, m_other})
            QVERIFY2(texts.filter(QStringLiteral("#%1 ").arg(id)).size() == 1,
                     qPrintable(texts.join(QLatin1Char('\n'))));
        QVERIFY(!m_page->compareButton()->isEnabled());
        tick({m_mf});
        QVERIFY(!m_page->compareButton()->isEnabled()); // one run is not a comparison
        QVERIFY(!m_page->exportButton()->isEnabled());  // nothing to export yet
    }

    void runsOfTwoDatasetsAreRefused() {
        tick({m_mf, m_other});
        QVERIFY(m_page->compareButton()->isEnabled());
        QSignalSpy finished(m_page, &ComparisonPage::comparisonFinished);
        QTest::mouseClick(m_page->compareButton(), Qt::LeftButton);
        QVERIFY(!m_page->isBusy()); // refused before any job starts
        QCOMPARE(m_page->message()->kind(), InlineMessage::Kind::Error);
        QVERIFY2(m_page->message()->text().contains(QStringLiteral("different datasets")),
                 qPrintable(m_page->message()->text()));
        QVERIFY(m_page->message()->text().contains(QStringLiteral("tiny")));
        QVERIFY(m_page->message()->isVisible());
        QVERIFY(!m_page->result());
    }

    void comparesThreeRuns() {
        tick({m_mf, m_als, m_pop});
        m_page->setK(10);
        m_page->setUserSample(200);
        QVERIFY(compareAndWait());
        QVERIFY(!m_page->isBusy());
        QVERIFY(!m_page->message()->isVisible() ||
                m_page->message()->kind() != InlineMessage::Kind::Error);
        const auto result = m_page->result();
        QVERIFY(result);
        QCOMPARE(int(result->runs.size()), 3);
        QVERIFY(m_page->protocolLabel()->text().contains(QStringLiteral("same split")));
        QVERIFY(m_page->protocolLabel()->text().contains(QStringLiteral("MovieLens")));
        QVERIFY(m_page->exportButton()->isEnabled());
        QCOMPARE(m_page->pairBox()->count(), 3);

        // The stored metrics, run by run, exactly as RunStore holds them.
        ComparisonMetricsModel* model = m_page->metricsModel();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->columnCount(), 3 + 4);
        rs::Workspace ws(path(), rs::Workspace::Mode::ReadOnly);
        rs::RunStore store(ws);
        int checked = 0;
        for (int c = 0; c < 3; ++c) {
            const auto run = store.get(result->runs[std::size_t(c)].id);
            QVERIFY(run);
            QVERIFY(model->headerData(c, Qt::Horizontal)
                        .toString()
                        .startsWith(QStringLiteral("#%1 ").arg(run->id)));
            for (const auto& [name, value] : run->metrics) {
                const int row = model->rowOf(QString::fromStdString(name));
                QVERIFY2(row >= 0, name.c_str());
                const QModelIndex index = model->index(row, c);
                QCOMPARE(model->data(index, ComparisonMetricsModel::ValueRole).toDouble(), value);
                QCOMPARE(model->data(index).toString(), MetricFormat::value(value));
                ++checked;
            }
        }
        QVERIFY(checked > 20);
        // The popularity model stores no RMSE: its cell says so instead of a number.
        const int rmse = model->rowOf(QStringLiteral("RMSE"));
        const int popColumn = int(std::find_if(result->runs.begin(), result->runs.end(),
                                               [&](const auto& r) { return r.id == m_pop; }) -
                                  result->runs.begin());
        if (rmse >= 0)
            QVERIFY(std::isnan(
                model->data(model->index(rmse, popColumn), ComparisonMetricsModel::ValueRole)
                    .toDouble()));

        // The pair columns equal the engine's paired tests, for every pair.
        const rs::ComparisonResult e = engine();
        QVERIFY(e.error.empty());
        int pairedChecked = 0;
        for (int a = 0; a < 3; ++a)
            for (int b = a + 1; b < 3; ++b) {
                QVERIFY(m_page->setPair(a, b));
                for (const rs::PairedMetric& p : e.paired) {
                    if (p.a != std::size_t(a) || p.b != std::size_t(b))
                        continue;
                    int row = -1;
                    for (int r = 0; r < model->rowCount(); ++r)
                        if (ComparisonMetricsModel::seriesFor(
                                model->headerData(r, Qt::Vertical).toString().toStdString()) ==
                            p.metric)
                            row = r;
                    if (row < 0)
                        continue; // a per-user series without an aggregate (e.g. RMSE per user)
                    auto value = [&](ComparisonMetricsModel::PairColumn col) {
                        return model
                            ->data(model->index(row, model->pairColumn(col)),
                                   ComparisonMetricsModel::ValueRole)
                            .toDouble();
                    };
                    QCOMPARE(value(ComparisonMetricsModel::Delta), p.t.meanDelta);
                    QCOMPARE(value(ComparisonMetricsModel::Interval), p.t.ciLow);
                    QCOMPARE(value(ComparisonMetricsModel::PT), p.t.p);
                    QCOMPARE(value(ComparisonMetricsModel::PWilcoxon), p.wilcoxon.p);
                    ++pairedChecked;
                }
            }
        QVERIFY(pairedChecked >= 15);

        // NDCG@10 delta of runs 0 -> 1 by hand: mean over common users of b - a.
        QVERIFY(m_page->setPair(0, 1));
        const auto sa = store.userMetric(result->runs[0].id, "NDCG@10");
        const auto sb = store.userMetric(result->runs[1].id, "NDCG@10");
        QVERIFY(sa && sb);
        std::map<std::uint32_t, double> byUser;
        for (std::size_t i = 0; i < sa->users.size(); ++i)
            byUser.emplace(sa->users[i], sa->values[i]);
        double sum = 0;
        std::size_t n = 0;
        for (std::size_t i = 0; i < sb->users.size(); ++i)
            if (auto it = byUser.find(sb->users[i]); it != byUser.end()) {
                sum += double(sb->values[i]) - it->second;
                ++n;
            }
        QVERIFY(n > 100);
        const int ndcg = model->rowOf(QStringLiteral("NDCG@10"));
        QVERIFY(ndcg >= 0);
        const double shown =
            model
                ->data(model->index(ndcg, model->pairColumn(ComparisonMetricsModel::Delta)),
                       ComparisonMetricsModel::ValueRole)
                .toDouble();
        QVERIFY2(std::abs(shown - sum / double(n)) < 1e-9,
                 qPrintable(QStringLiteral("%1 vs %2").arg(shown).arg(sum / double(n))));
        QVERIFY(model->headerData(model->pairColumn(ComparisonMetricsModel::Delta), Qt::Horizontal)
                    .toString()
                    .contains(QStringLiteral("#%1").arg(result->runs[1].id)));

        // The bar chart: one bar set per run, the accuracy metrics as categories.
        QCOMPARE(m_page->metricBars()->series()->count(), 3);
        for (int c = 0; c < 3; ++c)
            QCOMPARE(m_page->metricBars()->value(c, 0),
                     *result->runs[std::size_t(c)].metric("P@10")); // the first accuracy metric

        // Top-N overlap: Jaccard diagonal 1, symmetric, equal to the engine's.
        ComparisonMatrixWidget* jac = m_page->jaccardMatrix();
        QCOMPARE(jac->size(), 3);
        QCOMPARE(e.overlap.runs, std::size_t(3));
        for (int a = 0; a < 3; ++a)
            for (int b = 0; b < 3; ++b) {
                if (a == b)
                    QCOMPARE(jac->value(a, b), 1.0);
                QCOMPARE(jac->value(a, b), jac->value(b, a));
                QCOMPARE(jac->value(a, b), e.overlap.jaccardAt(std::size_t(a), std::size_t(b)));
                const double tau = e.overlap.kendallTauAt(std::size_t(a), std::size_t(b));
                QVERIFY(std::isnan(tau) ? std::isnan(m_page->tauMatrix()->value(a, b))
                                        : m_page->tauMatrix()->value(a, b) == tau);
            }
        QVERIFY(jac->value(0, 1) < 1.0); // two different models do not recommend the same lists
        QVERIFY(m_page->overlapNote()->text().contains(QStringLiteral("200")));

        // Popularity lens: the engine's profiles; the popularity model leans hardest on the head.
        QCOMPARE(m_page->popularityChart()->setCount(), 4); // three runs + interactions
        QCOMPARE(int(m_page->popularityChart()->categories().size()),
                 int(e.popularity[0].bins.size()));
        QTableWidget* pop = m_page->popularityTable();
        QCOMPARE(pop->rowCount(), 3);
        double maxArp = 0;
        int maxRow = -1;
        for (int r = 0; r < 3; ++r) {
            const rs::PopularityProfile& p = e.popularity[std::size_t(r)];
            QCOMPARE(pop->item(r, 1)->data(Qt::UserRole).toDouble(), p.averagePopularity);
            QCOMPARE(pop->item(r, 2)->data(Qt::UserRole).toDouble(), p.longTailShare);
            QCOMPARE(pop->item(r, 3)->data(Qt::UserRole).toDouble(), p.exposureGini);
            const QBarSet* bars = m_page->popularityChart()->runBars(r);
            QCOMPARE(bars->count(), int(p.bins.size()));
            for (int b = 0; b < bars->count(); ++b)
                QCOMPARE(bars->at(b), p.bins[std::size_t(b)].recommendationShare);
            if (p.averagePopularity > maxArp) {
                maxArp = p.averagePopularity;
                maxRow = r;
            }
        }
        QCOMPARE(result->runs[std::size_t(maxRow)].id, m_pop);
        // The popularity model recommends only the most popular items: its whole list in bin 1.
        QCOMPARE(m_page->popularityChart()->runBars(popColumn)->at(0), 1.0);
        const QBarSet* interactions = m_page->popularityChart()->runBars(3);
        QCOMPARE(interactions->at(0), e.popularity[0].bins[0].interactionShare);

        // Explanation agreement: one row per pair; the popularity model cites no evidence.
        QTableWidget* ex = m_page->explanationTable();
        QCOMPARE(ex->rowCount(), 3);
        for (int row = 0; row < 3; ++row) {
            const rs::ExplanationPairAgreement& p = result->explanations.pairs[std::size_t(row)];
            const bool withPop = result->runs[p.a].id == m_pop || result->runs[p.b].id == m_pop;
            QCOMPARE(p.comparable, !withPop);
            QCOMPARE(ex->item(row, 7)->text().isEmpty(), !withPop);
            QCOMPARE(ex->item(row, 3)->data(Qt::UserRole).toDouble(), double(p.pairs));
            if (!withPop) {
                QVERIFY(p.pairs > 0);
                QCOMPARE(ex->item(row, 4)->data(Qt::UserRole).toDouble(), p.top3Jaccard);
                QCOMPARE(ex->item(row, 5)->data(Qt::UserRole).toDouble(), p.top5Jaccard);
            } else {
                QCOMPARE(ex->item(row, 4)->text(), QStringLiteral("n/a"));
            }
        }

        QVERIFY(m_page->setPair(0, 1));
        m_page->tabs()->setCurrentIndex(0);
        rs::test::saveScreenshot(window(), QStringLiteral("comparison-3runs"));
        m_page->tabs()->setCurrentIndex(3);
        rs::test::saveScreenshot(window(), QStringLiteral("comparison-popularity"));
        m_page->tabs()->setCurrentIndex(2);
        rs::test::saveScreenshot(window(), QStringLiteral("comparison-overlap"));
        m_page->tabs()->setCurrentIndex(4);
        rs::test::saveScreenshot(window(), QStringLiteral("comparison-explanations"));
    }

    void clickingAScatterPointEmitsItsUser() {
        const auto result = m_page->result();
        QVERIFY(result);
        QVERIFY(m_page->setPair(0, 1));
        m_page->tabs()->setCurrentIndex(1);
        ComparisonScatterChart* chart = m_page->scatter();
        QTest::qWait(50);
        const rs::UserScatter* s = nullptr;
        for (const auto& sc : result->scatter)
            if (sc.a == 0 && sc.b == 1)
                s = &sc;
        QVERIFY(s);
        QCOMPARE(chart->pointCount(), int(s->userIds.size()));
        // A point with no other point within 12 px, so the click can only mean that user.
        int target = -1;
        for (int i = 0; i < chart->pointCount() && target < 0; ++i) {
            const QPoint p = chart->pointPosition(i);
            if (!chart->viewport()->rect().contains(p))
                continue;
            bool alone = true;
            for (int j = 0; j < chart->pointCount() && alone; ++j)
                if (j != i &&
                    (QPointF(chart->pointPosition(j)) - QPointF(p)).manhattanLength() < 12)
                    alone = false;
            if (alone)
                target = i;
        }
        QVERIFY2(target >= 0, "no isolated point on the scatter");
        QSignalSpy activated(m_page, &ComparisonPage::userActivated);
        QTest::mouseClick(chart->viewport(), Qt::LeftButton, {},
                          chart->pointPosition(target) + QPoint(2, -1));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toLongLong(), result->runs[0].id);
        QCOMPARE(activated.at(0).at(1).toLongLong(), result->runs[1].id);
        const QString user = QString::fromStdString(s->userIds[std::size_t(target)]);
        QCOMPARE(activated.at(0).at(2).toString(), user);
        QCOMPARE(chart->selectedPoint(), target);
        QVERIFY(m_page->scatterUser()->text().contains(QStringLiteral("<b>%1</b>").arg(user)));
        // The main window opens that user's recommendations from the first run.
        QCOMPARE(window()->pages()->currentPageId(), QStringLiteral("recommendations"));
        auto* recs = window()->findChild<RecommendationsPage*>();
        QCOMPARE(recs->userEdit()->text(), user);
        QVERIFY(window()->pages()->showPage(QStringLiteral("compare")));

        // The point's values are that user's stored NDCG@10 of each run.
        rs::Workspace ws(path(), rs::Workspace::Mode::ReadOnly);
        rs::RunStore store(ws);
        const auto sa = store.userMetric(result->runs[0].id, s->metric);
        QVERIFY(sa);
        // Scatter users come in ascending dense index: the target-th common user.
        QVERIFY(std::find(sa->values.begin(), sa->values.end(),
                          float(s->valuesA[std::size_t(target)])) != sa->values.end());

        // A click on empty chart area (top-left corner of the plot) emits nothing.
        const QRectF plot = chart->chart()->plotArea();
        const QPoint corner =
            chart->mapFromScene(chart->chart()->mapToScene(plot.topLeft() + QPointF(3, 3)));
        if (chart->pointAt(corner) < 0) {
            QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, corner);
            QCOMPARE(activated.count(), 1);
        }
        rs::test::saveScreenshot(window(), QStringLiteral("comparison-scatter"));
    }

    void exportsHtmlAndCsv() {
        const auto result = m_page->result();
        QVERIFY(result);
        const QString html = m_dir.filePath(QStringLiteral("report.html"));
        const QString csv = m_dir.filePath(QStringLiteral("report.csv"));
        QCOMPARE(m_page->exportHtml(html), QString());
        QCOMPARE(m_page->exportCsv(csv), QString());
        QFile h(html), c(csv);
        QVERIFY(h.open(QIODevice::ReadOnly));
        QVERIFY(c.open(QIODevice::ReadOnly));
        const QByteArray htmlText = h.readAll(), csvText = c.readAll();
        QVERIFY(htmlText.startsWith("<!DOCTYPE html") || htmlText.contains("<html"));
        QVERIFY(csvText.startsWith("section,name,run_a"));
        for (const auto& run : result->runs) {
            QVERIFY(htmlText.contains(QByteArray::number(qlonglong(run.id))));
            QVERIFY(csvText.contains("," + QByteArray::number(qlonglong(run.id)) + "," +
                                     QByteArray::fromStdString(run.model) + ","));
        }
        QVERIFY(csvText.contains("jaccard"));
        QCOMPARE(m_page->exportButton()->menu()->actions().size(), 2);
        // An unwritable path is reported, not ignored.
        QVERIFY(!m_page->exportCsv(m_dir.filePath(QStringLiteral("no/such/dir/x.csv"))).isEmpty());
    }

    void cancelKeepsThePreviousComparison() {
        const auto before = m_page->result();
        QVERIFY(before);
        tick({m_mf, m_als});
        m_page->setUserSample(0);
        QSignalSpy finished(m_page, &ComparisonPage::comparisonFinished);
        QTest::mouseClick(m_page->compareButton(), Qt::LeftButton);
        QVERIFY(m_page->isBusy());
        QVERIFY(m_page->cancelButton()->isEnabled());
        QVERIFY(!m_page->compareButton()->isEnabled());
        QTest::mouseClick(m_page->cancelButton(), Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.last().at(0).toBool(), false);
        QVERIFY(!m_page->isBusy());
        QCOMPARE(m_page->message()->kind(), InlineMessage::Kind::Info);
        QVERIFY(m_page->message()->text().contains(QStringLiteral("cancelled")));
        QCOMPARE(m_page->result(), before);
        QCOMPARE(m_page->jaccardMatrix()->size(), 3);
    }

    void comparesTwoRunsAfterwards() {
        tick({m_mf, m_pop});
        m_page->setUserSample(100);
        QVERIFY(compareAndWait());
        const auto result = m_page->result();
        QCOMPARE(int(result->runs.size()), 2);
        QCOMPARE(m_page->pairBox()->count(), 1);
        QCOMPARE(m_page->jaccardMatrix()->size(), 2);
        QCOMPARE(m_page->metricsModel()->columnCount(), 2 + 4);
        QVERIFY(!m_page->message()->isVisible() ||
                m_page->message()->kind() != InlineMessage::Kind::Error);
    }

    void explainedUsersBoundTheExplanationPart() {
        tick({m_mf, m_als});
        m_page->setUserSample(100);
        m_page->setExplainedUsers(4);
        QVERIFY(compareAndWait());
        auto result = m_page->result();
        QCOMPARE(result->options.explainUsers, std::size_t(4));
        QCOMPARE(int(result->explanations.pairs.size()), 1);
        const std::size_t explained = result->explanations.pairs.front().users;
        QVERIFY2(explained > 0 && explained <= 4, qPrintable(QString::number(explained)));
        QCOMPARE(m_page->explanationTable()->rowCount(), 1);
        QCOMPARE(m_page->explanationTable()->item(0, 2)->text(), QString::number(explained));

        // None: the part is skipped and says so.
        auto* box = m_page->findChild<QSpinBox*>(QStringLiteral("comparisonExplained"));
        QVERIFY(box);
        box->selectAll();
        QTest::keyClicks(box, QStringLiteral("0"));
        QCOMPARE(box->value(), 0);
        QVERIFY(compareAndWait());
        result = m_page->result();
        QVERIFY(!result->options.explanations);
        QVERIFY(result->explanations.pairs.empty());
        QCOMPARE(m_page->explanationTable()->rowCount(), 0);
        const auto labels = m_page->findChildren<QLabel*>();
        QVERIFY(std::any_of(labels.begin(), labels.end(), [](const QLabel* l) {
            return l->text().contains(QStringLiteral("Explanations were not compared"));
        }));
        m_page->setExplainedUsers(30);
    }

    void morePopularityBinsLookCloserAtTheHead() {
        tick({m_mf, m_als, m_pop});
        m_page->setUserSample(200);
        m_page->setPopularityBins(40);
        QVERIFY(compareAndWait());
        const auto result = m_page->result();
        QCOMPARE(int(result->popularity.front().bins.size()), 40);
        QCOMPARE(int(m_page->popularityChart()->categories().size()), 40);
        // In 40 bins the biased MF run spreads its lists over more than the first bin.
        const rs::PopularityProfile& mf = result->popularity.front();
        QCOMPARE(result->runs.front().id, m_mf);
        QVERIFY(mf.bins[0].recommendationShare < 1.0);
        m_page->tabs()->setCurrentIndex(3);
        rs::test::saveScreenshot(window(), QStringLiteral("comparison-popularity-40bins"));
        m_page->setPopularityBins(10);
    }

    void aDifferentSplitIsWarnedAbout() {
        QVERIFY(!m_page->warnings()->isVisible()); // the runs so far share one split
        const qint64 other =
            rs::test::trainRun(path(), m_demo.datasetId, {"popularity", {}, "random:0.2:seed=9"});
        QVERIFY(other > 0);
        QSignalSpy loaded(m_page, &ComparisonPage::runsLoaded);
        window()->session().notifyRunsChanged(other);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(m_page->runList()->count(), 5);
        tick({m_mf, other});
        m_page->setUserSample(100);
        QVERIFY(compareAndWait());
        QVERIFY(m_page->warnings()->isVisible());
        QCOMPARE(m_page->warnings()->kind(), InlineMessage::Kind::Warning);
        QVERIFY2(m_page->warnings()->text().contains(QStringLiteral("different test sets")),
                 qPrintable(m_page->warnings()->text()));
        QVERIFY(m_page->protocolLabel()->text().contains(QStringLiteral("different test splits")));
        QVERIFY(!m_page->result()->protocol.sameSplit);
    }

    void cleanupTestCase() {
        if (m_page && m_page->isBusy())
            m_page->cancel();
        m_demo.window.reset();
    }
};

QTEST_MAIN(TestComparisonPage)
#include "tst_comparisonpage.moc"
