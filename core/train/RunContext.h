#pragma once
#include "data/Interactions.h"
#include "models/Recommender.h"
#include "store/RunStore.h"
#include "store/Workspace.h"
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace rs {

/// Display data of one item of a run's dataset.
struct ItemLabel {
    std::string id, title, genres;
};

/// Everything needed to use a stored run's trained model after training: the model, the
/// training interactions it was fitted on (the dataset's ratings minus the split's test rows),
/// the dataset's external ids and the item metadata. Loaded once (in a worker) and then shared
/// read-only: every const member is safe to call from several threads at once.
struct RunContext {
    RunInfo run;
    std::unique_ptr<Recommender> model;
    Interactions train;
    std::vector<std::string> userIds;
    std::vector<ItemLabel> items; ///< by dense item index

    std::uint32_t numUsers() const { return std::uint32_t(userIds.size()); }
    std::uint32_t numItems() const { return std::uint32_t(items.size()); }
    /// Dense index of an external user/item id; -1 when unknown.
    std::int64_t userIndex(const std::string& userId) const;
    std::int64_t itemIndex(const std::string& itemId) const;
    /// The user's training items (ascending) and their values.
    std::span<const std::uint32_t> trainItems(std::uint32_t user) const;
    std::span<const float> trainValues(std::uint32_t user) const;
    /// Top-k for a user, excluding the training items unless `includeRated`.
    std::vector<ScoredItem> recommend(std::uint32_t user, int k, bool includeRated = false) const;
    /// 1-based rank of `item` among the items `recommend` would consider (ties broken by lower
    /// index, as recommend() does); 0 when the item is excluded (rated in training).
    int rankOf(std::uint32_t user, std::uint32_t item) const;

private:
    friend std::shared_ptr<const RunContext> loadRunContext(Workspace&, std::int64_t, std::string&);
    friend std::shared_ptr<const RunContext>
    derivedRunContext(const RunContext&, std::unique_ptr<Recommender>, Interactions);
    std::vector<std::uint32_t> m_userOrder, m_itemOrder; ///< indices sorted by external id
};

/// A context like `base` (run, ids, items) with another model trained on other training data,
/// e.g. a what-if's retrained model on edited data; nothing is stored.
std::shared_ptr<const RunContext>
derivedRunContext(const RunContext& base, std::unique_ptr<Recommender> model, Interactions train);

/// Loads a run's context from the workspace (the caller's connection; call from a worker).
/// nullptr with `error` when the run, its model or its dataset cannot be loaded.
std::shared_ptr<const RunContext> loadRunContext(Workspace& ws, std::int64_t runId,
                                                 std::string& error);

} // namespace rs
