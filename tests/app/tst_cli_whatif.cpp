// `recscope train --debias` and `recscope whatif` through the real executable: a debiased run
// reports its debias stage; a what-if removing the user's own rating is a fold-in, removing an
// item everywhere retrains and reports the item's exposure; bad edits exit non-zero with a
// message and change nothing.
#include "CliProcess.h"
#include "TestFiles.h"
#include "store/RunStore.h"

#include <QJsonArray>
#include <QtTest>

using namespace rs;
using rs::test::jsonObject;
using rs::test::recscope;

class TestCliWhatIf : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws;
    QString m_run;

private slots:
    void initTestCase() {
        m_ws = m_dir.filePath("w.recscope");
        QByteArray csv = "userId,movieId,rating\n";
        for (int u = 0; u < 40; ++u)
            for (int i = 0; i < 30; ++i)
                if ((u * 7 + i * 3) % 5 < (i < 6 ? 4 : 1))
                    csv += QByteArray::number(u) + ',' + QByteArray::number(i) + ',' +
                           QByteArray::number(1 + (u + i) % 5) + '\n';
        const QString file = test::writeFile(m_dir, "r.csv", csv);
        const auto imp =
            recscope({"import", "--workspace", m_ws, "--ratings", file, "--name", "d"});
        QVERIFY2(imp.exitCode == 0, imp.err.constData());
        const auto train = recscope({"train", "--workspace", m_ws, "--dataset", "d", "--model",
                                     "biasedmf", "--param", "factors=4", "--param", "epochs=5",
                                     "--debias", "ips:eta=1:clip=10"});
        QVERIFY2(train.exitCode == 0, train.err.constData());
        const QJsonObject t = jsonObject(train.out);
        QCOMPARE(t.value("debias").toString(), QStringLiteral("ips:eta=1:clip=10:normalise=1"));
        QVERIFY(t.value("debias_stage").toObject().contains("effective_size"));
        m_run = QString::number(t.value("run").toInt());
        const auto bad = recscope({"train", "--workspace", m_ws, "--dataset", "d", "--model",
                                   "itemknn", "--debias", "over:strata=3"});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("cannot train with sample weights"), bad.err.constData());
    }

    void foldInAndRetrain() {
        const auto rec =
            recscope({"recommend", "--workspace", m_ws, "--run", m_run, "--user", "3", "-k", "1"});
        QVERIFY2(rec.exitCode == 0, rec.err.constData());
        const QString top =
            jsonObject(rec.out).value("items").toArray().at(0).toObject().value("item").toString();
        QVERIFY2(!top.isEmpty(), rec.out.constData());
        // One of user 3's training ratings (the explanation's evidence lists them): removing it
        // is a fold-in.
        const auto ex = recscope(
            {"explain", "--workspace", m_ws, "--run", m_run, "--user", "3", "--item", top});
        QVERIFY2(ex.exitCode == 0, ex.err.constData());
        const QString rated = jsonObject(ex.out)
                                  .value("evidence")
                                  .toObject()
                                  .value("items")
                                  .toArray()
                                  .at(0)
                                  .toObject()
                                  .value("item")
                                  .toString();
        QVERIFY2(!rated.isEmpty(), ex.out.constData());
        auto r = recscope({"whatif", "--workspace", m_ws, "--run", m_run, "--user", "3", "--item",
                           top, "--remove-rating", rated});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QJsonObject o = jsonObject(r.out);
        QCOMPARE(o.value("method").toString(), QStringLiteral("fold-in"));
        QCOMPARE(o.value("before").toArray().size(), 10);
        r = recscope({"whatif", "--workspace", m_ws, "--run", m_run, "--user", "3", "--item", top,
                      "--remove-item", top, "-k", "5"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        o = jsonObject(r.out);
        QCOMPARE(o.value("method").toString(), QStringLiteral("retrain"));
        QVERIFY(o.value("note").toString().contains("debiasing (IPS"));
        const QJsonObject exposure = o.value("exposure").toArray().at(0).toObject();
        QCOMPARE(exposure.value("item").toString(), top);
        QVERIFY(exposure.value("lists_before").toInt() >= 1);
        QVERIFY(exposure.value("lists_after").toInt() < exposure.value("lists_before").toInt());
        QVERIFY(o.value("rank_after").toInt() > o.value("rank_before").toInt());
    }

    void badEditsFailCleanly() {
        auto r = recscope({"whatif", "--workspace", m_ws, "--run", m_run, "--user", "3", "--item",
                           "1", "--remove-rating", "nosuch"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("item 'nosuch' is not in the run's dataset"), r.err.constData());
        r = recscope({"whatif", "--workspace", m_ws, "--run", m_run, "--user", "3", "--item", "1",
                      "--weight-item", "2"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("ITEM=NUMBER"), r.err.constData());
        // User 0 never rated item 29: (0 * 7 + 29 * 3) % 5 = 2 is not below 1.
        r = recscope({"whatif", "--workspace", m_ws, "--run", m_run, "--user", "0", "--item", "1",
                      "--remove-rating", "29"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("user 0 has no training rating of item 29"), r.err.constData());
        Workspace ws(m_ws.toStdString(), Workspace::Mode::ReadOnly);
        QCOMPARE(int(RunStore(ws).list().size()), 1); // a what-if stores nothing
    }
};

QTEST_GUILESS_MAIN(TestCliWhatIf)
#include "tst_cli_whatif.moc"
