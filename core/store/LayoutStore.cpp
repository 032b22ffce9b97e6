#include "store/LayoutStore.h"

#include "store/BlobCodec.h"
#include "util/TimeText.h"

namespace rs {

void LayoutStore::save(std::int64_t runId, FactorSide side, const MapLayout& layout) {
    auto st = m_ws.db().prepare(
        "INSERT OR REPLACE INTO run_layouts(run_id, side, method, params, n_points, seconds,"
        " created_at, coords) VALUES(?,?,?,?,?,?,?,?)");
    st.bind(1, runId).bind(2, std::string_view(factorSideName(side)));
    st.bind(3, std::string_view(layoutMethodName(layout.method))).bind(4, layout.params);
    st.bind(5, std::int64_t(layout.size())).bind(6, layout.seconds).bind(7, utcNowIso8601());
    st.bindBlob(8, asBlob(std::span<const float>(layout.xy)));
    st.run();
}

std::optional<MapLayout> LayoutStore::load(std::int64_t runId, FactorSide side, LayoutMethod method,
                                           std::size_t points, const std::string* params) const {
    auto st = m_ws.db().prepare("SELECT params, n_points, seconds, coords FROM run_layouts"
                                " WHERE run_id = ? AND side = ? AND method = ?");
    st.bind(1, runId).bind(2, std::string_view(factorSideName(side)));
    st.bind(3, std::string_view(layoutMethodName(method)));
    if (!st.step())
        return std::nullopt;
    MapLayout layout;
    layout.method = method;
    layout.params = st.text(0);
    if (params && *params != layout.params)
        return std::nullopt;
    if (std::size_t(st.int64(1)) != points)
        return std::nullopt;
    layout.seconds = st.real(2);
    layout.xy = fromBlob<float>(st.blob(3));
    if (layout.xy.size() != points * 2)
        return std::nullopt;
    return layout;
}

} // namespace rs
