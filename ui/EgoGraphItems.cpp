#include "EgoGraphItems.h"

#include "ExplainText.h"
#include "GraphFonts.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <algorithm>
#include <cmath>

namespace rs::ui {

namespace {

constexpr double kPadX = 8;
constexpr double kArrow = 6;
constexpr double kLegendGap = 18; ///< between legend entries
constexpr double kSwatchW = 26, kSwatchH = 14, kLineW = 30;

} // namespace

// ---- colours -------------------------------------------------------------------------------

QColor EgoGraphColors::positive() {
    return QColor(46, 139, 87);
}

QColor EgoGraphColors::negative() {
    return QColor(200, 70, 70);
}

EgoGraphColors EgoGraphColors::of(rs::EgoNodeKind kind) {
    switch (kind) {
    case rs::EgoNodeKind::User:
        return {QColor(0xdb, 0xea, 0xfe), QColor(0x25, 0x63, 0xeb)};
    case rs::EgoNodeKind::HistoryItem:
        return {QColor(0xf1, 0xf5, 0xf9), QColor(0x64, 0x74, 0x8b)};
    case rs::EgoNodeKind::NeighbourUser:
        return {QColor(0xed, 0xe9, 0xfe), QColor(0x7c, 0x3a, 0xed)};
    case rs::EgoNodeKind::RecommendedItem:
        return {QColor(0xfe, 0xf3, 0xc7), QColor(0xd9, 0x77, 0x06)};
    }
    return {Qt::white, Qt::gray};
}

EgoGraphColors EgoGraphColors::of(const rs::EgoNode& node) {
    EgoGraphColors c = of(node.kind);
    if (node.returnsToUser) {
        c = of(rs::EgoNodeKind::User);
        c.penStyle = Qt::DashLine;
    } else if (node.viaPath) {
        c.penStyle = Qt::DashLine;
    }
    return c;
}

// ---- nodes ---------------------------------------------------------------------------------

EgoNodeItem::EgoNodeItem(const rs::EgoNode& node, int index, const QString& label,
                         const QString& detail, const QString& toolTip, const QFont& font,
                         QGraphicsItem* parent)
    : QGraphicsItem(parent), m_node(node), m_index(index), m_label(label), m_detail(detail),
      m_font(font) {
    setPos(node.x, node.y);
    setAcceptHoverEvents(true);
    setToolTip(toolTip);
    setZValue(2);
    const bool clickable =
        node.kind == rs::EgoNodeKind::HistoryItem || node.kind == rs::EgoNodeKind::NeighbourUser;
    setCursor(clickable ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

QRectF EgoNodeItem::box() const {
    return QRectF(-kWidth / 2, -kHeight / 2, kWidth, kHeight);
}

double EgoNodeItem::radius() const {
    const bool user =
        m_node.kind == rs::EgoNodeKind::User || m_node.kind == rs::EgoNodeKind::NeighbourUser;
    return user ? kHeight / 2 : 6;
}

QRectF EgoNodeItem::boundingRect() const {
    return box().adjusted(-5, -5, 5, 5);
}

QPainterPath EgoNodeItem::shape() const {
    QPainterPath p;
    p.addRoundedRect(box(), radius(), radius());
    return p;
}

void EgoNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    const EgoGraphColors c = EgoGraphColors::of(m_node);
    const QRectF b = box();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    if (m_hovered) {
        QColor halo = c.stroke;
        halo.setAlpha(70);
        painter->setPen(QPen(halo, 7));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(b, radius(), radius());
    }
    const bool main =
        m_node.kind == rs::EgoNodeKind::User || m_node.kind == rs::EgoNodeKind::RecommendedItem;
    painter->setPen(QPen(c.stroke, main ? 2.0 : 1.3, c.penStyle));
    painter->setBrush(m_hovered ? c.fill.darker(106) : c.fill);
    painter->drawRoundedRect(b.adjusted(0.5, 0.5, -0.5, -0.5), radius(), radius());

    const double inset = radius() > 10 ? kPadX + 6 : kPadX;
    const double textWidth = b.width() - 2 * inset;
    const QFont title = boldFont(m_font), small = rs::ui::smallFont(m_font);
    const QFontMetricsF tm(title), sm(small);
    const double total = tm.height() + sm.height();
    const double top = b.center().y() - total / 2;
    painter->setFont(title);
    painter->setPen(QColor(0x1e, 0x29, 0x3b));
    painter->drawText(QRectF(b.left() + inset, top, textWidth, tm.height()), Qt::AlignCenter,
                      tm.elidedText(m_label, Qt::ElideRight, textWidth));
    painter->setFont(small);
    painter->setPen(c.stroke.darker(130));
    painter->drawText(QRectF(b.left() + inset, top + tm.height(), textWidth, sm.height()),
                      Qt::AlignCenter, sm.elidedText(m_detail, Qt::ElideRight, textWidth));
}

void EgoNodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent* event) {
    m_hovered = true;
    update();
    if (m_onHover)
        m_onHover(this, true);
    QGraphicsItem::hoverEnterEvent(event);
}

void EgoNodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent* event) {
    m_hovered = false;
    update();
    if (m_onHover)
        m_onHover(this, false);
    QGraphicsItem::hoverLeaveEvent(event);
}

