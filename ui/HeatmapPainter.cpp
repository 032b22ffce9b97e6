#include "HeatmapPainter.h"

#include "DatasetFormat.h"
#include "HeatmapContent.h"

#include <QFontMetrics>
#include <QLineF>
#include <QObject>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace rs::ui {

namespace {

QString shortNumber(double v) {
    if (std::isnan(v))
        return QStringLiteral("n/a");
    if (std::abs(v) < 1e-12)
        return QStringLiteral("0");
    return QString::number(v, 'g', 2);
}

/// How many rows/columns one label covers so that labels never overlap.
int labelStep(double cell, int textHeight) {
    return std::max(1, int(std::ceil(double(textHeight) / std::max(cell, 0.01))));
}

QColor textOn(QRgb background) {
    return ColorMap::lightness(background) > 0.62 ? QColor(Qt::black) : QColor(Qt::white);
}

void paintCorner(QPainter& p, const HeatmapContent& content, const QRect& r,
                 const QPalette& palette) {
    const auto& grid = content.grid();
    const QString lines =
        QObject::tr("%1 · user %2\n%3 history × %4 items\n%5\nrows: history (rating)\n"
                    "columns: scored items")
            .arg(QString::fromStdString(grid.model), QString::fromStdString(grid.userId))
            .arg(content.rowCount())
            .arg(content.columnCount())
            .arg(QObject::tr("values: %1").arg(content.valueLabel()));
    p.setPen(palette.color(QPalette::WindowText));
    p.drawText(r.adjusted(6, 6, -6, -6), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, lines);
}

void paintLegend(QPainter& p, const HeatmapContent& content, const QRect& r,
                 const QPalette& palette) {
    const QFontMetrics fm = p.fontMetrics();
    p.setPen(palette.color(QPalette::WindowText));
    const QRect title(r.left() + 6, r.top() + 6, r.width() - 10, 2 * fm.height());
    p.drawText(title, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, content.valueLabel());
    const int barTop = title.bottom() + 10;
    const int barBottom = std::max(barTop + 40, r.bottom() - 3 * fm.height() - 10);
    const QRect bar(r.left() + 10, barTop, 14, barBottom - barTop);
    // The table top-down: high values at the top.
    const auto& table = ColorMap::forKind(content.colorKind()).table();
    QImage strip(1, int(table.size()), QImage::Format_RGB32);
    for (int i = 0; i < int(table.size()); ++i)
        strip.setPixel(0, i, table[table.size() - 1 - std::size_t(i)]);
    p.drawImage(QRectF(bar), strip);
    p.setPen(palette.color(QPalette::Mid));
    p.setBrush(Qt::NoBrush);
    p.drawRect(bar.adjusted(0, 0, -1, -1));
    p.setPen(palette.color(QPalette::WindowText));
    const double lo = content.low(), hi = content.high();
    for (double t : HeatmapPainter::ticks(lo, hi)) {
        const double y = bar.bottom() - (t - lo) / (hi - lo) * bar.height();
        p.drawLine(QPointF(bar.right() + 1, y), QPointF(bar.right() + 5, y));
        p.drawText(QRectF(bar.right() + 8, y - fm.height() / 2.0, r.right() - bar.right() - 8,
                          fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, shortNumber(t));
    }
    bool absent = false;
    for (const auto& row : content.grid().rows)
        absent = absent || !row.inHistory;
    if (absent) {
        const QRect swatch(bar.left(), bar.bottom() + 12, 14, 14);
        p.fillRect(swatch, QColor(HeatmapContent::absentColor()));
        p.fillRect(swatch, QBrush(palette.color(QPalette::Mid), Qt::BDiagPattern));
        p.drawText(QRect(swatch.right() + 6, swatch.top() - 4, r.right() - swatch.right() - 6,
                         2 * fm.height()),
                   Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, QObject::tr("not in history"));
    }
}

} // namespace

int HeatmapPainter::rowHeaderFor(int width) {
    return std::clamp(int(width * 0.28), 130, kRowHeaderWidth);
}

HeatmapGeometry HeatmapPainter::geometry(const HeatmapContent& content, const HeatmapFrame& frame) {
    HeatmapGeometry g;
    const QSize size = frame.size;
    const int rh = frame.rowHeader;
    const int band = content.hasBand() ? kBandHeight : 0;
    const int top = kColumnHeaderHeight + band;
    const int cellsWidth = std::max(0, size.width() - rh - kLegendWidth);
    g.corner = QRect(0, 0, rh, kColumnHeaderHeight);
    g.columnHeader = QRect(rh, 0, cellsWidth, kColumnHeaderHeight);
    g.band = QRect(rh, kColumnHeaderHeight, cellsWidth, band);
    g.rowHeader = QRect(0, top, rh, std::max(0, size.height() - top));
    g.cells = QRect(rh, top, cellsWidth, std::max(0, size.height() - top));
    g.legend = QRect(rh + cellsWidth, 0, kLegendWidth, size.height());
    return g;
}

QSize HeatmapPainter::fullSize(const HeatmapContent& content, double cell) {
    const int band = content.hasBand() ? kBandHeight : 0;
    return {kRowHeaderWidth + int(std::ceil(content.columnCount() * cell)) + kLegendWidth,
            std::max(kColumnHeaderHeight + band + int(std::ceil(content.rowCount() * cell)),
                     kColumnHeaderHeight + 200)};
}

void HeatmapPainter::visibleRange(const HeatmapContent& content, const HeatmapFrame& frame,
                                  int& row0, int& row1, int& column0, int& column1) {
    const HeatmapGeometry g = geometry(content, frame);
    const double cs = frame.cell;
    row0 = std::max(0, int(std::floor(frame.scroll.y() / cs)));
    row1 = std::min(content.rowCount() - 1,
                    int(std::floor((frame.scroll.y() + g.cells.height() - 0.5) / cs)));
    column0 = std::max(0, int(std::floor(frame.scroll.x() / cs)));
    column1 = std::min(content.columnCount() - 1,
                       int(std::floor((frame.scroll.x() + g.cells.width() - 0.5) / cs)));
}

QVector<double> HeatmapPainter::ticks(double low, double high, int count) {
    QVector<double> out;
    if (!(high > low) || count < 1)
        return out;
    const double raw = (high - low) / count;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (raw <= m * magnitude) {
            step = m * magnitude;
            break;
        }
    for (double t = std::ceil(low / step - 1e-9) * step; t <= high + step * 1e-9; t += step)
        out.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
    return out;
}

void HeatmapPainter::paint(QPainter& p, const HeatmapContent& content, const HeatmapFrame& frame,
                           const QPalette& palette, const QFont& font) {
    p.save();
    p.setFont(font);
    const QFontMetrics fm(font);
    const HeatmapGeometry g = geometry(content, frame);
    p.fillRect(QRect(QPoint(0, 0), frame.size), palette.color(QPalette::Window));
    if (content.isEmpty()) {
        p.restore();
        return;
    }
    const double cs = frame.cell;
    auto xOf = [&](int c) { return g.cells.left() + c * cs - frame.scroll.x(); };
    auto yOf = [&](int r) { return g.cells.top() + r * cs - frame.scroll.y(); };
    int r0, r1, c0, c1;
    visibleRange(content, frame, r0, r1, c0, c1);
    const bool any = r0 <= r1 && c0 <= c1;

    // Cells: the visible part of the cached image, scaled without smoothing.
    p.save();
    p.setClipRect(g.cells);
    if (any) {
        const QRect source(c0, r0, c1 - c0 + 1, r1 - r0 + 1);
        const QRectF target(xOf(c0), yOf(r0), source.width() * cs, source.height() * cs);
        p.drawImage(target, content.cellImage(), source);
        for (int r = r0; r <= r1; ++r)
            if (!content.row(r).inHistory)
                p.fillRect(QRectF(target.left(), yOf(r), target.width(), cs),
                           QBrush(palette.color(QPalette::Mid), Qt::BDiagPattern));
        if (cs >= 7) {
            QVector<QLineF> lines;
            for (int c = c0; c <= c1 + 1; ++c)
                lines << QLineF(xOf(c), target.top(), xOf(c), target.bottom());
            for (int r = r0; r <= r1 + 1; ++r)
                lines << QLineF(target.left(), yOf(r), target.right(), yOf(r));
            p.setPen(content.colorKind() == ColorMap::Kind::Sequential ? QColor(255, 255, 255)
                                                                       : QColor(0, 0, 0, 40));
            p.drawLines(lines);
        }
        if (cs >= 34) {
            QFont small = font;
            small.setPointSizeF(font.pointSizeF() * 0.8);
            p.setFont(small);
            const QFontMetricsF smallMetrics(small);
            for (int r = r0; r <= r1; ++r)
                for (int c = c0; c <= c1; ++c) {
                    if (!content.row(r).inHistory)
                        continue;
                    const double v = content.value(r, c);
                    const QString label = shortNumber(v);
                    if (smallMetrics.horizontalAdvance(label) > cs - 3)
                        continue; // only values that fit their cell
                    p.setPen(textOn(content.colorOf(v)));
                    p.drawText(QRectF(xOf(c), yOf(r), cs, cs), Qt::AlignCenter, label);
                }
            p.setFont(font);
        }
        const QColor highlight = palette.color(QPalette::Highlight);
        p.setBrush(Qt::NoBrush);
        if (frame.hoverRow >= 0 && frame.hoverRow < content.rowCount()) {
            p.setPen(QPen(highlight, 1.5));
            p.drawRect(QRectF(target.left(), yOf(frame.hoverRow), target.width(), cs));
        }
        if (frame.hoverColumn >= 0 && frame.hoverColumn < content.columnCount()) {
            p.setPen(QPen(highlight, 1.5));
            p.drawRect(QRectF(xOf(frame.hoverColumn), target.top(), cs, target.height()));
        }
        if (frame.currentRow >= 0 && frame.currentColumn >= 0 &&
            frame.currentRow < content.rowCount() && frame.currentColumn < content.columnCount()) {
            const QRectF cur(xOf(frame.currentColumn), yOf(frame.currentRow), cs, cs);
            p.setPen(QPen(Qt::black, 2));
            p.drawRect(cur.adjusted(-1, -1, 1, 1));
            p.setPen(QPen(Qt::white, 1));
            p.drawRect(cur.adjusted(0.5, 0.5, -0.5, -0.5));
        }
    }
    p.restore();

    // Row titles (every k-th when rows are smaller than a line) with the user's rating.
    const QColor text = palette.color(QPalette::WindowText);
    const QColor dim = palette.color(QPalette::PlaceholderText);
    QColor hoverFill = palette.color(QPalette::Highlight);
    hoverFill.setAlpha(60);
    p.save();
    p.setClipRect(g.rowHeader);
    const int ratingWidth = fm.horizontalAdvance(QStringLiteral("0.00")) + 8;
    const int step = labelStep(cs, fm.height());
    if (frame.hoverRow >= r0 && frame.hoverRow <= r1)
        p.fillRect(QRectF(0, yOf(frame.hoverRow), g.rowHeader.width(), cs), hoverFill);
    for (int r = r0 - r0 % step; r <= r1; r += step) {
        const double cy = yOf(r) + cs / 2.0;
        const QRectF line(4, cy - fm.height() / 2.0, g.rowHeader.width() - ratingWidth - 8,
                          fm.height());
        const auto& row = content.row(r);
        p.setPen(row.inHistory ? text : dim);
        p.drawText(line, Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(content.rowLabel(r), Qt::ElideRight, int(line.width())));
        p.setPen(dim);
        p.drawText(
            QRectF(g.rowHeader.width() - ratingWidth - 4, line.top(), ratingWidth, fm.height()),
            Qt::AlignRight | Qt::AlignVCenter,
            row.inHistory ? formatRating(row.rating) : QStringLiteral("–"));
    }
    p.restore();

    // Column titles, rotated, with the rank.
    p.save();
    p.setClipRect(g.columnHeader);
    const int columnStep = labelStep(cs, fm.height());
    if (frame.hoverColumn >= c0 && frame.hoverColumn <= c1)
        p.fillRect(
            QRectF(xOf(frame.hoverColumn), g.columnHeader.top(), cs, g.columnHeader.height()),
            hoverFill);
    p.setPen(text);
    for (int c = c0 - c0 % columnStep; c <= c1; c += columnStep) {
        const double cx = xOf(c) + cs / 2.0;
        p.save();
        p.translate(cx + (fm.ascent() - fm.descent()) / 2.0, g.columnHeader.bottom() - 4);
        p.rotate(-90);
        p.drawText(
            0, 0,
            fm.elidedText(content.columnLabel(c), Qt::ElideRight, g.columnHeader.height() - 10));
        p.restore();
    }
    p.restore();

    // The annotation band: one value per column on [-1, 1].
    if (content.hasAnnotation() && any) {
        p.save();
        p.setClipRect(g.band.adjusted(0, 0, 0, 0));
        const auto& diverging = ColorMap::diverging();
        for (int c = c0; c <= c1; ++c) {
            const double a = content.annotation(c);
            const QRgb fill =
                std::isnan(a) ? HeatmapContent::nanColor() : diverging.at((a + 1) / 2);
            const QRectF cell(xOf(c), g.band.top() + 2, cs, g.band.height() - 4);
            p.fillRect(cell, QColor(fill));
            if (cs >= 30) {
                p.setPen(textOn(fill));
                p.drawText(cell, Qt::AlignCenter, shortNumber(a));
            }
        }
        p.restore();
        p.setPen(text);
        p.drawText(
            QRect(4, g.band.top(), g.rowHeader.width() - 8, g.band.height()),
            Qt::AlignRight | Qt::AlignVCenter,
            fm.elidedText(content.annotationLabel(), Qt::ElideLeft, g.rowHeader.width() - 8));
    }

    paintCorner(p, content, g.corner, palette);
    paintLegend(p, content, g.legend, palette);
    p.restore();
}

} // namespace rs::ui
