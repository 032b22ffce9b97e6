#include "PipelineView.h"

#include "PipelineEdgeItem.h"
#include "PipelineNodeItem.h"

#include "pipeline/PipelineLayout.h"

#include <QGraphicsScene>
#include <algorithm>
#include <cmath>

namespace rs::ui {

namespace {

constexpr double kMargin = 24;
constexpr double kMaxFitZoom = 1.25;

/// Same stages (ids, kinds, labels, parameters, order) and edges: only states changed.
bool sameStructure(const rs::StageGraph& a, const rs::StageGraph& b) {
    if (a.nodes.size() != b.nodes.size() || a.edges != b.edges)
        return false;
    for (std::size_t i = 0; i < a.nodes.size(); ++i) {
        const rs::StageNode& x = a.nodes[i];
        const rs::StageNode& y = b.nodes[i];
        if (x.id != y.id || x.kind != y.kind || x.label != y.label || x.params != y.params)
            return false;
    }
    return true;
}

} // namespace

PipelineView::PipelineView(QWidget* parent)
    : GraphSceneView(kMaxFitZoom, tr("There is no pipeline to export."), tr("RecScope pipeline"),
                     parent) {
    connect(scene(), &QGraphicsScene::selectionChanged, this, [this] {
        if (!m_rebuilding)
            emit nodeSelected(selectedNodeId());
    });
}

PipelineView::~PipelineView() {
    // The scene clears its selection while it is destroyed: no signal may reach a half-destroyed
    // owner.
    disconnect(scene(), nullptr, this, nullptr);
    blockSignals(true);
}

void PipelineView::clear() {
    m_graph = {};
    m_rebuilding = true;
    scene()->clear();
    m_rebuilding = false;
    m_nodes.clear();
    m_edges.clear();
    scene()->setSceneRect(QRectF());
    emit nodeSelected(QString());
    viewport()->update();
}

void PipelineView::setGraph(const rs::StageGraph& graph) {
    m_graph = graph;
    rebuild();
}

bool PipelineView::updateGraph(const rs::StageGraph& graph) {
    if (m_nodes.isEmpty() || !sameStructure(m_graph, graph)) {
        setGraph(graph);
        return false;
    }
    m_graph = graph;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i)
        m_nodes[int(i)]->setNode(graph.nodes[i]);
    return true;
}

void PipelineView::setDirection(rs::FlowDirection direction) {
    if (direction == m_direction)
        return;
    m_direction = direction;
    if (hasGraph()) {
        setAutoFit(true);
        rebuild();
    }
}

void PipelineView::rebuild() {
    const QString selected = selectedNodeId();
    m_rebuilding = true;
    scene()->clear();
    m_nodes.clear();
    m_edges.clear();
    m_rebuilding = false;
    if (m_graph.nodes.empty()) {
        scene()->setSceneRect(QRectF());
        emit nodeSelected(QString());
        return;
    }
    const QFont font = this->font();
    std::vector<rs::LayoutSize> sizes;
    for (const rs::StageNode& n : m_graph.nodes) {
        auto* item = new PipelineNodeItem(n, font);
        const QSizeF s = PipelineNodeItem::measure(n, font);
        sizes.push_back({s.width(), s.height()});
        m_nodes.append(item);
        scene()->addItem(item);
    }
    // Layers leave room for the edge labels between them.
    double labelW = 0, labelH = 0;
    for (const rs::StageEdge& e : m_graph.edges) {
        const QSizeF s = PipelineEdgeItem::labelSize(QString::fromStdString(e.label), font);
        labelW = std::max(labelW, s.width());
        labelH = std::max(labelH, s.height());
    }
    rs::LayoutOptions options;
    options.direction = m_direction;
    options.layerGap = m_direction == rs::FlowDirection::TopDown ? std::max(48.0, labelH + 30)
                                                                 : std::max(56.0, labelW + 28);
    options.nodeGap = 28;
    const rs::LayoutGraph input = rs::stageLayoutGraph(m_graph, sizes);
    const rs::GraphLayout layout = rs::layoutDag(input, options);
    ++m_layoutCount;
    if (!layout.ok()) {
        // Not a DAG (should not happen for a run): a simple column keeps every stage visible.
        double y = 0;
        for (int i = 0; i < m_nodes.size(); ++i) {
            m_nodes[i]->setPos(0, y);
            y += sizes[std::size_t(i)].height + options.layerGap;
        }
    } else {
        for (int i = 0; i < m_nodes.size(); ++i) {
            const rs::LayoutRect& r = layout.nodes[std::size_t(i)];
            m_nodes[i]->setSize(QSizeF(r.width, r.height));
            m_nodes[i]->setPos(r.x, r.y);
        }
        for (std::size_t k = 0; k < layout.edges.size(); ++k) {
            const rs::LayoutEdge& le = layout.edges[k];
            const rs::StageNode& from = m_graph.nodes[std::size_t(le.from)];
            const rs::StageNode& to = m_graph.nodes[std::size_t(le.to)];
            // stageLayoutGraph leaves out edges naming unknown stages: find the label by ids.
            QString label;
            for (const rs::StageEdge& e : m_graph.edges)
                if (e.from == from.id && e.to == to.id) {
                    label = QString::fromStdString(e.label);
                    break;
                }
            QPolygonF points;
            for (const rs::LayoutPoint& p : le.points)
                points << QPointF(p.x, p.y);
            auto* edge = new PipelineEdgeItem(QString::fromStdString(from.id),
                                              QString::fromStdString(to.id), label, points, font);
            m_edges.append(edge);
            scene()->addItem(edge);
            m_nodes[le.from]->addEdge(edge);
            m_nodes[le.to]->addEdge(edge);
        }
        placeLabels();
    }
    scene()->setSceneRect(graphRect());
    if (!selected.isEmpty() && !selectNode(selected))
        emit nodeSelected(QString());
    if (autoFit())
        fitToView();
}

