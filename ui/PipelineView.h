#pragma once
#include "pipeline/FlowDirection.h"
#include "pipeline/PipelineDiff.h"
#include "pipeline/StageGraph.h"

#include <QGraphicsView>
#include <QHash>
#include <QImage>
#include <QList>
#include <QString>

namespace rs::ui {

class PipelineEdgeItem;
class PipelineNodeItem;

/// A run's stage graph drawn like a Mermaid flowchart: rounded boxes coloured by status, arrows
/// along the polylines of core's layered layout (rs::layoutDag) with edge labels, boxes sized
/// from their text. Top-down or left-right; zoom with the wheel (or +/-), 0 fits; hovering a
/// box highlights it and its edges and shows its details as a tooltip; clicking selects it.
/// updateGraph() applies a new state of the same pipeline (status, progress, outputs) to the
/// existing items without laying the graph out again.
class PipelineView : public QGraphicsView {
    Q_OBJECT
public:
    explicit PipelineView(QWidget* parent = nullptr);
    ~PipelineView() override;

    /// Shows `graph`, laid out anew (selection kept when the stage still exists).
    void setGraph(const rs::StageGraph& graph);
    /// Applies `graph` in place when it has the same stages (ids, labels, parameters) and edges
    /// as the one shown, so only states, progress, times, rows, errors or outputs changed;
    /// otherwise lays it out like setGraph. Returns true when it was applied in place.
    bool updateGraph(const rs::StageGraph& graph);
    void clear();
    const rs::StageGraph& graph() const { return m_graph; }
    bool hasGraph() const { return !m_graph.nodes.empty(); }

    void setDirection(rs::FlowDirection direction);
    rs::FlowDirection direction() const { return m_direction; }

    /// Marks what differs from a compared run: `leftSide` tells which side of `diff` this view
    /// shows (left = the diff's first graph).
    void setComparison(const rs::StageGraphDiff& diff, bool leftSide);
    void clearComparison();

    PipelineNodeItem* nodeItem(const QString& id) const;
    QList<PipelineNodeItem*> nodeItems() const { return m_nodes; }
    QList<PipelineEdgeItem*> edgeItems() const { return m_edges; }
    /// How many times a graph was laid out (tests: a live update must not add one).
    int layoutCount() const { return m_layoutCount; }

    bool selectNode(const QString& id);
    QString selectedNodeId() const;

    void zoomBy(double factor);
    /// Fits the whole graph in the view (never enlarging beyond 1.25x); the fit is kept when
    /// the view is resized until the user zooms.
    void fitToView();
    double zoom() const;

    /// The whole graph on white at `scale` (2 = twice the screen size).
    QImage renderImage(double scale = 2.0) const;
    /// Writes the graph as PNG or SVG; an error text, or empty on success.
    QString exportPng(const QString& path, double scale = 2.0) const;
    QString exportSvg(const QString& path, const QString& title) const;

    void setPlaceholderText(const QString& text);

signals:
    /// The selected stage changed (empty id: none).
    void nodeSelected(const QString& id);
    void zoomChanged(double zoom);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    void rebuild();
    void placeLabels();
    QRectF graphRect() const;

    rs::StageGraph m_graph;
    rs::FlowDirection m_direction = rs::FlowDirection::TopDown;
    QList<PipelineNodeItem*> m_nodes;
    QList<PipelineEdgeItem*> m_edges;
    QString m_placeholder;
    int m_layoutCount = 0;
    bool m_autoFit = true;
    bool m_rebuilding = false;
};

} // namespace rs::ui
