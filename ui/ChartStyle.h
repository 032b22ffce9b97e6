#pragma once
#include <QString>

class QChart;

namespace rs::ui {

/// A new chart in the application's plain style: bold title, narrow margins, square corners,
/// no animation, legend at the bottom. The caller owns it: give it to QChartView's constructor
/// (a QChartView made without a chart makes a default one, which setChart() would leak).
QChart* newPlainChart(const QString& title = QString());

} // namespace rs::ui
