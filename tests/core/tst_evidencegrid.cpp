// Evidence grids (issue 5): the grid's cells are exactly the explanations' evidence, columns
// follow the recommendation order, comparisons share rows and columns, and the per-column
// agreement is Spearman's rank correlation, checked against hand-computed values. A test-local
// model with exact, hand-checkable terms keeps these tests independent of the model explainers.
#include "LinearTermsModel.h"
#include "ModelsTestData.h"
#include "TestFiles.h"
#include "explain/EvidenceGrid.h"
#include "explain/Explainer.h"
#include "import/ImportJob.h"
#include "store/Workspace.h"
#include "train/RunContext.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <stdexcept>

using namespace rs;

namespace {

/// The exact terms of W(j, i) * (r_uj - 3) (ratings above 3 pull an item up, ratings below
/// push it down), evidence only where W(j, i) != 0 (so the grid must put 0 where an
/// explanation is silent).
class TermsExplainer : public test::LinearTermsExplainer {
public:
    explicit TermsExplainer(const RunContext& ctx)
        : LinearTermsExplainer(ctx, {"term", "exact terms of the test model", true, false}) {}
};

constexpr std::uint32_t kItems = 12;

/// W(j, i) = ((3 j + 5 i) mod 7) - 2 for i != j, 0 on the diagonal, times `scale`; zero
/// entries exist off the diagonal too ((3j + 5i) mod 7 == 2).
std::vector<double> patternWeights(double scale) {
    std::vector<double> w(kItems * kItems);
    for (std::uint32_t j = 0; j < kItems; ++j)
        for (std::uint32_t i = 0; i < kItems; ++i)
            w[j * kItems + i] = i == j ? 0.0 : scale * double(int((3 * j + 5 * i) % 7) - 2);
    return w;
}

/// Three users. User 0 rates items 0, 2, 3, 7 with 5, 1, 4, 2 (ratings - 3 = 2, -2, 1, -1).
std::vector<test::Triple> baseRatings() {
    return {{0, 0, 5.f}, {0, 2, 1.f}, {0, 3, 4.f}, {0, 7, 2.f}, {1, 1, 4.f},
            {1, 4, 2.f}, {2, 5, 5.f}, {2, 6, 3.f}, {2, 9, 1.f}};
}

std::unique_ptr<RunContext> makeContext(const std::vector<test::Triple>& ratings,
                                        std::vector<double> w, std::int64_t runId) {
    auto ctx = std::make_unique<RunContext>();
    ctx->run.id = runId;
    ctx->run.datasetId = 1;
    ctx->train = test::makeInteractions(3, kItems, ratings);
    ctx->model = std::make_unique<test::LinearTermsModel>("terms-test", kItems, std::move(w), 3.0);
    ctx->model->fit(ctx->train, {}, {});
    for (std::uint32_t u = 0; u < 3; ++u)
        ctx->userIds.push_back("u" + std::to_string(u));
    for (std::uint32_t i = 0; i < kItems; ++i)
        ctx->items.push_back({"i" + std::to_string(i), "Item " + std::to_string(i),
                              i % 2 ? "Drama" : "Comedy|Drama"});
    return ctx;
}

ExplainOptions noCounterfactual() {
    ExplainOptions o;
    o.counterfactual = false;
    return o;
}

double evidenceOf(const Explanation& e, std::uint32_t item) {
    for (const EvidenceItem& ev : e.evidence)
        if (ev.item == item)
            return ev.contribution;
    return 0.0;
}

} // namespace

