#pragma once

// The fonts of the graph views' items (pipeline stages and edges, ego-graph nodes and legend):
// derived from the item's base font so that zooming and the platform font carry over.

#include <QFont>

namespace rs::ui {

/// `f` in bold: node titles.
inline QFont boldFont(QFont f) {
    f.setBold(true);
    return f;
}

/// `f` at 88 %: the secondary lines of nodes, edge labels and legends.
inline QFont smallFont(QFont f) {
    f.setPointSizeF(f.pointSizeF() * 0.88);
    return f;
}

} // namespace rs::ui
