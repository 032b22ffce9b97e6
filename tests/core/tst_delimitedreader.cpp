// DelimitedReader: line endings, quoting, encodings, binary input, block boundaries.
#include "IoTestFiles.h"
#include "TestFiles.h"
#include "io/DelimitedReader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace rs;
using rs::test::readAll;
using rs::test::ReadBack;
using Records = std::vector<std::vector<std::string>>;
using Lines = std::vector<std::int64_t>;

namespace {

/// The same small file with "\n" replaced by `eol` everywhere (inside quotes too).
QByteArray withEol(QByteArray text, const QByteArray& eol) {
    text.replace("\n", eol);
    return text;
}

const QByteArray kQuoted = "movieId,title,genres\n"
                           "1,\"American President, The (1995)\",Comedy|Drama\n"
                           "\n"
                           "2,\"Say \"\"Hi\"\", then\nleave\",Drama\n"
                           "3,Plain,Comedy\n";

const Records kQuotedRecords = {{"movieId", "title", "genres"},
                                {"1", "American President, The (1995)", "Comedy|Drama"},
                                {"2", "Say \"Hi\", then\nleave", "Drama"},
                                {"3", "Plain", "Comedy"}};

/// A file with most features at once, to read at every block size.
const QByteArray kMixed = "\xEF\xBB\xBFuser;item;note\r\n"
                          "  1 ; 10 ;\"a;b\"\r\n"
                          "\r\n"
                          "2;\"x\"\"y\"\"\";\"multi\r\nline\"\r\n"
                          "3;;trailing;\r\n"
                          "   \r\n"
                          "4;\"q\" tail ;\t end\r"
                          "5;caf\xC3\xA9;\"\"\n"
                          "6;last;no newline";

} // namespace

class TestDelimitedReader : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString write(const QString& name, const QByteArray& bytes) {
        return rs::test::writeFile(m_dir, name, bytes);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void lineEndingsGiveSameRecordsAndLines_data() {
        QTest::addColumn<QByteArray>("eol");
        QTest::newRow("LF") << QByteArray("\n");
        QTest::newRow("CRLF") << QByteArray("\r\n");
        QTest::newRow("CR") << QByteArray("\r");
    }
    void lineEndingsGiveSameRecordsAndLines() {
        QFETCH(QByteArray, eol);
        const QString path = write("eol.csv", withEol(kQuoted, eol));
        for (std::size_t block : {std::size_t(0), std::size_t(5), std::size_t(16)}) {
            const ReadBack rb = readAll(path, ",", block);
            QVERIFY2(rb.error.empty(), rb.error.c_str());
            Records expected = kQuotedRecords;
            expected[2][1] = "Say \"Hi\", then" + eol.toStdString() + "leave";
            QCOMPARE(rb.records, expected);
            // Line 3 is blank, the record at line 4 spans two physical lines.
            QCOMPARE(rb.lines, (Lines{1, 2, 4, 6}));
            QCOMPARE(rb.bytesRead, rb.fileSize);
        }
    }

    void lastLineWithoutNewline() {
        const ReadBack rb = readAll(write("nonl.csv", "a,b\n1,2\n3,\"x\""));
        QCOMPARE(rb.records, (Records{{"a", "b"}, {"1", "2"}, {"3", "x"}}));
        QCOMPARE(rb.lines, (Lines{1, 2, 3}));
        QVERIFY(rb.error.empty());
        const ReadBack cr = readAll(write("endcr.csv", "a,b\r1,2\r"));
        QCOMPARE(cr.records, (Records{{"a", "b"}, {"1", "2"}}));
    }

    void utf8BomIsStripped() {
        const ReadBack rb = readAll(write("bom.csv", "\xEF\xBB\xBFuserId,movieId\n1,2\n"));
        QCOMPARE(rb.records, (Records{{"userId", "movieId"}, {"1", "2"}}));
        QCOMPARE(rb.lines, (Lines{1, 2}));
        QCOMPARE(rb.encoding, TextEncoding::Utf8);
    }

