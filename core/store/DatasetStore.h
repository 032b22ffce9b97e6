#pragma once
#include "data/RatingTable.h"
#include "store/Workspace.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rs {

/// A dataset as listed in the workspace.
struct DatasetInfo {
    std::int64_t id = 0;
    std::string name;
    std::string source;    ///< file path(s) it was imported from
    std::string createdAt; ///< ISO 8601 UTC
    std::int64_t numUsers = 0, numItems = 0, numRatings = 0;
    double ratingMin = 0, ratingMax = 0, ratingStep = 0;
    bool implicit = false;
    bool hasTimestamps = false;
    bool hasItemMetadata = false;
    std::int64_t duplicates = 0, rejected = 0;
    std::string options;                       ///< import options as JSON text
    std::vector<std::string> extraItemColumns; ///< metadata columns beyond title/genres
    std::int64_t rowBase = 0; ///< ratings.row of the dataset's first rating (rows are contiguous)
    double density() const {
        return numUsers && numItems ? double(numRatings) / (double(numUsers) * double(numItems))
                                    : 0;
    }
};

/// One rejected input line kept with a lenient import.
struct RejectedLine {
    std::string file;
    std::int64_t line = 0;
    std::string reason;
    std::string content;
};

/// Reads and deletes datasets. (Writing a new dataset is DatasetWriter's job.)
class DatasetStore {
public:
    explicit DatasetStore(Workspace& ws) : m_ws(ws) {}

    std::vector<DatasetInfo> list() const;
    std::optional<DatasetInfo> find(const std::string& name) const;
    std::optional<DatasetInfo> get(std::int64_t id) const;
    /// Deletes a dataset and everything derived from it, in one transaction.
    void remove(std::int64_t id);
    void rename(std::int64_t id, const std::string& newName);
    std::vector<RejectedLine> rejects(std::int64_t id, int limit = 1000) const;

    /// Loads all ratings of a dataset for the engine (dense indices as stored).
    RatingTable loadRatings(std::int64_t id) const;
    /// One extra item metadata column as numbers, by dense item index: nullopt where the item has
    /// no metadata, no such value or one that is not a number. Empty when the dataset has no
    /// such column (see DatasetInfo::extraItemColumns).
    std::vector<std::optional<double>> itemNumberColumn(std::int64_t id,
                                                        const std::string& column) const;

private:
    Workspace& m_ws;
};

} // namespace rs
