// Embedding map benchmark (issue 6): N points in K clusters in an EmbeddingMap on the offscreen
// platform, sized and coloured as the Latent space page does. Times, over R repaints each:
//   - full redraw: the view changes (a tiny zoom), so every point is stamped into the cache;
//   - from cache: highlight groups (a user's rated items, the top-N), a selection of 2% of the
//     points and the marker change, drawn over the cached image;
//   - hover: the point under the mouse found through the grid (pointAt).
//
//   ui_bench_embeddingmap [--points 60000] [--clusters 20] [--repaints 50] [--width 900]
//                         [--height 700]
// Prints one JSON line (milliseconds).
#include "BenchCommon.h"
#include "EmbeddingMap.h"

#include "models/Rng.h"

#include <QApplication>
#include <QElapsedTimer>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace {

int intArg(int argc, char** argv, const char* name, int fallback) {
    for (int k = 1; k + 1 < argc; ++k)
        if (std::string(argv[k]) == name)
            return std::atoi(argv[k + 1]);
    return fallback;
}

} // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int n = intArg(argc, argv, "--points", 60000);
    const int clusters = std::max(1, intArg(argc, argv, "--clusters", 20));
    const int repaints = std::max(1, intArg(argc, argv, "--repaints", 50));
    rs::Rng rng(11);
    std::vector<rs::ui::MapPoint> points(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const int c = i % clusters;
        const double angle = 2 * M_PI * c / clusters;
        auto& p = points[std::size_t(i)];
        p.at = QPointF(30 * std::cos(angle) + rng.normal() * 4,
                       30 * std::sin(angle) + rng.normal() * 4);
        p.color = QColor::fromHsv((c * 360) / clusters, 200, 210);
        p.radius = float(1.6 + 3.0 * std::sqrt(rng.uniform()));
        p.label = QStringLiteral("point %1").arg(i);
    }
    rs::ui::EmbeddingMap map;
    map.resize(intArg(argc, argv, "--width", 900), intArg(argc, argv, "--height", 700));
    map.setPoints(std::move(points));
    map.setLegend(
        {{Qt::red, QStringLiteral("cluster A")}, {Qt::blue, QStringLiteral("cluster B")}});
    map.show();
    QApplication::processEvents();

    std::vector<double> full, cached, hover;
    for (int k = 0; k < repaints; ++k) {
        map.zoomBy(k % 2 ? 1.0001 : 1 / 1.0001, QPointF(450, 350));
        map.repaint();
        if (map.lastPaintRebuilt())
            full.push_back(map.lastPaintMs());
    }
    std::vector<int> rated, top, selection;
    for (int i = 0; i < n; i += 97)
        rated.push_back(i);
    for (int i = 0; i < 10; ++i)
        top.push_back(i * 13);
    for (int i = 0; i < n; i += 50)
        selection.push_back(i);
    for (int k = 0; k < repaints; ++k) {
        map.setHighlightGroup(0, k % 2 ? rated : std::vector<int>{k});
        map.setHighlightGroup(1, top, Qt::red);
        map.setSelection(k % 2 ? selection : std::vector<int>{});
        map.setMarker(QPointF(k * 0.1, 0), QStringLiteral("user 1"));
        map.repaint();
        if (!map.lastPaintRebuilt())
            cached.push_back(map.lastPaintMs());
    }
    for (int k = 0; k < 2000; ++k) {
        QElapsedTimer t;
        t.start();
        volatile int found =
            map.pointAt(QPointF(rng.uniform() * map.width(), rng.uniform() * map.height()));
        (void)found;
        hover.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    const bench::Stats f = bench::statsOf(full), c = bench::statsOf(cached),
                       h = bench::statsOf(hover);
    std::printf("{\"points\":%d,\"full_redraw_ms\":{\"median\":%.2f,\"p95\":%.2f,\"max\":%.2f,"
                "\"n\":%zu},\"from_cache_ms\":{\"median\":%.2f,\"p95\":%.2f,\"max\":%.2f,"
                "\"n\":%zu},\"hit_test_ms\":{\"median\":%.4f,\"p95\":%.4f,\"max\":%.4f}}\n",
                n, f.median, f.p95, f.max, full.size(), c.median, c.p95, c.max, cached.size(),
                h.median, h.p95, h.max);
    return 0;
}
