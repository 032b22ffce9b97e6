#include "PipelineEdgeItem.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QPainter>
#include <QPainterPathStroker>
#include <algorithm>
#include <cmath>

namespace rs::ui {

namespace {

constexpr double kArrowLength = 9;
constexpr double kArrowHalfWidth = 4.5;
constexpr double kCorner = 12;
constexpr double kLabelWrapWidth = 84;
const QColor kLine(0x47, 0x55, 0x69);
const QColor kLineHot(0x1d, 0x4e, 0xd8);
const QColor kDiffColor(0xea, 0x58, 0x0c);

QFont labelFont(QFont f) {
    f.setPointSizeF(f.pointSizeF() * 0.85);
    return f;
}

} // namespace

PipelineEdgeItem::PipelineEdgeItem(const QString& from, const QString& to, const QString& label,
                                   const QPolygonF& points, const QFont& font,
                                   QGraphicsItem* parent)
    : QGraphicsItem(parent), m_from(from), m_to(to), m_label(label), m_points(points),
      m_font(font) {
    setZValue(0);
    if (!m_label.isEmpty() && m_points.size() >= 2) {
        const QSizeF size = labelSize(m_label, m_font);
        const QPointF mid = (m_points.front() + m_points.back()) / 2;
        m_labelRect = QRectF(mid - QPointF(size.width() / 2, size.height() / 2), size);
    }
}

QSizeF PipelineEdgeItem::labelSize(const QString& label, const QFont& font) {
    if (label.isEmpty())
        return {};
    // Long labels wrap onto a second line: in a left-right flow their width is the gap
    // between layers.
    const QFontMetricsF fm(labelFont(font));
    const QRectF r = fm.boundingRect(QRectF(0, 0, kLabelWrapWidth, 1000),
                                     Qt::AlignCenter | Qt::TextWordWrap, label);
    return {std::ceil(r.width() + 10), std::ceil(r.height() + 4)};
}

void PipelineEdgeItem::setLabelCenter(const QPointF& center) {
    prepareGeometryChange();
    m_labelRect.moveCenter(center);
}

void PipelineEdgeItem::setHighlighted(bool on) {
    if (on == m_highlighted)
        return;
    m_highlighted = on;
    setZValue(on ? 0.5 : 0);
    update();
}

void PipelineEdgeItem::setOnlyHere(bool on) {
    m_onlyHere = on;
    update();
}

QPolygonF PipelineEdgeItem::arrowHead() const {
    if (m_points.size() < 2)
        return {};
    const QPointF tip = m_points.back();
    QPointF dir = tip - m_points[m_points.size() - 2];
    const double len = std::hypot(dir.x(), dir.y());
    if (len <= 0)
        return {};
    dir /= len;
    const QPointF normal(-dir.y(), dir.x());
    const QPointF base = tip - dir * kArrowLength;
    return QPolygonF({tip, base + normal * kArrowHalfWidth, base - normal * kArrowHalfWidth});
}

QPainterPath PipelineEdgeItem::linePath() const {
    QPainterPath path;
    if (m_points.size() < 2)
        return path;
    // The line stops at the arrowhead's base; corners are rounded with quadratic curves.
    QPolygonF pts = m_points;
    {
        QPointF dir = pts.back() - pts[pts.size() - 2];
        const double len = std::hypot(dir.x(), dir.y());
        if (len > kArrowLength)
            pts.back() -= dir / len * (kArrowLength - 1);
    }
    path.moveTo(pts.front());
    for (int i = 1; i + 1 < pts.size(); ++i) {
        const QPointF prev = pts[i - 1], cur = pts[i], next = pts[i + 1];
        const double inLen = QLineF(prev, cur).length();
        const double outLen = QLineF(cur, next).length();
        const double r = std::min({kCorner, inLen / 2, outLen / 2});
        if (r <= 0.5) {
            path.lineTo(cur);
            continue;
        }
        const QPointF a = cur + (prev - cur) * (r / inLen);
        const QPointF b = cur + (next - cur) * (r / outLen);
        path.lineTo(a);
        path.quadTo(cur, b);
    }
    path.lineTo(pts.back());
    return path;
}

QRectF PipelineEdgeItem::boundingRect() const {
    QRectF r =
        m_points.boundingRect().adjusted(-kArrowLength, -kArrowLength, kArrowLength, kArrowLength);
    if (!m_labelRect.isEmpty())
        r = r.united(m_labelRect.adjusted(-1, -1, 1, 1));
    return r;
}

QPainterPath PipelineEdgeItem::shape() const {
    QPainterPathStroker stroker;
    stroker.setWidth(8);
    QPainterPath p = stroker.createStroke(linePath());
    if (!m_labelRect.isEmpty())
        p.addRect(m_labelRect);
    return p;
}

void PipelineEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    painter->setRenderHint(QPainter::Antialiasing);
    QColor color = m_onlyHere ? kDiffColor : (m_highlighted ? kLineHot : kLine);
    QPen pen(color, m_highlighted ? 2.4 : 1.5, m_onlyHere ? Qt::DashLine : Qt::SolidLine,
             Qt::RoundCap, Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(linePath());
    painter->setPen(QPen(color, 1, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(color);
    painter->drawPolygon(arrowHead());
    if (!m_labelRect.isEmpty()) {
        painter->setPen(QPen(m_highlighted ? kLineHot : QColor(0xcb, 0xd5, 0xe1), 1));
        painter->setBrush(QColor(0xff, 0xff, 0xff, 235));
        painter->drawRoundedRect(m_labelRect, 4, 4);
        painter->setPen(m_highlighted ? kLineHot : QColor(0x33, 0x41, 0x55));
        painter->setFont(labelFont(m_font));
        painter->drawText(m_labelRect, Qt::AlignCenter | Qt::TextWordWrap, m_label);
    }
}

} // namespace rs::ui
