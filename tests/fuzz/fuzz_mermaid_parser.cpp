// libFuzzer target: the Mermaid stage-graph parser (core/pipeline/MermaidParser).
//
// Arbitrary text is parsed. When it parses, the graph is written back with writeMermaid (same
// direction, with the payload lines) and parsed again: the round trip must give the same graph
// and direction, and writing that graph again must give the same text (the writer is
// deterministic). Without payload lines the drawn fields (ids, labels, parameters, statuses,
// edges, direction) must survive. A broken promise aborts (a crash for libFuzzer).
#include "pipeline/MermaidParser.h"
#include "pipeline/MermaidWriter.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void failCheck(const char* what, const std::string& a, const std::string& b = {}) {
    std::fprintf(stderr, "fuzz_mermaid_parser: %s\n--- text\n%s\n--- again\n%s\n", what,
                 a.c_str(), b.c_str());
    std::abort();
}

/// The graph as the drawing shows it: what survives writing without payload lines.
rs::StageGraph drawnPart(const rs::StageGraph& g) {
    rs::StageGraph d;
    for (const auto& n : g.nodes) {
        rs::StageNode m;
        m.id = n.id;
        m.label = n.label;
        m.params = n.params;
        m.status = n.status;
        d.nodes.push_back(std::move(m));
    }
    d.edges = g.edges;
    return d;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const rs::MermaidParseResult first = rs::parseMermaid(text);
    if (!first.ok()) {
        if (first.error.empty())
            failCheck("parse failed without an error", std::string(text));
        return 0;
    }
    if (!first.error.empty())
        failCheck("parse succeeded with an error", std::string(text), first.error);
    const rs::StageGraph& g = *first.graph;

    rs::MermaidOptions options;
    options.direction = first.direction;
    const std::string written = rs::writeMermaid(g, options);
    const rs::MermaidParseResult again = rs::parseMermaid(written);
    if (!again.ok())
        failCheck(("written text does not parse: " + again.error).c_str(), std::string(text),
                  written);
    if (!(*again.graph == g) || again.direction != first.direction)
        failCheck("round trip changed the graph", std::string(text), written);
    const std::string rewritten = rs::writeMermaid(*again.graph, options);
    if (rewritten != written)
        failCheck("writing the parsed graph gives other text", written, rewritten);

    options.payload = false;
    const std::string drawn = rs::writeMermaid(g, options);
    const rs::MermaidParseResult plain = rs::parseMermaid(drawn);
    if (!plain.ok())
        failCheck(("text without payload does not parse: " + plain.error).c_str(),
                  std::string(text), drawn);
    if (!(drawnPart(*plain.graph) == drawnPart(g)) || plain.direction != first.direction)
        failCheck("round trip without payload changed the drawn graph", std::string(text), drawn);
    return 0;
}
