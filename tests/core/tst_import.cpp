// End-to-end imports of hand-made files into a real workspace: every bad-input case gives a clear
// message naming file and line, and never changes what the workspace already held.
#include "TestFiles.h"
#include "import/ImportJob.h"
#include "store/DatasetQueries.h"
#include "store/DatasetStore.h"

#include <QtTest>

#include <set>

using namespace rs;

class TestImport : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::int64_t m_baseline = 0; // a dataset imported first that every later case must leave alone

    ImportResult run(const QString& name, const QByteArray& bytes, bool strict = false,
                     const QString& datasetName = {}) {
        ImportOptions o;
        o.ratingsPath = test::writeFile(m_dir, name, bytes).toStdString();
        o.datasetName = (datasetName.isEmpty() ? name : datasetName).toStdString();
        o.strict = strict;
        return importRatings(*m_ws, o, {});
    }

    /// The workspace is intact and still holds the baseline dataset exactly.
    void verifyIntact() {
        QCOMPARE(m_ws->integrityCheck(), std::string("ok"));
        auto t = DatasetStore(*m_ws).loadRatings(m_baseline);
        QCOMPARE(t.size(), std::size_t(4));
        QCOMPARE(t.values, (std::vector<float>{4.0f, 3.0f, 5.0f, 2.5f}));
    }

    /// A failed import: Failed status, message containing `fragment`, nothing written.
    void verifyFailed(const ImportResult& r, const QString& fragment, const std::string& name) {
        QCOMPARE(int(r.status), int(ImportStatus::Failed));
        QVERIFY2(QString::fromStdString(r.error).contains(fragment), r.error.c_str());
        QVERIFY(!DatasetStore(*m_ws).find(name));
        verifyIntact();
    }

