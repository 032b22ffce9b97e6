// The ego graph of an explanation (buildEgoGraph): on hand-made explanations the node set, the
// top-N choice by |contribution|, the aggregated edge values, the neighbour choice and the
// layered layout are checked against values worked out here; on real LightGCN and item-KNN
// explanations every edge equals the sum of the listed paths (or the evidence) it stands for,
// neighbour users flow in what flows out, and the result is deterministic.
#include "ModelsTestData.h"
#include "explain/EgoGraph.h"
#include "explain/Explainer.h"
#include "models/Rng.h"
#include "train/RunContext.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace rs;

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;
using Kind = EgoNodeKind;

PathNode userNode(std::uint32_t u) {
    return {PathNode::Kind::User, u};
}
PathNode itemNode(std::uint32_t i) {
    return {PathNode::Kind::Item, i};
}

/// An item-KNN-like explanation of (user 3, item 50) with the given evidence.
Explanation handMade(const std::vector<std::pair<std::uint32_t, double>>& evidence) {
    Explanation e;
    e.model = "itemknn";
    e.user = 3;
    e.item = 50;
    e.score = 2.5;
    e.evidenceMethod = EvidenceMethod::ExactTerms;
    e.evidenceBaseScore = e.score;
    for (const auto& [item, c] : evidence)
        e.evidence.push_back({item, 4.0f, c});
    std::sort(e.evidence.begin(), e.evidence.end(),
              [](const auto& a, const auto& b) { return a.contribution > b.contribution; });
    return e;
}

/// The contribution of the edge from node `a` to node `b`, or NaN when there is none.
double edgeValue(const EgoGraph& g, int a, int b, int* paths = nullptr) {
    for (const EgoEdge& edge : g.edges)
        if (edge.from == a && edge.to == b) {
            if (paths)
                *paths = edge.paths;
            return edge.contribution;
        }
    return std::nan("");
}

bool same(const EgoGraph& a, const EgoGraph& b) {
    if (a.nodes.size() != b.nodes.size() || a.edges.size() != b.edges.size() ||
        a.coverageNote != b.coverageNote)
        return false;
    for (std::size_t n = 0; n < a.nodes.size(); ++n) {
        const EgoNode &x = a.nodes[n], &y = b.nodes[n];
        if (x.kind != y.kind || x.index != y.index || x.contribution != y.contribution ||
            x.x != y.x || x.y != y.y || x.paths != y.paths)
            return false;
    }
    for (std::size_t k = 0; k < a.edges.size(); ++k) {
        const EgoEdge &x = a.edges[k], &y = b.edges[k];
        if (x.from != y.from || x.to != y.to || x.contribution != y.contribution ||
            x.paths != y.paths)
            return false;
    }
    return true;
}

/// Columns hold one kind each, x grows with the column, rows are 0..n-1 top to bottom.
void checkLayout(const EgoGraph& g, const EgoGraphOptions& o) {
    std::map<int, std::vector<const EgoNode*>> columns;
    for (const EgoNode& n : g.nodes)
        columns[n.column].push_back(&n);
    QCOMPARE(int(columns.size()), g.columns);
    for (const auto& [c, nodes] : columns) {
        for (std::size_t r = 0; r < nodes.size(); ++r) {
            QCOMPARE(nodes[r]->kind, nodes.front()->kind);
            QCOMPARE(nodes[r]->x, c * o.columnSpacing);
            QCOMPARE(nodes[r]->row, int(r)); // nodes are listed column by column, row by row
            if (r > 0)
                QVERIFY(std::abs(nodes[r]->y - nodes[r - 1]->y - o.rowSpacing) < 1e-9);
        }
        // Each column is centred on y = 0.
        QVERIFY(std::abs(nodes.front()->y + nodes.back()->y) < 1e-9);
    }
    QCOMPARE(g.nodes.front().kind, Kind::User);
    QCOMPARE(g.nodes.back().kind, Kind::RecommendedItem);
    for (const EgoEdge& edge : g.edges)
        QVERIFY(g.nodes[std::size_t(edge.from)].column < g.nodes[std::size_t(edge.to)].column);
}

/// A LightGCN or item-KNN run in memory on three communities of users and items.
struct TrainedRun {
    std::unique_ptr<RunContext> ctx;
    std::unique_ptr<Explainer> explainer;
    std::string error;

