#include "explain/EgoGraph.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

namespace rs {

namespace {

/// A listed path the layout can draw: user -> history item j [-> user v] -> recommended item.
struct DrawablePath {
    std::uint32_t item = 0;
    bool hasUser = false;
    std::uint32_t user = 0;
    double contribution = 0.0;
};

/// The drawable form of `p`, or false when its shape is not user -> item [-> user] -> item from
/// the explained user to the explained item.
bool drawable(const ExplanationPath& p, const Explanation& e, DrawablePath& out) {
    const auto& n = p.nodes;
    if (n.size() != 3 && n.size() != 4)
        return false;
    if (n.front().kind != PathNode::Kind::User || n.front().index != e.user ||
        n.back().kind != PathNode::Kind::Item || n.back().index != e.item ||
        n[1].kind != PathNode::Kind::Item)
        return false;
    if (n.size() == 4 && n[2].kind != PathNode::Kind::User)
        return false;
    out.item = n[1].index;
    out.hasUser = n.size() == 4;
    out.user = out.hasUser ? n[2].index : 0;
    out.contribution = p.contribution;
    return true;
}

std::string fixed3(double v, bool sign) {
    char text[48];
    std::snprintf(text, sizeof text, sign ? "%+.3f" : "%.3f", v);
    return text;
}

/// Sum and count of what passes through one node or edge.
struct Flow {
    double sum = 0.0;
    int paths = 0;
    void add(double v) {
        sum += v;
        ++paths;
    }
};

/// The strongest drawable paths (at most opts.maxPaths) through the kept neighbour users.
struct PathSelection {
    std::vector<DrawablePath> drawn;
    std::vector<std::uint32_t> neighbours; ///< kept users, by |drawn share| (ties: more paths)
    int skipped = 0;
};

PathSelection selectPaths(const Explanation& e, const EgoGraphOptions& opts) {
    PathSelection sel;
    std::vector<const ExplanationPath*> order;
    for (const ExplanationPath& p : e.paths)
        order.push_back(&p);
    std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
        return std::abs(a->contribution) > std::abs(b->contribution);
    });
    std::vector<DrawablePath> candidates;
    std::set<const ExplanationPath*> taken;
    for (const ExplanationPath* p : order) {
        DrawablePath d;
        if (!drawable(*p, e, d)) {
            ++sel.skipped;
            continue;
        }
        if (int(candidates.size()) < opts.maxPaths) {
            candidates.push_back(d);
            taken.insert(p);
        }
    }
    // The explanation's leading neighbour users get their strongest path considered too, when
    // none of theirs is among the strongest (their weight is spread over many weaker walks).
    for (std::size_t r = 0; r < e.pathNeighbours.size() && int(r) < opts.maxNeighbours; ++r) {
        for (const ExplanationPath* p : order) {
            DrawablePath d;
            if (!drawable(*p, e, d) || !d.hasUser || d.user != e.pathNeighbours[r].user)
                continue;
            if (!taken.count(p))
                candidates.push_back(d);
            break; // `order` is strongest first: this is the user's strongest path
        }
    }
    std::map<std::uint32_t, Flow> byUser;
    for (const DrawablePath& d : candidates)
        if (d.hasUser)
            byUser[d.user].add(d.contribution);
    std::vector<std::pair<std::uint32_t, Flow>> users(byUser.begin(), byUser.end());
    std::stable_sort(users.begin(), users.end(), [](const auto& a, const auto& b) {
        const double x = std::abs(a.second.sum), y = std::abs(b.second.sum);
        return x != y ? x > y : a.second.paths > b.second.paths;
    });
    if (int(users.size()) > opts.maxNeighbours)
        users.resize(std::size_t(std::max(0, opts.maxNeighbours)));
    std::set<std::uint32_t> kept;
    for (const auto& [v, f] : users) {
        kept.insert(v);
        sel.neighbours.push_back(v);
    }
    for (const DrawablePath& d : candidates)
        if (!d.hasUser || kept.count(d.user))
            sel.drawn.push_back(d);
    return sel;
}

