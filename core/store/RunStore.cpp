#include "store/RunStore.h"

#include "store/SplitStore.h"

#include "store/BlobCodec.h"
#include "store/ModelStateCodec.h"
#include "util/FlatJson.h"
#include "util/JsonWriter.h"
#include "util/TimeText.h"

namespace rs {

namespace {

constexpr const char* kSelect =
    "SELECT r.id, r.dataset_id, COALESCE(r.split_id, 0), r.model, r.params, r.seed, r.threads,"
    " r.status, r.message, r.created_at, r.fit_seconds, r.eval_seconds, r.protocol, r.metrics,"
    " COALESCE(s.spec, ''), r.debias FROM runs r LEFT JOIN splits s ON s.id = r.split_id";

RunInfo readRun(const Statement& st) {
    RunInfo r;
    r.id = st.int64(0);
    r.datasetId = st.int64(1);
    r.splitId = st.int64(2);
    r.model = st.text(3);
    parseFlatJsonStrings(st.text(4), r.params);
    r.seed = std::uint64_t(st.int64(5));
    r.threads = int(st.int64(6));
    r.status = st.text(7);
    r.message = st.text(8);
    r.createdAt = st.text(9);
    r.fitSeconds = st.real(10);
    r.evalSeconds = st.real(11);
    r.protocol = st.text(12);
    parseFlatJsonNumbers(st.text(13), r.metrics);
    r.splitSpec = st.text(14);
    r.debias = st.text(15);
    return r;
}

} // namespace

std::optional<double> RunInfo::metric(const std::string& name) const {
    for (const auto& [k, v] : metrics)
        if (k == name)
            return v;
    return std::nullopt;
}

std::int64_t RunStore::save(NewRun& run) {
    Database& db = m_ws.db();
    Transaction tx(db);
    RunInfo& r = run.info;
    r.createdAt = utcNowIso8601();
    if (run.split && run.split->testRows)
        r.splitId = SplitStore(m_ws).save(r.datasetId, run.split->spec, run.split->numRows,
                                          *run.split->testRows);
    JsonWriter params;
    params.beginObject();
    for (const auto& [k, v] : r.params)
        params.key(k).value(v);
    params.endObject();
    JsonWriter metrics;
    metrics.beginObject();
    for (const auto& [k, v] : r.metrics)
        metrics.key(k).value(v);
    metrics.endObject();
    auto st = db.prepare(
        "INSERT INTO runs(dataset_id, split_id, model, params, seed, threads, status, message,"
        " created_at, fit_seconds, eval_seconds, protocol, metrics, debias)"
        " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, r.datasetId);
    if (r.splitId > 0)
        st.bind(2, r.splitId);
    else
        st.bindNull(2);
    st.bind(3, r.model).bind(4, params.str()).bind(5, std::int64_t(r.seed)).bind(6, r.threads);
    st.bind(7, r.status).bind(8, r.message).bind(9, r.createdAt).bind(10, r.fitSeconds);
    st.bind(11, r.evalSeconds).bind(12, r.protocol).bind(13, metrics.str()).bind(14, r.debias);
    st.run();
    r.id = db.lastInsertId();

    auto ep = db.prepare("INSERT INTO run_epochs VALUES(?,?,?,?,?)");
    for (const auto& e : run.epochs) {
        ep.bind(1, r.id).bind(2, e.epoch).bind(3, e.trainLoss);
        if (e.validationLoss >= 0)
            ep.bind(4, e.validationLoss);
        else
            ep.bindNull(4);
        ep.bind(5, e.seconds);
        ep.run();
    }
    auto um = db.prepare("INSERT INTO run_user_metrics VALUES(?,?,?,?)");
    for (const auto& s : run.userMetrics) {
        um.bind(1, r.id).bind(2, s.metric);
        um.bindBlob(3, asBlob(std::span<const std::uint32_t>(s.users)));
        um.bindBlob(4, asBlob(std::span<const float>(s.values)));
        um.run();
    }
    if (run.model) {
        auto mp = db.prepare("INSERT INTO model_params VALUES(?,?,?,?,?,?)");
        for (const auto& b : run.model->blocks) {
            mp.bind(1, r.id).bind(2, b.name).bind(3, run.model->formatVersion);
            mp.bind(4, b.rows).bind(5, b.cols);
            mp.bindBlob(6, asBlob(std::span<const float>(b.data)));
            mp.run();
        }
        auto mh = db.prepare("INSERT INTO model_hyper VALUES(?,?,?)");
        // The registry name is kept as a pseudo hyper-parameter so a model restores by itself.
        mh.bind(1, r.id).bind(2, std::string("__model")).bind(3, run.model->model);
        mh.run();
        for (const auto& [k, v] : run.model->hyper) {
            mh.bind(1, r.id).bind(2, k).bind(3, v);
            mh.run();
        }
    }
    tx.commit();
    return r.id;
}

std::vector<RunInfo> RunStore::list(std::int64_t datasetId) const {
    auto st =
        m_ws.db().prepare(std::string(kSelect) +
                          (datasetId ? " WHERE r.dataset_id = ? ORDER BY r.id" : " ORDER BY r.id"));
    if (datasetId)
        st.bind(1, datasetId);
    std::vector<RunInfo> out;
    while (st.step())
        out.push_back(readRun(st));
    return out;
}

std::optional<RunInfo> RunStore::get(std::int64_t runId) const {
    auto st = m_ws.db().prepare(std::string(kSelect) + " WHERE r.id = ?");
    st.bind(1, runId);
    if (!st.step())
        return std::nullopt;
    return readRun(st);
}

std::vector<EpochRecord> RunStore::epochs(std::int64_t runId) const {
    auto st = m_ws.db().prepare("SELECT epoch, train_loss, validation_loss, seconds FROM"
                                " run_epochs WHERE run_id = ? ORDER BY epoch");
    st.bind(1, runId);
    std::vector<EpochRecord> out;
    while (st.step())
        out.push_back({int(st.int64(0)), st.real(1), st.isNull(2) ? -1.0 : st.real(2), st.real(3)});
    return out;
}

std::vector<std::string> RunStore::userMetricNames(std::int64_t runId) const {
    auto st = m_ws.db().prepare("SELECT metric FROM run_user_metrics WHERE run_id = ?");
    st.bind(1, runId);
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

std::optional<UserMetricSeries> RunStore::userMetric(std::int64_t runId,
                                                     const std::string& metric) const {
    auto st = m_ws.db().prepare(
        "SELECT users, vals FROM run_user_metrics WHERE run_id = ? AND metric = ?");
    st.bind(1, runId).bind(2, metric);
    if (!st.step())
        return std::nullopt;
    return UserMetricSeries{metric, fromBlob<std::uint32_t>(st.blob(0)),
                            fromBlob<float>(st.blob(1))};
}

std::optional<ModelState> RunStore::loadModel(std::int64_t runId) const {
    ModelState m;
    {
        auto st = m_ws.db().prepare("SELECT key, value FROM model_hyper WHERE run_id = ?");
        st.bind(1, runId);
        while (st.step())
            decodeModelHyperRow(m, st.text(0), st.text(1));
    }
    if (m.model.empty())
        return std::nullopt;
    auto st = m_ws.db().prepare(
        "SELECT name, format_version, rows, cols, data FROM model_params WHERE run_id = ?");
    st.bind(1, runId);
    std::string error;
    while (st.step()) {
        if (!decodeModelParamRow(m, st.text(0), st.int64(1), st.int64(2), st.int64(3), st.blob(4),
                                 error))
            throw StoreError("model parameters of run " + std::to_string(runId) + " " + error);
    }
    return m;
}

void RunStore::remove(std::int64_t runId) {
    Database& db = m_ws.db();
    Transaction tx(db);
    for (const char* table : {"run_epochs", "run_user_metrics", "model_params", "model_hyper",
                              "run_layouts", "run_pipelines"}) {
        auto st = db.prepare(std::string("DELETE FROM ") + table + " WHERE run_id = ?");
        st.bind(1, runId);
        st.run();
    }
    auto st = db.prepare("DELETE FROM runs WHERE id = ?");
    st.bind(1, runId);
    st.run();
    tx.commit();
}

} // namespace rs
