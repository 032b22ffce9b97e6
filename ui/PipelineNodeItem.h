#pragma once
#include "pipeline/StageGraph.h"

#include <QColor>
#include <QFont>
#include <QGraphicsItem>
#include <QList>
#include <QSet>
#include <QString>

namespace rs::ui {

class PipelineEdgeItem;

/// Colours a stage is drawn with, by status (the Mermaid classDefs' palette).
struct PipelineNodeColors {
    QColor fill, stroke, text;
    Qt::PenStyle penStyle = Qt::SolidLine;
    static PipelineNodeColors of(rs::StageStatus status);
};

/// One stage of a pipeline drawn as a Mermaid-style rounded box: the stage label (bold), its
/// parameters ("key: value", at most kMaxParamLines lines), and a status line (time and row
/// counts when done, the error when failed, the percentage when running, with a progress bar
/// along the bottom). The box is sized from the text when the graph is laid out (measure());
/// later status changes (setNode) repaint in place and elide what no longer fits. In a
/// comparison, changed parameters are drawn in orange and the box gets an orange outline.
/// The item's position is its top-left corner; selectable (click) and hover-highlighted.
class PipelineNodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 701 };
    static constexpr int kMaxParamLines = 6;

    PipelineNodeItem(const rs::StageNode& node, const QFont& font, QGraphicsItem* parent = nullptr);

    /// The size the box needs for `node`'s text in `font`.
    static QSizeF measure(const rs::StageNode& node, const QFont& font);
    /// The status line: "done · 1.25 s · 100,836 → 80,668 rows", "running 50%", "failed: why".
    static QString statusLine(const rs::StageNode& node);
    /// Seconds as shown in boxes and tables ("0.42 s", "12.5 s", "2 min 05 s").
    static QString secondsText(double seconds);

    /// New state of the same stage (status, progress, outputs, ...): repaints, no resize.
    void setNode(const rs::StageNode& node);
    const rs::StageNode& node() const { return m_node; }
    QString id() const { return QString::fromStdString(m_node.id); }
    QString statusText() const { return statusLine(m_node); }
    void setSize(const QSizeF& size);
    /// The box in scene coordinates.
    QRectF sceneRect() const { return QRectF(scenePos(), m_size); }

    /// Comparison marks: the stage differs from the other run (`keys`: the parameters and
    /// outputs that differ), or the other run has no such stage.
    /// `paramsChanged`: the stage was asked to do something else (label or parameters), not
    /// only produced other outputs; drawn with a thicker outline.
    void setComparison(bool changed, bool missingInOther, const QSet<QString>& keys,
                       bool paramsChanged = true);
    void clearComparison() { setComparison(false, false, {}, false); }
    bool paramsMarkedChanged() const { return m_changed && m_paramsChanged; }
    bool isMarkedChanged() const { return m_changed; }
    bool isMissingInOther() const { return m_missingOther; }

    void addEdge(PipelineEdgeItem* edge) { m_edges.append(edge); }
    bool isHovered() const { return m_hovered; }

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
               QWidget* widget = nullptr) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    void setHovered(bool on);
    void refreshToolTip();

    rs::StageNode m_node;
    QFont m_font;
    QSizeF m_size;
    bool m_hovered = false;
    bool m_changed = false;
    bool m_missingOther = false;
    bool m_paramsChanged = false;
    QSet<QString> m_changedKeys;
    QList<PipelineEdgeItem*> m_edges;
};

} // namespace rs::ui
