#pragma once
#include "pipeline/StageGraph.h"
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rs {

/// One key whose value differs between two stage value lists (parameters or outputs). A key
/// only one side has is a change too: the other side's value is nullopt.
struct StageValueChange {
    std::string key;
    std::optional<std::string> left, right;

    bool operator==(const StageValueChange&) const = default;
};

/// How a stage differs between two graphs (matched by node id).
struct StageNodeDiff {
    enum class Presence { Both, LeftOnly, RightOnly };

    std::string id;
    Presence presence = Presence::Both;
    bool labelChanged = false;
    bool statusChanged = false;
    std::vector<StageValueChange> params;  ///< in the left graph's order, then right-only keys
    std::vector<StageValueChange> outputs; ///< same order rule

    /// True when the stage exists on one side only or its label, parameters or outputs differ
    /// (a status difference alone does not count: see statusChanged).
    bool changed() const {
        return presence != Presence::Both || labelChanged || !params.empty() || !outputs.empty();
    }
    const StageValueChange* param(std::string_view key) const;
    const StageValueChange* output(std::string_view key) const;
};

/// The differences between two runs' stage graphs.
struct StageGraphDiff {
    /// One entry per stage id of either graph (left order, then right-only ids), also for
    /// stages that did not change (changed() false), so a view can look any id up.
    std::vector<StageNodeDiff> nodes;
    std::vector<StageEdge> leftOnlyEdges;  ///< edges (from, to) the right graph lacks
    std::vector<StageEdge> rightOnlyEdges; ///< edges (from, to) the left graph lacks

    const StageNodeDiff* find(std::string_view id) const;
    /// Ids of the stages whose changed() is true, in `nodes` order.
    std::vector<std::string> changedIds() const;
    /// True when no stage changed and both graphs have the same edges (labels ignored).
    bool identical() const;
};

/// The keys whose values differ between `left` and `right` (a key missing on one side counts).
std::vector<StageValueChange> diffStageValues(const StageValues& left, const StageValues& right);

/// Compares two stage graphs node by node (by id): presence, label, status, parameters and
/// outputs; edges by (from, to). Progress, seconds, rows and errors are not compared: they are
/// what a run measured, not what it was asked to do or produced.
StageGraphDiff diffStageGraphs(const StageGraph& left, const StageGraph& right);

} // namespace rs
