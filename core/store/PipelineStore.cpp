#include "store/PipelineStore.h"

#include "pipeline/StageGraphJson.h"

namespace rs {

void PipelineStore::save(std::int64_t runId, const StageGraph& g) {
    StageGraph stored = g;
    stored.runId = runId;
    auto st = m_ws.db().prepare("INSERT OR REPLACE INTO run_pipelines(run_id, graph) VALUES(?,?)");
    st.bind(1, runId).bind(2, stageGraphToJson(stored));
    st.run();
}

std::optional<StageGraph> PipelineStore::get(std::int64_t runId, std::string* error) const {
    auto st = m_ws.db().prepare("SELECT graph FROM run_pipelines WHERE run_id = ?");
    st.bind(1, runId);
    if (!st.step())
        return std::nullopt;
    std::string problem;
    auto g = stageGraphFromJson(st.text(0), problem);
    if (!g && error)
        *error = "stored stage graph of run " + std::to_string(runId) + ": " + problem;
    return g;
}

bool PipelineStore::has(std::int64_t runId) const {
    auto st = m_ws.db().prepare("SELECT 1 FROM run_pipelines WHERE run_id = ?");
    st.bind(1, runId);
    return st.step();
}

} // namespace rs
