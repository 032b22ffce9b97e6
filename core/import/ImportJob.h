#pragma once
#include "data/RatingOrder.h"
#include "io/CsvDialect.h"
#include "io/FormatSniffer.h"
#include "store/DatasetStore.h"
#include "util/Progress.h"
#include <cstdint>
#include <string>
#include <vector>

namespace rs {

/// Everything an import needs. Dialect/columns left at their defaults are detected by sniffing.
struct ImportOptions {
    std::string datasetName;
    std::string ratingsPath;
    CsvDialect dialect =
        CsvDialect{.delimiter = ""}; ///< delimiter empty = detect; encoding Auto = detect
    bool detectDialect = true;       ///< false: use `dialect` exactly as given
    RatingColumns columns;           ///< all -1 = guess from the sniffer
    bool strict = false;             ///< strict: any bad line aborts and nothing is written
    DuplicatePolicy duplicates = DuplicatePolicy::KeepLast;
    std::int64_t maxRejectsKept = 100000; ///< reject report rows stored (all are counted)

    /// Optional test file of a predefined split: its rows join the dataset and are stored as a
    /// split "predefined:<file name>" (the ratings file is then the train part).
    std::string testRatingsPath;

    std::string itemsPath; ///< optional item metadata file, joined by item id
    CsvDialect itemsDialect = CsvDialect{.delimiter = ""};
    bool detectItemsDialect = true;
    ItemColumns itemColumns; ///< all -1 = guess
};

enum class ImportStatus { Ok, Failed, Cancelled };

/// What happened. On Failed/Cancelled nothing was written to the workspace.
struct ImportResult {
    ImportStatus status = ImportStatus::Failed;
    std::string error; ///< for Failed: what and where (file:line)
    std::int64_t datasetId = 0;
    std::int64_t splitId = 0;     ///< the predefined split, when a test file was given
    std::int64_t testRatings = 0; ///< ratings in that split's test part
    std::int64_t linesRead = 0;
    std::int64_t ratings = 0, users = 0, items = 0;
    std::int64_t duplicates = 0;
    std::vector<std::pair<std::string, std::string>> duplicateExamples; ///< (user id, item id)
    std::int64_t rejected = 0;
    std::int64_t itemsWithMetadata = 0;
    std::int64_t metadataUnmatched = 0; ///< metadata rows whose id has no rating
    std::int64_t metadataRejected = 0;
    std::vector<RejectedLine> rejects; ///< the first few hundred, for display
    double seconds = 0;
    TextEncoding encoding = TextEncoding::Utf8;
    double ratingMin = 0, ratingMax = 0, ratingStep = 0;
    bool implicit = false;
};

/// Imports a ratings file (and optional item metadata) as a new dataset, atomically.
/// Progress fractions cover parse (0..0.5) and write (0.5..1); returning false cancels.
ImportResult importRatings(Workspace& ws, const ImportOptions& options, const Progress& progress);

} // namespace rs
