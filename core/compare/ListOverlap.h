#pragma once
#include <cstdint>
#include <span>

namespace rs {

/// Jaccard index |A n B| / |A u B| of two item lists taken as sets (duplicates count once);
/// 1 when both are empty.
double listJaccard(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b);

/// Kendall's tau-b between two ranked lists (best first) over the union of their items. An
/// item's rank in a list is its 1-based position; an item missing from a list is ranked just
/// below that list's last item (length + 1), all missing items tied there — "not recommended"
/// is worse than any position and says nothing about the order among the missing. Identical
/// lists give 1; NaN when the union has fewer than two items or a list ranks every item alike.
double listKendallTau(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b);

/// Kendall's tau-b between the positions of the items both lists hold: whether the two lists
/// order their shared items alike, whatever else they hold. NaN with fewer than two shared items.
double listKendallTauShared(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b);

} // namespace rs
