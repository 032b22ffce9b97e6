#include "EgoGraphView.h"

#include "EgoGraphItems.h"
#include "ExplainText.h"

#include <QFileDialog>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QMessageBox>
#include <QMouseEvent>
#include <algorithm>
#include <cmath>

namespace rs::ui {

namespace {

constexpr double kMargin = 20;
constexpr double kMaxFitZoom = 1.25;
constexpr double kMinEdgeWidth = 1.2;
constexpr double kEdgeWidthRange = 7.0; ///< the widest edge is kMinEdgeWidth + this

QString userText(const rs::RunContext& ctx, std::uint32_t u) {
    return QObject::tr("user %1").arg(
        u < ctx.userIds.size() ? QString::fromStdString(ctx.userIds[u]) : QString::number(u));
}

QString nodeName(const rs::EgoNode& n, const rs::RunContext& ctx) {
    switch (n.kind) {
    case rs::EgoNodeKind::User:
    case rs::EgoNodeKind::NeighbourUser:
        return n.returnsToUser ? QObject::tr("%1 (again)").arg(userText(ctx, n.index))
                               : userText(ctx, n.index);
    case rs::EgoNodeKind::HistoryItem:
    case rs::EgoNodeKind::RecommendedItem:
        return ExplainText::itemTitle(ctx.items, n.index);
    }
    return {};
}

QString pathsText(int n) {
    return n == 1 ? QObject::tr("1 drawn path") : QObject::tr("%1 drawn paths").arg(n);
}

/// The small second line of a node.
QString nodeDetail(const rs::EgoNode& n, const rs::EgoGraph& g) {
    switch (n.kind) {
    case rs::EgoNodeKind::User:
        return QObject::tr("explained user");
    case rs::EgoNodeKind::HistoryItem:
        return QObject::tr("%1 · rated %2")
            .arg(ExplainText::number(n.contribution, true), QLocale().toString(n.rating));
    case rs::EgoNodeKind::NeighbourUser:
        return QObject::tr("%1 · %2").arg(ExplainText::number(n.contribution, true),
                                          pathsText(n.paths));
    case rs::EgoNodeKind::RecommendedItem:
        return QObject::tr("score %1").arg(ExplainText::number(g.score));
    }
    return {};
}

QString nodeToolTip(const rs::EgoNode& n, const rs::EgoGraph& g, const rs::RunContext& ctx) {
    const QString name = nodeName(n, ctx).toHtmlEscaped();
    QString html = QStringLiteral("<b>%1</b>").arg(name);
    auto line = [&html](const QString& text) { html += QStringLiteral("<br>") + text; };
    switch (n.kind) {
    case rs::EgoNodeKind::User:
        line(QObject::tr("The explained user."));
        line(QObject::tr("The %1 history items drawn carry <b>%2</b> of the score (all %3: %4).")
                 .arg(g.drawnHistory)
                 .arg(ExplainText::number(g.drawnHistoryContribution, true))
                 .arg(g.totalHistory)
                 .arg(ExplainText::number(g.allHistoryContribution, true)));
        break;
    case rs::EgoNodeKind::HistoryItem: {
        const QString genres = ExplainText::itemGenres(ctx.items, n.index);
        if (!genres.isEmpty())
            line(QStringLiteral("<span style='color:gray'>%1</span>").arg(genres.toHtmlEscaped()));
        line(QObject::tr("Rated %1 by the user.").arg(QLocale().toString(n.rating)));
        line(QObject::tr("Contribution to the score: <b>%1</b>")
                 .arg(ExplainText::number(n.contribution, true)));
        if (g.graphModel)
            line(QObject::tr("%1 through it.").arg(pathsText(n.paths)));
        if (n.viaPath)
            line(QObject::tr("Drawn because a strong path goes through it (not among the items "
                             "carrying the most)."));
        line(QObject::tr("<i>Click to select its row in the evidence list.</i>"));
        break;
    }
    case rs::EgoNodeKind::NeighbourUser:
        if (n.returnsToUser)
            line(QObject::tr("The explained user again: these walks return to the user before "
                             "reaching the item."));
        else
            line(QObject::tr("A neighbour user the walks pass through."));
        line(QObject::tr("%1 carry <b>%2</b>.")
                 .arg(pathsText(n.paths), ExplainText::number(n.contribution, true)));
        if (n.allPaths > 0)
            line(QObject::tr("All its walks: %1 over %2 paths.")
                     .arg(ExplainText::number(n.allPathsContribution, true))
                     .arg(n.allPaths));
        break;
    case rs::EgoNodeKind::RecommendedItem: {
        const QString genres = ExplainText::itemGenres(ctx.items, n.index);
        if (!genres.isEmpty())
            line(QStringLiteral("<span style='color:gray'>%1</span>").arg(genres.toHtmlEscaped()));
        line(QObject::tr("The recommended item, score %1.").arg(ExplainText::number(g.score)));
        line(QObject::tr("The drawn edges bring <b>%1</b>.")
                 .arg(ExplainText::number(n.contribution, true)));
        break;
    }
    }
    return html;
}

QString edgeToolTip(const rs::EgoEdge& e, const rs::EgoGraph& g, const rs::RunContext& ctx) {
    const rs::EgoNode& from = g.nodes[std::size_t(e.from)];
    const rs::EgoNode& to = g.nodes[std::size_t(e.to)];
    QString html = QStringLiteral("<b>%1 → %2</b><br>")
                       .arg(nodeName(from, ctx).toHtmlEscaped(), nodeName(to, ctx).toHtmlEscaped());
    if (e.evidence)
        html += QObject::tr("The rating's contribution: <b>%1</b>")
                    .arg(ExplainText::number(e.contribution, true));
    else
        html += QObject::tr("<b>%1</b> over %2")
                    .arg(ExplainText::number(e.contribution, true), pathsText(e.paths));
    if (e.evidence && g.graphModel)
        html += QStringLiteral("<br>") +
                QObject::tr("(all its walks; %1 of them drawn)").arg(pathsText(e.paths));
    return html;
}

} // namespace

EgoGraphView::EgoGraphView(QWidget* parent)
    : GraphSceneView(kMaxFitZoom, tr("There is no graph to export."),
                     tr("RecScope: graph of a recommendation"), parent) {
    setObjectName(QStringLiteral("egoGraphView"));
}

rs::EgoGraphOptions EgoGraphView::layoutOptions() {
    rs::EgoGraphOptions o;
    o.columnSpacing = EgoNodeItem::kWidth + 64;
    o.rowSpacing = EgoNodeItem::kHeight + 12;
    return o;
}

void EgoGraphView::clear() {
    m_graph = {};
    m_hovered = m_pressed = nullptr;
    m_legend = nullptr;
    m_nodes.clear();
    m_edges.clear();
    scene()->clear();
    scene()->setSceneRect(QRectF());
    viewport()->update();
}

void EgoGraphView::setGraph(const rs::EgoGraph& graph, const rs::RunContext& ctx) {
    clear();
    m_graph = graph;
    if (graph.empty())
        return;
    const QFont font = this->font();
    for (std::size_t n = 0; n < graph.nodes.size(); ++n) {
        const rs::EgoNode& node = graph.nodes[n];
        auto* item = new EgoNodeItem(node, int(n), nodeName(node, ctx), nodeDetail(node, graph),
                                     nodeToolTip(node, graph, ctx), font);
        item->setHoverHandler([this](EgoNodeItem* i, bool on) { onHover(i, on); });
        m_nodes.append(item);
        scene()->addItem(item);
    }
    double widest = 0;
    for (const rs::EgoEdge& e : graph.edges)
        widest = std::max(widest, std::abs(e.contribution));
    for (const rs::EgoEdge& e : graph.edges) {
        EgoNodeItem* from = m_nodes[e.from];
        EgoNodeItem* to = m_nodes[e.to];
        const double width =
            kMinEdgeWidth + (widest > 0 ? kEdgeWidthRange * std::abs(e.contribution) / widest : 0);
        auto* item =
            new EgoEdgeItem(e, from->sceneBox(), to->sceneBox(), width, edgeToolTip(e, graph, ctx));
        m_edges.append(item);
        scene()->addItem(item);
        from->addEdge(item);
        to->addEdge(item);
    }
    addHeadings(graph);
    QRectF nodes;
    for (EgoNodeItem* n : m_nodes)
        nodes = nodes.united(n->sceneBox());
    QString note = QString::fromStdString(graph.coverageNote);
    if (!note.isEmpty())
        note[0] = note[0].toUpper();
    m_legend = new EgoLegendItem(graph, widest, note + QLatin1Char('.'),
                                 std::max(nodes.width(), 480.0), font);
    m_legend->setPos(nodes.left(), nodes.bottom() + 22);
    scene()->addItem(m_legend);
    scene()->setSceneRect(
        scene()->itemsBoundingRect().adjusted(-kMargin, -kMargin, kMargin, kMargin));
    fitToView();
}

void EgoGraphView::addHeadings(const rs::EgoGraph& graph) {
    double top = 0;
    for (EgoNodeItem* n : m_nodes)
        top = std::min(top, n->sceneBox().top());
    QFont bold = font();
    bold.setBold(true);
    for (int c = 0; c < graph.columns; ++c) {
        int count = 0;
        double x = 0;
        rs::EgoNodeKind kind = rs::EgoNodeKind::User;
        for (const rs::EgoNode& n : graph.nodes)
            if (n.column == c) {
                ++count;
                x = n.x;
                kind = n.kind;
            }
        if (count == 0)
            continue;
        QString text;
        switch (kind) {
        case rs::EgoNodeKind::User:
            text = tr("User");
            break;
        case rs::EgoNodeKind::HistoryItem:
            text = tr("History items (%1 of %2)").arg(count).arg(graph.totalHistory);
            break;
        case rs::EgoNodeKind::NeighbourUser:
            text = tr("Users on the paths");
            break;
        case rs::EgoNodeKind::RecommendedItem:
            text = tr("Recommended");
            break;
        }
        auto* heading = new QGraphicsSimpleTextItem(text);
        heading->setFont(bold);
        heading->setBrush(EgoGraphColors::of(kind).stroke.darker(125));
        const QRectF r = heading->boundingRect();
        heading->setPos(x - r.width() / 2, top - r.height() - 12);
        scene()->addItem(heading);
    }
}

EgoNodeItem* EgoGraphView::nodeItem(rs::EgoNodeKind kind, quint32 index) const {
    for (EgoNodeItem* n : m_nodes)
        if (n->node().kind == kind && n->node().index == index)
            return n;
    return nullptr;
}

QPoint EgoGraphView::viewportPos(const EgoNodeItem* node) const {
    return mapFromScene(node->sceneBox().center());
}

void EgoGraphView::onHover(EgoNodeItem* node, bool entered) {
    if (!entered && node != m_hovered)
        return;
    m_hovered = entered ? node : nullptr;
    for (EgoEdgeItem* e : m_edges) {
        if (!m_hovered)
            e->setEmphasis(EgoEdgeItem::Emphasis::Normal);
        else
            e->setEmphasis(m_hovered->edges().contains(e) ? EgoEdgeItem::Emphasis::Highlighted
                                                          : EgoEdgeItem::Emphasis::Dimmed);
    }
}

EgoNodeItem* EgoGraphView::nodeAt(const QPoint& viewportPos) const {
    for (QGraphicsItem* item : items(viewportPos))
        if (auto* node = qgraphicsitem_cast<EgoNodeItem*>(item))
            return node;
    return nullptr;
}

void EgoGraphView::mousePressEvent(QMouseEvent* event) {
    m_pressed = event->button() == Qt::LeftButton ? nodeAt(event->pos()) : nullptr;
    if (m_pressed) {
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void EgoGraphView::mouseReleaseEvent(QMouseEvent* event) {
    EgoNodeItem* pressed = m_pressed;
    m_pressed = nullptr;
    if (!pressed) {
        QGraphicsView::mouseReleaseEvent(event);
        return;
    }
    event->accept();
    if (nodeAt(event->pos()) != pressed)
        return;
    switch (pressed->node().kind) {
    case rs::EgoNodeKind::HistoryItem:
        emit historyItemClicked(pressed->node().index);
        break;
    case rs::EgoNodeKind::NeighbourUser:
        emit userClicked(pressed->node().index);
        break;
    default:
        break;
    }
}

void EgoGraphView::exportWithDialog(const QString& format, const QString& baseName,
                                    const QString& title) {
    const bool svg = format == QLatin1String("svg");
    const QString filter = svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export graph"),
                                                      baseName + QLatin1Char('.') + format, filter);
    if (path.isEmpty())
        return;
    const QString error = svg ? exportSvg(path, title) : exportPng(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export graph"), error);
}

} // namespace rs::ui
