#pragma once
#include "data/RatingTable.h"
#include "store/DatasetStore.h"
#include "util/Progress.h"
#include <functional>
#include <string>
#include <vector>

namespace rs {

/// Item metadata aligned with a table's item indices (empty vectors = no metadata).
struct ItemMetadata {
    std::vector<std::string> titles;
    std::vector<std::string> genres;
    std::vector<std::string> extra; ///< JSON object text per item with the extra columns
};

/// A complete new dataset, ready to store.
struct NewDataset {
    DatasetInfo info;                   ///< id and counts are filled in by writeDataset
    const RatingTable* table = nullptr; ///< rows sorted by (user, item), no duplicates
    const ItemMetadata* metadata = nullptr;
    const std::vector<RejectedLine>* rejects = nullptr;
    /// Runs inside the write transaction after the rows are written (for rows that must commit
    /// together with the dataset, such as a predefined split). May throw StoreError.
    std::function<void(std::int64_t datasetId)> beforeCommit;
};

enum class WriteStatus { Done, Cancelled };

/// Writes a dataset and all its rows in one transaction. Cancelled (progress returned false) or
/// failed (StoreError thrown) writes roll back completely. On Done, `out.info.id` is the new id.
/// Throws StoreError when the name is taken.
WriteStatus writeDataset(Workspace& ws, NewDataset& dataset, const Progress& progress);

} // namespace rs
