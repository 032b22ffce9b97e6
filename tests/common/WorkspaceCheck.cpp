#include "WorkspaceCheck.h"

#include "store/DatasetStore.h"
#include "store/RunStore.h"
#include "train/TrainingJob.h"

#include <QCryptographicHash>
#include <QStringList>
#include <sqlite3.h>

namespace rs::test {

namespace {

/// Feeds every column of every row of `sql` (with ?1 = id, ?2 = a, ?3 = b) into `hash`, typed.
void hashQuery(Workspace& ws, const char* sql, std::int64_t id, QCryptographicHash& hash,
               std::int64_t a = 0, std::int64_t b = 0) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(ws.db().handle(), sql, -1, &st, nullptr) != SQLITE_OK)
        throw StoreError(std::string("fingerprint query: ") + sqlite3_errmsg(ws.db().handle()));
    sqlite3_bind_int64(st, 1, id); // indices a query does not use are ignored (SQLITE_RANGE)
    sqlite3_bind_int64(st, 2, a);
    sqlite3_bind_int64(st, 3, b);
    int rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        ++rows;
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
            const int type = sqlite3_column_type(st, c);
            hash.addData(QByteArrayView(reinterpret_cast<const char*>(&type), sizeof type));
            const void* p = type == SQLITE_BLOB
                                ? sqlite3_column_blob(st, c)
                                : static_cast<const void*>(sqlite3_column_text(st, c));
            const int n = sqlite3_column_bytes(st, c);
            hash.addData(QByteArrayView(reinterpret_cast<const char*>(&n), sizeof n));
            if (p && n > 0)
                hash.addData(QByteArrayView(static_cast<const char*>(p), n));
        }
    }
    sqlite3_finalize(st);
    hash.addData(QByteArrayView(reinterpret_cast<const char*>(&rows), sizeof rows));
}

std::int64_t count(Workspace& ws, const std::string& sql, std::int64_t a = 0, std::int64_t b = 0,
                   std::int64_t c = 0) {
    auto st = ws.db().prepare(sql);
    if (sql.find("?1") != std::string::npos)
        st.bind(1, a);
    if (sql.find("?2") != std::string::npos)
        st.bind(2, b);
    if (sql.find("?3") != std::string::npos)
        st.bind(3, c);
    return st.step() ? st.int64(0) : -1;
}

} // namespace

QString workspaceProblems(Workspace& ws) {
    QStringList problems;
    const std::string integrity = ws.integrityCheck();
    if (integrity != "ok")
        problems << QStringLiteral("integrity_check: %1").arg(QString::fromStdString(integrity));
    std::int64_t ratings = 0, users = 0, items = 0;
    for (const DatasetInfo& d : DatasetStore(ws).list()) {
        const QString name = QString::fromStdString(d.name);
        const auto r = count(ws, "SELECT count(*) FROM ratings WHERE row BETWEEN ?1 AND ?2",
                             d.rowBase, d.rowBase + d.numRatings - 1);
        const auto rOwn = count(ws,
                                "SELECT count(*) FROM ratings WHERE row BETWEEN ?1 AND ?2"
                                " AND dataset_id = ?3",
                                d.rowBase, d.rowBase + d.numRatings - 1, d.id);
        const auto u = count(ws, "SELECT count(*) FROM users WHERE dataset_id = ?1", d.id);
        const auto i = count(ws, "SELECT count(*) FROM items WHERE dataset_id = ?1", d.id);
        if (r != d.numRatings || rOwn != d.numRatings)
            problems << QStringLiteral("dataset '%1': %2 ratings listed, %3 stored in its range, "
                                       "%4 with its id")
                            .arg(name)
                            .arg(d.numRatings)
                            .arg(r)
                            .arg(rOwn);
        if (u != d.numUsers || i != d.numItems)
            problems << QStringLiteral("dataset '%1': %2/%3 users/items listed, %4/%5 stored")
                            .arg(name)
                            .arg(d.numUsers)
                            .arg(d.numItems)
                            .arg(u)
                            .arg(i);
        ratings += d.numRatings;
        users += d.numUsers;
        items += d.numItems;
    }
    if (count(ws, "SELECT count(*) FROM ratings") != ratings ||
        count(ws, "SELECT count(*) FROM users") != users ||
        count(ws, "SELECT count(*) FROM items") != items)
        problems << QStringLiteral("rating, user or item rows of no listed dataset");
    for (const char* table : {"import_rejects", "splits", "runs"})
        if (const auto n = count(ws, std::string("SELECT count(*) FROM ") + table +
                                         " WHERE dataset_id NOT IN (SELECT id FROM datasets)"))
            problems << QStringLiteral("%1 rows of %2 belong to no dataset").arg(n).arg(table);
    for (const char* table : {"run_epochs", "run_user_metrics", "model_params", "model_hyper",
                              "run_layouts", "run_pipelines"})
        if (const auto n = count(ws, std::string("SELECT count(*) FROM ") + table +
                                         " WHERE run_id NOT IN (SELECT id FROM runs)"))
            problems << QStringLiteral("%1 rows of %2 belong to no run").arg(n).arg(table);
    for (const RunInfo& run : RunStore(ws).list()) {
        if (count(ws, "SELECT count(*) FROM model_hyper WHERE run_id = ?1", run.id) == 0)
            continue;
        std::string error;
        if (!loadTrainedModel(ws, run.id, error))
            problems << QStringLiteral("run %1: model does not load: %2")
                            .arg(run.id)
                            .arg(QString::fromStdString(error));
    }
    return problems.join('\n');
}

