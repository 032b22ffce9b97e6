// FormatSniffer: delimiter, header, encoding and column roles from the head of a file.
#include "IoTestFiles.h"
#include "TestFiles.h"
#include "io/ColumnGuess.h"
#include "io/FormatSniffer.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace rs;

namespace {

/// A MovieLens-like ratings file with `delim` between fields.
QByteArray ratings(const QByteArray& delim, bool header) {
    QByteArray t;
    if (header)
        t += "userId" + delim + "movieId" + delim + "rating" + delim + "timestamp\n";
    const char* rows[] = {"1,31,2.5,1260759144", "1,1029,3.0,1260759179", "1,1061,3.0,1260759182",
                          "2,10,4.0,835355493",  "2,17,5.0,835355681",    "3,60,3.5,1298861675",
                          "4,10,4.0,949810645",  "4,34,5.0,949919556"};
    for (const char* r : rows) {
        QByteArray line(r);
        line.replace(",", delim);
        t += line + "\n";
    }
    return t;
}

void checkRoles(const SniffResult& s, int user, int item, int rating, int timestamp) {
    QCOMPARE(s.columns.user, user);
    QCOMPARE(s.columns.item, item);
    QCOMPARE(s.columns.rating, rating);
    QCOMPARE(s.columns.timestamp, timestamp);
}

} // namespace

