#pragma once
#include <QFont>
#include <QPalette>
#include <QPointF>
#include <QRect>
#include <QSize>
#include <QVector>

class QPainter;

namespace rs::ui {

class HeatmapContent;

/// How a heatmap is shown in a paint area: cell size, scroll offset of the cell area and the
/// hovered/current cells (display indices, -1 for none).
struct HeatmapFrame {
    QSize size;
    int rowHeader = 250; ///< width of the row titles (HeatmapPainter::kRowHeaderWidth at most)
    double cell = 16.0;
    QPointF scroll;
    int hoverRow = -1, hoverColumn = -1;
    int currentRow = -1, currentColumn = -1;
};

/// The parts of a heatmap's paint area.
struct HeatmapGeometry {
    QRect corner;       ///< top left: what is shown
    QRect columnHeader; ///< rotated column titles
    QRect band;         ///< the per-column annotation (empty height when there is none)
    QRect rowHeader;    ///< row titles and ratings
    QRect cells;        ///< the scrolled cell area
    QRect legend;       ///< colour bar with ticks
};

/// Paints a heatmap: only the cells inside the visible area (a scaled part of the content's
/// cached cell image), grid lines and values when cells are large, row and column titles (every
/// k-th when they are too small to label all), hover and current-cell marks, the annotation
/// band and the legend. Used by the widget and by the PNG/SVG exports.
class HeatmapPainter {
public:
    static constexpr int kRowHeaderWidth = 250;
    static constexpr int kColumnHeaderHeight = 160;
    static constexpr int kBandHeight = 22;
    static constexpr int kLegendWidth = 104;

    static HeatmapGeometry geometry(const HeatmapContent& content, const HeatmapFrame& frame);
    /// Row title width for a paint area `width` wide: narrower areas give titles less room.
    static int rowHeaderFor(int width);
    /// The paint size that shows every cell at `cell` pixels.
    static QSize fullSize(const HeatmapContent& content, double cell);
    /// Display row/column range visible in `frame` (inclusive; first > last when none).
    static void visibleRange(const HeatmapContent& content, const HeatmapFrame& frame, int& row0,
                             int& row1, int& column0, int& column1);

    static void paint(QPainter& p, const HeatmapContent& content, const HeatmapFrame& frame,
                      const QPalette& palette, const QFont& font);

    /// Round tick values covering [low, high] (about `count` of them).
    static QVector<double> ticks(double low, double high, int count = 5);
};

} // namespace rs::ui
