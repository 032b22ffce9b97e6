#include "store/DatasetStore.h"

#include "util/JsonReader.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace rs {

namespace {

constexpr const char* kColumns =
    "SELECT id, name, source, created_at, n_users, n_items, n_ratings, rating_min, rating_max,"
    " rating_step, implicit, has_time, has_item_meta, duplicates, rejected, options,"
    " extra_item_columns, row_base FROM datasets";

/// Parses the JSON string array we write ourselves (["a","b\"c"]).
std::vector<std::string> parseStringArray(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    bool inStr = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (!inStr) {
            if (c == '"') {
                inStr = true;
                cur.clear();
            }
        } else if (c == '\\' && i + 1 < s.size()) {
            cur += s[++i];
        } else if (c == '"') {
            inStr = false;
            out.push_back(cur);
        } else {
            cur += c;
        }
    }
    return out;
}

DatasetInfo readInfo(const Statement& st) {
    DatasetInfo d;
    d.id = st.int64(0);
    d.name = st.text(1);
    d.source = st.text(2);
    d.createdAt = st.text(3);
    d.numUsers = st.int64(4);
    d.numItems = st.int64(5);
    d.numRatings = st.int64(6);
    d.ratingMin = st.real(7);
    d.ratingMax = st.real(8);
    d.ratingStep = st.real(9);
    d.implicit = st.int64(10) != 0;
    d.hasTimestamps = st.int64(11) != 0;
    d.hasItemMetadata = st.int64(12) != 0;
    d.duplicates = st.int64(13);
    d.rejected = st.int64(14);
    d.options = st.text(15);
    d.extraItemColumns = parseStringArray(st.text(16));
    d.rowBase = st.int64(17);
    return d;
}

} // namespace

std::vector<DatasetInfo> DatasetStore::list() const {
    auto st = m_ws.db().prepare(std::string(kColumns) + " ORDER BY id");
    std::vector<DatasetInfo> out;
    while (st.step())
        out.push_back(readInfo(st));
    return out;
}

std::optional<DatasetInfo> DatasetStore::find(const std::string& name) const {
    auto st = m_ws.db().prepare(std::string(kColumns) + " WHERE name = ?");
    st.bind(1, name);
    if (st.step())
        return readInfo(st);
    return std::nullopt;
}

std::optional<DatasetInfo> DatasetStore::get(std::int64_t id) const {
    auto st = m_ws.db().prepare(std::string(kColumns) + " WHERE id = ?");
    st.bind(1, id);
    if (st.step())
        return readInfo(st);
    return std::nullopt;
}

void DatasetStore::remove(std::int64_t id) {
    Database& db = m_ws.db();
    Transaction tx(db);
    if (auto info = get(id)) {
        auto st = db.prepare("DELETE FROM ratings WHERE row BETWEEN ? AND ?");
        st.bind(1, info->rowBase).bind(2, info->rowBase + info->numRatings - 1);
        st.run();
    }
    for (const char* runTable : {"run_epochs", "run_user_metrics", "model_params", "model_hyper",
                                 "run_layouts", "run_pipelines"}) {
        auto st = db.prepare(std::string("DELETE FROM ") + runTable +
                             " WHERE run_id IN (SELECT id FROM runs WHERE dataset_id = ?)");
        st.bind(1, id);
        st.run();
    }
    for (const char* table : {"users", "items", "import_rejects", "runs", "splits"}) {
        auto st = db.prepare(std::string("DELETE FROM ") + table + " WHERE dataset_id = ?");
        st.bind(1, id);
        st.run();
    }
    auto st = db.prepare("DELETE FROM datasets WHERE id = ?");
    st.bind(1, id);
    st.run();
    tx.commit();
}

