#include "EmbeddingMap.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QSvgGenerator>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <map>

namespace rs::ui {

namespace {

/// Hit-test grid: about this many points per cell on average.
constexpr double kPointsPerCell = 8.0;
constexpr double kMinScale = 1e-9;

} // namespace

EmbeddingMap::EmbeddingMap(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 160);
    setFocusPolicy(Qt::StrongFocus);
}

void EmbeddingMap::setPoints(std::vector<MapPoint> points) {
    m_points = std::move(points);
    for (HighlightGroup& g : m_groups)
        g.indices.clear();
    m_selection.clear();
    m_hasMarker = false;
    m_hovered = -1;
    // (QRectF::united ignores empty rectangles, so the extremes are taken by hand.)
    double left = 0, top = 0, right = 0, bottom = 0;
    for (std::size_t i = 0; i < m_points.size(); ++i) {
        const QPointF at = m_points[i].at;
        left = i ? std::min(left, at.x()) : at.x();
        right = i ? std::max(right, at.x()) : at.x();
        top = i ? std::min(top, at.y()) : at.y();
        bottom = i ? std::max(bottom, at.y()) : at.y();
    }
    m_bounds = QRectF(QPointF(left, top), QPointF(right, bottom));
    rebuildGrid();
    fitAll();
}

void EmbeddingMap::setPointStyles(const std::vector<QColor>& colors,
                                  const std::vector<float>& radii) {
    for (std::size_t i = 0; i < m_points.size(); ++i) {
        if (i < colors.size())
            m_points[i].color = colors[i];
        if (i < radii.size())
            m_points[i].radius = radii[i];
    }
    invalidate();
}

void EmbeddingMap::setHiddenPoints(const std::vector<std::uint8_t>& hidden) {
    for (std::size_t i = 0; i < m_points.size(); ++i)
        m_points[i].hidden = i < hidden.size() && hidden[i];
    rebuildGrid();
    if (m_hovered >= 0 && m_points[std::size_t(m_hovered)].hidden)
        m_hovered = -1;
    invalidate();
}

void EmbeddingMap::setHighlightGroup(int group, std::vector<int> indices, QColor ring) {
    if (group < 0 || group >= kHighlightGroups)
        return;
    indices.erase(std::remove_if(indices.begin(), indices.end(),
                                 [this](int i) { return i < 0 || i >= int(m_points.size()); }),
                  indices.end());
    m_groups[group] = {std::move(indices), ring};
    update(); // drawn over the cache: no rebuild
}

const std::vector<int>& EmbeddingMap::highlightGroup(int group) const {
    return m_groups[std::clamp(group, 0, kHighlightGroups - 1)].indices;
}

void EmbeddingMap::setSelection(std::vector<int> indices) {
    indices.erase(std::remove_if(indices.begin(), indices.end(),
                                 [this](int i) { return i < 0 || i >= int(m_points.size()); }),
                  indices.end());
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    if (indices == m_selection)
        return;
    m_selection = std::move(indices);
    update();
    emit selectionChanged();
}

std::vector<int> EmbeddingMap::pointsIn(const QRectF& widgetRect) const {
    const QRectF r = widgetRect.normalized();
    std::vector<int> out;
    for (int i = 0; i < int(m_points.size()); ++i)
        if (!m_points[std::size_t(i)].hidden && r.contains(toWidget(m_points[std::size_t(i)].at)))
            out.push_back(i);
    return out;
}

std::vector<int> EmbeddingMap::pointsIn(const QPolygonF& widgetPolygon) const {
    std::vector<int> out;
    if (widgetPolygon.size() < 3)
        return out;
    const QRectF box = widgetPolygon.boundingRect();
    for (int i = 0; i < int(m_points.size()); ++i) {
        if (m_points[std::size_t(i)].hidden)
            continue;
        const QPointF c = toWidget(m_points[std::size_t(i)].at);
        if (box.contains(c) && widgetPolygon.containsPoint(c, Qt::OddEvenFill))
            out.push_back(i);
    }
    return out;
}

