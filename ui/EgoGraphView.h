#pragma once
#include "explain/EgoGraph.h"
#include "train/RunContext.h"

#include "GraphSceneView.h"

#include <QList>
#include <QString>

namespace rs::ui {

class EgoEdgeItem;
class EgoLegendItem;
class EgoNodeItem;

/// The ego graph of one recommendation (rs::buildEgoGraph) drawn left to right: the user, the
/// history items carrying the most, the neighbour users of graph models, the recommended item;
/// edge widths by |contribution|, green or red by sign, column headings and a legend below.
/// Zoom with the wheel (or +/-), 0 fits; hovering a node highlights its edges (the others fade)
/// and shows its details as a tooltip; clicking a history item or a neighbour user emits
/// historyItemClicked / userClicked. PNG and SVG export draw the whole graph with its legend.
class EgoGraphView : public GraphSceneView {
    Q_OBJECT
public:
    explicit EgoGraphView(QWidget* parent = nullptr);

    /// The options the view builds its graphs with (spacing fitting its node boxes).
    static rs::EgoGraphOptions layoutOptions();

    /// Shows `graph`, its titles and user ids from `ctx`; fits it into the view.
    void setGraph(const rs::EgoGraph& graph, const rs::RunContext& ctx);
    void clear();
    const rs::EgoGraph& graph() const { return m_graph; }
    bool hasGraph() const override { return !m_graph.empty(); }

    QList<EgoNodeItem*> nodeItems() const { return m_nodes; }
    QList<EgoEdgeItem*> edgeItems() const { return m_edges; }
    EgoLegendItem* legend() const { return m_legend; }
    EgoNodeItem* nodeItem(rs::EgoNodeKind kind, quint32 index) const;
    /// The node under the mouse (nullptr: none).
    EgoNodeItem* hoveredNode() const { return m_hovered; }
    /// A node's centre in viewport coordinates (for tests and tooltips).
    QPoint viewportPos(const EgoNodeItem* node) const;

    /// Asks for a file name and exports (`format`: "png" or "svg"); errors in a message box.
    void exportWithDialog(const QString& format, const QString& baseName, const QString& title);

signals:
    void historyItemClicked(quint32 item);
    void userClicked(quint32 user);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void onHover(EgoNodeItem* node, bool entered);
    EgoNodeItem* nodeAt(const QPoint& viewportPos) const;
    void addHeadings(const rs::EgoGraph& graph);

    rs::EgoGraph m_graph;
    QList<EgoNodeItem*> m_nodes;
    QList<EgoEdgeItem*> m_edges;
    EgoLegendItem* m_legend = nullptr;
    EgoNodeItem* m_hovered = nullptr;
    EgoNodeItem* m_pressed = nullptr;
};

} // namespace rs::ui
