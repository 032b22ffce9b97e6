#include "pipeline/StageTracker.h"

#include <algorithm>
#include <stdexcept>

namespace rs {

StageTracker::StageTracker(StageGraph graph, Listener listener, double progressStep)
    : m_graph(std::move(graph)), m_listener(std::move(listener)), m_step(progressStep),
      m_reportedProgress(m_graph.nodes.size(), 0.0), m_started(m_graph.nodes.size()) {}

StageNode& StageTracker::node(std::string_view id) {
    StageNode* n = m_graph.find(id);
    if (!n)
        throw std::logic_error("no stage '" + std::string(id) + "' in the pipeline");
    return *n;
}

void StageTracker::notify() const {
    if (m_listener)
        m_listener(m_graph);
}

void StageTracker::start(std::string_view id) {
    StageNode& n = node(id);
    const auto i = std::size_t(m_graph.indexOf(id));
    n.status = StageStatus::Running;
    n.progress = 0.0;
    n.error.clear();
    m_reportedProgress[i] = 0.0;
    m_started[i] = std::chrono::steady_clock::now();
    notify();
}

void StageTracker::progress(std::string_view id, double fraction) {
    StageNode& n = node(id);
    if (n.status != StageStatus::Running)
        return;
    n.progress = std::clamp(fraction, 0.0, 1.0);
    double& reported = m_reportedProgress[std::size_t(m_graph.indexOf(id))];
    if (n.progress - reported < m_step)
        return;
    reported = n.progress;
    notify();
}

void StageTracker::finish(std::string_view id) {
    StageNode& n = node(id);
    n.progress = 1.0;
    end(id, StageStatus::Done, {}, false);
}

void StageTracker::fail(std::string_view id, const std::string& error, AfterFailure after) {
    end(id, StageStatus::Failed, error, after == AfterFailure::StopRun);
}

void StageTracker::cancel(std::string_view id, const std::string& reason) {
    end(id, StageStatus::Cancelled, reason, true);
}

void StageTracker::skip(std::string_view id, const std::string& reason) {
    StageNode& n = node(id);
    n.status = StageStatus::Skipped;
    n.error = reason;
    notify();
}

void StageTracker::end(std::string_view id, StageStatus status, const std::string& error,
                       bool stopRun) {
    StageNode& n = node(id);
    const auto i = std::size_t(m_graph.indexOf(id));
    if (n.status == StageStatus::Running)
        n.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started[i]).count();
    n.status = status;
    n.error = error;
    if (stopRun)
        for (auto& other : m_graph.nodes)
            if (other.status == StageStatus::Pending) {
                other.status = StageStatus::Skipped;
                other.error = "not run: stage '" + n.id + "' " + stageStatusName(status);
            }
    notify();
}

} // namespace rs
