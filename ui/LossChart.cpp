#include "LossChart.h"

#include "ChartStyle.h"

#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace rs::ui {

namespace {

/// Markers on the points while a curve is short (a one-epoch curve is then visible too).
constexpr int kMaxPointsWithMarkers = 40;

QLineSeries* lineSeries(const QString& name, const QColor& color) {
    auto* s = new QLineSeries;
    s->setName(name);
    QPen pen(color);
    pen.setWidthF(2.0);
    s->setPen(pen);
    s->setPointsVisible(true);
    return s;
}

/// The epoch axis end for `epoch` epochs: 5, 10, 20, 50, 100, 200, 500, ...
int epochAxisEnd(double epoch) {
    for (int scale = 1;; scale *= 10)
        for (int step : {5, 10, 20})
            if (epoch <= step * scale || step * scale >= 1'000'000'000 / 20)
                return step * scale;
}

} // namespace

LossChart::LossChart(const QString& title, QWidget* parent)
    : QChartView(newPlainChart(title), parent), m_title(title),
      m_train(lineSeries(tr("train loss"), QColor(0x3a, 0x7c, 0xc9))),
      m_validation(lineSeries(tr("validation loss"), QColor(0xd0, 0x5a, 0x2a))),
      m_x(new QValueAxis), m_y(new QValueAxis) {
    QChart* chart = this->chart();
    chart->addSeries(m_train);
    chart->addSeries(m_validation);
    m_x->setTitleText(tr("epoch"));
    m_x->setLabelFormat(QStringLiteral("%d"));
    m_y->setTitleText(tr("loss"));
    m_y->setLabelFormat(QStringLiteral("%.3g"));
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QLineSeries* s : {m_train, m_validation}) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &LossChart::flush);
    clear();
}

void LossChart::clear() {
    m_flushTimer.stop();
    m_pending.clear();
    m_train->clear();
    m_validation->clear();
    m_epochs = 0;
    m_planned = 0;
    m_maxEpoch = 0;
    m_hasLoss = false;
    m_minLoss = m_maxLoss = 0;
    updateAxes();
}

void LossChart::setPlannedEpochs(int epochs) {
    m_planned = std::max(0, epochs);
    updateAxes();
}

void LossChart::setSubtitle(const QString& text) {
    chart()->setTitle(text.isEmpty() ? m_title
                                     : QStringLiteral("%1<br><small>%2</small>")
                                           .arg(m_title.toHtmlEscaped(), text.toHtmlEscaped()));
}

void LossChart::addEpoch(const rs::EpochRecord& epoch) {
    m_pending.push_back(epoch);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void LossChart::flush() {
    m_flushTimer.stop();
    if (m_pending.empty())
        return;
    const std::vector<rs::EpochRecord> batch = std::exchange(m_pending, {});
    appendPoints(batch);
}

void LossChart::setEpochs(const std::vector<rs::EpochRecord>& epochs) {
    clear();
    appendPoints(epochs);
}

void LossChart::appendPoints(const std::vector<rs::EpochRecord>& epochs) {
    QList<QPointF> train, validation;
    for (const rs::EpochRecord& e : epochs) {
        const double x = e.epoch;
        auto grow = [this](double v) {
            if (!std::isfinite(v))
                return false;
            m_minLoss = m_hasLoss ? std::min(m_minLoss, v) : v;
            m_maxLoss = m_hasLoss ? std::max(m_maxLoss, v) : v;
            m_hasLoss = true;
            return true;
        };
        if (grow(e.trainLoss))
            train << QPointF(x, e.trainLoss);
        if (e.validationLoss >= 0 && grow(e.validationLoss))
            validation << QPointF(x, e.validationLoss);
        m_maxEpoch = std::max(m_maxEpoch, x);
        ++m_epochs;
    }
    // Axes first, so that the series are laid out once, in the final ranges.
    updateAxes();
    const bool markers = m_train->count() + train.size() <= kMaxPointsWithMarkers;
    for (QLineSeries* s : {m_train, m_validation})
        if (s->pointsVisible() != markers)
            s->setPointsVisible(markers);
    if (!train.isEmpty())
        m_train->append(train);
    if (!validation.isEmpty())
        m_validation->append(validation);
}

void LossChart::updateAxes() {
    // Epoch axis: the planned number of epochs, else a round end that grows in steps.
    const int end =
        m_planned > 0 ? std::max(m_planned, int(std::ceil(m_maxEpoch))) : epochAxisEnd(m_maxEpoch);
    if (m_x->min() != 0 || m_x->max() != end) {
        m_x->setRange(0, end);
        m_x->setTickCount(end <= 10 ? end + 1 : 6);
    }
    if (!m_hasLoss) {
        m_y->setRange(0, 1);
        return;
    }
    // Loss axis: changed only when a value falls outside it; then a margin so that a falling
    // curve does not move it at every epoch.
    if (m_minLoss >= m_y->min() && m_maxLoss <= m_y->max() && m_y->max() > m_y->min() &&
        m_y->max() - m_y->min() < 4 * (m_maxLoss - m_minLoss) + 1e-9)
        return;
    const double span = std::max(m_maxLoss - m_minLoss, std::abs(m_maxLoss) * 0.02 + 1e-9);
    double low = m_minLoss - 0.25 * span;
    if (m_minLoss >= 0)
        low = std::max(0.0, low); // losses that cannot go negative keep a non-negative axis
    m_y->setRange(low, m_maxLoss + 0.08 * span);
    m_y->applyNiceNumbers();
}

} // namespace rs::ui
