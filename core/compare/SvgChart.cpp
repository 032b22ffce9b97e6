#include "compare/SvgChart.h"

#include "compare/HtmlText.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace rs {

namespace {

const char* const kPalette[] = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759",
                                "#76b7b2", "#edc948", "#b07aa1", "#9c755f"};

std::string num(double v) {
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, std::round(v * 100.0) / 100.0);
    return std::string(buf, p);
}

/// A "nice" tick step (1, 2 or 5 times a power of ten) giving about `ticks` ticks over span.
double tickStep(double span, int ticks) {
    if (!(span > 0.0))
        return 1.0;
    const double raw = span / ticks;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0})
        if (m * power >= raw)
            return m * power;
    return 10.0 * power;
}

std::string tickLabel(double v) {
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, std::abs(v) < 1e-12 ? 0.0 : v,
                                 std::chars_format::general, 4);
    return std::string(buf, p);
}

std::string text(double x, double y, const std::string& s, const char* anchor = "middle",
                 int size = 11) {
    return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + std::to_string(size) +
           "\" text-anchor=\"" + anchor + "\">" + htmlEscape(s) + "</text>";
}

std::string line(double x1, double y1, double x2, double y2, const char* stroke) {
    return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" +
           num(y2) + "\" stroke=\"" + stroke + "\"/>";
}

std::string svgOpen(int width, int height, const std::string& title) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) +
           "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) +
           ' ' + std::to_string(height) + "\" font-family=\"sans-serif\" role=\"img\"><title>" +
           htmlEscape(title) + "</title>" + text(width / 2.0, 16, title, "middle", 13);
}

} // namespace

std::string svgBarChart(const BarChart& chart) {
    const double left = 56, right = 16, top = 28, legendRow = 16;
    const double legend = legendRow * double(chart.series.size()) + 8;
    const double bottom = 36 + legend;
    const double plotW = chart.width - left - right, plotH = chart.height - top - bottom;
    double lo = 0.0, hi = 0.0;
    for (const auto& s : chart.series)
        for (double v : s.values)
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
    if (hi == lo)
        hi = lo + 1.0;
    const double step = tickStep(hi - lo, 5);
    lo = std::floor(lo / step) * step;
    hi = std::ceil(hi / step) * step;
    auto yOf = [&](double v) { return top + plotH * (hi - v) / (hi - lo); };

    std::string svg = svgOpen(chart.width, chart.height, chart.title);
    for (double t = lo; t <= hi + step / 2; t += step) {
        svg += line(left, yOf(t), left + plotW, yOf(t), "#e5e5e5");
        svg += text(left - 4, yOf(t) + 4, tickLabel(t), "end", 10);
    }
    svg += line(left, yOf(0.0), left + plotW, yOf(0.0), "#333");
    svg += line(left, top, left, top + plotH, "#333");
    const std::size_t groups = std::max<std::size_t>(chart.categories.size(), 1);
    const std::size_t bars = std::max<std::size_t>(chart.series.size(), 1);
    const double groupW = plotW / double(groups), barW = groupW * 0.8 / double(bars);
    for (std::size_t c = 0; c < chart.categories.size(); ++c) {
        const double x0 = left + groupW * double(c) + groupW * 0.1;
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
            const auto& values = chart.series[s].values;
            if (c >= values.size() || !std::isfinite(values[c]))
                continue;
            const double y1 = yOf(std::max(values[c], 0.0)), y2 = yOf(std::min(values[c], 0.0));
            svg += "<rect x=\"" + num(x0 + barW * double(s)) + "\" y=\"" + num(y1) + "\" width=\"" +
                   num(std::max(barW - 1.0, 1.0)) + "\" height=\"" + num(std::max(y2 - y1, 0.5)) +
                   "\" fill=\"" + kPalette[s % 8] + "\"><title>" +
                   htmlEscape(chart.series[s].name + " / " + chart.categories[c] + ": " +
                              tickLabel(values[c])) +
                   "</title></rect>";
        }
        svg += text(left + groupW * (double(c) + 0.5), top + plotH + 14, chart.categories[c],
                    "middle", 10);
    }
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
        const double y = top + plotH + 30 + legendRow * double(s);
        svg += "<rect x=\"" + num(left) + "\" y=\"" + num(y - 9) +
               "\" width=\"10\" height=\"10\" fill=\"" + kPalette[s % 8] + "\"/>";
        svg += text(left + 16, y, chart.series[s].name, "start", 11);
    }
    return svg + "</svg>";
}

std::string svgScatterChart(const ScatterChart& chart) {
    const double left = 48, right = 12, top = 28, bottom = 40;
    const double plotW = chart.width - left - right, plotH = chart.height - top - bottom;
    double lo = 0.0, hi = 0.0;
    bool any = false;
    for (const auto* v : {&chart.x, &chart.y})
        for (double d : *v)
            if (std::isfinite(d)) {
                lo = any ? std::min(lo, d) : d;
                hi = any ? std::max(hi, d) : d;
                any = true;
            }
    if (hi == lo)
        hi = lo + 1.0;
    const double step = tickStep(hi - lo, 5);
    lo = std::floor(lo / step) * step;
    hi = std::ceil(hi / step) * step;
    auto xOf = [&](double v) { return left + plotW * (v - lo) / (hi - lo); };
    auto yOf = [&](double v) { return top + plotH * (hi - v) / (hi - lo); };

    std::string svg = svgOpen(chart.width, chart.height, chart.title);
    for (double t = lo; t <= hi + step / 2; t += step) {
        svg += text(left - 4, yOf(t) + 4, tickLabel(t), "end", 10);
        svg += text(xOf(t), top + plotH + 14, tickLabel(t), "middle", 10);
    }
    svg += line(left, top + plotH, left + plotW, top + plotH, "#333");
    svg += line(left, top, left, top + plotH, "#333");
    svg += line(xOf(lo), yOf(lo), xOf(hi), yOf(hi), "#bbb");
    for (std::size_t i = 0; i < chart.x.size() && i < chart.y.size(); ++i)
        if (std::isfinite(chart.x[i]) && std::isfinite(chart.y[i]))
            svg += "<circle cx=\"" + num(xOf(chart.x[i])) + "\" cy=\"" + num(yOf(chart.y[i])) +
                   "\" r=\"2\" fill=\"#4e79a7\" fill-opacity=\"0.5\"/>";
    svg += text(left + plotW / 2, chart.height - 8, chart.xLabel, "middle", 11);
    svg += "<text x=\"12\" y=\"" + num(top + plotH / 2) +
           "\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 12 " +
           num(top + plotH / 2) + ")\">" + htmlEscape(chart.yLabel) + "</text>";
    return svg + "</svg>";
}

} // namespace rs
