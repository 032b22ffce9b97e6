#include "models/Baseline.h"
#include "models/BiasedMf.h"
#include "models/Bpr.h"
#include "models/ImplicitAls.h"
#include "models/ImportedFactors.h"
#include "models/ItemKnn.h"
#include "models/LightGcn.h"
#include "models/Nais.h"
#include "models/Popularity.h"
#include "models/Recommender.h"
#include "models/SvdPlusPlus.h"
#include "models/UserKnn.h"

#include <functional>
#include <utility>

namespace rs {

namespace {

using Factory = std::function<std::unique_ptr<Recommender>()>;

template <class T> Factory make() {
    return [] { return std::make_unique<T>(); };
}

/// The registry in display order.
const std::vector<std::pair<std::string, Factory>>& registry() {
    static const std::vector<std::pair<std::string, Factory>> entries = {
        {"popularity", make<Popularity>()},
        {"baseline", make<Baseline>()},
        {"itemknn", make<ItemKnn>()},
        {"userknn", make<UserKnn>()},
        {"biasedmf", make<BiasedMf>()},
        {"svdpp", make<SvdPlusPlus>()},
        {"als", make<ImplicitAls>()},
        {"bpr", make<Bpr>()},
        {"nais", make<Nais>()},
        {"lightgcn", make<LightGcn>()},
        {"imported", make<ImportedFactors>()},
    };
    return entries;
}

} // namespace

std::unique_ptr<Recommender> createRecommender(const std::string& name) {
    for (const auto& [n, factory] : registry())
        if (n == name)
            return factory();
    return nullptr;
}

std::unique_ptr<Recommender>
createRecommender(const std::string& name,
                  const std::vector<std::pair<std::string, std::string>>& params,
                  std::string& error) {
    auto model = createRecommender(name);
    if (!model) {
        error = "unknown model '" + name + "'";
        return nullptr;
    }
    for (const auto& [key, value] : params)
        if (!model->setHyperParameter(key, value, error)) {
            if (error.empty())
                error = "bad hyper-parameter " + key + "=" + value;
            return nullptr;
        }
    return model;
}

std::vector<std::string> trainableRecommenderNames() {
    std::vector<std::string> names;
    for (const auto& [name, factory] : registry())
        if (factory()->trainable())
            names.push_back(name);
    return names;
}

std::vector<std::string> recommenderNames() {
    std::vector<std::string> names;
    for (const auto& entry : registry())
        names.push_back(entry.first);
    return names;
}

} // namespace rs
