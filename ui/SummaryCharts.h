#pragma once
#include "store/DatasetQueries.h"

#include <QString>

class QChart;

namespace rs::ui {

/// Builders of the dataset summary charts from values core computed (no maths here beyond
/// laying points out). Each returns a new chart the caller owns (a QChartView takes it).
namespace SummaryCharts {

/// Bar chart: number of ratings per distinct rating value.
QChart* ratingHistogram(const rs::DatasetSummary& s);
/// Line chart: ratings per item against item rank (most popular first), the long tail;
/// `logCounts` puts the count axis on a log10 scale.
QChart* popularityCurve(const rs::DatasetSummary& s, bool logCounts);
/// Bar chart: number of users per log2 bucket of their rating count ([1,2), [2,4), ...).
QChart* userActivity(const rs::DatasetSummary& s);
/// Label of a log2 bucket [start, 2 start): its start ("1", "2", ..., "512", "1k", "2k", ...).
QString bucketLabel(qint64 start);

} // namespace SummaryCharts

} // namespace rs::ui
