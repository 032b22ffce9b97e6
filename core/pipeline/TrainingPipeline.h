#pragma once
#include "models/Recommender.h"
#include "pipeline/StageGraph.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rs {

/// Stage ids of a training run's graph, in execution order (see runTraining):
/// load the dataset's ratings -> split them into train/test rows -> build the train/test
/// interaction matrices -> (debias the training data: IPS weights or rebalancing, only when the
/// run asks for it) -> fit the model -> evaluate it on the test rows -> save the run.
namespace stage {
inline constexpr const char* kLoad = "load";
inline constexpr const char* kSplit = "split";
inline constexpr const char* kMatrices = "matrices";
inline constexpr const char* kDebias = "debias";
inline constexpr const char* kFit = "fit";
inline constexpr const char* kEvaluate = "evaluate";
inline constexpr const char* kSave = "save";
} // namespace stage

/// What a training run was asked to do: the facts its stage graph is laid out from.
struct TrainingPlan {
    std::string datasetName;
    std::int64_t datasetId = 0;
    std::string splitSpec;          ///< spec text ("random:0.2:seed=0"), or the stored split's
    std::int64_t storedSplitId = 0; ///< > 0 when a stored split is reused
    std::string debias;             ///< DebiasSpec text; empty = no debias stage
    std::string model;
    StageValues hyperParameters;
    std::uint64_t seed = 0;
    int threads = 1;
    std::optional<int> k;            ///< ranking list length (unknown for reconstructed runs)
    std::optional<double> threshold; ///< relevance threshold
    bool save = true;
};

/// The stage graph of a training run before it starts: every stage pending, with its
/// parameters, and the data-flow edges between stages.
StageGraph plannedTrainingGraph(const TrainingPlan& plan);

/// Number text for stage outputs: integers without a fraction, others shortest round-trip.
std::string stageNumberText(double v);

/// Fill a stage's rows and outputs from what it produced.
void describeLoad(StageNode& n, std::int64_t ratings, std::int64_t users, std::int64_t items);
void describeSplit(StageNode& n, std::int64_t trainRows, std::int64_t testRows);
void describeMatrices(StageNode& n, std::int64_t trainRows, std::int64_t testRows,
                      std::int64_t users, std::int64_t items, std::int64_t trainNonZeros);
void describeDebias(StageNode& n, std::int64_t rowsIn, std::int64_t rowsOut,
                    const StageValues& facts);
void describeFit(StageNode& n, const std::vector<EpochRecord>& epochs, const std::string& message);
void describeEvaluation(StageNode& n, std::int64_t testRows,
                        const std::vector<std::pair<std::string, double>>& metrics,
                        const std::string& protocol);
void describeSave(StageNode& n, std::int64_t runId);

} // namespace rs