// ---- edges ---------------------------------------------------------------------------------

EgoEdgeItem::EgoEdgeItem(const rs::EgoEdge& edge, const QRectF& from, const QRectF& to,
                         double width, const QString& toolTip, QGraphicsItem* parent)
    : QGraphicsItem(parent), m_edge(edge), m_start(from.right(), from.center().y()),
      m_end(to.left(), to.center().y()), m_width(width) {
    setToolTip(toolTip);
    setAcceptHoverEvents(true);
    setZValue(std::abs(edge.contribution) > 0 ? 0.1 : 0);
}

QColor EgoEdgeItem::color() const {
    return m_edge.contribution >= 0 ? EgoGraphColors::positive() : EgoGraphColors::negative();
}

void EgoEdgeItem::setEmphasis(Emphasis emphasis) {
    if (emphasis == m_emphasis)
        return;
    m_emphasis = emphasis;
    setZValue(emphasis == Emphasis::Highlighted ? 1 : 0);
    update();
}

QPainterPath EgoEdgeItem::curve() const {
    QPainterPath path(m_start);
    const QPointF end = m_end - QPointF(kArrow, 0);
    const double dx = std::max(20.0, (end.x() - m_start.x()) * 0.5);
    path.cubicTo(m_start + QPointF(dx, 0), end - QPointF(dx, 0), end);
    return path;
}

QRectF EgoEdgeItem::boundingRect() const {
    const double pad = m_width / 2 + kArrow + 2;
    return QRectF(m_start, m_end).normalized().adjusted(-pad, -pad, pad, pad);
}

QPainterPath EgoEdgeItem::shape() const {
    QPainterPathStroker stroker;
    stroker.setWidth(std::max(m_width, 6.0));
    return stroker.createStroke(curve());
}

void EgoEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    painter->setRenderHint(QPainter::Antialiasing);
    QColor c = color();
    c.setAlpha(m_emphasis == Emphasis::Highlighted ? 240
               : m_emphasis == Emphasis::Dimmed    ? 35
                                                   : 150);
    const double w = m_emphasis == Emphasis::Highlighted ? m_width + 1 : m_width;
    painter->setPen(QPen(c, w, Qt::SolidLine, Qt::FlatCap));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(curve());
    const double half = std::max(3.5, w * 0.75);
    painter->setPen(Qt::NoPen);
    painter->setBrush(c);
    painter->drawPolygon(QPolygonF(
        {m_end, m_end + QPointF(-kArrow - 1, -half), m_end + QPointF(-kArrow - 1, half)}));
}

// ---- legend --------------------------------------------------------------------------------

EgoLegendItem::EgoLegendItem(const rs::EgoGraph& graph, double maxContribution, const QString& note,
                             double width, const QFont& font, QGraphicsItem* parent)
    : QGraphicsItem(parent), m_note(note), m_width(width), m_font(font) {
    auto nodeEntry = [this](rs::EgoNode n, const QString& text) {
        m_entries.append({Entry::Sample::Node, n, {}, text});
    };
    rs::EgoNode n;
    n.kind = rs::EgoNodeKind::User;
    nodeEntry(n, QObject::tr("explained user"));
    n.kind = rs::EgoNodeKind::HistoryItem;
    nodeEntry(n, QObject::tr("rated (history) item"));
    bool via = false, again = false, neighbours = false;
    for (const rs::EgoNode& node : graph.nodes) {
        via = via || node.viaPath;
        again = again || node.returnsToUser;
        neighbours =
            neighbours || (node.kind == rs::EgoNodeKind::NeighbourUser && !node.returnsToUser);
    }
    if (via) {
        n.viaPath = true;
        nodeEntry(n, QObject::tr("history item a drawn path goes through"));
        n.viaPath = false;
    }
    if (neighbours) {
        n.kind = rs::EgoNodeKind::NeighbourUser;
        nodeEntry(n, QObject::tr("neighbour user on the paths"));
    }
    if (again) {
        n.kind = rs::EgoNodeKind::NeighbourUser;
        n.returnsToUser = true;
        nodeEntry(n, QObject::tr("the user again (walk returns)"));
        n.returnsToUser = false;
    }
    n.kind = rs::EgoNodeKind::RecommendedItem;
    nodeEntry(n, QObject::tr("recommended item"));
    m_entries.append(
        {Entry::Sample::Edge, {}, EgoGraphColors::positive(), QObject::tr("raises the score")});
    m_entries.append(
        {Entry::Sample::Edge, {}, EgoGraphColors::negative(), QObject::tr("lowers the score")});
    m_entries.append({Entry::Sample::ThinThick,
                      {},
                      {},
                      QObject::tr("width ∝ |contribution| (widest: %1)")
                          .arg(ExplainText::number(maxContribution))});

    const auto rows = placed();
    const double entriesBottom = rows.isEmpty() ? 0 : rows.back().second.y() + rowHeight();
    const QFontMetricsF fm(smallFont());
    const QRectF noteRect =
        m_note.isEmpty() ? QRectF()
                         : fm.boundingRect(QRectF(0, 0, m_width, 10000), Qt::TextWordWrap, m_note);
    m_height = entriesBottom + (m_note.isEmpty() ? 0 : 6 + noteRect.height());
}

