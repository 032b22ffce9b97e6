// Hostile text: a dataset name, item titles, genres and metadata column names full of quotes,
// semicolons, SQL, HTML, Mermaid syntax and control characters are stored verbatim (every
// statement binds them as parameters), read back equal, shown in the dataset list with control
// characters made visible, survive a rename, and are escaped in the HTML report, SVG charts and
// the Mermaid export so that parsing those gives the original text back.
#include "DatasetBrowserPage.h"
#include "DatasetFormat.h"
#include "DatasetListModel.h"
#include "DatasetSummaryView.h"
#include "InlineMessage.h"
#include "ItemsTableModel.h"
#include "JobRunner.h"
#include "PagedTableModel.h"
#include "TableBrowser.h"
#include "TestFiles.h"
#include "TrainRun.h"
#include "UiTestUtil.h"
#include "WorkspaceCheck.h"
#include "WorkspaceSession.h"
#include "compare/ComparisonReport.h"
#include "compare/RunComparison.h"
#include "compare/SvgChart.h"
#include "import/ImportJob.h"
#include "pipeline/MermaidParser.h"
#include "pipeline/MermaidWriter.h"
#include "pipeline/RunPipeline.h"
#include "store/DatasetQueries.h"
#include "store/DatasetStore.h"
#include "util/JsonReader.h"
#include "util/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QXmlStreamReader>
#include <QtTest>

using namespace rs;

namespace {

const std::string kName = "'; DROP TABLE ratings; -- <b>x</b> \"q\" \t\x01";
const std::string kRenamed = "Robert'); DELETE FROM datasets; --\n<script>alert(\"&amp;\")</script>"
                             " `tick` | -->\x1f end";

/// `s` as the HTML/SVG escaping shows it: control characters other than tab, line feed and
/// carriage return replaced by their control pictures (XML cannot carry them).
QString xmlVisible(const std::string& s) {
    QString out;
    for (const QChar c : QString::fromStdString(s)) {
        if ((c.unicode() < 0x20 && c != '\t' && c != '\n' && c != '\r'))
            out += QChar(char16_t(0x2400 + c.unicode()));
        else if (c.unicode() == 0x7f)
            out += QChar(char16_t(0x2421));
        else
            out += c;
    }
    return out;
}

/// Every text node of an XML document (empty list + failure when it is not well-formed).
QStringList xmlTexts(const QString& xml, QString* error) {
    QXmlStreamReader r(xml);
    QStringList texts;
    QString current;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isCharacters())
            current += r.text();
        else if ((r.isStartElement() || r.isEndElement()) && !current.isEmpty()) {
            texts << current;
            current.clear();
        }
    }
    if (r.hasError()) {
        *error = QStringLiteral("%1 at %2:%3")
                     .arg(r.errorString())
                     .arg(r.lineNumber())
                     .arg(r.columnNumber());
        return {};
    }
    return texts;
}

} // namespace

class TestHostile : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string m_path;
    std::int64_t m_dataset = 0, m_runA = 0, m_runB = 0;
    // Item metadata: header names and values with every kind of trouble (the CSV quotes them).
    const std::vector<std::string> m_extraColumns = {"we\"ird; <script>x</script>",
                                                     "a|b `c` -->\n&amp; \x02"};
    const std::vector<std::string> m_titles = {
        "Toy \"Story\"; DROP TABLE items; --", "<script>alert('x')</script> &amp; &lt;",
        "line one\nline two | pipe `tick` --> arrow", "ctrl \x01\x07\x1b[31m red \x7f del"};
    const std::vector<std::string> m_genres = {"Comedy|<b>Drama</b>", "';--", "\"|\"", "a\tb"};

    static QByteArray csvField(const std::string& s) {
        QByteArray f = QByteArray::fromStdString(s);
        f.replace("\"", "\"\"");
        return '"' + f + '"';
    }