private slots:
    void initTestCase() {
        m_ws = std::make_unique<Workspace>(m_dir.filePath("w.recscope").toStdString());
        auto r = run("baseline.csv", "userId,movieId,rating,timestamp\n1,10,4.0,100\n1,20,3.0,"
                                     "101\n2,10,5.0,102\n3,30,2.5,103\n");
        QCOMPARE(int(r.status), int(ImportStatus::Ok));
        QCOMPARE(r.ratings, 4);
        QCOMPARE(r.users, 3);
        QCOMPARE(r.items, 3);
        m_baseline = r.datasetId;
    }

    void lineEndingsAndBom() {
        const QByteArray lf = "u,i,r\n1,1,4\n1,2,3\n2,1,5\n";
        QByteArray crlf = lf, cr = lf;
        crlf.replace("\n", "\r\n");
        cr.replace("\n", "\r");
        for (auto [name, bytes] :
             {std::pair{"lf.csv", lf}, std::pair{"crlf.csv", crlf}, std::pair{"cr.csv", cr},
              std::pair{"bom.csv", QByteArray("\xEF\xBB\xBF") + lf}}) {
            auto r = run(name, bytes);
            QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
            QCOMPARE(r.ratings, 3);
            QCOMPARE(r.users, 2);
            QCOMPARE(r.rejected, 0);
        }
        // The BOM is not part of the first column's name or of any id.
        auto d = DatasetStore(*m_ws).find("bom.csv");
        QVERIFY(d);
        QCOMPARE(DatasetQueries(*m_ws, d->id).userIndex("1"), 0);
        verifyIntact();
    }

    void crOnlyLineNumbersInRejects() {
        auto r = run("cr-bad.csv", "u,i,r\r1,1,4\r1,2,abc\r2,1,5\r");
        QCOMPARE(int(r.status), int(ImportStatus::Ok));
        QCOMPARE(r.rejected, 1);
        QCOMPARE(r.rejects.at(0).line, 3);
        QVERIFY(QString::fromStdString(r.rejects[0].reason).contains("abc"));
    }

    void itemMetadataWithQuotedTitles() {
        ImportOptions o;
        o.datasetName = "with-titles";
        o.ratingsPath = test::writeFile(m_dir, "r.csv",
                                        "userId,movieId,rating\n1,1,4\n1,2,3\n"
                                        "2,3,5\n")
                            .toStdString();
        o.itemsPath = test::writeFile(m_dir, "movies.csv",
                                      "movieId,title,genres,year\n"
                                      "1,\"Good, the Bad and the Ugly, The (1966)\",Western,1966\n"
                                      "2,\"She said \"\"hi\"\" (2001)\",Comedy|Drama,2001\n"
                                      "3,Amélie (Fabuleux destin d'Amélie Poulain) (2001),"
                                      "Comedy|Romance,2001\n"
                                      "4,Unrated film,Drama,1990\n")
                          .toStdString();
        auto r = importRatings(*m_ws, o, {});
        QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
        QCOMPARE(r.itemsWithMetadata, 3);
        QCOMPARE(r.metadataUnmatched, 1);
        DatasetQueries q(*m_ws, r.datasetId);
        auto rows = q.userProfile("1");
        QCOMPARE(int(rows.size()), 2);
        std::set<std::string> titles{rows[0].title, rows[1].title};
        QVERIFY(titles.count("Good, the Bad and the Ugly, The (1966)"));
        QVERIFY(titles.count("She said \"hi\" (2001)"));
        TableQuery f;
        f.filter = "Amélie";
        auto items = q.items(f, 0, 10);
        QCOMPARE(int(items.size()), 1);
        QCOMPARE(items[0].genres, std::string("Comedy|Romance"));
        auto info = DatasetStore(*m_ws).get(r.datasetId);
        QCOMPARE(info->extraItemColumns, (std::vector<std::string>{"year"}));
    }

    void latin1File() {
        // "Amélie" and "Müller" encoded as Latin-1 bytes: stored as proper UTF-8.
        ImportOptions o;
        o.datasetName = "latin1";
        o.ratingsPath =
            test::writeFile(m_dir, "l1.csv", "u;i;r\nM\xfcller;Am\xe9lie;4\n").toStdString();
        auto r = importRatings(*m_ws, o, {});
        QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
        QCOMPARE(int(r.encoding), int(TextEncoding::Latin1));
        DatasetQueries q(*m_ws, r.datasetId);
        QCOMPARE(q.userIndex("Müller"), 0);
        QCOMPARE(q.itemIndex("Amélie"), 0);
    }

    void emptyHeaderOnlyAndBinaryFiles() {
        verifyFailed(run("empty.csv", ""), "empty", "empty.csv");
        verifyFailed(run("header.csv", "userId,movieId,rating\n"), "no data rows", "header.csv");
        QByteArray bin;
        for (int k = 0; k < 4096; ++k)
            bin.append(char((k * 7919) % 256));
        verifyFailed(run("blob.bin", bin), "binary", "blob.bin");
    }

    void badLinesLenientKeepsGoodRows() {
        auto r = run("bad.csv", "userId,movieId,rating,timestamp\n"
                                "1,1,4.0,100\n"       // 2 ok
                                "1,2\n"               // 3 wrong field count
                                "1,3,NaN,100\n"       // 4 NaN
                                "1,4,inf,100\n"       // 5 infinite
                                ",5,3.0,100\n"        // 6 empty user id
                                "2,6,,100\n"          // 7 empty rating
                                "2,7,3.5,yesterday\n" // 8 bad timestamp
                                "2,8,2.0,101\n");     // 9 ok
        QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
        QCOMPARE(r.ratings, 2);
        QCOMPARE(r.rejected, 6);
        std::vector<std::int64_t> lines;
        for (const auto& j : r.rejects) {
            lines.push_back(j.line);
            QVERIFY(QString::fromStdString(j.file).endsWith("bad.csv"));
            QVERIFY(!j.reason.empty());
        }
        QCOMPARE(lines, (std::vector<std::int64_t>{3, 4, 5, 6, 7, 8}));
        QVERIFY(QString::fromStdString(r.rejects[1].reason).contains("NaN"));
        // The reject report is kept in the workspace.
        auto stored = DatasetStore(*m_ws).rejects(r.datasetId);
        QCOMPARE(int(stored.size()), 6);
        QCOMPARE(stored[0].line, 3);
        verifyIntact();
    }

    void strictAbortsAndWritesNothing() {
        auto r = run("strict.csv", "u,i,r\n1,1,4\n1,2,NaN\n2,1,5\n", true);
        verifyFailed(r, "strict.csv:3", "strict.csv");
        QVERIFY(QString::fromStdString(r.error).contains("nothing was written"));
    }

    void missingColumns() {
        // One column only: no way to find a user and an item.
        verifyFailed(run("onecol.csv", "userId\n1\n2\n"), "column", "onecol.csv");
    }

    void implicitDataWithoutRating() {
        auto r = run("implicit.csv", "user,item\na,x\na,y\nb,x\n");
        QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
        QVERIFY(r.implicit);
        QCOMPARE(r.ratings, 3);
        auto t = DatasetStore(*m_ws).loadRatings(r.datasetId);
        QCOMPARE(t.values, (std::vector<float>{1.0f, 1.0f, 1.0f}));
    }

    void duplicatesKeepLastAndAreReported() {
        auto r = run("dups.csv", "u,i,r\n1,1,4\n1,1,2\n2,1,3\n1,1,5\n");
        QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
        QCOMPARE(r.duplicates, 2);
        QCOMPARE(r.ratings, 2);
        QCOMPARE(r.duplicateExamples.at(0), (std::pair<std::string, std::string>("1", "1")));
        auto t = DatasetStore(*m_ws).loadRatings(r.datasetId);
        QCOMPARE(t.values[0], 5.0f);
    }

    void unterminatedQuoteNamesTheLine() {
        auto r = run("quote.csv", "u,i,r\n1,1,4\n2,\"open,5\n3,1,2\n");
        verifyFailed(r, "quote.csv", "quote.csv");
        QVERIFY2(QString::fromStdString(r.error).contains("3"), r.error.c_str());
    }

    void sameNameTwiceIsRefused() {
        auto r = run("again.csv", "u,i,r\n1,1,4\n", false, "baseline.csv");
        verifyFailed(r, "already exists", "never-created");
    }

    void cancelLeavesNoTrace() {
        QByteArray big = "u,i,r\n";
        for (int k = 0; k < 300000; ++k)
            big += QByteArray::number(k % 5000) + ',' + QByteArray::number(k % 777) + ",3\n";
        ImportOptions o;
        o.ratingsPath = test::writeFile(m_dir, "big.csv", big).toStdString();
        o.datasetName = "cancelled";
        for (double stopAt : {0.2, 0.7}) {
            auto r = importRatings(
                *m_ws, o, Progress{[stopAt](double f, std::string_view) { return f < stopAt; }});
            QCOMPARE(int(r.status), int(ImportStatus::Cancelled));
            QVERIFY(!DatasetStore(*m_ws).find("cancelled"));
            verifyIntact();
        }
        auto r = importRatings(*m_ws, o, {});
        QCOMPARE(int(r.status), int(ImportStatus::Ok));
    }

    void demoDatasetWhenPresent() {
        const QString shared = test::sharedDir();
        if (shared.isEmpty())
            QSKIP("../shared is not on this machine");
        ImportOptions o;
        o.datasetName = "ml-latest-small";
        o.ratingsPath = (shared + "/datasets/ml-latest-small/ratings.csv").toStdString();
        o.itemsPath = (shared + "/datasets/ml-latest-small/movies.csv").toStdString();
        auto r = importRatings(*m_ws, o, {});
        QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
        QCOMPARE(r.ratings, 100836);
        QCOMPARE(r.users, 610);
        QCOMPARE(r.items, 9724);
        QCOMPARE(r.rejected, 0);
        QCOMPARE(r.duplicates, 0);
        QCOMPARE(r.itemsWithMetadata, 9724);
        QCOMPARE(r.ratingMin, 0.5);
        QCOMPARE(r.ratingMax, 5.0);
        QCOMPARE(r.ratingStep, 0.5);
        DatasetQueries q(*m_ws, r.datasetId);
        TableQuery f;
        f.filter = "Amélie";
        auto items = q.items(f, 0, 5);
        QVERIFY(!items.empty());
        QVERIFY(QString::fromStdString(items[0].title).contains(QStringLiteral("Amélie")));
        verifyIntact();
    }
};

QTEST_APPLESS_MAIN(TestImport)
#include "tst_import.moc"
