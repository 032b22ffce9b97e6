#include "ComparisonCharts.h"

#include "ChartStyle.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QLineSeries>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace rs::ui {

QColor comparisonRunColor(int r) {
    static const QColor colors[] = {QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00),
                                    QColor(0x00, 0x9e, 0x73), QColor(0xcc, 0x79, 0xa7),
                                    QColor(0xd5, 0x5e, 0x00), QColor(0x56, 0xb4, 0xe9)};
    return colors[std::size_t(r) % std::size(colors)];
}

namespace {

QColor runColor(int r) {
    return comparisonRunColor(r);
}

double niceCeiling(double v) {
    if (!(v > 0))
        return 1.0;
    const double step = std::pow(10.0, std::floor(std::log10(v)) - 1);
    return std::ceil(v * 1.08 / step) * step;
}

} // namespace

// --- bars ---------------------------------------------------------------------------------

ComparisonMetricBars::ComparisonMetricBars(QWidget* parent)
    : QChartView(newPlainChart(tr("Main metrics")), parent), m_series(new QHorizontalBarSeries),
      m_x(new QBarCategoryAxis), m_y(new QValueAxis) {
    QChart* chart = this->chart();
    chart->addSeries(m_series);
    chart->addAxis(m_x, Qt::AlignLeft);
    chart->addAxis(m_y, Qt::AlignBottom);
    m_series->attachAxis(m_x);
    m_series->attachAxis(m_y);
    m_y->setLabelFormat(QStringLiteral("%.2f"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(200);
}

void ComparisonMetricBars::setData(const QStringList& metrics, const QStringList& runs,
                                   const std::vector<std::vector<double>>& values) {
    m_series->clear();
    m_x->clear();
    // Horizontal bars stack categories upwards: append them reversed so the first is on top.
    QStringList reversed(metrics.rbegin(), metrics.rend());
    m_x->append(reversed);
    double top = 0.0;
    for (int r = 0; r < runs.size(); ++r) {
        auto* set = new QBarSet(runs[r]);
        set->setColor(runColor(r));
        set->setBorderColor(runColor(r).darker(130));
        for (int m = int(metrics.size()) - 1; m >= 0; --m) {
            const double v = values[std::size_t(r)][std::size_t(m)];
            set->append(std::isnan(v) ? 0.0 : v);
            if (!std::isnan(v))
                top = std::max(top, v);
        }
        m_series->append(set);
    }
    m_y->setRange(0.0, niceCeiling(top));
    m_y->applyNiceNumbers();
}

double ComparisonMetricBars::value(int run, int metric) const {
    if (run < 0 || run >= m_series->count())
        return std::nan("");
    const QBarSet* set = m_series->barSets().at(run);
    const int at = set->count() - 1 - metric;
    return at >= 0 && at < set->count() ? set->at(at) : std::nan("");
}

// --- popularity ---------------------------------------------------------------------------

ComparisonPopularityChart::ComparisonPopularityChart(QWidget* parent)
    : QChartView(newPlainChart(tr("Share of recommendations per popularity bin")), parent),
      m_series(new QBarSeries), m_x(new QBarCategoryAxis), m_y(new QValueAxis) {
    QChart* chart = this->chart();
    chart->addSeries(m_series);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    m_series->attachAxis(m_x);
    m_series->attachAxis(m_y);
    m_x->setTitleText(tr("popularity bin: training interactions of its items (bins of equal "
                         "item counts, most popular first)"));
    m_y->setTitleText(tr("share"));
    m_y->setLabelFormat(QStringLiteral("%.1f"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(240);
}

QBarSet* ComparisonPopularityChart::runBars(int r) const {
    return r >= 0 && r < m_series->count() ? m_series->barSets().at(r) : nullptr;
}

int ComparisonPopularityChart::setCount() const {
    return m_series->count();
}

QStringList ComparisonPopularityChart::categories() const {
    return m_x->categories();
}

void ComparisonPopularityChart::setProfiles(const QStringList& runs,
                                            const std::vector<rs::PopularityProfile>& profiles) {
    m_series->clear();
    m_x->clear();
    if (profiles.empty())
        return;
    // The bins and interaction shares depend only on the training data: the same for every run.
    const rs::PopularityProfile& first = profiles.front();
    QStringList categories;
    // "3: 8–12": the bin's number and its items' range of training interactions (bins of the
    // long tail often share a range, so the number keeps the categories distinct).
    for (std::size_t i = 0; i < first.bins.size(); ++i) {
        const rs::PopularityBin& b = first.bins[i];
        const QString range =
            b.minPopularity == b.maxPopularity
                ? QString::number(b.minPopularity)
                : QStringLiteral("%1–%2").arg(b.minPopularity).arg(b.maxPopularity);
        // Many bins leave room for their numbers only (the axis title explains them).
        categories << (first.bins.size() > 12 ? QString::number(i + 1)
                                              : QStringLiteral("%1: %2").arg(i + 1).arg(range));
    }
    m_x->append(categories);
    double top = 0.0;
    auto addSet = [&](const QString& name, const QColor& color, auto share,
                      const rs::PopularityProfile& profile) {
        auto* set = new QBarSet(name);
        set->setColor(color);
        set->setBorderColor(color.darker(130));
        for (const rs::PopularityBin& b : profile.bins) {
            set->append(share(b));
            top = std::max(top, share(b));
        }
        m_series->append(set);
    };
    for (std::size_t r = 0; r < profiles.size(); ++r)
        addSet(
            runs.value(int(r)), runColor(int(r)),
            [](const rs::PopularityBin& b) { return b.recommendationShare; }, profiles[r]);
    addSet(
        tr("training interactions"), QColor(0x9a, 0x9a, 0x9a),
        [](const rs::PopularityBin& b) { return b.interactionShare; }, first);
    m_y->setRange(0.0, top > 0.0 ? std::min(1.0, niceCeiling(top)) : 1.0);
    m_y->applyNiceNumbers();
}

// --- scatter ------------------------------------------------------------------------------

ComparisonScatterChart::ComparisonScatterChart(QWidget* parent)
    : QChartView(newPlainChart(), parent), m_points(new QScatterSeries),
      m_highlight(new QScatterSeries), m_diagonal(new QLineSeries), m_x(new QValueAxis),
      m_y(new QValueAxis) {
    QChart* chart = this->chart();
    chart->legend()->hide();
    m_points->setMarkerSize(7.0);
    m_points->setColor(QColor(0x00, 0x72, 0xb2, 110));
    m_points->setBorderColor(Qt::transparent);
    m_points->setName(tr("users"));
    m_highlight->setMarkerSize(14.0);
    m_highlight->setColor(Qt::transparent);
    m_highlight->setBorderColor(QColor(0xd5, 0x5e, 0x00));
    QPen ring(QColor(0xd5, 0x5e, 0x00));
    ring.setWidthF(2.5);
    m_highlight->setPen(ring);
    QPen diagonal(QColor(0x88, 0x88, 0x88));
    diagonal.setStyle(Qt::DashLine);
    m_diagonal->setPen(diagonal);
    chart->addSeries(m_diagonal);
    chart->addSeries(m_points);
    chart->addSeries(m_highlight);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries* s : chart->series()) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    m_x->setLabelFormat(QStringLiteral("%.2f"));
    m_y->setLabelFormat(QStringLiteral("%.2f"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(260, 240);
    setCursor(Qt::CrossCursor);
}

void ComparisonScatterChart::clear() {
    setData({}, {}, {}, {});
}

void ComparisonScatterChart::setData(const QString& xTitle, const QString& yTitle,
                                     std::vector<double> xs, std::vector<double> ys) {
    m_xs = std::move(xs);
    m_ys = std::move(ys);
    m_selected = -1;
    m_highlight->clear();
    QList<QPointF> points;
    points.reserve(qsizetype(m_xs.size()));
    double top = 0.0;
    for (std::size_t i = 0; i < m_xs.size(); ++i) {
        points.append(QPointF(m_xs[i], m_ys[i]));
        top = std::max({top, m_xs[i], m_ys[i]});
    }
    m_points->replace(points);
    // Metrics within [0, 1] (NDCG, precision, ...) get the whole unit square.
    const double end = top <= 1.0 ? 1.0 : niceCeiling(top);
    m_diagonal->replace(QList<QPointF>{{0.0, 0.0}, {end, end}});
    m_x->setRange(0.0, end);
    m_y->setRange(0.0, end);
    m_x->applyNiceNumbers();
    m_y->applyNiceNumbers();
    m_x->setTitleText(xTitle);
    m_y->setTitleText(yTitle);
}

QPoint ComparisonScatterChart::pointPosition(int index) const {
    if (index < 0 || index >= pointCount())
        return {};
    const QPointF inChart = chart()->mapToPosition(
        QPointF(m_xs[std::size_t(index)], m_ys[std::size_t(index)]), m_points);
    return mapFromScene(chart()->mapToScene(inChart));
}

int ComparisonScatterChart::pointAt(const QPoint& viewportPos, double radius) const {
    int best = -1;
    double bestDistance = radius * radius;
    for (int i = 0; i < pointCount(); ++i) {
        const QPointF d = QPointF(pointPosition(i)) - QPointF(viewportPos);
        const double dist = d.x() * d.x() + d.y() * d.y();
        if (dist <= bestDistance) { // ties: the first user in the series (lowest index)
            if (dist < bestDistance || best < 0)
                best = i;
            bestDistance = dist;
        }
    }
    return best;
}

void ComparisonScatterChart::setSelectedPoint(int index) {
    m_selected = index >= 0 && index < pointCount() ? index : -1;
    m_highlight->clear();
    if (m_selected >= 0)
        m_highlight->append(m_xs[std::size_t(m_selected)], m_ys[std::size_t(m_selected)]);
}

void ComparisonScatterChart::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        const int index = pointAt(event->position().toPoint());
        if (index >= 0) {
            setSelectedPoint(index);
            emit pointActivated(index);
            event->accept();
            return;
        }
    }
    QChartView::mousePressEvent(event);
}

} // namespace rs::ui