void EmbeddingMap::setMarker(QPointF mapPos, const QString& label) {
    m_hasMarker = true;
    m_marker = mapPos;
    m_markerLabel = label;
    update();
}

void EmbeddingMap::clearMarker() {
    m_hasMarker = false;
    update();
}

void EmbeddingMap::setLegend(std::vector<MapLegendEntry> legend) {
    m_legend = std::move(legend);
    update();
}

void EmbeddingMap::rebuildGrid() {
    m_grid.clear();
    m_gridColumns = m_gridRows = 0;
    if (m_points.empty())
        return;
    const double w = std::max(m_bounds.width(), 1e-12), h = std::max(m_bounds.height(), 1e-12);
    const double cells = std::max(1.0, double(m_points.size()) / kPointsPerCell);
    m_cellSize = std::sqrt(w * h / cells);
    if (m_cellSize <= 0 || !std::isfinite(m_cellSize))
        m_cellSize = std::max(w, h);
    m_gridColumns = std::max(1, int(std::ceil(w / m_cellSize)));
    m_gridRows = std::max(1, int(std::ceil(h / m_cellSize)));
    m_grid.assign(std::size_t(m_gridColumns) * std::size_t(m_gridRows), {});
    for (int i = 0; i < int(m_points.size()); ++i) {
        if (m_points[std::size_t(i)].hidden)
            continue;
        const int cx =
            std::clamp(int((m_points[std::size_t(i)].at.x() - m_bounds.left()) / m_cellSize), 0,
                       m_gridColumns - 1);
        const int cy =
            std::clamp(int((m_points[std::size_t(i)].at.y() - m_bounds.top()) / m_cellSize), 0,
                       m_gridRows - 1);
        m_grid[std::size_t(cy) * std::size_t(m_gridColumns) + std::size_t(cx)].push_back(i);
    }
}

void EmbeddingMap::invalidate() {
    m_cacheValid = false;
    update();
}

void EmbeddingMap::fitAll() {
    const double margin = 12.0;
    const double w = std::max(m_bounds.width(), 1e-9), h = std::max(m_bounds.height(), 1e-9);
    m_fitScale =
        std::max(kMinScale, std::min((width() - 2 * margin) / w, (height() - 2 * margin) / h));
    m_scale = m_fitScale;
    // Centre the bounds.
    m_origin = m_bounds.center() - QPointF(width() / 2.0 / m_scale, height() / 2.0 / m_scale);
    invalidate();
}

void EmbeddingMap::flyTo(int index, double zoom) {
    if (index < 0 || index >= int(m_points.size()))
        return;
    m_scale = std::max(m_scale, m_fitScale * zoom);
    m_origin = m_points[std::size_t(index)].at -
               QPointF(width() / 2.0 / m_scale, height() / 2.0 / m_scale);
    invalidate();
}

void EmbeddingMap::zoomBy(double factor, QPointF anchor) {
    const QPointF fixed = toMap(anchor);
    m_scale = std::clamp(m_scale * factor, m_fitScale / 4.0, m_fitScale * 1e4);
    m_origin = fixed - anchor / m_scale;
    invalidate();
}

QPointF EmbeddingMap::toWidget(QPointF mapPos) const {
    return (mapPos - m_origin) * m_scale;
}

QPointF EmbeddingMap::toMap(QPointF widgetPos) const {
    return widgetPos / m_scale + m_origin;
}

