#include "store/DatasetWriter.h"

#include <map>

#include "util/JsonWriter.h"
#include "util/TimeText.h"

namespace rs {

namespace {

std::string jsonStringArray(const std::vector<std::string>& v);

std::string histogramJson(const std::vector<float>& values) {
    std::map<float, std::int64_t> counts;
    for (float v : values)
        if (counts.size() < 4096 || counts.count(v))
            ++counts[v];
    JsonWriter w;
    w.beginArray();
    for (const auto& [v, c] : counts)
        w.beginArray().value(v).value(c).endArray();
    w.endArray();
    return w.str();
}

void insertDatasetRow(Database& db, DatasetInfo& info, const std::string& histogram) {
    auto st = db.prepare(
        "INSERT INTO datasets(name, source, created_at, n_users, n_items, n_ratings, rating_min,"
        " rating_max, rating_step, implicit, has_time, has_item_meta, duplicates, rejected,"
        " options, extra_item_columns, rating_histogram, row_base)"
        " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    info.createdAt = utcNowIso8601();
    st.bind(1, info.name).bind(2, info.source).bind(3, info.createdAt);
    st.bind(4, info.numUsers).bind(5, info.numItems).bind(6, info.numRatings);
    st.bind(7, info.ratingMin).bind(8, info.ratingMax).bind(9, info.ratingStep);
    st.bind(10, int(info.implicit)).bind(11, int(info.hasTimestamps));
    st.bind(12, int(info.hasItemMetadata)).bind(13, info.duplicates).bind(14, info.rejected);
    st.bind(15, info.options.empty() ? std::string("{}") : info.options);
    st.bind(16, jsonStringArray(info.extraItemColumns)).bind(17, histogram);
    st.bind(18, info.rowBase);
    st.run();
    info.id = db.lastInsertId();
}

std::string jsonStringArray(const std::vector<std::string>& v) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i)
            out += ',';
        out += '"';
        for (char c : v[i]) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "]";
}

/// Appends the table's rows as ratings rows base, base+1, ... in the table's order. Statements
/// carry kBatch rows each: per-statement overhead, not the B-tree, dominates single-row inserts,
/// and rowid appends take SQLite's fast path. `onRows(rowsWritten)` may cancel.
template <typename OnRows>
bool writeRatingRows(Database& db, const RatingTable& t, std::int64_t id, std::int64_t base,
                     OnRows onRows) {
    constexpr std::size_t kBatch = 64, kCols = 6;
    const std::size_t n = t.size();
    const bool hasTime = t.hasTimestamps();
    auto makeInsert = [&](std::size_t rows) {
        std::string sql =
            "INSERT INTO ratings(row, dataset_id, user_idx, item_idx, rating, ts) VALUES";
        for (std::size_t r = 0; r < rows; ++r)
            sql += r ? ",(?,?,?,?,?,?)" : "(?,?,?,?,?,?)";
        return db.prepare(sql);
    };
    auto bindRows = [&](Statement& st, std::size_t from, std::size_t rows) {
        for (std::size_t k = 0; k < rows; ++k) {
            const std::size_t r = from + k;
            const int o = int(k * kCols);
            st.bind(o + 1, base + std::int64_t(r)).bind(o + 2, id);
            st.bind(o + 3, std::int64_t(t.users[r])).bind(o + 4, std::int64_t(t.items[r]));
            st.bind(o + 5, double(t.values[r]));
            if (hasTime)
                st.bind(o + 6, t.timestamps[r]);
            else
                st.bindNull(o + 6);
        }
        st.run();
    };
    Statement full = makeInsert(kBatch);
    std::size_t r = 0;
    for (; r + kBatch <= n; r += kBatch) {
        bindRows(full, r, kBatch);
        if ((r / kBatch) % 1024 == 1023 && !onRows(r + kBatch))
            return false;
    }
    if (r < n) {
        Statement tail = makeInsert(n - r);
        bindRows(tail, r, n - r);
    }
    return true;
}

} // namespace

