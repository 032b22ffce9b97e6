#include "pipeline/TrainingPipeline.h"

#include <charconv>
#include <cmath>

namespace rs {

namespace {

StageNode makeStage(const char* id, StageKind kind, std::string label, StageValues params = {}) {
    StageNode n;
    n.id = id;
    n.kind = kind;
    n.label = std::move(label);
    n.params = std::move(params);
    return n;
}

} // namespace

std::string stageNumberText(double v) {
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        return std::to_string(static_cast<long long>(v));
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

StageGraph plannedTrainingGraph(const TrainingPlan& p) {
    StageGraph g;
    g.nodes.push_back(
        makeStage(stage::kLoad, StageKind::Data, "Load ratings",
                  {{"dataset", p.datasetName}, {"dataset_id", std::to_string(p.datasetId)}}));
    StageValues splitParams = {{"spec", p.splitSpec}};
    if (p.storedSplitId > 0)
        splitParams.emplace_back("stored_split", std::to_string(p.storedSplitId));
    g.nodes.push_back(makeStage(stage::kSplit, StageKind::Split, "Split train/test", splitParams));
    g.nodes.push_back(
        makeStage(stage::kMatrices, StageKind::Preprocessing, "Build interaction matrices"));
    if (!p.debias.empty())
        g.nodes.push_back(makeStage(stage::kDebias, StageKind::Preprocessing,
                                    "Debias training data", {{"spec", p.debias}}));
    StageValues fitParams = p.hyperParameters;
    fitParams.emplace_back("seed", std::to_string(p.seed));
    fitParams.emplace_back("threads", std::to_string(p.threads));
    g.nodes.push_back(makeStage(stage::kFit, StageKind::Training, "Fit " + p.model, fitParams));
    StageValues evalParams;
    if (p.k)
        evalParams.emplace_back("k", std::to_string(*p.k));
    if (p.threshold)
        evalParams.emplace_back("threshold", stageNumberText(*p.threshold));
    g.nodes.push_back(makeStage(stage::kEvaluate, StageKind::Evaluation, "Evaluate", evalParams));
    g.nodes.push_back(makeStage(stage::kSave, StageKind::Data, "Save run"));
    g.edges = {{stage::kLoad, stage::kSplit, "ratings"},
               {stage::kSplit, stage::kMatrices, "train/test rows"}};
    if (p.debias.empty()) {
        g.edges.push_back({stage::kMatrices, stage::kFit, "train"});
    } else {
        g.edges.push_back({stage::kMatrices, stage::kDebias, "train"});
        g.edges.push_back({stage::kDebias, stage::kFit, "debiased train"});
    }
    g.edges.insert(g.edges.end(), {{stage::kMatrices, stage::kEvaluate, "train + test"},
                                   {stage::kFit, stage::kEvaluate, "model"},
                                   {stage::kFit, stage::kSave, "parameters, epochs"},
                                   {stage::kEvaluate, stage::kSave, "metrics"}});
    return g;
}

void describeLoad(StageNode& n, std::int64_t ratings, std::int64_t users, std::int64_t items) {
    n.rowsOut = ratings;
    setStageValue(n.outputs, "users", std::to_string(users));
    setStageValue(n.outputs, "items", std::to_string(items));
}

void describeSplit(StageNode& n, std::int64_t trainRows, std::int64_t testRows) {
    n.rowsIn = trainRows + testRows;
    n.rowsOut = trainRows + testRows;
    setStageValue(n.outputs, "train", std::to_string(trainRows));
    setStageValue(n.outputs, "test", std::to_string(testRows));
}

void describeMatrices(StageNode& n, std::int64_t trainRows, std::int64_t testRows,
                      std::int64_t users, std::int64_t items, std::int64_t trainNonZeros) {
    n.rowsIn = trainRows + testRows;
    n.rowsOut = trainNonZeros;
    setStageValue(n.outputs, "users", std::to_string(users));
    setStageValue(n.outputs, "items", std::to_string(items));
    setStageValue(n.outputs, "train_nonzeros", std::to_string(trainNonZeros));
    setStageValue(n.outputs, "test_rows", std::to_string(testRows));
}

void describeDebias(StageNode& n, std::int64_t rowsIn, std::int64_t rowsOut,
                    const StageValues& facts) {
    n.rowsIn = rowsIn;
    n.rowsOut = rowsOut;
    for (const auto& [k, v] : facts)
        setStageValue(n.outputs, k, v);
}

void describeFit(StageNode& n, const std::vector<EpochRecord>& epochs, const std::string& message) {
    setStageValue(n.outputs, "epochs", std::to_string(epochs.size()));
    if (!epochs.empty()) {
        setStageValue(n.outputs, "final_train_loss", stageNumberText(epochs.back().trainLoss));
        if (epochs.back().validationLoss >= 0)
            setStageValue(n.outputs, "final_validation_loss",
                          stageNumberText(epochs.back().validationLoss));
    }
    if (!message.empty())
        setStageValue(n.outputs, "message", message);
}

void describeEvaluation(StageNode& n, std::int64_t testRows,
                        const std::vector<std::pair<std::string, double>>& metrics,
                        const std::string& protocol) {
    n.rowsIn = testRows;
    for (const auto& [name, value] : metrics)
        setStageValue(n.outputs, name, stageNumberText(value));
    if (!protocol.empty())
        setStageValue(n.outputs, "protocol", protocol);
}

void describeSave(StageNode& n, std::int64_t runId) {
    setStageValue(n.outputs, "run", std::to_string(runId));
}

} // namespace rs
