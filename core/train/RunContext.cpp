#include "train/RunContext.h"

#include "store/DatasetQueries.h"
#include "store/DatasetStore.h"
#include "store/SplitStore.h"
#include "train/TrainingJob.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rs {

namespace {

std::vector<std::uint32_t> orderById(const std::vector<std::string>& ids) {
    std::vector<std::uint32_t> order(ids.size());
    for (std::uint32_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(),
              [&ids](std::uint32_t a, std::uint32_t b) { return ids[a] < ids[b]; });
    return order;
}

template <class IdOf>
std::int64_t findId(const std::vector<std::uint32_t>& order, const std::string& id, IdOf idOf) {
    auto it = std::lower_bound(order.begin(), order.end(), id,
                               [&](std::uint32_t a, const std::string& v) { return idOf(a) < v; });
    return it != order.end() && idOf(*it) == id ? std::int64_t(*it) : -1;
}

} // namespace

std::int64_t RunContext::userIndex(const std::string& userId) const {
    return findId(m_userOrder, userId,
                  [this](std::uint32_t u) -> const std::string& { return userIds[u]; });
}

std::int64_t RunContext::itemIndex(const std::string& itemId) const {
    return findId(m_itemOrder, itemId,
                  [this](std::uint32_t i) -> const std::string& { return items[i].id; });
}

std::span<const std::uint32_t> RunContext::trainItems(std::uint32_t user) const {
    if (user >= train.byUser.rows)
        return {};
    return train.byUser.rowCols(user);
}

std::span<const float> RunContext::trainValues(std::uint32_t user) const {
    if (user >= train.byUser.rows)
        return {};
    return train.byUser.rowValues(user);
}

std::vector<ScoredItem> RunContext::recommend(std::uint32_t user, int k, bool includeRated) const {
    if (includeRated)
        return model->recommend(user, k, {});
    return model->recommend(user, k, trainItems(user));
}

int RunContext::rankOf(std::uint32_t user, std::uint32_t item) const {
    const auto rated = trainItems(user);
    if (item >= numItems() || std::binary_search(rated.begin(), rated.end(), item))
        return 0;
    std::vector<float> scores;
    model->scoreAll(user, scores);
    auto clean = [](float s) {
        return std::isnan(s) ? -std::numeric_limits<float>::infinity() : s;
    };
    const float target = clean(scores[item]);
    int rank = 1;
    std::size_t e = 0;
    for (std::uint32_t i = 0; i < scores.size(); ++i) {
        while (e < rated.size() && rated[e] < i)
            ++e;
        if ((e < rated.size() && rated[e] == i) || i == item)
            continue;
        const float s = clean(scores[i]);
        if (s > target || (s == target && i < item))
            ++rank;
    }
    return rank;
}

std::shared_ptr<const RunContext> loadRunContext(Workspace& ws, std::int64_t runId,
                                                 std::string& error) {
    auto run = RunStore(ws).get(runId);
    if (!run) {
        error = "no run " + std::to_string(runId) + " in the workspace";
        return nullptr;
    }
    auto ctx = std::make_shared<RunContext>();
    ctx->run = *run;
    ctx->model = loadTrainedModel(ws, runId, error);
    if (!ctx->model)
        return nullptr;
    RatingTable table = DatasetStore(ws).loadRatings(run->datasetId);
    std::vector<std::uint32_t> trainRows;
    if (run->splitId > 0) {
        auto split = SplitStore(ws).get(run->splitId);
        if (!split) {
            error = "the split of run " + std::to_string(runId) + " is missing";
            return nullptr;
        }
        const auto& test = split->testRows;
        trainRows.reserve(table.size() - std::min(table.size(), test.size()));
        std::size_t t = 0;
        for (std::uint32_t r = 0; r < table.size(); ++r) {
            while (t < test.size() && test[t] < r)
                ++t;
            if (t < test.size() && test[t] == r)
                continue;
            trainRows.push_back(r);
        }
        if (trainRows.empty()) {
            error = "run " + std::to_string(runId) + " has no training rows";
            return nullptr;
        }
    }
    ctx->train = Interactions::fromTable(table, trainRows);
    ctx->userIds = std::move(table.userIds);
    const auto itemIds = std::move(table.itemIds);
    ctx->items.resize(itemIds.size());
    for (std::size_t i = 0; i < itemIds.size(); ++i)
        ctx->items[i].id = itemIds[i];
    for (const ItemRow& row :
         DatasetQueries(ws, run->datasetId).items(TableQuery{}, 0, int(itemIds.size()))) {
        if (row.index < 0 || std::size_t(row.index) >= ctx->items.size())
            continue;
        ctx->items[std::size_t(row.index)].title = row.title;
        ctx->items[std::size_t(row.index)].genres = row.genres;
    }
    ctx->m_userOrder = orderById(ctx->userIds);
    ctx->m_itemOrder = orderById(itemIds);
    return ctx;
}

std::shared_ptr<const RunContext>
derivedRunContext(const RunContext& base, std::unique_ptr<Recommender> model, Interactions train) {
    auto ctx = std::make_shared<RunContext>();
    ctx->run = base.run;
    ctx->model = std::move(model);
    ctx->train = std::move(train);
    ctx->userIds = base.userIds;
    ctx->items = base.items;
    ctx->m_userOrder = base.m_userOrder;
    ctx->m_itemOrder = base.m_itemOrder;
    return ctx;
}

} // namespace rs
