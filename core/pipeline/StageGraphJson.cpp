#include "pipeline/StageGraphJson.h"

#include <type_traits>

namespace rs {

namespace {

void writeValues(JsonWriter& w, const StageValues& values) {
    w.beginObject();
    for (const auto& [k, v] : values)
        w.key(k).value(v);
    w.endObject();
}

bool readValues(const JsonValue* v, StageValues& out, const char* what, std::string& error) {
    if (!v)
        return true;
    if (!v->isObject()) {
        error = std::string("\"") + what + "\" must be an object of strings";
        return false;
    }
    for (const auto& [k, value] : v->members) {
        if (!value.isString()) {
            error = std::string("\"") + what + "\"." + k + " must be a string";
            return false;
        }
        out.emplace_back(k, value.text);
    }
    return true;
}

bool readText(const JsonValue& o, const char* key, std::string& out, std::string& error) {
    const JsonValue* v = o.member(key);
    if (!v)
        return true;
    if (!v->isString()) {
        error = std::string("\"") + key + "\" must be a string";
        return false;
    }
    out = v->text;
    return true;
}

template <typename T>
bool readOptionalNumber(const JsonValue& o, const char* key, std::optional<T>& out,
                        std::string& error) {
    const JsonValue* v = o.member(key);
    if (!v || v->type == JsonValue::Type::Null)
        return true;
    if constexpr (std::is_integral_v<T>) {
        out = v->integer();
    } else {
        out = v->number();
    }
    if (!out) {
        error = std::string("\"") + key + "\" must be a number";
        return false;
    }
    return true;
}

} // namespace

void writeStageNodeFields(JsonWriter& w, const StageNode& n, bool withId) {
    if (withId)
        w.key("id").value(n.id);
    w.key("kind").value(stageKindName(n.kind)).key("label").value(n.label);
    w.key("params");
    writeValues(w, n.params);
    w.key("status").value(stageStatusName(n.status)).key("progress").value(n.progress);
    if (n.seconds)
        w.key("seconds").value(*n.seconds);
    if (n.rowsIn)
        w.key("rows_in").value(*n.rowsIn);
    if (n.rowsOut)
        w.key("rows_out").value(*n.rowsOut);
    w.key("error").value(n.error).key("outputs");
    writeValues(w, n.outputs);
}

std::string stageGraphToJson(const StageGraph& g) {
    JsonWriter w;
    w.beginObject().key("run").value(g.runId).key("nodes").beginArray();
    for (const auto& n : g.nodes) {
        w.beginObject();
        writeStageNodeFields(w, n, true);
        w.endObject();
    }
    w.endArray().key("edges").beginArray();
    for (const auto& e : g.edges) {
        w.beginObject().key("from").value(e.from).key("to").value(e.to);
        w.key("label").value(e.label).endObject();
    }
    w.endArray().endObject();
    return w.str();
}

bool readStageNodeFields(const JsonValue& o, StageNode& n, std::string& error) {
    if (!o.isObject()) {
        error = "a stage must be an object";
        return false;
    }
    std::string kind, status;
    if (!readText(o, "id", n.id, error) || !readText(o, "label", n.label, error) ||
        !readText(o, "kind", kind, error) || !readText(o, "status", status, error) ||
        !readText(o, "error", n.error, error))
        return false;
    if (o.member("kind") && !parseStageKind(kind, n.kind)) {
        error = "unknown stage kind '" + kind + "'";
        return false;
    }
    if (o.member("status") && !parseStageStatus(status, n.status)) {
        error = "unknown stage status '" + status + "'";
        return false;
    }
    if (const JsonValue* p = o.member("progress")) {
        if (!p->number()) {
            error = "\"progress\" must be a number";
            return false;
        }
        n.progress = *p->number();
    }
    return readOptionalNumber(o, "seconds", n.seconds, error) &&
           readOptionalNumber(o, "rows_in", n.rowsIn, error) &&
           readOptionalNumber(o, "rows_out", n.rowsOut, error) &&
           readValues(o.member("params"), n.params, "params", error) &&
           readValues(o.member("outputs"), n.outputs, "outputs", error);
}

std::optional<StageGraph> stageGraphFromJson(std::string_view json, std::string& error) {
    auto doc = parseJson(json, error);
    if (!doc)
        return std::nullopt;
    if (!doc->isObject()) {
        error = "a stage graph must be a JSON object";
        return std::nullopt;
    }
    StageGraph g;
    if (const JsonValue* run = doc->member("run")) {
        if (!run->integer()) {
            error = "\"run\" must be an integer";
            return std::nullopt;
        }
        g.runId = *run->integer();
    }
    const JsonValue* nodes = doc->member("nodes");
    const JsonValue* edges = doc->member("edges");
    if (!nodes || !nodes->isArray() || (edges && !edges->isArray())) {
        error = "a stage graph needs a \"nodes\" array (and \"edges\" as an array)";
        return std::nullopt;
    }
    for (const auto& item : nodes->items) {
        StageNode n;
        if (!readStageNodeFields(item, n, error)) {
            error = "stage " + std::to_string(g.nodes.size() + 1) + ": " + error;
            return std::nullopt;
        }
        g.nodes.push_back(std::move(n));
    }
    if (edges)
        for (const auto& item : edges->items) {
            StageEdge e;
            if (!item.isObject() || !readText(item, "from", e.from, error) ||
                !readText(item, "to", e.to, error) || !readText(item, "label", e.label, error)) {
                error = "edge " + std::to_string(g.edges.size() + 1) + ": " +
                        (error.empty() ? std::string("must be an object") : error);
                return std::nullopt;
            }
            g.edges.push_back(std::move(e));
        }
    error = validateStageGraph(g);
    if (!error.empty())
        return std::nullopt;
    return g;
}

} // namespace rs
