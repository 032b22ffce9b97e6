#pragma once
#include "util/JsonReader.h"
#include "pipeline/StageGraph.h"
#include "util/JsonWriter.h"
#include <optional>
#include <string>
#include <string_view>

namespace rs {

/// The stage graph as JSON (stored in run_pipelines.graph and printed by `recscope export
/// --json`):
///   {"run":3,"nodes":[{"id":"split","kind":"split","label":"Split train/test",
///     "params":{"spec":"random:0.2:seed=0"},"status":"done","progress":1,"seconds":0.01,
///     "rows_in":1000,"rows_out":800,"error":"","outputs":{"train":"800","test":"200"}}, ...],
///    "edges":[{"from":"load","to":"split","label":"ratings"}, ...]}
/// seconds/rows_in/rows_out are left out when unknown. params/outputs keep their order.
std::string stageGraphToJson(const StageGraph& g);
/// Writes one node's fields (without "id" when `withId` is false) into an open object.
void writeStageNodeFields(JsonWriter& w, const StageNode& n, bool withId);

/// Reads the JSON written by stageGraphToJson. nullopt with `error` on malformed input.
std::optional<StageGraph> stageGraphFromJson(std::string_view json, std::string& error);
/// Reads one node's fields from an object (the inverse of writeStageNodeFields; "id" is read
/// only when present). False with `error` when a field has the wrong type or value.
bool readStageNodeFields(const JsonValue& object, StageNode& n, std::string& error);

} // namespace rs
