#pragma once
#include <functional>
#include <string_view>

namespace rs {

/// Progress and cooperative cancellation for long core jobs.
/// `report(fraction, stage)` is called from the worker thread; returning false asks the job to
/// stop at its next safe point. An empty Progress never cancels.
struct Progress {
    std::function<bool(double fraction, std::string_view stage)> report;

    /// Reports and returns true when the job should continue.
    bool operator()(double fraction, std::string_view stage) const {
        return !report || report(fraction, stage);
    }
};

} // namespace rs