class TestFormatSniffer : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    SniffResult sniff(const QString& name, const QByteArray& bytes, int maxRows = 50,
                      const CsvDialect* forced = nullptr) {
        return sniffFile(rs::test::writeFile(m_dir, name, bytes).toStdString(), maxRows, forced);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void dialectsWithHeader_data() {
        QTest::addColumn<QByteArray>("delim");
        QTest::newRow("comma") << QByteArray(",");
        QTest::newRow("tab") << QByteArray("\t");
        QTest::newRow("semicolon") << QByteArray(";");
        QTest::newRow("pipe") << QByteArray("|");
        QTest::newRow("double colon") << QByteArray("::");
    }
    void dialectsWithHeader() {
        QFETCH(QByteArray, delim);
        const SniffResult s = sniff("h.txt", ratings(delim, true));
        QVERIFY2(s.error.empty(), s.error.c_str());
        QCOMPARE(s.dialect.delimiter, delim.toStdString());
        QVERIFY(s.dialect.hasHeader);
        QCOMPARE(s.header, (std::vector<std::string>{"userId", "movieId", "rating", "timestamp"}));
        QCOMPARE(s.rows.size(), std::size_t(8));
        QCOMPARE(s.rows[0], (std::vector<std::string>{"1", "31", "2.5", "1260759144"}));
        QCOMPARE(s.dialect.encoding, TextEncoding::Auto); // pure ASCII head
        checkRoles(s, 0, 1, 2, 3);
    }

    void headerlessMovieLens_data() {
        QTest::addColumn<QByteArray>("delim");
        QTest::newRow("comma") << QByteArray(",");
        QTest::newRow("tab") << QByteArray("\t");
        QTest::newRow("double colon") << QByteArray("::");
    }
    void headerlessMovieLens() {
        QFETCH(QByteArray, delim);
        const SniffResult s = sniff("nh.txt", ratings(delim, false));
        QVERIFY2(s.error.empty(), s.error.c_str());
        QCOMPARE(s.dialect.delimiter, delim.toStdString());
        QVERIFY(!s.dialect.hasHeader);
        QCOMPARE(s.header,
                 (std::vector<std::string>{"column 1", "column 2", "column 3", "column 4"}));
        QCOMPARE(s.rows.size(), std::size_t(8));
        checkRoles(s, 0, 1, 2, 3);
    }

    void headerlessIntegerRatings() {
        // MovieLens 100k u.data: tab separated, integer ratings.
        const SniffResult s = sniff("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n"
                                              "22\t377\t1\t878887116\n244\t51\t2\t880606923\n");
        QCOMPARE(s.dialect.delimiter, std::string("\t"));
        QVERIFY(!s.dialect.hasHeader);
        checkRoles(s, 0, 1, 2, 3);
    }

    void headerlessWithoutTimestampOrRating() {
        const SniffResult three = sniff("3.csv", "u1,i9,4\nu2,i3,5\nu3,i9,1\n");
        QVERIFY(!three.dialect.hasHeader);
        checkRoles(three, 0, 1, 2, -1);
        const SniffResult pairs = sniff("2.csv", "1,10\n2,11\n3,10\n");
        checkRoles(pairs, 0, 1, -1, -1);
        const SniffResult times = sniff("t.csv", "1,10,1260759144\n2,11,1260759145\n");
        checkRoles(times, 0, 1, -1, 2);
    }

    void otherHeaderNames() {
        SniffResult s = sniff("names.csv", "user_id;item_id;score;date\n"
                                           "7;a1;4;2021-03-04\n8;a2;5;2021-03-05 10:00:00\n");
        QCOMPARE(s.dialect.delimiter, std::string(";"));
        QVERIFY(s.dialect.hasHeader);
        checkRoles(s, 0, 1, 2, 3);
        s = sniff("order.csv", "timestamp,Rating,itemId,UserID\n1,4,10,20\n2,3,11,21\n");
        checkRoles(s, 3, 2, 1, 0);
        // Book-Crossing: quoted names, ';' and ISBNs.
        s = sniff("bx.csv",
                  "\"User-ID\";\"ISBN\";\"Book-Rating\"\n\"276725\";\"034545104X\";\"0\"\n"
                  "\"276726\";\"0155061224\";\"5\"\n");
        QCOMPARE(s.dialect.delimiter, std::string(";"));
        checkRoles(s, 0, 1, 2, -1);
        // Named ids and an unnamed count: implicit (a count is not assumed to be a rating),
        // while an epoch column is still found by its content.
        s = sniff("clicks.csv", "user,product,clicks,when\n1,5,3,1260759144\n2,6,1,1260759145\n");
        checkRoles(s, 0, 1, -1, 3);
    }

    void unknownHeaderNamesFallBackToContent() {
        const SniffResult s =
            sniff("abc.csv", "a,b,c,d\n1,31,2.5,1260759144\n2,10,4.0,835355493\n");
        QVERIFY(s.dialect.hasHeader); // text above numbers
        QCOMPARE(s.header, (std::vector<std::string>{"a", "b", "c", "d"}));
        checkRoles(s, 0, 1, 2, 3);
    }

    void aFewBadValuesDoNotHideARatingColumn() {
        // "abc" and "NaN" are rejects for the importer, not a reason to call the data implicit.
        const SniffResult s = sniff("bad.csv", "u,i,r\r1,1,4\r1,2,abc\r2,1,5\r3,3,NaN\r3,4,2\r");
        QVERIFY(s.dialect.hasHeader);
        checkRoles(s, 0, 1, 2, -1);
        // Mostly text is text: no rating column.
        const SniffResult t = sniff("text.csv", "a,b,c\n1,2,x\n3,4,y\n5,6,7\n");
        checkRoles(t, 0, 1, -1, -1);
    }

    void textIdsWithoutHeader() {
        const SniffResult s = sniff("text.csv", "alice,matrix,5\nbob,alien,3\ncarol,heat,4\n");
        QVERIFY(!s.dialect.hasHeader);
        checkRoles(s, 0, 1, 2, -1);
    }

    void quotedFieldsDoNotConfuseTheDelimiter() {
        // Commas and pipes inside quotes; '|' also splits genres unevenly.
        const QByteArray movies = "movieId,title,genres\n"
                                  "1,Toy Story (1995),Adventure|Animation|Children|Comedy\n"
                                  "11,\"American President, The (1995)\",Comedy|Drama|Romance\n"
                                  "12,\"Dracula: Dead and Loving It (1995)\",Comedy|Horror\n"
                                  "13,\"Balto, \"\"the dog\"\" (1995)\",Animation\n";
        const SniffResult s = sniff("movies.csv", movies);
        QCOMPARE(s.dialect.delimiter, std::string(","));
        QVERIFY(s.dialect.hasHeader);
        QCOMPARE(s.rows[1][1], std::string("American President, The (1995)"));
        QCOMPARE(s.rows[3][1], std::string("Balto, \"the dog\" (1995)"));
        const ItemColumns ic = guessItemColumns(s);
        QCOMPARE(ic.id, 0);
        QCOMPARE(ic.title, 1);
        QCOMPARE(ic.genres, 2);
    }

    void itemColumnsWithoutHeader() {
        // MovieLens 1M movies.dat; genres first here to show content decides, not position.
        const SniffResult s = sniff("movies.dat", "1::Animation|Children's::Toy Story (1995)\n"
                                                  "2::Adventure|Fantasy::Jumanji (1995)\n"
                                                  "3::Comedy|Romance::Grumpier Old Men (1995)\n");
        QCOMPARE(s.dialect.delimiter, std::string("::"));
        QVERIFY(!s.dialect.hasHeader);
        const ItemColumns ic = guessItemColumns(s);
        QCOMPARE(ic.id, 0);
        QCOMPARE(ic.genres, 1);
        QCOMPARE(ic.title, 2);
        // Three genres each: '|' splits as evenly as "::" does; the numeric id column decides.
        const SniffResult even = sniff("even.dat", "1::Toy Story (1995)::A|B|C\n"
                                                   "2::Jumanji (1995)::D|E|F\n");
        QCOMPARE(even.dialect.delimiter, std::string("::"));
    }

    void encodings() {
        const SniffResult latin = sniff("l1.csv", "id,title\n1,Caf\xE9\n2,Gr\xFC\xDF Gott\n");
        QCOMPARE(latin.dialect.encoding, TextEncoding::Latin1);
        QCOMPARE(latin.rows[0][1], std::string("Caf\xC3\xA9"));
        const SniffResult utf = sniff("u8.csv", "id,title\n1,Caf\xC3\xA9\n2,x\n");
        QCOMPARE(utf.dialect.encoding, TextEncoding::Utf8);
        CsvDialect forced;
        forced.delimiter.clear();
        forced.encoding = TextEncoding::Latin1;
        const SniffResult f = sniff("u8f.csv", "id,title\n1,Caf\xC3\xA9\n2,x\n", 50, &forced);
        QCOMPARE(f.dialect.encoding, TextEncoding::Latin1);
        QCOMPARE(f.rows[0][1], std::string("Caf\xC3\x83\xC2\xA9"));
    }

    void lineEndingsAndBom() {
        QByteArray t = "\xEF\xBB\xBF" + ratings(",", true);
        const SniffResult lf = sniff("bom.csv", t);
        QCOMPARE(lf.header[0], std::string("userId"));
        checkRoles(lf, 0, 1, 2, 3);
        t.replace("\n", "\r");
        const SniffResult cr = sniff("cr.csv", t);
        QCOMPARE(cr.rows.size(), std::size_t(8));
        checkRoles(cr, 0, 1, 2, 3);
    }

    void forcedDelimiterAndRowLimit() {
        CsvDialect forced;
        forced.delimiter = ";"; // wrong on purpose: everything is one column
        const SniffResult s = sniff("forced.csv", ratings(",", true), 50, &forced);
        QCOMPARE(s.dialect.delimiter, std::string(";"));
        QCOMPARE(s.header.size(), std::size_t(1));
        QVERIFY(!s.columns.valid());
        const SniffResult few = sniff("few.csv", ratings(",", true), 3);
        QCOMPARE(few.rows.size(), std::size_t(3));
        QCOMPARE(few.rows[2][1], std::string("1061"));
    }

    void raggedRowsStillFindTheDelimiter() {
        QByteArray t = ratings(",", true);
        t += "5,1,4.0\n5,2,4.0,1,extra\n";
        const SniffResult s = sniff("ragged.csv", t);
        QCOMPARE(s.dialect.delimiter, std::string(","));
        checkRoles(s, 0, 1, 2, 3);
    }

    void errors() {
        QCOMPARE(sniff("empty.csv", "").error, std::string("file is empty"));
        QCOMPARE(sniff("blank.csv", "\n\n  \n").error,
                 std::string("file is empty (only blank lines)"));
        QCOMPARE(sniff("header.csv", "userId,movieId,rating,timestamp\n").error,
                 std::string("file has a header but no data rows"));
        QCOMPARE(sniff("header2.csv", "\xEF\xBB\xBFuserId;movieId\r\n\r\n").error,
                 std::string("file has a header but no data rows"));
        QCOMPARE(sniff("nul.csv", QByteArray("1,2\n3,4\n5\0,6\n", 13)).error,
                 std::string("file looks binary (NUL byte at line 3)"));
        std::mt19937 rng(11);
        QByteArray noise(2000, '\0');
        for (auto& c : noise)
            c = char(rng() % 256);
        noise[0] = 'x';
        noise[1] = '\0';
        QCOMPARE(sniff("noise.bin", noise).error,
                 std::string("file looks binary (NUL byte at line 1)"));
        const SniffResult missing = sniffFile(m_dir.filePath("missing.csv").toStdString());
        QVERIFY(QString::fromStdString(missing.error).startsWith("cannot open"));
        const SniffResult dir = sniffFile(m_dir.path().toStdString());
        QVERIFY(QString::fromStdString(dir.error).contains("directory"));
        // A single numeric row is data, not a header.
        const SniffResult one = sniff("one.csv", "1,31,2.5,1260759144\n");
        QVERIFY(one.error.empty());
        QVERIFY(!one.dialect.hasHeader);
        QCOMPARE(one.rows.size(), std::size_t(1));
    }

    void headerJudgement() {
        using sniff::Row;
        QVERIFY(sniff::looksLikeHeader({{"userId", "x"}}));
        QVERIFY(sniff::looksLikeHeader({{"u", "i"}, {"1", "2"}, {"3", "4"}}));
        QVERIFY(!sniff::looksLikeHeader({{"u", "i"}, {"a", "b"}, {"c", "d"}}));
        QVERIFY(!sniff::looksLikeHeader({{"1", "2"}, {"3", "4"}}));
        QVERIFY(sniff::looksLikeHeader({{"when"}, {"2021-01-01"}, {"2021-01-02"}}));
        QCOMPARE(sniff::normalizedName("User-ID"), std::string("userid"));
        QCOMPARE(sniff::roleForName("ITEM_ID"), ColumnRole::Item);
        QCOMPARE(sniff::roleForName("stars"), ColumnRole::Rating);
        QCOMPARE(sniff::roleForName("datetime"), ColumnRole::Timestamp);
        QCOMPARE(sniff::roleForName("uid"), ColumnRole::User);
        QCOMPARE(sniff::roleForName("comment"), ColumnRole::Ignore);
        QCOMPARE(std::string(columnRoleName(ColumnRole::Timestamp)), std::string("timestamp"));
        QCOMPARE(std::string(encodingName(TextEncoding::Latin1)), std::string("Latin-1"));
        QCOMPARE(std::string(encodingName(TextEncoding::Utf8)), std::string("UTF-8"));
        QCOMPARE(std::string(encodingName(TextEncoding::Auto)), std::string("auto"));
    }

    void realMovieLensSmall() {
        const QString shared = rs::test::sharedDir();
        const QString dir = shared + "/datasets/ml-latest-small";
        if (shared.isEmpty() || !QFileInfo::exists(dir + "/ratings.csv"))
            QSKIP("ml-latest-small is not available (RECSCOPE_SHARED_DIR)");
        const SniffResult r = sniffFile((dir + "/ratings.csv").toStdString());
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.dialect.delimiter, std::string(","));
        QVERIFY(r.dialect.hasHeader);
        QCOMPARE(r.rows.size(), std::size_t(50));
        checkRoles(r, 0, 1, 2, 3);
        if (!QFileInfo::exists(dir + "/movies.csv"))
            QSKIP("movies.csv missing");
        const SniffResult m = sniffFile((dir + "/movies.csv").toStdString());
        QVERIFY2(m.error.empty(), m.error.c_str());
        QCOMPARE(m.dialect.delimiter, std::string(","));
        QVERIFY(m.dialect.hasHeader);
        QCOMPARE(m.header, (std::vector<std::string>{"movieId", "title", "genres"}));
        const ItemColumns ic = guessItemColumns(m);
        QCOMPARE(ic.id, 0);
        QCOMPARE(ic.title, 1);
        QCOMPARE(ic.genres, 2);
    }
};

QTEST_APPLESS_MAIN(TestFormatSniffer)
#include "tst_formatsniffer.moc"
