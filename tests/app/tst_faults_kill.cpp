// SIGKILL of the real `recscope` executable at many seeded random points of an import, of a
// training run (across the whole command and inside its save stage) and of a schema migration.
// After every kill the workspace opens (CLI and in process), PRAGMA integrity_check is ok,
// everything committed before is still there unchanged, and the interrupted import, run or
// migration is either complete or absent.
#include "CliProcess.h"
#include "TestFiles.h"
#include "WorkspaceCheck.h"
#include "store/DatasetStore.h"
#include "store/RunStore.h"
#include "train/TrainingJob.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <algorithm>
#include <map>
#include <random>

using namespace rs;

using rs::test::recscope;

namespace {

/// Where a kill landed, for the summary.
struct KillTally {
    int finishedFirst = 0; ///< the command was done before the kill time
    int beforeWrite = 0;   ///< killed before it started writing (parse / fit / evaluate)
    int insideWrite = 0;   ///< killed while writing, before the commit: nothing was kept
    int afterCommit = 0;   ///< killed after the commit: the new data is complete
    QString text() const {
        return QStringLiteral("finished before the kill %1, before writing %2, inside the write "
                              "transaction %3, after the commit %4")
            .arg(finishedFirst)
            .arg(beforeWrite)
            .arg(insideWrite)
            .arg(afterCommit);
    }
};

/// A started recscope process with its standard error collected.
struct Child {
    QProcess p;
    QByteArray err;
    QElapsedTimer clock;

    explicit Child(const QStringList& args) {
        p.start(QStringLiteral(RECSCOPE_EXE), args);
        clock.start();
        if (!p.waitForStarted())
            qFatal("recscope did not start");
    }
    /// Waits until `ms` after the start or the end of the process; true when still running.
    bool runUntil(qint64 ms) {
        while (p.state() == QProcess::Running) {
            const qint64 left = ms - clock.elapsed();
            if (left <= 0)
                return true;
            p.waitForFinished(int(std::min<qint64>(left, 20)));
            err += p.readAllStandardError();
        }
        return false;
    }
    /// Waits until standard error contains `text` (or the process ended); true when seen.
    bool waitForText(const QByteArray& text) {
        while (!err.contains(text) && p.state() == QProcess::Running) {
            p.waitForReadyRead(2);
            err += p.readAllStandardError();
        }
        return err.contains(text);
    }
    /// SIGKILL (QProcess::kill) if still running; true when the kill hit a running process.
    bool kill() {
        const bool running = p.state() == QProcess::Running;
        if (running)
            p.kill();
        p.waitForFinished(-1);
        err += p.readAllStandardError();
        return running && p.exitStatus() == QProcess::CrashExit;
    }
};

} // namespace

