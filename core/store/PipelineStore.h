#pragma once
#include "pipeline/StageGraph.h"
#include "store/Workspace.h"
#include <cstdint>
#include <optional>
#include <string>

namespace rs {

/// Reads and writes a run's stage graph (table run_pipelines, one JSON text per run; see
/// stageGraphToJson). Deleting a run deletes its graph (RunStore::remove).
class PipelineStore {
public:
    explicit PipelineStore(Workspace& ws) : m_ws(ws) {}

    /// Stores (or replaces) the graph of `runId`, with g.runId set to it. Throws StoreError.
    void save(std::int64_t runId, const StageGraph& g);
    /// The stored graph; nullopt when the run has none. A stored text that does not parse is
    /// reported through `error` (and nullopt returned) rather than thrown.
    std::optional<StageGraph> get(std::int64_t runId, std::string* error = nullptr) const;
    bool has(std::int64_t runId) const;

private:
    Workspace& m_ws;
};

} // namespace rs
