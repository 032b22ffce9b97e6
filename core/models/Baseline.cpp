#include "models/Baseline.h"

#include "models/EpochReporter.h"
#include "models/ParamBlocks.h"
#include "models/RatingError.h"

#include <cmath>

namespace rs {

Baseline::Baseline() {
    m_params.addChoice("solver", m_config.solver, {"als", "sgd"}, "how the biases are estimated")
        .addInt("epochs", m_config.epochs, 1, 10000, "ALS sweeps or SGD passes")
        .addDouble("reg_u", m_config.regUser, {0.0, 1e9}, "ALS: user bias shrinkage")
        .addDouble("reg_i", m_config.regItem, {0.0, 1e9}, "ALS: item bias shrinkage")
        .addDouble("lr", m_config.lr, {0.0, 10.0, true}, "SGD: step size")
        .addDouble("reg", m_config.reg, {0.0, 1e3}, "SGD: L2 weight on the biases");
}

FitResult Baseline::fit(const Interactions& data, const FitOptions& options,
                        const Progress& progress) {
    FitResult result;
    EpochReporter reporter(options, progress, result, m_config.epochs);
    BaselineSolver solver(data, m_config, options.seed);
    for (int e = 1; e <= m_config.epochs; ++e) {
        const double train = solver.epoch();
        if (!std::isfinite(train)) {
            result.status = FitStatus::Diverged;
            result.message = "training error became NaN or infinite at epoch " + std::to_string(e);
            return result;
        }
        double val = -1.0;
        if (options.validation) {
            const Biases b = solver.biases();
            val = validationRmse(options.validation, [&b](std::uint32_t u, std::uint32_t i) {
                return b.predict(u, i);
            });
        }
        if (!reporter.epochDone(e, train, val)) {
            result.status = FitStatus::Cancelled;
            return result;
        }
    }
    m_biases = solver.biases();
    return result;
}

float Baseline::score(std::uint32_t user, std::uint32_t item) const {
    return m_biases.predict(user, item);
}

void Baseline::scoreAll(std::uint32_t user, std::vector<float>& out) const {
    const float base = m_biases.mean + m_biases.userBias(user);
    out.resize(m_biases.item.size());
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = base + m_biases.item[i];
}

ModelState Baseline::save() const {
    ModelState s;
    s.model = name();
    s.hyper = m_params.toMap();
    m_biases.save(s);
    return s;
}

bool Baseline::load(const ModelState& state, std::string& error) {
    Biases b;
    if (!blocks::checkHeader(state, name(), 1, error) || !b.load(state, error) ||
        !m_params.setAll(state.hyper, error))
        return false;
    m_biases = std::move(b);
    return true;
}

} // namespace rs
