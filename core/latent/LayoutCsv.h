#pragma once
#include <ostream>
#include <span>

namespace rs {

struct EmbeddingSpace;
struct RunContext;

/// Writes a map's projected coordinates as CSV, one line per point with the dataset's external
/// ids: items "item_id,title,genres,x,y,ratings,mean_rating,selected", users
/// "user_id,x,y,ratings,mean_rating,selected". `selected` holds sorted row indices.
void writeLayoutCsv(std::ostream& out, const RunContext& ctx, const EmbeddingSpace& space,
                    std::span<const int> selected = {});

} // namespace rs
