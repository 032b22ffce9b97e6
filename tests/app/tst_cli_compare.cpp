// `recscope compare` through the real executable on a small imported and trained workspace:
// valid JSON with runs, warnings, metrics with deltas and p-values, the overlap matrix,
// popularity profiles and explanation agreement; the CSV and HTML files; a clear error and a
// non-zero exit code for an unknown run, a bad --runs list and an unknown --metric.
#include "CliProcess.h"
#include "TestFiles.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using rs::test::CliRun;
using rs::test::recscope;

class TestCliCompare : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_ws;
    QStringList m_runs; ///< biasedmf, als, popularity

private slots:
    void initTestCase() {
        m_ws = m_dir.filePath("w.recscope");
        QByteArray csv = "userId,movieId,rating\n";
        for (int u = 1; u <= 30; ++u)
            for (int i = 1; i <= 40; ++i)
                if ((u * 7 + i * 3) % 5 < 2 + (i < 10))
                    csv += QByteArray::number(u) + ',' + QByteArray::number(i) + ',' +
                           QByteArray::number(1 + (u + i) % 5) + '\n';
        const QString f = rs::test::writeFile(m_dir, "r.csv", csv);
        auto imp =
            recscope({"import", "--workspace", m_ws, "--ratings", f, "--name", "small \"<b>\""});
        QVERIFY2(imp.exitCode == 0, imp.err.constData());
        for (const char* model : {"biasedmf", "als", "popularity"}) {
            auto t = recscope({"train", "--workspace", m_ws, "--dataset", "small \"<b>\"",
                               "--model", model, "--split", "random:0.2:seed=0"});
            QVERIFY2(t.exitCode == 0, t.err.constData());
            m_runs << QString::number(rs::test::jsonObject(t.out)["run"].toInteger());
        }
    }

    void printsTheComparisonAsJson() {
        const QString html = m_dir.filePath("report.html"), csv = m_dir.filePath("report.csv");
        auto r = recscope({"compare", "--workspace", m_ws, "--runs", m_runs.join(','), "-k", "5",
                           "--metric", "ndcg@10", "--html", html, "--csv", csv});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = rs::test::jsonObject(r.out);
        QCOMPARE(o["dataset"].toString(), QStringLiteral("small \"<b>\""));
        const QJsonArray runs = o["runs"].toArray();
        QCOMPARE(runs.size(), 3);
        QCOMPARE(runs[0].toObject()["model"].toString(), QStringLiteral("biasedmf"));
        // Three runs with the same split spec: three stored splits with identical rows.
        QVERIFY(o["same_dataset"].toBool());
        QVERIFY(o["same_split"].toBool());
        QVERIFY(o["warnings"].isArray());
        QCOMPARE(o["k"].toInt(), 5);

        bool ndcg = false;
        for (const auto& m : o["metrics"].toArray())
            if (m.toObject()["metric"].toString() == "ndcg@10") {
                QCOMPARE(m.toObject()["values"].toArray().size(), 3);
                ndcg = true;
            }
        QVERIFY(ndcg);
        const QJsonArray paired = o["paired"].toArray();
        QVERIFY(!paired.isEmpty());
        for (const auto& v : paired) {
            const QJsonObject p = v.toObject();
            QVERIFY(p.contains("mean_delta") && p.contains("ci95") && p.contains("p_t") &&
                    p.contains("p_wilcoxon"));
            if (!p["p_t"].isNull())
                QVERIFY(p["p_t"].toDouble() >= 0 && p["p_t"].toDouble() <= 1);
            QVERIFY(p["p_wilcoxon"].toDouble() >= 0 && p["p_wilcoxon"].toDouble() <= 1);
        }
        const QJsonObject overlap = o["overlap"].toObject();
        const QJsonArray jaccard = overlap["jaccard"].toArray();
        QCOMPARE(jaccard.size(), 3);
        for (int a = 0; a < 3; ++a) {
            QCOMPARE(jaccard[a].toArray().size(), 3);
            QCOMPARE(jaccard[a].toArray()[a].toDouble(), 1.0);
        }
        QVERIFY(overlap["kendall_tau"].isArray());
        QCOMPARE(overlap["kendall_tau_shared"].toArray().size(), 3);
        const QJsonArray pop = o["popularity"].toArray();
        QCOMPARE(pop.size(), 3);
        double share = 0;
        for (const auto& b : pop[0].toObject()["bins"].toArray())
            share += b.toObject()["recommendation_share"].toDouble();
        QVERIFY(std::abs(share - 1.0) < 1e-9);
        QVERIFY(pop[2].toObject().contains("exposure_gini"));
        // Popularity bias per user segment: per run and segmentation, "all users" equal to the
        // run's popularity profile, three segments with ranges, accuracy under the JSON keys.
        const QJsonArray segments = o["user_segments"].toArray();
        QCOMPARE(segments.size(), 6);
        for (int i = 0; i < 6; ++i) {
            const QJsonObject s = segments[i].toObject();
            QCOMPARE(s["by"].toString(),
                     i < 3 ? QStringLiteral("activity") : QStringLiteral("mainstreamness"));
            QCOMPARE(s["run"].toInteger(), m_runs[i % 3].toLongLong());
            const QJsonObject all = s["all"].toObject();
            QCOMPARE(all["average_popularity"].toDouble(),
                     pop[i % 3].toObject()["average_popularity"].toDouble());
            QVERIFY(all["accuracy"].toObject().contains("ndcg@10"));
            const QJsonArray groups = s["segments"].toArray();
            QCOMPARE(groups.size(), 3);
            QCOMPARE(groups[0].toObject()["name"].toString(),
                     i < 3 ? QStringLiteral("light") : QStringLiteral("niche"));
            QVERIFY(!groups[2].toObject()["range"].toString().isEmpty());
            QVERIFY(groups[1].toObject().contains("long_tail_share"));
        }
        const QJsonObject expl = o["explanations"].toObject();
        QCOMPARE(expl["runs"].toArray().size(), 3);
        QCOMPARE(expl["pairs"].toArray().size(), 3);
        QVERIFY(!expl["runs"].toArray()[2].toObject()["evidence"].toBool()); // popularity
        const QJsonArray scatter = o["scatter"].toArray();
        QCOMPARE(scatter.size(), 3);
        QCOMPARE(scatter[0].toObject()["metric"].toString(), QStringLiteral("ndcg@10"));

        QFile h(html), c(csv);
        QVERIFY(h.open(QIODevice::ReadOnly) && c.open(QIODevice::ReadOnly));
        const QByteArray page = h.readAll();
        QVERIFY(page.contains("small &quot;&lt;b&gt;&quot;"));
        QVERIFY(!page.contains("<b>"));
        QVERIFY(
            c.readLine().startsWith("section,name,run_a,model_a,run_b,model_b,statistic,value"));
    }

    void sameRunTwice() {
        auto r = recscope({"compare", "--workspace", m_ws, "--runs", m_runs[0] + ',' + m_runs[0],
                           "--no-explain"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = rs::test::jsonObject(r.out);
        QCOMPARE(o["overlap"].toObject()["jaccard"].toArray()[0].toArray()[1].toDouble(), 1.0);
        for (const auto& v : o["paired"].toArray()) {
            QCOMPARE(v.toObject()["mean_delta"].toDouble(), 0.0);
            QCOMPARE(v.toObject()["p_t"].toDouble(), 1.0);
            QCOMPARE(v.toObject()["p_wilcoxon"].toDouble(), 1.0);
        }
        QVERIFY(!o["explanations"].toObject()["computed"].toBool());
        // Without --metric the scatter shows the runs' NDCG@K series.
        QCOMPARE(o["scatter"].toArray()[0].toObject()["metric"].toString(),
                 QStringLiteral("ndcg@10"));
    }

    void errors() {
        auto unknown = recscope({"compare", "--workspace", m_ws, "--runs", m_runs[0] + ",999"});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.out.isEmpty());
        QVERIFY2(unknown.err.contains("no run 999"), unknown.err.constData());
        auto one = recscope({"compare", "--workspace", m_ws, "--runs", m_runs[0]});
        QCOMPARE(one.exitCode, 2);
        auto bad = recscope({"compare", "--workspace", m_ws, "--runs", "1,x"});
        QCOMPARE(bad.exitCode, 2);
        auto missing = recscope({"compare", "--workspace", m_ws});
        QCOMPARE(missing.exitCode, 2);
        auto metric = recscope(
            {"compare", "--workspace", m_ws, "--runs", m_runs.join(','), "--metric", "nope@3"});
        QCOMPARE(metric.exitCode, 1);
        QVERIFY2(metric.err.contains("nope@3"), metric.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliCompare)
#include "tst_cli_compare.moc"