int EmbeddingMap::pointAt(QPointF pos, double maxPixels) const {
    if (m_points.empty() || m_grid.empty())
        return -1;
    const QPointF at = toMap(pos);
    const double reach = maxPixels / m_scale;
    const int x0 = std::max(0, int(std::floor((at.x() - reach - m_bounds.left()) / m_cellSize)));
    const int x1 = std::min(m_gridColumns - 1,
                            int(std::floor((at.x() + reach - m_bounds.left()) / m_cellSize)));
    const int y0 = std::max(0, int(std::floor((at.y() - reach - m_bounds.top()) / m_cellSize)));
    const int y1 =
        std::min(m_gridRows - 1, int(std::floor((at.y() + reach - m_bounds.top()) / m_cellSize)));
    int best = -1;
    double bestSq = reach * reach;
    for (int cy = y0; cy <= y1; ++cy)
        for (int cx = x0; cx <= x1; ++cx)
            for (int i : m_grid[std::size_t(cy) * std::size_t(m_gridColumns) + std::size_t(cx)]) {
                const QPointF d = m_points[std::size_t(i)].at - at;
                const double sq = d.x() * d.x() + d.y() * d.y();
                if (sq < bestSq || (sq == bestSq && best >= 0 && i < best)) {
                    bestSq = sq;
                    best = i;
                }
            }
    return best;
}

const QImage& EmbeddingMap::stamp(QRgb fill, double radius, QRgb ring, double ringWidth) const {
    const int quarter = std::max(1, int(std::lround(radius * 4)));
    const int ringQuarter = int(std::lround(ringWidth * 4));
    const auto key = std::make_tuple(fill, quarter, ring, ringQuarter);
    auto it = m_stamps.find(key);
    if (it != m_stamps.end())
        return it->second;
    if (m_stamps.size() > 4096)
        m_stamps.clear();
    const double r = quarter / 4.0, w = ringQuarter / 4.0;
    const int side = int(std::ceil(2.0 * (r + w))) + 2;
    QImage image(side, side, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter dp(&image);
        dp.setRenderHint(QPainter::Antialiasing);
        dp.setPen(w > 0 ? QPen(QColor::fromRgba(ring), w) : QPen(Qt::NoPen));
        dp.setBrush(qAlpha(fill) ? QBrush(QColor::fromRgba(fill)) : QBrush(Qt::NoBrush));
        dp.drawEllipse(QPointF(side / 2.0, side / 2.0), r, r);
    }
    return m_stamps.emplace(key, std::move(image)).first->second;
}

void EmbeddingMap::stampAt(QPainter& p, const QImage& image, QPointF centre) const {
    p.drawImage((centre - QPointF(image.width() / 2.0, image.height() / 2.0)).toPoint(), image);
}

void EmbeddingMap::drawOverlays(QPainter& p, bool stamped) const {
    const QRectF visible(-12, -12, width() + 24, height() + 24);
    auto ringed = [&](const MapPoint& point, QRgb fill, QColor ring, double grow, double width) {
        const QPointF c = toWidget(point.at);
        if (!visible.contains(c))
            return;
        if (stamped) {
            stampAt(p, stamp(fill, point.radius + grow, ring.rgba(), width), c);
            return;
        }
        p.setPen(QPen(ring, width));
        p.setBrush(qAlpha(fill) ? QBrush(QColor::fromRgba(fill)) : QBrush(Qt::NoBrush));
        p.drawEllipse(c, point.radius + grow, point.radius + grow);
    };
    for (const HighlightGroup& g : m_groups)
        for (int i : g.indices) {
            const MapPoint& point = m_points[std::size_t(i)];
            ringed(point, point.color.rgba(), g.ring, 2.0, 1.8);
        }
    const QColor highlight = palette().color(QPalette::Highlight);
    for (int i : m_selection)
        ringed(m_points[std::size_t(i)], 0, highlight, 1.5, 1.6);
    if (m_hasMarker) {
        const QPointF c = toWidget(m_marker);
        QPolygonF diamond;
        diamond << c + QPointF(0, -8) << c + QPointF(8, 0) << c + QPointF(0, 8)
                << c + QPointF(-8, 0);
        p.setPen(QPen(Qt::white, 2.0));
        p.setBrush(QColor(0xd6, 0x27, 0x28));
        p.drawPolygon(diamond);
        QFont f = p.font();
        f.setBold(true);
        p.setFont(f);
        const QRectF text(c + QPointF(11, -9), QSizeF(260, 18));
        p.setPen(QPen(palette().color(QPalette::Base), 3.0));
        p.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, m_markerLabel);
        p.setPen(QColor(0xd6, 0x27, 0x28).darker(130));
        p.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, m_markerLabel);
        p.setFont(font());
    }
    drawLegend(p);
}

