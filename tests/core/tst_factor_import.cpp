// Bring your own model: factor files read in every accepted layout, validated with file and line,
// mapped onto a dataset's ids, stored as an "imported" run that scores, evaluates and explains
// exactly like the trained run it was exported from; a failed import writes nothing.
#include "TestFiles.h"
#include "explain/Explainer.h"
#include "import/FactorFileReader.h"
#include "import/FactorFileWriter.h"
#include "import/FactorImport.h"
#include "import/ImportJob.h"
#include "models/ImportedFactors.h"
#include "store/DatasetStore.h"
#include "store/RunStore.h"
#include "train/RunContext.h"
#include "train/TrainingJob.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace rs;

namespace {

constexpr int kUsers = 40, kItems = 60;

/// External ids unlike the dense indices (and sorting differently as text).
std::string userId(int u) {
    std::string id = std::to_string(7 + u * 5);
    id.insert(id.begin(), 'u');
    return id;
}
std::string itemId(int i) {
    return std::to_string(1000 - i * 3);
}

/// Largest |a - b| / max(1, |b|) over every (user, item) score of two models.
double maxScoreGap(const Recommender& a, const Recommender& b) {
    double gap = 0;
    std::vector<float> sa, sb;
    for (std::uint32_t u = 0; u < b.numUsers(); ++u) {
        a.scoreAll(u, sa);
        b.scoreAll(u, sb);
        if (sa.size() != sb.size())
            return INFINITY;
        for (std::uint32_t i = 0; i < sb.size(); ++i) {
            const double scale = std::max(1.0, double(std::abs(sb[i])));
            gap = std::max(gap, std::abs(double(sa[i]) - sb[i]) / scale);
            gap = std::max(gap, std::abs(double(a.score(u, i)) - b.score(u, i)) / scale);
        }
    }
    return gap;
}

} // namespace

class TestFactorImport : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::int64_t m_dataset = 0, m_mfRun = 0, m_alsRun = 0, m_splitId = 0;

    std::string path(const char* name) const { return m_dir.filePath(name).toStdString(); }
    std::string write(const char* name, const QByteArray& bytes) const {
        return test::writeFile(m_dir, name, bytes).toStdString();
    }
    std::int64_t train(const std::string& model,
                       std::vector<std::pair<std::string, std::string>> params) {
        TrainingRequest req;
        req.datasetId = m_dataset;
        req.model = model;
        req.params = std::move(params);
        req.split = "random:0.25:seed=2";
        auto out = runTraining(*m_ws, req, {});
        if (out.status != TrainingStatus::Done)
            qFatal("training %s failed: %s", model.c_str(), out.error.c_str());
        return out.run.id;
    }
    std::unique_ptr<Recommender> modelOf(std::int64_t run) {
        std::string error;
        auto m = loadTrainedModel(*m_ws, run, error);
        if (!m)
            qFatal("cannot load run %lld: %s", static_cast<long long>(run), error.c_str());
        return m;
    }
    /// Exports `run` and imports the files back on the same split.
    FactorImportResult roundTrip(std::int64_t run, const char* stem, const std::string& kind,
                                 bool withUsers = true) {
        FactorExport ex;
        std::string error;
        const std::string items = path((std::string(stem) + "_items.csv").c_str());
        const std::string users =
            withUsers ? path((std::string(stem) + "_users.csv").c_str()) : std::string();
        if (!exportRunFactors(*m_ws, run, items, users, ex, error))
            qFatal("export failed: %s", error.c_str());
        FactorImportRequest req;
        req.datasetId = m_dataset;
        req.itemsPath = items;
        req.usersPath = users;
        req.kind = kind;
        req.mean = ex.mean;
        req.splitId = m_splitId;
        return importFactorModel(*m_ws, req);
    }

