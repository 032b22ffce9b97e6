// Two real `recscope` processes on one workspace at the same time: two imports, two trainings,
// an import next to a training. Each either succeeds (the second writer waits for the first's
// lock) or fails cleanly saying the workspace is busy; the file stays intact, and everything
// that succeeded is there completely.
#include "CliProcess.h"
#include "TestFiles.h"
#include "WorkspaceCheck.h"
#include "store/DatasetStore.h"
#include "store/RunStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <memory>

using namespace rs;

using rs::test::recscope;

class TestFaultsConcurrent : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws, m_csv;
    QByteArray m_firstPrint;
    std::int64_t m_firstId = 0;

    struct Outcome {
        int exitCode;
        QByteArray out, err;
    };

    /// Starts every command at once and waits for all of them.
    std::vector<Outcome> together(const std::vector<QStringList>& commands) {
        std::vector<std::unique_ptr<QProcess>> ps;
        for (const auto& args : commands) {
            ps.push_back(std::make_unique<QProcess>());
            ps.back()->start(QStringLiteral(RECSCOPE_EXE), args);
        }
        std::vector<Outcome> out;
        for (auto& p : ps) {
            if (!p->waitForFinished(120000))
                qFatal("recscope did not finish");
            out.push_back({p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1,
                           p->readAllStandardOutput(), p->readAllStandardError()});
        }
        return out;
    }

    /// Each succeeded or failed saying the workspace is busy; the workspace is consistent.
    void verify(const std::vector<Outcome>& outcomes) {
        for (const Outcome& o : outcomes) {
            QVERIFY2(o.exitCode == 0 || (o.exitCode == 1 && o.err.contains("busy")),
                     o.err.constData());
        }
        Workspace ws(m_ws.toStdString());
        QCOMPARE(rs::test::workspaceProblems(ws), QString());
        QCOMPARE(rs::test::datasetFingerprint(ws, m_firstId), m_firstPrint);
    }

private slots:
    void initTestCase() {
        m_ws = m_dir.filePath("w.recscope");
        QByteArray csv = "userId,movieId,rating\n";
        for (int k = 0; k < 150000; ++k)
            csv += QByteArray::number(k / 15) + ',' + QByteArray::number((k * 37) % 5000) + ',' +
                   QByteArray::number(1 + k % 5) + '\n';
        m_csv = test::writeFile(m_dir, "r.csv", csv);
        auto first =
            recscope({"import", "--workspace", m_ws, "--ratings", m_csv, "--name", "first"});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        m_firstId = rs::test::jsonObject(first.out)["dataset_id"].toInteger();
        Workspace ws(m_ws.toStdString());
        m_firstPrint = rs::test::datasetFingerprint(ws, m_firstId);
    }

    void twoImports() {
        const auto o =
            together({{"import", "--workspace", m_ws, "--ratings", m_csv, "--name", "a"},
                      {"import", "--workspace", m_ws, "--ratings", m_csv, "--name", "b"}});
        verify(o);
        Workspace ws(m_ws.toStdString());
        DatasetStore store(ws);
        for (std::size_t k = 0; k < o.size(); ++k) {
            const std::string name = k == 0 ? "a" : "b";
            QCOMPARE(bool(store.find(name)), o[k].exitCode == 0);
            if (o[k].exitCode == 0)
                QCOMPARE(store.find(name)->numRatings, store.find("first")->numRatings);
        }
        // Two imports of one name: exactly one dataset of that name, never two or a half one.
        const auto same =
            together({{"import", "--workspace", m_ws, "--ratings", m_csv, "--name", "same"},
                      {"import", "--workspace", m_ws, "--ratings", m_csv, "--name", "same"}});
        for (const auto& s : same)
            QVERIFY2(s.exitCode == 0 || (s.exitCode == 1 && s.err.contains("named 'same'")),
                     s.err.constData());
        QCOMPARE(int(same[0].exitCode == 0) + int(same[1].exitCode == 0), 1);
        QCOMPARE(ws.db().scalarInt("SELECT count(*) FROM datasets WHERE name = 'same'"), 1);
        QCOMPARE(rs::test::workspaceProblems(ws), QString());
    }

    void twoTrainingsAndAnImport() {
        const QStringList train = {"train",      "--workspace", m_ws,       "--dataset",
                                   "first",      "--model",     "biasedmf", "--param",
                                   "factors=64", "--param",     "epochs=2"};
        const auto o = together(
            {train, train, {"import", "--workspace", m_ws, "--ratings", m_csv, "--name", "c"}});
        verify(o);
        Workspace ws(m_ws.toStdString());
        int saved = 0;
        for (std::size_t k = 0; k < 2; ++k) {
            if (o[k].exitCode != 0)
                continue;
            ++saved;
            const auto id = rs::test::jsonObject(o[k].out)["run"].toInteger();
            QVERIFY(RunStore(ws).get(id));
            QVERIFY(RunStore(ws).loadModel(id));
        }
        QCOMPARE(int(RunStore(ws).list().size()), saved);
        QCOMPARE(bool(DatasetStore(ws).find("c")), o[2].exitCode == 0);
        qInfo("exit codes: train %d, train %d, import %d", o[0].exitCode, o[1].exitCode,
              o[2].exitCode);
    }
};

QTEST_GUILESS_MAIN(TestFaultsConcurrent)
#include "tst_faults_concurrent.moc"
