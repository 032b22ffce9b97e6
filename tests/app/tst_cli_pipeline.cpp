// `recscope export` end to end through the real executable: import, train, export the run's
// stage graph as Mermaid (parsed back here and compared with the stored graph) and as JSON;
// bad arguments and unknown runs fail with a message and a non-zero exit status.
#include "CliProcess.h"
#include "TestFiles.h"
#include "pipeline/MermaidParser.h"
#include "pipeline/RunPipeline.h"
#include "pipeline/StageGraphJson.h"
#include "pipeline/TrainingPipeline.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace rs;

using rs::test::CliRun;
using rs::test::recscope;

class TestCliPipeline : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws;
    qint64 m_run = 0;

private slots:
    void initTestCase() {
        m_ws = m_dir.filePath("w.recscope");
        QByteArray csv = "userId,movieId,rating\n";
        for (int u = 1; u <= 40; ++u)
            for (int i = 1; i <= 30; ++i)
                if ((u * 7 + i * 3) % 4 == 0)
                    csv += QByteArray::number(u) + ',' + QByteArray::number(i) + ',' +
                           QByteArray::number(1 + (u + i) % 5) + '\n';
        const QString f = test::writeFile(m_dir, "r.csv", csv);
        auto imp = recscope({"import", "--workspace", m_ws, "--ratings", f, "--name", "tiny"});
        QVERIFY2(imp.exitCode == 0, imp.err.constData());
        auto train = recscope({"train", "--workspace", m_ws, "--dataset", "tiny", "--model",
                               "biasedmf", "--param", "factors=3", "--param", "epochs=5", "--split",
                               "random:0.2:seed=4"});
        QVERIFY2(train.exitCode == 0, train.err.constData());
        m_run = QJsonDocument::fromJson(train.out).object()["run"].toInteger();
        QVERIFY(m_run > 0);
    }

    void mermaidParsesBackToTheStoredGraph() {
        auto r =
            recscope({"export", "--workspace", m_ws, "--run", QString::number(m_run), "--mermaid"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.startsWith("flowchart TD\n"));
        auto parsed = parseMermaid(r.out.toStdString());
        QVERIFY2(parsed.ok(), parsed.error.c_str());

        Workspace ws(m_ws.toStdString());
        std::string error;
        auto stored = pipelineForRun(ws, m_run, error);
        QVERIFY2(stored, error.c_str());
        QVERIFY(*parsed.graph == *stored);
        QCOMPARE(parsed.graph->runId, m_run);
        const StageNode* fit = parsed.graph->find(stage::kFit);
        QVERIFY(fit && fit->status == StageStatus::Done);
        QCOMPARE(fit->outputs.front().second, std::string("5"));
        for (const auto& n : parsed.graph->nodes)
            QVERIFY2(n.status == StageStatus::Done, n.id.c_str());

        auto lr = recscope(
            {"export", "--workspace", m_ws, "--run", QString::number(m_run), "--mermaid", "--lr"});
        QCOMPARE(lr.exitCode, 0);
        QVERIFY(lr.out.startsWith("flowchart LR\n"));
        auto parsedLr = parseMermaid(lr.out.toStdString());
        QVERIFY2(parsedLr.ok(), parsedLr.error.c_str());
        QVERIFY(*parsedLr.graph == *stored);
    }

    void jsonIsTheStoredGraph() {
        auto r =
            recscope({"export", "--workspace", m_ws, "--run", QString::number(m_run), "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QJsonParseError e;
        const auto doc = QJsonDocument::fromJson(r.out, &e);
        QCOMPARE(e.error, QJsonParseError::NoError);
        QCOMPARE(doc.object()["run"].toInteger(), m_run);
        QCOMPARE(doc.object()["nodes"].toArray().size(), 6);
        std::string error;
        auto g = stageGraphFromJson(r.out.trimmed().toStdString(), error);
        QVERIFY2(g, error.c_str());
        Workspace ws(m_ws.toStdString());
        QVERIFY(*g == *pipelineForRun(ws, m_run, error));
    }

    void badArgumentsFail() {
        auto missing = recscope({"export", "--workspace", m_ws, "--run", "999", "--mermaid"});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("no run 999"), missing.err.constData());
        QVERIFY(missing.out.isEmpty());
        auto notANumber = recscope({"export", "--workspace", m_ws, "--run", "abc", "--json"});
        QCOMPARE(notANumber.exitCode, 2);
        QVERIFY2(notANumber.err.contains("abc"), notANumber.err.constData());
        auto neither = recscope({"export", "--workspace", m_ws, "--run", "1"});
        QCOMPARE(neither.exitCode, 2);
        auto both = recscope({"export", "--workspace", m_ws, "--run", "1", "--json", "--mermaid"});
        QCOMPARE(both.exitCode, 2);
        auto noRun = recscope({"export", "--workspace", m_ws, "--json"});
        QCOMPARE(noRun.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliPipeline)
#include "tst_cli_pipeline.moc"
