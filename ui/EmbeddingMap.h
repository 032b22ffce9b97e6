#pragma once
#include <QColor>
#include <QImage>
#include <QPointF>
#include <QPolygonF>
#include <QString>
#include <QWidget>
#include <map>
#include <tuple>
#include <vector>

namespace rs::ui {

/// One point of an embedding map: a position in map space (e.g. the first two principal
/// components of an item's factors), its colour, radius in pixels and label.
struct MapPoint {
    QPointF at;
    QColor color;
    float radius = 2.5f;
    QString label;       ///< tooltip text (e.g. title and genres)
    bool hidden = false; ///< not drawn and not hit (highlights and the selection still show it)
};

/// One entry of the map's legend (a colour swatch and its meaning).
struct MapLegendEntry {
    QColor color;
    QString label;
};

/// A scatter map of many points (tens of thousands), painted by hand: the points are drawn
/// once into a cached image per view (zoom and pan), so hovering, highlighting and selecting
/// repaint from the cache. Wheel zooms about the mouse; dragging pans, or selects by rectangle
/// or lasso (dragMode(); Shift adds to the selection); hover shows the nearest point's label, a
/// click activates it. Highlight groups (e.g. a user's rated items, their top-N) are drawn on
/// top with coloured rings, the selection with a highlight ring, and a marker (e.g. the user)
/// as a labelled diamond. Hit-testing uses a uniform grid over map space.
class EmbeddingMap : public QWidget {
    Q_OBJECT
public:
    enum class DragMode { Pan, Rectangle, Lasso };
    static constexpr int kHighlightGroups = 2;

    explicit EmbeddingMap(QWidget* parent = nullptr);

    /// Replaces the points (clears highlights, selection and marker; fits the view).
    void setPoints(std::vector<MapPoint> points);
    /// Recolours and resizes the points in place (same count and positions); keeps the view.
    void setPointStyles(const std::vector<QColor>& colors, const std::vector<float>& radii);
    /// Hides the points whose flag is set (same count as points()); keeps the view.
    void setHiddenPoints(const std::vector<std::uint8_t>& hidden);
    const std::vector<MapPoint>& points() const { return m_points; }
    /// Points drawn on top with an outline (indices into points()): highlight group 0.
    void setHighlighted(std::vector<int> indices) { setHighlightGroup(0, std::move(indices)); }
    const std::vector<int>& highlighted() const { return m_groups[0].indices; }
    /// A group of points drawn on top with a ring of `ring` colour.
    void setHighlightGroup(int group, std::vector<int> indices, QColor ring = QColor(20, 20, 20));
    const std::vector<int>& highlightGroup(int group) const;

    void setDragMode(DragMode mode) { m_dragMode = mode; }
    DragMode dragMode() const { return m_dragMode; }
    /// The selected points (ascending indices).
    void setSelection(std::vector<int> indices);
    const std::vector<int>& selection() const { return m_selection; }
    /// Points inside a widget rectangle / a polygon in widget coordinates.
    std::vector<int> pointsIn(const QRectF& widgetRect) const;
    std::vector<int> pointsIn(const QPolygonF& widgetPolygon) const;

    /// A labelled marker at a map position (e.g. where a user sits among the items).
    void setMarker(QPointF mapPos, const QString& label);
    void clearMarker();
    bool hasMarker() const { return m_hasMarker; }
    QPointF marker() const { return m_marker; }

    void setLegend(std::vector<MapLegendEntry> legend);
    const std::vector<MapLegendEntry>& legend() const { return m_legend; }

    /// Paints the current view with vector shapes (for SVG export): points, highlights,
    /// selection, marker and legend.
    void paintVector(QPainter& p) const;
    /// The current view as a PNG (what is on screen) or an SVG drawing (vector points).
    bool exportPng(const QString& path, QString* error = nullptr);
    bool exportSvg(const QString& path, const QString& title, QString* error = nullptr) const;

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
    /// The selection changed by a rectangle or lasso drag (or setSelection()).
    void selectionChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void rebuildGrid();
    void invalidate();
    /// Highlights, selection, marker and legend; `stamped` draws the rings as cached images
    /// (screen), else as vector ellipses (SVG).
    void drawOverlays(QPainter& p, bool stamped) const;
    /// A pre-rendered antialiased dot of `fill` (radius rounded to a quarter pixel) with an
    /// optional ring, cached per look; the top-left offset to its centre is side / 2.
    const QImage& stamp(QRgb fill, double radius, QRgb ring, double ringWidth) const;
    void stampAt(QPainter& p, const QImage& image, QPointF centre) const;
    void drawLegend(QPainter& p) const;
    void finishSelection(bool add);

    struct HighlightGroup {
        std::vector<int> indices;
        QColor ring;
    };
    std::vector<MapPoint> m_points;
    HighlightGroup m_groups[kHighlightGroups];
    std::vector<int> m_selection;
    DragMode m_dragMode = DragMode::Pan;
    QPolygonF m_rubber; ///< the rectangle or lasso being dragged (widget coordinates)
    bool m_hasMarker = false;
    QPointF m_marker;
    QString m_markerLabel;
    std::vector<MapLegendEntry> m_legend;
    mutable std::map<std::tuple<QRgb, int, QRgb, int>, QImage> m_stamps;
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
