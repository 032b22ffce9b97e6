#include "pipeline/MermaidWriter.h"

#include "pipeline/MermaidText.h"
#include "util/JsonWriter.h"

#include <array>
#include <map>

namespace rs {

namespace {

constexpr std::string_view kIndent = "    ";

/// The node fields the drawing does not show, as one JSON object.
std::string nodePayload(const StageNode& n) {
    JsonWriter w;
    w.beginObject().key("kind").value(stageKindName(n.kind)).key("progress").value(n.progress);
    if (n.seconds)
        w.key("seconds").value(*n.seconds);
    if (n.rowsIn)
        w.key("rows_in").value(*n.rowsIn);
    if (n.rowsOut)
        w.key("rows_out").value(*n.rowsOut);
    w.key("error").value(n.error).key("outputs").beginObject();
    for (const auto& [k, v] : n.outputs)
        w.key(k).value(v);
    w.endObject().endObject();
    return w.str();
}

} // namespace

std::string writeMermaid(const StageGraph& g, const MermaidOptions& o) {
    std::map<std::string, std::string, std::less<>> ids;
    for (const auto& n : g.nodes)
        ids.emplace(n.id, mermaidSafeId(n.id));
    auto idOf = [&](const std::string& id) {
        auto it = ids.find(id);
        return it != ids.end() ? it->second : mermaidSafeId(id);
    };

    std::string out = o.direction == FlowDirection::LeftRight ? "flowchart LR\n" : "flowchart TD\n";
    if (o.payload) {
        JsonWriter w;
        w.beginObject().key("run").value(g.runId).endObject();
        out += std::string(kIndent) + "%% recscope-pipeline " + w.str() + '\n';
    }
    for (const auto& n : g.nodes)
        out += std::string(kIndent) + idOf(n.id) + "(\"" + mermaidNodeLabel(n) + "\")\n";
    for (const auto& e : g.edges) {
        out += std::string(kIndent) + idOf(e.from) + " -->";
        if (!e.label.empty())
            out += "|\"" + escapeMermaidText(e.label) + "\"|";
        out += ' ' + idOf(e.to) + '\n';
    }
    // Status classes, in status order, for the statuses in use.
    std::array<std::string, 6> members;
    for (const auto& n : g.nodes) {
        auto& m = members[std::size_t(n.status)];
        if (!m.empty())
            m += ',';
        m += idOf(n.id);
    }
    for (std::size_t s = 0; s < members.size(); ++s)
        if (!members[s].empty())
            out += std::string(kIndent) + "classDef " + mermaidStatusClass(StageStatus(s)) + ' ' +
                   mermaidStatusStyle(StageStatus(s)) + '\n';
    for (std::size_t s = 0; s < members.size(); ++s)
        if (!members[s].empty())
            out += std::string(kIndent) + "class " + members[s] + ' ' +
                   mermaidStatusClass(StageStatus(s)) + '\n';
    if (o.payload)
        for (const auto& n : g.nodes)
            out += std::string(kIndent) + "%% recscope-stage " + idOf(n.id) + ' ' + nodePayload(n) +
                   '\n';
    return out;
}

} // namespace rs
