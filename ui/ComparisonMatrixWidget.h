#pragma once
#include "ColorMap.h"

#include <QStringList>
#include <QWidget>
#include <vector>

namespace rs::ui {

/// A small square matrix of numbers between runs (top-N Jaccard, Kendall tau), painted as a
/// heatmap with each cell's value written in it and the runs labelled on both axes. NaN cells
/// (no user qualified) are grey and read "n/a". The hovered cell's value shows as a tooltip.
class ComparisonMatrixWidget : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonMatrixWidget(QWidget* parent = nullptr);

    /// Shows `values` (labels.size() squared, row-major) coloured over [low, high] with `kind`.
    void setMatrix(const QStringList& labels, std::vector<double> values, double low, double high,
                   ColorMap::Kind kind);
    void clear();

    int size() const { return int(m_labels.size()); }
    double value(int row, int column) const;
    QStringList labels() const { return m_labels; }
    /// The rectangle of a cell in widget coordinates (empty when out of range).
    QRect cellRect(int row, int column) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    int labelWidth() const;
    int cellSize() const;

    QStringList m_labels;
    std::vector<double> m_values;
    double m_low = 0.0, m_high = 1.0;
    ColorMap::Kind m_kind = ColorMap::Kind::Sequential;
};

} // namespace rs::ui
