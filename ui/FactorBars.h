#pragma once
#include <QString>
#include <QWidget>
#include <vector>

namespace rs::ui {

/// A grouped bar chart of two factor vectors side by side (e.g. a user's p_u and an item's
/// q_i), one group per latent dimension, on a common symmetric scale. With many dimensions it
/// shows the `maxGroups` whose product p_uf q_if (or |q_if| with one vector) is largest in
/// magnitude, in dimension order, and says so. Hover tells the values; a click selects the
/// dimension (dimensionClicked).
class FactorBars : public QWidget {
    Q_OBJECT
public:
    explicit FactorBars(QWidget* parent = nullptr);

    /// `first`/`second` may be empty (that series is not drawn); equal sizes otherwise.
    void setVectors(const QString& firstLabel, std::vector<float> first, const QString& secondLabel,
                    std::vector<float> second);
    void setMaxGroups(int groups);
    /// Dimensions shown, in display order.
    const std::vector<int>& shownDimensions() const { return m_shown; }
    /// The dimension under a widget position, or -1.
    int dimensionAt(QPointF pos) const;
    QString toolTipFor(int dimension) const;

    QSize sizeHint() const override { return {360, 150}; }

signals:
    void dimensionClicked(int dimension);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    void chooseShown();
    QRectF plotRect() const;

    QString m_firstLabel, m_secondLabel;
    std::vector<float> m_first, m_second;
    std::vector<int> m_shown;
    int m_maxGroups = 24;
};

} // namespace rs::ui
