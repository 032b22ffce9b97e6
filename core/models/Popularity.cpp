#include "models/Popularity.h"

#include "models/ParamBlocks.h"

namespace rs {

FitResult Popularity::fit(const Interactions& data, const FitOptions&, const Progress& progress) {
    FitResult result;
    if (!progress(0.0, "counting ratings per item")) {
        result.status = FitStatus::Cancelled;
        return result;
    }
    std::vector<float> items(data.numItems()), users(data.numUsers());
    for (std::uint32_t i = 0; i < data.numItems(); ++i)
        items[i] = float(data.byItem.rowSize(i));
    for (std::uint32_t u = 0; u < data.numUsers(); ++u)
        users[u] = float(data.byUser.rowSize(u));
    m_itemCount.swap(items);
    m_userCount.swap(users);
    progress(1.0, "done");
    return result;
}

float Popularity::score(std::uint32_t, std::uint32_t item) const {
    return item < m_itemCount.size() ? m_itemCount[item] : 0.0f;
}

void Popularity::scoreAll(std::uint32_t, std::vector<float>& out) const {
    out = m_itemCount;
}

ModelState Popularity::save() const {
    ModelState s;
    s.model = name();
    s.hyper = m_params.toMap();
    s.blocks.push_back(blocks::column("item_count", m_itemCount));
    s.blocks.push_back(blocks::column("user_count", m_userCount));
    return s;
}

bool Popularity::load(const ModelState& state, std::string& error) {
    if (!blocks::checkHeader(state, name(), 1, error) || !m_params.setAll(state.hyper, error))
        return false;
    const ParamBlock* items = blocks::require(state, "item_count", -1, 1, error);
    const ParamBlock* users = items ? blocks::require(state, "user_count", -1, 1, error) : nullptr;
    if (!users)
        return false;
    m_itemCount = items->data;
    m_userCount = users->data;
    return true;
}

} // namespace rs
