#pragma once
#include "pipeline/MermaidWriter.h"
#include "pipeline/StageGraph.h"
#include <optional>
#include <string>
#include <string_view>

namespace rs {

/// What parseMermaid read: the graph and the flowchart's direction, or the first error.
struct MermaidParseResult {
    std::optional<StageGraph> graph;
    FlowDirection direction = FlowDirection::TopDown;
    std::string error; ///< "line 7: ..." when the text is not RecScope's Mermaid subset
    int errorLine = 0; ///< 1-based line of the error (0 when the error is not on one line)

    bool ok() const { return graph.has_value(); }
};

/// Reads the Mermaid subset writeMermaid writes (not Mermaid in general): a `flowchart TD|LR`
/// header, rounded nodes `id("label")`, edges `a --> b` / `a -->|"label"| b`, `classDef st_*`
/// and `class ids st_*` lines, `%%` comments (the `%% recscope-...` payload lines are read,
/// other comments ignored). Blank lines and indentation do not matter.
///
/// Without payload lines the text carries each stage's id, label, parameters and status, the
/// edges with their labels, and the direction; kind, progress, seconds, rows, error and outputs
/// then keep their defaults. With the payload parse(write(g)) == g for every field.
MermaidParseResult parseMermaid(std::string_view text);

} // namespace rs
