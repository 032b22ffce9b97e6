#pragma once
#include "WaterfallBars.h"

#include <QWidget>
#include <vector>

namespace rs::ui {

/// A horizontal waterfall of a score decomposition, painted with QPainter: one
/// row per bar, labels on the left, values on the right; each part's bar runs
/// from the running sum before it to the sum after it (green up, red down,
/// lighter for grouped parts), connected by thin lines, and the last row is the
/// total from 0. Hovering a row shows its exact numbers.
class WaterfallChart : public QWidget {
    Q_OBJECT
public:
    explicit WaterfallChart(QWidget* parent = nullptr);

    void setBars(std::vector<WaterfallBar> bars);
    const std::vector<WaterfallBar>& bars() const { return m_bars; }
    /// Where bar `index` is painted at the current size (empty for a bad index).
    QRectF barRect(int index) const;
    /// The x coordinate of a value at the current size.
    double xOf(double value) const;
    /// Index of the row under `pos`, or -1.
    int rowAt(const QPoint& pos) const;
    /// The tooltip of bar `row` (HTML): value, running sum, and the bar's detail.
    QString tooltip(int row) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Layout {
        QRectF plot; ///< the bars' area (without labels and values)
        double labelWidth = 0, valueWidth = 0, rowHeight = 0;
        double low = 0, high = 1; ///< value range of the x axis
    };
    Layout layout() const;

    std::vector<WaterfallBar> m_bars;
};

} // namespace rs::ui
