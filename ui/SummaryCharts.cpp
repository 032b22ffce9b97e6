#include "SummaryCharts.h"

#include "ChartStyle.h"
#include "DatasetFormat.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>
#include <algorithm>

namespace rs::ui::SummaryCharts {

namespace {

QChart* baseChart(const QString& title) {
    QChart* chart = newPlainChart(title);
    chart->legend()->hide();
    return chart;
}

/// A y axis from 0 to a round number above `maxValue`, with integer labels.
QValueAxis* countAxis(double maxValue, const QString& title) {
    auto* axis = new QValueAxis;
    axis->setRange(0, std::max(1.0, maxValue * 1.08));
    axis->setLabelFormat(QStringLiteral("%.0f"));
    axis->applyNiceNumbers();
    axis->setTitleText(title);
    return axis;
}

QString shortCount(qint64 n) {
    if (n >= 10'000'000)
        return QStringLiteral("%1M").arg(n / 1'000'000);
    if (n >= 1024 && n % 1024 == 0)
        return QStringLiteral("%1k").arg(n / 1024); // log2 bucket starts: 1k, 2k, 4k, ...
    if (n >= 10'000)
        return QStringLiteral("%1k").arg(n / 1000);
    return QString::number(n);
}

} // namespace

QString bucketLabel(qint64 start) {
    return shortCount(start);
}

QChart* ratingHistogram(const rs::DatasetSummary& s) {
    auto* chart = baseChart(QObject::tr("Rating distribution"));
    auto* set = new QBarSet(QObject::tr("Ratings"));
    set->setColor(QColor(0x3a, 0x7c, 0xc9));
    set->setBorderColor(QColor(0x3a, 0x7c, 0xc9));
    QStringList categories;
    std::int64_t maxCount = 0;
    for (std::size_t k = 0; k < s.ratingValues.size(); ++k) {
        categories << formatRating(s.ratingValues[k]);
        const std::int64_t c = k < s.ratingCounts.size() ? s.ratingCounts[k] : 0;
        *set << double(c);
        maxCount = std::max(maxCount, c);
    }
    auto* series = new QBarSeries;
    series->append(set);
    series->setBarWidth(0.8);
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    x->setTitleText(QObject::tr("rating"));
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    auto* y = countAxis(double(maxCount), QObject::tr("ratings"));
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    return chart;
}

QChart* popularityCurve(const rs::DatasetSummary& s, bool logCounts) {
    auto* chart = baseChart(QObject::tr("Item popularity (long tail)"));
    auto* series = new QLineSeries;
    series->setName(QObject::tr("ratings per item"));
    QPen pen(QColor(0xd0, 0x5a, 0x2a));
    pen.setWidthF(2.0);
    series->setPen(pen);
    std::int64_t maxRank = 1, maxCount = 1;
    for (const auto& [rank, count] : s.popularityCurve) {
        if (logCounts && count <= 0)
            continue; // log axis: zero counts cannot be drawn
        series->append(double(rank), double(count));
        maxRank = std::max(maxRank, rank);
        maxCount = std::max(maxCount, count);
    }
    chart->addSeries(series);
    auto* x = new QValueAxis;
    x->setRange(1, double(maxRank));
    x->setLabelFormat(QStringLiteral("%.0f"));
    x->setTitleText(QObject::tr("item rank (most rated first)"));
    x->setTickCount(5);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    if (logCounts) {
        auto* y = new QLogValueAxis;
        y->setBase(10);
        y->setRange(1, std::max(10.0, double(maxCount) * 1.5));
        y->setLabelFormat(QStringLiteral("%g"));
        y->setTitleText(QObject::tr("ratings (log scale)"));
        y->setMinorTickCount(-1);
        chart->addAxis(y, Qt::AlignLeft);
        series->attachAxis(y);
    } else {
        auto* y = countAxis(double(maxCount), QObject::tr("ratings"));
        chart->addAxis(y, Qt::AlignLeft);
        series->attachAxis(y);
    }
    return chart;
}

QChart* userActivity(const rs::DatasetSummary& s) {
    auto* chart = baseChart(QObject::tr("Ratings per user"));
    auto* set = new QBarSet(QObject::tr("Users"));
    set->setColor(QColor(0x4a, 0x9a, 0x5b));
    set->setBorderColor(QColor(0x4a, 0x9a, 0x5b));
    QStringList categories;
    std::int64_t maxCount = 0;
    // Leading empty buckets (e.g. datasets where every user has 20+ ratings) are left out.
    std::size_t first = 0;
    while (first < s.userActivityCounts.size() && s.userActivityCounts[first] == 0)
        ++first;
    for (std::size_t k = first; k < s.userActivityBucketStart.size(); ++k) {
        categories << bucketLabel(s.userActivityBucketStart[k]);
        const std::int64_t c = k < s.userActivityCounts.size() ? s.userActivityCounts[k] : 0;
        *set << double(c);
        maxCount = std::max(maxCount, c);
    }
    auto* series = new QBarSeries;
    series->append(set);
    series->setBarWidth(0.85);
    chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    x->setTitleText(QObject::tr("ratings per user (bucket [n, 2n) starting at n)"));
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    auto* y = countAxis(double(maxCount), QObject::tr("users"));
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    return chart;
}

} // namespace rs::ui::SummaryCharts
