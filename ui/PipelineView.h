#pragma once
#include "pipeline/FlowDirection.h"
#include "pipeline/PipelineDiff.h"
#include "pipeline/StageGraph.h"

#include "GraphSceneView.h"

#include <QHash>
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
class PipelineView : public GraphSceneView {
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
    bool hasGraph() const override { return !m_graph.nodes.empty(); }

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

signals:
    /// The selected stage changed (empty id: none).
    void nodeSelected(const QString& id);

private:
    void rebuild();
    void placeLabels();
    QRectF graphRect() const;

    rs::StageGraph m_graph;
    rs::FlowDirection m_direction = rs::FlowDirection::TopDown;
    QList<PipelineNodeItem*> m_nodes;
    QList<PipelineEdgeItem*> m_edges;
    int m_layoutCount = 0;
    bool m_rebuilding = false;
};

} // namespace rs::ui