QStringList EgoLegendItem::entries() const {
    QStringList texts;
    for (const Entry& e : m_entries)
        texts << e.text;
    return texts;
}

QFont EgoLegendItem::smallFont() const {
    return rs::ui::smallFont(m_font);
}

double EgoLegendItem::rowHeight() const {
    return std::max(QFontMetricsF(smallFont()).height(), kSwatchH) + 6;
}

double EgoLegendItem::entryWidth(const Entry& e) const {
    const double sample = e.sample == Entry::Sample::Node        ? kSwatchW
                          : e.sample == Entry::Sample::ThinThick ? 2 * kLineW + 4
                                                                 : kLineW;
    return sample + 6 + QFontMetricsF(smallFont()).horizontalAdvance(e.text);
}

QList<QPair<int, QPointF>> EgoLegendItem::placed() const {
    QList<QPair<int, QPointF>> out;
    double x = 0, y = 0;
    for (int k = 0; k < m_entries.size(); ++k) {
        const double w = entryWidth(m_entries[k]);
        if (x > 0 && x + w > m_width) {
            x = 0;
            y += rowHeight();
        }
        out.append({k, QPointF(x, y)});
        x += w + kLegendGap;
    }
    return out;
}

QRectF EgoLegendItem::boundingRect() const {
    return QRectF(0, 0, m_width, m_height);
}

void EgoLegendItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(smallFont());
    const QFontMetricsF fm(smallFont());
    const double h = rowHeight();
    const QColor text(0x33, 0x41, 0x55);
    for (const auto& [k, at] : placed()) {
        const Entry& e = m_entries[k];
        const double mid = at.y() + h / 2;
        double x = at.x();
        switch (e.sample) {
        case Entry::Sample::Node: {
            const EgoGraphColors c = EgoGraphColors::of(e.node);
            const bool user = e.node.kind == rs::EgoNodeKind::User ||
                              e.node.kind == rs::EgoNodeKind::NeighbourUser;
            painter->setPen(QPen(c.stroke, 1.3, c.penStyle));
            painter->setBrush(c.fill);
            const QRectF sw(x, mid - kSwatchH / 2, kSwatchW, kSwatchH);
            painter->drawRoundedRect(sw, user ? kSwatchH / 2 : 3, user ? kSwatchH / 2 : 3);
            x += kSwatchW;
            break;
        }
        case Entry::Sample::Edge:
            painter->setPen(QPen(e.color, 3, Qt::SolidLine, Qt::FlatCap));
            painter->drawLine(QPointF(x, mid), QPointF(x + kLineW, mid));
            x += kLineW;
            break;
        case Entry::Sample::ThinThick:
            painter->setPen(QPen(QColor(0x64, 0x74, 0x8b), 1, Qt::SolidLine, Qt::FlatCap));
            painter->drawLine(QPointF(x, mid), QPointF(x + kLineW, mid));
            painter->setPen(QPen(QColor(0x64, 0x74, 0x8b), 7, Qt::SolidLine, Qt::FlatCap));
            painter->drawLine(QPointF(x + kLineW + 4, mid), QPointF(x + 2 * kLineW + 4, mid));
            x += 2 * kLineW + 4;
            break;
        }
        painter->setPen(text);
        painter->drawText(QRectF(x + 6, at.y(), fm.horizontalAdvance(e.text) + 2, h),
                          Qt::AlignLeft | Qt::AlignVCenter, e.text);
    }
    if (!m_note.isEmpty()) {
        const auto rows = placed();
        const double top = rows.isEmpty() ? 0 : rows.back().second.y() + h + 6;
        painter->setPen(QColor(0x47, 0x55, 0x69));
        painter->drawText(QRectF(0, top, m_width, m_height - top), Qt::TextWordWrap, m_note);
    }
}

} // namespace rs::ui
