#pragma once
#include "import/RatingFileParser.h"
#include "store/DatasetWriter.h"
#include <functional>

namespace rs {

struct ParsedItemMetadata {
    ItemMetadata metadata;                 ///< aligned with the dataset's item indices
    std::vector<std::string> extraColumns; ///< names of the columns kept in `extra`
    std::int64_t matched = 0;              ///< rows whose id is a rated item
    std::int64_t unmatched = 0;            ///< rows for items without ratings (not stored)
};

/// Reads an item metadata file (id, title, genres and any further columns) and joins it to the
/// rated items by external id: `itemIndex(id)` gives the dataset's item index or -1, and
/// `numItems` the number of items. Bad rows go to `rejects` like rating rows do.
using ItemLookup = std::function<std::int64_t(std::string_view)>;
ParseStatus parseItemMetadataFile(const std::string& path, const CsvDialect& dialect,
                                  const ItemColumns& columns, const ItemLookup& itemIndex,
                                  std::size_t numItems, RejectCollector& rejects,
                                  const Progress& progress, ParsedItemMetadata& out,
                                  std::string& error);

} // namespace rs
