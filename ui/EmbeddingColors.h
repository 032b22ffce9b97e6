#pragma once
#include "EmbeddingMap.h"

#include <QColor>
#include <QString>
#include <QStringList>
#include <vector>

namespace rs {
struct EmbeddingSpace;
struct RunContext;
} // namespace rs

namespace rs::ui {

/// How the points of an embedding map are coloured.
struct MapColoring {
    enum class Kind {
        MainGenre,  ///< each item's most specific genre (its least common one), a colour each
        OneGenre,   ///< items of `genre` in colour, the rest grey
        Popularity, ///< training interactions (log scale)
        MeanValue,  ///< mean training rating
        Year,       ///< release year from the title ("… (1995)"), items without one grey
        Factor      ///< the value of latent dimension `factor` (diverging around 0)
    };
    Kind kind = Kind::MainGenre;
    QString genre;
    int factor = 0;
};

/// The colours, sizes and legend of a map's points: colours by MapColoring, radii growing
/// with the square root of log popularity (1.6 .. 4.6 px).
struct MapStyle {
    std::vector<QColor> colors;
    std::vector<float> radii;
    std::vector<MapLegendEntry> legend;
};

/// The genres of the context's items, most common first ("(no genres listed)" left out).
QStringList genresOf(const rs::RunContext& ctx);

MapStyle styleMap(const rs::RunContext& ctx, const rs::EmbeddingSpace& space,
                  const MapColoring& coloring);

} // namespace rs::ui
