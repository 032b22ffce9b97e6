#pragma once
#include "pipeline/StageGraph.h"
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace rs {

/// Moves the stages of a running job through their states and tells a listener. Every state
/// change is reported; progress within a stage only when it advanced by at least
/// `progressStep` since the last report (so a listener sees at most ~100 progress events per
/// stage). Times each stage from start() to its end. Used from the one thread running the job.
class StageTracker {
public:
    using Listener = std::function<void(const StageGraph&)>;

    StageTracker(StageGraph graph, Listener listener, double progressStep = 0.01);

    /// Pending -> Running.
    void start(std::string_view id);
    /// Progress of a running stage (0..1).
    void progress(std::string_view id, double fraction);
    /// Running -> Done (progress 1).
    void finish(std::string_view id);
    /// What a failure means for the stages after it.
    enum class AfterFailure { StopRun, Continue };
    /// -> Failed with the error. With StopRun every stage still pending becomes Skipped; with
    /// Continue the run goes on (e.g. a diverged fit is still saved).
    void fail(std::string_view id, const std::string& error,
              AfterFailure after = AfterFailure::StopRun);
    /// -> Cancelled with the reason; every stage still pending becomes Skipped.
    void cancel(std::string_view id, const std::string& reason);
    /// Pending -> Skipped with the reason (a stage the run leaves out).
    void skip(std::string_view id, const std::string& reason);

    /// The node to describe (outputs, rows); changes are reported with the next event.
    StageNode& node(std::string_view id);
    const StageGraph& graph() const { return m_graph; }
    StageGraph& graph() { return m_graph; }
    /// Reports the graph as it is now.
    void notify() const;

private:
    void end(std::string_view id, StageStatus status, const std::string& error, bool stopRun);

    StageGraph m_graph;
    Listener m_listener;
    double m_step;
    std::vector<double> m_reportedProgress; ///< per node: progress at the last report
    std::vector<std::chrono::steady_clock::time_point> m_started;
};

} // namespace rs
