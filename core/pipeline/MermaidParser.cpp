#include "pipeline/MermaidParser.h"

#include "util/JsonReader.h"
#include "pipeline/MermaidText.h"
#include "pipeline/StageGraphJson.h"

#include <map>

namespace rs {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool isIdChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// Takes the identifier at the start of `s` (empty when there is none).
std::string_view takeId(std::string_view& s) {
    std::size_t n = 0;
    while (n < s.size() && isIdChar(s[n]))
        ++n;
    auto id = s.substr(0, n);
    s.remove_prefix(n);
    return id;
}

/// Takes `"..."` at the start of `s`; the escaped text between the quotes (no raw quote can
/// occur inside, the writer escapes them). False when `s` does not start with a quoted text.
bool takeQuoted(std::string_view& s, std::string_view& inside) {
    if (s.empty() || s.front() != '"')
        return false;
    const auto close = s.find('"', 1);
    if (close == std::string_view::npos)
        return false;
    inside = s.substr(1, close - 1);
    s.remove_prefix(close + 1);
    return true;
}

class Parser {
public:
    MermaidParseResult run(std::string_view text) {
        std::size_t start = 0;
        while (start <= text.size() && m_result.error.empty()) {
            std::size_t end = text.find('\n', start);
            if (end == std::string_view::npos)
                end = text.size();
            ++m_line;
            line(trim(text.substr(start, end - start)));
            start = end + 1;
        }
        if (m_result.error.empty() && !m_sawHeader)
            fail("no 'flowchart TD' or 'flowchart LR' header", 0);
        if (m_result.error.empty())
            applyPayloads();
        if (m_result.error.empty()) {
            const std::string problem = validateStageGraph(m_graph);
            if (!problem.empty())
                fail(problem, 0);
        }
        if (m_result.error.empty())
            m_result.graph = std::move(m_graph);
        return std::move(m_result);
    }

private:
    void fail(const std::string& what, int line) {
        if (!m_result.error.empty())
            return;
        m_result.errorLine = line;
        m_result.error = line > 0 ? "line " + std::to_string(line) + ": " + what : what;
    }
    void fail(const std::string& what) { fail(what, m_line); }

    void line(std::string_view s) {
        if (s.empty())
            return;
        if (s.starts_with("%%")) {
            comment(trim(s.substr(2)));
            return;
        }
        if (!m_sawHeader) {
            header(s);
            return;
        }
        if (s.starts_with("classDef ")) {
            classDef(trim(s.substr(9)));
        } else if (s.starts_with("class ")) {
            classLine(trim(s.substr(6)));
        } else if (s.find("-->") != std::string_view::npos) {
            edge(s);
        } else {
            node(s);
        }
    }

    void header(std::string_view s) {
        if (s == "flowchart TD") {
            m_result.direction = FlowDirection::TopDown;
        } else if (s == "flowchart LR") {
            m_result.direction = FlowDirection::LeftRight;
        } else {
            fail("expected 'flowchart TD' or 'flowchart LR', got '" + std::string(s) + "'");
            return;
        }
        m_sawHeader = true;
    }

    void comment(std::string_view s) {
        constexpr std::string_view kGraph = "recscope-pipeline ";
        constexpr std::string_view kStage = "recscope-stage ";
        if (s.starts_with(kGraph)) {
            std::string error;
            auto doc = parseJson(s.substr(kGraph.size()), error);
            const JsonValue* run = doc ? doc->member("run") : nullptr;
            if (!doc || (run && !run->integer())) {
                fail("bad recscope-pipeline payload: " + (error.empty() ? "run" : error));
                return;
            }
            if (run)
                m_graph.runId = *run->integer();
        } else if (s.starts_with(kStage)) {
            s.remove_prefix(kStage.size());
            const std::string id(takeId(s));
            if (id.empty()) {
                fail("recscope-stage payload without a stage id");
                return;
            }
            m_payloads.push_back({id, std::string(trim(s)), m_line});
        }
    }

