// JobRunner: results arrive on the UI thread, progress is throttled, cancel reaches the job,
// superseded results are dropped, a destroyed context gets nothing, exceptions become errors.
#include "JobRunner.h"
#include "JobStatusWidget.h"
#include "UiTestUtil.h"
#include "WorkerCall.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QProgressBar>
#include <QSignalSpy>
#include <QThread>
#include <QToolButton>
#include <QtTest/QtTest>
#include <atomic>

using namespace rs::ui;

class TestJobRunner : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { rs::test::initUiTestEnvironment(); }

    void resultArrivesOnUiThread() {
        JobRunner runner;
        QThread* workerThread = nullptr;
        QThread* doneThread = nullptr;
        int value = 0;
        std::function<int(const rs::Progress&)> work = [&workerThread](const rs::Progress&) {
            workerThread = QThread::currentThread();
            return 42;
        };
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        const JobId id = runner.start<int>(QStringLiteral("answer"), work, this, [&](int v) {
            value = v;
            doneThread = QThread::currentThread();
        });
        QVERIFY(id != 0);
        QVERIFY(runner.isRunning(id));
        QCOMPARE(runner.latestJob(), id);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(value, 42);
        QCOMPARE(doneThread, qApp->thread());
        QVERIFY(workerThread != qApp->thread());
        QCOMPARE(finished.at(0).at(0).value<JobId>(), id);
        QVERIFY(finished.at(0).at(1).toString().isEmpty());
        QVERIFY(!runner.isRunning(id));
        QCOMPARE(runner.runningCount(), 0);
    }

    void progressIsThrottled() {
        JobRunner runner;
        QSignalSpy progress(&runner, &JobRunner::jobProgress);
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        // 300 ms of continuous reporting: ~20/s allows about 6 reports plus the final one.
        std::function<int(const rs::Progress&)> work = [](const rs::Progress& p) {
            QElapsedTimer t;
            t.start();
            long calls = 0;
            for (qint64 ms = 0; ms < 300; ms = t.elapsed()) {
                p(double(ms) / 300.0, "working");
                ++calls;
            }
            p(1.0, "done");
            return int(calls > 1000);
        };
        int manyCalls = 0;
        runner.start<int>(QStringLiteral("busy"), work, this, [&](int v) { manyCalls = v; });
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(manyCalls, 1);
        qInfo() << "progress signals for 300 ms of reporting:" << progress.count();
        QVERIFY(progress.count() >= 3);
        QVERIFY2(progress.count() <= 10, qPrintable(QString::number(progress.count())));
        QCOMPARE(progress.last().at(1).toDouble(), 1.0);
        QCOMPARE(progress.last().at(2).toString(), QStringLiteral("done"));
    }

    void cancelReachesTheJob() {
        JobRunner runner;
        std::function<QString(const rs::Progress&)> work = [](const rs::Progress& p) {
            QElapsedTimer t;
            t.start();
            while (t.elapsed() < 10000) {
                if (!p(0.5, "waiting"))
                    return QStringLiteral("cancelled");
                QThread::msleep(1);
            }
            return QStringLiteral("ran out");
        };
        QString outcome;
        const JobId id = runner.start<QString>(QStringLiteral("long"), work, this,
                                               [&](QString s) { outcome = s; });
        QTest::qWait(30);
        runner.cancel(id);
        QTRY_COMPARE_WITH_TIMEOUT(outcome, QStringLiteral("cancelled"), 5000);
    }

    void supersededResultIsDropped() {
        JobRunner runner;
        std::atomic<bool> firstSawCancel{false};
        std::function<int(const rs::Progress&)> slow = [&firstSawCancel](const rs::Progress& p) {
            for (int k = 0; k < 5000; ++k) {
                if (!p(0.1, "slow")) {
                    firstSawCancel = true;
                    return 1;
                }
                QThread::msleep(1);
            }
            return 1;
        };
        std::function<int(const rs::Progress&)> fast = [](const rs::Progress&) { return 2; };
        QList<int> delivered;
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        const JobId a = runner.start<int>(
            QStringLiteral("a"), slow, this, [&](int v) { delivered << v; }, QStringLiteral("key"));
        QTest::qWait(20);
        const JobId b = runner.start<int>(
            QStringLiteral("b"), fast, this, [&](int v) { delivered << v; }, QStringLiteral("key"));
        QVERIFY(a != b);
        QCOMPARE(runner.latestJob(), b);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
        QCOMPARE(delivered, QList<int>{2});
        QVERIFY(firstSawCancel);
    }

    void destroyedContextGetsNothing() {
        JobRunner runner;
        auto* context = new QObject;
        bool called = false;
        std::function<int(const rs::Progress&)> work = [](const rs::Progress&) {
            QThread::msleep(50);
            return 1;
        };
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        runner.start<int>(QStringLiteral("orphan"), work, context, [&](int) { called = true; });
        delete context;
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(!called);
    }

    void exceptionBecomesError() {
        JobRunner runner;
        std::function<int(const rs::Progress&)> work = [](const rs::Progress&) -> int {
            throw std::runtime_error("disk on fire");
        };
        bool called = false;
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        runner.start<int>(QStringLiteral("boom"), work, this, [&](int) { called = true; });
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(!called);
        QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("disk on fire"));
    }

    void statusWidgetShowsAndCancels() {
        JobRunner runner;
        QWidget host;
        JobStatusWidget status(runner, &host);
        host.show();
        QVERIFY(!status.isVisible()); // nothing runs
        std::function<int(const rs::Progress&)> wait = [](const rs::Progress& p) {
            for (int k = 0; k < 10000; ++k) {
                if (!p(0.25, "waiting for cancel"))
                    return -1;
                QThread::msleep(1);
            }
            return 1;
        };
        int outcome = 0;
        const JobId id =
            runner.start<int>(QStringLiteral("Long job"), wait, this, [&](int v) { outcome = v; });
        QVERIFY(status.isVisible());
        QCOMPARE(status.shownJob(), id);
        QTRY_COMPARE(status.progressBar()->value(), kProgressScale / 4);
        QVERIFY(status.findChild<QLabel*>()->text().contains(QStringLiteral("waiting for cancel")));
        QTest::mouseClick(status.cancelButton(), Qt::LeftButton);
        QVERIFY(status.findChild<QLabel*>()->text().contains(QStringLiteral("cancelling")));
        QVERIFY(!status.cancelButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(outcome, -1, 5000);
        QTRY_VERIFY(!status.isVisible());
    }

    void workerCallDeliversOrDrops() {
        // Delivered on the context's thread...
        int got = 0;
        QThread* thread = nullptr;
        runInWorker(
            this, [] { return 7; },
            [&](int v) {
                got = v;
                thread = QThread::currentThread();
            });
        QTRY_COMPARE(got, 7);
        QCOMPARE(thread, qApp->thread());
        // ... and dropped without harm when the context is gone first.
        auto* context = new QObject;
        std::atomic<bool> ran{false};
        bool called = false;
        runInWorker(
            context,
            [&ran] {
                QThread::msleep(50);
                ran = true;
                return 1;
            },
            [&](int) { called = true; });
        delete context;
        QTRY_VERIFY(ran.load());
        QTest::qWait(50);
        QVERIFY(!called);
    }
};

QTEST_MAIN(TestJobRunner)
#include "tst_jobrunner.moc"
