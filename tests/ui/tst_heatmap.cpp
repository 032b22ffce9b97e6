// The evidence heatmap (issue 5): a 500 x 100 constructed grid in the real widget driven by Qt
// Test (tooltips, hover, click, drag, keys, zoom, sorting, filtering), its colour maps, the
// repaint time, and the PNG/SVG/CSV exports; then the Heatmaps page end to end on two runs
// trained here (biasedmf and itemknn): one user's grid against the explainer, and a comparison.
#include "AppSettings.h"
#include "ColorMap.h"
#include "DatasetFormat.h"
#include "EvidenceBarList.h"
#include "EvidenceListModel.h"
#include "HeatmapPage.h"
#include "HeatmapWidget.h"
#include "ImportWizard.h"
#include "InlineMessage.h"
#include "MainWindow.h"
#include "PageHost.h"
#include "UiTestUtil.h"
#include "WhyDock.h"
#include "WhyPanel.h"
#include "WhyPanels.h"

#include "import/ImportJob.h"
#include "models/Nais.h"
#include "models/Rng.h"
#include "store/Workspace.h"
#include "train/RunContext.h"
#include "train/TrainingJob.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QHelpEvent>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolTip>
#include <QTreeView>
#include <QWheelEvent>
#include <QtTest/QtTest>
#include <algorithm>
#include <cmath>
#include <ctime>

using namespace rs::ui;

