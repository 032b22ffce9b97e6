#pragma once
#include "models/Recommender.h"
#include <chrono>
#include <string>

namespace rs {

/// Per-epoch bookkeeping shared by the iterative models: appends to the fit history, times each
/// epoch, reports progress with a stage text such as "epoch 3/20, rmse 0.91" and calls
/// FitOptions::onEpoch. Either callback returning false means "cancel".
class EpochReporter {
public:
    EpochReporter(const FitOptions& options, const Progress& progress, FitResult& result,
                  int totalEpochs, std::string lossName = "rmse");

    /// Records 1-based `epoch`; `validationLoss` < 0 when there is none. Returns false to cancel.
    bool epochDone(int epoch, double trainLoss, double validationLoss = -1.0);
    /// When `loss` is not finite (or `finite` is false): marks the fit Diverged with the message
    /// "the <loss name> became NaN or infinite at epoch N; <hint>" and returns true.
    bool diverged(int epoch, double loss, std::string_view hint = "try a smaller lr",
                  bool finite = true);
    /// Progress for a stage before or between epochs (fraction of the whole fit).
    bool stage(double fraction, std::string_view text) const { return m_progress(fraction, text); }

private:
    const FitOptions& m_options;
    const Progress& m_progress;
    FitResult& m_result;
    int m_totalEpochs;
    std::string m_lossName;
    std::chrono::steady_clock::time_point m_last;
};

} // namespace rs
