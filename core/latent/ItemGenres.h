#pragma once
#include <span>
#include <string>
#include <vector>

namespace rs {

struct ItemLabel;

/// The genres of a "A|B|C" list, trimmed, without "(no genres listed)".
std::vector<std::string> splitGenres(const std::string& genres);
/// Every genre of the items with its number of items, most common first (ties by name).
std::vector<std::pair<std::string, int>> genreCounts(const std::vector<ItemLabel>& items);
/// Each item's most specific genre: the least common of its genres across the catalogue
/// (IMAX, a format, only when it is the item's sole genre); empty for items without genres.
std::vector<std::string> mainGenres(const std::vector<ItemLabel>& items);

/// How much a 2-D layout groups items by genre: over the given rows, the share of each row's
/// `k` nearest layout neighbours (among those rows) that have the same label, and the share
/// expected if labels were scattered at random (sum of squared label frequencies).
struct LabelAgreement {
    double observed = 0;
    double random = 0;
    std::size_t rows = 0;
};
LabelAgreement neighbourLabelAgreement(std::span<const float> xy,
                                       const std::vector<std::string>& labels,
                                       std::span<const std::uint32_t> rows, int k);

} // namespace rs