    void utf16IsRefused() {
        DelimitedReader r;
        CsvDialect d;
        QVERIFY(!r.open(rs::test::u8(write("u16.csv", QByteArray("\xFF\xFEu\0s\0", 6))), d));
        QVERIFY(QString::fromStdString(r.error()).contains("UTF-16"));
    }

    void latin1IsConvertedToUtf8() {
        const ReadBack rb = readAll(write("latin1.csv", "id,name\n1,Caf\xE9\n2,M\xFCller \n"));
        QCOMPARE(rb.encoding, TextEncoding::Latin1);
        QCOMPARE(rb.records,
                 (Records{{"id", "name"}, {"1", "Caf\xC3\xA9"}, {"2", "M\xC3\xBCller"}}));
        QCOMPARE(rb.raws[1], std::string("1,Caf\xC3\xA9"));
        // Forced Latin-1 converts even bytes that happen to form valid UTF-8.
        const ReadBack forced =
            readAll(write("forced.csv", "x\n\xC3\xA9\n"), ",", 0, TextEncoding::Latin1);
        QCOMPARE(forced.records[1][0], std::string("\xC3\x83\xC2\xA9"));
    }

    void invalidUtf8LaterInAUtf8File() {
        // The first 16-byte block holds valid UTF-8 (é), so the file is UTF-8; the invalid
        // record (a lone Latin-1 byte) is converted on its own, the others are left alone.
        QByteArray text = "id,name\n1,Caf\xC3\xA9\n";
        text += "2,plain ascii text\n3,na\xEFve\n4,\xC3\xBC\n";
        const ReadBack rb = readAll(write("mixed.csv", text), ",", 16);
        QVERIFY(rb.error.empty());
        QCOMPARE(rb.encoding, TextEncoding::Utf8);
        QCOMPARE(rb.records[1][1], std::string("Caf\xC3\xA9"));
        QCOMPARE(rb.records[3][1], std::string("na\xC3\xAFve"));
        QCOMPARE(rb.records[4][1], std::string("\xC3\xBC"));
        QCOMPARE(rb.lines, (Lines{1, 2, 3, 4, 5}));
        // Same bytes with a default (large) block: the first block is invalid -> Latin-1.
        const ReadBack whole = readAll(write("mixed2.csv", text));
        QCOMPARE(whole.encoding, TextEncoding::Latin1);
        QCOMPARE(whole.records[3][1], std::string("na\xC3\xAFve"));
        QCOMPARE(whole.records[1][1], std::string("Caf\xC3\x83\xC2\xA9"));
    }

    void asciiHeadThenLatin1SwitchesTheFile() {
        // Nothing but ASCII in the first block, then invalid UTF-8: the file is Latin-1.
        QByteArray text = "id,name\n1,abcdefghijklmnop\n2,\xE9t\xE9\n3,\xC3\xA9\n";
        const ReadBack rb = readAll(write("late.csv", text), ",", 16);
        QCOMPARE(rb.encoding, TextEncoding::Latin1);
        QCOMPARE(rb.records[2][1], std::string("\xC3\xA9t\xC3\xA9"));
        QCOMPARE(rb.records[3][1], std::string("\xC3\x83\xC2\xA9"));
    }

    void emptyAndHeaderOnlyFiles() {
        const ReadBack empty = readAll(write("empty.csv", ""));
        QVERIFY(empty.opened);
        QVERIFY(empty.records.empty());
        QVERIFY(empty.error.empty());
        QCOMPARE(empty.fileSize, 0);
        const ReadBack blanks = readAll(write("blanks.csv", "\n \r\n\t\r"));
        QVERIFY(blanks.records.empty());
        QVERIFY(blanks.error.empty());
        const ReadBack header = readAll(write("header.csv", "userId,movieId,rating\n"));
        QCOMPARE(header.records, (Records{{"userId", "movieId", "rating"}}));
    }

