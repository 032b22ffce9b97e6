#include "store/SplitStore.h"

#include "store/BlobCodec.h"
#include "util/TimeText.h"

namespace rs {

namespace {

constexpr const char* kSelect =
    "SELECT id, dataset_id, spec, n_train, n_test, created_at FROM splits";

StoredSplit readSplit(const Statement& st) {
    StoredSplit s;
    s.id = st.int64(0);
    s.datasetId = st.int64(1);
    s.spec = st.text(2);
    s.numTrain = st.int64(3);
    s.numTest = st.int64(4);
    s.createdAt = st.text(5);
    return s;
}

} // namespace

std::int64_t SplitStore::save(std::int64_t datasetId, const std::string& spec, std::int64_t numRows,
                              const std::vector<std::uint32_t>& testRows) {
    if (auto existing = find(datasetId, spec))
        return existing->id;
    auto st = m_ws.db().prepare("INSERT INTO splits(dataset_id, spec, n_train, n_test, test_rows,"
                                " created_at) VALUES(?,?,?,?,?,?)");
    st.bind(1, datasetId).bind(2, spec).bind(3, numRows - std::int64_t(testRows.size()));
    st.bind(4, std::int64_t(testRows.size()));
    st.bindBlob(5, asBlob(std::span<const std::uint32_t>(testRows))).bind(6, utcNowIso8601());
    st.run();
    return m_ws.db().lastInsertId();
}

std::optional<StoredSplit> SplitStore::get(std::int64_t id) const {
    auto st =
        m_ws.db().prepare("SELECT id, dataset_id, spec, n_train, n_test, created_at, test_rows"
                          " FROM splits WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    StoredSplit s = readSplit(st);
    s.testRows = fromBlob<std::uint32_t>(st.blob(6));
    return s;
}

std::optional<StoredSplit> SplitStore::find(std::int64_t datasetId, const std::string& spec) const {
    auto st = m_ws.db().prepare(std::string(kSelect) + " WHERE dataset_id = ? AND spec = ?");
    st.bind(1, datasetId).bind(2, spec);
    if (!st.step())
        return std::nullopt;
    return get(st.int64(0));
}

std::vector<StoredSplit> SplitStore::list(std::int64_t datasetId) const {
    auto st = m_ws.db().prepare(std::string(kSelect) + " WHERE dataset_id = ? ORDER BY id");
    st.bind(1, datasetId);
    std::vector<StoredSplit> out;
    while (st.step())
        out.push_back(readSplit(st));
    return out;
}

} // namespace rs
