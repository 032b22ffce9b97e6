#include "store/DatasetQueries.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

namespace rs {

namespace {

/// Parses the [[value,count],...] histogram the writer stores.
void parseHistogram(const std::string& s, std::vector<double>& values,
                    std::vector<std::int64_t>& counts) {
    const char* p = s.c_str();
    int depth = 0;
    int index = 0;
    while (*p) {
        if (*p == '[') {
            ++depth;
            index = 0;
            ++p;
        } else if (*p == ']') {
            --depth;
            ++p;
        } else if (*p == ',') {
            ++index;
            ++p;
        } else if (depth == 2) {
            char* end = nullptr;
            double v = std::strtod(p, &end);
            if (end == p)
                break;
            if (index == 0)
                values.push_back(v);
            else
                counts.push_back(static_cast<std::int64_t>(v));
            p = end;
        } else {
            ++p;
        }
    }
    counts.resize(values.size(), 0);
}

std::string likePattern(const std::string& f) {
    std::string out = "%";
    for (char c : f) {
        if (c == '%' || c == '_' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "%";
}

RatingRow readRating(const Statement& st) {
    RatingRow r;
    r.userId = st.text(0);
    r.itemId = st.text(1);
    r.title = st.text(2);
    r.genres = st.text(3);
    r.rating = st.real(4);
    r.hasTimestamp = !st.isNull(5);
    r.timestamp = r.hasTimestamp ? st.int64(5) : 0;
    return r;
}

} // namespace

DatasetQueries::DatasetQueries(Workspace& ws, std::int64_t datasetId)
    : m_ws(ws), m_dataset(datasetId) {
    auto info = DatasetStore(ws).get(datasetId);
    if (!info)
        throw StoreError("no dataset with id " + std::to_string(datasetId));
    m_rowBase = info->rowBase;
    m_numRatings = info->numRatings;
}

std::string DatasetQueries::rowRange() const {
    return "r.row BETWEEN " + std::to_string(m_rowBase) + " AND " +
           std::to_string(m_rowBase + m_numRatings - 1);
}

DatasetSummary DatasetQueries::summary(int curvePoints) const {
    DatasetSummary s;
    auto info = DatasetStore(m_ws).get(m_dataset);
    if (!info)
        throw StoreError("no dataset with id " + std::to_string(m_dataset));
    s.numUsers = info->numUsers;
    s.numItems = info->numItems;
    s.numRatings = info->numRatings;
    s.density = info->density();
    {
        auto st = m_ws.db().prepare("SELECT rating_histogram FROM datasets WHERE id = ?");
        st.bind(1, m_dataset);
        if (st.step())
            parseHistogram(st.text(0), s.ratingValues, s.ratingCounts);
        double sum = 0, n = 0;
        for (std::size_t k = 0; k < s.ratingValues.size(); ++k) {
            sum += s.ratingValues[k] * double(s.ratingCounts[k]);
            n += double(s.ratingCounts[k]);
        }
        s.meanRating = n > 0 ? sum / n : 0;
    }
    std::vector<std::int64_t> pop;
    {
        auto st = m_ws.db().prepare(
            "SELECT n_ratings FROM items WHERE dataset_id = ? ORDER BY n_ratings DESC");
        st.bind(1, m_dataset);
        while (st.step())
            pop.push_back(st.int64(0));
    }
    if (!pop.empty()) {
        // Half the points evenly spaced in rank, half log-spaced (the head changes fastest).
        std::set<std::int64_t> ranks{0, std::int64_t(pop.size()) - 1};
        const int half = std::max(2, curvePoints / 2);
        for (int k = 0; k < half; ++k) {
            ranks.insert(std::int64_t(double(k) / (half - 1) * double(pop.size() - 1)));
            ranks.insert(
                std::int64_t(std::exp(double(k) / (half - 1) * std::log(double(pop.size())))) - 1);
        }
        for (auto r : ranks)
            if (r >= 0 && r < std::int64_t(pop.size()))
                s.popularityCurve.emplace_back(r + 1, pop[std::size_t(r)]);
        const auto head = std::max<std::size_t>(1, pop.size() / 5);
        std::int64_t headSum = 0, total = 0;
        for (std::size_t k = 0; k < pop.size(); ++k) {
            total += pop[k];
            if (k < head)
                headSum += pop[k];
        }
        s.shortHeadShare = total ? double(headSum) / double(total) : 0;
    }
    {
        auto st = m_ws.db().prepare("SELECT n_ratings FROM users WHERE dataset_id = ?");
        st.bind(1, m_dataset);
        std::vector<std::int64_t> buckets;
        while (st.step()) {
            auto n = std::max<std::int64_t>(1, st.int64(0));
            auto b = std::size_t(std::floor(std::log2(double(n))));
            if (buckets.size() <= b)
                buckets.resize(b + 1, 0);
            ++buckets[b];
        }
        for (std::size_t b = 0; b < buckets.size(); ++b) {
            s.userActivityBucketStart.push_back(std::int64_t(1) << b);
            s.userActivityCounts.push_back(buckets[b]);
        }
    }
    return s;
}

namespace {

constexpr const char* kRatingSelect =
    "SELECT u.ext_id, i.ext_id, i.title, i.genres, r.rating, r.ts FROM ratings r"
    " JOIN users u ON u.dataset_id = r.dataset_id AND u.idx = r.user_idx"
    " JOIN items i ON i.dataset_id = r.dataset_id AND i.idx = r.item_idx";

} // namespace

namespace {

/// Rows matching a text filter: the user with that id, or items with that id or a title
/// containing the text. Binds ?3 (exact id) and ?4 (LIKE pattern).
std::string ratingFilterSql(std::int64_t dataset) {
    const std::string id = std::to_string(dataset);
    return " AND (r.user_idx IN (SELECT idx FROM users WHERE dataset_id = " + id +
           " AND ext_id = ?3) OR r.item_idx IN (SELECT idx FROM items WHERE dataset_id = " + id +
           " AND (ext_id = ?3 OR title LIKE ?4 ESCAPE '\\')))";
}

} // namespace

std::int64_t DatasetQueries::countRatings(const TableQuery& q) const {
    if (q.filter.empty())
        return m_numRatings;
    auto st = m_ws.db().prepare("SELECT count(*) FROM ratings r WHERE " + rowRange() +
                                ratingFilterSql(m_dataset));
    st.bind(3, q.filter).bind(4, likePattern(q.filter));
    return st.step() ? st.int64(0) : 0;
}

std::vector<RatingRow> DatasetQueries::ratings(const TableQuery& q, std::int64_t offset,
                                               int limit) const {
    std::vector<RatingRow> out;
    if (limit <= 0 || offset < 0)
        return out;
    if (q.filter.empty() && q.sortColumn == 0) {
        // Stored order: the page is a rowid range, read by a seek whatever the offset.
        std::int64_t start = offset, count = limit;
        if (q.descending) {
            const std::int64_t end = std::max<std::int64_t>(0, m_numRatings - offset);
            start = std::max<std::int64_t>(0, end - limit);
            count = end - start;
        }
        count = std::min(count, m_numRatings - start);
        if (count <= 0)
            return out;
        auto st = m_ws.db().prepare(std::string(kRatingSelect) +
                                    " WHERE r.row BETWEEN ?1 AND ?2 ORDER BY r.row");
        st.bind(1, m_rowBase + start).bind(2, m_rowBase + start + count - 1);
        while (st.step())
            out.push_back(readRating(st));
        if (q.descending)
            std::reverse(out.begin(), out.end());
        return out;
    }
    static const char* orders[] = {"r.row %", "r.item_idx %, r.user_idx %",
                                   "i.title COLLATE NOCASE %, r.row", "r.rating %, r.row",
                                   "r.ts %, r.row"};
    std::string order = orders[std::clamp(q.sortColumn, 0, 4)];
    for (auto p = order.find('%'); p != std::string::npos; p = order.find('%'))
        order.replace(p, 1, q.descending ? "DESC" : "ASC");
    std::string sql = std::string(kRatingSelect) + " WHERE " + rowRange();
    if (!q.filter.empty())
        sql += ratingFilterSql(m_dataset);
    sql += " ORDER BY " + order + " LIMIT ?1 OFFSET ?2";
    auto st = m_ws.db().prepare(sql);
    st.bind(1, limit).bind(2, offset);
    if (!q.filter.empty())
        st.bind(3, q.filter).bind(4, likePattern(q.filter));
    while (st.step())
        out.push_back(readRating(st));
    return out;
}

namespace {

std::string itemWhere(const TableQuery& q) {
    std::string where = q.filter.empty() ? std::string()
                                         : " AND (ext_id = ?2 OR title LIKE ?3 ESCAPE '\\'"
                                           " OR genres LIKE ?3 ESCAPE '\\')";
    if (q.onlyItems)
        where += " AND idx IN (SELECT value FROM json_each(?6))";
    return where;
}

/// Binds the parameters of itemWhere().
void bindItemWhere(Statement& st, const TableQuery& q) {
    if (!q.filter.empty())
        st.bind(2, q.filter).bind(3, likePattern(q.filter));
    if (q.onlyItems) {
        std::string json = "[";
        for (std::size_t k = 0; k < q.onlyItems->size(); ++k)
            json += (k ? "," : "") + std::to_string((*q.onlyItems)[k]);
        st.bind(6, json + "]");
    }
}

std::string orderBy(const char* const* columns, int n, const TableQuery& q) {
    std::string s = " ORDER BY ";
    s += columns[std::clamp(q.sortColumn, 0, n - 1)];
    s += q.descending ? " DESC" : " ASC";
    return s + ", idx";
}

} // namespace

std::int64_t DatasetQueries::countItems(const TableQuery& q) const {
    auto st = m_ws.db().prepare("SELECT count(*) FROM items WHERE dataset_id = ?1" + itemWhere(q));
    st.bind(1, m_dataset);
    bindItemWhere(st, q);
    return st.step() ? st.int64(0) : 0;
}

std::vector<ItemRow> DatasetQueries::items(const TableQuery& q, std::int64_t offset,
                                           int limit) const {
    static const char* cols[] = {"idx", "title COLLATE NOCASE", "genres COLLATE NOCASE",
                                 "n_ratings", "mean_rating"};
    auto st =
        m_ws.db().prepare("SELECT idx, ext_id, title, genres, n_ratings, mean_rating FROM items"
                          " WHERE dataset_id = ?1" +
                          itemWhere(q) + orderBy(cols, 5, q) + " LIMIT ?4 OFFSET ?5");
    st.bind(1, m_dataset).bind(4, limit).bind(5, offset);
    bindItemWhere(st, q);
    std::vector<ItemRow> out;
    while (st.step())
        out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.int64(4), st.real(5)});
    return out;
}

std::int64_t DatasetQueries::countUsers(const TableQuery& q) const {
    auto st = m_ws.db().prepare(std::string("SELECT count(*) FROM users WHERE dataset_id = ?1") +
                                (q.filter.empty() ? "" : " AND ext_id LIKE ?2 ESCAPE '\\'"));
    st.bind(1, m_dataset);
    if (!q.filter.empty())
        st.bind(2, likePattern(q.filter));
    return st.step() ? st.int64(0) : 0;
}

std::vector<UserRow> DatasetQueries::users(const TableQuery& q, std::int64_t offset,
                                           int limit) const {
    static const char* cols[] = {"idx", "n_ratings", "mean_rating"};
    auto st = m_ws.db().prepare(
        std::string("SELECT idx, ext_id, n_ratings, mean_rating FROM users WHERE dataset_id = ?1") +
        (q.filter.empty() ? "" : " AND ext_id LIKE ?2 ESCAPE '\\'") + orderBy(cols, 3, q) +
        " LIMIT ?3 OFFSET ?4");
    st.bind(1, m_dataset).bind(3, limit).bind(4, offset);
    if (!q.filter.empty())
        st.bind(2, likePattern(q.filter));
    std::vector<UserRow> out;
    while (st.step())
        out.push_back({st.int64(0), st.text(1), st.int64(2), st.real(3)});
    return out;
}

std::vector<RatingRow> DatasetQueries::userProfile(const std::string& userId) const {
    const auto u = userIndex(userId);
    std::vector<RatingRow> out;
    if (u < 0)
        return out;
    auto range = m_ws.db().prepare(
        "SELECT first_row, n_ratings FROM users WHERE dataset_id = ? AND idx = ?");
    range.bind(1, m_dataset).bind(2, u);
    if (!range.step())
        return out;
    const std::int64_t first = m_rowBase + range.int64(0), n = range.int64(1);
    auto st = m_ws.db().prepare(std::string(kRatingSelect) +
                                " WHERE r.row BETWEEN ?1 AND ?2 ORDER BY r.ts DESC, r.item_idx");
    st.bind(1, first).bind(2, first + n - 1);
    while (st.step())
        out.push_back(readRating(st));
    return out;
}

ItemRow DatasetQueries::item(std::int64_t index) const {
    auto st = m_ws.db().prepare("SELECT idx, ext_id, title, genres, n_ratings, mean_rating"
                                " FROM items WHERE dataset_id = ? AND idx = ?");
    st.bind(1, m_dataset).bind(2, index);
    if (!st.step())
        return {};
    return {st.int64(0), st.text(1), st.text(2), st.text(3), st.int64(4), st.real(5)};
}

std::vector<std::pair<std::uint32_t, std::uint32_t>>
DatasetQueries::userItems(std::int64_t userIndex) const {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    auto range = m_ws.db().prepare(
        "SELECT first_row, n_ratings FROM users WHERE dataset_id = ? AND idx = ?");
    range.bind(1, m_dataset).bind(2, userIndex);
    if (!range.step())
        return out;
    const std::int64_t first = range.int64(0), n = range.int64(1);
    auto st = m_ws.db().prepare("SELECT row, item_idx FROM ratings WHERE row BETWEEN ? AND ?"
                                " ORDER BY row");
    st.bind(1, m_rowBase + first).bind(2, m_rowBase + first + n - 1);
    while (st.step())
        out.emplace_back(std::uint32_t(st.int64(1)), std::uint32_t(st.int64(0) - m_rowBase));
    return out;
}

std::int64_t DatasetQueries::userIndex(const std::string& userId) const {
    auto st = m_ws.db().prepare("SELECT idx FROM users WHERE dataset_id = ? AND ext_id = ?");
    st.bind(1, m_dataset).bind(2, userId);
    return st.step() ? st.int64(0) : -1;
}

std::int64_t DatasetQueries::itemIndex(const std::string& itemId) const {
    auto st = m_ws.db().prepare("SELECT idx FROM items WHERE dataset_id = ? AND ext_id = ?");
    st.bind(1, m_dataset).bind(2, itemId);
    return st.step() ? st.int64(0) : -1;
}

} // namespace rs
