#include "pipeline/PipelineLayout.h"

#include <algorithm>
#include <numeric>

namespace rs {

namespace {

/// The layered graph with dummy nodes: real nodes first (same indices), then dummies.
struct Layered {
    int realCount = 0;
    std::vector<int> layer;                 ///< by virtual node
    std::vector<std::vector<int>> up, down; ///< neighbours in the layer above / below
    std::vector<std::vector<int>> chains;   ///< by input edge: its virtual nodes, source first
    std::vector<std::vector<int>> layers;   ///< node ids per layer, in order
    std::vector<int> pos;                   ///< by virtual node: index within its layer
};

/// Longest-path layers in topological order; false when there is a cycle.
bool assignLayers(const LayoutGraph& g, std::vector<int>& layer) {
    const int n = int(g.sizes.size());
    std::vector<std::vector<int>> out(std::size_t(n), std::vector<int>{});
    std::vector<int> indegree(std::size_t(n), 0);
    for (const auto& [a, b] : g.edges) {
        out[std::size_t(a)].push_back(b);
        ++indegree[std::size_t(b)];
    }
    layer.assign(std::size_t(n), 0);
    std::vector<int> ready;
    for (int v = 0; v < n; ++v)
        if (indegree[std::size_t(v)] == 0)
            ready.push_back(v);
    int seen = 0;
    for (std::size_t k = 0; k < ready.size(); ++k, ++seen) {
        const int v = ready[k];
        for (int w : out[std::size_t(v)]) {
            layer[std::size_t(w)] = std::max(layer[std::size_t(w)], layer[std::size_t(v)] + 1);
            if (--indegree[std::size_t(w)] == 0)
                ready.push_back(w);
        }
    }
    return seen == n;
}

Layered buildLayered(const LayoutGraph& g, const std::vector<int>& realLayer) {
    Layered l;
    l.realCount = int(g.sizes.size());
    l.layer = realLayer;
    auto addNode = [&](int layer) {
        l.layer.push_back(layer);
        return int(l.layer.size()) - 1;
    };
    for (const auto& [a, b] : g.edges) {
        std::vector<int> chain{a};
        for (int k = realLayer[std::size_t(a)] + 1; k < realLayer[std::size_t(b)]; ++k)
            chain.push_back(addNode(k));
        chain.push_back(b);
        l.chains.push_back(std::move(chain));
    }
    l.up.assign(l.layer.size(), {});
    l.down.assign(l.layer.size(), {});
    for (const auto& chain : l.chains)
        for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
            l.down[std::size_t(chain[k])].push_back(chain[k + 1]);
            l.up[std::size_t(chain[k + 1])].push_back(chain[k]);
        }
    const int layerCount =
        l.layer.empty() ? 0 : *std::max_element(l.layer.begin(), l.layer.end()) + 1;
    l.layers.assign(std::size_t(layerCount), {});
    for (int v = 0; v < int(l.layer.size()); ++v)
        l.layers[std::size_t(l.layer[std::size_t(v)])].push_back(v);
    l.pos.assign(l.layer.size(), 0);
    for (const auto& layer : l.layers)
        for (std::size_t i = 0; i < layer.size(); ++i)
            l.pos[std::size_t(layer[i])] = int(i);
    return l;
}

/// Crossings between layer k and k+1: pairs of edges whose ends are in opposite orders.
int crossingsBelow(const Layered& l, std::size_t k) {
    std::vector<std::pair<int, int>> edges;
    for (int v : l.layers[k])
        for (int w : l.down[std::size_t(v)])
            edges.emplace_back(l.pos[std::size_t(v)], l.pos[std::size_t(w)]);
    int count = 0;
    for (std::size_t i = 0; i < edges.size(); ++i)
        for (std::size_t j = i + 1; j < edges.size(); ++j)
            if ((edges[i].first - edges[j].first) * (edges[i].second - edges[j].second) < 0)
                ++count;
    return count;
}

int totalCrossings(const Layered& l) {
    int total = 0;
    for (std::size_t k = 0; k + 1 < l.layers.size(); ++k)
        total += crossingsBelow(l, k);
    return total;
}

/// Reorders one layer by the mean position of each node's neighbours in the adjacent layer
/// (nodes without neighbours there keep their position as their key). Stable.
void sortByBarycentre(Layered& l, std::size_t k, const std::vector<std::vector<int>>& neighbours) {
    auto& layer = l.layers[k];
    std::vector<std::pair<double, int>> keyed;
    for (int v : layer) {
        const auto& nb = neighbours[std::size_t(v)];
        double key = l.pos[std::size_t(v)];
        if (!nb.empty()) {
            double sum = 0;
            for (int w : nb)
                sum += l.pos[std::size_t(w)];
            key = sum / double(nb.size());
        }
        keyed.emplace_back(key, v);
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < keyed.size(); ++i) {
        layer[i] = keyed[i].second;
        l.pos[std::size_t(layer[i])] = int(i);
    }
}

void reduceCrossings(Layered& l, int sweeps) {
    auto best = l.layers;
    int bestCrossings = totalCrossings(l);
    for (int s = 0; s < sweeps && bestCrossings > 0; ++s) {
        for (std::size_t k = 1; k < l.layers.size(); ++k)
            sortByBarycentre(l, k, l.up);
        for (std::size_t k = l.layers.size() - 1; k-- > 0;)
            sortByBarycentre(l, k, l.down);
        const int c = totalCrossings(l);
        if (c < bestCrossings) {
            bestCrossings = c;
            best = l.layers;
        }
    }
    l.layers = best;
    for (const auto& layer : l.layers)
        for (std::size_t i = 0; i < layer.size(); ++i)
            l.pos[std::size_t(layer[i])] = int(i);
}

/// Places a layer's centres as close as possible (least squares) to `target` while keeping
/// centre[i] - centre[i-1] >= minSep[i]: with y = centre - cumulative separation this is an
/// isotonic regression, solved exactly by pooling adjacent violators.
std::vector<double> placeInOrder(const std::vector<double>& target,
                                 const std::vector<double>& minSep) {
    const std::size_t m = target.size();
    std::vector<double> offset(m, 0.0);
    for (std::size_t i = 1; i < m; ++i)
        offset[i] = offset[i - 1] + minSep[i];
    struct Block {
        double sum;
        int count;
        double mean() const { return sum / count; }
    };
    std::vector<Block> blocks;
    for (std::size_t i = 0; i < m; ++i) {
        blocks.push_back({target[i] - offset[i], 1});
        while (blocks.size() > 1 && blocks[blocks.size() - 2].mean() >= blocks.back().mean()) {
            blocks[blocks.size() - 2].sum += blocks.back().sum;
            blocks[blocks.size() - 2].count += blocks.back().count;
            blocks.pop_back();
        }
    }
    std::vector<double> centre;
    centre.reserve(m);
    for (const auto& b : blocks)
        for (int k = 0; k < b.count; ++k)
            centre.push_back(b.mean() + offset[centre.size()]);
    return centre;
}

} // namespace

