// The Compare page's popularity lens by user segment on the bundled MovieLens demo: a
// popularity run (the naive baseline that follows the crowd) and an ALS run on the same split,
// compared through the page. The segment chart's bars and the table equal the engine's figures
// (rs::compareRuns run again headless) for every segmentation and measure the combos offer,
// switching the combos redraws, the categories name each segment's boundaries, and the headline
// states the ARP change and the long-tail shares of the first two runs. Screenshots:
// popularity-lens-segments (activity, ARP) and popularity-lens-mainstream (long-tail share).
#include "ComparisonPage.h"
#include "DemoWorkspace.h"
#include "PageHost.h"
#include "PopularitySegmentChart.h"
#include "PopularitySegmentPanel.h"
#include "TrainRun.h"
#include "UiTestUtil.h"

#include "compare/RunComparison.h"
#include "store/Workspace.h"

#include <QBarSet>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QtTest/QtTest>
#include <cmath>

using namespace rs::ui;

class TestPopularityLens : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    rs::test::DemoWindow m_demo;
    ComparisonPage* m_page = nullptr;
    qint64 m_pop = 0, m_als = 0;
    rs::ComparisonResult m_engine;

    MainWindow* window() const { return m_demo.window.get(); }
    std::string path() const { return window()->session().path().toStdString(); }
    PopularitySegmentPanel* panel() const { return m_page->popularitySegments(); }

    /// Checks every bar and table figure of the shown segmentation and measure against the
    /// engine's reports.
    void checkChartMatchesEngine(const char* where) {
        const auto by = panel()->segmentation();
        const auto measure = panel()->measure();
        const std::size_t acc = std::size_t(panel()->accuracyIndex());
        const auto& reports = m_engine.segments(by);
        PopularitySegmentChart* chart = panel()->chart();
        QVERIFY2(chart->setCount() == 2, where);
        QCOMPARE(int(chart->categories().size()), int(reports[0].segments.size()) + 1);
        for (int r = 0; r < 2; ++r) {
            const rs::SegmentReport& rep = reports[std::size_t(r)];
            for (int c = 0; c <= int(rep.segments.size()); ++c) {
                const bool all = c == int(rep.segments.size());
                const double expected = rs::segmentMeasureValue(
                    all ? rep.overall : rep.perSegment[std::size_t(c)], measure, acc);
                const double shown = chart->value(r, c);
                QVERIFY2(std::isnan(expected) ? std::isnan(shown) : shown == expected, where);
                QCOMPARE(chart->runBars(r)->at(c), std::isnan(expected) ? 0.0 : expected);
            }
        }
        // The table: segment-major rows, run-minor; ARP in column 4.
        QTableWidget* t = panel()->table();
        QCOMPARE(t->rowCount(), int((reports[0].segments.size() + 1) * 2));
        for (std::size_t s = 0; s < reports[0].segments.size(); ++s)
            for (int r = 0; r < 2; ++r) {
                const int row = int(s) * 2 + r;
                const rs::SegmentMeasures& m = reports[std::size_t(r)].perSegment[s];
                QCOMPARE(t->item(row, 0)->text(),
                         QString::fromStdString(reports[0].segments[s].name));
                QCOMPARE(t->item(row, 1)->text(),
                         QString::fromStdString(reports[0].segments[s].range(by)));
                QCOMPARE(t->item(row, 4)->data(Qt::UserRole).toDouble(), m.arp);
                QCOMPARE(t->item(row, 5)->data(Qt::UserRole).toDouble(), m.longTail);
                QCOMPARE(t->item(row, 6)->data(Qt::UserRole).toDouble(), m.exposureGini);
                QCOMPARE(t->item(row, 8)->data(Qt::UserRole).toDouble(), m.accuracy[0]);
            }
    }