    void node(std::string_view s) {
        const std::string id(takeId(s));
        std::string_view label;
        const bool rounded = !id.empty() && s.starts_with("(");
        if (rounded)
            s.remove_prefix(1);
        if (!rounded || !takeQuoted(s, label) || s != ")") {
            fail("expected a node 'id(\"label\")', an edge or a class line");
            return;
        }
        if (m_graph.find(id)) {
            fail("node '" + id + "' is defined twice");
            return;
        }
        StageNode n;
        n.id = id;
        std::string error;
        if (!parseMermaidNodeLabel(label, n, error)) {
            fail("node '" + id + "': " + error);
            return;
        }
        m_graph.nodes.push_back(std::move(n));
    }

    void edge(std::string_view s) {
        StageEdge e;
        e.from = std::string(takeId(s));
        s = trim(s);
        if (e.from.empty() || !s.starts_with("-->")) {
            fail("expected an edge 'a --> b' or 'a -->|\"label\"| b'");
            return;
        }
        s.remove_prefix(3);
        if (s.starts_with("|")) {
            s.remove_prefix(1);
            std::string_view label;
            if (!takeQuoted(s, label) || !s.starts_with("|")) {
                fail("an edge label must be written -->|\"label\"|");
                return;
            }
            s.remove_prefix(1);
            std::string error;
            if (!unescapeMermaidText(label, e.label, error)) {
                fail("edge label: " + error);
                return;
            }
        }
        s = trim(s);
        e.to = std::string(takeId(s));
        if (e.to.empty() || !s.empty()) {
            fail("expected one target node after '-->'");
            return;
        }
        for (const auto* end : {&e.from, &e.to})
            if (!m_graph.find(*end)) {
                fail("edge refers to node '" + *end + "' before it is defined");
                return;
            }
        m_graph.edges.push_back(std::move(e));
    }

    void classDef(std::string_view s) {
        StageStatus status;
        const std::string name(takeId(s));
        if (!parseMermaidStatusClass(name, status))
            fail("unknown class '" + name + "' (expected st_pending, st_done, ...)");
    }

    void classLine(std::string_view s) {
        const auto space = s.rfind(' ');
        if (space == std::string_view::npos) {
            fail("expected 'class id1,id2 st_status'");
            return;
        }
        const std::string name(trim(s.substr(space + 1)));
        StageStatus status;
        if (!parseMermaidStatusClass(name, status)) {
            fail("unknown class '" + name + "' (expected st_pending, st_done, ...)");
            return;
        }
        std::string_view ids = trim(s.substr(0, space));
        while (true) {
            const std::string id(takeId(ids));
            StageNode* n = id.empty() ? nullptr : m_graph.find(id);
            if (!n) {
                fail(id.empty() ? "expected a node id in a class line"
                                : "class line names unknown node '" + id + "'");
                return;
            }
            n->status = status;
            if (ids.empty())
                return;
            if (ids.front() != ',') {
                fail("node ids in a class line are separated by ','");
                return;
            }
            ids.remove_prefix(1);
        }
    }

    void applyPayloads() {
        for (const auto& p : m_payloads) {
            StageNode* n = m_graph.find(p.id);
            if (!n) {
                fail("payload for unknown node '" + p.id + "'", p.line);
                return;
            }
            std::string error;
            auto doc = parseJson(p.json, error);
            // The drawn fields stay as drawn: only what the drawing does not show is read.
            StageNode fields = *n;
            fields.outputs.clear();
            if (doc && readStageNodeFields(*doc, fields, error)) {
                n->kind = fields.kind;
                n->progress = fields.progress;
                n->seconds = fields.seconds;
                n->rowsIn = fields.rowsIn;
                n->rowsOut = fields.rowsOut;
                n->error = fields.error;
                n->outputs = fields.outputs;
            } else {
                fail("bad recscope-stage payload for '" + p.id + "': " + error, p.line);
                return;
            }
        }
    }

    struct Payload {
        std::string id, json;
        int line = 0;
    };
    MermaidParseResult m_result;
    StageGraph m_graph;
    std::vector<Payload> m_payloads;
    bool m_sawHeader = false;
    int m_line = 0;
};

} // namespace

MermaidParseResult parseMermaid(std::string_view text) {
    return Parser().run(text);
}

} // namespace rs
