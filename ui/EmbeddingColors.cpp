#include "EmbeddingColors.h"

#include "ColorMap.h"
#include "latent/EmbeddingSpace.h"
#include "latent/ItemGenres.h"
#include "latent/TitleYear.h"
#include "train/RunContext.h"

#include <QHash>
#include <QLocale>
#include <algorithm>
#include <cmath>

namespace rs::ui {

namespace {

const QColor kGrey(0xc8, 0xc8, 0xc8);

/// Twenty distinguishable colours for categories (the rest share grey).
const std::vector<QColor>& categoryColors() {
    static const std::vector<QColor> colors = {
        QColor(0x1f, 0x6f, 0xb4), QColor(0xe8, 0x7a, 0x12), QColor(0x2c, 0x9c, 0x3a),
        QColor(0xc9, 0x2a, 0x2a), QColor(0x8a, 0x5c, 0xbf), QColor(0x86, 0x52, 0x44),
        QColor(0xdb, 0x6b, 0xc0), QColor(0x6f, 0x6f, 0x6f), QColor(0xae, 0xb0, 0x1c),
        QColor(0x14, 0xb0, 0xc4), QColor(0x9e, 0xc3, 0xe6), QColor(0xf5, 0xb5, 0x6c),
        QColor(0x8c, 0xd6, 0x7e), QColor(0xf2, 0x8e, 0x8b), QColor(0xbf, 0xa8, 0xd8),
        QColor(0x3b, 0x3b, 0x8f), QColor(0x5a, 0x8a, 0x1e), QColor(0xa8, 0x1c, 0x6a),
        QColor(0x00, 0x80, 0x80), QColor(0xb8, 0x86, 0x0b)};
    return colors;
}

bool hasGenre(const std::string& genres, const std::string& genre) {
    const std::vector<std::string> all = rs::splitGenres(genres);
    return std::find(all.begin(), all.end(), genre) != all.end();
}

/// Legend entries for a continuous scale from `low` to `high` (5 steps).
std::vector<MapLegendEntry> scaleLegend(const ColorMap& map, double low, double high,
                                        const QString& what, bool logScale) {
    std::vector<MapLegendEntry> legend;
    const QLocale locale;
    for (int k = 4; k >= 0; --k) {
        const double t = k / 4.0;
        const double v = low + (high - low) * t;
        // Counts (log scale) read "1,234 ratings"; values "mean 3.52".
        const QString text =
            logScale ? QStringLiteral("%1 %2").arg(
                           locale.toString(qlonglong(std::llround(std::expm1(v)))), what)
                     : QStringLiteral("%1 %2").arg(what, locale.toString(v, 'g', 3));
        legend.push_back({QColor::fromRgb(map.at(t)), text});
    }
    return legend;
}

} // namespace

QStringList genresOf(const rs::RunContext& ctx) {
    QStringList names;
    for (const auto& [genre, count] : rs::genreCounts(ctx.items))
        names << QString::fromStdString(genre);
    return names;
}

MapStyle styleMap(const rs::RunContext& ctx, const rs::EmbeddingSpace& space,
                  const MapColoring& coloring) {
    MapStyle style;
    const std::size_t n = space.size();
    style.colors.assign(n, kGrey);
    style.radii.assign(n, 2.0f);
    std::uint32_t maxPop = 1;
    for (std::uint32_t p : space.popularity)
        maxPop = std::max(maxPop, p);
    const double logMax = std::log1p(double(maxPop));
    for (std::size_t i = 0; i < n; ++i) {
        const double t = i < space.popularity.size() ? std::log1p(space.popularity[i]) / logMax : 0;
        style.radii[i] = float(1.6 + 3.0 * std::sqrt(t));
    }
    const bool items = space.side == rs::FactorSide::Items;

    switch (coloring.kind) {
    case MapColoring::Kind::MainGenre: {
        if (!items)
            break;
        std::vector<QString> main;
        for (const std::string& g : rs::mainGenres(ctx.items))
            main.push_back(QString::fromStdString(g));
        // Colours go to the genres that are the main genre of most items.
        QHash<QString, int> mainCounts;
        for (const QString& g : main)
            if (!g.isEmpty())
                ++mainCounts[g];
        QStringList order = mainCounts.keys();
        std::sort(order.begin(), order.end(), [&](const QString& a, const QString& b) {
            return mainCounts[a] != mainCounts[b] ? mainCounts[a] > mainCounts[b] : a < b;
        });
        const auto& palette = categoryColors();
        QHash<QString, QColor> colorOf;
        for (int k = 0; k < int(order.size()) && k < int(palette.size()); ++k) {
            colorOf[order[k]] = palette[std::size_t(k)];
            style.legend.push_back(
                {palette[std::size_t(k)],
                 QStringLiteral("%1 (%2)").arg(order[k]).arg(mainCounts[order[k]])});
        }
        for (std::size_t i = 0; i < n && i < main.size(); ++i)
            style.colors[i] = colorOf.value(main[i], kGrey);
        if (order.size() > int(palette.size()))
            style.legend.push_back({kGrey, QObject::tr("other / none")});
        break;
    }
    case MapColoring::Kind::OneGenre: {
        if (!items)
            break;
        const QColor on(0xc9, 0x2a, 0x2a);
        int count = 0;
        for (std::size_t i = 0; i < n && i < ctx.items.size(); ++i)
            if (hasGenre(ctx.items[i].genres, coloring.genre.toStdString())) {
                style.colors[i] = on;
                ++count;
            } else {
                style.colors[i] = QColor(0xdc, 0xdc, 0xdc);
            }
        style.legend = {{on, QStringLiteral("%1 (%2)").arg(coloring.genre).arg(count)},
                        {QColor(0xdc, 0xdc, 0xdc), QObject::tr("other genres")}};
        break;
    }
    case MapColoring::Kind::Popularity: {
        const ColorMap& map = ColorMap::sequential();
        for (std::size_t i = 0; i < n; ++i)
            style.colors[i] = QColor::fromRgb(
                map.at(i < space.popularity.size() ? std::log1p(space.popularity[i]) / logMax : 0));
        style.legend = scaleLegend(map, 0, logMax, QObject::tr("ratings"), true);
        break;
    }
    case MapColoring::Kind::MeanValue: {
        const ColorMap& map = ColorMap::sequential();
        float lo = 0, hi = 0;
        bool first = true;
        for (std::size_t i = 0; i < n && i < space.meanValue.size(); ++i)
            if (space.popularity[i] > 0) {
                lo = first ? space.meanValue[i] : std::min(lo, space.meanValue[i]);
                hi = first ? space.meanValue[i] : std::max(hi, space.meanValue[i]);
                first = false;
            }
        const double span = std::max(1e-9, double(hi - lo));
        for (std::size_t i = 0; i < n && i < space.meanValue.size(); ++i)
            style.colors[i] = space.popularity[i] > 0
                                  ? QColor::fromRgb(map.at((space.meanValue[i] - lo) / span))
                                  : kGrey;
        style.legend = scaleLegend(map, lo, hi, QObject::tr("mean"), false);
        break;
    }
    case MapColoring::Kind::Year: {
        if (!items)
            break;
        const ColorMap& map = ColorMap::sequential();
        int lo = 0, hi = 0;
        std::vector<int> years(n, 0);
        for (std::size_t i = 0; i < n && i < ctx.items.size(); ++i)
            if ((years[i] = rs::titleYear(ctx.items[i].title)) > 0) {
                lo = lo ? std::min(lo, years[i]) : years[i];
                hi = std::max(hi, years[i]);
            }
        const double span = std::max(1, hi - lo);
        for (std::size_t i = 0; i < n; ++i)
            if (years[i] > 0)
                style.colors[i] = QColor::fromRgb(map.at((years[i] - lo) / span));
        if (hi > 0) {
            for (int k = 4; k >= 0; --k)
                style.legend.push_back(
                    {QColor::fromRgb(map.at(k / 4.0)),
                     QString::number(int(std::lround(lo + (hi - lo) * k / 4.0)))});
            style.legend.push_back({kGrey, QObject::tr("no year in the title")});
        }
        break;
    }
    case MapColoring::Kind::Factor: {
        const ColorMap& map = ColorMap::diverging();
        const auto& rows = space.index->rows();
        const int f = std::clamp(coloring.factor, 0, int(rows.cols()) - 1);
        float extreme = 1e-9f;
        for (Eigen::Index i = 0; i < rows.rows(); ++i)
            extreme = std::max(extreme, std::abs(rows(i, f)));
        for (std::size_t i = 0; i < n; ++i)
            style.colors[i] =
                QColor::fromRgb(map.at(0.5 + 0.5 * rows(Eigen::Index(i), f) / extreme));
        style.legend =
            scaleLegend(map, -extreme, extreme, QObject::tr("factor %1 =").arg(f + 1), false);
        break;
    }
    }
    return style;
}

} // namespace rs::ui
