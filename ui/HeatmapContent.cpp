#include "HeatmapContent.h"

#include "util/CsvText.h"

#include "DatasetFormat.h"

#include <QLocale>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace rs::ui {

namespace {

QString text(const std::string& s) {
    return QString::fromStdString(s);
}

QString exact(double v) {
    if (std::isnan(v))
        return QStringLiteral("n/a");
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

QString csvField(const QString& s) {
    return QString::fromStdString(rs::csvField(s.toStdString()));
}

double magnitude(double v) {
    return std::isnan(v) ? 0.0 : std::abs(v);
}

/// Orders `order` by `key` (ascending unless `descending`), keeping ties in their order.
template <class Key> void sortBy(QVector<int>& order, Key key, bool descending) {
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const auto ka = key(a), kb = key(b);
        return descending ? kb < ka : ka < kb;
    });
}

int compareText(const QString& a, const QString& b) {
    return QString::compare(a, b, Qt::CaseInsensitive);
}

} // namespace

void HeatmapContent::setGrid(rs::EvidenceGrid grid) {
    m_grid = std::move(grid);
    double maxAbs = 0, maxValue = 0;
    for (double v : m_grid.values)
        if (!std::isnan(v)) {
            maxAbs = std::max(maxAbs, std::abs(v));
            maxValue = std::max(maxValue, v);
        }
    if (m_grid.signedValues) {
        m_kind = ColorMap::Kind::Diverging;
        m_high = maxAbs > 0 ? maxAbs : 1.0;
        m_low = -m_high;
    } else {
        m_kind = ColorMap::Kind::Sequential;
        m_low = 0;
        m_high = maxValue > 0 ? maxValue : 1.0;
    }
    if (m_annotation.size() != m_grid.columns.size())
        m_annotation.clear();
    reorderRows();
    reorderColumns();
}

void HeatmapContent::setRowSort(RowSort sort) {
    m_rowSort = sort;
    reorderRows();
}

void HeatmapContent::setColumnSort(ColumnSort sort) {
    m_columnSort = sort;
    reorderColumns();
}

void HeatmapContent::setRowFilter(const QString& filter) {
    m_filter = filter.trimmed();
    reorderRows();
}

void HeatmapContent::setRowItems(std::optional<QSet<quint32>> items) {
    m_rowItems = std::move(items);
    reorderRows();
}

void HeatmapContent::setRowOrder(const QVector<int>& gridRows) {
    m_rows.clear();
    for (int r : gridRows)
        if (r >= 0 && r < int(m_grid.rows.size()))
            m_rows.push_back(r);
    m_rowSort = RowSort::Explicit;
    m_imageStale = true;
}

void HeatmapContent::setColumnOrder(const QVector<int>& gridColumns) {
    m_columns.clear();
    for (int c : gridColumns)
        if (c >= 0 && c < int(m_grid.columns.size()))
            m_columns.push_back(c);
    m_columnSort = ColumnSort::Explicit;
    m_imageStale = true;
}

void HeatmapContent::setColumnAnnotation(const QString& label, std::vector<double> perGridColumn) {
    m_annotationLabel = label;
    m_annotation = std::move(perGridColumn);
}

double HeatmapContent::annotation(int column) const {
    if (column < 0 || column >= columnCount() || m_annotation.empty())
        return std::nan("");
    return m_annotation[std::size_t(m_columns[column])];
}

bool HeatmapContent::rowPasses(const rs::EvidenceRow& row) const {
    if (m_rowItems && !m_rowItems->contains(row.item))
        return false;
    if (m_filter.isEmpty())
        return true;
    return text(row.title).contains(m_filter, Qt::CaseInsensitive) ||
           text(row.genres).contains(m_filter, Qt::CaseInsensitive) ||
           text(row.itemId).contains(m_filter, Qt::CaseInsensitive);
}

