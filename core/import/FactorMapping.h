#pragma once
#include "import/FactorFileReader.h"
#include "models/AlignedVector.h"
#include <cstdint>
#include <string>
#include <vector>

namespace rs {

/// How the rows of one factor file met a dataset's users or items.
struct FactorSideReport {
    std::string file;         ///< the file name; empty when the side was not read from a file
    std::int64_t rows = 0;    ///< data rows in the file
    std::int64_t mapped = 0;  ///< rows whose id the dataset has
    std::int64_t unknown = 0; ///< rows skipped because the dataset has no such id
    std::vector<std::string> unknownExamples; ///< the first few skipped, as "id (line N)"
    std::int64_t missing = 0;  ///< dataset users/items without a row: zero factors and bias
    std::int64_t foldedIn = 0; ///< users solved from their training ratings (no users file)
    bool hasBias = false;
    std::string layout; ///< the file's layout (FactorFile::layout)
};

/// Writes the rows of `file` whose id is in `datasetIds` (dense index = position) into
/// `factors` (datasetIds.size() x stride, padding untouched) and, when the file has a bias
/// column, `bias` (datasetIds.size()); rows of the dataset the file lacks are left as they are
/// (the caller passes zeros). `stride` >= file.k. Counts mapped, unknown (the first
/// `maxExamples` listed) and missing ids.
FactorSideReport mapFactorRows(const FactorFile& file, const std::vector<std::string>& datasetIds,
                               AlignedFloats& factors, std::size_t stride, std::vector<float>& bias,
                               std::size_t maxExamples = 5);

} // namespace rs
