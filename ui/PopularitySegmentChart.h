#pragma once
#include "eval/PopularitySegments.h"

#include <QChartView>
#include <QStringList>
#include <vector>

class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QValueAxis;

namespace rs::ui {

/// The popularity lens by user segment: for each segment (ascending criterion, then "all
/// users") grouped bars of one measure, one bar per compared run in the compare colours. The
/// categories name the segment and its boundaries ("light (20–35 ratings)"); the figures are
/// core's (rs::segmentMeasureValue of the reports), nothing is computed here.
class PopularitySegmentChart : public QChartView {
    Q_OBJECT
public:
    explicit PopularitySegmentChart(QWidget* parent = nullptr);
    /// `reports` per run (labels in the same order); `measureName` titles the value axis.
    void setData(const QStringList& runs, const std::vector<rs::SegmentReport>& reports,
                 rs::SegmentMeasure measure, std::size_t accuracyIndex, const QString& measureName);
    void clear();

    int setCount() const;
    /// The bars of run `r`, or nullptr.
    QBarSet* runBars(int r) const;
    QStringList categories() const;
    /// The bar of run `r` in category `c`; NaN when absent or when the value is NaN (drawn as
    /// no bar).
    double value(int r, int c) const;

private:
    QBarSeries* m_series;
    QBarCategoryAxis* m_x;
    QValueAxis* m_y;
    std::vector<std::vector<double>> m_values; ///< [run][category] as given, NaN kept
};

} // namespace rs::ui
