#include "latent/ItemGenres.h"

#include "latent/NeighbourIndex.h"
#include "train/RunContext.h"

#include <algorithm>
#include <map>

namespace rs {

std::vector<std::string> splitGenres(const std::string& genres) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= genres.size()) {
        const std::size_t bar = std::min(genres.find('|', start), genres.size());
        std::string g = genres.substr(start, bar - start);
        const auto first = g.find_first_not_of(" \t");
        const auto last = g.find_last_not_of(" \t");
        g = first == std::string::npos ? std::string() : g.substr(first, last - first + 1);
        if (!g.empty() && g != "(no genres listed)")
            out.push_back(std::move(g));
        start = bar + 1;
    }
    return out;
}

std::vector<std::pair<std::string, int>> genreCounts(const std::vector<ItemLabel>& items) {
    std::map<std::string, int> counts;
    for (const ItemLabel& item : items)
        for (const std::string& g : splitGenres(item.genres))
            ++counts[g];
    std::vector<std::pair<std::string, int>> out(counts.begin(), counts.end());
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return out;
}

std::vector<std::string> mainGenres(const std::vector<ItemLabel>& items) {
    std::map<std::string, int> counts;
    for (const auto& [g, n] : genreCounts(items))
        counts[g] = n;
    std::vector<std::string> out(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        std::vector<std::string> genres = splitGenres(items[i].genres);
        if (genres.size() > 1)
            genres.erase(std::remove(genres.begin(), genres.end(), "IMAX"), genres.end());
        for (const std::string& g : genres)
            if (out[i].empty() || counts[g] < counts[out[i]] ||
                (counts[g] == counts[out[i]] && g < out[i]))
                out[i] = g;
    }
    return out;
}

LabelAgreement neighbourLabelAgreement(std::span<const float> xy,
                                       const std::vector<std::string>& labels,
                                       std::span<const std::uint32_t> rows, int k) {
    LabelAgreement out;
    out.rows = rows.size();
    if (rows.size() < 2)
        return out;
    Eigen::MatrixXf points(Eigen::Index(rows.size()), 2);
    std::map<std::string, double> share;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        points(Eigen::Index(r), 0) = xy[2 * rows[r]];
        points(Eigen::Index(r), 1) = xy[2 * rows[r] + 1];
        share[labels[rows[r]]] += 1.0 / double(rows.size());
    }
    for (const auto& [label, s] : share)
        out.random += s * s;
    const NeighbourIndex index(points);
    std::vector<std::uint32_t> all(rows.size());
    for (std::uint32_t r = 0; r < all.size(); ++r)
        all[r] = r;
    double same = 0, total = 0;
    const auto found = index.nearestBatch(all, k, FactorMetric::Euclidean);
    for (std::size_t r = 0; r < found.size(); ++r)
        for (const FactorNeighbour& nb : found[r]) {
            same += labels[rows[nb.row]] == labels[rows[r]] ? 1 : 0;
            total += 1;
        }
    out.observed = total > 0 ? same / total : 0;
    return out;
}

} // namespace rs