    TrainedRun(const std::string& name, const Params& kv) {
        Rng rng(11);
        std::vector<test::Triple> t;
        for (std::uint32_t u = 0; u < 45; ++u)
            for (std::uint32_t i = 0; i < 36; ++i)
                if (rng.uniform() < (u / 15 == i / 12 ? 0.55 : 0.04))
                    t.emplace_back(u, i, float(1 + rng.below(5)));
        const Interactions data = test::makeInteractions(45, 36, t);
        auto c = std::make_unique<RunContext>();
        c->model = createRecommender(name);
        if (!c->model || !test::setAll(*c->model, kv).empty() ||
            c->model->fit(data, test::seeded(3, 2), {}).status != FitStatus::Done)
            return;
        c->train = data;
        c->run.model = name;
        for (std::uint32_t u = 0; u < data.numUsers(); ++u)
            c->userIds.push_back(std::to_string(u));
        for (std::uint32_t i = 0; i < data.numItems(); ++i)
            c->items.push_back({std::to_string(i), "item " + std::to_string(i), "Drama"});
        ctx = std::move(c);
        explainer = makeExplainer(*ctx, error);
    }
    bool ok() const { return ctx && explainer; }
};

} // namespace

class TestEgoGraph : public QObject {
    Q_OBJECT

private slots:
    void emptyWithoutEvidence() {
        Explanation e;
        e.model = "popularity";
        e.user = 1;
        e.item = 2;
        e.score = 40;
        const EgoGraph g = buildEgoGraph(e);
        QVERIFY(g.empty());
        QVERIFY(g.edges.empty());
        QCOMPARE(g.user, 1u);
        QCOMPARE(g.item, 2u);
    }

    void otherModelsGoThroughTheTopHistoryItems() {
        // Ten ratings; the five with the largest |contribution| are items 7 (-0.9), 2 (0.8),
        // 4 (0.5), 9 (-0.45) and 1 (0.3).
        const Explanation e = handMade({{1, 0.3},
                                        {2, 0.8},
                                        {3, 0.1},
                                        {4, 0.5},
                                        {5, -0.05},
                                        {6, 0.2},
                                        {7, -0.9},
                                        {8, 0.0},
                                        {9, -0.45},
                                        {10, 0.25}});
        EgoGraphOptions o;
        o.maxHistory = 5;
        const EgoGraph g = buildEgoGraph(e, o);
        QVERIFY(!g.graphModel);
        QCOMPARE(g.columns, 3);
        QCOMPARE(int(g.nodes.size()), 7);
        QCOMPARE(g.drawnHistory, 5);
        QCOMPARE(g.totalHistory, 10);
        // History rows by signed contribution: 2, 4, 1, 9, 7.
        const std::vector<std::uint32_t> rows = {2, 4, 1, 9, 7};
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const EgoNode& n = g.nodes[1 + r];
            QCOMPARE(n.kind, Kind::HistoryItem);
            QCOMPARE(n.index, rows[r]);
            QCOMPARE(n.rating, 4.0f);
            QVERIFY(!n.viaPath);
        }
        QCOMPARE(g.find(Kind::User, 3), 0);
        QCOMPARE(g.find(Kind::RecommendedItem, 50), 6);
        QCOMPARE(g.find(Kind::HistoryItem, 3), -1); // 0.1: not among the five
        // Each drawn item: user -> item and item -> recommended item with its contribution.
        QCOMPARE(int(g.edges.size()), 10);
        const std::map<std::uint32_t, double> value = {
            {2, 0.8}, {4, 0.5}, {1, 0.3}, {9, -0.45}, {7, -0.9}};
        for (const auto& [item, c] : value) {
            const int j = g.find(Kind::HistoryItem, item);
            int paths = 0;
            QCOMPARE(edgeValue(g, 0, j, &paths), c);
            QCOMPARE(paths, 1);
            QCOMPARE(edgeValue(g, j, 6, &paths), c);
            QCOMPARE(paths, 1);
            QCOMPARE(g.nodes[std::size_t(j)].contribution, c);
        }
        const double drawn = 0.8 + 0.5 + 0.3 - 0.45 - 0.9;
        QVERIFY(std::abs(g.drawnContribution - drawn) < 1e-12);
        QVERIFY(std::abs(g.nodes.back().contribution - drawn) < 1e-12);
        QVERIFY(std::abs(g.allHistoryContribution - 0.75) < 1e-12);
        QCOMPARE(g.score, 2.5);
        QVERIFY2(g.coverageNote == "the 5 drawn history items carry +0.250 of the score's 2.500 "
                                   "(all 10 history items: +0.750)",
                 g.coverageNote.c_str());
        checkLayout(g, o);
        QCOMPARE(g.nodes.front().y, 0.0);
        QCOMPARE(g.nodes[1].y, -2 * o.rowSpacing);
        QCOMPARE(g.nodes.back().x, 2 * o.columnSpacing);