QByteArray datasetFingerprint(Workspace& ws, std::int64_t datasetId) {
    const auto info = DatasetStore(ws).get(datasetId);
    if (!info)
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hashQuery(ws, "SELECT * FROM datasets WHERE id = ?1", datasetId, hash);
    hashQuery(ws, "SELECT * FROM users WHERE dataset_id = ?1 ORDER BY idx", datasetId, hash);
    hashQuery(ws, "SELECT * FROM items WHERE dataset_id = ?1 ORDER BY idx", datasetId, hash);
    // Ratings: exact aggregates over the dataset's row range (hashing each of millions of rows
    // would dominate the fault tests' time).
    hashQuery(
        ws,
        "SELECT ?1, count(*), total(user_idx), total(item_idx), total(rating),"
        " total(ifnull(ts, -1)), total((row % 9973) * rating), total((row % 7919) * user_idx),"
        " total((row % 6007) * item_idx), total((row % 5003) * (ifnull(ts, -1) % 1000003)),"
        " min(dataset_id), max(dataset_id) FROM ratings WHERE row BETWEEN ?2 AND ?3",
        datasetId, hash, info->rowBase, info->rowBase + info->numRatings - 1);
    hashQuery(ws, "SELECT * FROM import_rejects WHERE dataset_id = ?1 ORDER BY rowid", datasetId,
              hash);
    return hash.result().toHex();
}

QByteArray runFingerprint(Workspace& ws, std::int64_t runId) {
    if (!RunStore(ws).get(runId))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha1);
    // Every column of the run row as of schema v2 (later versions add columns with defaults).
    hashQuery(ws,
              "SELECT id, dataset_id, split_id, model, params, seed, threads, status, message,"
              " created_at, fit_seconds, eval_seconds, protocol, metrics FROM runs WHERE id = ?1",
              runId, hash);
    hashQuery(ws, "SELECT s.* FROM splits s JOIN runs r ON r.split_id = s.id WHERE r.id = ?1",
              runId, hash);
    for (const char* sql : {"SELECT * FROM run_epochs WHERE run_id = ?1 ORDER BY epoch",
                            "SELECT * FROM run_user_metrics WHERE run_id = ?1 ORDER BY metric",
                            "SELECT * FROM model_params WHERE run_id = ?1 ORDER BY name",
                            "SELECT * FROM model_hyper WHERE run_id = ?1 ORDER BY key"})
        hashQuery(ws, sql, runId, hash);
    return hash.result().toHex();
}

} // namespace rs::test
