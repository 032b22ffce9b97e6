#include "models/ImportedFactors.h"

#include "models/ParamBlocks.h"

namespace rs {

ImportedFactors::ImportedFactors() {
    m_params.addChoice("kind", m_kind, {"rating", "implicit"}, "scores predict ratings or not")
        .addDouble("reg", m_reg, {0.0, 100.0}, "L2 weight on the user factors in the fold-in")
        .addDouble("reg_bias", m_regBias, {0.0, 100.0},
                   "L2 weight on the user bias in the fold-in");
}

std::string* ImportedFactors::textEntry(const std::string& key) {
    for (auto& [name, value] : m_text)
        if (name == key)
            return &value;
    return nullptr;
}

std::vector<std::pair<std::string, std::string>> ImportedFactors::hyperParameters() const {
    auto values = m_params.values();
    values.insert(values.end(), m_text.begin(), m_text.end());
    return values;
}

bool ImportedFactors::setHyperParameter(const std::string& key, const std::string& value,
                                        std::string& error) {
    if (std::string* text = textEntry(key)) {
        *text = value;
        return true;
    }
    return m_params.set(key, value, error);
}

FitResult ImportedFactors::fit(const Interactions&, const FitOptions&, const Progress&) {
    FitResult result;
    result.status = FitStatus::Failed;
    result.message = "imported factor models are not trained in RecScope: import their factor "
                     "files instead (recscope factors import)";
    return result;
}

float ImportedFactors::score(std::uint32_t user, std::uint32_t item) const {
    return m_f.predict(user, item);
}

void ImportedFactors::scoreAll(std::uint32_t user, std::vector<float>& out) const {
    m_f.scoreAll(user, out);
}

ModelState ImportedFactors::save() const {
    ModelState s;
    s.model = name();
    s.hyper = m_params.toMap();
    s.hyper.insert(m_text.begin(), m_text.end());
    m_f.save(s);
    return s;
}

bool ImportedFactors::load(const ModelState& state, std::string& error) {
    FactorSet f;
    if (!blocks::checkHeader(state, name(), 1, error) || !f.load(state, error))
        return false;
    std::map<std::string, std::string> numeric;
    std::map<std::string, std::string> text;
    for (const auto& [key, value] : state.hyper)
        (textEntry(key) ? text : numeric)[key] = value;
    if (!m_params.setAll(numeric, error))
        return false;
    for (const auto& [key, value] : text)
        *textEntry(key) = value;
    m_f = std::move(f);
    return true;
}

} // namespace rs
