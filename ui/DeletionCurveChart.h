#pragma once
#include "explain/Explainer.h"

#include <QWidget>

namespace rs::ui {

/// A small fidelity chart of one explanation, painted with QPainter: the item's
/// rank after removing its top-m evidence ratings against m random ratings
/// (mean), m = 0..M, on a log rank axis with rank 1 at the top and the top-K
/// line dashed. Every point is labelled with its rank.
class DeletionCurveChart : public QWidget {
    Q_OBJECT
public:
    explicit DeletionCurveChart(QWidget* parent = nullptr);

    void setCurve(const rs::DeletionCurve& curve, int k);
    void clear();
    const rs::DeletionCurve& curve() const { return m_curve; }
    bool hasCurve() const { return !m_curve.rankTop.empty(); }
    /// Where the point (m, rank) is painted at the current size.
    QPointF pointAt(int removed, double rank) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QRectF plotRect() const;
    double maxRank() const;

    rs::DeletionCurve m_curve;
    int m_k = 10;
};

} // namespace rs::ui