class TestFaultsKill : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws, m_bigCsv;
    std::mt19937_64 m_rng{20261123};
    QElapsedTimer m_total;
    std::int64_t m_firstId = 0, m_firstRun = 0;
    QByteArray m_firstPrint, m_firstRunPrint;
    /// Every dataset and run committed so far (name or id -> fingerprint): none may change.
    std::map<std::string, QByteArray> m_datasets;
    std::map<std::int64_t, QByteArray> m_runs;

    double uniform(double lo, double hi) {
        return std::uniform_real_distribution<double>(lo, hi)(m_rng);
    }

    /// The workspace opens through the CLI and in process, is consistent, and holds every
    /// dataset and run recorded so far exactly as it was (the first dataset and run compared in
    /// full every time, the others by their rows' counts and, when `full`, in full too).
    /// Returns the names the CLI listed.
    QStringList verifyWorkspace(const QString& path, bool full = false) {
        QStringList names;
        auto list = recscope({"datasets", "--workspace", path});
        if (list.exitCode != 0) {
            QTest::qFail(list.err.constData(), __FILE__, __LINE__);
            return names;
        }
        for (const auto& d : rs::test::jsonObject(list.out)["datasets"].toArray())
            names << d.toObject()["name"].toString();
        Workspace ws(path.toStdString());
        const QString problems = rs::test::workspaceProblems(ws);
        if (!problems.isEmpty()) {
            QTest::qFail(qPrintable(problems), __FILE__, __LINE__);
            return names;
        }
        if (rs::test::datasetFingerprint(ws, m_firstId) != m_firstPrint ||
            rs::test::runFingerprint(ws, m_firstRun) != m_firstRunPrint) {
            QTest::qFail("the first dataset or run changed", __FILE__, __LINE__);
            return names;
        }
        DatasetStore store(ws);
        for (const auto& [name, print] : m_datasets) {
            const auto d = store.find(name);
            if (!d || (full && rs::test::datasetFingerprint(ws, d->id) != print) ||
                !names.contains(QString::fromStdString(name))) {
                QTest::qFail(qPrintable("committed dataset changed or lost: " +
                                        QString::fromStdString(name)),
                             __FILE__, __LINE__);
                return names;
            }
        }
        for (const auto& [id, print] : m_runs) {
            if (!RunStore(ws).get(id) || (full && rs::test::runFingerprint(ws, id) != print)) {
                QTest::qFail(qPrintable(QStringLiteral("committed run %1 changed or lost").arg(id)),
                             __FILE__, __LINE__);
                return names;
            }
        }
        return names;
    }

    /// Median wall time of `runs` uninterrupted executions of `args` (each must succeed).
    qint64 medianMs(const std::function<QStringList(int)>& args, int runs) {
        std::vector<qint64> ms;
        for (int k = 0; k < runs; ++k) {
            Child c(args(k));
            c.p.waitForFinished(-1);
            if (c.p.exitCode() != 0)
                qFatal("calibration run failed: %s", c.err.constData());
            ms.push_back(c.clock.elapsed());
        }
        std::sort(ms.begin(), ms.end());
        return ms[ms.size() / 2];
    }

