#pragma once
#include "store/Workspace.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rs {

/// A stored train/test split of a dataset: the test rows as positions in the dataset's stored
/// order (as DatasetStore::loadRatings returns it); every other row is train.
struct StoredSplit {
    std::int64_t id = 0;
    std::int64_t datasetId = 0;
    std::string spec; ///< canonical text, e.g. "random:0.2:seed=0" or "predefined:<file>"
    std::int64_t numTrain = 0, numTest = 0;
    std::vector<std::uint32_t> testRows; ///< ascending
    std::string createdAt;
};

class SplitStore {
public:
    explicit SplitStore(Workspace& ws) : m_ws(ws) {}

    /// Stores a split, or returns the id of the identical (dataset, spec) split stored before.
    std::int64_t save(std::int64_t datasetId, const std::string& spec, std::int64_t numRows,
                      const std::vector<std::uint32_t>& testRows);
    std::optional<StoredSplit> get(std::int64_t id) const;
    std::optional<StoredSplit> find(std::int64_t datasetId, const std::string& spec) const;
    std::vector<StoredSplit> list(std::int64_t datasetId) const; ///< without testRows

private:
    Workspace& m_ws;
};

} // namespace rs