namespace {

constexpr int kRows = 500, kColumns = 100;
const char* const kGenres[] = {"Drama", "Comedy|Romance", "Action|Sci-Fi", "Animation"};

/// Rows: history items 1000 + r ("History item r", rating 0.5..5, time 10^9 + 7919 r mod
/// 500,000). Columns: items c ("Recommended c", rank c + 1). Values: uniform in [-1, 1] with
/// a few zeros. Row 0's title has a comma and quotes (for the CSV quoting).
rs::EvidenceGrid makeGrid(std::uint64_t seed) {
    rs::Rng rng(seed);
    rs::EvidenceGrid g;
    g.model = "test-model";
    g.userId = "42";
    g.method = rs::EvidenceMethod::ExactTerms;
    for (int r = 0; r < kRows; ++r) {
        rs::EvidenceRow row;
        row.item = std::uint32_t(1000 + r);
        row.itemId = "h" + std::to_string(r);
        row.title = r == 0 ? "Item, with \"quotes\"" : "History item " + std::to_string(r);
        row.genres = kGenres[r % 4];
        row.rating = float(1 + r % 10) / 2.0f;
        row.timestamp = 1'000'000'000 + (std::int64_t(r) * 7919) % 500'000;
        row.hasTimestamp = true;
        g.rows.push_back(row);
    }
    for (int c = 0; c < kColumns; ++c) {
        rs::EvidenceColumn col;
        col.item = std::uint32_t(c);
        col.itemId = "c" + std::to_string(c);
        col.title = "Recommended " + std::to_string(c);
        col.genres = kGenres[(c + 1) % 4];
        col.rank = c + 1;
        col.score = 5.0 - 0.01 * c;
        g.columns.push_back(col);
    }
    for (int k = 0; k < kRows * kColumns; ++k)
        g.values.push_back(k % 17 == 0 ? 0.0 : 2.0 * rng.uniform() - 1.0);
    g.signedValues = true;
    return g;
}

double rowTotal(const rs::EvidenceGrid& g, int r) {
    double t = 0;
    for (int c = 0; c < kColumns; ++c)
        t += std::abs(g.value(std::size_t(r), std::size_t(c)));
    return t;
}

QString exact(double v) {
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

/// CPU time of the calling thread in milliseconds.
double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

QPoint centre(const QRectF& r) {
    return r.center().toPoint();
}

} // namespace

class TestHeatmap : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<HeatmapWidget> m_map;
    rs::EvidenceGrid m_grid;

private slots:
    void initTestCase() {
        rs::test::initUiTestEnvironment();
        QVERIFY(m_dir.isValid());
        m_grid = makeGrid(5);
        m_map = std::make_unique<HeatmapWidget>();
        m_map->resize(1200, 800);
        m_map->setGrid(m_grid, QStringLiteral("contribution"));
        m_map->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_map.get()));
    }

    void colourMapsAreOrdered() {
        // Sequential: lightness rises monotonically from dark violet to yellow.
        const auto& seq = ColorMap::sequential().table();
        for (std::size_t i = 1; i < seq.size(); ++i)
            QVERIFY2(ColorMap::lightness(seq[i]) > ColorMap::lightness(seq[i - 1]) - 1e-3,
                     qPrintable(QString::number(i)));
        QVERIFY(ColorMap::lightness(seq.back()) - ColorMap::lightness(seq.front()) > 0.5);
        QCOMPARE(seq.front(), qRgb(0x44, 0x01, 0x54));
        QCOMPARE(seq.back(), qRgb(0xfd, 0xe7, 0x25));
        // Diverging: white-ish in the middle, blue below, red above, same lightness either side.
        const auto& div = ColorMap::diverging();
        QVERIFY(ColorMap::lightness(div.at(0.5)) > 0.95);
        QVERIFY(qBlue(div.at(0.0)) > qRed(div.at(0.0)));
        QVERIFY(qRed(div.at(1.0)) > qBlue(div.at(1.0)));
        for (int k = 0; k <= 10; ++k) {
            const double below = ColorMap::lightness(div.at(0.5 - k * 0.05));
            const double above = ColorMap::lightness(div.at(0.5 + k * 0.05));
            QVERIFY(std::abs(below - above) < 0.01);
            if (k > 0)
                QVERIFY(below < ColorMap::lightness(div.at(0.5 - (k - 1) * 0.05)));
        }
        // The widget's scale: signed values -> diverging, symmetric around 0.
        const auto& content = m_map->content();
        QCOMPARE(int(content.colorKind()), int(ColorMap::Kind::Diverging));
        QCOMPARE(content.low(), -content.high());
        QCOMPARE(content.colorOf(0.0), div.at(0.5));
    }

    void tooltipNamesTheCell() {
        m_map->setRowSort(HeatmapWidget::RowSort::History);
        m_map->setColumnSort(HeatmapWidget::ColumnSort::Given);
        const int r = 3, c = 5;
        QWidget* vp = m_map->viewport();
        const QPoint pos = centre(m_map->cellRect(r, c));
        QCOMPARE(m_map->cellAt(pos), QPoint(c, r));
        const QString text = m_map->toolTipAt(pos);
        QVERIFY2(text.contains(QStringLiteral("History item: History item 3 [h3]")),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Genres: Animation")));
        QVERIFY(text.contains(QStringLiteral("User's rating: ") + formatRating(2.0)));
        QVERIFY(text.contains(QStringLiteral("Recommended #6: Recommended 5 [c5]")));
        QVERIFY(text.contains(QStringLiteral("Genres: Action|Sci-Fi")));
        QVERIFY2(text.contains(QStringLiteral("Contribution: ") + exact(m_grid.value(3, 5))),
                 qPrintable(text));
        // A real tooltip event shows that text.
        QHelpEvent help(QEvent::ToolTip, pos, vp->mapToGlobal(pos));
        QApplication::sendEvent(vp, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), text);
        QToolTip::hideText();
        // Hovering highlights that row and column.
        QTest::mouseMove(vp, pos);
        QTRY_COMPARE(m_map->hoveredCell(), QPoint(c, r));
    }

    void clickActivatesTheCell() {
        QSignalSpy spy(m_map.get(), &HeatmapWidget::cellActivated);
        const QPoint pos = centre(m_map->cellRect(7, 2));
        QTest::mouseClick(m_map->viewport(), Qt::LeftButton, {}, pos);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<quint32>(), quint32(1007));
        QCOMPARE(spy.at(0).at(1).value<quint32>(), quint32(2));
        QCOMPARE(m_map->currentCell(), QPoint(2, 7));
    }

    void dragPansWithoutActivating() {
        QSignalSpy spy(m_map.get(), &HeatmapWidget::cellActivated);
        m_map->horizontalScrollBar()->setValue(0);
        m_map->verticalScrollBar()->setValue(0);
        QWidget* vp = m_map->viewport();
        const QPoint start = centre(m_map->cellRect(20, 20));
        QTest::mousePress(vp, Qt::LeftButton, {}, start);
        QTest::mouseMove(vp, start - QPoint(30, 40));
        QTest::mouseMove(vp, start - QPoint(60, 80));
        QTest::mouseRelease(vp, Qt::LeftButton, {}, start - QPoint(60, 80));
        QCOMPARE(m_map->horizontalScrollBar()->value(), 60);
        QCOMPARE(m_map->verticalScrollBar()->value(), 80);
        QCOMPARE(spy.count(), 0);
        m_map->horizontalScrollBar()->setValue(0);
        m_map->verticalScrollBar()->setValue(0);
    }

    void keyboardMovesTheCurrentCell() {
        m_map->setFocus();
        m_map->setCurrentCell(0, 0);
        QTest::keyClick(m_map.get(), Qt::Key_Right);
        QTest::keyClick(m_map.get(), Qt::Key_Right);
        QTest::keyClick(m_map.get(), Qt::Key_Down);
        QCOMPARE(m_map->currentCell(), QPoint(2, 1));
        QTest::keyClick(m_map.get(), Qt::Key_Up);
        QTest::keyClick(m_map.get(), Qt::Key_Up); // stays on the first row
        QCOMPARE(m_map->currentCell(), QPoint(2, 0));
        QSignalSpy spy(m_map.get(), &HeatmapWidget::cellActivated);
        QTest::keyClick(m_map.get(), Qt::Key_Return);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<quint32>(), quint32(1000));
        QCOMPARE(spy.at(0).at(1).value<quint32>(), quint32(2));
        // End goes to the last column and scrolls it into view.
        QTest::keyClick(m_map.get(), Qt::Key_End);
        QCOMPARE(m_map->currentCell(), QPoint(kColumns - 1, 0));
        QVERIFY(m_map->horizontalScrollBar()->value() > 0);
        const QRectF last = m_map->cellRect(0, kColumns - 1);
        QVERIFY(m_map->viewport()->rect().contains(last.toRect()));
        // Page down moves many rows; Ctrl+Home returns to the corner.
        QTest::keyClick(m_map.get(), Qt::Key_PageDown);
        QVERIFY(m_map->currentCell().y() > 10);
        QTest::keyClick(m_map.get(), Qt::Key_Home, Qt::ControlModifier);
        QCOMPARE(m_map->currentCell(), QPoint(0, 0));
        QCOMPARE(m_map->verticalScrollBar()->value(), 0);
    }

    void zoomWithKeysAndCtrlWheel() {
        m_map->setZoom(1.0);
        QTest::keyClick(m_map.get(), Qt::Key_Plus);
        QCOMPARE(m_map->zoom(), 1.25);
        QTest::keyClick(m_map.get(), Qt::Key_Minus);
        QCOMPARE(m_map->zoom(), 1.0);
        QWidget* vp = m_map->viewport();
        const QPoint at = centre(m_map->cellRect(4, 4));
        const QPoint cellBefore = m_map->cellAt(at);
        QWheelEvent wheel(at, vp->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::ControlModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(vp, &wheel);
        QCOMPARE(m_map->zoom(), 1.25);
        QCOMPARE(m_map->cellAt(at), cellBefore); // zoomed around the cursor
        // A plain wheel scrolls instead.
        const int before = m_map->verticalScrollBar()->value();
        QWheelEvent scroll(at, vp->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                           Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(vp, &scroll);
        QCOMPARE(m_map->zoom(), 1.25);
        QVERIFY(m_map->verticalScrollBar()->value() > before);
        m_map->zoomToFit();
        QVERIFY(m_map->cellSize() * kRows <= m_map->viewport()->height());
        m_map->setZoom(1.0);
    }

    void sortingAndFiltering() {
        m_map->setRowSort(HeatmapWidget::RowSort::Total);
        const auto& content = m_map->content();
        QCOMPARE(content.rowCount(), kRows);
        int best = 0;
        for (int r = 1; r < kRows; ++r)
            if (rowTotal(m_grid, r) > rowTotal(m_grid, best))
                best = r;
        QCOMPARE(content.rowOrder().front(), best);
        QCOMPARE(content.row(0).item, quint32(1000 + best));
        for (int d = 1; d < kRows; ++d)
            QVERIFY(rowTotal(m_grid, content.rowOrder()[d - 1]) >=
                    rowTotal(m_grid, content.rowOrder()[d]));
        // The top cell on screen now shows the largest row.
        const QString tip = m_map->toolTipAt(centre(m_map->cellRect(0, 0)));
        QVERIFY(tip.contains(QStringLiteral("[h%1]").arg(best)));

        m_map->setRowSort(HeatmapWidget::RowSort::Time);
        for (int d = 1; d < kRows; ++d)
            QVERIFY(content.row(d - 1).timestamp >= content.row(d).timestamp);
        m_map->setRowSort(HeatmapWidget::RowSort::Title);
        for (int d = 1; d < kRows; ++d)
            QVERIFY(QString::compare(QString::fromStdString(content.row(d - 1).title),
                                     QString::fromStdString(content.row(d).title),
                                     Qt::CaseInsensitive) <= 0);
        m_map->setRowSort(HeatmapWidget::RowSort::Genre);
        QCOMPARE(QString::fromStdString(content.row(0).genres), QStringLiteral("Action|Sci-Fi"));
        QCOMPARE(QString::fromStdString(content.row(kRows - 1).genres), QStringLiteral("Drama"));

        m_map->setColumnSort(HeatmapWidget::ColumnSort::Total);
        for (int d = 1; d < kColumns; ++d) {
            double a = 0, b = 0;
            for (int r = 0; r < kRows; ++r) {
                a += std::abs(m_grid.value(r, content.columnOrder()[d - 1]));
                b += std::abs(m_grid.value(r, content.columnOrder()[d]));
            }
            QVERIFY(a >= b);
        }
        m_map->setColumnSort(HeatmapWidget::ColumnSort::Given);
        QCOMPARE(content.column(0).rank, 1);

        // "item 12" matches the titles of rows 12 and 120..129 (not "item 212").
        m_map->setRowFilter(QStringLiteral("item 12"));
        QCOMPARE(content.rowCount(), 1 + 10);
        m_map->setRowFilter(QStringLiteral("h49"));
        QCOMPARE(content.rowCount(), 1 + 10); // h49, h490..h499 (by id)
        m_map->setRowFilter(QStringLiteral("ANIMATION"));
        QCOMPARE(content.rowCount(), kRows / 4);
        m_map->setRowFilter(QString());
        QCOMPARE(content.rowCount(), kRows);
        m_map->setRowSort(HeatmapWidget::RowSort::History);
    }

    void repaintIsFast() {
        // Zoom 1 (16 px cells: a window of the grid) and fitted (every cell visible).
        for (bool fit : {false, true}) {
            if (fit)
                m_map->zoomToFit();
            else
                m_map->setZoom(1.0);
            QElapsedTimer build;
            build.start();
            m_map->setGrid(m_grid); // the cell image is rebuilt on the next paint
            m_map->viewport()->repaint();
            const double firstMs = double(build.nsecsElapsed()) / 1e6;
            constexpr int kRepaints = 30;
            QElapsedTimer t;
            t.start();
            const double cpu0 = threadCpuMs();
            double maxMs = 0;
            for (int k = 0; k < kRepaints; ++k) {
                m_map->verticalScrollBar()->setValue(k * 3);
                m_map->viewport()->repaint();
                maxMs = std::max(maxMs, m_map->lastPaintMs());
            }
            const double meanMs = double(t.nsecsElapsed()) / 1e6 / kRepaints;
            const double cpuMs = (threadCpuMs() - cpu0) / kRepaints;
            qInfo("repaint %d x %d cells, %s (cell %.1f px, viewport %dx%d): first paint with "
                  "image rebuild %.2f ms, then mean %.2f ms wall (%.2f ms CPU of the UI "
                  "thread), max paint %.2f ms",
                  m_map->content().rowCount(), m_map->content().columnCount(),
                  fit ? "fitted" : "zoom 1", m_map->cellSize(), m_map->viewport()->width(),
                  m_map->viewport()->height(), firstMs, meanMs, cpuMs, maxMs);
            // Bound the UI thread's own work: wall time also counts other processes' load.
            QVERIFY2(cpuMs < 30.0, qPrintable(QString::number(cpuMs)));
        }
        m_map->setZoom(1.0);
        m_map->verticalScrollBar()->setValue(0);
    }

    void screenshots() {
        m_map->setCurrentCell(2, 3);
        QTest::mouseMove(m_map->viewport(), centre(m_map->cellRect(6, 8)));
        rs::test::saveScreenshot(m_map.get(), QStringLiteral("heatmap-widget-signed"));
        rs::EvidenceGrid shares = rs::evidenceShares(m_grid);
        m_map->setGrid(shares, QStringLiteral("evidence share"));
        QCOMPARE(int(m_map->content().colorKind()), int(ColorMap::Kind::Sequential));
        QCOMPARE(m_map->content().low(), 0.0);
        rs::test::saveScreenshot(m_map.get(), QStringLiteral("heatmap-widget-weights"));
        m_map->setGrid(m_grid, QStringLiteral("contribution"));
    }

    void exports() {
        m_map->setRowSort(HeatmapWidget::RowSort::History);
        const QString png = m_dir.filePath(QStringLiteral("h.png"));
        const QString svg = m_dir.filePath(QStringLiteral("h.svg"));
        const QString csv = m_dir.filePath(QStringLiteral("h.csv"));
        QString error;
        QVERIFY2(m_map->exportPng(png, &error), qPrintable(error));
        QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), HeatmapPainter::fullSize(m_map->content(), 16.0));
        // The exported image holds every cell: the last one's colour is the value's.
        HeatmapFrame whole;
        whole.size = image.size();
        const HeatmapGeometry g = HeatmapPainter::geometry(m_map->content(), whole);
        const QPoint lastCell(g.cells.left() + int((kColumns - 0.5) * 16),
                              g.cells.top() + int((kRows - 0.5) * 16));
        QCOMPARE(image.pixel(lastCell) & 0xffffff,
                 m_map->content().colorOf(m_grid.value(kRows - 1, kColumns - 1)) & 0xffffff);

        QVERIFY2(m_map->exportSvg(svg, &error), qPrintable(error));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgText = svgFile.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains("Recommended 0"));

        QVERIFY2(m_map->exportCsv(csv, &error), qPrintable(error));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines =
            QString::fromUtf8(csvFile.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), kRows + 1);
        const QStringList header = lines[0].split(QLatin1Char(','));
        QCOMPARE(header.size(), 3 + kColumns);
        QCOMPARE(header[3], QStringLiteral("c0: Recommended 0"));
        // Row 0's title is quoted (comma and doubled quotes); the others split plainly.
        QVERIFY(lines[1].startsWith(QStringLiteral("h0,\"Item, with \"\"quotes\"\"\",0.5,")));
        for (int r = 2; r <= kRows; ++r) {
            const QStringList fields = lines[r].split(QLatin1Char(','));
            QCOMPARE(fields.size(), 3 + kColumns);
            QCOMPARE(fields[0], QStringLiteral("h%1").arg(r - 1));
            QCOMPARE(fields[3 + 7].toDouble(), m_grid.value(std::size_t(r - 1), 7));
        }
        // A filter exports only the rows shown.
        m_map->setRowFilter(QStringLiteral("Animation"));
        QVERIFY(m_map->exportCsv(csv, &error));
        QFile again(csv);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(again.readAll().count('\n'), kRows / 4 + 1);
        m_map->setRowFilter(QString());
    }

    // End to end: a workspace with a small generated dataset, two trained runs, the page in
    // the main window, one user's heatmap and a comparison of the two models.
    void pageShowsAndComparesTrainedRuns() {
        const QString wsPath = m_dir.filePath(QStringLiteral("e2e.recscope"));
        qint64 mfRun = 0, knnRun = 0, naisRun = 0;
        {
            rs::Workspace ws(wsPath.toStdString());
            QByteArray ratings = "user,item,rating,timestamp\n";
            QByteArray items = "item,title,genres\n";
            const char* genres[] = {"Drama", "Comedy", "Action|Thriller", "Animation|Children"};
            for (int i = 0; i < 80; ++i)
                items += QByteArray::number(i) + ",Film " + QByteArray::number(i) + " (" +
                         QByteArray::number(1990 + i % 30) + ")," + genres[i % 4] + '\n';
            rs::Rng rng(11);
            for (int u = 0; u < 120; ++u)
                for (int i = 0; i < 80; ++i) {
                    if (rng.below(4) != 0)
                        continue;
                    const bool likes = (u % 4) == (i % 4);
                    const int r = likes ? 4 + int(rng.below(2)) : 1 + int(rng.below(3));
                    ratings += QByteArray::number(u) + ',' + QByteArray::number(i) + ',' +
                               QByteArray::number(r) + ',' +
                               QByteArray::number(1'500'000'000 + u * 1000 + i * 7) + '\n';
                }
            rs::ImportOptions o;
            o.datasetName = "planted";
            o.ratingsPath = rs::test::writeFile(m_dir, "r.csv", ratings).toStdString();
            o.itemsPath = rs::test::writeFile(m_dir, "items.csv", items).toStdString();
            const auto imported = rs::importRatings(ws, o, {});
            QVERIFY2(imported.status == rs::ImportStatus::Ok, imported.error.c_str());
            auto train = [&](const std::string& model,
                             std::vector<std::pair<std::string, std::string>> params) {
                rs::TrainingRequest req;
                req.datasetId = imported.datasetId;
                req.model = model;
                req.params = std::move(params);
                req.split = "random:0.2:seed=1";
                const auto out = rs::runTraining(ws, req, {});
                if (out.status != rs::TrainingStatus::Done)
                    qWarning("training %s failed: %s", model.c_str(), out.error.c_str());
                return qint64(out.run.id);
            };
            mfRun = train("biasedmf", {{"factors", "8"}, {"epochs", "15"}});
            knnRun = train("itemknn", {{"k", "20"}});
            naisRun = train("nais", {{"factors", "8"}, {"attention", "8"}, {"epochs", "6"}});
            QVERIFY(mfRun > 0 && knnRun > 0 && naisRun > 0);
        }

        AppSettings settings(m_dir.filePath(QStringLiteral("s.ini")));
        MainWindow window(settings);
        QVERIFY(window.openWorkspace(wsPath).isEmpty());
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* page = window.findChild<HeatmapPage*>();
        QVERIFY(page);
        QVERIFY(window.pages()->showPage(QStringLiteral("heatmaps")));
        QTRY_COMPARE(page->runBox()->count(), 3);

        // One user's heatmap of the MF run.
        QVERIFY(page->selectRun(mfRun));
        page->setUserId(QStringLiteral("3"));
        page->setTopN(12);
        QSignalSpy finished(page, &HeatmapPage::heatmapFinished);
        QTest::mouseClick(page->showButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(page->message()->text()));
        QCOMPARE(page->cachedExplainers(), 1);

        // The grid is the explanations' evidence over the user's training history.
        rs::Workspace ws(wsPath.toStdString(), rs::Workspace::Mode::ReadOnly);
        std::string error;
        const auto ctx = rs::loadRunContext(ws, mfRun, error);
        QVERIFY2(ctx, error.c_str());
        const auto explainer = rs::makeExplainer(*ctx, error);
        QVERIFY2(explainer, error.c_str());
        const std::uint32_t user = std::uint32_t(ctx->userIndex("3"));
        const rs::EvidenceGrid& grid = page->heatmap(0)->grid();
        QCOMPARE(grid.user, user);
        QCOMPARE(grid.rowCount(), ctx->trainItems(user).size());
        const auto columns = rs::topColumns(*ctx, user, 12);
        QCOMPARE(grid.columnCount(), columns.size());
        rs::ExplainOptions options;
        options.counterfactual = false;
        for (std::size_t c = 0; c < columns.size(); c += 5) {
            QCOMPARE(grid.columns[c].item, columns[c]);
            const rs::Explanation e = explainer->explain(user, columns[c], options);
            for (const rs::EvidenceItem& ev : e.evidence) {
                std::size_t r = 0;
                while (grid.rows[r].item != ev.item)
                    ++r;
                QVERIFY(std::abs(grid.value(r, c) - ev.contribution) <= 1e-9);
            }
        }
        QVERIFY(grid.rows.front().hasTimestamp); // rating times came from the workspace

        // Clicking a cell asks for the why panel of (run, user, column item).
        QSignalSpy activated(page, &HeatmapPage::cellActivated);
        HeatmapWidget* map = page->heatmap(0);
        QTest::mouseClick(map->viewport(), Qt::LeftButton, {}, centre(map->cellRect(1, 2)));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toLongLong(), mfRun);
        QCOMPARE(activated.at(0).at(1).value<quint32>(), user);
        QCOMPARE(activated.at(0).at(2).value<quint32>(), map->content().row(1).item);
        QCOMPARE(activated.at(0).at(3).value<quint32>(), map->content().column(2).item);
        // ... which the main window opens, with the clicked history row selected as evidence.
        QCOMPARE(window.whyPanels().docks().size(), 1);
        WhyPanel* why = window.whyPanels().docks().front()->primary();
        QCOMPARE(why->runId(), mfRun);
        QCOMPARE(why->user(), user);
        QCOMPARE(why->item(), map->content().column(2).item);
        QTRY_VERIFY_WITH_TIMEOUT(why->explanation().has_value(), 60000);
        const QModelIndex focused = why->evidence()->view()->currentIndex();
        QVERIFY(focused.isValid());
        QCOMPARE(why->evidence()->model()->row(focused.row()).item, map->content().row(1).item);
        QTest::qWait(50); // the focused row is scrolled into view on the next event loop pass
        QTreeView* evidenceView = why->evidence()->view();
        QVERIFY(
            evidenceView->viewport()->rect().contains(evidenceView->visualRect(focused).center()));
        rs::test::saveScreenshot(&window, QStringLiteral("heatmap-cell-why"));
        QTest::mouseMove(map->viewport(), centre(map->cellRect(4, 3)));
        rs::test::saveScreenshot(&window, QStringLiteral("heatmap-page-contribution"));

        page->setMode(HeatmapPage::Mode::Weight);
        QCOMPARE(int(map->content().colorKind()), int(ColorMap::Kind::Sequential));
        rs::test::saveScreenshot(&window, QStringLiteral("heatmap-page-weights"));
        page->setMode(HeatmapPage::Mode::Contribution);

        // Compare with the item-KNN run: same rows and columns, agreement per column.
        QVERIFY(page->setCompareRuns({knnRun}));
        QTest::mouseClick(page->showButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 120000);
        QVERIFY2(finished.at(1).at(0).toBool(), qPrintable(page->message()->text()));
        QCOMPARE(page->cachedExplainers(), 2);
        const rs::EvidenceGrid& a = page->heatmap(0)->grid();
        const rs::EvidenceGrid& b = page->heatmap(1)->grid();
        QCOMPARE(a.model, std::string("biasedmf"));
        QCOMPARE(b.model, std::string("itemknn"));
        QCOMPARE(a.rowCount(), b.rowCount());
        QCOMPARE(a.columnCount(), b.columnCount());
        for (std::size_t c = 0; c < a.columnCount(); ++c)
            QCOMPARE(a.columns[c].item, b.columns[c].item);
        QCOMPARE(page->heatmap(1)->content().rowOrder(), page->heatmap(0)->content().rowOrder());
        QVERIFY(page->heatmap(1)->isVisible());
        QVERIFY(page->heatmap(1)->content().hasAnnotation());
        const auto agreement = rs::columnAgreement(a, b);
        QCOMPARE(page->result().pairs.size(), std::size_t(1));
        for (std::size_t c = 0; c < agreement.size(); ++c) {
            const int shown = int(page->heatmap(1)->content().columnOrder().indexOf(int(c)));
            const double band = page->heatmap(1)->content().annotation(shown);
            QVERIFY(std::isnan(agreement[c]) ? std::isnan(band) : band == agreement[c]);
        }
        QVERIFY2(page->agreementLabel()->isVisible() &&
                     page->agreementLabel()->text().contains(QStringLiteral("mean ρ")),
                 qPrintable(page->agreementLabel()->text()));
        rs::test::saveScreenshot(&window, QStringLiteral("heatmap-page-compare"));

        // Another user reuses both explainers.
        page->setUserId(QStringLiteral("7"));
        QTest::mouseClick(page->showButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 120000);
        QVERIFY(finished.at(2).at(0).toBool());
        QCOMPARE(page->cachedExplainers(), 2);
        QCOMPARE(page->heatmap(0)->grid().userId, std::string("7"));
        // An unknown user is reported inline.
        page->setUserId(QStringLiteral("no-such-user"));
        QTest::mouseClick(page->showButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 4, 30000);
        QVERIFY(!finished.at(3).at(0).toBool());
        QVERIFY(page->message()->text().contains(QStringLiteral("no-such-user")));

        // NAIS next to the MF run: "Weight" shows the attention the model gave each rating.
        QVERIFY(page->selectRun(naisRun));
        QVERIFY(page->setCompareRuns({mfRun}));
        page->setUserId(QStringLiteral("3"));
        QTest::mouseClick(page->showButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 5, 120000);
        QVERIFY2(finished.at(4).at(0).toBool(), qPrintable(page->message()->text()));
        QVERIFY(page->heatmap(0)->grid().hasAttention());
        QVERIFY(!page->heatmap(1)->grid().hasAttention());
        // The two runs share the width.
        QVERIFY2(std::abs(page->heatmap(0)->width() - page->heatmap(1)->width()) <= 8,
                 qPrintable(QStringLiteral("%1 vs %2")
                                .arg(page->heatmap(0)->width())
                                .arg(page->heatmap(1)->width())));
        page->setMode(HeatmapPage::Mode::Weight);
        QCOMPARE(page->heatmap(0)->content().valueLabel(), QStringLiteral("attention weight"));
        QCOMPARE(page->heatmap(1)->content().valueLabel(), QStringLiteral("evidence share"));
        const auto naisCtx = rs::loadRunContext(ws, naisRun, error);
        QVERIFY2(naisCtx, error.c_str());
        const auto& nais = dynamic_cast<const rs::Nais&>(*naisCtx->model);
        const rs::EvidenceGrid& weights = page->heatmap(0)->grid();
        QCOMPARE(weights.user, user);
        bool varied = false;
        for (std::size_t c = 0; c < weights.columnCount(); ++c) {
            const rs::NaisAttention att = nais.attention(user, weights.columns[c].item);
            for (std::size_t r = 0; r < weights.rowCount(); ++r) {
                double expected = 0;
                for (const rs::NaisAttentionEntry& en : att.entries)
                    if (en.item == weights.rows[r].item)
                        expected = en.weight;
                QVERIFY(std::abs(weights.value(r, c) - expected) <= 1e-6);
                varied |= std::abs(weights.value(r, c) - weights.value(0, c)) > 1e-4;
            }
        }
        QVERIFY2(varied, "every rating got the same attention");
        rs::test::saveScreenshot(&window, QStringLiteral("heatmap-nais-attention"));
        page->setMode(HeatmapPage::Mode::Contribution);
    }
};

QTEST_MAIN(TestHeatmap)
#include "tst_heatmap.moc"
