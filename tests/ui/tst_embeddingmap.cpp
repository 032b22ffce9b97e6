// The embedding map widget with 60,000 points in 6 coloured clusters, offscreen: hit-testing
// against a brute force, hover and tooltip text, a click activating the point under the mouse,
// a drag panning without activating, wheel zoom keeping the point under the mouse in place,
// flyTo centring a point, highlights drawn over the cached image (no rebuild), and the repaint
// times (full redraw of 60,000 points; from the cache) logged and bounded.
#include "EmbeddingMap.h"
#include "UiTestUtil.h"

#include <QElapsedTimer>
#include <QHelpEvent>
#include <QSignalSpy>
#include <QToolTip>
#include <QWheelEvent>
#include <QtTest/QtTest>
#include <cmath>
#include <random>

using namespace rs::ui;

namespace {

constexpr int kPoints = 60000;

std::vector<MapPoint> clusteredPoints() {
    std::mt19937 rng(4);
    std::normal_distribution<double> normal(0.0, 1.0);
    const QColor colours[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                              QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28),
                              QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b)};
    std::vector<MapPoint> points(kPoints);
    for (int i = 0; i < kPoints; ++i) {
        const int c = i % 6;
        const double angle = c * 2.0 * M_PI / 6.0;
        points[std::size_t(i)].at =
            QPointF(6 * std::cos(angle) + normal(rng), 6 * std::sin(angle) + normal(rng));
        points[std::size_t(i)].color = colours[c];
        points[std::size_t(i)].radius = i % 97 == 0 ? 4.0f : 2.0f;
        points[std::size_t(i)].label = QStringLiteral("Item %1 (cluster %2)").arg(i).arg(c);
    }
    return points;
}

int bruteNearest(const EmbeddingMap& map, QPointF pos, double maxPixels) {
    int best = -1;
    double bestSq = maxPixels * maxPixels;
    for (int i = 0; i < int(map.points().size()); ++i) {
        const QPointF d = map.toWidget(map.points()[std::size_t(i)].at) - pos;
        const double sq = d.x() * d.x() + d.y() * d.y();
        if (sq < bestSq) {
            bestSq = sq;
            best = i;
        }
    }
    return best;
}

} // namespace

class TestEmbeddingMap : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<EmbeddingMap> m_map;

