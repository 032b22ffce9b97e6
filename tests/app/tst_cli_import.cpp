// The real `recscope` executable: import/datasets JSON, exit codes, and a SIGKILL in the middle
// of an import that must leave the workspace intact with no partial dataset.
#include "CliProcess.h"
#include "TestFiles.h"
#include "store/DatasetStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <csignal>

using namespace rs;

using rs::test::CliRun;
using rs::test::recscope;

class TestCliImport : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws;

private slots:
    void initTestCase() { m_ws = m_dir.filePath("w.recscope"); }

    void importPrintsJson() {
        const QString f = test::writeFile(m_dir, "r.csv",
                                          "userId,movieId,rating,timestamp\n"
                                          "1,1,4,1\n1,2,3,2\n2,1,5,3\n2,1,4,4\n");
        auto r = recscope({"import", "--workspace", m_ws, "--ratings", f, "--name", "first"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        auto o = rs::test::jsonObject(r.out);
        QCOMPARE(o["dataset"].toString(), QStringLiteral("first"));
        QCOMPARE(o["ratings"].toInt(), 3);
        QCOMPARE(o["users"].toInt(), 2);
        QCOMPARE(o["items"].toInt(), 2);
        QCOMPARE(o["duplicates"].toInt(), 1);
        QCOMPARE(o["rejected"].toInt(), 0);
        QVERIFY(o["seconds"].toDouble() >= 0);

        auto list = recscope({"datasets", "--workspace", m_ws});
        QCOMPARE(list.exitCode, 0);
        auto arr = rs::test::jsonObject(list.out)["datasets"].toArray();
        QCOMPARE(arr.size(), 1);
        QCOMPARE(arr[0].toObject()["name"].toString(), QStringLiteral("first"));
    }

    void failuresExitNonZeroWithAMessage() {
        const QString bad =
            test::writeFile(m_dir, "bad.csv", "userId,movieId,rating\n1,1,4\n1,2,oops\n2,2,3\n");
        auto strict = recscope(
            {"import", "--workspace", m_ws, "--ratings", bad, "--name", "bad", "--strict"});
        QCOMPARE(strict.exitCode, 1);
        QVERIFY2(strict.err.contains("bad.csv:3"), strict.err.constData());
        QVERIFY(strict.out.isEmpty());
        auto missing = recscope({"import", "--workspace", m_ws, "--ratings",
                                 m_dir.filePath("nope.csv"), "--name", "x"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("nope.csv"), missing.err.constData());
        auto usage = recscope({"import", "--workspace", m_ws, "--bogus"});
        QCOMPARE(usage.exitCode, 2);
        auto unknown = recscope({"frobnicate"});
        QCOMPARE(unknown.exitCode, 2);
    }

    void sigkillMidImportLosesNothing() {
        // ~2.5M rows (~60 MB): long enough to kill while reading and again while writing.
        QByteArray big;
        big.reserve(64 << 20);
        big += "userId,movieId,rating,timestamp\n";
        for (int k = 0; k < 2500000; ++k) {
            big += QByteArray::number(k / 100) + ',' + QByteArray::number((k * 37) % 20000) +
                   ",3.5," + QByteArray::number(900000000 + k) + '\n';
        }
        const QString f = test::writeFile(m_dir, "big.csv", big);
        for (const char* stage : {"reading", "writing"}) {
            QProcess p;
            p.start(QStringLiteral(RECSCOPE_EXE), {"import", "--workspace", m_ws, "--ratings", f,
                                                   "--name", "killed", "--progress"});
            QVERIFY(p.waitForStarted());
            QByteArray err;
            // Wait until the import reports the stage and is a little into it, then SIGKILL.
            while (!err.contains(stage) && p.state() == QProcess::Running) {
                p.waitForReadyRead(50);
                err += p.readAllStandardError();
            }
            QVERIFY2(err.contains(stage), err.constData());
            QTest::qWait(150);
            QCOMPARE(p.state(), QProcess::Running);
            ::kill(pid_t(p.processId()), SIGKILL);
            p.waitForFinished();
            QCOMPARE(p.exitStatus(), QProcess::CrashExit);

            Workspace ws(m_ws.toStdString());
            QCOMPARE(ws.integrityCheck(), std::string("ok"));
            DatasetStore store(ws);
            QVERIFY(!store.find("killed"));
            QCOMPARE(store.list().size(), std::size_t(1));
            QCOMPARE(store.loadRatings(store.find("first")->id).size(), std::size_t(3));
            QCOMPARE(ws.db().scalarInt("SELECT count(*) FROM ratings"), 3);
            QCOMPARE(ws.db().scalarInt("SELECT count(*) FROM users"), 2);
        }
        // And the same import then succeeds on the recovered workspace.
        auto ok = recscope({"import", "--workspace", m_ws, "--ratings", f, "--name", "killed"});
        QVERIFY2(ok.exitCode == 0, ok.err.constData());
        QCOMPARE(rs::test::jsonObject(ok.out)["ratings"].toInt(), 2500000);
    }
};

QTEST_GUILESS_MAIN(TestCliImport)
#include "tst_cli_import.moc"