/// Rows and coordinates: history by signed contribution, neighbours by the weighted mean row of
/// the history items their edges come from, single nodes centred.
void layout(EgoGraph& g, const EgoGraphOptions& opts) {
    std::vector<int> history, neighbours;
    for (int n = 0; n < int(g.nodes.size()); ++n) {
        if (g.nodes[std::size_t(n)].kind == EgoNodeKind::HistoryItem)
            history.push_back(n);
        else if (g.nodes[std::size_t(n)].kind == EgoNodeKind::NeighbourUser)
            neighbours.push_back(n);
    }
    auto node = [&g](int n) -> EgoNode& { return g.nodes[std::size_t(n)]; };
    std::sort(history.begin(), history.end(), [&](int a, int b) {
        const EgoNode &x = node(a), &y = node(b);
        return x.contribution != y.contribution ? x.contribution > y.contribution
                                                : x.index < y.index;
    });
    for (int r = 0; r < int(history.size()); ++r)
        node(history[std::size_t(r)]).row = r;
    std::map<int, std::pair<double, double>> weighted; // neighbour -> (sum w*row, sum w)
    std::map<int, std::pair<double, int>> plain;       // neighbour -> (sum row, count)
    for (const EgoEdge& edge : g.edges)
        if (node(edge.from).kind == EgoNodeKind::HistoryItem &&
            node(edge.to).kind == EgoNodeKind::NeighbourUser) {
            const double w = std::abs(edge.contribution);
            weighted[edge.to].first += w * node(edge.from).row;
            weighted[edge.to].second += w;
            plain[edge.to].first += node(edge.from).row;
            ++plain[edge.to].second;
        }
    auto barycentre = [&](int n) {
        const auto& [ws, w] = weighted[n];
        if (w > 0)
            return ws / w;
        const auto& [s, c] = plain[n];
        return c > 0 ? s / c : 0.0;
    };
    std::sort(neighbours.begin(), neighbours.end(), [&](int a, int b) {
        const double x = barycentre(a), y = barycentre(b);
        if (x != y)
            return x < y;
        const double cx = std::abs(node(a).contribution), cy = std::abs(node(b).contribution);
        return cx != cy ? cx > cy : node(a).index < node(b).index;
    });
    for (int r = 0; r < int(neighbours.size()); ++r)
        node(neighbours[std::size_t(r)]).row = r;

    const bool neighbourColumn = !neighbours.empty();
    g.columns = neighbourColumn ? 4 : 3;
    std::map<int, int> perColumn;
    for (EgoNode& n : g.nodes) {
        switch (n.kind) {
        case EgoNodeKind::User:
            n.column = 0;
            break;
        case EgoNodeKind::HistoryItem:
            n.column = 1;
            break;
        case EgoNodeKind::NeighbourUser:
            n.column = 2;
            break;
        case EgoNodeKind::RecommendedItem:
            n.column = g.columns - 1;
            break;
        }
        ++perColumn[n.column];
    }
    for (EgoNode& n : g.nodes) {
        n.x = n.column * opts.columnSpacing;
        n.y = (n.row - (perColumn[n.column] - 1) / 2.0) * opts.rowSpacing;
    }
}

/// Renumbers the nodes column by column, row by row, and sorts the edges by their ends.
void sortNodes(EgoGraph& g) {
    std::vector<int> order(g.nodes.size());
    for (std::size_t n = 0; n < order.size(); ++n)
        order[n] = int(n);
    std::sort(order.begin(), order.end(), [&g](int a, int b) {
        const EgoNode &x = g.nodes[std::size_t(a)], &y = g.nodes[std::size_t(b)];
        return x.column != y.column ? x.column < y.column : x.row < y.row;
    });
    std::vector<int> where(order.size());
    std::vector<EgoNode> nodes;
    for (std::size_t n = 0; n < order.size(); ++n) {
        where[std::size_t(order[n])] = int(n);
        nodes.push_back(g.nodes[std::size_t(order[n])]);
    }
    g.nodes = std::move(nodes);
    for (EgoEdge& edge : g.edges) {
        edge.from = where[std::size_t(edge.from)];
        edge.to = where[std::size_t(edge.to)];
    }
    std::sort(g.edges.begin(), g.edges.end(), [](const EgoEdge& a, const EgoEdge& b) {
        return a.from != b.from ? a.from < b.from : a.to < b.to;
    });
}

