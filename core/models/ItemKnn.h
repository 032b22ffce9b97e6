#pragma once
#include "models/NeighbourModel.h"

namespace rs {

/// Item-based neighbourhood model ("itemknn"): predicts from the user's ratings of the items
/// most similar to the target item. See NeighbourModel for hyper-parameters and formulas;
/// defaults: pearson_baseline similarity, shrinkage 100, k 40, baseline-adjusted prediction.
class ItemKnn : public NeighbourModel {
public:
    ItemKnn() : NeighbourModel(true) {}
    std::string name() const override;
};

} // namespace rs
