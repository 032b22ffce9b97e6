// Layered DAG layout: a hand-computed example, long edges through dummy points, crossing
// reduction, top-down vs left-right transposition, and on many random DAGs: no overlapping
// boxes, edges always to a higher layer, polylines that advance with the flow.
#include "pipeline/PipelineLayout.h"
#include "pipeline/TrainingPipeline.h"

#include <QtTest>

#include <random>

using namespace rs;

namespace {

/// True when the boxes share more than a rounding error of area (touching is fine: the tests
/// also lay out with no gap between nodes).
bool overlaps(const LayoutRect& a, const LayoutRect& b) {
    constexpr double eps = 1e-9;
    return a.x + eps < b.x + b.width && b.x + eps < a.x + a.width && a.y + eps < b.y + b.height &&
           b.y + eps < a.y + a.height;
}

/// A random DAG: edges only from lower to higher index (then shuffled ids), random sizes.
LayoutGraph randomDag(std::mt19937& rng) {
    const int n = 1 + int(rng() % 24);
    LayoutGraph g;
    std::uniform_real_distribution<double> size(10, 140);
    for (int i = 0; i < n; ++i)
        g.sizes.push_back({size(rng), size(rng)});
    std::vector<int> ids(std::size_t(n), 0);
    for (int i = 0; i < n; ++i)
        ids[std::size_t(i)] = i;
    std::shuffle(ids.begin(), ids.end(), rng);
    const double density = 0.05 + 0.3 * double(rng() % 100) / 100.0;
    for (int a = 0; a < n; ++a)
        for (int b = a + 1; b < n; ++b)
            if (std::uniform_real_distribution<double>(0, 1)(rng) < density)
                g.edges.emplace_back(ids[std::size_t(a)], ids[std::size_t(b)]);
    return g;
}

} // namespace

class TestPipelineLayout : public QObject {
    Q_OBJECT

private slots:
    void diamondByHand() {
        // a -> b, a -> c, b -> d, c -> d; boxes 100 x 40, layers 50 apart, nodes 30 apart.
        LayoutGraph g;
        g.sizes.assign(4, {100, 40});
        g.edges = {{0, 1}, {0, 2}, {1, 3}, {2, 3}};
        LayoutOptions o;
        o.layerGap = 50;
        o.nodeGap = 30;
        const auto l = layoutDag(g, o);
        QVERIFY2(l.ok(), l.error.c_str());
        QCOMPARE(l.layer, (std::vector<int>{0, 1, 1, 2}));
        // Layer 1 is b, c side by side (230 wide); a and d centred above and below it.
        QCOMPARE(l.nodes[0], (LayoutRect{65, 0, 100, 40}));
        QCOMPARE(l.nodes[1], (LayoutRect{0, 90, 100, 40}));
        QCOMPARE(l.nodes[2], (LayoutRect{130, 90, 100, 40}));
        QCOMPARE(l.nodes[3], (LayoutRect{65, 180, 100, 40}));
        QCOMPARE(l.width, 230.0);
        QCOMPARE(l.height, 220.0);
        QCOMPARE(l.crossings, 0);
        // Edges leave the bottom centre and enter the top centre.
        QCOMPARE(l.edges[0].points, (std::vector<LayoutPoint>{{115, 40}, {50, 90}}));
        QCOMPARE(l.edges[3].points, (std::vector<LayoutPoint>{{180, 130}, {115, 180}}));
    }

    void longEdgesPassThroughDummyPoints() {
        // a -> b -> c and a -> c: the long edge crosses layer 1 through a dummy point pair.
        LayoutGraph g;
        g.sizes = {{80, 30}, {120, 60}, {80, 30}};
        g.edges = {{0, 1}, {1, 2}, {0, 2}};
        LayoutOptions o;
        o.layerGap = 40;
        o.nodeGap = 20;
        const auto l = layoutDag(g, o);
        QVERIFY2(l.ok(), l.error.c_str());
        QCOMPARE(l.layer, (std::vector<int>{0, 1, 2}));
        const auto& longEdge = l.edges[2].points;
        QCOMPARE(longEdge.size(), std::size_t(4));
        // Through layer 1's band (y 70..130), beside node b.
        QCOMPARE(longEdge[1].y, 70.0);
        QCOMPARE(longEdge[2].y, 130.0);
        QCOMPARE(longEdge[1].x, longEdge[2].x);
        const auto& b = l.nodes[1];
        QVERIFY(longEdge[1].x >= b.x + b.width + 20 || longEdge[1].x <= b.x - 20);
    }

    void barycentreSweepsRemoveCrossings() {
        // Listed so that the first order crosses: 0 -> 3, 1 -> 2.
        LayoutGraph g;
        g.sizes.assign(4, {50, 20});
        g.edges = {{0, 3}, {1, 2}};
        const auto l = layoutDag(g);
        QVERIFY(l.ok());
        QCOMPARE(l.crossings, 0);
        QCOMPARE(l.order[0] < l.order[1], l.order[3] < l.order[2]);
        LayoutOptions noSweeps;
        noSweeps.orderSweeps = 0;
        QCOMPARE(layoutDag(g, noSweeps).crossings, 1);
    }

