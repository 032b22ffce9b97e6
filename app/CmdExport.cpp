// `recscope export`: a run's stage graph as Mermaid flowchart text or as JSON.
#include "CliArgs.h"
#include "Commands.h"

#include "pipeline/MermaidWriter.h"
#include "pipeline/RunPipeline.h"
#include "pipeline/StageGraphJson.h"

#include <cstdio>

namespace rs::cli {

int runExport(const std::vector<std::string>& argv) {
    CliArgs a;
    std::string error, runText;
    if (!a.parse(argv, {"mermaid", "json", "lr"}, {"workspace", "run"}, error))
        return fail("export", error, 2);
    if (!a.require("run", runText, error))
        return fail("export", error, 2);
    if (a.has("mermaid") == a.has("json"))
        return fail("export", "give one of --mermaid or --json", 2);
    if (a.has("lr") && !a.has("mermaid"))
        return fail("export", "--lr applies to --mermaid only", 2);
    std::int64_t runId = 0;
    try {
        std::size_t used = 0;
        runId = std::stoll(runText, &used);
        if (used != runText.size())
            throw std::invalid_argument(runText);
    } catch (...) {
        return fail("export", "--run takes a run id (a number), got '" + runText + "'", 2);
    }
    try {
        Workspace ws(workspacePathFrom(a.get("workspace", "")));
        auto graph = pipelineForRun(ws, runId, error);
        if (!graph)
            return fail("export", error + " in " + ws.path());
        if (a.has("json")) {
            std::printf("%s\n", stageGraphToJson(*graph).c_str());
        } else {
            MermaidOptions o;
            o.direction = a.has("lr") ? FlowDirection::LeftRight : FlowDirection::TopDown;
            std::fputs(writeMermaid(*graph, o).c_str(), stdout);
        }
        return 0;
    } catch (const std::exception& e) {
        return fail("export", e.what());
    }
}

} // namespace rs::cli
