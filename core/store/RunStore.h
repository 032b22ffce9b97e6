#pragma once
#include "data/ModelState.h"
#include "models/Recommender.h"
#include "store/Workspace.h"
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rs {

/// A training run as listed in the workspace.
struct RunInfo {
    std::int64_t id = 0;
    std::int64_t datasetId = 0;
    std::int64_t splitId = 0; ///< 0 = trained on the whole dataset
    std::string model;
    std::vector<std::pair<std::string, std::string>> params; ///< hyper-parameters as text
    std::uint64_t seed = 0;
    int threads = 1;
    std::string status; ///< "done", "diverged", "failed"
    std::string message;
    std::string createdAt;
    double fitSeconds = 0, evalSeconds = 0;
    std::string protocol;                                ///< how the metrics were computed
    std::vector<std::pair<std::string, double>> metrics; ///< aggregates, display order
    std::string splitSpec; ///< filled by list()/get() from the split (empty when none)
    /// How the training data was debiased before the fit (DebiasSpec text; empty = not at all).
    std::string debias;

    std::optional<double> metric(const std::string& name) const;
};

/// A per-user metric series of a run (aligned users and values).
struct UserMetricSeries {
    std::string metric;
    std::vector<std::uint32_t> users;
    std::vector<float> values;
};

/// A split made for a run, stored with it (or found, when the dataset already has that spec).
struct NewRunSplit {
    std::string spec;
    std::int64_t numRows = 0; ///< the dataset's ratings
    const std::vector<std::uint32_t>* testRows = nullptr;
};

/// Everything saved for a finished run, written in one transaction.
struct NewRun {
    RunInfo info;
    std::vector<EpochRecord> epochs;
    std::vector<UserMetricSeries> userMetrics;
    const ModelState* model = nullptr;
    /// A new split to store in the run's transaction (info.splitId is set to it); nullptr when
    /// the run references a stored split (info.splitId) or none.
    const NewRunSplit* split = nullptr;
};

/// Reads and writes runs and their trained parameters. A run is only ever written complete.
class RunStore {
public:
    explicit RunStore(Workspace& ws) : m_ws(ws) {}

    /// Saves the run, its epochs, per-user metrics and model; returns the new run id.
    std::int64_t save(NewRun& run);
    std::vector<RunInfo> list(std::int64_t datasetId = 0) const; ///< 0 = all datasets
    std::optional<RunInfo> get(std::int64_t runId) const;
    std::vector<EpochRecord> epochs(std::int64_t runId) const;
    std::vector<std::string> userMetricNames(std::int64_t runId) const;
    std::optional<UserMetricSeries> userMetric(std::int64_t runId, const std::string& metric) const;
    /// The trained model's state; nullopt when the run saved none.
    std::optional<ModelState> loadModel(std::int64_t runId) const;
    void remove(std::int64_t runId);

private:
    Workspace& m_ws;
};

} // namespace rs
