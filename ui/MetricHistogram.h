#pragma once
#include "eval/ValueDistribution.h"

#include <QChartView>

class QAreaSeries;
class QLineSeries;
class QValueAxis;

namespace rs::ui {

/// Histogram of a per-user metric of a run (values binned by core: rs::distributionOf), with
/// the mean and the median marked by vertical lines named in the legend.
class MetricHistogram : public QChartView {
    Q_OBJECT
public:
    explicit MetricHistogram(QWidget* parent = nullptr);

    void setDistribution(const QString& metric, const rs::ValueDistribution& distribution);
    void clear(const QString& message = QString());

    const rs::ValueDistribution& distribution() const { return m_distribution; }
    QString metric() const { return m_metric; }
    QAreaSeries* bars() const { return m_bars; }
    QLineSeries* meanLine() const { return m_mean; }
    QLineSeries* medianLine() const { return m_median; }
    QValueAxis* valueAxis() const { return m_x; }
    QValueAxis* countAxis() const { return m_y; }

private:
    rs::ValueDistribution m_distribution;
    QString m_metric;
    QLineSeries* m_outline;
    QLineSeries* m_base;
    QAreaSeries* m_bars;
    QLineSeries* m_mean;
    QLineSeries* m_median;
    QValueAxis* m_x;
    QValueAxis* m_y;
};

} // namespace rs::ui