std::string coverage(const EgoGraph& g, const Explanation& e) {
    const bool resolve = e.evidenceMethod == EvidenceMethod::Resolve;
    const std::string of = resolve ? " of the re-solved score's " : " of the score's ";
    std::string text;
    if (g.graphModel) {
        text = "the " + std::to_string(g.drawnPaths) + " drawn paths carry " +
               fixed3(g.drawnContribution, true) + of + fixed3(g.score, false) + " (of the " +
               std::to_string(g.totalPaths) + " paths the explanation lists); the " +
               std::to_string(g.drawnHistory) + " history items drawn carry " +
               fixed3(g.drawnHistoryContribution, true) + ", all " +
               std::to_string(g.totalHistory) + " history items " +
               fixed3(g.allHistoryContribution, true);
        if (g.skippedPaths > 0)
            text += "; " + std::to_string(g.skippedPaths) +
                    " listed paths have a shape this view does not draw";
    } else {
        text = "the " + std::to_string(g.drawnHistory) + " drawn history items carry " +
               fixed3(g.drawnContribution, true) + of + fixed3(g.score, false) + " (all " +
               std::to_string(g.totalHistory) +
               " history items: " + fixed3(g.allHistoryContribution, true) + ")";
        if (resolve)
            text += "; the contributions are leave-one-out changes and need not add up";
    }
    return text;
}

} // namespace

const char* egoNodeKindName(EgoNodeKind kind) {
    switch (kind) {
    case EgoNodeKind::User:
        return "user";
    case EgoNodeKind::HistoryItem:
        return "history item";
    case EgoNodeKind::NeighbourUser:
        return "neighbour user";
    case EgoNodeKind::RecommendedItem:
        return "recommended item";
    }
    return "?";
}

int EgoGraph::find(EgoNodeKind kind, std::uint32_t index) const {
    for (std::size_t n = 0; n < nodes.size(); ++n)
        if (nodes[n].kind == kind && nodes[n].index == index)
            return int(n);
    return -1;
}

