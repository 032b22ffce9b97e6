#include "pipeline/PipelineDiff.h"

#include <algorithm>

namespace rs {

namespace {

const StageValueChange* findChange(const std::vector<StageValueChange>& changes,
                                   std::string_view key) {
    for (const auto& c : changes)
        if (c.key == key)
            return &c;
    return nullptr;
}

bool hasEdge(const std::vector<StageEdge>& edges, const StageEdge& e) {
    return std::any_of(edges.begin(), edges.end(),
                       [&](const StageEdge& o) { return o.from == e.from && o.to == e.to; });
}

} // namespace

const StageValueChange* StageNodeDiff::param(std::string_view key) const {
    return findChange(params, key);
}

const StageValueChange* StageNodeDiff::output(std::string_view key) const {
    return findChange(outputs, key);
}

const StageNodeDiff* StageGraphDiff::find(std::string_view id) const {
    for (const auto& n : nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

std::vector<std::string> StageGraphDiff::changedIds() const {
    std::vector<std::string> ids;
    for (const auto& n : nodes)
        if (n.changed())
            ids.push_back(n.id);
    return ids;
}

bool StageGraphDiff::identical() const {
    return leftOnlyEdges.empty() && rightOnlyEdges.empty() &&
           std::none_of(nodes.begin(), nodes.end(),
                        [](const StageNodeDiff& n) { return n.changed(); });
}

std::vector<StageValueChange> diffStageValues(const StageValues& left, const StageValues& right) {
    std::vector<StageValueChange> changes;
    for (const auto& [key, value] : left) {
        const std::string* other = stageValue(right, key);
        if (!other)
            changes.push_back({key, value, std::nullopt});
        else if (*other != value)
            changes.push_back({key, value, *other});
    }
    for (const auto& [key, value] : right)
        if (!stageValue(left, key))
            changes.push_back({key, std::nullopt, value});
    return changes;
}

StageGraphDiff diffStageGraphs(const StageGraph& left, const StageGraph& right) {
    StageGraphDiff d;
    for (const auto& a : left.nodes) {
        StageNodeDiff n;
        n.id = a.id;
        if (const StageNode* b = right.find(a.id)) {
            n.labelChanged = a.label != b->label;
            n.statusChanged = a.status != b->status;
            n.params = diffStageValues(a.params, b->params);
            n.outputs = diffStageValues(a.outputs, b->outputs);
        } else {
            n.presence = StageNodeDiff::Presence::LeftOnly;
        }
        d.nodes.push_back(std::move(n));
    }
    for (const auto& b : right.nodes)
        if (!left.find(b.id)) {
            StageNodeDiff n;
            n.id = b.id;
            n.presence = StageNodeDiff::Presence::RightOnly;
            d.nodes.push_back(std::move(n));
        }
    for (const auto& e : left.edges)
        if (!hasEdge(right.edges, e))
            d.leftOnlyEdges.push_back(e);
    for (const auto& e : right.edges)
        if (!hasEdge(left.edges, e))
            d.rightOnlyEdges.push_back(e);
    return d;
}

} // namespace rs
