#include "PipelineNodeItem.h"

#include "GraphFonts.h"
#include "PipelineEdgeItem.h"

#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QLocale>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

namespace rs::ui {

namespace {

constexpr double kPadX = 12;
constexpr double kPadY = 8;
constexpr double kBarHeight = 6;
constexpr double kMinWidth = 150;
constexpr double kMaxWidth = 340;
constexpr double kRadius = 10;
const QColor kDiffColor(0xea, 0x58, 0x0c);

QString rowsText(std::int64_t rows) {
    return QLocale().toString(qlonglong(rows));
}

/// The parameter lines drawn in the box: (key, text), at most kMaxParamLines, the last one
/// saying how many more there are when the stage has more.
QList<QPair<QString, QString>> paramLines(const rs::StageNode& n) {
    QList<QPair<QString, QString>> lines;
    const int count = int(n.params.size());
    const int shown =
        count > PipelineNodeItem::kMaxParamLines ? PipelineNodeItem::kMaxParamLines - 1 : count;
    for (int i = 0; i < shown; ++i) {
        const auto& [k, v] = n.params[std::size_t(i)];
        const QString key = QString::fromStdString(k);
        lines.append({key, key + QStringLiteral(": ") + QString::fromStdString(v)});
    }
    if (shown < count)
        lines.append({QString(), QObject::tr("+ %n more parameter(s)", nullptr, count - shown)});
    return lines;
}

} // namespace

PipelineNodeColors PipelineNodeColors::of(rs::StageStatus status) {
    switch (status) {
    case rs::StageStatus::Pending:
        return {QColor(0xee, 0xee, 0xee), QColor(0x9e, 0x9e, 0x9e), QColor(0x42, 0x42, 0x42)};
    case rs::StageStatus::Running:
        return {QColor(0xdb, 0xea, 0xfe), QColor(0x1d, 0x4e, 0xd8), QColor(0x1e, 0x3a, 0x8a)};
    case rs::StageStatus::Done:
        return {QColor(0xdc, 0xfc, 0xe7), QColor(0x15, 0x80, 0x3d), QColor(0x14, 0x53, 0x2d)};
    case rs::StageStatus::Failed:
        return {QColor(0xfe, 0xe2, 0xe2), QColor(0xb9, 0x1c, 0x1c), QColor(0x7f, 0x1d, 0x1d)};
    case rs::StageStatus::Cancelled:
        return {QColor(0xf8, 0xfa, 0xfc), QColor(0xc2, 0x41, 0x0c), QColor(0x7c, 0x6d, 0x64),
                Qt::DashLine};
    case rs::StageStatus::Skipped:
        break;
    }
    return {QColor(0xf8, 0xfa, 0xfc), QColor(0x94, 0xa3, 0xb8), QColor(0x94, 0xa3, 0xb8),
            Qt::DashLine};
}

QString PipelineNodeItem::secondsText(double s) {
    if (s < 10)
        return QStringLiteral("%1 s").arg(s, 0, 'f', 2);
    if (s < 100)
        return QStringLiteral("%1 s").arg(s, 0, 'f', 1);
    const int total = int(std::lround(s));
    return QObject::tr("%1 min %2 s").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}

QString PipelineNodeItem::statusLine(const rs::StageNode& n) {
    QStringList parts;
    switch (n.status) {
    case rs::StageStatus::Pending:
        parts << QObject::tr("pending");
        break;
    case rs::StageStatus::Running:
        parts << QObject::tr("running %1%").arg(int(std::floor(n.progress * 100 + 1e-9)));
        break;
    case rs::StageStatus::Done:
        parts << QObject::tr("done");
        break;
    case rs::StageStatus::Failed:
        parts << QObject::tr("failed");
        break;
    case rs::StageStatus::Cancelled:
        parts << QObject::tr("cancelled");
        break;
    case rs::StageStatus::Skipped:
        parts << QObject::tr("skipped");
        break;
    }
    if (n.seconds && n.status != rs::StageStatus::Pending)
        parts << secondsText(*n.seconds);
    if (n.status == rs::StageStatus::Done || n.status == rs::StageStatus::Running) {
        if (n.rowsIn && n.rowsOut)
            parts << QObject::tr("%1 → %2 rows").arg(rowsText(*n.rowsIn), rowsText(*n.rowsOut));
        else if (n.rowsOut)
            parts << QObject::tr("→ %1 rows").arg(rowsText(*n.rowsOut));
        else if (n.rowsIn)
            parts << QObject::tr("%1 rows in").arg(rowsText(*n.rowsIn));
    }
    QString line = parts.join(QStringLiteral(" · "));
    if (!n.error.empty())
        line += QStringLiteral(": ") + QString::fromStdString(n.error).simplified();
    return line;
}

QSizeF PipelineNodeItem::measure(const rs::StageNode& n, const QFont& font) {
    const QFontMetricsF title(boldFont(font));
    const QFontMetricsF body(font);
    const QFontMetricsF small(smallFont(font));
    double width = title.horizontalAdvance(QString::fromStdString(n.label));
    const auto lines = paramLines(n);
    for (const auto& line : lines)
        width = std::max(width, body.horizontalAdvance(line.second));
    width = std::max(width, small.horizontalAdvance(statusLine(n)));
    width = std::clamp(width + 2 * kPadX, kMinWidth, kMaxWidth);
    const double height = 2 * kPadY + title.height() + 2 + lines.size() * body.height() + 4 +
                          small.height() + 3 + kBarHeight;
    return {std::ceil(width), std::ceil(height)};
}

PipelineNodeItem::PipelineNodeItem(const rs::StageNode& node, const QFont& font,
                                   QGraphicsItem* parent)
    : QGraphicsItem(parent), m_node(node), m_font(font), m_size(measure(node, font)) {
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setCursor(Qt::PointingHandCursor);
    setZValue(1);
    refreshToolTip();
}

void PipelineNodeItem::setNode(const rs::StageNode& node) {
    if (node == m_node)
        return;
    m_node = node;
    refreshToolTip();
    update();
}

void PipelineNodeItem::setSize(const QSizeF& size) {
    prepareGeometryChange();
    m_size = size;
}

void PipelineNodeItem::setComparison(bool changed, bool missingInOther, const QSet<QString>& keys,
                                     bool paramsChanged) {
    m_changed = changed;
    m_paramsChanged = paramsChanged || missingInOther;
    m_missingOther = missingInOther;
    m_changedKeys = keys;
    refreshToolTip();
    update();
}

QRectF PipelineNodeItem::boundingRect() const {
    return QRectF(QPointF(0, 0), m_size).adjusted(-4, -4, 4, 4);
}

QPainterPath PipelineNodeItem::shape() const {
    QPainterPath p;
    p.addRoundedRect(QRectF(QPointF(0, 0), m_size), kRadius, kRadius);
    return p;
}

void PipelineNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const PipelineNodeColors c = PipelineNodeColors::of(m_node.status);
    const QRectF box(QPointF(0, 0), m_size);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);

    // Hover and selection: a soft halo around the box.
    if (m_hovered || isSelected()) {
        QColor halo = isSelected() ? QColor(0x25, 0x63, 0xeb) : c.stroke;
        halo.setAlpha(isSelected() ? 90 : 60);
        painter->setPen(QPen(halo, 6));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(box, kRadius, kRadius);
    }
    QColor fill = c.fill;
    if (m_hovered)
        fill = fill.darker(104);
    double strokeWidth =
        (m_node.status == rs::StageStatus::Running || m_node.status == rs::StageStatus::Failed)
            ? 2.0
            : 1.3;
    QPen pen(c.stroke, strokeWidth, c.penStyle);
    if (m_changed) {
        pen = QPen(kDiffColor, m_paramsChanged ? 3 : 1.6,
                   m_missingOther ? Qt::DashLine : Qt::SolidLine);
    }
    painter->setPen(pen);
    painter->setBrush(fill);
    painter->drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);

    const QFont title = boldFont(m_font);
    const QFont small = smallFont(m_font);
    const QFontMetricsF tm(title), bm(m_font), sm(small);
    const double textWidth = m_size.width() - 2 * kPadX;
    double y = kPadY;

    painter->setPen(c.text);
    painter->setFont(title);
    painter->drawText(
        QRectF(kPadX, y, textWidth, tm.height()), Qt::AlignHCenter | Qt::AlignVCenter,
        tm.elidedText(QString::fromStdString(m_node.label), Qt::ElideRight, textWidth));
    y += tm.height() + 2;

    painter->setFont(m_font);
    for (const auto& [key, text] : paramLines(m_node)) {
        const bool differs = !key.isEmpty() && m_changedKeys.contains(key);
        if (differs) {
            painter->setFont(boldFont(m_font));
            painter->setPen(kDiffColor.darker(115));
        } else {
            painter->setFont(m_font);
            QColor muted = c.text;
            muted.setAlpha(210);
            painter->setPen(muted);
        }
        painter->drawText(
            QRectF(kPadX, y, textWidth, bm.height()), Qt::AlignHCenter | Qt::AlignVCenter,
            QFontMetricsF(painter->font()).elidedText(text, Qt::ElideMiddle, textWidth));
        y += bm.height();
    }
    y += 4;

    // Status line, then the progress bar row (drawn only while the stage runs).
    painter->setFont(small);
    QColor statusColor = c.stroke.darker(m_node.status == rs::StageStatus::Skipped ? 100 : 120);
    painter->setPen(statusColor);
    painter->drawText(QRectF(kPadX, y, textWidth, sm.height()), Qt::AlignHCenter | Qt::AlignVCenter,
                      sm.elidedText(statusLine(m_node), Qt::ElideRight, textWidth));
    y += sm.height() + 3;
    if (m_node.status == rs::StageStatus::Running) {
        const QRectF bar(kPadX, y, textWidth, kBarHeight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xff, 0xff, 0xff, 200));
        painter->drawRoundedRect(bar, 3, 3);
        painter->setBrush(c.stroke);
        const double p = std::clamp(m_node.progress, 0.0, 1.0);
        if (p > 0)
            painter->drawRoundedRect(QRectF(bar.topLeft(), QSizeF(bar.width() * p, kBarHeight)), 3,
                                     3);
    }

    // Comparison badge in the top-right corner.
    if (m_changed) {
        const QString badge = m_missingOther    ? QObject::tr("only here")
                              : m_paramsChanged ? QObject::tr("≠ parameters")
                                                : QObject::tr("≠ outputs");
        const QFontMetricsF bfm(small);
        const QRectF tag(m_size.width() - bfm.horizontalAdvance(badge) - 14, -bfm.height() / 2,
                         bfm.horizontalAdvance(badge) + 10, bfm.height());
        painter->setPen(Qt::NoPen);
        painter->setBrush(kDiffColor);
        painter->drawRoundedRect(tag, 4, 4);
        painter->setPen(Qt::white);
        painter->setFont(boldFont(small));
        painter->drawText(tag, Qt::AlignCenter, badge);
    }
}