    void leftRightIsTopDownTransposed() {
        std::mt19937 rng(11);
        for (int seed = 0; seed < 50; ++seed) {
            LayoutGraph td = randomDag(rng);
            LayoutGraph lr = td;
            for (auto& s : lr.sizes)
                std::swap(s.width, s.height);
            LayoutOptions o;
            const auto a = layoutDag(td, o);
            o.direction = FlowDirection::LeftRight;
            const auto b = layoutDag(lr, o);
            QVERIFY(a.ok() && b.ok());
            QCOMPARE(a.width, b.height);
            QCOMPARE(a.height, b.width);
            for (std::size_t i = 0; i < a.nodes.size(); ++i)
                QCOMPARE(a.nodes[i], (LayoutRect{b.nodes[i].y, b.nodes[i].x, b.nodes[i].height,
                                                 b.nodes[i].width}));
            for (std::size_t e = 0; e < a.edges.size(); ++e) {
                QCOMPARE(a.edges[e].points.size(), b.edges[e].points.size());
                for (std::size_t p = 0; p < a.edges[e].points.size(); ++p)
                    QCOMPARE(a.edges[e].points[p],
                             (LayoutPoint{b.edges[e].points[p].y, b.edges[e].points[p].x}));
            }
        }
    }

    void randomDagsAreLaidOutCleanly() {
        for (int seed = 0; seed < 400; ++seed) {
            std::mt19937 rng{std::uint32_t(seed)};
            const LayoutGraph g = randomDag(rng);
            LayoutOptions o;
            o.direction = seed % 2 ? FlowDirection::LeftRight : FlowDirection::TopDown;
            o.nodeGap = double(seed % 3) * 10;
            const bool td = o.direction == FlowDirection::TopDown;
            const auto l = layoutDag(g, o);
            QVERIFY2(l.ok(), l.error.c_str());
            const std::string where = "seed " + std::to_string(seed);
            for (std::size_t i = 0; i < l.nodes.size(); ++i) {
                const auto& r = l.nodes[i];
                QCOMPARE(r.width, g.sizes[i].width);
                QCOMPARE(r.height, g.sizes[i].height);
                QVERIFY2(r.x >= -1e-9 && r.y >= -1e-9 && r.x + r.width <= l.width + 1e-9 &&
                             r.y + r.height <= l.height + 1e-9,
                         where.c_str());
                for (std::size_t j = i + 1; j < l.nodes.size(); ++j)
                    QVERIFY2(!overlaps(r, l.nodes[j]),
                             (where + " nodes " + std::to_string(i) + " and " + std::to_string(j))
                                 .c_str());
            }
            for (const auto& e : l.edges) {
                QVERIFY2(l.layer[std::size_t(e.from)] < l.layer[std::size_t(e.to)], where.c_str());
                const std::size_t span =
                    std::size_t(l.layer[std::size_t(e.to)] - l.layer[std::size_t(e.from)]);
                QCOMPARE(e.points.size(), 2 * span);
                for (std::size_t p = 1; p < e.points.size(); ++p) {
                    const double before = td ? e.points[p - 1].y : e.points[p - 1].x;
                    const double after = td ? e.points[p].y : e.points[p].x;
                    QVERIFY2(after >= before, where.c_str());
                }
            }
            // The sweeps keep the best order they saw: more sweeps never give more crossings.
            int previous = -1;
            for (int sweeps = 0; sweeps <= o.orderSweeps; ++sweeps) {
                LayoutOptions fewer = o;
                fewer.orderSweeps = sweeps;
                const int c = layoutDag(g, fewer).crossings;
                QVERIFY2(previous < 0 || c <= previous, where.c_str());
                previous = c;
            }
            QCOMPARE(l.crossings, previous);
            // Layers by longest path: a node's layer is one more than its highest predecessor.
            for (std::size_t v = 0; v < g.sizes.size(); ++v) {
                int expected = 0;
                for (const auto& [a, b] : g.edges)
                    if (b == int(v))
                        expected = std::max(expected, l.layer[std::size_t(a)] + 1);
                QCOMPARE(l.layer[v], expected);
            }
        }
    }

    void trainingGraphLayers() {
        // The training pipeline: load, split, matrices, fit, evaluate, save; two long edges.
        const StageGraph g = plannedTrainingGraph({});
        const auto l = layoutDag(stageLayoutGraph(g, std::vector<LayoutSize>(6, {160, 50})));
        QVERIFY2(l.ok(), l.error.c_str());
        QCOMPARE(l.layer, (std::vector<int>{0, 1, 2, 3, 4, 5}));
        const int matricesToEvaluate = 3, fitToSave = 5;
        QCOMPARE(g.edges[std::size_t(matricesToEvaluate)].to, std::string(stage::kEvaluate));
        QCOMPARE(l.edges[std::size_t(matricesToEvaluate)].points.size(), std::size_t(4));
        QCOMPARE(l.edges[std::size_t(fitToSave)].points.size(), std::size_t(4));
        QCOMPARE(l.crossings, 0);
        QCOMPARE(l.height, 6 * 50.0 + 5 * 48.0);
    }

    void rejectsCyclesAndBadEdges() {
        LayoutGraph g;
        g.sizes.assign(3, {10, 10});
        g.edges = {{0, 1}, {1, 2}, {2, 0}};
        QVERIFY(QString::fromStdString(layoutDag(g).error).contains("cycle"));
        g.edges = {{0, 5}};
        QVERIFY(!layoutDag(g).ok());
        g.edges = {{1, 1}};
        QVERIFY(!layoutDag(g).ok());
        QVERIFY(layoutDag(LayoutGraph{}).ok());
    }
};

QTEST_APPLESS_MAIN(TestPipelineLayout)
#include "tst_pipeline_layout.moc"
