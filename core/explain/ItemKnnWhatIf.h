#pragma once
#include "models/NeighbourModel.h"
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace rs::explain {

/// One user's scores of every item under an item-based neighbourhood model, from the full
/// training history and with some of its ratings left out (similarities and baselines as
/// trained). The full-history scores are computed once, remembering which rated items each
/// prediction used (its k most similar rated neighbours); leaving ratings out then re-predicts
/// only the items that used one of them, since dropping a rated item outside an item's k used
/// neighbours changes neither the neighbours nor the prediction. An item that used fewer than
/// k had no other candidate, so its new neighbours are the old ones minus the removed (O(k));
/// only items that used k scan their list for the next candidates.
class ItemKnnWhatIf {
public:
    /// `items` (ascending) and `values`: the user's history. `symmetricLists`: no neighbour list
    /// was cut at the model's list length, so j is in i's list exactly when i is in j's, and
    /// the full scores can gather candidates from the lists of the rated items (O(sum of those
    /// lists)) rather than scan every item's list.
    ItemKnnWhatIf(const NeighbourModel& model, std::uint32_t user,
                  std::span<const std::uint32_t> items, std::span<const float> values,
                  bool symmetricLists);

    /// Every item's score with the ratings at history positions `removed` (unique) left out.
    void scoresWithout(std::span<const std::size_t> removed, std::vector<float>& out) const;

private:
    /// The prediction of `item` from the ratings in `dense` (NaN = not rated), scanning the
    /// item's own neighbour list; `matches` is scratch and ends up holding the used neighbours.
    float predict(std::uint32_t item, const std::vector<float>& dense,
                  std::vector<NeighbourModel::Match>& matches) const;

    const NeighbourModel& m_model;
    std::uint32_t m_user;
    std::span<const std::uint32_t> m_items;
    std::vector<float> m_dense;  ///< the user's rating by item, NaN when not rated
    std::vector<float> m_scores; ///< full-history scores
    /// For history position p, the items whose prediction used it: m_usedBy[m_start[p] ..
    /// m_start[p + 1]).
    std::vector<std::uint64_t> m_start;
    std::vector<std::uint32_t> m_usedBy;
    /// The neighbours item i used: m_used[m_usedStart[i] .. m_usedStart[i + 1]).
    std::vector<std::uint64_t> m_usedStart;
    std::vector<NeighbourModel::Match> m_used;
    std::size_t m_k = 0; ///< the model's k
};

} // namespace rs::explain
