#include "latent/LayoutCsv.h"

#include "latent/EmbeddingSpace.h"
#include "train/RunContext.h"
#include "util/CsvText.h"

#include <algorithm>
#include <charconv>

namespace rs {

namespace {

std::string number(double v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

} // namespace

void writeLayoutCsv(std::ostream& out, const RunContext& ctx, const EmbeddingSpace& space,
                    std::span<const int> selected) {
    const bool items = space.side == FactorSide::Items;
    out << (items ? "item_id,title,genres,x,y,ratings,mean_rating,selected\r\n"
                  : "user_id,x,y,ratings,mean_rating,selected\r\n");
    for (std::size_t i = 0; i < space.layout.size(); ++i) {
        if (items) {
            const ItemLabel* label = i < ctx.items.size() ? &ctx.items[i] : nullptr;
            out << csvField(label ? label->id : std::to_string(i)) << ','
                << csvField(label ? label->title : std::string()) << ','
                << csvField(label ? label->genres : std::string()) << ',';
        } else {
            out << csvField(i < ctx.userIds.size() ? ctx.userIds[i] : std::to_string(i)) << ',';
        }
        const bool isSelected = std::binary_search(selected.begin(), selected.end(), int(i));
        out << number(space.layout.xy[2 * i]) << ',' << number(space.layout.xy[2 * i + 1]) << ','
            << (i < space.popularity.size() ? space.popularity[i] : 0u) << ','
            << number(i < space.meanValue.size() ? space.meanValue[i] : 0.0f) << ','
            << (isSelected ? 1 : 0) << "\r\n";
    }
}

} // namespace rs
