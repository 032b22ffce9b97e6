#include "pipeline/StageGraph.h"

#include <array>
#include <set>

namespace rs {

namespace {

constexpr std::array<const char*, 6> kKindNames = {"data",     "preprocessing", "split",
                                                   "training", "evaluation",    "explanation"};
constexpr std::array<const char*, 6> kStatusNames = {"pending", "running",   "done",
                                                     "failed",  "cancelled", "skipped"};

bool isIdStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isIdChar(char c) {
    return isIdStart(c) || (c >= '0' && c <= '9');
}

/// Words with a meaning of their own in a Mermaid flowchart (keywords, statements).
constexpr std::array<std::string_view, 14> kMermaidReserved = {
    "end",   "graph",     "flowchart", "subgraph", "class", "classDef", "click",
    "style", "linkStyle", "direction", "default",  "call",  "href",     "interpolate"};

} // namespace

void setStageValue(StageValues& values, std::string_view key, std::string value) {
    for (auto& [k, v] : values)
        if (k == key) {
            v = std::move(value);
            return;
        }
    values.emplace_back(std::string(key), std::move(value));
}

const std::string* stageValue(const StageValues& values, std::string_view key) {
    for (const auto& [k, v] : values)
        if (k == key)
            return &v;
    return nullptr;
}

StageNode* StageGraph::find(std::string_view id) {
    const int i = indexOf(id);
    return i < 0 ? nullptr : &nodes[std::size_t(i)];
}

const StageNode* StageGraph::find(std::string_view id) const {
    const int i = indexOf(id);
    return i < 0 ? nullptr : &nodes[std::size_t(i)];
}

int StageGraph::indexOf(std::string_view id) const {
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].id == id)
            return int(i);
    return -1;
}

const StageNode* StageGraph::firstWithStatus(StageStatus s) const {
    for (const auto& n : nodes)
        if (n.status == s)
            return &n;
    return nullptr;
}

const char* stageKindName(StageKind k) {
    return kKindNames[std::size_t(k)];
}

const char* stageStatusName(StageStatus s) {
    return kStatusNames[std::size_t(s)];
}

bool parseStageKind(std::string_view name, StageKind& out) {
    for (std::size_t i = 0; i < kKindNames.size(); ++i)
        if (name == kKindNames[i]) {
            out = StageKind(i);
            return true;
        }
    return false;
}

bool parseStageStatus(std::string_view name, StageStatus& out) {
    for (std::size_t i = 0; i < kStatusNames.size(); ++i)
        if (name == kStatusNames[i]) {
            out = StageStatus(i);
            return true;
        }
    return false;
}

bool isSafeStageId(std::string_view id) {
    if (id.empty() || !isIdStart(id[0]))
        return false;
    for (char c : id)
        if (!isIdChar(c))
            return false;
    for (auto word : kMermaidReserved)
        if (id == word)
            return false;
    // Mermaid rewrites lines containing these words before parsing (see escapeMermaidText).
    return id.find("style") == std::string_view::npos &&
           id.find("classDef") == std::string_view::npos;
}

std::string validateStageGraph(const StageGraph& g) {
    std::set<std::string> ids;
    for (const auto& n : g.nodes) {
        if (!isSafeStageId(n.id))
            return "stage id '" + n.id + "' is not a safe identifier";
        if (!ids.insert(n.id).second)
            return "stage id '" + n.id + "' is used twice";
    }
    for (const auto& e : g.edges)
        if (!ids.count(e.from) || !ids.count(e.to))
            return "edge " + e.from + " -> " + e.to + " refers to an unknown stage";
    return {};
}

} // namespace rs
