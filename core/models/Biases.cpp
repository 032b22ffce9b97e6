#include "models/Biases.h"

#include "models/ParamBlocks.h"

namespace rs {

void Biases::save(ModelState& state) const {
    state.blocks.push_back(blocks::scalar("global_mean", mean));
    state.blocks.push_back(blocks::column("user_bias", user));
    state.blocks.push_back(blocks::column("item_bias", item));
}

bool Biases::load(const ModelState& state, std::string& error) {
    const ParamBlock* m = blocks::require(state, "global_mean", 1, 1, error);
    const ParamBlock* u = m ? blocks::require(state, "user_bias", -1, 1, error) : nullptr;
    const ParamBlock* i = u ? blocks::require(state, "item_bias", -1, 1, error) : nullptr;
    if (!i)
        return false;
    mean = m->data[0];
    user = u->data;
    item = i->data;
    return true;
}

} // namespace rs