        // Fewer ratings than the limit: all of them, and the same graph every time.
        EgoGraphOptions wide;
        wide.maxHistory = 50;
        const EgoGraph all = buildEgoGraph(e, wide);
        QCOMPARE(all.drawnHistory, 10);
        QVERIFY(std::abs(all.drawnContribution - all.allHistoryContribution) < 1e-12);
        QVERIFY(same(all, buildEgoGraph(e, wide)));
        QVERIFY(!same(all, g));
    }

    void resolvedEvidenceSaysWhatItIsMeasuredFrom() {
        Explanation e = handMade({{1, 0.2}, {2, -0.1}});
        e.evidenceMethod = EvidenceMethod::Resolve;
        e.evidenceBaseScore = 3.25;
        const EgoGraph g = buildEgoGraph(e);
        QCOMPARE(g.score, 3.25);
        QVERIFY(g.coverageNote.find("re-solved score's 3.250") != std::string::npos);
        QVERIFY(g.coverageNote.find("need not add up") != std::string::npos);
    }

    void graphModelsAggregateTheirPaths() {
        // User 0 explains item 9. History: items 1 (0.6), 2 (0.25), 3 (-0.2), 4 (0.01).
        Explanation e;
        e.model = "lightgcn";
        e.user = 0;
        e.item = 9;
        e.score = 1.0;
        e.evidenceMethod = EvidenceMethod::ExactTerms;
        e.evidence = {{1, 5, 0.6}, {2, 4, 0.25}, {4, 3, 0.01}, {3, 2, -0.2}};
        e.paths = {
            {{userNode(0), itemNode(1), itemNode(9)}, 0.3},
            {{userNode(0), itemNode(1), userNode(5), itemNode(9)}, 0.2},
            {{userNode(0), itemNode(2), userNode(6), itemNode(9)}, -0.15},
            {{userNode(0), itemNode(2), userNode(5), itemNode(9)}, 0.1},
            {{userNode(0), itemNode(3), userNode(0), itemNode(9)}, -0.08},
            {{userNode(0), itemNode(4), userNode(7), itemNode(9)}, 0.05},
            {{userNode(0), itemNode(1), userNode(8), itemNode(9)}, 0.04},
            // A shape the view does not draw (two hops through users).
            {{userNode(0), itemNode(1), userNode(5), itemNode(2), itemNode(9)}, 0.02},
        };
        e.pathNeighbours = {{5, 0.31, 40}, {7, 0.06, 12}};
        EgoGraphOptions o;
        o.maxHistory = 3;    // items 1, 2, 3 by |contribution|
        o.maxNeighbours = 3; // of 5 (0.3), 6 (0.15), 0 (0.08), 7 (0.05), 8 (0.04)
        o.maxPaths = 6;      // the path through 8 is not considered
        const EgoGraph g = buildEgoGraph(e, o);
        QVERIFY(g.graphModel);
        QCOMPARE(g.columns, 4);
        QCOMPARE(g.totalPaths, 8);
        QCOMPARE(g.skippedPaths, 1);
        // Drawn: the paths through 1 -> 9, users 5, 6 and 0 (user 7's path is dropped).
        QCOMPARE(g.drawnPaths, 5);
        QVERIFY(std::abs(g.drawnContribution - (0.3 + 0.2 - 0.15 + 0.1 - 0.08)) < 1e-12);
        QCOMPARE(g.find(Kind::NeighbourUser, 7), -1);
        QCOMPARE(g.find(Kind::NeighbourUser, 8), -1);
        QCOMPARE(g.find(Kind::HistoryItem, 4), -1);
        const int u = 0, i1 = g.find(Kind::HistoryItem, 1), i2 = g.find(Kind::HistoryItem, 2),
                  i3 = g.find(Kind::HistoryItem, 3), v5 = g.find(Kind::NeighbourUser, 5),
                  v6 = g.find(Kind::NeighbourUser, 6), v0 = g.find(Kind::NeighbourUser, 0),
                  target = g.find(Kind::RecommendedItem, 9);
        for (int n : {i1, i2, i3, v5, v6, v0, target})
            QVERIFY(n > 0);
        QCOMPARE(int(g.nodes.size()), 8);
        QVERIFY(g.nodes[std::size_t(v0)].returnsToUser);
        QVERIFY(!g.nodes[std::size_t(v5)].returnsToUser);
        // The neighbour listed in pathNeighbours carries the totals of all its walks.
        QCOMPARE(g.nodes[std::size_t(v5)].allPaths, 40);
        QCOMPARE(g.nodes[std::size_t(v5)].allPathsContribution, 0.31);
        QCOMPARE(g.nodes[std::size_t(v6)].allPaths, 0);

        int paths = 0;
        // user -> history: the evidence, with the number of drawn paths through the item.
        QCOMPARE(edgeValue(g, u, i1, &paths), 0.6);
        QCOMPARE(paths, 2);
        QCOMPARE(edgeValue(g, u, i2, &paths), 0.25);
        QCOMPARE(paths, 2);
        QCOMPARE(edgeValue(g, u, i3, &paths), -0.2);
        QCOMPARE(paths, 1);
        // Path edges: the sums of the drawn paths through them.
        QCOMPARE(edgeValue(g, i1, target, &paths), 0.3);
        QCOMPARE(paths, 1);
        QCOMPARE(edgeValue(g, i1, v5, &paths), 0.2);
        QCOMPARE(edgeValue(g, i2, v5, &paths), 0.1);
        QCOMPARE(edgeValue(g, i2, v6, &paths), -0.15);
        QCOMPARE(edgeValue(g, i3, v0, &paths), -0.08);
        QVERIFY(std::abs(edgeValue(g, v5, target, &paths) - 0.3) < 1e-12);
        QCOMPARE(paths, 2);
        QCOMPARE(edgeValue(g, v6, target, &paths), -0.15);
        QCOMPARE(edgeValue(g, v0, target, &paths), -0.08);
        QVERIFY(std::isnan(edgeValue(g, i2, target)));
        QCOMPARE(int(g.edges.size()), 3 + 5 + 3);
        QVERIFY(std::abs(g.nodes[std::size_t(v5)].contribution - 0.3) < 1e-12);
        QCOMPARE(g.nodes[std::size_t(v5)].paths, 2);
        QVERIFY(std::abs(g.nodes.back().contribution - g.drawnContribution) < 1e-12);
        QVERIFY(std::abs(g.drawnHistoryContribution - 0.65) < 1e-12);

        // Rows: history 1, 2, 3 top down; neighbours by the weighted mean row they come from:
        // 5 from rows 0 (0.2) and 1 (0.1) = 1/3, 6 from row 1, 0 from row 2.
        QCOMPARE(g.nodes[std::size_t(i1)].row, 0);
        QCOMPARE(g.nodes[std::size_t(i2)].row, 1);
        QCOMPARE(g.nodes[std::size_t(i3)].row, 2);
        QCOMPARE(g.nodes[std::size_t(v5)].row, 0);
        QCOMPARE(g.nodes[std::size_t(v6)].row, 1);
        QCOMPARE(g.nodes[std::size_t(v0)].row, 2);
        checkLayout(g, o);
        QVERIFY(g.coverageNote.find("the 5 drawn paths carry +0.370 of the score's 1.000") == 0);
        QVERIFY(g.coverageNote.find("1 listed paths have a shape") != std::string::npos);

        // A strong path through an item outside the top history items brings it in.
        e.paths.push_back({{userNode(0), itemNode(4), itemNode(9)}, 0.5});
        const EgoGraph more = buildEgoGraph(e, o);
        const int i4 = more.find(Kind::HistoryItem, 4);
        QVERIFY(i4 > 0);
        QVERIFY(more.nodes[std::size_t(i4)].viaPath);
        QVERIFY(!more.nodes[std::size_t(more.find(Kind::HistoryItem, 1))].viaPath);
        QCOMPARE(edgeValue(more, 0, i4), 0.01);
        QCOMPARE(edgeValue(more, i4, more.find(Kind::RecommendedItem, 9)), 0.5);
        QVERIFY(same(more, buildEgoGraph(e, o)));
    }

    void lightGcnEdgesAreSumsOfTheirPaths() {
        const TrainedRun run("lightgcn", {{"factors", "8"},
                                          {"layers", "3"},
                                          {"epochs", "25"},
                                          {"lr", "0.02"},
                                          {"batch", "64"},
                                          {"min_value", "2"},
                                          {"negatives", "1"},
                                          {"reg", "0.0001"}});
        QVERIFY2(run.ok(), run.error.c_str());
        ExplainOptions eo;
        eo.counterfactual = false;
        EgoGraphOptions o;
        int withNeighbours = 0, returning = 0;
        for (std::uint32_t u : {2u, 20u, 40u})
            for (const ScoredItem& s : run.ctx->recommend(u, 3)) {
                const Explanation e = run.explainer->explain(u, s.item, eo);
                QVERIFY(!e.paths.empty() && !e.evidence.empty());
                const EgoGraph g = buildEgoGraph(e, o);
                QVERIFY(g.graphModel);
                QVERIFY(same(g, buildEgoGraph(e, o)));
                checkLayout(g, o);
                std::map<std::uint32_t, double> evidence;
                for (const EvidenceItem& ev : e.evidence)
                    evidence[ev.item] = ev.contribution;
                // The top history items by |contribution| are all drawn.
                std::vector<EvidenceItem> byAbs = e.evidence;
                std::sort(byAbs.begin(), byAbs.end(), [](const auto& a, const auto& b) {
                    return std::abs(a.contribution) > std::abs(b.contribution);
                });
                const std::size_t n = std::min<std::size_t>(byAbs.size(), 8);
                for (std::size_t k = 0; k < n; ++k)
                    QVERIFY(g.find(Kind::HistoryItem, byAbs[k].item) >= 0);
                int viaPath = 0, neighbours = 0;
                for (const EgoNode& node : g.nodes) {
                    if (node.kind == Kind::HistoryItem) {
                        QCOMPARE(node.contribution, evidence.at(node.index));
                        // Outside the top 8 only when a drawn path needs it.
                        if (std::abs(node.contribution) < std::abs(byAbs[n - 1].contribution))
                            QVERIFY(node.viaPath);
                        viaPath += node.viaPath;
                    }
                    if (node.kind == Kind::NeighbourUser) {
                        ++neighbours;
                        returning += node.returnsToUser;
                        QCOMPARE(node.returnsToUser, node.index == u);
                    }
                }
                QVERIFY(neighbours <= o.maxNeighbours);
                QCOMPARE(g.drawnHistory, int(n) + viaPath);
                withNeighbours += neighbours > 0;

                // Every path edge: the sum of the considered paths whose nodes are all drawn and
                // that pass along it.
                auto nodeOf = [&g](const PathNode& p, std::size_t at, std::size_t size) {
                    if (at == 0)
                        return g.find(Kind::User, p.index);
                    if (at + 1 == size)
                        return g.find(Kind::RecommendedItem, p.index);
                    return g.find(p.kind == PathNode::Kind::Item ? Kind::HistoryItem
                                                                 : Kind::NeighbourUser,
                                  p.index);
                };
                std::map<std::pair<int, int>, std::pair<double, int>> expected;
                double drawn = 0;
                int drawnCount = 0;
                std::map<std::uint32_t, double> consideredUsers;
                // Considered: the first maxPaths listed (the strongest), then the strongest path
                // through each leading neighbour user that has none among them.
                std::vector<std::size_t> considered;
                for (std::size_t k = 0; k < e.paths.size() && int(k) < o.maxPaths; ++k)
                    considered.push_back(k);
                for (std::size_t r = 0; r < e.pathNeighbours.size() && int(r) < o.maxNeighbours;
                     ++r) {
                    std::size_t best = e.paths.size();
                    for (std::size_t k = 0; k < e.paths.size(); ++k)
                        if (e.paths[k].nodes.size() == 4 &&
                            e.paths[k].nodes[2].index == e.pathNeighbours[r].user &&
                            (best == e.paths.size() || std::abs(e.paths[k].contribution) >
                                                           std::abs(e.paths[best].contribution)))
                            best = k;
                    if (best < e.paths.size() && int(best) >= o.maxPaths)
                        considered.push_back(best);
                }
                for (std::size_t k : considered) {
                    const ExplanationPath& p = e.paths[k];
                    if (p.nodes.size() == 4)
                        consideredUsers[p.nodes[2].index] += p.contribution;
                    std::vector<int> at;
                    for (std::size_t x = 0; x < p.nodes.size(); ++x)
                        at.push_back(nodeOf(p.nodes[x], x, p.nodes.size()));
                    if (std::find(at.begin(), at.end(), -1) != at.end())
                        continue;
                    drawn += p.contribution;
                    ++drawnCount;
                    for (std::size_t x = 1; x + 1 < at.size(); ++x) {
                        auto& [sum, count] = expected[{at[x], at[x + 1]}];
                        sum += p.contribution;
                        ++count;
                    }
                }
                QCOMPARE(g.drawnPaths, drawnCount);
                QVERIFY(std::abs(g.drawnContribution - drawn) < 1e-12);
                int pathEdges = 0;
                for (const EgoEdge& edge : g.edges) {
                    if (edge.evidence) {
                        QCOMPARE(edge.from, 0);
                        QCOMPARE(edge.contribution, g.nodes[std::size_t(edge.to)].contribution);
                        continue;
                    }
                    ++pathEdges;
                    const auto it = expected.find({edge.from, edge.to});
                    QVERIFY(it != expected.end());
                    QVERIFY(std::abs(edge.contribution - it->second.first) < 1e-12);
                    QCOMPARE(edge.paths, it->second.second);
                }
                QCOMPARE(pathEdges, int(expected.size()));
                // What reaches a neighbour user leaves it towards the recommended item.
                for (std::size_t v = 0; v < g.nodes.size(); ++v) {
                    if (g.nodes[v].kind != Kind::NeighbourUser)
                        continue;
                    double in = 0, out = 0;
                    for (const EgoEdge& edge : g.edges) {
                        if (edge.to == int(v))
                            in += edge.contribution;
                        if (edge.from == int(v))
                            out += edge.contribution;
                    }
                    QVERIFY(std::abs(in - out) < 1e-12);
                    QVERIFY(std::abs(in - g.nodes[v].contribution) < 1e-12);
                    // Kept neighbours carry at least as much as any left out.
                    for (const auto& [w, c] : consideredUsers)
                        if (g.find(Kind::NeighbourUser, w) < 0)
                            QVERIFY(std::abs(c) <= std::abs(g.nodes[v].contribution) + 1e-15);
                }
                QVERIFY(g.coverageNote.find("drawn paths carry") != std::string::npos);
            }
        QVERIFY(withNeighbours > 0);
        qInfo("graphs with neighbour users: %d, of them returning to the user: %d", withNeighbours,
              returning);
    }

    void itemKnnEdgesAreTheEvidence() {
        const TrainedRun run("itemknn", {{"similarity", "cosine"}, {"shrinkage", "0"}});
        QVERIFY2(run.ok(), run.error.c_str());
        ExplainOptions eo;
        eo.counterfactual = false;
        EgoGraphOptions o;
        o.maxHistory = 6;
        // A recommendation with more evidence items than are drawn.
        Explanation e;
        for (std::uint32_t u = 0; u < run.ctx->numUsers() && e.evidence.size() <= 6; ++u)
            for (const ScoredItem& s : run.ctx->recommend(u, 3))
                if (e.evidence.size() <= 6)
                    e = run.explainer->explain(u, s.item, eo);
        QVERIFY(e.paths.empty());
        QVERIFY(e.evidence.size() > 6);
        const EgoGraph g = buildEgoGraph(e, o);
        QVERIFY(!g.graphModel);
        QCOMPARE(g.columns, 3);
        QCOMPARE(int(g.nodes.size()), 8);
        QCOMPARE(int(g.edges.size()), 12);
        checkLayout(g, o);
        const int target = int(g.nodes.size()) - 1;
        double sum = 0;
        for (const EvidenceItem& ev : e.evidence) {
            const int j = g.find(Kind::HistoryItem, ev.item);
            if (j < 0)
                continue;
            QCOMPARE(edgeValue(g, 0, j), ev.contribution);
            QCOMPARE(edgeValue(g, j, target), ev.contribution);
            sum += ev.contribution;
        }
        QVERIFY(std::abs(g.drawnContribution - sum) < 1e-12);
    }
};

QTEST_MAIN(TestEgoGraph)
#include "tst_egograph.moc"
