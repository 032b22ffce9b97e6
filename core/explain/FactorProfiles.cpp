// describeFactors(): what each latent dimension of a factor model stands for.
//
// Item factors come from BiasedMF and SVD++ (FactorSet::Q, rows padded to `stride`), ALS and
// BPR (itemFactors()). Only items with at least `minRatings` training ratings take part, both
// in the extremes and in the genre correlations: items with one or two ratings keep factors
// close to their random start and would only add noise.
//
// Genres: ItemLabel::genres split at '|' (spaces trimmed; empty parts and "(no genres
// listed)" ignored). For every genre with at least one but not all participating items, r is
// the Pearson correlation between the genre's 0/1 indicator and the dimension's values.
// Name: the genre with the largest positive r as "Genre+" and the one with the most negative r
// as "Genre-", each only when |r| >= 0.1, joined by " / "; "no clear genre" otherwise.
#include "explain/Explainer.h"

#include "latent/ModelFactors.h"
#include "train/RunContext.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <map>

namespace rs {

namespace {

constexpr double kNameMinR = 0.1;

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

/// Genre names (sorted) and, per genre, the participating items that have it.
struct GenreIndex {
    std::vector<std::string> names;
    std::vector<std::vector<std::uint32_t>> items;
};

GenreIndex indexGenres(const RunContext& ctx, const std::vector<std::uint32_t>& eligible) {
    std::map<std::string, std::vector<std::uint32_t>> byName;
    for (std::uint32_t i : eligible) {
        const std::string& text = ctx.items[i].genres;
        std::size_t start = 0;
        while (start <= text.size()) {
            const std::size_t bar = std::min(text.find('|', start), text.size());
            const std::string g = trimmed(text.substr(start, bar - start));
            if (!g.empty() && g != "(no genres listed)") {
                auto& list = byName[g];
                if (list.empty() || list.back() != i)
                    list.push_back(i);
            }
            start = bar + 1;
        }
    }
    GenreIndex index;
    for (auto& [name, items] : byName) {
        if (items.size() == eligible.size())
            continue; // no variance: r undefined
        index.names.push_back(name);
        index.items.push_back(std::move(items));
    }
    return index;
}

std::string profileName(const std::vector<std::pair<std::string, double>>& genres) {
    const std::pair<std::string, double>* pos = nullptr;
    const std::pair<std::string, double>* neg = nullptr;
    for (const auto& g : genres) {
        if (g.second >= kNameMinR && (!pos || g.second > pos->second))
            pos = &g;
        if (g.second <= -kNameMinR && (!neg || g.second < neg->second))
            neg = &g;
    }
    if (!pos && !neg)
        return "no clear genre";
    std::string name = pos ? pos->first + "+" : std::string();
    if (pos && neg)
        name += " / ";
    if (neg)
        name += neg->first + "-";
    return name;
}

} // namespace

std::vector<FactorProfile> describeFactors(const RunContext& ctx, int itemsPerSide,
                                           int minRatings) {
    const Eigen::MatrixXf F = ctx.model ? itemFactorsOf(*ctx.model) : Eigen::MatrixXf();
    std::vector<FactorProfile> profiles;
    if (F.size() == 0)
        return profiles;

    const std::uint32_t items = std::min<std::uint32_t>(std::uint32_t(F.rows()), ctx.numItems());
    std::vector<std::uint32_t> eligible;
    for (std::uint32_t i = 0; i < items; ++i) {
        const std::uint32_t n = i < ctx.train.byItem.rows ? ctx.train.byItem.rowSize(i) : 0;
        if (int(n) >= minRatings)
            eligible.push_back(i);
    }
    const GenreIndex genres = indexGenres(ctx, eligible);
    const double count = double(eligible.size());
    const std::size_t side =
        std::min<std::size_t>(std::size_t(std::max(itemsPerSide, 0)), eligible.size());

    for (int f = 0; f < int(F.cols()); ++f) {
        FactorProfile p;
        p.factor = f;
        auto value = [&F, f](std::uint32_t i) { return F(Eigen::Index(i), f); };

        std::vector<std::uint32_t> order = eligible;
        std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(side), order.end(),
                          [&](std::uint32_t a, std::uint32_t b) {
                              return value(a) != value(b) ? value(a) > value(b) : a < b;
                          });
        for (std::size_t r = 0; r < side; ++r)
            p.topItems.emplace_back(order[r], value(order[r]));
        order = eligible;
        std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(side), order.end(),
                          [&](std::uint32_t a, std::uint32_t b) {
                              return value(a) != value(b) ? value(a) < value(b) : a < b;
                          });
        for (std::size_t r = 0; r < side; ++r)
            p.bottomItems.emplace_back(order[r], value(order[r]));

        double mean = 0;
        for (std::uint32_t i : eligible)
            mean += value(i);
        mean = count > 0 ? mean / count : 0.0;
        double sxx = 0;
        for (std::uint32_t i : eligible)
            sxx += (value(i) - mean) * (value(i) - mean);
        if (sxx > 0) {
            for (std::size_t g = 0; g < genres.names.size(); ++g) {
                const double inGenre = double(genres.items[g].size());
                double sxy = 0; // sum over the genre's items of (x - mean); y - ybar elsewhere
                for (std::uint32_t i : genres.items[g])
                    sxy += value(i) - mean;
                const double syy = inGenre * (1.0 - inGenre / count);
                p.genres.emplace_back(genres.names[g], sxy / std::sqrt(sxx * syy));
            }
        }
        std::stable_sort(p.genres.begin(), p.genres.end(), [](const auto& a, const auto& b) {
            return std::abs(a.second) > std::abs(b.second);
        });
        p.name = profileName(p.genres);
        profiles.push_back(std::move(p));
    }
    return profiles;
}

} // namespace rs