    void nulBytesMeanBinary() {
        const ReadBack rb = readAll(write("nul.csv", QByteArray("a,b\nc,d\ne\0f,g\n", 15)));
        QVERIFY(rb.binary);
        QCOMPARE(rb.records.size(), std::size_t(2));
        QCOMPARE(rb.error, std::string("file looks binary (NUL byte at line 3)"));
        QCOMPARE(rb.errorLine, 3);

        std::mt19937 rng(7);
        QByteArray noise(4096, '\0');
        for (auto& c : noise)
            c = char(rng() & 0xFF);
        noise[100] = '\0';
        const ReadBack bin = readAll(write("random.bin", noise));
        QVERIFY(bin.binary);
        QVERIFY2(
            QString::fromStdString(bin.error).startsWith("file looks binary (NUL byte at line "),
            bin.error.c_str());
        QVERIFY(bin.errorLine >= 1);
    }

    void controlCharactersMeanBinary() {
        QByteArray junk;
        for (int i = 0; i < 200; ++i)
            junk += char(1 + i % 8);
        const ReadBack rb = readAll(write("ctrl.bin", junk));
        QVERIFY(rb.binary);
        QVERIFY(rb.records.empty());
        QVERIFY(QString::fromStdString(rb.error).startsWith("file looks binary"));
    }

