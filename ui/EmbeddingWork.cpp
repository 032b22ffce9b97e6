#include "EmbeddingWork.h"

#include "store/Workspace.h"
#include "train/RunContext.h"

#include <QObject>
#include <exception>

namespace rs::ui {

SpaceResult computeSpace(const rs::RunContext& ctx, const rs::EmbeddingRequest& request,
                         const QString& workspacePath, const rs::Progress& progress) {
    SpaceResult out;
    std::unique_ptr<rs::Workspace> ws;
    try {
        ws = std::make_unique<rs::Workspace>(workspacePath.toStdString());
    } catch (const std::exception&) {
        // No cache: the layout is computed and not kept.
    }
    std::string error;
    out.space = rs::buildEmbeddingSpace(ctx, ws.get(), request, progress, error, out.cancelled);
    out.error = QString::fromStdString(error);
    if (out.space && request.side == rs::FactorSide::Items)
        out.profiles = rs::describeFactors(ctx, 10);
    return out;
}

UserView userViewOf(const rs::RunContext& ctx, const rs::EmbeddingSpace& items, std::uint32_t user,
                    bool rated, int topN) {
    UserView v;
    if (rated)
        for (std::uint32_t item : ctx.trainItems(user))
            v.rated.push_back(int(item));
    if (topN > 0)
        for (const rs::ScoredItem& s : ctx.recommend(user, topN))
            v.top.push_back(int(s.item));
    v.placed = rs::userOnItemMap(items, user, v.x, v.y);
    return v;
}

std::vector<ItemScoreRow> neighbourRows(const rs::RunContext& ctx, const rs::EmbeddingSpace& space,
                                        std::uint32_t row, rs::FactorMetric metric, int count,
                                        bool includeRare) {
    std::vector<ItemScoreRow> rows;
    const auto allowed = includeRare ? std::span<const std::uint8_t>() : std::span(space.fitted);
    for (const rs::FactorNeighbour& n : space.index->nearest(row, count, metric, allowed))
        rows.push_back(pointRow(ctx, space, n.row, n.similarity));
    return rows;
}

QString userIdText(const rs::RunContext& ctx, std::uint32_t user) {
    return user < ctx.userIds.size() ? QString::fromStdString(ctx.userIds[user])
                                     : QString::number(user);
}

ItemScoreRow pointRow(const rs::RunContext& ctx, const rs::EmbeddingSpace& space, std::uint32_t row,
                      float value) {
    ItemScoreRow r;
    r.item = row;
    r.value = value;
    if (space.side == rs::FactorSide::Items && row < ctx.items.size()) {
        r.itemId = QString::fromStdString(ctx.items[row].id);
        r.title = QString::fromStdString(ctx.items[row].title);
        r.genres = QString::fromStdString(ctx.items[row].genres);
    } else {
        r.itemId = userIdText(ctx, row);
        r.title = QObject::tr("User %1").arg(r.itemId);
        r.genres = QObject::tr("%n rating(s)", nullptr,
                               int(row < space.popularity.size() ? space.popularity[row] : 0));
    }
    return r;
}

} // namespace rs::ui
