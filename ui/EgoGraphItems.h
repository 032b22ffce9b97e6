#pragma once
#include "explain/EgoGraph.h"

#include <QColor>
#include <QFont>
#include <QGraphicsItem>
#include <QList>
#include <QString>
#include <functional>

namespace rs::ui {

class EgoEdgeItem;

/// Colours of the ego graph: node kinds, and the sign colours of the why panel's evidence bars.
struct EgoGraphColors {
    QColor fill, stroke;
    Qt::PenStyle penStyle = Qt::SolidLine;
    /// The colours `node` is drawn with (dashed outline: a history item a drawn path brought in,
    /// or the explained user met again on a walk).
    static EgoGraphColors of(const rs::EgoNode& node);
    static EgoGraphColors of(rs::EgoNodeKind kind);
    static QColor positive(); ///< raises the score (as SignedBarDelegate)
    static QColor negative(); ///< lowers the score
};

/// One node of an ego graph: a rounded box (items) or a pill (users) centred on the layout's
/// position, with a bold elided label and a small detail line. Hovering shows `toolTip` and
/// tells the view (which highlights the node's edges).
class EgoNodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 801 };
    static constexpr double kWidth = 156;
    static constexpr double kHeight = 40;

    EgoNodeItem(const rs::EgoNode& node, int index, const QString& label, const QString& detail,
                const QString& toolTip, const QFont& font, QGraphicsItem* parent = nullptr);

    const rs::EgoNode& node() const { return m_node; }
    int index() const { return m_index; } ///< into EgoGraph::nodes
    QString label() const { return m_label; }
    QString detail() const { return m_detail; }
    QList<EgoEdgeItem*> edges() const { return m_edges; }
    void addEdge(EgoEdgeItem* edge) { m_edges.append(edge); }
    /// The box in scene coordinates.
    QRectF sceneBox() const { return mapRectToScene(box()); }
    bool isHovered() const { return m_hovered; }
    /// Called with (this, true) on hover enter and (this, false) on leave.
    void setHoverHandler(std::function<void(EgoNodeItem*, bool)> handler) {
        m_onHover = std::move(handler);
    }

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
               QWidget* widget = nullptr) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    QRectF box() const;
    double radius() const;

    rs::EgoNode m_node;
    int m_index;
    QString m_label, m_detail;
    QFont m_font;
    QList<EgoEdgeItem*> m_edges;
    bool m_hovered = false;
    std::function<void(EgoNodeItem*, bool)> m_onHover;
};

/// One edge of an ego graph: a horizontal S-curve from the right side of its source box to the
/// left side of its target's, `width` wide, green or red by the contribution's sign. Normal,
/// highlighted (a hovered node's edge: opaque, on top) or dimmed (another node is hovered).
class EgoEdgeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 802 };
    enum class Emphasis { Normal, Highlighted, Dimmed };

    EgoEdgeItem(const rs::EgoEdge& edge, const QRectF& from, const QRectF& to, double width,
                const QString& toolTip, QGraphicsItem* parent = nullptr);

    const rs::EgoEdge& edge() const { return m_edge; }
    double width() const { return m_width; }
    QColor color() const;
    void setEmphasis(Emphasis emphasis);
    Emphasis emphasis() const { return m_emphasis; }

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
               QWidget* widget = nullptr) override;

private:
    QPainterPath curve() const;

    rs::EgoEdge m_edge;
    QPointF m_start, m_end;
    double m_width;
    Emphasis m_emphasis = Emphasis::Normal;
};

/// What the colours and widths mean, and what share of the score the drawing carries: node
/// swatches, a green and a red edge, a thin and a thick one, and `note` wrapped below. Its
/// position is its top-left corner.
class EgoLegendItem : public QGraphicsItem {
public:
    enum { Type = UserType + 803 };

    EgoLegendItem(const rs::EgoGraph& graph, double maxContribution, const QString& note,
                  double width, const QFont& font, QGraphicsItem* parent = nullptr);

    QString note() const { return m_note; }
    /// The texts of the entries (tests, accessibility).
    QStringList entries() const;

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
               QWidget* widget = nullptr) override;

private:
    struct Entry {
        enum class Sample { Node, Edge, ThinThick } sample;
        rs::EgoNode node; ///< Node: what the swatch is drawn like
        QColor color;     ///< Edge: the line colour
        QString text;
    };
    QFont smallFont() const;
    double rowHeight() const;
    double entryWidth(const Entry& e) const;
    /// Entries laid out in rows within m_width: (entry, top-left).
    QList<QPair<int, QPointF>> placed() const;

    QList<Entry> m_entries;
    QString m_note;
    double m_width;
    QFont m_font;
    double m_height = 0;
};

} // namespace rs::ui
