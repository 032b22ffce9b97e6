// Heatmap widget benchmark (issue 5): a 500 x 100 evidence grid in a HeatmapWidget on the
// offscreen platform. Times, over N repaints each (scrolling a little between them so every
// paint draws a fresh window of cells):
//   - repaint at zoom 1 (16 px cells) and fitted (every cell visible), wall ms per repaint
//     (median / p95 / max) and the UI thread's CPU ms;
//   - the first paint after setGrid (cell image rebuilt);
//   - hover: a mouse move onto a new cell until the highlighted repaint is done, and the
//     tooltip text for a cell (toolTipAt), median / p95 / max.
//
//   ui_bench_heatmap [--rows 500] [--columns 100] [--repaints 200] [--width 1200]
//                    [--height 800]
// Prints one JSON line.
#include "BenchCommon.h"
#include "HeatmapWidget.h"

#include "explain/EvidenceGrid.h"
#include "models/Rng.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QScrollBar>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

namespace {

double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

using bench::Stats;
using bench::statsOf;

rs::EvidenceGrid makeGrid(int rows, int columns) {
    const char* const genres[] = {"Drama", "Comedy|Romance", "Action|Sci-Fi", "Animation"};
    rs::Rng rng(7);
    rs::EvidenceGrid g;
    g.model = "bench";
    g.userId = "1";
    g.method = rs::EvidenceMethod::ExactTerms;
    for (int r = 0; r < rows; ++r) {
        rs::EvidenceRow row;
        row.item = std::uint32_t(100000 + r);
        row.itemId = std::to_string(100000 + r);
        row.title = "History item " + std::to_string(r) + " (1999)";
        row.genres = genres[r % 4];
        row.rating = float(1 + r % 10) / 2.0f;
        row.timestamp = 1'000'000'000 + r * 977;
        row.hasTimestamp = true;
        g.rows.push_back(row);
    }
    for (int c = 0; c < columns; ++c) {
        rs::EvidenceColumn col;
        col.item = std::uint32_t(c);
        col.itemId = std::to_string(c);
        col.title = "Recommended item " + std::to_string(c) + " (2004)";
        col.genres = genres[(c + 1) % 4];
        col.rank = c + 1;
        col.score = 5.0 - 0.01 * c;
        g.columns.push_back(col);
    }
    g.values.resize(std::size_t(rows) * std::size_t(columns));
    for (double& v : g.values)
        v = 2.0 * rng.uniform() - 1.0;
    g.signedValues = true;
    return g;
}

int intArg(int argc, char** argv, const char* name, int fallback) {
    for (int k = 1; k + 1 < argc; ++k)
        if (std::string(argv[k]) == name)
            return std::atoi(argv[k + 1]);
    return fallback;
}

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    const int rows = intArg(argc, argv, "--rows", 500);
    const int columns = intArg(argc, argv, "--columns", 100);
    const int repaints = std::max(1, intArg(argc, argv, "--repaints", 200));
    const int width = intArg(argc, argv, "--width", 1200);
    const int height = intArg(argc, argv, "--height", 800);

    rs::ui::HeatmapWidget map;
    map.resize(width, height);
    map.show();
    QApplication::processEvents();

    QElapsedTimer first;
    first.start();
    map.setGrid(makeGrid(rows, columns));
    map.viewport()->repaint();
    const double firstMs = double(first.nsecsElapsed()) / 1e6;

    std::printf("{\"rows\":%d,\"columns\":%d,\"viewport\":[%d,%d],\"first_paint_ms\":%.3f", rows,
                columns, map.viewport()->width(), map.viewport()->height(), firstMs);
    for (bool fit : {false, true}) {
        if (fit)
            map.zoomToFit();
        else
            map.setZoom(1.0);
        map.viewport()->repaint();
        std::vector<double> wall;
        const double cpu0 = threadCpuMs();
        for (int k = 0; k < repaints; ++k) {
            map.verticalScrollBar()->setValue((k * 7) % (map.verticalScrollBar()->maximum() + 1));
            QElapsedTimer t;
            t.start();
            map.viewport()->repaint();
            wall.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        const double cpu = (threadCpuMs() - cpu0) / repaints;
        const Stats s = statsOf(wall);
        std::printf(",\"%s\":{\"cell_px\":%.2f,\"repaint_ms\":{\"median\":%.3f,\"p95\":%.3f,"
                    "\"max\":%.3f},\"ui_cpu_ms_per_repaint\":%.3f}",
                    fit ? "fitted" : "zoom1", map.cellSize(), s.median, s.p95, s.max, cpu);
    }

    // Hover: move onto successive cells (the hovered row and column are highlighted) and
    // repaint; and the tooltip text of the cell under the mouse.
    map.setZoom(1.0);
    map.verticalScrollBar()->setValue(0);
    map.horizontalScrollBar()->setValue(0);
    map.viewport()->repaint();
    std::vector<double> hover, tooltip;
    for (int k = 0; k < repaints; ++k) {
        const QPoint at = map.cellRect(k % 20, (k * 3) % 20).center().toPoint();
        QElapsedTimer t;
        t.start();
        QMouseEvent move(QEvent::MouseMove, QPointF(at), map.viewport()->mapToGlobal(QPointF(at)),
                         Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(map.viewport(), &move);
        map.viewport()->repaint();
        hover.push_back(double(t.nsecsElapsed()) / 1e6);
        QElapsedTimer tt;
        tt.start();
        const QString text = map.toolTipAt(at);
        tooltip.push_back(double(tt.nsecsElapsed()) / 1e6);
        if (text.isEmpty()) {
            std::fprintf(stderr, "no tooltip at (%d, %d)\n", at.x(), at.y());
            return 1;
        }
    }
    const Stats h = statsOf(hover), tip = statsOf(tooltip);
    std::printf(",\"hover_repaint_ms\":{\"median\":%.3f,\"p95\":%.3f,\"max\":%.3f},"
                "\"tooltip_ms\":{\"median\":%.4f,\"p95\":%.4f,\"max\":%.4f}}\n",
                h.median, h.p95, h.max, tip.median, tip.p95, tip.max);
    return 0;
}
