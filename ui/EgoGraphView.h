#pragma once
#include "explain/EgoGraph.h"
#include "train/RunContext.h"

#include <QGraphicsView>
#include <QImage>
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
class EgoGraphView : public QGraphicsView {
    Q_OBJECT
public:
    explicit EgoGraphView(QWidget* parent = nullptr);

    /// The options the view builds its graphs with (spacing fitting its node boxes).
    static rs::EgoGraphOptions layoutOptions();

    /// Shows `graph`, its titles and user ids from `ctx`; fits it into the view.
    void setGraph(const rs::EgoGraph& graph, const rs::RunContext& ctx);
    void clear();
    const rs::EgoGraph& graph() const { return m_graph; }
    bool hasGraph() const { return !m_graph.empty(); }

    QList<EgoNodeItem*> nodeItems() const { return m_nodes; }
    QList<EgoEdgeItem*> edgeItems() const { return m_edges; }
    EgoLegendItem* legend() const { return m_legend; }
    EgoNodeItem* nodeItem(rs::EgoNodeKind kind, quint32 index) const;
    /// The node under the mouse (nullptr: none).
    EgoNodeItem* hoveredNode() const { return m_hovered; }
    /// A node's centre in viewport coordinates (for tests and tooltips).
    QPoint viewportPos(const EgoNodeItem* node) const;

    void zoomBy(double factor);
    /// Fits the whole graph in the view (never enlarging beyond 1.25x); the fit is kept when
    /// the view is resized until the user zooms.
    void fitToView();
    double zoom() const;

    /// The whole graph with its legend on white at `scale`.
    QImage renderImage(double scale = 2.0) const;
    /// Writes the graph as PNG or SVG; an error text, or empty on success.
    QString exportPng(const QString& path, double scale = 2.0) const;
    QString exportSvg(const QString& path, const QString& title) const;
    /// Asks for a file name and exports (`format`: "png" or "svg"); errors in a message box.
    void exportWithDialog(const QString& format, const QString& baseName, const QString& title);

    void setPlaceholderText(const QString& text);

signals:
    void historyItemClicked(quint32 item);
    void userClicked(quint32 user);
    void zoomChanged(double zoom);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

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
    QString m_placeholder;
    bool m_autoFit = true;
};

} // namespace rs::ui
