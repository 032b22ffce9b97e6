#include "MetricHistogram.h"

#include "ChartStyle.h"

#include <QAreaSeries>
#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>

namespace rs::ui {

namespace {

QLineSeries* marker(const QColor& color, Qt::PenStyle style) {
    auto* s = new QLineSeries;
    QPen pen(color);
    pen.setWidthF(2.0);
    pen.setStyle(style);
    s->setPen(pen);
    return s;
}

} // namespace

MetricHistogram::MetricHistogram(QWidget* parent)
    : QChartView(newPlainChart(), parent), m_outline(new QLineSeries), m_base(new QLineSeries),
      m_bars(new QAreaSeries(m_outline, m_base)),
      m_mean(marker(QColor(0xc0, 0x39, 0x2b), Qt::SolidLine)),
      m_median(marker(QColor(0x27, 0x8a, 0x4a), Qt::DashLine)), m_x(new QValueAxis),
      m_y(new QValueAxis) {
    // QAreaSeries does not own its boundary series: the view does (they go after the chart).
    m_outline->setParent(this);
    m_base->setParent(this);
    QChart* chart = this->chart();
    m_bars->setColor(QColor(0x3a, 0x7c, 0xc9, 170));
    m_bars->setBorderColor(QColor(0x2a, 0x5c, 0x99));
    m_bars->setName(tr("users"));
    chart->addSeries(m_bars);
    chart->addSeries(m_mean);
    chart->addSeries(m_median);
    m_x->setLabelFormat(QStringLiteral("%.3g"));
    m_y->setLabelFormat(QStringLiteral("%d"));
    m_y->setTitleText(tr("users"));
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries* s : chart->series()) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    clear();
}

void MetricHistogram::clear(const QString& message) {
    m_distribution = {};
    m_metric.clear();
    for (QLineSeries* s : {m_outline, m_base, m_mean, m_median})
        s->clear();
    m_mean->setName(tr("mean"));
    m_median->setName(tr("median"));
    m_x->setRange(0, 1);
    m_x->setTitleText(QString());
    m_y->setRange(0, 1);
    chart()->setTitle(message.isEmpty() ? tr("Per-user metric") : message);
}

void MetricHistogram::setDistribution(const QString& metric, const rs::ValueDistribution& d) {
    clear();
    m_distribution = d;
    m_metric = metric;
    if (d.bins() == 0) {
        chart()->setTitle(tr("%1 per user: no values").arg(metric));
        return;
    }
    // The bars as one stepped outline over a zero base line.
    std::size_t top = 0;
    QList<QPointF> outline, base;
    outline << QPointF(d.edges.front(), 0);
    for (int b = 0; b < d.bins(); ++b) {
        const double c = double(d.counts[std::size_t(b)]);
        outline << QPointF(d.edges[std::size_t(b)], c) << QPointF(d.edges[std::size_t(b) + 1], c);
        top = std::max(top, d.counts[std::size_t(b)]);
    }
    outline << QPointF(d.edges.back(), 0);
    base << QPointF(d.edges.front(), 0) << QPointF(d.edges.back(), 0);
    m_outline->replace(outline);
    m_base->replace(base);

    const double yMax = std::max(1.0, double(top) * 1.1);
    m_y->setRange(0, yMax);
    m_y->applyNiceNumbers();
    const double y1 = m_y->max();
    m_mean->replace({QPointF(d.mean, 0), QPointF(d.mean, y1)});
    m_median->replace({QPointF(d.median, 0), QPointF(d.median, y1)});
    m_mean->setName(tr("mean %1").arg(d.mean, 0, 'g', 4));
    m_median->setName(tr("median %1").arg(d.median, 0, 'g', 4));
    m_x->setRange(d.edges.front(), d.edges.back());
    m_x->setTickCount(6);
    m_x->setTitleText(metric);
    chart()->setTitle(tr("%1 per user (%2 users)").arg(metric).arg(qulonglong(d.count)));
}

} // namespace rs::ui
