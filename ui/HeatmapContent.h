#pragma once
#include "ColorMap.h"
#include "explain/EvidenceGrid.h"

#include <QImage>
#include <QSet>
#include <QString>
#include <QVector>
#include <optional>
#include <vector>

namespace rs::ui {

/// What a heatmap shows: an evidence grid, the order and filter of its rows and columns, the
/// colour scale, an optional per-column annotation (e.g. agreement with another model) and the
/// cells as a cached image (one pixel per displayed cell). No widget: the widget paints it, the
/// exports write it, tests inspect it.
class HeatmapContent {
public:
    enum class RowSort { History, Total, Time, Genre, Title, Explicit };
    enum class ColumnSort { Given, Total, Genre, Title, Explicit };

    void setGrid(rs::EvidenceGrid grid);
    const rs::EvidenceGrid& grid() const { return m_grid; }
    bool isEmpty() const { return m_grid.rows.empty() || m_grid.columns.empty(); }
    /// What the values are, for the legend and the tooltip ("contribution", "share", ...).
    void setValueLabel(const QString& label) { m_valueLabel = label; }
    QString valueLabel() const { return m_valueLabel; }

    void setRowSort(RowSort sort);
    RowSort rowSort() const { return m_rowSort; }
    void setColumnSort(ColumnSort sort);
    ColumnSort columnSort() const { return m_columnSort; }
    /// Case-insensitive substring of a row's title, genres or item id; empty shows every row.
    void setRowFilter(const QString& text);
    QString rowFilter() const { return m_filter; }
    /// Shows only rows of these items (e.g. a selection on the latent-space map); an empty
    /// optional shows every row. Combines with the text filter.
    void setRowItems(std::optional<QSet<quint32>> items);
    const std::optional<QSet<quint32>>& rowItems() const { return m_rowItems; }
    /// Explicit orders (grid indices in display order), e.g. to align a comparison's grids.
    void setRowOrder(const QVector<int>& gridRows);
    void setColumnOrder(const QVector<int>& gridColumns);
    const QVector<int>& rowOrder() const { return m_rows; }
    const QVector<int>& columnOrder() const { return m_columns; }
    int rowCount() const { return int(m_rows.size()); }       ///< displayed rows
    int columnCount() const { return int(m_columns.size()); } ///< displayed columns

    /// Values per grid column shown in a band under the column titles, coloured on [-1, 1].
    void setColumnAnnotation(const QString& label, std::vector<double> perGridColumn);
    bool hasAnnotation() const { return !m_annotation.empty(); }
    /// Keeps the annotation band's room even without values (aligns a comparison's grids).
    void setBandReserved(bool reserved) { m_bandReserved = reserved; }
    bool hasBand() const { return m_bandReserved || hasAnnotation(); }
    QString annotationLabel() const { return m_annotationLabel; }
    /// NaN when undefined or absent.
    double annotation(int column) const;

    const rs::EvidenceRow& row(int displayRow) const;
    const rs::EvidenceColumn& column(int displayColumn) const;
    double value(int displayRow, int displayColumn) const;

    /// The colour scale: diverging and symmetric around 0 for signed grids, else sequential
    /// from 0; `low`/`high` are the values at the ends of the map.
    ColorMap::Kind colorKind() const { return m_kind; }
    double low() const { return m_low; }
    double high() const { return m_high; }
    QRgb colorOf(double value) const;
    /// Colours of cells outside a run's history and of NaN values.
    static QRgb absentColor() { return qRgb(0xd4, 0xd4, 0xd4); }
    static QRgb nanColor() { return qRgb(0x80, 0x80, 0x80); }

    /// One pixel per displayed cell (columns x rows), rebuilt when stale.
    const QImage& cellImage() const;

    /// "Item (genres)…" texts shown by the views.
    QString rowLabel(int displayRow) const;
    QString columnLabel(int displayColumn) const;
    QString toolTipText(int displayRow, int displayColumn) const;
    QString annotationToolTip(int displayColumn) const;
    /// The displayed matrix as CSV: a header of item ids and titles, one line per row.
    QByteArray toCsv() const;

private:
    void reorderRows();
    void reorderColumns();
    bool rowPasses(const rs::EvidenceRow& row) const;

    rs::EvidenceGrid m_grid;
    QString m_valueLabel = QStringLiteral("contribution");
    RowSort m_rowSort = RowSort::History;
    ColumnSort m_columnSort = ColumnSort::Given;
    QString m_filter;
    std::optional<QSet<quint32>> m_rowItems;
    QVector<int> m_rows, m_columns;
    QString m_annotationLabel;
    std::vector<double> m_annotation;
    bool m_bandReserved = false;
    ColorMap::Kind m_kind = ColorMap::Kind::Sequential;
    double m_low = 0, m_high = 1;
    mutable QImage m_image;
    mutable bool m_imageStale = true;
};

} // namespace rs::ui