EgoGraph buildEgoGraph(const Explanation& e, const EgoGraphOptions& opts) {
    EgoGraph g;
    g.user = e.user;
    g.item = e.item;
    if (e.evidence.empty())
        return g;
    g.score = e.evidenceMethod == EvidenceMethod::Resolve ? e.evidenceBaseScore : e.score;
    g.totalHistory = int(e.evidence.size());
    std::unordered_map<std::uint32_t, const EvidenceItem*> evidence;
    for (const EvidenceItem& ev : e.evidence) {
        evidence.emplace(ev.item, &ev);
        g.allHistoryContribution += ev.contribution;
    }

    // The history items with the largest |contribution| (ties: smaller index).
    std::vector<const EvidenceItem*> byStrength;
    for (const EvidenceItem& ev : e.evidence)
        byStrength.push_back(&ev);
    std::sort(byStrength.begin(), byStrength.end(), [](const auto* a, const auto* b) {
        const double x = std::abs(a->contribution), y = std::abs(b->contribution);
        return x != y ? x > y : a->item < b->item;
    });
    byStrength.resize(std::min(byStrength.size(), std::size_t(std::max(0, opts.maxHistory))));
    std::set<std::uint32_t> top;
    for (const EvidenceItem* ev : byStrength)
        top.insert(ev->item);

    g.graphModel = !e.paths.empty();
    g.totalPaths = int(e.paths.size());
    PathSelection sel;
    if (g.graphModel)
        sel = selectPaths(e, opts);
    g.skippedPaths = sel.skipped;
    g.drawnPaths = int(sel.drawn.size());

    // Nodes (numbered in insertion order here; sortNodes renumbers them by the layout).
    g.nodes.push_back({EgoNodeKind::User, e.user});
    std::map<std::uint32_t, int> historyNode, neighbourNode;
    auto addHistory = [&](std::uint32_t item, bool viaPath) {
        if (historyNode.count(item))
            return;
        EgoNode n{EgoNodeKind::HistoryItem, item};
        if (const auto it = evidence.find(item); it != evidence.end()) {
            n.contribution = it->second->contribution;
            n.rating = it->second->rating;
        }
        n.viaPath = viaPath;
        historyNode[item] = int(g.nodes.size());
        g.nodes.push_back(n);
    };
    for (const EvidenceItem* ev : byStrength)
        addHistory(ev->item, false);
    for (const DrawablePath& d : sel.drawn)
        addHistory(d.item, !top.count(d.item));
    for (std::uint32_t v : sel.neighbours) {
        EgoNode n{EgoNodeKind::NeighbourUser, v};
        n.returnsToUser = v == e.user;
        for (const PathNeighbour& pn : e.pathNeighbours)
            if (pn.user == v) {
                n.allPathsContribution = pn.contribution;
                n.allPaths = pn.paths;
            }
        neighbourNode[v] = int(g.nodes.size());
        g.nodes.push_back(n);
    }
    const int target = int(g.nodes.size());
    g.nodes.push_back({EgoNodeKind::RecommendedItem, e.item});

    // Edges, aggregated by their two ends.
    std::map<std::pair<int, int>, Flow> flows;
    for (const auto& [item, n] : historyNode)
        g.drawnHistoryContribution += g.nodes[std::size_t(n)].contribution;
    g.drawnHistory = int(historyNode.size());
    if (g.graphModel) {
        std::map<int, int> throughHistory;
        for (const DrawablePath& d : sel.drawn) {
            const int j = historyNode.at(d.item);
            ++throughHistory[j];
            g.drawnContribution += d.contribution;
            if (d.hasUser) {
                const int v = neighbourNode.at(d.user);
                flows[{j, v}].add(d.contribution);
                flows[{v, target}].add(d.contribution);
                g.nodes[std::size_t(v)].contribution += d.contribution;
                ++g.nodes[std::size_t(v)].paths;
            } else {
                flows[{j, target}].add(d.contribution);
            }
        }
        for (const auto& [item, j] : historyNode) {
            g.nodes[std::size_t(j)].paths = throughHistory[j];
            g.edges.push_back(
                {0, j, g.nodes[std::size_t(j)].contribution, throughHistory[j], true});
        }
    } else {
        g.drawnContribution = g.drawnHistoryContribution;
        for (const auto& [item, j] : historyNode) {
            EgoNode& n = g.nodes[std::size_t(j)];
            n.paths = 1;
            g.edges.push_back({0, j, n.contribution, 1, true});
            flows[{j, target}].add(n.contribution);
        }
    }
    for (const auto& [ends, f] : flows)
        g.edges.push_back({ends.first, ends.second, f.sum, f.paths, false});
    const int drawnPaths = g.graphModel ? g.drawnPaths : g.drawnHistory;
    for (const EgoEdge& edge : g.edges) {
        if (edge.from == 0)
            g.nodes[0].contribution += edge.contribution;
        if (edge.to == target)
            g.nodes[std::size_t(target)].contribution += edge.contribution;
    }
    g.nodes[0].paths = drawnPaths;
    g.nodes[std::size_t(target)].paths = drawnPaths;

    layout(g, opts);
    sortNodes(g);
    g.coverageNote = coverage(g, e);
    return g;
}

} // namespace rs
