#pragma once
#include <QString>
#include <string>
#include <utility>
#include <vector>

namespace rs::ui {

/// Text of run metrics as the views show them (tables, queue results, summaries).
namespace MetricFormat {

using Metrics = std::vector<std::pair<std::string, double>>;

/// A metric value: four significant digits, one decimal from 100 up ("0.8640" -> "0.864").
QString value(double v);
/// The few metrics that say most, e.g. "RMSE 0.864 · P@10 0.0313 · NDCG@10 0.0497".
QString headline(const Metrics& metrics);
/// Every metric in an HTML table of `columns` name/value pairs per row.
QString summaryHtml(const Metrics& metrics, int columns = 4);

} // namespace MetricFormat

} // namespace rs::ui