private slots:
    void initTestCase() {
        rs::test::initUiTestEnvironment();
        QVERIFY(m_dir.isValid());
        m_demo = rs::test::openDemoWindow(m_dir, QStringLiteral("lens"));
        QVERIFY2(m_demo.error.isEmpty(), qPrintable(m_demo.error));
        QVERIFY(QTest::qWaitForWindowExposed(window()));
        const std::string split = "random:0.2:seed=3";
        m_pop = rs::test::trainRun(path(), m_demo.datasetId, {"popularity", {}, split});
        m_als = rs::test::trainRun(path(), m_demo.datasetId,
                                   {"als", {{"factors", "16"}, {"iterations", "6"}}, split});
        QVERIFY(m_pop > 0 && m_als > 0);
        m_page = window()->findChild<ComparisonPage*>();
        QVERIFY(m_page);
        window()->session().notifyRunsChanged(m_als);
        QVERIFY(window()->pages()->showPage(QStringLiteral("compare")));
        QTRY_VERIFY_WITH_TIMEOUT(m_page->runList()->count() == 2, 30000);

        // Compare through the page, popularity first (run A) and ALS second (run B).
        QVERIFY(m_page->setCheckedRuns({m_pop, m_als}));
        m_page->setK(10);
        m_page->setUserSample(300);
        QSignalSpy finished(m_page, &ComparisonPage::comparisonFinished);
        QTest::mouseClick(m_page->compareButton(), Qt::LeftButton);
        QVERIFY(finished.wait(rs::test::scaledMs(240000)) || !finished.isEmpty());
        QVERIFY(finished.last().at(0).toBool());
        const auto shown = m_page->result();
        QCOMPARE(shown->runs.size(), std::size_t(2));
        QCOMPARE(shown->runs[0].id, m_pop);

        // The engine's own comparison with the page's options.
        rs::CompareOptions o = shown->options;
        o.explanations = false;
        rs::Workspace ws(path(), rs::Workspace::Mode::ReadOnly);
        const std::vector<std::int64_t> ids = {m_pop, m_als};
        m_engine = rs::compareRuns(ws, ids, o);
        QVERIFY2(m_engine.error.empty(), m_engine.error.c_str());
    }

    void segmentTabShowsTheEnginesFigures() {
        m_page->tabs()->setCurrentIndex(3);
        m_page->popularityViews()->setCurrentWidget(panel());
        QCOMPARE(panel()->segmentation(), rs::UserSegmentBy::Activity);
        QCOMPARE(panel()->measure(), rs::SegmentMeasure::Arp);
        checkChartMatchesEngine("activity/ARP");
        // The categories carry the boundaries of the activity segments.
        const QStringList cats = panel()->chart()->categories();
        const auto& seg = m_engine.activitySegments[0].segments;
        QCOMPARE(cats[0],
                 QStringLiteral("light (%1)")
                     .arg(QString::fromStdString(seg[0].range(rs::UserSegmentBy::Activity))));
        QVERIFY(cats[2].startsWith(QStringLiteral("heavy (")));
        QVERIFY(cats[2].endsWith(QStringLiteral(" ratings)")));
        QCOMPARE(cats[3], QStringLiteral("all users"));
        // Popularity follows the crowd: its ARP is above ALS's in every activity segment.
        for (int c = 0; c < 4; ++c)
            QVERIFY(panel()->chart()->value(0, c) > panel()->chart()->value(1, c));
        rs::test::saveScreenshot(window(), QStringLiteral("popularity-lens-segments"));
    }

    void everyComboChoiceMatches() {
        QComboBox* by = panel()->segmentationBox();
        QComboBox* measure = panel()->measureBox();
        // ARP, long-tail share, exposure Gini, coverage, NDCG@10, R@10.
        QCOMPARE(measure->count(), 6);
        QCOMPARE(measure->itemText(4), QStringLiteral("NDCG@10"));
        for (int b = 0; b < by->count(); ++b) {
            by->setCurrentIndex(b); // as a user picking in the combo
            for (int m = 0; m < measure->count(); ++m) {
                measure->setCurrentIndex(m);
                const QByteArray where =
                    (by->currentText() + " / " + measure->currentText()).toUtf8();
                checkChartMatchesEngine(where.constData());
            }
        }
        // Switching the segmentation changes the categories to the mainstreamness segments.
        panel()->setSegmentation(rs::UserSegmentBy::Mainstreamness);
        QVERIFY(panel()->setMeasure(rs::SegmentMeasure::LongTail));
        QVERIFY(panel()->chart()->categories()[0].startsWith(QStringLiteral("niche (pct ")));
        // ALS recommends more of the long tail than popularity, for niche users in particular.
        QVERIFY(panel()->chart()->value(1, 0) > panel()->chart()->value(0, 0));
        rs::test::saveScreenshot(window(), QStringLiteral("popularity-lens-mainstream"));
        panel()->setSegmentation(rs::UserSegmentBy::Activity);
        QVERIFY(panel()->setMeasure(rs::SegmentMeasure::Arp));
    }

    void headlineNamesTheShift() {
        const rs::SegmentReport& a = m_engine.activitySegments[0];
        const rs::SegmentReport& b = m_engine.activitySegments[1];
        const double change = rs::relativeChange(a.overall.arp, b.overall.arp);
        QVERIFY(change < 0);
        const QString text = panel()->headline()->text();
        QVERIFY2(text.contains(
                     QStringLiteral("%1% less popular").arg(std::lround(std::abs(change) * 100.0))),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("long-tail share %1 → %2")
                                  .arg(a.overall.longTail, 0, 'f', 2)
                                  .arg(b.overall.longTail, 0, 'f', 2)));
        QVERIFY(text.contains(QStringLiteral("NDCG@10")));
        QVERIFY(text.contains(QStringLiteral("light ")));
        qInfo("%s", qPrintable(text));
        printReports(rs::UserSegmentBy::Activity);
        printReports(rs::UserSegmentBy::Mainstreamness);
    }

    void naiveVsIpsOnTheSameSplit() {
        // The lens the debiasing is for: BPR as it is against BPR with IPS weights, same split.
        const std::string split = "random:0.2:seed=3";
        const qint64 naive =
            rs::test::trainRun(path(), m_demo.datasetId, {"bpr", {}, split, 42, 1});
        const qint64 ips = rs::test::trainRun(path(), m_demo.datasetId,
                                              {"bpr", {}, split, 42, 1, "ips:eta=0.5:clip=20"});
        QVERIFY(naive > 0 && ips > 0);
        window()->session().notifyRunsChanged(ips);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->runList()->count() == 4, 30000);
        QVERIFY(m_page->setCheckedRuns({naive, ips}));
        // The lens needs no explanations; BPR's re-solve them per user (slow under sanitizers).
        m_page->setExplainedUsers(0);
        QSignalSpy finished(m_page, &ComparisonPage::comparisonFinished);
        QTest::mouseClick(m_page->compareButton(), Qt::LeftButton);
        QVERIFY(finished.wait(rs::test::scaledMs(240000)) || !finished.isEmpty());
        QVERIFY(finished.last().at(0).toBool());
        m_page->tabs()->setCurrentIndex(3);
        m_page->popularityViews()->setCurrentWidget(panel());
        panel()->setSegmentation(rs::UserSegmentBy::Activity);
        QVERIFY(panel()->setMeasure(rs::SegmentMeasure::Arp));
        // IPS recommends less popular items in every activity segment, and more of the tail.
        for (int c = 0; c < 4; ++c)
            QVERIFY2(panel()->chart()->value(1, c) < panel()->chart()->value(0, c),
                     qPrintable(panel()->chart()->categories()[c]));
        const QString text = panel()->headline()->text();
        QVERIFY2(text.contains(QStringLiteral("bpr + IPS")) &&
                     text.contains(QStringLiteral("less popular")),
                 qPrintable(text));
        qInfo("%s", qPrintable(text));
        rs::test::saveScreenshot(window(), QStringLiteral("popularity-lens-naive-vs-ips"));
        QVERIFY(panel()->setMeasure(rs::SegmentMeasure::LongTail));
        for (int c = 0; c < 4; ++c)
            QVERIFY(panel()->chart()->value(1, c) > panel()->chart()->value(0, c));
    }

private:
    /// The figures for the report (qInfo: visible in the test log).
    void printReports(rs::UserSegmentBy by) const {
        const auto& reports = m_engine.segments(by);
        for (std::size_t r = 0; r < reports.size(); ++r) {
            const rs::SegmentReport& rep = reports[r];
            for (std::size_t s = 0; s <= rep.segments.size(); ++s) {
                const bool all = s == rep.segments.size();
                const rs::SegmentMeasures& m = all ? rep.overall : rep.perSegment[s];
                qInfo("%s run %lld %-10s %-16s users %4zu ARP %7.1f LT %.3f Gini %.3f cov %.3f "
                      "NDCG %.3f",
                      rs::userSegmentByName(by), (long long)m_engine.runs[r].id,
                      all ? "all" : rep.segments[s].name.c_str(),
                      all ? "" : rep.segments[s].range(by).c_str(), m.users, m.arp, m.longTail,
                      m.exposureGini, m.coverage, m.accuracy.empty() ? NAN : m.accuracy[0]);
            }
        }
    }
};

QTEST_MAIN(TestPopularityLens)
#include "tst_popularitylens.moc"