WriteStatus writeDataset(Workspace& ws, NewDataset& d, const Progress& progress) {
    const RatingTable& t = *d.table;
    Database& db = ws.db();
    const std::size_t n = t.size();
    const std::uint32_t nu = t.numUsers(), ni = t.numItems();
    d.info.numUsers = nu;
    d.info.numItems = ni;
    d.info.numRatings = static_cast<std::int64_t>(n);
    d.info.hasTimestamps = t.hasTimestamps();

    // A larger page cache for the bulk write keeps index pages hot; restored afterwards.
    const auto oldCache = db.scalarInt("PRAGMA cache_size");
    db.exec("PRAGMA cache_size=-131072");
    struct CacheRestore {
        Database& db;
        std::int64_t v;
        ~CacheRestore() {
            try {
                db.exec("PRAGMA cache_size=" + std::to_string(v));
            } catch (...) {
            }
        }
    } restore{db, oldCache};

    Transaction tx(db);
    d.info.rowBase = db.scalarInt("SELECT COALESCE(MAX(row), 0) + 1 FROM ratings");
    insertDatasetRow(db, d.info, histogramJson(t.values));
    const std::int64_t id = d.info.id;

    // Per-user and per-item counts and sums in one pass.
    std::vector<std::int64_t> ucount(nu, 0), icount(ni, 0);
    std::vector<double> usum(nu, 0.0), isum(ni, 0.0);
    for (std::size_t r = 0; r < n; ++r) {
        ++ucount[t.users[r]];
        usum[t.users[r]] += t.values[r];
        ++icount[t.items[r]];
        isum[t.items[r]] += t.values[r];
    }
    const double total = double(n) + nu + ni + 1;
    double done = 0;
    auto report = [&](const char* stage) { return progress(done / total, stage); };

    {
        auto st = db.prepare("INSERT INTO users VALUES(?,?,?,?,?,?)");
        std::int64_t firstRow = 0;
        for (std::uint32_t u = 0; u < nu; ++u) {
            st.bind(1, id).bind(2, std::int64_t(u)).bind(3, t.userIds[u]).bind(4, ucount[u]);
            st.bind(5, ucount[u] ? usum[u] / double(ucount[u]) : 0.0).bind(6, firstRow);
            st.run();
            firstRow += ucount[u];
        }
        done += nu;
    }
    {
        const ItemMetadata* m = d.metadata;
        auto st = db.prepare("INSERT INTO items VALUES(?,?,?,?,?,?,?,?,?)");
        std::int64_t firstRow = 0;
        for (std::uint32_t i = 0; i < ni; ++i) {
            st.bind(1, id).bind(2, std::int64_t(i)).bind(3, t.itemIds[i]);
            auto textOrNull = [&](int col, const std::vector<std::string>* v) {
                if (v && i < v->size() && !(*v)[i].empty())
                    st.bind(col, (*v)[i]);
                else
                    st.bindNull(col);
            };
            textOrNull(4, m ? &m->titles : nullptr);
            textOrNull(5, m ? &m->genres : nullptr);
            textOrNull(6, m ? &m->extra : nullptr);
            st.bind(7, icount[i]).bind(8, icount[i] ? isum[i] / double(icount[i]) : 0.0);
            st.bind(9, firstRow);
            st.run();
            firstRow += icount[i];
        }
        done += ni;
    }
    if (!report("writing ratings"))
        return WriteStatus::Cancelled;
    if (!writeRatingRows(db, t, id, d.info.rowBase, [&](std::size_t rows) {
            done = double(nu + ni) + double(rows);
            return report("writing ratings");
        }))
        return WriteStatus::Cancelled;
    done = double(n) + nu + ni;
    if (d.rejects && !d.rejects->empty()) {
        auto st = db.prepare("INSERT INTO import_rejects VALUES(?,?,?,?,?)");
        for (const auto& rj : *d.rejects) {
            st.bind(1, id).bind(2, rj.file).bind(3, rj.line).bind(4, rj.reason).bind(5, rj.content);
            st.run();
        }
    }
    if (d.beforeCommit)
        d.beforeCommit(id);
    if (!report("committing"))
        return WriteStatus::Cancelled;
    tx.commit();
    progress(1.0, "done");
    return WriteStatus::Done;
}

} // namespace rs
