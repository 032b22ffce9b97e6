#pragma once
#include "pipeline/FlowDirection.h"
#include "pipeline/StageGraph.h"
#include <string>
#include <utility>
#include <vector>

namespace rs {

struct LayoutSize {
    double width = 0, height = 0;
};
struct LayoutPoint {
    double x = 0, y = 0;
    bool operator==(const LayoutPoint&) const = default;
};
/// A node's box: top-left corner and size.
struct LayoutRect {
    double x = 0, y = 0, width = 0, height = 0;
    bool operator==(const LayoutRect&) const = default;
};

/// A DAG to lay out: node sizes (index = node) and edges (from, to) between node indices.
struct LayoutGraph {
    std::vector<LayoutSize> sizes;
    std::vector<std::pair<int, int>> edges;
};

struct LayoutOptions {
    FlowDirection direction = FlowDirection::TopDown;
    double layerGap = 48; ///< between consecutive layers (along the flow)
    double nodeGap = 24;  ///< between neighbours in one layer (across the flow)
    int orderSweeps = 12; ///< barycentre sweeps (down and up) for crossing reduction
    int placeSweeps = 4;  ///< sweeps pulling nodes towards their neighbours
};

/// An edge drawn as a polyline: from the source's side facing the flow to the target's
/// opposite side, through one point pair per layer a long edge crosses.
struct LayoutEdge {
    int from = 0, to = 0;
    std::vector<LayoutPoint> points;
};

struct GraphLayout {
    std::vector<LayoutRect> nodes; ///< by node index
    std::vector<int> layer;        ///< by node index: 0 for sources, longest path otherwise
    std::vector<int> order;        ///< by node index: position within its layer
    std::vector<LayoutEdge> edges; ///< in input order
    double width = 0, height = 0;  ///< bounding box (from 0,0)
    int crossings = 0;             ///< edge crossings between adjacent layers (with dummies)
    std::string error;             ///< non-empty when the input is not a DAG or is malformed

    bool ok() const { return error.empty(); }
};

/// Layered (Sugiyama-style) layout of a DAG, pure geometry:
/// 1. layers by the longest path from the sources, so every edge goes to a higher layer;
/// 2. an edge spanning k layers gets k-1 dummy points;
/// 3. the order within layers minimises crossings by barycentre sweeps (best order kept);
/// 4. along the flow each layer is as thick as its largest node, layers `layerGap` apart, nodes
///    centred in their layer; across the flow nodes keep their order `nodeGap` apart and sit as
///    close to the mean of their neighbours in the adjacent layer as the gaps allow (least
///    squares, solved exactly per layer); the picture is shifted to start at 0.
/// TopDown: layers are rows (y grows down), LeftRight: columns; a LeftRight layout is the
/// TopDown layout of the transposed sizes, transposed.
GraphLayout layoutDag(const LayoutGraph& graph, const LayoutOptions& options = {});

/// The layout input for a stage graph: node i is g.nodes[i] with sizes[i] (one per node), edges
/// by node index. Edges naming unknown stages are left out.
LayoutGraph stageLayoutGraph(const StageGraph& g, std::vector<LayoutSize> sizes);

} // namespace rs