class TestEvidenceGrid : public QObject {
    Q_OBJECT

private slots:
    void cellsEqualTheExplanationsEvidence() {
        auto ctx = makeContext(baseRatings(), patternWeights(1.0), 7);
        TermsExplainer explainer(*ctx);
        const auto columns = topColumns(*ctx, 0, 6);
        QCOMPARE(int(columns.size()), 6);
        const EvidenceGrid grid = buildEvidenceGrid(explainer, 0, columns, {});
        QVERIFY(!grid.cancelled);
        QCOMPARE(grid.model, std::string("terms-test"));
        QCOMPARE(grid.runId, std::int64_t(7));
        QCOMPARE(grid.userId, std::string("u0"));
        QCOMPARE(int(grid.method), int(EvidenceMethod::ExactTerms));
        QCOMPARE(grid.note, std::string("exact terms of the test model"));
        QVERIFY(grid.signedValues);
        // Rows: the user's training items, ascending, with their ratings and labels.
        QCOMPARE(int(grid.rowCount()), 4);
        const std::uint32_t rowItems[] = {0, 2, 3, 7};
        const float rowRatings[] = {5, 1, 4, 2};
        for (int r = 0; r < 4; ++r) {
            QCOMPARE(grid.rows[r].item, rowItems[r]);
            QCOMPARE(grid.rows[r].rating, rowRatings[r]);
            QVERIFY(grid.rows[r].inHistory);
            QCOMPARE(grid.rows[r].title, "Item " + std::to_string(rowItems[r]));
        }
        QCOMPARE(grid.values.size(), grid.rowCount() * grid.columnCount());
        int zeros = 0;
        for (std::size_t c = 0; c < grid.columnCount(); ++c) {
            const Explanation e = explainer.explain(0, columns[c], noCounterfactual());
            QCOMPARE(grid.columns[c].item, columns[c]);
            QCOMPARE(grid.columns[c].score, e.score);
            QCOMPARE(grid.columns[c].evidenceCount, int(e.evidence.size()));
            for (std::size_t r = 0; r < grid.rowCount(); ++r) {
                QCOMPARE(grid.value(r, c), evidenceOf(e, grid.rows[r].item));
                // ... and by hand: W(j, i) * (r_uj - 3).
                const std::uint32_t j = grid.rows[r].item, i = columns[c];
                const double hand = (int((3 * j + 5 * i) % 7) - 2) * (rowRatings[r] - 3.0);
                QCOMPARE(grid.value(r, c), hand);
                zeros += grid.value(r, c) == 0.0;
            }
        }
        QVERIFY(zeros > 0); // the silent rows are 0
        // A hand-checked cell: history item 3 (rating 4) for the first column.
        const std::uint32_t i0 = columns[0];
        QCOMPARE(grid.value(2, 0), double(int((9 + 5 * i0) % 7) - 2) * 1.0);
    }

    void columnsFollowTheRecommendationOrder() {
        auto ctx = makeContext(baseRatings(), patternWeights(1.0), 1);
        TermsExplainer explainer(*ctx);
        const auto recs = ctx->recommend(0, 5);
        const auto columns = topColumns(*ctx, 0, 5);
        QCOMPARE(columns.size(), recs.size());
        const EvidenceGrid grid = buildEvidenceGrid(explainer, 0, columns, {});
        for (std::size_t c = 0; c < recs.size(); ++c) {
            QCOMPARE(columns[c], recs[c].item);
            QCOMPARE(grid.columns[c].item, recs[c].item);
            QCOMPARE(grid.columns[c].rank, int(c) + 1);
            QCOMPARE(float(grid.columns[c].score), recs[c].score);
            if (c > 0)
                QVERIFY(grid.columns[c].score <= grid.columns[c - 1].score);
        }
        // Training items are never default columns.
        for (std::uint32_t item : topColumns(*ctx, 0, int(kItems)))
            QVERIFY(item != 0 && item != 2 && item != 3 && item != 7);
        QCOMPARE(int(topColumns(*ctx, 0, int(kItems)).size()), int(kItems) - 4);
        QVERIFY(topColumns(*ctx, 0, 0).empty());
    }