void HeatmapContent::reorderRows() {
    m_imageStale = true;
    if (m_rowSort == RowSort::Explicit) {
        const QVector<int> keep = m_rows;
        setRowOrder(keep); // drops indices a new grid no longer has
        return;
    }
    m_rows.clear();
    const int n = int(m_grid.rows.size());
    for (int r = 0; r < n; ++r)
        if (rowPasses(m_grid.rows[std::size_t(r)]))
            m_rows.push_back(r);
    const auto& rows = m_grid.rows;
    switch (m_rowSort) {
    case RowSort::Total: {
        std::vector<double> total(rows.size(), 0.0);
        for (std::size_t r = 0; r < rows.size(); ++r)
            for (std::size_t c = 0; c < m_grid.columnCount(); ++c)
                total[r] += magnitude(m_grid.value(r, c));
        sortBy(
            m_rows, [&](int r) { return total[std::size_t(r)]; }, true);
        break;
    }
    case RowSort::Time:
        // Newest first; rows without a time last.
        sortBy(
            m_rows,
            [&](int r) {
                const auto& row = rows[std::size_t(r)];
                return std::pair(row.hasTimestamp, row.timestamp);
            },
            true);
        break;
    case RowSort::Genre:
        std::stable_sort(m_rows.begin(), m_rows.end(), [&](int a, int b) {
            const auto& ra = rows[std::size_t(a)];
            const auto& rb = rows[std::size_t(b)];
            const int g = compareText(text(ra.genres), text(rb.genres));
            return g != 0 ? g < 0 : compareText(text(ra.title), text(rb.title)) < 0;
        });
        break;
    case RowSort::Title:
        std::stable_sort(m_rows.begin(), m_rows.end(), [&](int a, int b) {
            return compareText(text(rows[std::size_t(a)].title), text(rows[std::size_t(b)].title)) <
                   0;
        });
        break;
    case RowSort::History:
    case RowSort::Explicit:
        break;
    }
}

void HeatmapContent::reorderColumns() {
    m_imageStale = true;
    if (m_columnSort == ColumnSort::Explicit) {
        const QVector<int> keep = m_columns;
        setColumnOrder(keep);
        return;
    }
    m_columns.resize(int(m_grid.columns.size()));
    std::iota(m_columns.begin(), m_columns.end(), 0);
    const auto& columns = m_grid.columns;
    switch (m_columnSort) {
    case ColumnSort::Total: {
        std::vector<double> total(columns.size(), 0.0);
        for (std::size_t r = 0; r < m_grid.rowCount(); ++r)
            for (std::size_t c = 0; c < columns.size(); ++c)
                total[c] += magnitude(m_grid.value(r, c));
        sortBy(
            m_columns, [&](int c) { return total[std::size_t(c)]; }, true);
        break;
    }
    case ColumnSort::Genre:
        std::stable_sort(m_columns.begin(), m_columns.end(), [&](int a, int b) {
            const auto& ca = columns[std::size_t(a)];
            const auto& cb = columns[std::size_t(b)];
            const int g = compareText(text(ca.genres), text(cb.genres));
            return g != 0 ? g < 0 : compareText(text(ca.title), text(cb.title)) < 0;
        });
        break;
    case ColumnSort::Title:
        std::stable_sort(m_columns.begin(), m_columns.end(), [&](int a, int b) {
            return compareText(text(columns[std::size_t(a)].title),
                               text(columns[std::size_t(b)].title)) < 0;
        });
        break;
    case ColumnSort::Given:
    case ColumnSort::Explicit:
        break;
    }
}

const rs::EvidenceRow& HeatmapContent::row(int displayRow) const {
    return m_grid.rows[std::size_t(m_rows[displayRow])];
}

const rs::EvidenceColumn& HeatmapContent::column(int displayColumn) const {
    return m_grid.columns[std::size_t(m_columns[displayColumn])];
}

double HeatmapContent::value(int displayRow, int displayColumn) const {
    return m_grid.value(std::size_t(m_rows[displayRow]), std::size_t(m_columns[displayColumn]));
}

