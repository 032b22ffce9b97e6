#pragma once
#include <string>
#include <vector>

namespace rs {

/// A grouped bar chart: for each category one bar per series.
struct BarChart {
    std::string title;
    std::vector<std::string> categories;
    struct Series {
        std::string name;
        std::vector<double> values; ///< per category; NaN draws no bar
    };
    std::vector<Series> series;
    int width = 720, height = 300;
};

/// Points (x, y) of two runs' per-user values, with the diagonal y = x.
struct ScatterChart {
    std::string title, xLabel, yLabel;
    std::vector<double> x, y;
    int width = 360, height = 360;
};

/// Inline SVG markup (an <svg> element) of the chart: axes with ticks, bars from zero (values
/// may be negative), a legend; every text escaped.
std::string svgBarChart(const BarChart& chart);
/// Inline SVG markup of the scatter chart (axes over the joint range of x and y).
std::string svgScatterChart(const ScatterChart& chart);

} // namespace rs
