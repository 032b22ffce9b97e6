#include "EmbeddingMap.h"

#include <QElapsedTimer>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
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
    m_highlighted.clear();
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

void EmbeddingMap::setHighlighted(std::vector<int> indices) {
    indices.erase(std::remove_if(indices.begin(), indices.end(),
                                 [this](int i) { return i < 0 || i >= int(m_points.size()); }),
                  indices.end());
    m_highlighted = std::move(indices);
    update(); // drawn over the cache: no rebuild
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

void EmbeddingMap::drawPoint(QPainter& p, const MapPoint& point, bool outline) const {
    const QPointF c = toWidget(point.at);
    const double r = outline ? point.radius + 2.0 : point.radius;
    if (outline) {
        p.setPen(QPen(QColor(20, 20, 20), 1.5));
        p.setBrush(point.color);
    }
    p.drawEllipse(c, r, r);
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
        // Points are batched by (colour, radius) and drawn as round pen dots, one drawPoints
        // call per batch: far cheaper than one ellipse per point.
        const QRectF visible(-8, -8, width() + 16, height() + 16);
        std::map<std::pair<QRgb, float>, std::vector<QPointF>> batches;
        for (const MapPoint& point : m_points) {
            const QPointF c = toWidget(point.at);
            if (visible.contains(c))
                batches[{point.color.rgba(), point.radius}].push_back(c);
        }
        // Each batch stamps one pre-rendered (antialiased) dot image at its points.
        for (const auto& [key, at] : batches) {
            const int side = int(std::ceil(2.0 * key.second)) + 2;
            QImage dot(side, side, QImage::Format_ARGB32_Premultiplied);
            dot.fill(Qt::transparent);
            {
                QPainter dp(&dot);
                dp.setRenderHint(QPainter::Antialiasing);
                dp.setPen(Qt::NoPen);
                dp.setBrush(QColor::fromRgba(key.first));
                dp.drawEllipse(QPointF(side / 2.0, side / 2.0), key.second, key.second);
            }
            const QPointF offset(side / 2.0, side / 2.0);
            for (const QPointF& c : at)
                cp.drawImage((c - offset).toPoint(), dot);
        }
        m_cacheValid = true;
    }
    QPainter p(this);
    p.drawImage(0, 0, m_cache);
    p.setRenderHint(QPainter::Antialiasing);
    for (int i : m_highlighted)
        drawPoint(p, m_points[std::size_t(i)], true);
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
}

void EmbeddingMap::mouseMoveEvent(QMouseEvent* event) {
    if (m_dragging) {
        const QPointF delta = event->position() - m_pressAt;
        if (m_dragged || std::abs(delta.x()) + std::abs(delta.y()) > 4) {
            m_dragged = true;
            m_origin = m_pressOrigin - delta / m_scale;
            invalidate();
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
    }
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
