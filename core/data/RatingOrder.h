#pragma once
#include "data/RatingTable.h"
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace rs {

/// What to do when a (user, item) pair occurs more than once.
enum class DuplicatePolicy { KeepLast, KeepFirst, Mean };
const char* duplicatePolicyName(DuplicatePolicy p);
bool parseDuplicatePolicy(const std::string& text, DuplicatePolicy& out);

struct DuplicateReport {
    std::int64_t removed = 0; ///< rows dropped or merged away
    /// The first few duplicated pairs as (user index, item index).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> examples;
};

/// Renumbers users and items so that index order is the natural order of their external ids
/// (ids made of digits compare as numbers and come first; others compare as text). Rewrites the
/// index columns and id lists. `itemOldToNew`, when given, receives the item mapping.
void renumberByNaturalIdOrder(RatingTable& t, std::vector<std::uint32_t>* itemOldToNew = nullptr);

/// Natural id order used by renumberByNaturalIdOrder.
bool naturalIdLess(const std::string& a, const std::string& b);

/// Sorts a table's rows by (user, item) in place — a stable counting sort by user, then by item
/// within each user — and resolves duplicate pairs by `policy` ("first"/"last" in file order).
/// Extra memory: one index per row plus one column at a time.
DuplicateReport sortByUserItem(RatingTable& t, DuplicatePolicy policy,
                               std::size_t maxExamples = 20);

} // namespace rs