    void otherDelimiters_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("delimiter");
        QTest::newRow("double colon")
            << QByteArray("1::Star Wars: Episode IV (1977)::Action|Sci-Fi\n2:::b::c\n") << "::";
        QTest::newRow("tab") << QByteArray("1\tStar Wars: Episode IV (1977)\tAction|Sci-Fi\n"
                                           "2\t:b \t c\n")
                             << "\t";
        QTest::newRow("semicolon") << QByteArray("1;Star Wars: Episode IV (1977);Action|Sci-Fi\n"
                                                 "2; :b;c\n")
                                   << ";";
        QTest::newRow("pipe") << QByteArray("1|Star Wars: Episode IV (1977)|Action,Sci-Fi\n"
                                            "2|:b|c\n")
                              << "|";
    }
    void otherDelimiters() {
        QFETCH(QByteArray, text);
        QFETCH(QString, delimiter);
        const std::string d = delimiter.toStdString();
        for (std::size_t block : {std::size_t(0), std::size_t(4), std::size_t(9)}) {
            const ReadBack rb = readAll(write("delim.txt", text), d, block);
            QVERIFY2(rb.error.empty(), rb.error.c_str());
            QCOMPARE(rb.records.size(), std::size_t(2));
            QCOMPARE(rb.records[0][1], std::string("Star Wars: Episode IV (1977)"));
            QCOMPARE(rb.records[0][2], std::string(d == "|" ? "Action,Sci-Fi" : "Action|Sci-Fi"));
            QCOMPARE(rb.records[1], (std::vector<std::string>{"2", ":b", "c"}));
            QCOMPARE(rb.lines, (Lines{1, 2}));
        }
    }

    void doubleColonKeepsThirdField() {
        const ReadBack rb = readAll(write("dc.dat", "2::a:::b::c\n9::x:y::z:\n"), "::");
        QCOMPARE(rb.records, (Records{{"2", "a", ":b", "c"}, {"9", "x:y", "z:"}}));
    }

    void tabDelimiterKeepsTabsAsSeparators() {
        const ReadBack rb = readAll(write("tabs.tsv", " 1 \t\t 3\t\n"), "\t");
        QCOMPARE(rb.records, (Records{{"1", "", "3", ""}}));
    }

    void whitespaceIsTrimmedOutsideQuotes() {
        const ReadBack rb =
            readAll(write("ws.csv", "  1 ,\t2\t, \" x \" ,4 \n\"a\" tail ,b\"c ,\"\"\n"));
        QCOMPARE(rb.records, (Records{{"1", "2", " x ", "4"}, {"a tail", "b\"c", ""}}));
    }

    void raggedRowsAndEmptyFields() {
        const ReadBack rb = readAll(write("ragged.csv", "a,b,c\n1,2\n1,2,3,4\n,,\n5\n"));
        QCOMPARE(rb.records,
                 (Records{{"a", "b", "c"}, {"1", "2"}, {"1", "2", "3", "4"}, {"", "", ""}, {"5"}}));
        QCOMPARE(rb.lines, (Lines{1, 2, 3, 4, 5}));
    }

    void unterminatedQuoteNamesTheRecordLine() {
        const ReadBack rb = readAll(write("unterminated.csv", "a,b\n1,2\n3,\"abc\n4,5\n6,7\n"));
        QCOMPARE(rb.records, (Records{{"a", "b"}, {"1", "2"}}));
        QCOMPARE(rb.errorLine, 3);
        QVERIFY2(QString::fromStdString(rb.error).contains("starting at line 3"), rb.error.c_str());
        QVERIFY(QString::fromStdString(rb.error).contains("quote"));
    }

    void runawayQuoteIsBounded() {
        QByteArray text = "a,b\n1,\"";
        text += QByteArray(10000, 'x');
        text += "\n2,3\n";
        DelimitedReader r;
        r.setBlockSize(256);
        r.setMaxRecordBytes(2048);
        QVERIFY(r.open(rs::test::u8(write("runaway.csv", text)), CsvDialect{}));
        CsvRecord rec;
        QVERIFY(r.next(rec));
        QVERIFY(!r.next(rec));
        QVERIFY2(QString::fromStdString(r.error()).contains("no closing quote within"),
                 r.error().c_str());
        QCOMPARE(r.errorLine(), 2);
    }

    void veryLongFieldsLargerThanABlock() {
        // A 5 MB unquoted field and a 5 MB quoted field with a line break, default 4 MiB blocks.
        const QByteArray big(5 * 1000 * 1000, 'y');
        QByteArray text = "id,text\n1," + big + "\n2,\"" + big + "\n" + big + "\"\n3,end\n";
        const ReadBack rb = readAll(write("long.csv", text));
        QVERIFY2(rb.error.empty(), rb.error.c_str());
        QCOMPARE(rb.records.size(), std::size_t(4));
        QCOMPARE(rb.records[1][1].size(), std::size_t(big.size()));
        QCOMPARE(rb.records[2][1].size(), std::size_t(2 * big.size() + 1));
        QCOMPARE(rb.records[2][1][std::size_t(big.size())], '\n');
        QCOMPARE(rb.records[3], (std::vector<std::string>{"3", "end"}));
        QCOMPARE(rb.lines, (Lines{1, 2, 3, 5}));
        QVERIFY(rb.raws[1].size() <= 200 && rb.raws[1].size() >= 190);
    }

    void recordsStraddleTheDefaultBlockBoundary() {
        // Just over 4 MiB of 24-byte lines: some record is cut by the first block's end.
        const std::size_t block = DelimitedReader::kDefaultBlockSize;
        QByteArray text;
        text.reserve(qsizetype(block + 4096));
        int n = 0;
        while (std::size_t(text.size()) < block + 1000) {
            text += QByteArray::number(100000 + n) + ",4242,3.5,9649827" +
                    QByteArray::number(10 + n % 90) + "\r\n";
            ++n;
        }
        const ReadBack rb = readAll(write("straddle.csv", text));
        QVERIFY(rb.error.empty());
        QCOMPARE(int(rb.records.size()), n);
        for (int i = 0; i < n; ++i) {
            const auto& r = rb.records[std::size_t(i)];
            QCOMPARE(r.size(), std::size_t(4));
            QCOMPARE(r[0], std::to_string(100000 + i));
            QCOMPARE(r[3], "9649827" + std::to_string(10 + i % 90));
            QCOMPARE(rb.lines[std::size_t(i)], std::int64_t(i + 1));
        }
        QCOMPARE(rb.bytesRead, std::int64_t(text.size()));
    }

    void everyBlockSizeAgrees() {
        const QString path = write("mixed.csv", kMixed);
        const ReadBack ref = readAll(path, ";");
        QVERIFY2(ref.error.empty(), ref.error.c_str());
        const Records expected = {{"user", "item", "note"},         {"1", "10", "a;b"},
                                  {"2", "x\"y\"", "multi\r\nline"}, {"3", "", "trailing", ""},
                                  {"4", "q tail", "end"},           {"5", "caf\xC3\xA9", ""},
                                  {"6", "last", "no newline"}};
        QCOMPARE(ref.records, expected);
        QCOMPARE(ref.lines, (Lines{1, 2, 4, 6, 8, 9, 10}));
        for (std::size_t block = 4; block <= 96; ++block) {
            const ReadBack rb = readAll(path, ";", block);
            QVERIFY2(rb.error.empty(), rb.error.c_str());
            QCOMPARE(rb.records, ref.records);
            QCOMPARE(rb.lines, ref.lines);
            QCOMPARE(rb.raws, ref.raws);
            QCOMPARE(rb.bytesRead, std::int64_t(kMixed.size()));
        }
    }

    void randomTextAgreesAtEveryBlockSize() {
        // Random bytes from the characters that matter: whatever the reader makes of them, the
        // block size must never change it (records, lines, raw text, errors).
        std::mt19937 rng(2024);
        const char alphabet[] = {',',  ',', '"', '"', '\r', '\n', '\n', ' ',
                                 '\t', ':', ':', 'a', 'b',  'c',  '1',  '2'};
        for (int round = 0; round < 150; ++round) {
            QByteArray text;
            const int n = 20 + int(rng() % 200);
            for (int i = 0; i < n; ++i)
                text += alphabet[rng() % sizeof alphabet];
            const QString path = write("random.csv", text);
            for (const std::string delim : {",", "::"}) {
                const ReadBack ref = readAll(path, delim);
                for (std::size_t block : {4, 5, 7, 8, 13, 16, 17, 31, 64}) {
                    const ReadBack rb = readAll(path, delim, block);
                    if (rb.records != ref.records || rb.lines != ref.lines || rb.raws != ref.raws ||
                        rb.error != ref.error)
                        QFAIL(qPrintable(QString("block %1 differs for %2")
                                             .arg(block)
                                             .arg(QString::fromLatin1(text.toPercentEncoding()))));
                }
            }
        }
    }

    void rawIsTheRecordTextTruncated() {
        const QByteArray longLine = "1," + QByteArray(300, 'z') + "\xC3\xA9";
        const ReadBack rb = readAll(write("raw.csv", "a, b\n" + longLine + "\n"));
        QCOMPARE(rb.raws[0], std::string("a, b"));
        QCOMPARE(rb.raws[1], "1," + std::string(198, 'z'));
        // A cut never splits a UTF-8 character: bytes 199..200 hold one 'é', so the cut at 200
        // falls back to 199; one 'z' less and the 'é' fits exactly.
        const QByteArray e2 = "\xC3\xA9\xC3\xA9\n";
        const ReadBack u = readAll(write("rawu.csv", "1," + QByteArray(197, 'z') + e2));
        QCOMPARE(u.raws[0], "1," + std::string(197, 'z'));
        const ReadBack v = readAll(write("rawv.csv", "1," + QByteArray(196, 'z') + e2));
        QCOMPARE(v.raws[0], "1," + std::string(196, 'z') + "\xC3\xA9");
    }

    void missingFileAndDirectory() {
        DelimitedReader r;
        QVERIFY(!r.open(rs::test::u8(m_dir.filePath("nope.csv")), CsvDialect{}));
        QVERIFY(QString::fromStdString(r.error()).startsWith("cannot open"));
        QVERIFY(!r.open(rs::test::u8(m_dir.path()), CsvDialect{}));
        QVERIFY(QString::fromStdString(r.error()).contains("directory"));
        CsvRecord rec;
        QVERIFY(!r.next(rec));
    }

    void quoteCanBeDisabled() {
        DelimitedReader r;
        CsvDialect d;
        d.quote = '\0';
        QVERIFY(r.open(rs::test::u8(write("noquote.csv", "\"a,b\"\n")), d));
        CsvRecord rec;
        QVERIFY(r.next(rec));
        QCOMPARE(rec.fields.size(), std::size_t(2));
        QCOMPARE(std::string(rec.fields[0]), std::string("\"a"));
    }
};

QTEST_APPLESS_MAIN(TestDelimitedReader)
#include "tst_delimitedreader.moc"