private slots:
    void initTestCase() {
        rs::test::initUiTestEnvironment();
        m_path = m_dir.filePath("w.recscope").toStdString();
        QByteArray ratings = "userId,movieId,rating\n";
        for (int u = 1; u <= 60; ++u)
            for (int i = 1; i <= 4; ++i)
                if ((u + i) % 3 != 0)
                    ratings += QByteArray::number(u) + ',' + QByteArray::number(i) + ',' +
                               QByteArray::number(1 + (u * i) % 5) + '\n';
        QByteArray items = "movieId,title,genres," + csvField(m_extraColumns[0]) + ',' +
                           csvField(m_extraColumns[1]) + '\n';
        for (int i = 0; i < 4; ++i)
            items += QByteArray::number(i + 1) + ',' + csvField(m_titles[std::size_t(i)]) + ',' +
                     csvField(m_genres[std::size_t(i)]) + ',' +
                     csvField("x;" + m_titles[std::size_t(i)]) + ",\"" + QByteArray::number(i) +
                     "\"\n";
        ImportOptions o;
        o.datasetName = kName;
        o.ratingsPath = test::writeFile(m_dir, "r.csv", ratings).toStdString();
        o.itemsPath = test::writeFile(m_dir, "items.csv", items).toStdString();
        o.itemsDialect = CsvDialect{
            .delimiter = ",", .quote = '"', .hasHeader = true, .encoding = TextEncoding::Utf8};
        o.detectItemsDialect = false;
        o.itemColumns = ItemColumns{.id = 0, .title = 1, .genres = 2};
        Workspace ws(m_path);
        const ImportResult r = importRatings(ws, o, {});
        QVERIFY2(r.status == ImportStatus::Ok, r.error.c_str());
        QCOMPARE(r.itemsWithMetadata, 4);
        QCOMPARE(r.rejected, 0);
        m_dataset = r.datasetId;
    }

    void storedVerbatim() {
        Workspace ws(m_path);
        QCOMPARE(rs::test::workspaceProblems(ws), QString());
        DatasetStore store(ws);
        auto d = store.find(kName);
        QVERIFY(d);
        QCOMPARE(d->name, kName);
        QCOMPARE(d->extraItemColumns, m_extraColumns);
        // The SQL in the name did nothing: every table is there.
        QCOMPARE(ws.db().scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'ratings'"), 1);
        QVERIFY(d->numRatings > 0);
        DatasetQueries q(ws, m_dataset);
        const auto items = q.items({}, 0, 10);
        QCOMPARE(int(items.size()), 4);
        for (std::size_t i = 0; i < 4; ++i) {
            QCOMPARE(items[i].title, m_titles[i]);
            QCOMPARE(items[i].genres, m_genres[i]);
        }
        // The extra columns are JSON objects keyed by the hostile column names.
        auto st = ws.db().prepare("SELECT extra FROM items WHERE dataset_id = ? ORDER BY idx");
        st.bind(1, m_dataset);
        std::size_t i = 0;
        while (st.step()) {
            std::string error;
            const auto json = parseJson(st.text(0), error);
            QVERIFY2(json, error.c_str());
            const JsonValue* a = json->member(m_extraColumns[0]);
            const JsonValue* b = json->member(m_extraColumns[1]);
            QVERIFY(a && b);
            QCOMPARE(a->text, "x;" + m_titles[i]);
            QCOMPARE(b->text, std::to_string(i));
            ++i;
        }
        QCOMPARE(i, std::size_t(4));
        // Filtering by a hostile text is a bound LIKE pattern, not SQL.
        TableQuery f;
        f.filter = "DROP TABLE items; --";
        QCOMPARE(int(q.items(f, 0, 10).size()), 1);
        f.filter = "\"";
        QCOMPARE(int(q.items(f, 0, 10).size()), 2);
        f.filter = "%"; // LIKE wildcards in a filter are literal text
        QCOMPARE(int(q.items(f, 0, 10).size()), 0);
        // JSON output (the CLI's) carries the name exactly.
        JsonWriter w;
        w.beginObject().key("name").value(kName).key(m_extraColumns[1]).value(m_titles[3]);
        w.endObject();
        QJsonParseError pe;
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(w.str()), &pe);
        QCOMPARE(pe.error, QJsonParseError::NoError);
        QCOMPARE(doc.object()["name"].toString(), QString::fromStdString(kName));
        QCOMPARE(doc.object()[QString::fromStdString(m_extraColumns[1])].toString(),
                 QString::fromStdString(m_titles[3]));
    }

    void datasetListShowsNamesVisibly() {
        Workspace ws(m_path);
        ui::DatasetListModel model;
        model.setDatasets(DatasetStore(ws).list());
        const QModelIndex idx = model.index(model.rowOf(m_dataset));
        // Editing starts from the exact stored name; the list shows it on one line with its
        // control characters as visible pictures (U+2409 for the tab, U+2401 for \x01).
        QCOMPARE(idx.data(Qt::EditRole).toString(), QString::fromStdString(kName));
        const QString shown = idx.data(Qt::DisplayRole).toString();
        QCOMPARE(shown, ui::visibleText(QString::fromStdString(kName)));
        QVERIFY(shown.endsWith(QStringLiteral("\u2409\u2401")));
        QVERIFY(shown.startsWith(QStringLiteral("'; DROP TABLE ratings; -- <b>x</b> \"q\" ")));
        for (const QChar c : shown)
            QVERIFY(c.unicode() >= 0x20 && c.unicode() != 0x7f);
        QVERIFY(idx.data(Qt::ToolTipRole).toString().contains(shown));
    }

    void renameToAHostileName() {
        Workspace ws(m_path);
        DatasetStore store(ws);
        // Through the list model, as an edit in place does.
        ui::DatasetListModel model;
        model.setDatasets(store.list());
        QString requested;
        connect(&model, &ui::DatasetListModel::renameRequested, this,
                [&](qint64, const QString& name) { requested = name; });
        QVERIFY(
            model.setData(model.index(model.rowOf(m_dataset)), QString::fromStdString(kRenamed)));
        QCOMPARE(requested, QString::fromStdString(kRenamed));
        store.rename(m_dataset, requested.toStdString());
        QCOMPARE(store.get(m_dataset)->name, kRenamed);
        QVERIFY(store.find(kRenamed));
        QVERIFY(!store.find(kName));
        store.rename(m_dataset, kName);
        QCOMPARE(store.get(m_dataset)->name, kName);
        QCOMPARE(rs::test::workspaceProblems(ws), QString());
    }

    void browserPageShowsNamesAsText() {
        ui::WorkspaceSession session;
        ui::JobRunner jobs;
        QVERIFY(session.open(QString::fromStdString(m_path)).isEmpty());
        ui::DatasetBrowserPage page(session, jobs, nullptr);
        page.resize(1100, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        const QString name = QString::fromStdString(kName);
        QCOMPARE(page.datasetModel()->rowCount(), 1);
        auto* list = page.findChild<QListView*>();
        QVERIFY(list && list->model() == page.datasetModel());
        QCOMPARE(list->model()->index(0, 0).data().toString(), ui::visibleText(name));
        // The summary's title is the name as plain text, not markup ("<b>x</b>" stays text).
        auto* title = page.summaryView()->findChild<QLabel*>(QStringLiteral("summaryTitle"));
        QVERIFY(title);
        QTRY_COMPARE(title->text(), ui::visibleText(name));
        QCOMPARE(title->textFormat(), Qt::PlainText);
        // The items table: each title and genre on one line with its control characters
        // visible; the raw role is the stored text exactly.
        page.tabs()->setCurrentIndex(ui::DatasetBrowserPage::ItemsTab);
        ui::PagedTableModel* items = page.itemsBrowser()->model();
        QTRY_COMPARE(items->rowCount(), 4);
        for (int row = 0; row < 4; ++row) {
            const QModelIndex t = items->index(row, ui::ItemsTableModel::Title);
            QTRY_VERIFY(t.data(ui::PagedTableModel::RawRole).isValid());
            const QString stored = QString::fromStdString(m_titles[std::size_t(row)]);
            QCOMPARE(t.data(ui::PagedTableModel::RawRole).toString(), stored);
            QCOMPARE(t.data().toString(), ui::visibleText(stored));
            QCOMPARE(items->index(row, ui::ItemsTableModel::Genres).data().toString(),
                     ui::visibleText(QString::fromStdString(m_genres[std::size_t(row)])));
        }
        QVERIFY(items->index(2, ui::ItemsTableModel::Title)
                    .data()
                    .toString()
                    .contains(QStringLiteral("line one\u240Aline two")));
        // Renaming to a hostile name through the page (its job) stores it exactly.
        page.renameDataset(m_dataset, QString::fromStdString(kRenamed));
        QTRY_COMPARE(page.datasetModel()->index(0).data(Qt::EditRole).toString(),
                     QString::fromStdString(kRenamed));
        QVERIFY(page.message()->isHidden() || !page.message()->text().contains("Cannot"));
        QTRY_COMPARE(title->text(), ui::visibleText(QString::fromStdString(kRenamed)));
        {
            Workspace ws(m_path);
            QCOMPARE(DatasetStore(ws).get(m_dataset)->name, kRenamed);
        }
        page.renameDataset(m_dataset, name);
        QTRY_COMPARE(page.datasetModel()->index(0).data(Qt::EditRole).toString(), name);
        QTRY_COMPARE(jobs.runningCount(), 0);
        test::saveScreenshot(&page, QStringLiteral("hostile-dataset-items"));
    }

    void htmlReportAndSvgEscape() {
        test::TrainSpec spec;
        spec.model = "popularity";
        m_runA = test::trainRun(m_path, m_dataset, spec);
        spec.model = "biasedmf";
        spec.params = {{"factors", "3"}, {"epochs", "3"}};
        m_runB = test::trainRun(m_path, m_dataset, spec);
        QVERIFY(m_runA > 0 && m_runB > 0);
        Workspace ws(m_path);
        CompareOptions co;
        co.explainUsers = 5;
        const std::vector<std::int64_t> ids = {m_runA, m_runB};
        const ComparisonResult r = compareRuns(ws, ids, co);
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.datasetName, kName);
        const QString html = QString::fromStdString(comparisonHtml(r));
        // No markup from the name reached the page.
        QVERIFY(!html.contains(QStringLiteral("<b>x</b>")));
        // The title and heading read back as the name (control characters made visible).
        for (const QString& tag : {QStringLiteral("title"), QStringLiteral("h1")}) {
            const qsizetype from = html.indexOf('<' + tag + '>');
            const qsizetype to = html.indexOf("</" + tag + '>', from);
            QVERIFY(from >= 0 && to > from);
            QString error;
            const QStringList texts = xmlTexts(html.mid(from, to - from + tag.size() + 3), &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(texts, QStringList{"RecScope comparison: " + xmlVisible(kName)});
        }
        // Every embedded chart is well-formed XML.
        int charts = 0;
        for (qsizetype at = html.indexOf("<svg"); at >= 0; at = html.indexOf("<svg", at + 1)) {
            const qsizetype end = html.indexOf("</svg>", at);
            QVERIFY(end > at);
            QString error;
            xmlTexts(html.mid(at, end - at + 6), &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            ++charts;
        }
        QVERIFY(charts > 0);

        // Charts with hostile titles, categories, series names and axis labels.
        BarChart bar;
        bar.title = kName;
        bar.categories = {m_titles[0], m_titles[3]};
        bar.series = {{kRenamed, {1.0, 2.0}}, {m_extraColumns[1], {0.5, 0.25}}};
        ScatterChart scatter;
        scatter.title = m_titles[1];
        scatter.xLabel = kName;
        scatter.yLabel = m_extraColumns[0];
        scatter.x = {0.1, 0.2};
        scatter.y = {0.3, 0.1};
        const std::vector<std::pair<std::string, std::vector<std::string>>> charts2 = {
            {svgBarChart(bar), {kName, m_titles[0], m_titles[3], kRenamed, m_extraColumns[1]}},
            {svgScatterChart(scatter), {m_titles[1], kName, m_extraColumns[0]}}};
        for (const auto& [svg, expected] : charts2) {
            QString error;
            const QStringList texts = xmlTexts(QString::fromStdString(svg), &error);
            QVERIFY2(error.isEmpty(), qPrintable(error + "\n" + QString::fromStdString(svg)));
            for (const std::string& s : expected)
                QVERIFY2(texts.contains(xmlVisible(s)),
                         qPrintable("not shown verbatim: " + xmlVisible(s) +
                                    "\nin: " + texts.join(" | ")));
        }
    }

    void mermaidExportParsesBackToTheName() {
        Workspace ws(m_path);
        std::string error;
        const auto graph = pipelineForRun(ws, m_runB, error);
        QVERIFY2(graph, error.c_str());
        const StageNode* load = graph->find("load");
        QVERIFY(load);
        std::string stored;
        for (const auto& [k, v] : load->params)
            if (k == "dataset")
                stored = v;
        QCOMPARE(stored, kName);
        for (const FlowDirection dir : {FlowDirection::TopDown, FlowDirection::LeftRight}) {
            for (const bool payload : {true, false}) {
                const std::string text =
                    writeMermaid(*graph, {.direction = dir, .payload = payload});
                // The name's markup and Mermaid syntax are escaped, not written raw.
                QVERIFY(text.find("<b>") == std::string::npos);
                QVERIFY(text.find("\x01") == std::string::npos);
                const MermaidParseResult parsed = parseMermaid(text);
                QVERIFY2(parsed.ok(), parsed.error.c_str());
                const StageNode* back = parsed.graph->find("load");
                QVERIFY(back);
                std::string name;
                for (const auto& [k, v] : back->params)
                    if (k == "dataset")
                        name = v;
                QCOMPARE(name, kName);
                if (payload)
                    QVERIFY(*parsed.graph == *graph);
            }
        }
    }

    void removingTheDatasetLeavesNothingBehind() {
        Workspace ws(m_path);
        // Its two runs have stored pipelines (and could have layouts): all go with it.
        QVERIFY(ws.db().scalarInt("SELECT count(*) FROM run_pipelines") >= 2);
        DatasetStore(ws).remove(m_dataset);
        QVERIFY(!DatasetStore(ws).find(kName));
        QCOMPARE(rs::test::workspaceProblems(ws), QString());
        for (const char* table : {"ratings", "users", "items", "runs", "splits", "model_params",
                                  "run_pipelines", "run_layouts", "run_epochs"})
            QCOMPARE(ws.db().scalarInt(std::string("SELECT count(*) FROM ") + table), 0);
    }
};

QTEST_MAIN(TestHostile)
#include "tst_hostile.moc"