    void givenColumnsAndRowsAreKept() {
        auto ctx = makeContext(baseRatings(), patternWeights(1.0), 1);
        TermsExplainer explainer(*ctx);
        // Any items as columns, in the given order, a rated one included (rank 0).
        const std::vector<std::uint32_t> columns = {11, 3, 5};
        // Rows: two history items and one the user never rated.
        const std::vector<std::uint32_t> rows = {7, 10, 0};
        const EvidenceGrid grid = buildEvidenceGrid(explainer, 0, rows, columns, {});
        QCOMPARE(grid.columns[0].item, 11u);
        QCOMPARE(grid.columns[1].item, 3u);
        QCOMPARE(grid.columns[1].rank, 0);
        QVERIFY(grid.columns[0].rank > 0);
        QCOMPARE(grid.rows[0].item, 7u);
        QCOMPARE(grid.rows[1].item, 10u);
        QVERIFY(!grid.rows[1].inHistory);
        QCOMPARE(grid.rows[1].rating, 0.0f);
        QVERIFY(grid.rows[2].inHistory);
        QCOMPARE(grid.rows[2].rating, 5.0f);
        for (std::size_t c = 0; c < 3; ++c)
            QCOMPARE(grid.value(1, c), 0.0);
        // W(7, 11) = ((21 + 55) mod 7) - 2 = 6 - 2 = 4; rating 2 -> 4 * (2 - 3) = -4.
        QCOMPARE(grid.value(0, 0), -4.0);
        // W(0, 5) = (25 mod 7) - 2 = 2; rating 5 -> 2 * 2 = 4.
        QCOMPARE(grid.value(2, 2), 4.0);
        const std::vector<std::uint32_t> twice = {7, 7};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 buildEvidenceGrid(explainer, 0, twice, columns, {}));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, buildEvidenceGrid(explainer, 9, columns, {}));
    }

    void cancelKeepsAConsistentShape() {
        auto ctx = makeContext(baseRatings(), patternWeights(1.0), 1);
        TermsExplainer explainer(*ctx);
        const auto columns = topColumns(*ctx, 0, 6);
        int calls = 0;
        Progress stopAfterTwo{[&calls](double, std::string_view) { return ++calls <= 2; }};
        const EvidenceGrid grid = buildEvidenceGrid(explainer, 0, columns, stopAfterTwo);
        QVERIFY(grid.cancelled);
        QCOMPARE(int(grid.columnCount()), 2);
        QCOMPARE(grid.values.size(), grid.rowCount() * 2);
        const EvidenceGrid full = buildEvidenceGrid(explainer, 0, columns, {});
        for (std::size_t r = 0; r < grid.rowCount(); ++r)
            for (std::size_t c = 0; c < 2; ++c)
                QCOMPARE(grid.value(r, c), full.value(r, c));
    }

    void sharesAreNormalisedMagnitudes() {
        EvidenceGrid g;
        g.rows.resize(3);
        g.columns.resize(2);
        g.values = {2.0, 0.0, -1.0, 0.0, 1.0, 0.0}; // columns: (2, -1, 1) and (0, 0, 0)
        g.signedValues = true;
        const EvidenceGrid s = evidenceShares(g);
        QVERIFY(!s.signedValues);
        QCOMPARE(s.value(0, 0), 0.5);
        QCOMPARE(s.value(1, 0), 0.25);
        QCOMPARE(s.value(2, 0), 0.25);
        for (std::size_t r = 0; r < 3; ++r)
            QCOMPARE(s.value(r, 1), 0.0);
    }

    void weightsAreTheAttentionWhenThereIsOne() {
        EvidenceGrid g;
        g.rows.resize(3);
        g.columns.resize(2);
        g.values = {2.0, 0.0, -1.0, 0.0, 1.0, 0.0};
        g.signedValues = true;
        // Without attention: the shares.
        const EvidenceGrid shares = evidenceWeights(g);
        QCOMPARE(shares.values, evidenceShares(g).values);
        // With attention: the model's own weights, not a function of the values.
        g.attention = {0.7, 0.1, 0.2, 0.3, 0.1, 0.6};
        const EvidenceGrid w = evidenceWeights(g);
        QVERIFY(!w.signedValues);
        QCOMPARE(w.values, g.attention);
        QCOMPARE(w.value(2, 1), 0.6);
    }

    void rankCorrelationMatchesHandValues() {
        // No ties: ranks (1 2 3 4) vs (1 3 2 4): 1 - 6 * 2 / (4 * 15) = 0.8.
        const std::vector<double> a = {10, 20, 30, 40}, b = {1, 3, 2, 4};
        QCOMPARE(rankCorrelation(a, b), 0.8);
        // Ties get average ranks: (1 2.5 2.5 4) vs (1 2 3 4) -> 4.5 / sqrt(4.5 * 5) = 3/sqrt(10).
        const std::vector<double> t = {1, 2, 2, 3}, u = {1, 2, 3, 4};
        QVERIFY(std::abs(rankCorrelation(t, u) - 3.0 / std::sqrt(10.0)) < 1e-12);
        // Monotone transforms do not matter; a reversal gives -1.
        const std::vector<double> cubes = {-8, 1, 27, 1000}, rev = {4, 3, 2, 1};
        QCOMPARE(rankCorrelation(a, cubes), 1.0);
        QCOMPARE(rankCorrelation(a, rev), -1.0);
        // NaN pairs are left out: (1, 3), (2, 2), (3, 1) remain.
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const std::vector<double> x = {1, nan, 2, 3}, y = {3, 5, 2, 1};
        QCOMPARE(rankCorrelation(x, y), -1.0);
        // Undefined for a constant series and for fewer than two pairs.
        const std::vector<double> flat = {2, 2, 2, 2};
        QVERIFY(std::isnan(rankCorrelation(a, flat)));
        const std::vector<double> one = {1}, other = {2};
        QVERIFY(std::isnan(rankCorrelation(one, other)));
        const std::vector<double> shorter = {1, 2};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rankCorrelation(a, shorter));
    }

    void columnAgreementUsesSharedHistoryRows() {
        EvidenceGrid a, b;
        for (std::uint32_t r = 0; r < 5; ++r) {
            EvidenceRow row;
            row.item = r;
            a.rows.push_back(row);
            b.rows.push_back(row);
        }
        a.columns.resize(2);
        b.columns.resize(2);
        a.columns[0].item = b.columns[0].item = 10;
        a.columns[1].item = b.columns[1].item = 11;
        // Column 0: a = (1 2 3 4 9), b = (10 30 20 40 -5); row 4 is not in b's history.
        // Over rows 0..3: ranks (1 2 3 4) vs (1 3 2 4) -> 0.8.
        // Column 1: a = (4 3 2 1 0), b = (1 2 3 4 0) -> -1 over rows 0..3.
        a.values = {1, 4, 2, 3, 3, 2, 4, 1, 9, 0};
        b.values = {10, 1, 30, 2, 20, 3, 40, 4, -5, 0};
        b.rows[4].inHistory = false;
        const auto agree = columnAgreement(a, b);
        QCOMPARE(int(agree.size()), 2);
        QCOMPARE(agree[0], 0.8);
        QCOMPARE(agree[1], -1.0);
        // With row 4 shared, column 0 becomes (1 2 3 4 5) vs (2 4 3 5 1): sum d^2 = 1+4+0+1+16.
        b.rows[4].inHistory = true;
        QVERIFY(std::abs(columnAgreement(a, b)[0] - (1.0 - 6.0 * 22.0 / (5.0 * 24.0))) < 1e-12);
        b.columns[1].item = 12;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, columnAgreement(a, b));
    }

    void comparisonSharesRowsAndColumns() {
        // Run 1 and run 2 share the weights up to a factor of 3 (so they agree perfectly);
        // run 3 negates them (perfect disagreement). Run 2's split left item 7 out of user 0's
        // training history and put item 10 in.
        auto ratings2 = baseRatings();
        ratings2.erase(std::remove_if(ratings2.begin(), ratings2.end(),
                                      [](const test::Triple& t) {
                                          return std::get<0>(t) == 0 && std::get<1>(t) == 7;
                                      }),
                       ratings2.end());
        ratings2.emplace_back(0, 10, 5.f);
        auto c1 = makeContext(baseRatings(), patternWeights(1.0), 1);
        auto c2 = makeContext(ratings2, patternWeights(3.0), 2);
        auto c3 = makeContext(baseRatings(), patternWeights(-1.0), 3);
        TermsExplainer e1(*c1), e2(*c2), e3(*c3);
        const std::vector<const Explainer*> explainers = {&e1, &e2, &e3};
        const std::vector<std::uint32_t> columns = {1, 4, 5, 11};
        const GridComparison cmp = compareGrids(explainers, 0, columns, {});
        QVERIFY2(cmp.error.empty(), cmp.error.c_str());
        QVERIFY(!cmp.cancelled);
        QCOMPARE(int(cmp.grids.size()), 3);
        // Same rows (union of histories: 0 2 3 7 10) and columns in every grid.
        const std::vector<std::uint32_t> unionRows = {0, 2, 3, 7, 10};
        for (const EvidenceGrid& g : cmp.grids) {
            QCOMPARE(int(g.rowCount()), 5);
            for (std::size_t r = 0; r < 5; ++r)
                QCOMPARE(g.rows[r].item, unionRows[r]);
            for (std::size_t c = 0; c < columns.size(); ++c)
                QCOMPARE(g.columns[c].item, columns[c]);
        }
        QVERIFY(!cmp.grids[0].rows[4].inHistory);
        QVERIFY(cmp.grids[1].rows[4].inHistory);
        QVERIFY(!cmp.grids[1].rows[3].inHistory);
        QCOMPARE(cmp.grids[1].rows[4].rating, 5.0f);
        // Run 2's cell for (item 0, column 1) is 3x run 1's: W(0,1) = 5 - 2 = 3, rating 5.
        QCOMPARE(cmp.grids[0].value(0, 0), 6.0);
        QCOMPARE(cmp.grids[1].value(0, 0), 18.0);
        QCOMPARE(cmp.grids[2].value(0, 0), -6.0);
        // Pairs (0,1), (0,2), (1,2); agreement by hand from the grids.
        QCOMPARE(int(cmp.pairs.size()), 3);
        QCOMPARE(int(cmp.pairs[1].first), 0);
        QCOMPARE(int(cmp.pairs[1].second), 2);
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const double p01 = cmp.pairs[0].perColumn[c], p02 = cmp.pairs[1].perColumn[c];
            // Shared rows of runs 1 and 2: items 0, 2, 3 -> scaling keeps the ranks.
            if (!std::isnan(p01))
                QCOMPARE(p01, 1.0);
            if (!std::isnan(p02))
                QCOMPARE(p02, -1.0);
            std::vector<double> x, y;
            for (std::size_t r = 0; r < 3; ++r) {
                x.push_back(cmp.grids[0].value(r, c));
                y.push_back(cmp.grids[1].value(r, c));
            }
            const double expected = rankCorrelation(x, y);
            QCOMPARE(std::isnan(p01), std::isnan(expected));
        }
        QCOMPARE(cmp.pairs[0].mean, 1.0);
        QCOMPARE(cmp.pairs[1].mean, -1.0);

        // Runs of different datasets cannot be compared.
        c3->run.datasetId = 2;
        const GridComparison bad = compareGrids(explainers, 0, columns, {});
        QVERIFY(!bad.error.empty());
        QVERIFY(bad.grids.empty());
    }

    void ratingTimesComeFromTheWorkspace() {
        QTemporaryDir dir;
        Workspace ws(dir.filePath("w.recscope").toStdString());
        ImportOptions o;
        o.datasetName = "times";
        o.ratingsPath = test::writeFile(dir, "r.csv",
                                        "user,item,rating,timestamp\n"
                                        "7,100,4,1500\n7,200,2,1200\n8,100,5,1700\n")
                            .toStdString();
        const auto imported = importRatings(ws, o, {});
        QVERIFY2(imported.status == ImportStatus::Ok, imported.error.c_str());
        EvidenceGrid g;
        g.datasetId = imported.datasetId;
        g.userId = "7";
        for (const char* id : {"200", "100", "300"}) {
            EvidenceRow row;
            row.itemId = id;
            g.rows.push_back(row);
        }
        QVERIFY(addRatingTimes(g, ws));
        QVERIFY(g.rows[0].hasTimestamp);
        QCOMPARE(g.rows[0].timestamp, std::int64_t(1200));
        QCOMPARE(g.rows[1].timestamp, std::int64_t(1500));
        QVERIFY(!g.rows[2].hasTimestamp);
    }
};

QTEST_APPLESS_MAIN(TestEvidenceGrid)
#include "tst_evidencegrid.moc"