void PipelineNodeItem::setHovered(bool on) {
    m_hovered = on;
    for (PipelineEdgeItem* e : m_edges)
        e->setHighlighted(on || isSelected());
    update();
}

void PipelineNodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent* event) {
    setHovered(true);
    QGraphicsItem::hoverEnterEvent(event);
}

void PipelineNodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent* event) {
    setHovered(false);
    QGraphicsItem::hoverLeaveEvent(event);
}

QVariant PipelineNodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
    if (change == ItemSelectedHasChanged)
        for (PipelineEdgeItem* e : m_edges)
            e->setHighlighted(value.toBool() || m_hovered);
    return QGraphicsItem::itemChange(change, value);
}

void PipelineNodeItem::refreshToolTip() {
    auto esc = [](const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); };
    QString html = QStringLiteral("<b>%1</b> <span style='color:gray'>(%2, %3)</span><br>%4")
                       .arg(esc(m_node.label), esc(m_node.id),
                            QString::fromLatin1(rs::stageKindName(m_node.kind)),
                            statusLine(m_node).toHtmlEscaped());
    auto table = [&](const rs::StageValues& values, const QString& title) {
        if (values.empty())
            return;
        html += QStringLiteral("<br><i>%1</i><table>").arg(title);
        for (const auto& [k, v] : values) {
            const bool differs = m_changedKeys.contains(QString::fromStdString(k));
            html += QStringLiteral("<tr><td>%1%2</td><td>%3</td></tr>")
                        .arg(esc(k), differs ? QStringLiteral(" ≠") : QString(), esc(v));
        }
        html += QStringLiteral("</table>");
    };
    table(m_node.params, QObject::tr("Parameters"));
    table(m_node.outputs, QObject::tr("Outputs"));
    if (m_missingOther)
        html += QStringLiteral("<br><i>%1</i>")
                    .arg(QObject::tr("The compared run has no such "
                                     "stage."));
    setToolTip(html);
}

} // namespace rs::ui