void EmbeddingMap::drawLegend(QPainter& p) const {
    if (m_legend.empty())
        return;
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    const QFontMetrics fm(small);
    int textWidth = 0;
    for (const MapLegendEntry& e : m_legend)
        textWidth = std::max(textWidth, fm.horizontalAdvance(e.label));
    // Long legends (e.g. twenty genres) take two columns.
    const int columns = m_legend.size() > 10 ? 2 : 1;
    const int perColumn = int((m_legend.size() + std::size_t(columns) - 1) / std::size_t(columns));
    const int line = fm.height() + 1;
    const double columnWidth = textWidth + 26;
    const QRectF box(8, 8, columnWidth * columns + 8, line * perColumn + 8);
    QColor back = palette().color(QPalette::Base);
    back.setAlpha(225);
    p.setPen(QPen(palette().color(QPalette::Mid), 1.0));
    p.setBrush(back);
    p.drawRoundedRect(box, 4, 4);
    for (std::size_t k = 0; k < m_legend.size(); ++k) {
        const double x = box.left() + 4 + double(int(k) / perColumn) * columnWidth;
        const double y = box.top() + 4 + double(int(k) % perColumn) * line;
        p.setPen(Qt::NoPen);
        p.setBrush(m_legend[k].color);
        p.drawEllipse(QPointF(x + 8, y + line / 2.0), 4.5, 4.5);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(x + 18, y, textWidth + 6, line), Qt::AlignLeft | Qt::AlignVCenter,
                   m_legend[k].label);
    }
    p.setFont(font());
}

void EmbeddingMap::paintVector(QPainter& p) const {
    p.fillRect(QRectF(0, 0, width(), height()), palette().color(QPalette::Base));
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    const QRectF visible(-8, -8, width() + 16, height() + 16);
    for (const MapPoint& point : m_points) {
        const QPointF c = toWidget(point.at);
        if (point.hidden || !visible.contains(c))
            continue;
        p.setBrush(point.color);
        p.drawEllipse(c, point.radius, point.radius);
    }
    drawOverlays(p, false);
}

bool EmbeddingMap::exportPng(const QString& path, QString* error) {
    if (!grab().save(path, "PNG")) {
        if (error)
            *error = tr("could not write %1").arg(path);
        return false;
    }
    return true;
}

bool EmbeddingMap::exportSvg(const QString& path, const QString& title, QString* error) const {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size());
    svg.setViewBox(rect());
    svg.setTitle(title);
    svg.setDescription(tr("%n point(s)", nullptr, int(m_points.size())));
    QPainter p;
    if (!p.begin(&svg)) {
        if (error)
            *error = tr("could not write %1").arg(path);
        return false;
    }
    p.setFont(font());
    paintVector(p);
    if (!p.end() || !QFile::exists(path)) {
        if (error)
            *error = tr("could not write %1").arg(path);
        return false;
    }
    return true;
}

void EmbeddingMap::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape && !m_selection.empty()) {
        setSelection({});
        return;
    }
    if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) {
        zoomBy(1.25, rect().center());
        return;
    }
    if (event->key() == Qt::Key_Minus) {
        zoomBy(0.8, rect().center());
        return;
    }
    if (event->key() == Qt::Key_0) {
        fitAll();
        return;
    }
    QWidget::keyPressEvent(event);
}

