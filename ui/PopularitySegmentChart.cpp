#include "PopularitySegmentChart.h"

#include "ChartStyle.h"
#include "ComparisonCharts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace rs::ui {

PopularitySegmentChart::PopularitySegmentChart(QWidget* parent)
    : QChartView(newPlainChart(tr("Popularity bias by user segment")), parent),
      m_series(new QBarSeries), m_x(new QBarCategoryAxis), m_y(new QValueAxis) {
    QChart* chart = this->chart();
    chart->addSeries(m_series);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    m_series->attachAxis(m_x);
    m_series->attachAxis(m_y);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(240);
}

void PopularitySegmentChart::clear() {
    m_series->clear();
    m_x->clear();
    m_values.clear();
    m_x->setTitleText(QString());
    m_y->setTitleText(QString());
}

void PopularitySegmentChart::setData(const QStringList& runs,
                                     const std::vector<rs::SegmentReport>& reports,
                                     rs::SegmentMeasure measure, std::size_t accuracyIndex,
                                     const QString& measureName) {
    clear();
    if (reports.empty())
        return;
    // Segments are those of the first run (runs on one split segment identically).
    const rs::SegmentReport& first = reports.front();
    QStringList categories;
    for (const rs::UserSegment& g : first.segments)
        categories << tr("%1 (%2)").arg(QString::fromStdString(g.name),
                                        QString::fromStdString(g.range(first.by)));
    categories << tr("all users");
    m_x->append(categories);
    m_x->setTitleText(first.by == rs::UserSegmentBy::Activity
                          ? tr("users by activity: training ratings per user (thirds of users)")
                          : tr("users by mainstreamness: mean popularity percentile of their "
                               "training items (thirds of users)"));
    m_y->setTitleText(measureName);

    double top = 0.0;
    bool fraction = measure != rs::SegmentMeasure::Arp;
    for (std::size_t r = 0; r < reports.size(); ++r) {
        const rs::SegmentReport& report = reports[r];
        auto* set = new QBarSet(runs.value(int(r)));
        set->setColor(comparisonRunColor(int(r)));
        set->setBorderColor(comparisonRunColor(int(r)).darker(130));
        std::vector<double> values;
        for (std::size_t s = 0; s < first.segments.size(); ++s)
            values.push_back(
                s < report.perSegment.size()
                    ? rs::segmentMeasureValue(report.perSegment[s], measure, accuracyIndex)
                    : std::nan(""));
        values.push_back(rs::segmentMeasureValue(report.overall, measure, accuracyIndex));
        for (double v : values) {
            set->append(std::isnan(v) ? 0.0 : v);
            if (!std::isnan(v))
                top = std::max(top, v);
        }
        m_values.push_back(std::move(values));
        m_series->append(set);
    }
    if (fraction && top <= 1.0) {
        // Shares and Gini live in [0, 1]; a little headroom over the tallest bar.
        m_y->setRange(0.0, top > 0.0 ? std::min(1.0, std::ceil(top * 11.0) / 10.0) : 1.0);
        m_y->setLabelFormat(QStringLiteral("%.2f"));
    } else {
        m_y->setRange(0.0, top > 0.0 ? top * 1.1 : 1.0);
        m_y->setLabelFormat(top >= 10.0 ? QStringLiteral("%.0f") : QStringLiteral("%.2f"));
    }
    m_y->applyNiceNumbers();
}

int PopularitySegmentChart::setCount() const {
    return m_series->count();
}

QBarSet* PopularitySegmentChart::runBars(int r) const {
    return r >= 0 && r < m_series->count() ? m_series->barSets().at(r) : nullptr;
}

QStringList PopularitySegmentChart::categories() const {
    return m_x->categories();
}

double PopularitySegmentChart::value(int r, int c) const {
    if (r < 0 || std::size_t(r) >= m_values.size() || c < 0 ||
        std::size_t(c) >= m_values[std::size_t(r)].size())
        return std::nan("");
    return m_values[std::size_t(r)][std::size_t(c)];
}

} // namespace rs::ui