private slots:
    void initTestCase() {
        m_total.start();
        m_ws = m_dir.filePath("w.recscope");
        QByteArray small = "userId,movieId,rating,timestamp\n";
        for (int k = 0; k < 2000; ++k)
            small += QByteArray::number(k / 10) + ',' + QByteArray::number((k * 7) % 150) + ',' +
                     QByteArray::number(1 + k % 5) + ',' + QByteArray::number(1000 + k) + '\n';
        const QString smallCsv = test::writeFile(m_dir, "small.csv", small);
        // 250k ratings, ~17k users x 8k items: the import takes several hundred ms and a
        // 256-factor model of it is ~28 MB, so saving a run takes a measurable time too.
        QByteArray big;
        big.reserve(8 << 20);
        big += "userId,movieId,rating,timestamp\n";
        for (int k = 0; k < 250000; ++k)
            big += QByteArray::number(k / 15) + ',' + QByteArray::number((k * 37) % 8000) + ',' +
                   QByteArray::number(0.5 * (1 + k % 10)) + ',' +
                   QByteArray::number(900000000 + k) + '\n';
        m_bigCsv = test::writeFile(m_dir, "big.csv", big);

        auto first =
            recscope({"import", "--workspace", m_ws, "--ratings", smallCsv, "--name", "first"});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        m_firstId = rs::test::jsonObject(first.out)["dataset_id"].toInteger();
        auto train = recscope({"train", "--workspace", m_ws, "--dataset", "first", "--model",
                               "biasedmf", "--param", "factors=8", "--param", "epochs=3"});
        QVERIFY2(train.exitCode == 0, train.err.constData());
        m_firstRun = rs::test::jsonObject(train.out)["run"].toInteger();
        QVERIFY(m_firstRun > 0);
        auto big1 =
            recscope({"import", "--workspace", m_ws, "--ratings", m_bigCsv, "--name", "big"});
        QVERIFY2(big1.exitCode == 0, big1.err.constData());

        Workspace ws(m_ws.toStdString());
        QCOMPARE(rs::test::workspaceProblems(ws), QString());
        m_firstPrint = rs::test::datasetFingerprint(ws, m_firstId);
        m_firstRunPrint = rs::test::runFingerprint(ws, m_firstRun);
        QVERIFY(!m_firstPrint.isEmpty() && !m_firstRunPrint.isEmpty());
        for (const auto& d : DatasetStore(ws).list())
            m_datasets[d.name] = rs::test::datasetFingerprint(ws, d.id);
        m_runs[m_firstRun] = m_firstRunPrint;
        // The first run's model restores and recommends the same as before every kill.
        std::string error;
        QVERIFY2(loadTrainedModel(ws, m_firstRun, error), error.c_str());
    }

    void killImportAtRandomPoints() {
        QElapsedTimer t;
        t.start();
        // Calibration: the same import into a scratch workspace.
        const qint64 duration = medianMs(
            [&](int k) {
                return QStringList{"import",
                                   "--workspace",
                                   m_dir.filePath(QStringLiteral("scratch-%1.recscope").arg(k)),
                                   "--ratings",
                                   m_bigCsv,
                                   "--name",
                                   "calibration"};
            },
            1);
        KillTally tally;
        const int kKills = 20;
        for (int k = 0; k < kKills; ++k) {
            const qint64 at = qint64(uniform(0.02, 1.1) * double(duration));
            const QString name = QStringLiteral("second-%1").arg(k);
            Child c({"import", "--workspace", m_ws, "--ratings", m_bigCsv, "--name", name,
                     "--progress"});
            const bool killed = c.runUntil(at) && c.kill();
            if (!killed) {
                c.kill();
                QVERIFY2(c.p.exitCode() == 0, c.err.constData());
            }
            const QStringList names = verifyWorkspace(m_ws);
            if (QTest::currentTestFailed())
                return;
            const bool present = names.contains(name);
            if (!killed) {
                ++tally.finishedFirst;
                QVERIFY(present);
            } else if (present) {
                ++tally.afterCommit;
            } else if (c.err.contains("writing")) {
                ++tally.insideWrite;
            } else {
                ++tally.beforeWrite;
            }
            if (present) {
                // Complete (workspaceProblems checked its rows) and equal to the first import
                // of the same file; removed again to keep the file small.
                Workspace ws(m_ws.toStdString());
                DatasetStore store(ws);
                const auto d = store.find(name.toStdString());
                const auto ref = store.find("big");
                QCOMPARE(d->numRatings, ref->numRatings);
                QCOMPARE(d->numUsers, ref->numUsers);
                QCOMPARE(d->numItems, ref->numItems);
                store.remove(d->id);
            }
        }
        verifyWorkspace(m_ws, true);
        qInfo("import: %d kills over %lld ms (median import %lld ms): %s; %lld ms in all", kKills,
              qint64(1.1 * double(duration)), duration, qPrintable(tally.text()), t.elapsed());
        // Kills must have hit the import itself, not only the start-up or the end.
        QVERIFY2(tally.beforeWrite + tally.insideWrite > 0, qPrintable(tally.text()));
    }

    void killTrainingAtRandomPointsAndInsideTheSave() {
        QElapsedTimer t;
        t.start();
        const QStringList args = {"train",
                                  "--workspace",
                                  m_ws,
                                  "--dataset",
                                  "big",
                                  "--model",
                                  "biasedmf",
                                  "--param",
                                  "factors=256",
                                  "--param",
                                  "epochs=1",
                                  "--split",
                                  "random:0.001:seed=1",
                                  "--progress"};
        // Calibration: the whole command, and its save stage (from "saving the run", printed
        // when the save stage starts, to the exit).
        qint64 duration = 0, save = 0;
        {
            Child c(args);
            QVERIFY2(c.waitForText("saving the run"), c.err.constData());
            const qint64 evalDone = c.clock.elapsed();
            c.p.waitForFinished(-1);
            QVERIFY2(c.p.exitCode() == 0, c.err.constData());
            duration = c.clock.elapsed();
            save = duration - evalDone;
            const auto id = rs::test::jsonObject(c.p.readAllStandardOutput())["run"].toInteger();
            Workspace ws(m_ws.toStdString());
            m_runs[id] = rs::test::runFingerprint(ws, id);
            QVERIFY(!m_runs[id].isEmpty());
        }
        KillTally whole, inSave;
        const int kKills = 10; // each kind: 10 over the whole command, 10 inside the save stage
        for (int k = 0; k < 2 * kKills; ++k) {
            const bool saveStage = k % 2 == 1;
            std::int64_t lastRun = 0;
            {
                Workspace ws(m_ws.toStdString());
                for (const auto& r : RunStore(ws).list())
                    lastRun = std::max(lastRun, r.id);
            }
            KillTally& tally = saveStage ? inSave : whole;
            Child c(args);
            bool killed = false;
            if (saveStage) {
                const bool reached = c.waitForText("saving the run");
                QVERIFY2(reached, c.err.constData());
                const qint64 from = c.clock.elapsed();
                killed = c.runUntil(from + qint64(uniform(0.0, 1.1) * double(save))) && c.kill();
            } else {
                killed = c.runUntil(qint64(uniform(0.02, 1.1) * double(duration))) && c.kill();
            }
            if (!killed) {
                c.kill();
                QVERIFY2(c.p.exitCode() == 0, c.err.constData());
            }
            verifyWorkspace(m_ws);
            if (QTest::currentTestFailed())
                return;
            Workspace ws(m_ws.toStdString());
            std::vector<RunInfo> fresh;
            for (const auto& r : RunStore(ws).list())
                if (r.id > lastRun)
                    fresh.push_back(r);
            QVERIFY(fresh.size() <= 1);
            if (!killed)
                ++tally.finishedFirst;
            else if (!fresh.empty())
                ++tally.afterCommit;
            else if (c.err.contains("saving the run"))
                ++tally.insideWrite;
            else
                ++tally.beforeWrite;
            if (!fresh.empty()) {
                // Complete: its metrics, epoch, per-user series and full model are stored.
                const RunInfo& r = fresh[0];
                QVERIFY(r.metric("RMSE") && !r.metrics.empty());
                QCOMPARE(RunStore(ws).epochs(r.id).size(), std::size_t(1));
                QVERIFY(!RunStore(ws).userMetricNames(r.id).empty());
                auto model = RunStore(ws).loadModel(r.id);
                QVERIFY(model);
                std::size_t floats = 0;
                for (const auto& b : model->blocks)
                    floats += b.data.size();
                QVERIFY2(floats >= std::size_t(24000) * 256, qPrintable(QString::number(floats)));
                // Removed again to keep the file small (a kill-free delete of committed data).
                RunStore(ws).remove(r.id);
            }
        }
        verifyWorkspace(m_ws, true);
        qInfo("train: %d kills over %lld ms (median run %lld ms): %s", kKills,
              qint64(1.1 * double(duration)), duration, qPrintable(whole.text()));
        qInfo("train: %d kills inside the save stage (%lld ms): %s; %lld ms in all", kKills, save,
              qPrintable(inSave.text()), t.elapsed());
        QVERIFY2(inSave.insideWrite > 0, qPrintable(inSave.text()));
    }

    void killMigrationAtRandomPoints() {
        QElapsedTimer t;
        t.start();
        // An old (version 2) workspace with a dataset and a run: version 3 added run_layouts
        // and run_pipelines, version 4 the runs.debias column.
        const QString old = m_dir.filePath("old.recscope");
        {
            const QString small = m_dir.filePath("small.csv");
            auto imp =
                recscope({"import", "--workspace", old, "--ratings", small, "--name", "first"});
            QVERIFY2(imp.exitCode == 0, imp.err.constData());
            auto train = recscope({"train", "--workspace", old, "--dataset", "first", "--model",
                                   "biasedmf", "--param", "factors=8", "--param", "epochs=3"});
            QVERIFY2(train.exitCode == 0, train.err.constData());
            Database db(old.toStdString(), Database::Mode::ReadWrite);
            db.exec("DROP TABLE run_layouts; DROP TABLE run_pipelines;"
                    " ALTER TABLE runs DROP COLUMN debias; PRAGMA user_version=2;");
        }
        QByteArray oldDataset, oldRun;
        std::int64_t oldRunId = 0;
        {
            // Read through a plain connection: a Workspace would migrate the file.
            Database db(old.toStdString(), Database::Mode::ReadOnly);
            QCOMPARE(db.scalarInt("PRAGMA user_version"), 2);
            oldRunId = db.scalarInt("SELECT max(id) FROM runs");
        }
        auto copyOld = [&](const QString& to) {
            QFile::remove(to);
            QFile::remove(to + "-wal");
            QFile::remove(to + "-shm");
            return QFile::copy(old, to);
        };
        const QString path = m_dir.filePath("migrating.recscope");
        const qint64 duration = medianMs(
            [&](int) {
                copyOld(path);
                return QStringList{"datasets", "--workspace", path};
            },
            3);
        {
            // The reference: what the migrated copy holds (the migration itself changes no row).
            Workspace ws(path.toStdString());
            QCOMPARE(ws.schemaVersion(), Workspace::currentSchemaVersion());
            oldDataset = rs::test::datasetFingerprint(ws, DatasetStore(ws).find("first")->id);
            oldRun = rs::test::runFingerprint(ws, oldRunId);
            QVERIFY(!oldDataset.isEmpty() && !oldRun.isEmpty());
        }
        KillTally tally;
        // The migration is a few ms of a ~50 ms command (mostly start-up): kill until 20 kills
        // hit a running process (a process that finished first is checked too, not counted).
        const int kKills = 20;
        int attempts = 0;
        for (int k = 0; k < kKills && attempts < 4 * kKills; ++attempts) {
            QVERIFY(copyOld(path));
            Child c({"datasets", "--workspace", path});
            const bool killed =
                c.runUntil(qint64(uniform(0.0, 1.0) * double(duration))) && c.kill();
            k += killed ? 1 : 0;
            if (!killed) {
                c.kill();
                QVERIFY2(c.p.exitCode() == 0, c.err.constData());
            }
            int version = 0;
            {
                // Either still version 2 with none of the later schema, or fully version 4.
                Database db(path.toStdString(), Database::Mode::ReadWrite);
                version = int(db.scalarInt("PRAGMA user_version"));
                const auto pipelines =
                    db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name IN ('run_layouts',"
                                 " 'run_pipelines')");
                const auto debias =
                    db.scalarInt("SELECT count(*) FROM pragma_table_info('runs') WHERE name = "
                                 "'debias'");
                QCOMPARE(db.scalarText("PRAGMA integrity_check"), std::string("ok"));
                if (version == 2) {
                    QCOMPARE(pipelines + debias, 0);
                } else {
                    QCOMPARE(version, Workspace::currentSchemaVersion());
                    QCOMPARE(pipelines, 2);
                    QCOMPARE(debias, 1);
                }
            }
            if (!killed)
                ++tally.finishedFirst;
            else if (version == 2)
                ++tally.beforeWrite; // before or inside the migration transaction
            else
                ++tally.afterCommit;
            // Opening it again migrates (or finds it migrated) and loses nothing.
            auto list = recscope({"datasets", "--workspace", path});
            QVERIFY2(list.exitCode == 0, list.err.constData());
            QCOMPARE(rs::test::jsonObject(list.out)["datasets"].toArray().size(), 1);
            Workspace ws(path.toStdString());
            QCOMPARE(ws.schemaVersion(), Workspace::currentSchemaVersion());
            QCOMPARE(rs::test::workspaceProblems(ws), QString());
            QCOMPARE(rs::test::datasetFingerprint(ws, DatasetStore(ws).find("first")->id),
                     oldDataset);
            QCOMPARE(rs::test::runFingerprint(ws, oldRunId), oldRun);
        }
        qInfo("migration: %d attempts over %lld ms (median open+migrate %lld ms): %s (version 2 "
              "after the kill counts as before writing); %lld ms in all",
              attempts, duration, duration, qPrintable(tally.text()), t.elapsed());
        QVERIFY2(tally.beforeWrite + tally.afterCommit >= kKills, qPrintable(tally.text()));
        QVERIFY2(tally.beforeWrite > 0 && tally.afterCommit + tally.finishedFirst > 0,
                 qPrintable(tally.text()));
    }

    void cleanupTestCase() {
        // Whatever happened, the first dataset and run are as they were.
        Workspace ws(m_ws.toStdString());
        QCOMPARE(rs::test::datasetFingerprint(ws, m_firstId), m_firstPrint);
        QCOMPARE(rs::test::runFingerprint(ws, m_firstRun), m_firstRunPrint);
        qInfo("total %lld ms", m_total.elapsed());
    }
};

QTEST_GUILESS_MAIN(TestFaultsKill)
#include "tst_faults_kill.moc"
