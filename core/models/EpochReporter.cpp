#include "models/EpochReporter.h"

#include <cmath>

#include <cstdio>

namespace rs {

EpochReporter::EpochReporter(const FitOptions& options, const Progress& progress, FitResult& result,
                             int totalEpochs, std::string lossName)
    : m_options(options), m_progress(progress), m_result(result), m_totalEpochs(totalEpochs),
      m_lossName(std::move(lossName)), m_last(std::chrono::steady_clock::now()) {}

bool EpochReporter::epochDone(int epoch, double trainLoss, double validationLoss) {
    const auto now = std::chrono::steady_clock::now();
    EpochRecord rec;
    rec.epoch = epoch;
    rec.trainLoss = trainLoss;
    rec.validationLoss = validationLoss;
    rec.seconds = std::chrono::duration<double>(now - m_last).count();
    m_last = now;
    m_result.history.push_back(rec);

    char text[128];
    if (validationLoss >= 0)
        std::snprintf(text, sizeof text, "epoch %d/%d, %s %.4f, validation %.4f", epoch,
                      m_totalEpochs, m_lossName.c_str(), trainLoss, validationLoss);
    else
        std::snprintf(text, sizeof text, "epoch %d/%d, %s %.4f", epoch, m_totalEpochs,
                      m_lossName.c_str(), trainLoss);
    const double fraction = m_totalEpochs > 0 ? double(epoch) / m_totalEpochs : 1.0;
    bool go = m_progress(fraction, text);
    if (m_options.onEpoch)
        go = m_options.onEpoch(rec) && go;
    return go;
}

bool EpochReporter::diverged(int epoch, double loss, std::string_view hint, bool finite) {
    if (finite && std::isfinite(loss))
        return false;
    m_result.status = FitStatus::Diverged;
    m_result.message = "the " + m_lossName + " became NaN or infinite at epoch " +
                       std::to_string(epoch) + "; " + std::string(hint);
    return true;
}

} // namespace rs
