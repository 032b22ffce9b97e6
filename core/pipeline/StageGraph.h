#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rs {

/// What a stage of a run does.
enum class StageKind { Data, Preprocessing, Split, Training, Evaluation, Explanation };
/// Where a stage is: not started, running, finished, failed, cancelled, or never run because an
/// earlier stage stopped the run (or the request left it out).
enum class StageStatus { Pending, Running, Done, Failed, Cancelled, Skipped };

/// Ordered text key/value pairs (parameters, outputs), in display order.
using StageValues = std::vector<std::pair<std::string, std::string>>;

/// Sets `key` to `value` in place, or appends it when the key is new.
void setStageValue(StageValues& values, std::string_view key, std::string value);
/// The value of `key`, or nullptr.
const std::string* stageValue(const StageValues& values, std::string_view key);

/// One stage of a run's pipeline.
struct StageNode {
    std::string id; ///< unique in the graph; see isSafeStageId()
    StageKind kind = StageKind::Data;
    std::string label; ///< short human title ("Split train/test")
    StageValues params;
    StageStatus status = StageStatus::Pending;
    double progress = 0.0;               ///< 0..1 within the stage
    std::optional<double> seconds;       ///< wall time of the stage when known
    std::optional<std::int64_t> rowsIn;  ///< rating rows the stage consumed, when meaningful
    std::optional<std::int64_t> rowsOut; ///< rating rows it produced, when meaningful
    std::string error;                   ///< why it failed or was cancelled
    StageValues outputs;                 ///< results: split sizes, epochs, final loss, metrics

    bool operator==(const StageNode&) const = default;
};

/// A data-flow edge between two stages (by node id), optionally labelled with what flows.
struct StageEdge {
    std::string from, to;
    std::string label;

    bool operator==(const StageEdge&) const = default;
};

/// The stage graph of one run: a DAG of stages in execution order.
struct StageGraph {
    std::int64_t runId = 0; ///< 0 while the run is not stored
    std::vector<StageNode> nodes;
    std::vector<StageEdge> edges;

    StageNode* find(std::string_view id);
    const StageNode* find(std::string_view id) const;
    /// Index of the node with `id`, or -1.
    int indexOf(std::string_view id) const;
    /// First node with the given status, or nullptr (e.g. which stage failed).
    const StageNode* firstWithStatus(StageStatus s) const;

    bool operator==(const StageGraph&) const = default;
};

const char* stageKindName(StageKind k);
const char* stageStatusName(StageStatus s);
/// Inverse of the name functions; false for an unknown name.
bool parseStageKind(std::string_view name, StageKind& out);
bool parseStageStatus(std::string_view name, StageStatus& out);

/// True for [A-Za-z_][A-Za-z0-9_]* that is not a word Mermaid flowcharts reserve ("end",
/// "graph", "class", ...) and does not contain "style" or "classDef", so the id can be written
/// into Mermaid text as it is.
bool isSafeStageId(std::string_view id);

/// Checks that ids are safe and unique and that every edge joins two existing nodes; returns an
/// empty string when the graph is well formed, else what is wrong.
std::string validateStageGraph(const StageGraph& g);

} // namespace rs
