#include "ColorMap.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace rs::ui {

namespace {

struct Lab {
    double l, a, b;
};

double toLinear(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double toGamma(double c) {
    c = std::clamp(c, 0.0, 1.0);
    return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055;
}

// sRGB <-> OKLab with the matrices of the OKLab definition (B. Ottosson, 2020).
Lab toLab(QRgb rgb) {
    const double r = toLinear(qRed(rgb) / 255.0), g = toLinear(qGreen(rgb) / 255.0),
                 b = toLinear(qBlue(rgb) / 255.0);
    const double l = std::cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
    const double m = std::cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
    const double s = std::cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
    return {0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
            1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
            0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s};
}

QRgb toRgb(const Lab& c) {
    const double l = std::pow(c.l + 0.3963377774 * c.a + 0.2158037573 * c.b, 3);
    const double m = std::pow(c.l - 0.1055613458 * c.a - 0.0638541728 * c.b, 3);
    const double s = std::pow(c.l - 0.0894841775 * c.a - 1.2914855480 * c.b, 3);
    const double r = 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s;
    const double g = -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s;
    const double b = -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s;
    auto byte = [](double v) { return int(std::lround(toGamma(v) * 255.0)); };
    return qRgb(byte(r), byte(g), byte(b));
}

Lab mix(const Lab& x, const Lab& y, double f) {
    return {x.l + (y.l - x.l) * f, x.a + (y.a - x.a) * f, x.b + (y.b - x.b) * f};
}

/// Ten evenly spaced anchors of viridis (positions k / 9), as the published map defines them.
constexpr QRgb kViridisAnchors[] = {0x440154, 0x482878, 0x3e4a89, 0x31688e, 0x26828e,
                                    0x1f9e89, 0x35b779, 0x6dcd59, 0xb4de2c, 0xfde725};

std::array<QRgb, 256> sequentialTable() {
    constexpr int n = int(std::size(kViridisAnchors));
    Lab anchors[n];
    for (int k = 0; k < n; ++k)
        anchors[k] = toLab(kViridisAnchors[k]);
    std::array<QRgb, 256> table{};
    for (int i = 0; i < 256; ++i) {
        const double pos = double(i) / 255.0 * (n - 1);
        const int k = std::min(int(pos), n - 2);
        table[std::size_t(i)] = toRgb(mix(anchors[k], anchors[k + 1], pos - k));
    }
    return table;
}

/// Blue (OKLCh hue 262°) at t = 0, white at 0.5, red (hue 27°) at 1; at the ends L = 0.42 and
/// C = 0.17, which stays inside the sRGB gamut for both hues.
std::array<QRgb, 256> divergingTable() {
    constexpr double kWhiteL = 0.97, kEndL = 0.42, kEndC = 0.17;
    constexpr double kBlueHue = 262.0, kRedHue = 27.0;
    std::array<QRgb, 256> table{};
    for (int i = 0; i < 256; ++i) {
        const double t = double(i) / 255.0 * 2.0 - 1.0; // -1 .. 1
        const double d = std::abs(t);
        const double hue = (t < 0 ? kBlueHue : kRedHue) * std::numbers::pi / 180.0;
        const double chroma = kEndC * d;
        table[std::size_t(i)] = toRgb(
            {kWhiteL + (kEndL - kWhiteL) * d, chroma * std::cos(hue), chroma * std::sin(hue)});
    }
    return table;
}

} // namespace

ColorMap::ColorMap(Kind kind)
    : m_kind(kind), m_table(kind == Kind::Sequential ? sequentialTable() : divergingTable()) {}

const ColorMap& ColorMap::sequential() {
    static const ColorMap map(Kind::Sequential);
    return map;
}

const ColorMap& ColorMap::diverging() {
    static const ColorMap map(Kind::Diverging);
    return map;
}

const ColorMap& ColorMap::forKind(Kind kind) {
    return kind == Kind::Sequential ? sequential() : diverging();
}

QRgb ColorMap::at(double t) const {
    if (std::isnan(t))
        t = 0.5;
    const int i = int(std::lround(std::clamp(t, 0.0, 1.0) * 255.0));
    return m_table[std::size_t(i)];
}

QImage ColorMap::strip() const {
    QImage image(256, 1, QImage::Format_RGB32);
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(0));
    std::copy(m_table.begin(), m_table.end(), line);
    return image;
}

double ColorMap::lightness(QRgb rgb) {
    return toLab(rgb).l;
}

} // namespace rs::ui
