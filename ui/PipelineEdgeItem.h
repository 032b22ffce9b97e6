#pragma once
#include <QFont>
#include <QGraphicsItem>
#include <QPolygonF>
#include <QString>

namespace rs::ui {

/// A data-flow edge between two stages, drawn Mermaid-style: the layout's polyline with rounded
/// corners, an arrowhead at the target's border and an optional label on a white tag. Item
/// coordinates are scene coordinates (the item sits at 0,0).
class PipelineEdgeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 702 };

    PipelineEdgeItem(const QString& from, const QString& to, const QString& label,
                     const QPolygonF& points, const QFont& font, QGraphicsItem* parent = nullptr);

    QString fromId() const { return m_from; }
    QString toId() const { return m_to; }
    QString label() const { return m_label; }
    const QPolygonF& points() const { return m_points; }
    /// Where the arrow ends (its tip, on the target's border).
    QPointF endPoint() const { return m_points.isEmpty() ? QPointF() : m_points.back(); }
    /// The size the label tag needs (empty without a label).
    static QSizeF labelSize(const QString& label, const QFont& font);
    /// Puts the label tag's centre at `center`.
    void setLabelCenter(const QPointF& center);
    QRectF labelRect() const { return m_labelRect; }

    /// Drawn thicker and darker while a stage it joins is hovered or selected.
    void setHighlighted(bool on);
    bool isHighlighted() const { return m_highlighted; }
    /// Drawn dashed orange: the compared run has no such edge.
    void setOnlyHere(bool on);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
               QWidget* widget = nullptr) override;

private:
    QPainterPath linePath() const;
    QPolygonF arrowHead() const;

    QString m_from, m_to, m_label;
    QPolygonF m_points;
    QFont m_font;
    QRectF m_labelRect;
    bool m_highlighted = false;
    bool m_onlyHere = false;
};

} // namespace rs::ui
