#pragma once
#include "models/NeighbourModel.h"

namespace rs {

/// User-based neighbourhood model ("userknn"): predicts from the ratings that the users most
/// similar to the target user gave the target item. See NeighbourModel for hyper-parameters.
class UserKnn : public NeighbourModel {
public:
    UserKnn() : NeighbourModel(false) {}
    std::string name() const override;
};

} // namespace rs
