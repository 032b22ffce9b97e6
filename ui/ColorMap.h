#pragma once
#include <QColor>
#include <QImage>
#include <QRgb>
#include <array>

namespace rs::ui {

/// A 256-entry colour table for heatmaps, built once by interpolating in the OKLab colour space
/// (where equal distances look equally different):
/// - sequential(): a viridis-like dark-violet → blue → green → yellow map for non-negative
///   values (weights, shares), through anchor colours of the published viridis definition;
/// - diverging(): blue → white → red for signed values, white at the centre, lightness and
///   chroma changing linearly with |t| on both sides (so equal steps look equal either way).
class ColorMap {
public:
    enum class Kind { Sequential, Diverging };

    static const ColorMap& sequential();
    static const ColorMap& diverging();
    static const ColorMap& forKind(Kind kind);

    Kind kind() const { return m_kind; }
    /// The colour at position t in [0, 1] (clamped; NaN gives the middle).
    QRgb at(double t) const;
    const std::array<QRgb, 256>& table() const { return m_table; }
    /// A 1 x 256 image of the table (left = 0), for legend bars.
    QImage strip() const;

    /// OKLab lightness (0 black .. 1 white) of an sRGB colour.
    static double lightness(QRgb rgb);

private:
    explicit ColorMap(Kind kind);
    Kind m_kind;
    std::array<QRgb, 256> m_table{};
};

} // namespace rs::ui
