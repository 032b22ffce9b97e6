#pragma once
#include <QColor>
#include <QImage>
#include <QPointF>
#include <QString>
#include <QWidget>
#include <vector>

namespace rs::ui {

/// One point of an embedding map: a position in map space (e.g. the first two principal
/// components of an item's factors), its colour, radius in pixels and label.
struct MapPoint {
    QPointF at;
    QColor color;
    float radius = 2.5f;
    QString label; ///< tooltip text (e.g. title and genres)
};

/// A scatter map of many points (tens of thousands), painted by hand: the points are drawn
/// once into a cached image per view (zoom and pan), so hovering and highlighting repaint
/// from the cache. Wheel zooms about the mouse, drag pans, hover shows the nearest point's
/// label, a click activates it; highlighted points (e.g. a user's items) are drawn on top with
/// an outline. Hit-testing uses a uniform grid over map space.
class EmbeddingMap : public QWidget {
    Q_OBJECT
public:
    explicit EmbeddingMap(QWidget* parent = nullptr);

    void setPoints(std::vector<MapPoint> points);
    const std::vector<MapPoint>& points() const { return m_points; }
    /// Points drawn on top with an outline (indices into points()).
    void setHighlighted(std::vector<int> indices);
    const std::vector<int>& highlighted() const { return m_highlighted; }

    /// Shows every point (with a margin).
    void fitAll();
    /// Centres the view on point `index` at (at least) `zoom` times the fitted scale.
    void flyTo(int index, double zoom = 4.0);
    /// Scales the view by `factor` about `anchor` (widget coordinates).
    void zoomBy(double factor, QPointF anchor);

    /// The point nearest to `pos` (widget coordinates) within `maxPixels`, or -1.
    int pointAt(QPointF pos, double maxPixels = 8.0) const;
    QPointF toWidget(QPointF mapPos) const;
    QPointF toMap(QPointF widgetPos) const;
    double scale() const { return m_scale; }
    int hoveredPoint() const { return m_hovered; }

    /// Time of the last paint and whether it had to redraw the cached image.
    double lastPaintMs() const { return m_lastPaintMs; }
    bool lastPaintRebuilt() const { return m_lastRebuilt; }

signals:
    void pointActivated(int index);
    void hoveredChanged(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool event(QEvent* event) override;

private:
    void rebuildGrid();
    void invalidate();
    void drawPoint(QPainter& p, const MapPoint& point, bool outline) const;

    std::vector<MapPoint> m_points;
    std::vector<int> m_highlighted;
    QRectF m_bounds; ///< of all points, in map space
    // View: widget = (map - m_origin) * m_scale, with y pointing down.
    QPointF m_origin;
    double m_scale = 1.0;
    double m_fitScale = 1.0;
    // Hit-test grid over m_bounds: cells of m_cellSize map units, point indices per cell.
    double m_cellSize = 1.0;
    int m_gridColumns = 0, m_gridRows = 0;
    std::vector<std::vector<int>> m_grid;
    QImage m_cache;
    bool m_cacheValid = false;
    int m_hovered = -1;
    bool m_dragging = false;
    bool m_dragged = false;
    QPointF m_pressAt, m_pressOrigin;
    double m_lastPaintMs = 0;
    bool m_lastRebuilt = false;
};

} // namespace rs::ui