QRgb HeatmapContent::colorOf(double v) const {
    if (std::isnan(v))
        return nanColor();
    const double t = (v - m_low) / (m_high - m_low);
    return ColorMap::forKind(m_kind).at(t);
}

const QImage& HeatmapContent::cellImage() const {
    if (!m_imageStale)
        return m_image;
    m_imageStale = false;
    const int w = columnCount(), h = rowCount();
    if (w == 0 || h == 0) {
        m_image = QImage();
        return m_image;
    }
    if (m_image.width() != w || m_image.height() != h)
        m_image = QImage(w, h, QImage::Format_RGB32);
    for (int r = 0; r < h; ++r) {
        auto* line = reinterpret_cast<QRgb*>(m_image.scanLine(r));
        const bool present = row(r).inHistory;
        for (int c = 0; c < w; ++c)
            line[c] = present ? colorOf(value(r, c)) : absentColor();
    }
    return m_image;
}

QString HeatmapContent::rowLabel(int displayRow) const {
    return text(row(displayRow).title.empty() ? row(displayRow).itemId : row(displayRow).title);
}

QString HeatmapContent::columnLabel(int displayColumn) const {
    const auto& c = column(displayColumn);
    const QString title = text(c.title.empty() ? c.itemId : c.title);
    return c.rank > 0 ? QStringLiteral("%1. %2").arg(c.rank).arg(title) : title;
}

QString HeatmapContent::toolTipText(int displayRow, int displayColumn) const {
    const auto& r = row(displayRow);
    const auto& c = column(displayColumn);
    QStringList lines;
    lines << QObject::tr("History item: %1 [%2]").arg(text(r.title), text(r.itemId));
    if (!r.genres.empty())
        lines << QObject::tr("  Genres: %1").arg(text(r.genres));
    if (r.inHistory) {
        QString rated = QObject::tr("  User's rating: %1").arg(formatRating(r.rating));
        if (r.hasTimestamp)
            rated += QObject::tr(" (rated %1)").arg(formatTimestamp(r.timestamp));
        lines << rated;
    } else {
        lines << QObject::tr("  Not in this run's training history");
    }
    lines << (c.rank > 0 ? QObject::tr("Recommended #%1: %2 [%3]").arg(c.rank)
                         : QObject::tr("Item (rated in training): %2 [%3]"))
                 .arg(text(c.title), text(c.itemId));
    if (!c.genres.empty())
        lines << QObject::tr("  Genres: %1").arg(text(c.genres));
    lines << QObject::tr("  Score: %1").arg(exact(c.score));
    lines << QObject::tr("%1: %2").arg(m_valueLabel.left(1).toUpper() + m_valueLabel.mid(1),
                                       exact(value(displayRow, displayColumn)));
    return lines.join(QLatin1Char('\n'));
}

QString HeatmapContent::annotationToolTip(int displayColumn) const {
    return QObject::tr("%1 for %2: %3")
        .arg(m_annotationLabel, columnLabel(displayColumn), exact(annotation(displayColumn)));
}

QByteArray HeatmapContent::toCsv() const {
    QStringList header = {QStringLiteral("item_id"), QStringLiteral("title"),
                          QStringLiteral("rating")};
    for (int c = 0; c < columnCount(); ++c)
        header << csvField(
            QStringLiteral("%1: %2").arg(text(column(c).itemId), text(column(c).title)));
    QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (int r = 0; r < rowCount(); ++r) {
        QStringList fields = {csvField(text(row(r).itemId)), csvField(text(row(r).title)),
                              row(r).inHistory ? exact(row(r).rating) : QString()};
        for (int c = 0; c < columnCount(); ++c) {
            const double v = value(r, c);
            fields << (std::isnan(v) ? QString() : exact(v));
        }
        out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out.toUtf8();
}

} // namespace rs::ui
