#pragma once
#include "store/DatasetStore.h"
#include "store/Workspace.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rs {

/// Distribution figures for a dataset summary page.
struct DatasetSummary {
    std::int64_t numUsers = 0, numItems = 0, numRatings = 0;
    double density = 0, meanRating = 0;
    /// Rating histogram: bin centres (the distinct rating values, up to 50 bins) and counts.
    std::vector<double> ratingValues;
    std::vector<std::int64_t> ratingCounts;
    /// Item popularity: rating counts sorted descending (the long-tail curve), downsampled to at
    /// most `curvePoints` points as (rank, count) pairs keeping the first and last rank.
    std::vector<std::pair<std::int64_t, std::int64_t>> popularityCurve;
    /// Ratings per user: log2 buckets [1,2), [2,4), ... with user counts.
    std::vector<std::int64_t> userActivityBucketStart;
    std::vector<std::int64_t> userActivityCounts;
    /// Share of ratings on the most popular 20% of items.
    double shortHeadShare = 0;
};

/// Which ratings/items rows to show: a text filter and a sort, pushed into SQL.
struct TableQuery {
    std::string filter; ///< matches user id, item id or title (case-insensitive substring)
    int sortColumn = 0; ///< index into the view's columns
    bool descending = false;
    /// Items browser only: restrict to these dense item indices (e.g. a selection on the
    /// latent-space map); nullopt = every item.
    std::optional<std::vector<std::uint32_t>> onlyItems;
};

/// A row of the ratings browser.
struct RatingRow {
    std::string userId, itemId, title, genres;
    double rating = 0;
    std::int64_t timestamp = 0;
    bool hasTimestamp = false;
};

/// A row of the items browser.
struct ItemRow {
    std::int64_t index = 0;
    std::string itemId, title, genres;
    std::int64_t numRatings = 0;
    double meanRating = 0;
};

/// A row of the users list.
struct UserRow {
    std::int64_t index = 0;
    std::string userId;
    std::int64_t numRatings = 0;
    double meanRating = 0;
};

/// Read-only queries behind the dataset browser. Callers pass an offset and a page size. In the
/// default order (by user, then item) a page is a rowid range seek, whatever the offset; other
/// sorts and text filters are done by SQLite over the dataset's row range.
class DatasetQueries {
public:
    /// Throws StoreError when the dataset does not exist.
    DatasetQueries(Workspace& ws, std::int64_t datasetId);

    DatasetSummary summary(int curvePoints = 400) const;

    /// Ratings columns: 0 user, 1 item, 2 title, 3 rating, 4 timestamp.
    std::int64_t countRatings(const TableQuery& q) const;
    std::vector<RatingRow> ratings(const TableQuery& q, std::int64_t offset, int limit) const;

    /// Items columns: 0 item id, 1 title, 2 genres, 3 #ratings, 4 mean rating.
    std::int64_t countItems(const TableQuery& q) const;
    std::vector<ItemRow> items(const TableQuery& q, std::int64_t offset, int limit) const;

    /// Users columns: 0 user id, 1 #ratings, 2 mean rating.
    std::int64_t countUsers(const TableQuery& q) const;
    std::vector<UserRow> users(const TableQuery& q, std::int64_t offset, int limit) const;

    /// A user's ratings with item titles, newest first when timestamps exist.
    std::vector<RatingRow> userProfile(const std::string& userId) const;
    /// One item by dense index (empty ids when absent).
    ItemRow item(std::int64_t index) const;
    /// A user's ratings as (item index, position in the dataset's stored order), item order.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> userItems(std::int64_t userIndex) const;
    /// Lookups between external ids and dense indices; -1 when absent.
    std::int64_t userIndex(const std::string& userId) const;
    std::int64_t itemIndex(const std::string& itemId) const;

private:
    std::string rowRange() const; ///< "r.row BETWEEN first AND last" for this dataset
    Workspace& m_ws;
    std::int64_t m_dataset;
    std::int64_t m_rowBase = 0;
    std::int64_t m_numRatings = 0;
};

} // namespace rs
