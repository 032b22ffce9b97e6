// `recscope factors export|import` through the real executable: a trained run's factors round
// trip into an "imported" run that recommends, evaluates and explains the same; Spark-style files
// with unknown ids; failures exit non-zero with file and line and store nothing.
#include "TestFiles.h"
#include "store/RunStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <cmath>

using namespace rs;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out, err;
};

Run recscope(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(RECSCOPE_EXE), args);
    if (!p.waitForFinished(300000))
        qFatal("recscope did not finish");
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QJsonObject json(const QByteArray& bytes) {
    QJsonParseError e;
    auto doc = QJsonDocument::fromJson(bytes, &e);
    if (e.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", bytes.constData());
    return doc.object();
}

constexpr int kUsers = 30, kItems = 40;
constexpr const char* kSplit = "random:0.2:seed=1";

} // namespace

class TestCliFactors : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws;
    int m_trained = 0;

    int runCount() {
        Workspace ws(m_ws.toStdString(), Workspace::Mode::ReadOnly);
        return int(RunStore(ws).list().size());
    }

private slots:
    void initTestCase() {
        m_ws = m_dir.filePath("w.recscope");
        QByteArray csv = "userId,movieId,rating\n";
        for (int u = 0; u < kUsers; ++u)
            for (int i = 0; i < kItems; ++i)
                if ((u * 7 + i * 3) % 4 != 0)
                    csv += QByteArray::number(100 + u) + ',' + QByteArray::number(5000 + i) + ',' +
                           QByteArray::number(1 + (u + 2 * i) % 5) + '\n';
        const QString f = test::writeFile(m_dir, "r.csv", csv);
        auto imp = recscope({"import", "--workspace", m_ws, "--ratings", f, "--name", "d"});
        QVERIFY2(imp.exitCode == 0, imp.err.constData());
        auto tr = recscope({"train", "--workspace", m_ws, "--dataset", "d", "--model", "biasedmf",
                            "--param", "factors=5", "--param", "epochs=6", "--split", kSplit});
        QVERIFY2(tr.exitCode == 0, tr.err.constData());
        m_trained = json(tr.out)["run"].toInt();
        QVERIFY(m_trained > 0);
    }

    void exportThenImportReproducesTheRun() {
        const QString items = m_dir.filePath("items.csv"), users = m_dir.filePath("users.csv");
        auto ex = recscope({"factors", "export", "--workspace", m_ws, "--run",
                            QString::number(m_trained), "--items", items, "--users", users});
        QVERIFY2(ex.exitCode == 0, ex.err.constData());
        const auto e = json(ex.out);
        QCOMPARE(e["k"].toInt(), 5);
        QCOMPARE(e["items"].toInt(), kItems);
        QCOMPARE(e["users"].toInt(), kUsers);
        QVERIFY(e["bias"].toBool());
        QFile header(items);
        QVERIFY(header.open(QIODevice::ReadOnly));
        QCOMPARE(header.readLine().trimmed(), QByteArray("id,bias,f1,f2,f3,f4,f5"));

        const int before = runCount();
        auto im =
            recscope({"factors", "import", "--workspace", m_ws, "--dataset", "d", "--items", items,
                      "--users", users, "--mean", QString::number(e["mean"].toDouble(), 'g', 17),
                      "--split", kSplit, "--name", "BiasedMF round trip"});
        QVERIFY2(im.exitCode == 0, im.err.constData());
        const auto o = json(im.out);
        const int run = o["run"].toInt();
        QVERIFY(run > m_trained);
        QCOMPARE(runCount(), before + 1);
        QCOMPARE(o["model"].toString(), QStringLiteral("imported"));
        QCOMPARE(o["items"].toObject()["mapped"].toInt(), kItems);
        QCOMPARE(o["users"].toObject()["mapped"].toInt(), kUsers);
        QCOMPARE(o["users"].toObject()["missing"].toInt(), 0);
        QVERIFY(o["evaluated"].toBool());
        QCOMPARE(o["params"].toObject()["source"].toString(),
                 QStringLiteral("BiasedMF round trip"));

        // Same metrics as the trained run (the same split, reused), same recommendations.
        auto runs = json(recscope({"runs", "--workspace", m_ws}).out)["runs"].toArray();
        QJsonObject trained;
        for (const auto& r : runs)
            if (r.toObject()["run"].toInt() == m_trained)
                trained = r.toObject();
        QVERIFY(!trained.isEmpty());
        QCOMPARE(o["split"].toString(), trained["split"].toString());
        QVERIFY(o.contains("rmse"));
        auto evalTrained = json(
            recscope({"evaluate", "--workspace", m_ws, "--run", QString::number(m_trained)}).out);
        QVERIFY2(std::abs(o["rmse"].toDouble() - evalTrained["rmse"].toDouble()) < 1e-6,
                 im.out.constData());
        QVERIFY(std::abs(o["ndcg@10"].toDouble() - evalTrained["ndcg@10"].toDouble()) < 1e-6);
        for (const char* user : {"100", "117", "129"}) {
            auto a = json(recscope({"recommend", "--workspace", m_ws, "--run",
                                    QString::number(m_trained), "--user", user})
                              .out)["items"]
                         .toArray();
            auto b = json(recscope({"recommend", "--workspace", m_ws, "--run", QString::number(run),
                                    "--user", user})
                              .out)["items"]
                         .toArray();
            QCOMPARE(a.size(), 10);
            QCOMPARE(b.size(), a.size());
            for (int r = 0; r < a.size(); ++r) {
                QCOMPARE(b[r].toObject()["item"], a[r].toObject()["item"]);
                QVERIFY(std::abs(b[r].toObject()["score"].toDouble() -
                                 a[r].toObject()["score"].toDouble()) < 1e-5);
            }
        }
        // The why panel of the imported run adds up.
        auto why = recscope({"explain", "--workspace", m_ws, "--run", QString::number(run),
                             "--user", "117", "--item", "5003"});
        QVERIFY2(why.exitCode == 0, why.err.constData());
        const auto w = json(why.out);
        const auto parts = w["decomposition"].toObject()["parts"].toArray();
        QCOMPARE(parts.size(), 3 + 5);
        double sum = 0;
        for (const auto& p : parts)
            sum += p.toObject()["value"].toDouble();
        QVERIFY(std::abs(sum - w["score"].toDouble()) < 1e-4);
    }

    void sparkStyleItemsWithUnknownIds() {
        QByteArray items = "id,features\n";
        for (int i = 0; i < kItems; i += 2)
            items += QByteArray::number(5000 + i) + ",\"[" + QByteArray::number(0.1 * i) +
                     ", -0.5, " + QByteArray::number(i % 3) + "]\"\n";
        items += "99999,\"[1.0, 1.0, 1.0]\"\n";
        const QString f = test::writeFile(m_dir, "spark_items.csv", items);
        auto im = recscope({"factors", "import", "--workspace", m_ws, "--dataset", "d", "--items",
                            f, "--kind", "implicit"});
        QVERIFY2(im.exitCode == 0, im.err.constData());
        const auto o = json(im.out);
        const auto it = o["items"].toObject();
        QCOMPARE(o["k"].toInt(), 3);
        QCOMPARE(it["layout"].toString(), QStringLiteral("array"));
        QCOMPARE(it["mapped"].toInt(), kItems / 2);
        QCOMPARE(it["missing"].toInt(), kItems / 2);
        QCOMPARE(it["unknown"].toInt(), 1);
        QCOMPARE(it["unknown_examples"].toArray()[0].toString(),
                 QStringLiteral("99999 (line %1)").arg(2 + kItems / 2));
        QCOMPARE(o["users"].toObject()["folded_in"].toInt(), kUsers);
        QVERIFY(!o["evaluated"].toBool());
    }

    void failuresNameTheFileAndStoreNothing() {
        const int before = runCount();
        const QString bad = test::writeFile(m_dir, "bad_items.tsv", "5000\t0.1 0.2\n5001\t0.1\n");
        auto r = recscope({"factors", "import", "--workspace", m_ws, "--dataset", "d", "--items",
                           bad, "--split", "random:0.3:seed=7"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("bad_items.tsv:2:"), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QCOMPARE(runCount(), before);
        {
            Workspace ws(m_ws.toStdString(), Workspace::Mode::ReadOnly);
            QCOMPARE(ws.integrityCheck(), std::string("ok"));
            QCOMPARE(ws.db().scalarInt("SELECT count(*) FROM splits WHERE spec LIKE '%0.3%'"), 0);
        }
        QCOMPARE(recscope({"factors", "import", "--workspace", m_ws, "--dataset", "d"}).exitCode,
                 2);
        QCOMPARE(recscope({"factors", "frobnicate"}).exitCode, 2);
        QCOMPARE(recscope({"factors"}).exitCode, 2);
        auto noRun = recscope({"factors", "export", "--workspace", m_ws, "--run", "999", "--items",
                               m_dir.filePath("x.csv")});
        QCOMPARE(noRun.exitCode, 1);
        QVERIFY2(noRun.err.contains("999"), noRun.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliFactors)
#include "tst_cli_factors.moc"