GraphLayout layoutDag(const LayoutGraph& g, const LayoutOptions& o) {
    GraphLayout out;
    const int n = int(g.sizes.size());
    for (const auto& [a, b] : g.edges)
        if (a < 0 || b < 0 || a >= n || b >= n || a == b) {
            out.error = "edge " + std::to_string(a) + " -> " + std::to_string(b) +
                        " does not join two different nodes";
            return out;
        }
    std::vector<int> realLayer;
    if (!assignLayers(g, realLayer)) {
        out.error = "the graph has a cycle";
        return out;
    }
    Layered l = buildLayered(g, realLayer);
    reduceCrossings(l, o.orderSweeps);
    out.crossings = totalCrossings(l);

    // Sizes along and across the flow (dummies have none).
    const bool td = o.direction == FlowDirection::TopDown;
    const std::size_t total = l.layer.size();
    std::vector<double> along(total, 0.0), across(total, 0.0);
    for (int v = 0; v < n; ++v) {
        const auto& s = g.sizes[std::size_t(v)];
        along[std::size_t(v)] = td ? s.height : s.width;
        across[std::size_t(v)] = td ? s.width : s.height;
    }
    // Along: layer bands.
    std::vector<double> bandStart(l.layers.size(), 0.0), bandSize(l.layers.size(), 0.0);
    for (std::size_t k = 0; k < l.layers.size(); ++k) {
        for (int v : l.layers[k])
            bandSize[k] = std::max(bandSize[k], along[std::size_t(v)]);
        if (k > 0)
            bandStart[k] = bandStart[k - 1] + bandSize[k - 1] + o.layerGap;
    }
    // Across: packed and centred on the widest layer, then pulled towards neighbours.
    std::vector<double> centre(total, 0.0);
    std::vector<std::vector<double>> minSep(l.layers.size());
    std::vector<double> extent(l.layers.size(), 0.0);
    for (std::size_t k = 0; k < l.layers.size(); ++k) {
        const auto& layer = l.layers[k];
        minSep[k].assign(layer.size(), 0.0);
        double c = 0;
        for (std::size_t i = 0; i < layer.size(); ++i) {
            const double half = across[std::size_t(layer[i])] / 2;
            if (i > 0) {
                minSep[k][i] = across[std::size_t(layer[i - 1])] / 2 + o.nodeGap + half;
                c += minSep[k][i];
            } else {
                c = half;
            }
            centre[std::size_t(layer[i])] = c;
        }
        extent[k] = layer.empty() ? 0 : c + across[std::size_t(layer.back())] / 2;
    }
    const double widest = extent.empty() ? 0 : *std::max_element(extent.begin(), extent.end());
    for (std::size_t k = 0; k < l.layers.size(); ++k)
        for (int v : l.layers[k])
            centre[std::size_t(v)] += (widest - extent[k]) / 2;
    auto pull = [&](std::size_t k, const std::vector<std::vector<int>>& neighbours) {
        const auto& layer = l.layers[k];
        std::vector<double> target;
        for (int v : layer) {
            const auto& nb = neighbours[std::size_t(v)];
            double t = centre[std::size_t(v)];
            if (!nb.empty()) {
                t = 0;
                for (int w : nb)
                    t += centre[std::size_t(w)];
                t /= double(nb.size());
            }
            target.push_back(t);
        }
        const auto placed = placeInOrder(target, minSep[k]);
        for (std::size_t i = 0; i < layer.size(); ++i)
            centre[std::size_t(layer[i])] = placed[i];
    };
    for (int s = 0; s < o.placeSweeps; ++s) {
        for (std::size_t k = 1; k < l.layers.size(); ++k)
            pull(k, l.up);
        for (std::size_t k = l.layers.size(); k-- > 1;)
            pull(k - 1, l.down);
    }
    double low = 0, high = 0;
    bool first = true;
    for (std::size_t v = 0; v < total; ++v) {
        const double a = centre[v] - across[v] / 2, b = centre[v] + across[v] / 2;
        low = first ? a : std::min(low, a);
        high = first ? b : std::max(high, b);
        first = false;
    }
    for (auto& c : centre)
        c -= low;

    // Map (across, along) to (x, y).
    auto point = [&](double acrossPos, double alongPos) {
        return td ? LayoutPoint{acrossPos, alongPos} : LayoutPoint{alongPos, acrossPos};
    };
    out.nodes.resize(std::size_t(n));
    out.layer.assign(realLayer.begin(), realLayer.end());
    out.order.resize(std::size_t(n));
    for (int v = 0; v < n; ++v) {
        const auto k = std::size_t(l.layer[std::size_t(v)]);
        const double alongTop = bandStart[k] + (bandSize[k] - along[std::size_t(v)]) / 2;
        const LayoutPoint topLeft =
            point(centre[std::size_t(v)] - across[std::size_t(v)] / 2, alongTop);
        const auto& s = g.sizes[std::size_t(v)];
        out.nodes[std::size_t(v)] = {topLeft.x, topLeft.y, s.width, s.height};
        out.order[std::size_t(v)] = l.pos[std::size_t(v)];
    }
    for (std::size_t e = 0; e < g.edges.size(); ++e) {
        const auto& chain = l.chains[e];
        LayoutEdge le{g.edges[e].first, g.edges[e].second, {}};
        const auto src = std::size_t(chain.front()), dst = std::size_t(chain.back());
        const auto srcLayer = std::size_t(l.layer[src]), dstLayer = std::size_t(l.layer[dst]);
        le.points.push_back(
            point(centre[src], bandStart[srcLayer] + (bandSize[srcLayer] + along[src]) / 2));
        for (std::size_t k = 1; k + 1 < chain.size(); ++k) {
            const auto d = std::size_t(chain[k]);
            const auto band = std::size_t(l.layer[d]);
            le.points.push_back(point(centre[d], bandStart[band]));
            le.points.push_back(point(centre[d], bandStart[band] + bandSize[band]));
        }
        le.points.push_back(
            point(centre[dst], bandStart[dstLayer] + (bandSize[dstLayer] - along[dst]) / 2));
        out.edges.push_back(std::move(le));
    }
    const double acrossSize = first ? 0 : high - low;
    const double alongSize = l.layers.empty() ? 0 : bandStart.back() + bandSize.back();
    out.width = td ? acrossSize : alongSize;
    out.height = td ? alongSize : acrossSize;
    return out;
}

LayoutGraph stageLayoutGraph(const StageGraph& g, std::vector<LayoutSize> sizes) {
    LayoutGraph out;
    out.sizes = std::move(sizes);
    out.sizes.resize(g.nodes.size());
    for (const auto& e : g.edges) {
        const int a = g.indexOf(e.from), b = g.indexOf(e.to);
        if (a >= 0 && b >= 0)
            out.edges.emplace_back(a, b);
    }
    return out;
}

} // namespace rs
