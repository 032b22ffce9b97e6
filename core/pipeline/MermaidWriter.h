#pragma once
#include "pipeline/FlowDirection.h"
#include "pipeline/StageGraph.h"
#include <string>

namespace rs {

struct MermaidOptions {
    FlowDirection direction = FlowDirection::TopDown;
    /// Also write `%% recscope-...` comment lines with JSON for what the drawing does not show
    /// (run id, stage kinds, progress, seconds, rows, errors, outputs), so that parsing the text
    /// restores the whole graph. Mermaid ignores comment lines.
    bool payload = true;
};

/// The stage graph as Mermaid flowchart text, one statement per line:
///   flowchart TD
///       %% recscope-pipeline {"run":3}
///       load("Load ratings<br>dataset: ml")          (rounded node; see mermaidNodeLabel)
///       load -->|"ratings"| split                     (edge; `load --> split` when unlabelled)
///       classDef st_done fill:#dcfce7,...             (one per status in use)
///       class load,split st_done                      (nodes by status)
///       %% recscope-stage load {"kind":"data",...}    (payload per node)
/// The output is deterministic: writing the graph parsed from it gives the same text. Node ids
/// are written as they are (they must satisfy isSafeStageId; others are made safe with
/// mermaidSafeId, and then do not read back unchanged).
std::string writeMermaid(const StageGraph& g, const MermaidOptions& options = {});

} // namespace rs
