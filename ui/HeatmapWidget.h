#pragma once
#include "HeatmapContent.h"
#include "HeatmapPainter.h"

#include <QAbstractScrollArea>
#include <QPoint>
#include <utility>

namespace rs::ui {

/// An interactive heatmap of an evidence grid: rows are the user's history items, columns the
/// scored items, colours the values (sequential for non-negative values, diverging around 0 for
/// signed ones) with a legend. Hover shows a tooltip and highlights the row and column; a click
/// or Enter on a cell emits cellActivated(row item, column item). Ctrl+wheel or +/- zoom around
/// the cursor, dragging or the scroll bars pan, the arrow keys move the current cell. Only the
/// visible cells are painted, from the content's cached image. Exports PNG, SVG and CSV.
class HeatmapWidget : public QAbstractScrollArea {
    Q_OBJECT
public:
    using RowSort = HeatmapContent::RowSort;
    using ColumnSort = HeatmapContent::ColumnSort;

    explicit HeatmapWidget(QWidget* parent = nullptr);

    /// Shows `grid`, keeping the sort, filter, zoom and (when it still fits) the current cell.
    void setGrid(rs::EvidenceGrid grid, const QString& valueLabel = QString());
    const rs::EvidenceGrid& grid() const { return m_content.grid(); }
    const HeatmapContent& content() const { return m_content; }

    void setRowSort(RowSort sort);
    void setColumnSort(ColumnSort sort);
    void setRowFilter(const QString& text);
    void setRowItems(std::optional<QSet<quint32>> items);
    /// Explicit orders (grid indices), e.g. to follow another heatmap of a comparison.
    void setRowOrder(const QVector<int>& gridRows);
    void setColumnOrder(const QVector<int>& gridColumns);
    void setColumnAnnotation(const QString& label, std::vector<double> perGridColumn);

    /// Cell size = kBaseCell x zoom.
    static constexpr double kBaseCell = 16.0;
    double zoom() const { return m_zoom; }
    void setZoom(double zoom);
    void zoomBy(double factor, QPoint anchor = QPoint(-1, -1));
    /// The zoom at which every cell fits in the view, bounded to [minZoom, maxZoom]; kept
    /// fitted when the widget is resized, until the zoom is set otherwise.
    void zoomToFit(double minZoom = 1.0 / kBaseCell, double maxZoom = 2.0);
    /// Keeps room for the annotation band without one (see HeatmapContent::setBandReserved).
    void setBandReserved(bool reserved);
    double cellSize() const { return kBaseCell * m_zoom; }

    /// Current cell in display indices; (-1, -1) when none.
    QPoint currentCell() const { return m_current; } ///< x = column, y = row
    void setCurrentCell(int displayRow, int displayColumn);
    /// The display cell under a viewport position; (-1, -1) outside the cells.
    QPoint cellAt(QPoint viewportPos) const;
    /// The cell's rectangle in viewport coordinates.
    QRectF cellRect(int displayRow, int displayColumn) const;
    QString toolTipAt(QPoint viewportPos) const;
    QPoint hoveredCell() const { return m_hover; }

    /// Renders the whole heatmap (every row and column) at the current cell size (bounded so
    /// that the image stays below about 16k pixels a side).
    QImage renderAll() const;
    bool exportPng(const QString& path, QString* error = nullptr) const;
    bool exportSvg(const QString& path, QString* error = nullptr) const;
    bool exportCsv(const QString& path, QString* error = nullptr) const;

    /// Text shown while there is no grid.
    void setPlaceholderText(const QString& text);

    /// Duration of the last viewport paint in milliseconds.
    double lastPaintMs() const { return m_lastPaintMs; }

signals:
    void cellActivated(quint32 rowItem, quint32 columnItem);
    void currentCellChanged(int displayRow, int displayColumn);
    void zoomChanged(double zoom);
    /// Rows or columns were re-ordered or filtered (followers copy rowOrder/columnOrder).
    void orderChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    HeatmapFrame frame() const;
    HeatmapGeometry geometry() const;
    void updateScrollBars();
    void applyZoom(double zoom);
    void contentChanged();
    void ensureVisible(int displayRow, int displayColumn);
    void setHover(QPoint cell);
    void activate(QPoint cell);
    /// Cell size and image size of an export of every cell.
    double exportCell() const;

    HeatmapContent m_content;
    double m_zoom = 1.0;
    bool m_fitting = false;
    std::pair<double, double> m_fitRange{0.0, 0.0};
    QPoint m_current{-1, -1};
    QPoint m_hover{-1, -1};
    QPoint m_pressPos;
    QPoint m_pressScroll;
    bool m_pressed = false;
    bool m_panning = false;
    double m_lastPaintMs = 0;
    QString m_placeholder;
};

} // namespace rs::ui