void PipelineView::placeLabels() {
    // Greedy: each label goes to the first spot along its edge's between-layer segments (middle
    // first) that overlaps no box and no label placed before it.
    QList<QRectF> taken;
    for (PipelineNodeItem* n : m_nodes)
        taken.append(n->sceneRect().adjusted(-2, -2, 2, 2));
    for (PipelineEdgeItem* e : m_edges) {
        if (e->label().isEmpty())
            continue;
        const QPolygonF& pts = e->points();
        const QSizeF size = PipelineEdgeItem::labelSize(e->label(), font());
        // Segments 0, 2, 4, ... lie between layers (the others cross a layer beside its boxes).
        QList<int> segments;
        for (int s = 0; s + 1 < pts.size(); s += 2)
            segments.append(s);
        const int middle = int(segments.size()) / 2;
        std::stable_sort(segments.begin(), segments.end(), [&](int a, int b) {
            return std::abs(a / 2 - middle) < std::abs(b / 2 - middle);
        });
        QPointF best = (pts.front() + pts.back()) / 2;
        bool found = false;
        for (int s : segments) {
            // On the line first, then beside it (across the flow), so crowded gaps still fit.
            const bool topDown = m_direction == rs::FlowDirection::TopDown;
            const double side = (topDown ? size.width() : size.height()) / 2 + 5;
            for (double shift : {0.0, side, -side}) {
                for (double t : {0.5, 0.35, 0.65, 0.2, 0.8}) {
                    QPointF c = pts[s] + (pts[s + 1] - pts[s]) * t;
                    c += topDown ? QPointF(shift, 0) : QPointF(0, shift);
                    const QRectF r(c - QPointF(size.width() / 2, size.height() / 2), size);
                    if (std::none_of(taken.begin(), taken.end(),
                                     [&](const QRectF& o) { return o.intersects(r); })) {
                        best = c;
                        found = true;
                        break;
                    }
                }
                if (found)
                    break;
            }
            if (found)
                break;
        }
        if (!found && !segments.isEmpty())
            best = pts[segments.front()] + (pts[segments.front() + 1] - pts[segments.front()]) / 2;
        e->setLabelCenter(best);
        taken.append(e->labelRect());
    }
}

QRectF PipelineView::graphRect() const {
    QRectF r;
    for (PipelineNodeItem* n : m_nodes)
        r = r.united(n->sceneRect());
    for (PipelineEdgeItem* e : m_edges)
        r = r.united(e->boundingRect());
    return r.adjusted(-kMargin, -kMargin, kMargin, kMargin);
}

void PipelineView::setComparison(const rs::StageGraphDiff& diff, bool leftSide) {
    const auto here =
        leftSide ? rs::StageNodeDiff::Presence::LeftOnly : rs::StageNodeDiff::Presence::RightOnly;
    for (PipelineNodeItem* item : m_nodes) {
        const rs::StageNodeDiff* d = diff.find(item->node().id);
        if (!d) {
            item->clearComparison();
            continue;
        }
        QSet<QString> keys;
        for (const auto& c : d->params)
            keys.insert(QString::fromStdString(c.key));
        for (const auto& c : d->outputs)
            keys.insert(QString::fromStdString(c.key));
        item->setComparison(d->changed(), d->presence == here, keys,
                            d->labelChanged || !d->params.empty() ||
                                d->presence != rs::StageNodeDiff::Presence::Both);
    }
    const auto& only = leftSide ? diff.leftOnlyEdges : diff.rightOnlyEdges;
    for (PipelineEdgeItem* e : m_edges)
        e->setOnlyHere(std::any_of(only.begin(), only.end(), [&](const rs::StageEdge& o) {
            return QString::fromStdString(o.from) == e->fromId() &&
                   QString::fromStdString(o.to) == e->toId();
        }));
}

void PipelineView::clearComparison() {
    for (PipelineNodeItem* item : m_nodes)
        item->clearComparison();
    for (PipelineEdgeItem* e : m_edges)
        e->setOnlyHere(false);
}

PipelineNodeItem* PipelineView::nodeItem(const QString& id) const {
    for (PipelineNodeItem* n : m_nodes)
        if (n->id() == id)
            return n;
    return nullptr;
}

bool PipelineView::selectNode(const QString& id) {
    PipelineNodeItem* item = nodeItem(id);
    if (!item)
        return false;
    scene()->clearSelection();
    item->setSelected(true);
    ensureVisible(item, 20, 20);
    return true;
}

QString PipelineView::selectedNodeId() const {
    for (PipelineNodeItem* n : m_nodes)
        if (n->isSelected())
            return n->id();
    return {};
}

} // namespace rs::ui