private slots:
    void initTestCase() {
        QByteArray csv = "user,item,rating\n";
        std::mt19937 rng(11);
        for (int u = 0; u < kUsers; ++u)
            for (int i = 0; i < kItems; ++i) {
                if (rng() % 3)
                    continue;
                const int r = (u % 2) == (i % 2) ? 4 + int(rng() % 2) : 1 + int(rng() % 2);
                csv += QByteArray::fromStdString(userId(u)) + ',' +
                       QByteArray::fromStdString(itemId(i)) + ',' + QByteArray::number(r) + '\n';
            }
        m_ws = std::make_unique<Workspace>(path("w.recscope"));
        ImportOptions o;
        o.datasetName = "tiny";
        o.ratingsPath = write("r.csv", csv);
        auto r = importRatings(*m_ws, o, {});
        QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
        m_dataset = r.datasetId;
        m_mfRun = train("biasedmf", {{"factors", "4"}, {"epochs", "8"}});
        m_alsRun = train("als", {{"factors", "4"}, {"iterations", "4"}, {"reg", "1"}});
        m_splitId = RunStore(*m_ws).get(m_mfRun)->splitId;
        QVERIFY(m_splitId > 0);
    }

    void biasedMfRoundTripReproducesScoresMetricsAndExplanations() {
        const auto res = roundTrip(m_mfRun, "mf", "rating");
        QVERIFY2(res.ok, res.error.c_str());
        QCOMPARE(res.k, 4);
        QVERIFY(res.items.hasBias && res.users.hasBias);
        QCOMPARE(res.items.mapped, std::int64_t(kItems));
        QCOMPARE(res.users.mapped, std::int64_t(kUsers));
        QCOMPARE(res.items.unknown + res.items.missing + res.users.unknown + res.users.missing,
                 std::int64_t(0));
        const auto imported = modelOf(res.run.id);
        const auto trained = modelOf(m_mfRun);
        QCOMPARE(imported->name(), std::string("imported"));
        QVERIFY(imported->predictsRatings());
        const double gap = maxScoreGap(*imported, *trained);
        QVERIFY2(gap < 1e-6, std::to_string(gap).c_str());

        // Evaluated exactly as the trained run was, on the same stored split.
        const auto stored = RunStore(*m_ws).get(res.run.id);
        QVERIFY(stored);
        QCOMPARE(stored->status, std::string("done"));
        QCOMPARE(stored->splitId, m_splitId);
        const auto original = RunStore(*m_ws).get(m_mfRun);
        QVERIFY(!stored->metrics.empty());
        QCOMPARE(stored->metrics.size(), original->metrics.size());
        for (std::size_t m = 0; m < stored->metrics.size(); ++m) {
            QCOMPARE(stored->metrics[m].first, original->metrics[m].first);
            QVERIFY2(std::abs(stored->metrics[m].second - original->metrics[m].second) < 1e-6,
                     stored->metrics[m].first.c_str());
        }
        QVERIFY(!RunStore(*m_ws).userMetricNames(res.run.id).empty());

        // The why panel: mean + biases + one part per dimension add up to the score.
        std::string error;
        const auto ctx = loadRunContext(*m_ws, res.run.id, error);
        QVERIFY2(ctx, error.c_str());
        const auto explainer = makeExplainer(*ctx, error);
        QVERIFY2(explainer, error.c_str());
        for (std::uint32_t u = 0; u < ctx->numUsers(); u += 7)
            for (const auto& rec : ctx->recommend(u, 3)) {
                const Explanation e = explainer->explain(u, rec.item, ExplainOptions{});
                QCOMPARE(e.parts.size(), std::size_t(3 + 4));
                QVERIFY(std::abs(e.decomposedScore - e.score) < 1e-4);
                QVERIFY(std::abs(sumOfParts(e.parts) - double(rec.score)) < 1e-4);
                QVERIFY(!e.evidence.empty());
            }
    }

    void alsRoundTripReproducesScores() {
        const auto res = roundTrip(m_alsRun, "als", "implicit");
        QVERIFY2(res.ok, res.error.c_str());
        QVERIFY(!res.items.hasBias && !res.users.hasBias);
        const auto imported = modelOf(res.run.id);
        QVERIFY(!imported->predictsRatings());
        const double gap = maxScoreGap(*imported, *modelOf(m_alsRun));
        QVERIFY2(gap < 1e-5, std::to_string(gap).c_str());
        const auto stored = RunStore(*m_ws).get(res.run.id);
        const auto ndcg = stored->metric("NDCG@10");
        QVERIFY(ndcg);
        QVERIFY(!stored->metric("RMSE")); // an implicit model has no rating metrics
        QVERIFY(std::abs(*ndcg - *RunStore(*m_ws).get(m_alsRun)->metric("NDCG@10")) < 1e-6);
    }

    void itemsOnlyImportFoldsUsersIn() {
        const auto res = roundTrip(m_mfRun, "mfitems", "rating", false);
        QVERIFY2(res.ok, res.error.c_str());
        QVERIFY(res.users.file.empty());
        QCOMPARE(res.users.foldedIn + res.users.missing, std::int64_t(kUsers));
        QVERIFY(res.users.foldedIn > 0);
        // The folded-in user is the explanations' fold-in of the full history: its score is the
        // evidence base score.
        std::string error;
        const auto ctx = loadRunContext(*m_ws, res.run.id, error);
        QVERIFY2(ctx, error.c_str());
        const auto explainer = makeExplainer(*ctx, error);
        QVERIFY2(explainer, error.c_str());
        for (std::uint32_t u = 0; u < ctx->numUsers(); u += 5) {
            const auto top = ctx->recommend(u, 1);
            QVERIFY(!top.empty());
            const Explanation e = explainer->explain(u, top[0].item, ExplainOptions{});
            QVERIFY2(std::abs(e.evidenceBaseScore - double(top[0].score)) < 1e-3,
                     (std::to_string(e.evidenceBaseScore) + " vs " + std::to_string(top[0].score))
                         .c_str());
        }
    }

    void layoutsParseToTheSameValues() {
        struct Case {
            const char* name;
            QByteArray bytes;
            const char* layout;
        };
        const QList<Case> cases = {
            {"plain.csv", "id,f1,f2,f3\na,0.5,-1,2e-1\nb,1,2,3\n", "columns"},
            {"spark_quoted.csv", "id,features\na,\"[0.5, -1.0, 0.2]\"\nb,\"[1.0, 2.0, 3.0]\"\n",
             "array"},
            {"spark_bare.csv", "a,[0.5, -1.0, 0.2]\nb,[1.0, 2.0, 3.0]\n", "array"},
            {"tabbed.tsv", "a\t0.5 -1 0.2\nb\t1 2 3\n", "space-separated"},
            {"spaces.txt", "a 0.5 -1 0.2\r\nb 1   2 3\r\n", "space-separated"},
            {"bom_cr.csv", "\xEF\xBB\xBFid;f1;f2;f3\ra;0.5;-1;0.2\rb;1;2;3\r", "columns"},
        };
        for (const Case& c : cases) {
            FactorFile f;
            std::string error;
            QVERIFY2(readFactorFile(write(c.name, c.bytes), {}, f, error), error.c_str());
            QCOMPARE(f.k, 3);
            QCOMPARE(f.ids, (std::vector<std::string>{"a", "b"}));
            QCOMPARE(f.factors, (std::vector<float>{0.5f, -1.0f, 0.2f, 1.0f, 2.0f, 3.0f}));
            QVERIFY(!f.hasBias);
            QCOMPARE(f.layout, std::string(c.layout));
        }
        // A bias column: named in a header (anywhere), or flagged for a headerless file.
        FactorFile f;
        std::string error;
        QVERIFY2(readFactorFile(write("named.csv", "id,f1,BIAS,f2\na,1,9,2\n"), {}, f, error),
                 error.c_str());
        QVERIFY(f.hasBias);
        QCOMPARE(f.k, 2);
        QCOMPARE(f.bias, std::vector<float>{9.0f});
        QCOMPARE(f.factors, (std::vector<float>{1.0f, 2.0f}));
        FactorFileOptions flagged;
        flagged.firstValueIsBias = true;
        QVERIFY2(readFactorFile(write("flag.csv", "a,9,1,2\nb,8,3,4\n"), flagged, f, error),
                 error.c_str());
        QVERIFY(f.hasBias);
        QCOMPARE(f.bias, (std::vector<float>{9.0f, 8.0f}));
        QCOMPARE(f.lines, (std::vector<std::int64_t>{1, 2}));
    }

    void validationErrorsNameFileAndLine_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what");
        QTest::newRow("short row") << QByteArray("id,f1,f2\na,1,2\nb,1\n") << "bad.csv:3:"
                                   << "expected 2 values";
        QTest::newRow("long row") << QByteArray("a,1,2\nb,1,2\n\nc,1,2,3\n") << "bad.csv:4:"
                                  << "got 3";
        QTest::newRow("text") << QByteArray("a,1,2\nb,1,x2\n") << "bad.csv:2:"
                              << "not a number";
        QTest::newRow("nan") << QByteArray("id,f1,f2\na,1,2\nb,nan,2\n") << "bad.csv:3:"
                             << "not a finite";
        QTest::newRow("inf") << QByteArray("a,1,2\nb,1,-inf\n") << "bad.csv:2:"
                             << "not a finite";
        QTest::newRow("too large") << QByteArray("a,1,2\nb,1,1e39\n") << "bad.csv:2:"
                                   << "not a finite";
        QTest::newRow("empty value") << QByteArray("a,1,2\nb,,2\n") << "bad.csv:2:"
                                     << "not a number";
        QTest::newRow("duplicate") << QByteArray("a,1,2\nb,1,2\na,3,4\n") << "bad.csv:3:"
                                   << "first on line 1";
        QTest::newRow("header mismatch") << QByteArray("id,f1,f2,f3\na,1,2\n") << "bad.csv:2:"
                                         << "header names 3";
        QTest::newRow("no values") << QByteArray("1\n2\n") << "bad.csv:2:"
                                   << "no factor values";
    }
    void validationErrorsNameFileAndLine() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, where);
        QFETCH(QString, what);
        FactorFile f;
        std::string error;
        QVERIFY(!readFactorFile(write("bad.csv", bytes), {}, f, error));
        const QString text = QString::fromStdString(error);
        QVERIFY2(text.startsWith(where), error.c_str());
        QVERIFY2(text.contains(what), error.c_str());
    }

    void factorCountsMustAgree() {
        FactorImportRequest req;
        req.datasetId = m_dataset;
        req.itemsPath = write("k3_items.csv", "id,f1,f2,f3\n1000,1,2,3\n");
        req.usersPath = write("k2_users.csv", "id,f1,f2\n\nu7,1,2\n");
        const auto res = importFactorModel(*m_ws, req);
        QVERIFY(!res.ok);
        QVERIFY2(res.error.starts_with("k2_users.csv:3: 2 factors"), res.error.c_str());
        QVERIFY2(res.error.find("k3_items.csv has 3") != std::string::npos, res.error.c_str());
    }

    void unknownIdsAreReportedAndSkipped() {
        QByteArray items = "id,f1,f2\n";
        for (int i = 0; i < kItems - 4; ++i) // the last 4 items are missing from the file
            items += QByteArray::fromStdString(itemId(i)) + ",0.1," + QByteArray::number(i) + '\n';
        for (int x = 0; x < 7; ++x) // 7 ids the dataset does not have
            items += "zz" + QByteArray::number(x) + ",1,1\n";
        FactorImportRequest req;
        req.datasetId = m_dataset;
        req.itemsPath = write("unknown_items.csv", items);
        req.kind = "implicit";
        const auto res = importFactorModel(*m_ws, req);
        QVERIFY2(res.ok, res.error.c_str());
        QCOMPARE(res.items.rows, std::int64_t(kItems - 4 + 7));
        QCOMPARE(res.items.mapped, std::int64_t(kItems - 4));
        QCOMPARE(res.items.unknown, std::int64_t(7));
        QCOMPARE(res.items.missing, std::int64_t(4));
        QCOMPARE(res.items.unknownExamples.size(), std::size_t(5));
        QCOMPARE(res.items.unknownExamples.front(),
                 "zz0 (line " + std::to_string(2 + kItems - 4) + ")");
        QVERIFY(!res.evaluated); // no split asked for
        QCOMPARE(res.run.splitId, std::int64_t(0));
        // Skipped rows left no trace; missing items score from zero factors.
        const auto m = modelOf(res.run.id);
        DatasetStore store(*m_ws);
        const RatingTable t = store.loadRatings(m_dataset);
        for (std::uint32_t i = 0; i < t.numItems(); ++i) {
            const bool missing = std::stoi(t.itemIds[i]) <= 1000 - (kItems - 4) * 3;
            const auto& f = dynamic_cast<const ImportedFactors&>(*m).factors();
            const float q1 = f.Q[std::size_t(i) * f.stride + 1];
            QCOMPARE(q1, missing ? 0.0f : float((1000 - std::stoi(t.itemIds[i])) / 3));
        }
        // A file none of whose ids the dataset has is an error, not an empty model.
        req.itemsPath = write("foreign.csv", "id,f1\nx1,1\nx2,2\n");
        const auto foreign = importFactorModel(*m_ws, req);
        QVERIFY(!foreign.ok);
        QVERIFY2(foreign.error.find("none of the 2 ids in foreign.csv") != std::string::npos,
                 foreign.error.c_str());
    }

    void failedImportLeavesTheWorkspaceUnchanged() {
        const auto runs = m_ws->db().scalarInt("SELECT count(*) FROM runs");
        const auto splits = m_ws->db().scalarInt("SELECT count(*) FROM splits");
        const auto params = m_ws->db().scalarInt("SELECT count(*) FROM model_params");
        FactorImportRequest req;
        req.datasetId = m_dataset;
        req.itemsPath = write("good_items.csv", "id,f1\n1000,1\n997,2\n");
        req.usersPath = write("broken_users.csv", "id,f1\nu7,1\nu12,oops\n");
        req.split = "random:0.3:seed=99"; // a split not stored yet
        auto res = importFactorModel(*m_ws, req);
        QVERIFY(!res.ok);
        QVERIFY2(res.error.starts_with("broken_users.csv:3:"), res.error.c_str());
        req.usersPath.clear();
        req.split = "nonsense:7";
        res = importFactorModel(*m_ws, req);
        QVERIFY(!res.ok);
        req.split.clear();
        req.itemsPath = path("does_not_exist.csv");
        res = importFactorModel(*m_ws, req);
        QVERIFY(!res.ok);
        QVERIFY2(res.error.find("does_not_exist.csv") != std::string::npos, res.error.c_str());
        QCOMPARE(m_ws->db().scalarInt("SELECT count(*) FROM runs"), runs);
        QCOMPARE(m_ws->db().scalarInt("SELECT count(*) FROM splits"), splits);
        QCOMPARE(m_ws->db().scalarInt("SELECT count(*) FROM model_params"), params);
        QCOMPARE(m_ws->integrityCheck(), std::string("ok"));
    }

    void theModelIsNotTrainedHereAndKeepsItsParameters() {
        auto m = createRecommender("imported");
        QVERIFY(m);
        const auto fit = m->fit(Interactions{}, FitOptions{}, {});
        QCOMPARE(int(fit.status), int(FitStatus::Failed));
        QVERIFY(fit.message.find("not trained") != std::string::npos);
        std::string error;
        QVERIFY(m->setHyperParameter("source", "Spark ALS rank 50", error));
        QVERIFY(m->setHyperParameter("kind", "implicit", error));
        QVERIFY(!m->setHyperParameter("kind", "ordinal", error));
        QVERIFY(!m->setHyperParameter("factors", "3", error));
        FactorSet f;
        f.resize(2, 3, 2);
        f.mean = 1.5f;
        f.bi[2] = 0.25f;
        f.P[1] = 2.0f;
        f.Q[1] = 3.0f;
        dynamic_cast<ImportedFactors&>(*m).setFactors(f);
        QCOMPARE(m->score(0, 0), 1.5f + 6.0f);
        auto copy = createRecommender("imported");
        QVERIFY2(copy->load(m->save(), error), error.c_str());
        QCOMPARE(copy->hyperParameters(), m->hyperParameters());
        QVERIFY(!copy->predictsRatings());
        QCOMPARE(copy->score(0, 0), 7.5f);
        QCOMPARE(copy->score(1, 2), 1.75f);
    }
};

QTEST_GUILESS_MAIN(TestFactorImport)
#include "tst_factor_import.moc"