private slots:
    void initTestCase() {
        rs::test::initUiTestEnvironment();
        m_map = std::make_unique<EmbeddingMap>();
        m_map->resize(900, 700);
        m_map->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_map.get()));
        m_map->setPoints(clusteredPoints());
        QCOMPARE(int(m_map->points().size()), kPoints);
    }

    void hitTestingMatchesBruteForce() {
        std::mt19937 rng(9);
        std::uniform_real_distribution<double> x(0, 900), y(0, 700);
        int hits = 0;
        for (int k = 0; k < 300; ++k) {
            const QPointF pos(x(rng), y(rng));
            const int got = m_map->pointAt(pos, 8.0);
            const int expected = bruteNearest(*m_map, pos, 8.0);
            if (got != expected) {
                // Only an exact tie in distance may pick another point.
                QVERIFY(got >= 0 && expected >= 0);
                const double a = QLineF(m_map->toWidget(m_map->points()[got].at), pos).length();
                const double b =
                    QLineF(m_map->toWidget(m_map->points()[expected].at), pos).length();
                QVERIFY2(std::abs(a - b) < 1e-9,
                         qPrintable(QStringLiteral("%1 vs %2").arg(a).arg(b)));
            }
            hits += got >= 0;
        }
        QVERIFY(hits > 100); // the clusters cover much of the view
    }

    void hoverClickAndTooltip() {
        const int target = 12345;
        m_map->flyTo(target, 8.0);
        const QPointF at = m_map->toWidget(m_map->points()[target].at);
        QVERIFY(std::abs(at.x() - 450) < 1.0 && std::abs(at.y() - 350) < 1.0); // centred
        QSignalSpy hovered(m_map.get(), &EmbeddingMap::hoveredChanged);
        QTest::mouseMove(m_map.get(), at.toPoint());
        const int under = m_map->pointAt(at.toPoint());
        QVERIFY(under >= 0);
        QTRY_COMPARE(m_map->hoveredPoint(), under);
        QVERIFY(!hovered.isEmpty());
        QHelpEvent help(QEvent::ToolTip, at.toPoint(), m_map->mapToGlobal(at.toPoint()));
        QApplication::sendEvent(m_map.get(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), m_map->points()[std::size_t(under)].label);
        QSignalSpy activated(m_map.get(), &EmbeddingMap::pointActivated);
        QTest::mouseClick(m_map.get(), Qt::LeftButton, {}, at.toPoint());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toInt(), under);
        rs::test::saveScreenshot(m_map.get(), QStringLiteral("embeddingmap-zoomed"));
    }

    void dragPansWithoutActivating() {
        QSignalSpy activated(m_map.get(), &EmbeddingMap::pointActivated);
        const QPointF before = m_map->toMap(QPointF(100, 100));
        QTest::mousePress(m_map.get(), Qt::LeftButton, {}, QPoint(300, 300));
        QTest::mouseMove(m_map.get(), QPoint(340, 320));
        QTest::mouseMove(m_map.get(), QPoint(400, 350));
        QTest::mouseRelease(m_map.get(), Qt::LeftButton, {}, QPoint(400, 350));
        QCOMPARE(activated.count(), 0);
        // The map moved with the mouse: what was at (100, 100) is now at (200, 150).
        const QPointF moved = m_map->toWidget(before);
        QVERIFY2(std::abs(moved.x() - 200) < 1e-3 && std::abs(moved.y() - 150) < 1e-3,
                 qPrintable(QStringLiteral("%1, %2").arg(moved.x()).arg(moved.y())));
    }

    void wheelZoomsAboutTheMouse() {
        const QPointF anchor(250, 400);
        const QPointF fixed = m_map->toMap(anchor);
        const double scale = m_map->scale();
        QWheelEvent wheel(anchor, m_map->mapToGlobal(anchor), QPoint(), QPoint(0, 240),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_map.get(), &wheel);
        QVERIFY(std::abs(m_map->scale() - scale * 1.5625) < 1e-9 * scale);
        const QPointF after = m_map->toWidget(fixed);
        QVERIFY(std::abs(after.x() - anchor.x()) < 1e-3 && std::abs(after.y() - anchor.y()) < 1e-3);
    }

    void highlightsRepaintFromTheCache() {
        m_map->fitAll();
        // Full redraw of every point.
        std::vector<double> full, cached;
        for (int k = 0; k < 5; ++k) {
            m_map->zoomBy(1.0001, QPointF(450, 350)); // invalidates the cache
            m_map->repaint();
            QVERIFY(m_map->lastPaintRebuilt());
            full.push_back(m_map->lastPaintMs());
        }
        // Highlights and hover are drawn over the cache.
        std::vector<int> some;
        for (int i = 0; i < kPoints; i += 600)
            some.push_back(i);
        for (int k = 0; k < 20; ++k) {
            m_map->setHighlighted(k % 2 ? some : std::vector<int>{k, k + 1});
            m_map->repaint();
            QVERIFY(!m_map->lastPaintRebuilt());
            cached.push_back(m_map->lastPaintMs());
        }
        std::sort(full.begin(), full.end());
        std::sort(cached.begin(), cached.end());
        qInfo("%d points: full redraw median %.1f ms (max %.1f), from cache median %.2f ms "
              "(max %.2f)",
              kPoints, full[full.size() / 2], full.back(), cached[cached.size() / 2],
              cached.back());
        QVERIFY2(cached[cached.size() / 2] < 16.0, qPrintable(QString::number(cached[10])));
        QCOMPARE(int(m_map->highlighted().size()), int(some.size()));
        rs::test::saveScreenshot(m_map.get(), QStringLiteral("embeddingmap-fitted"));
        // Out-of-range highlights are dropped.
        m_map->setHighlighted({-1, 3, kPoints});
        QCOMPARE(m_map->highlighted(), std::vector<int>{3});
    }

    void cleanupTestCase() { m_map.reset(); }
};

QTEST_MAIN(TestEmbeddingMap)
#include "tst_embeddingmap.moc"
