#pragma once
#include "data/IdMap.h"
#include "data/RatingTable.h"
#include "import/RejectCollector.h"
#include "io/CsvDialect.h"
#include "io/FormatSniffer.h"
#include "util/Progress.h"
#include <string>

namespace rs {

/// Ratings parsed from one file, in file order, before sorting and de-duplication.
struct ParsedRatings {
    RatingTable table; ///< userIds/itemIds are filled from the maps by finish()
    IdMap userMap;
    IdMap itemMap;
    std::int64_t linesRead = 0;
    TextEncoding encoding = TextEncoding::Utf8;
    void finish();
};

enum class ParseStatus { Ok, Failed, Cancelled };

/// Streams a delimited ratings file into `out`, validating each row (field count, ids, rating
/// value, timestamp). Bad rows go to `rejects` (strict: the first one fails the parse).
/// `progress` receives fractions 0..1 of the file. On Failed, `error` names file and line.
ParseStatus parseRatingsFile(const std::string& path, const CsvDialect& dialect,
                             const RatingColumns& columns, RejectCollector& rejects,
                             const Progress& progress, ParsedRatings& out, std::string& error);

} // namespace rs