void EmbeddingMap::paintEvent(QPaintEvent*) {
    QElapsedTimer timer;
    timer.start();
    const qreal dpr = devicePixelRatioF();
    m_lastRebuilt = !m_cacheValid || m_cache.size() != size() * dpr;
    if (m_lastRebuilt) {
        m_cache = QImage(size() * dpr, QImage::Format_ARGB32_Premultiplied);
        m_cache.setDevicePixelRatio(dpr);
        m_cache.fill(palette().color(QPalette::Base));
        QPainter cp(&m_cache);
        cp.setRenderHint(QPainter::Antialiasing, m_points.size() < 20000);
        // Every point stamps a pre-rendered antialiased dot image (one per colour and radius
        // rounded to a quarter pixel): far cheaper than one ellipse per point.
        const QRectF visible(-8, -8, width() + 16, height() + 16);
        for (const MapPoint& point : m_points) {
            const QPointF c = toWidget(point.at);
            if (!point.hidden && visible.contains(c))
                stampAt(cp, stamp(point.color.rgba(), point.radius, 0, 0), c);
        }
        m_cacheValid = true;
    }
    QPainter p(this);
    p.drawImage(0, 0, m_cache);
    p.setRenderHint(QPainter::Antialiasing);
    drawOverlays(p, true);
    if (!m_rubber.isEmpty()) {
        QColor fill = palette().color(QPalette::Highlight);
        fill.setAlpha(40);
        p.setPen(QPen(palette().color(QPalette::Highlight), 1.2, Qt::DashLine));
        p.setBrush(fill);
        p.drawPolygon(m_rubber);
    }
    if (m_hovered >= 0) {
        p.setPen(QPen(palette().color(QPalette::Highlight), 2.0));
        p.setBrush(Qt::NoBrush);
        const MapPoint& h = m_points[std::size_t(m_hovered)];
        p.drawEllipse(toWidget(h.at), h.radius + 4.0, h.radius + 4.0);
    }
    if (m_points.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No points to show."));
    }
    m_lastPaintMs = double(timer.nsecsElapsed()) / 1e6;
}

void EmbeddingMap::resizeEvent(QResizeEvent*) {
    if (m_scale <= m_fitScale * 1.0001)
        fitAll(); // a fitted view stays fitted
    else
        invalidate();
}

void EmbeddingMap::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomBy(std::pow(1.25, steps), event->position());
    event->accept();
}

void EmbeddingMap::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton)
        return;
    m_dragging = true;
    m_dragged = false;
    m_pressAt = event->position();
    m_pressOrigin = m_origin;
    m_rubber.clear();
}

void EmbeddingMap::mouseMoveEvent(QMouseEvent* event) {
    if (m_dragging) {
        const QPointF delta = event->position() - m_pressAt;
        if (m_dragged || std::abs(delta.x()) + std::abs(delta.y()) > 4) {
            m_dragged = true;
            switch (m_dragMode) {
            case DragMode::Pan:
                m_origin = m_pressOrigin - delta / m_scale;
                invalidate();
                break;
            case DragMode::Rectangle:
                m_rubber = QPolygonF(QRectF(m_pressAt, event->position()).normalized());
                update();
                break;
            case DragMode::Lasso:
                if (m_rubber.isEmpty())
                    m_rubber << m_pressAt;
                m_rubber << event->position();
                update();
                break;
            }
        }
        return;
    }
    const int hovered = pointAt(event->position());
    if (hovered != m_hovered) {
        m_hovered = hovered;
        update();
        emit hoveredChanged(hovered);
    }
}

void EmbeddingMap::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !m_dragging)
        return;
    m_dragging = false;
    if (!m_dragged) {
        const int index = pointAt(event->position());
        if (index >= 0)
            emit pointActivated(index);
        return;
    }
    if (m_dragMode != DragMode::Pan)
        finishSelection(event->modifiers() & Qt::ShiftModifier);
}

void EmbeddingMap::finishSelection(bool add) {
    std::vector<int> chosen =
        m_dragMode == DragMode::Rectangle ? pointsIn(m_rubber.boundingRect()) : pointsIn(m_rubber);
    m_rubber.clear();
    if (add)
        chosen.insert(chosen.end(), m_selection.begin(), m_selection.end());
    update();
    setSelection(std::move(chosen));
}

void EmbeddingMap::leaveEvent(QEvent*) {
    if (m_hovered >= 0) {
        m_hovered = -1;
        update();
        emit hoveredChanged(-1);
    }
}

bool EmbeddingMap::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int index = pointAt(help->pos());
        if (index >= 0)
            QToolTip::showText(help->globalPos(), m_points[std::size_t(index)].label, this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace rs::ui