void DatasetStore::rename(std::int64_t id, const std::string& newName) {
    if (newName.empty())
        throw StoreError("a dataset name cannot be empty");
    auto st = m_ws.db().prepare("UPDATE datasets SET name = ? WHERE id = ?");
    st.bind(1, newName).bind(2, id);
    try {
        st.run();
    } catch (const StoreError& e) {
        // Only a UNIQUE violation means the name is taken; a lock, a read-only file or a full
        // disk must say so.
        if ((e.sqliteCode() & 0xff) == 19 /* SQLITE_CONSTRAINT */)
            throw StoreError("cannot rename to '" + newName + "': a dataset with that name exists",
                             e.sqliteCode());
        throw StoreError("cannot rename to '" + newName + "': " + e.what(), e.sqliteCode());
    }
}

std::vector<RejectedLine> DatasetStore::rejects(std::int64_t id, int limit) const {
    auto st = m_ws.db().prepare(
        "SELECT file, line, reason, content FROM import_rejects WHERE dataset_id = ?"
        " ORDER BY file, line LIMIT ?");
    st.bind(1, id).bind(2, limit);
    std::vector<RejectedLine> out;
    while (st.step())
        out.push_back({st.text(0), st.int64(1), st.text(2), st.text(3)});
    return out;
}

RatingTable DatasetStore::loadRatings(std::int64_t id) const {
    auto info = get(id);
    if (!info)
        throw StoreError("no dataset with id " + std::to_string(id));
    RatingTable t;
    t.userIds.resize(std::size_t(info->numUsers));
    t.itemIds.resize(std::size_t(info->numItems));
    {
        auto st = m_ws.db().prepare("SELECT idx, ext_id FROM users WHERE dataset_id = ?");
        st.bind(1, id);
        while (st.step())
            t.userIds.at(std::size_t(st.int64(0))) = st.text(1);
    }
    {
        auto st = m_ws.db().prepare("SELECT idx, ext_id FROM items WHERE dataset_id = ?");
        st.bind(1, id);
        while (st.step())
            t.itemIds.at(std::size_t(st.int64(0))) = st.text(1);
    }
    t.reserve(std::size_t(info->numRatings), info->hasTimestamps);
    auto st = m_ws.db().prepare(
        "SELECT user_idx, item_idx, rating, ts FROM ratings WHERE row BETWEEN ? AND ?");
    st.bind(1, info->rowBase).bind(2, info->rowBase + info->numRatings - 1);
    while (st.step()) {
        t.users.push_back(std::uint32_t(st.int64(0)));
        t.items.push_back(std::uint32_t(st.int64(1)));
        t.values.push_back(float(st.real(2)));
        if (info->hasTimestamps)
            t.timestamps.push_back(st.int64(3));
    }
    return t;
}

std::vector<std::optional<double>> DatasetStore::itemNumberColumn(std::int64_t id,
                                                                  const std::string& column) const {
    const auto info = get(id);
    if (!info || std::find(info->extraItemColumns.begin(), info->extraItemColumns.end(), column) ==
                     info->extraItemColumns.end())
        return {};
    std::vector<std::optional<double>> out(std::size_t(info->numItems));
    auto st = m_ws.db().prepare(
        "SELECT idx, extra FROM items WHERE dataset_id = ? AND extra IS NOT NULL");
    st.bind(1, id);
    std::string error;
    while (st.step()) {
        const std::int64_t idx = st.int64(0);
        const auto json = parseJson(st.text(1), error);
        if (idx < 0 || std::size_t(idx) >= out.size() || !json)
            continue;
        const JsonValue* v = json->member(column);
        if (!v)
            continue;
        if (v->isNumber()) {
            out[std::size_t(idx)] = v->number();
        } else if (v->isString()) { // metadata files are text: "0.25" reads as a number
            double x = 0.0;
            const std::string& t = v->text;
            const auto r = std::from_chars(t.data(), t.data() + t.size(), x);
            if (r.ec == std::errc() && r.ptr == t.data() + t.size() && std::isfinite(x))
                out[std::size_t(idx)] = x;
        }
    }
    return out;
}

} // namespace rs
