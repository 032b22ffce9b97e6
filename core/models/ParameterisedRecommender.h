#pragma once
#include "models/HyperParams.h"
#include "models/Recommender.h"

namespace rs {

/// A Recommender whose hyper-parameters are declared in a HyperParams table (m_params, filled
/// by the model's constructor): hyperParameters() and setHyperParameter() are answered here,
/// once for every model.
class ParameterisedRecommender : public Recommender {
public:
    std::vector<std::pair<std::string, std::string>> hyperParameters() const final {
        return m_params.values();
    }
    bool setHyperParameter(const std::string& key, const std::string& value,
                           std::string& error) final {
        return m_params.set(key, value, error);
    }

protected:
    HyperParams m_params;
};

} // namespace rs
