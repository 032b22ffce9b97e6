#pragma once
#include "compare/PopularityProfile.h"

#include <QChartView>
#include <QStringList>
#include <vector>

class QBarCategoryAxis;
class QBarSet;
class QHorizontalBarSeries;
class QBarSeries;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace rs::ui {

/// Distinguishable run colours (Okabe–Ito) by position in the comparison, so the same run keeps
/// its colour on every compare chart.
QColor comparisonRunColor(int run);

/// Grouped horizontal bars of a few metrics (categories, first on top) for each compared run
/// (one bar set per run), so metric names read in full however narrow the chart.
class ComparisonMetricBars : public QChartView {
    Q_OBJECT
public:
    explicit ComparisonMetricBars(QWidget* parent = nullptr);
    /// values[run][metric]; NaN draws no bar.
    void setData(const QStringList& metrics, const QStringList& runs,
                 const std::vector<std::vector<double>>& values);
    QHorizontalBarSeries* series() const { return m_series; }
    /// The bar of `run` and `metric` (as given to setData), NaN when absent.
    double value(int run, int metric) const;

private:
    QHorizontalBarSeries* m_series;
    QBarCategoryAxis* m_x;
    QValueAxis* m_y;
};

/// The popularity lens: for each popularity bin (first = the most popular items), grouped bars of
/// the share of each run's recommendations on the bin's items, beside the bin's share of training
/// interactions (grey). A model that follows the crowd has taller bars than the grey one on the
/// left; categories name the bin's range of training interactions per item.
class ComparisonPopularityChart : public QChartView {
    Q_OBJECT
public:
    explicit ComparisonPopularityChart(QWidget* parent = nullptr);
    void setProfiles(const QStringList& runs, const std::vector<rs::PopularityProfile>& profiles);
    /// The bars of run `r` (the interactions set comes last), or nullptr.
    QBarSet* runBars(int r) const;
    int setCount() const;
    QStringList categories() const;

private:
    QBarSeries* m_series;
    QBarCategoryAxis* m_x;
    QValueAxis* m_y;
};

/// A per-user metric of two runs, one point per user (x = run A, y = run B) with the diagonal.
/// Clicking near a point selects it (ringed) and emits pointActivated with its index.
class ComparisonScatterChart : public QChartView {
    Q_OBJECT
public:
    explicit ComparisonScatterChart(QWidget* parent = nullptr);
    void setData(const QString& xTitle, const QString& yTitle, std::vector<double> xs,
                 std::vector<double> ys);
    void clear();
    int pointCount() const { return int(m_xs.size()); }
    /// The viewport position of point `index` (for clicks).
    QPoint pointPosition(int index) const;
    /// The point nearest to `viewportPos` within `radius` pixels, or -1.
    int pointAt(const QPoint& viewportPos, double radius = 8.0) const;
    /// Rings point `index` (-1: none).
    void setSelectedPoint(int index);
    int selectedPoint() const { return m_selected; }
    QScatterSeries* points() const { return m_points; }

signals:
    void pointActivated(int index);

protected:
    void mousePressEvent(QMouseEvent* event) override;

private:
    QScatterSeries* m_points;
    QScatterSeries* m_highlight;
    QLineSeries* m_diagonal;
    QValueAxis* m_x;
    QValueAxis* m_y;
    std::vector<double> m_xs, m_ys;
    int m_selected = -1;
};

} // namespace rs::ui
