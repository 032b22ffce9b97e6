// Evaluation metrics: every value checked against a tiny case worked out by hand.
#include "eval/BeyondAccuracy.h"
#include "eval/Metrics.h"
#include "eval/RankingMetrics.h"
#include "eval/TopK.h"

#include <QtTest>
#include <cmath>
#include <limits>

using namespace rs;

namespace {

/// A "model" with a fixed score table, so the ranking is known in advance.
class FixedScores : public Recommender {
public:
    explicit FixedScores(std::vector<std::vector<float>> s) : m_s(std::move(s)) {}
    std::string name() const override { return "fixed"; }
    std::vector<std::pair<std::string, std::string>> hyperParameters() const override { return {}; }
    bool setHyperParameter(const std::string&, const std::string&, std::string& e) override {
        e = "none";
        return false;
    }
    bool predictsRatings() const override { return true; }
    FitResult fit(const Interactions&, const FitOptions&, const Progress&) override { return {}; }
    float score(std::uint32_t u, std::uint32_t i) const override { return m_s[u][i]; }
    std::uint32_t numUsers() const override { return std::uint32_t(m_s.size()); }
    std::uint32_t numItems() const override { return std::uint32_t(m_s[0].size()); }
    ModelState save() const override { return {}; }
    bool load(const ModelState&, std::string&) override { return false; }

private:
    std::vector<std::vector<float>> m_s;
};

/// The hand-worked case: 3 users, 6 items. Rows 0..6 are train, rows 7..12 test.
///   train  u0: i0 5.0, i1 4.0     u1: i2 3.0     u2: i0 4.0, i3 5.0, i4 1.0, i5 2.0
///   test   u0: i3 5.0, i5 4.0, i4 2.0     u1: i0 4.5, i5 1.0     u2: i1 3.0
/// Every item has a train rating, so all six are candidates.
/// Popularity (train ratings): i0 2, others 1; 3 active users; 7 interactions.
RatingTable handTable() {
    RatingTable t;
    const std::vector<std::tuple<std::uint32_t, std::uint32_t, float>> rows = {
        {0, 0, 5.0f}, {0, 1, 4.0f}, {1, 2, 3.0f}, {2, 0, 4.0f}, {2, 3, 5.0f},
        {2, 4, 1.0f}, {2, 5, 2.0f}, {0, 3, 5.0f}, {0, 5, 4.0f}, {0, 4, 2.0f},
        {1, 0, 4.5f}, {1, 5, 1.0f}, {2, 1, 3.0f}};
    for (const auto& [u, i, v] : rows) {
        t.users.push_back(u);
        t.items.push_back(i);
        t.values.push_back(v);
    }
    t.userIds = {"a", "b", "c"};
    t.itemIds = {"0", "1", "2", "3", "4", "5"};
    return t;
}

const std::vector<std::uint32_t> kTrainRows = {0, 1, 2, 3, 4, 5, 6};
const std::vector<std::uint32_t> kTestRows = {7, 8, 9, 10, 11, 12};

/// u0: items 2 and 3 tie at 6 (lower index first); u1 ranks item 0 first.
FixedScores handModel() {
    return FixedScores({{9, 8, 6, 6, 5, 4}, {8.5f, 2, 9, 3, 8, 0.5f}, {1, 2, 3, 4, 5, 6}});
}

constexpr double kTol = 1e-5;

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT
private slots:
    void rankingValuesByHand() {
        // List [2, 3, 4], relevant {3, 5}, K = 3: one hit at rank 2.
        const std::vector<std::uint32_t> list = {2, 3, 4}, rel = {3, 5};
        const UserRankingValues v = rankingValues(list, rel, 3);
        QCOMPARE(v.precision, 1.0f / 3.0f);
        QCOMPARE(v.recall, 0.5f);
        // DCG = 1/log2(3) = 0.630930; IDCG = 1 + 1/log2(3) = 1.630930 -> 0.386853.
        QVERIFY(std::abs(v.ndcg - 0.386853) < kTol);
        // AP = precision@2 / min(3, 2) = 0.5 / 2.
        QVERIFY(std::abs(v.ap - 0.25) < kTol);
        QCOMPARE(v.hit, 1.0f);
        QCOMPARE(v.rr, 0.5f);
    }

    void rankingValuesShortListsAndMisses() {
        // Only 2 candidates but K = 5: precision still divides by K; ideal DCG uses
        // min(K, #relevant) = 3 positions. Hits at ranks 1 and 2.
        const std::vector<std::uint32_t> list = {7, 9}, rel = {7, 8, 9};
        const UserRankingValues v = rankingValues(list, rel, 5);
        QCOMPARE(v.precision, 2.0f / 5.0f);
        QVERIFY(std::abs(v.recall - 2.0 / 3.0) < kTol);
        // DCG = 1 + 0.630930 = 1.630930; IDCG = 1 + 0.630930 + 0.5 = 2.130930 -> 0.765360.
        QVERIFY(std::abs(v.ndcg - 0.765360) < kTol);
        // AP = (1/1 + 2/2) / min(5, 3) = 2/3.
        QVERIFY(std::abs(v.ap - 2.0 / 3.0) < kTol);
        QCOMPARE(v.rr, 1.0f);
        // A miss: everything zero.
        const std::vector<std::uint32_t> miss = {1, 2, 3}, rel2 = {4};
        const UserRankingValues m = rankingValues(miss, rel2, 3);
        QCOMPARE(m.precision + m.recall + m.ndcg + m.ap + m.hit + m.rr, 0.0f);
        // More relevant items than K: AP and the ideal DCG use min(K, #relevant) = 2.
        // List [1, 2, 3], K = 2, relevant {1, 5, 6, 7}: hit at rank 1.
        const std::vector<std::uint32_t> many = {1, 5, 6, 7}, l3 = {1, 2, 3};
        const UserRankingValues w = rankingValues(l3, many, 2);
        QCOMPARE(w.precision, 0.5f);
        QCOMPARE(w.recall, 0.25f);
        QVERIFY(std::abs(w.ap - 0.5) < kTol);        // 1/1 / 2 (not / 4)
        QVERIFY(std::abs(w.ndcg - 0.613147) < kTol); // 1 / (1 + 1/log2 3)
        // Hits beyond K do not count: list of 4 with K = 2, the hit at rank 3 is ignored.
        const std::vector<std::uint32_t> longer = {1, 2, 4, 5};
        QCOMPARE(rankingValues(longer, rel2, 2).hit, 0.0f);
    }

    void topKSelection() {
        const float nan = std::numeric_limits<float>::quiet_NaN();
        const std::vector<float> s = {3, nan, 5, 5, 1, 4, 0};
        std::vector<std::uint32_t> out, heap;
        // Ties (items 2 and 3 at 5) by lower index; NaN below everything.
        selectTopK(s, {}, {}, 3, out, heap);
        QCOMPARE(out, (std::vector<std::uint32_t>{2, 3, 5}));
        // Excluding 2 and 5, masking out 0.
        const std::vector<std::uint32_t> excl = {2, 5};
        const std::vector<char> allowed = {0, 1, 1, 1, 1, 1, 1};
        selectTopK(s, excl, allowed, 3, out, heap);
        QCOMPARE(out, (std::vector<std::uint32_t>{3, 4, 6}));
        // K larger than the candidates: all of them, NaN last.
        selectTopK(s, excl, allowed, 10, out, heap);
        QCOMPARE(out, (std::vector<std::uint32_t>{3, 4, 6, 1}));
        selectTopK(s, {}, {}, 0, out, heap);
        QVERIFY(out.empty());
    }

    void giniByHand() {
        QCOMPARE(gini({2, 2, 2}), 0.0);
        QCOMPARE(gini({0, 0, 0}), 0.0);
        QVERIFY(std::abs(gini({0, 0, 0, 5}) - 0.75) < 1e-12); // (n - 1) / n
        // Sorted [0,0,1,1,2,2]: sum (2i - 7) x_i = -1 + 1 + 6 + 10 = 16; 16 / (6 * 6).
        QVERIFY(std::abs(gini({2, 0, 1, 2, 0, 1}) - 16.0 / 36.0) < 1e-12);
    }

    void listExposureByHand() {
        // 4 items, item 2 without training interactions: candidates {0, 1, 3}.
        ItemPopularity pop;
        pop.count = {3, 1, 0, 2};
        // Item 0 is in all 3 lists, items 1 and 2 in one each, item 3 in none; the padding
        // (outside the catalogue) is ignored. Exposure [3, 1, 1, 0].
        const std::vector<std::uint32_t> a = {0, 1}, b = {0, 2}, c = {0, 0xffffffffu};
        const std::vector<std::span<const std::uint32_t>> lists = {a, b, c};
        // Candidates' exposure sorted [0, 1, 3]: sum (2i - 4) x_i = 0 + 0 + 2 * 3 = 6;
        // 6 / (3 * 4) = 0.5. Items 0 and 1 recommended: coverage 2/3.
        const ListExposure e = listExposure(pop, lists);
        QCOMPARE(e.candidates, std::size_t(3));
        QVERIFY(std::abs(e.gini - 0.5) < 1e-12);
        QVERIFY(std::abs(e.coverage - 2.0 / 3.0) < 1e-12);
        // With cold items every item is a candidate: sorted [0, 1, 1, 3], sum (2i - 5) x_i
        // = 0 - 1 + 1 + 9 = 9; 9 / (4 * 5) = 0.45. Coverage 3/4.
        const ListExposure cold = listExposure(pop, lists, true);
        QCOMPARE(cold.candidates, std::size_t(4));
        QVERIFY(std::abs(cold.gini - 0.45) < 1e-12);
        QVERIFY(std::abs(cold.coverage - 0.75) < 1e-12);
        // No lists: nothing covered, all exposures 0 -> Gini 0.
        const ListExposure none = listExposure(pop, {});
        QCOMPARE(none.candidates, std::size_t(3));
        QCOMPARE(none.gini, 0.0);
        QCOMPARE(none.coverage, 0.0);
        // No candidates at all.
        const ListExposure empty = listExposure(ItemPopularity{}, lists);
        QCOMPARE(empty.candidates, std::size_t(0));
        QCOMPARE(empty.gini, 0.0);
        QCOMPARE(empty.coverage, 0.0);
    }

    void popularityAndShortHead() {
        const RatingTable t = handTable();
        const Interactions train = Interactions::fromTable(t, kTrainRows);
        const ItemPopularity p = ItemPopularity::fromTrain(train);
        QCOMPARE(p.count, (std::vector<std::uint32_t>{2, 1, 1, 1, 1, 1}));
        QCOMPARE(p.activeUsers, 3u);
        QCOMPARE(p.interactions, std::uint64_t(7));
        // 20% of 7 = 1.4: item 0 alone (2 interactions) reaches it.
        QCOMPARE(p.shortHead, (std::vector<char>{1, 0, 0, 0, 0, 0}));
        QVERIFY(std::abs(p.selfInformation(0) - 0.5849625) < kTol); // -log2(2/3)
        QVERIFY(std::abs(p.selfInformation(1) - 1.5849625) < kTol); // log2(3)
        // Cosine of train columns: i0 = (5, 0, 4) and i4 = (0, 0, 1): 4 / sqrt(41).
        const ItemCosine cos(train);
        QVERIFY(std::abs(cos(0, 4) - 4.0 / std::sqrt(41.0)) < kTol);
        QVERIFY(std::abs(cos(3, 4) - 1.0) < kTol);
        QCOMPARE(cos(2, 3), 0.0f);
    }

    void evaluateByHand() {
        const RatingTable t = handTable();
        const Interactions train = Interactions::fromTable(t, kTrainRows);
        const FixedScores model = handModel();
        EvalOptions o;
        o.k = 3;
        o.threads = 1;
        const EvaluationResult r = evaluate(model, train, t, kTestRows, o);
        QVERIFY2(r.error.empty(), r.error.c_str());
        const RankingMetrics& m = r.ranking;
        QCOMPARE(
            m.protocol,
            std::string("full ranking over unrated train items, relevant = rating >= 4.0, K=3"));
        // u0: relevant {3, 5}, list [2, 3, 4] (2 before 3 on the tie): hit at rank 2.
        // u1: relevant {0}, list [0, 4, 3]: hit at rank 1. u2: no relevant test item.
        QCOMPARE(m.users, (std::vector<std::uint32_t>{0, 1}));
        QCOMPARE(m.evaluatedUsers, std::size_t(2));
        QCOMPARE(m.usersWithoutRelevant, std::size_t(1));
        QCOMPARE(m.candidateItems, std::size_t(6));
        QCOMPARE(m.lists, (std::vector<std::uint32_t>{2, 3, 4, 0, 4, 3}));
        // Per user: P 1/3, 1/3; R 1/2, 1; NDCG 0.386853, 1; AP 0.25, 1; HR 1, 1; RR 1/2, 1.
        QVERIFY(std::abs(m.meanPrecision - 1.0 / 3.0) < kTol);
        QVERIFY(std::abs(m.meanRecall - 0.75) < kTol);
        QVERIFY(std::abs(m.meanNdcg - (0.386853 + 1.0) / 2) < kTol);
        QVERIFY(std::abs(m.map - 0.625) < kTol);
        QVERIFY(std::abs(m.hitRate - 1.0) < kTol);
        QVERIFY(std::abs(m.mrr - 0.75) < kTol);
        QCOMPARE(m.ndcg.size(), std::size_t(2));
        QVERIFY(std::abs(m.ndcg[0] - 0.386853) < kTol);
        QCOMPARE(m.ndcg[1], 1.0f);

        // Coverage: {0, 2, 3, 4} of 6. Exposure [1,0,1,2,2,0] -> Gini 16/36 (see giniByHand).
        QVERIFY(std::abs(m.coverage - 4.0 / 6.0) < kTol);
        QVERIFY(std::abs(m.gini - 16.0 / 36.0) < kTol);
        // Novelty: u0 all pop 1 -> log2 3 = 1.584963; u1 (0.584963 + 2 * 1.584963) / 3
        // = 1.251630; mean 1.418296.
        QVERIFY(std::abs(m.novelty[0] - 1.584963) < kTol);
        QVERIFY(std::abs(m.novelty[1] - 1.251630) < kTol);
        QVERIFY(std::abs(m.meanNovelty - 1.418296) < kTol);
        // ARP: u0 (1+1+1)/3 = 1, u1 (2+1+1)/3 = 4/3. Long tail (head = {0}): 1 and 2/3.
        QVERIFY(std::abs(m.meanArp - (1.0 + 4.0 / 3.0) / 2) < kTol);
        QVERIFY(std::abs(m.meanLongTail - (1.0 + 2.0 / 3.0) / 2) < kTol);
        // ILD with train-column cosine: u0 pairs (2,3) 0, (2,4) 0, (3,4) 1 -> 2/3;
        // u1 pairs (0,4) and (0,3) 4/sqrt(41) = 0.624695, (4,3) 1 -> 2 (1 - 0.624695) / 3.
        QVERIFY(std::abs(m.diversity[0] - 2.0 / 3.0) < kTol);
        QVERIFY(std::abs(m.diversity[1] - 0.250203) < kTol);

        // Rating metrics over the 6 test pairs: errors 1, 0, 3, 4, -0.5, -1.
        // SSE 27.25 -> RMSE sqrt(27.25 / 6) = 2.131119; MAE 9.5 / 6.
        QVERIFY(r.rating.computed);
        QCOMPARE(r.rating.pairs, std::size_t(6));
        QVERIFY(std::abs(r.rating.rmse - 2.131119) < kTol);
        QVERIFY(std::abs(r.rating.mae - 9.5 / 6.0) < kTol);
        QCOMPARE(r.rating.users, (std::vector<std::uint32_t>{0, 1, 2}));
        QVERIFY(std::abs(r.rating.userRmse[0] - std::sqrt(10.0 / 3.0)) < kTol);
        QVERIFY(std::abs(r.rating.userRmse[1] - std::sqrt(8.125)) < kTol);
        QVERIFY(std::abs(r.rating.userMae[2] - 1.0) < kTol);

        // The summary carries the same numbers under display names.
        bool found = false;
        for (const auto& [name, value] : r.summary())
            if (name == "NDCG@3") {
                found = true;
                QCOMPARE(value, m.meanNdcg);
            }
        QVERIFY(found);
        QCOMPARE(r.perUserSeries().size(), std::size_t(12));
    }

    void threadsDoNotChangeResults() {
        const RatingTable t = handTable();
        const Interactions train = Interactions::fromTable(t, kTrainRows);
        const FixedScores model = handModel();
        EvalOptions o;
        o.k = 2;
        o.threads = 1;
        const EvaluationResult one = evaluate(model, train, t, kTestRows, o);
        o.threads = 2;
        const EvaluationResult two = evaluate(model, train, t, kTestRows, o);
        QCOMPARE(one.ranking.lists, two.ranking.lists);
        QCOMPARE(one.ranking.ndcg, two.ranking.ndcg);
        QCOMPARE(one.ranking.diversity, two.ranking.diversity);
        QCOMPARE(one.ranking.gini, two.ranking.gini);
    }

    void implicitRelevanceAndCustomSimilarity() {
        const RatingTable t = handTable();
        const Interactions train = Interactions::fromTable(t, kTrainRows);
        const FixedScores model = handModel();
        EvalOptions o;
        o.k = 3;
        o.allRelevant = true;
        o.ratingMetrics = false;
        o.similarity = [](std::uint32_t, std::uint32_t) { return 0.25f; };
        const EvaluationResult r = evaluate(model, train, t, kTestRows, o);
        QVERIFY(!r.rating.computed);
        QCOMPARE(
            r.ranking.protocol,
            std::string("full ranking over unrated train items, relevant = every test item, K=3"));
        // Now u2 counts too: its relevant {1}, its train {0,3,4,5}, list [2, 1] (only two
        // candidates): hit at rank 2 -> P 1/3, R 1, RR 1/2. u0: relevant {3,4,5}, list
        // [2,3,4] -> 2 hits, R 2/3.
        QCOMPARE(r.ranking.users, (std::vector<std::uint32_t>{0, 1, 2}));
        QCOMPARE(r.ranking.usersWithoutRelevant, std::size_t(0));
        QVERIFY(std::abs(r.ranking.recall[0] - 2.0 / 3.0) < kTol);
        QVERIFY(std::abs(r.ranking.recall[2] - 1.0) < kTol);
        QVERIFY(std::abs(r.ranking.precision[2] - 1.0 / 3.0) < kTol);
        QCOMPARE(r.ranking.rr[2], 0.5f);
        QCOMPARE(r.ranking.lists[8], RankingMetrics::kNoItem);
        // Every pair 1 - 0.25.
        QVERIFY(std::abs(r.ranking.meanDiversity - 0.75) < kTol);
    }

    void thresholdAndColdItems() {
        // Item 5 loses its only train rating: it is no longer a candidate unless asked for.
        RatingTable t = handTable();
        const std::vector<std::uint32_t> train5 = {0, 1, 2, 3, 4, 5};
        const Interactions train = Interactions::fromTable(t, train5);
        const FixedScores model({{0, 0, 0, 0, 0, 9}, {0, 0, 0, 0, 0, 9}, {0, 0, 0, 0, 0, 9}});
        EvalOptions o;
        o.k = 1;
        o.threshold = 4.5; // u0: {3}; u1: {0}; u2: none
        EvaluationResult r = evaluate(model, train, t, kTestRows, o);
        QCOMPARE(r.ranking.candidateItems, std::size_t(5));
        QCOMPARE(r.ranking.users, (std::vector<std::uint32_t>{0, 1}));
        QVERIFY(r.ranking.protocol.find("rating >= 4.5") != std::string::npos);
        QCOMPARE(r.ranking.lists, (std::vector<std::uint32_t>{2, 0})); // ties: lowest index
        o.rankColdItems = true;
        r = evaluate(model, train, t, kTestRows, o);
        QCOMPARE(r.ranking.candidateItems, std::size_t(6));
        QCOMPARE(r.ranking.lists, (std::vector<std::uint32_t>{5, 5}));
        QCOMPARE(r.ranking.coverage, 1.0 / 6.0);
    }

    void cancelAndErrors() {
        const RatingTable t = handTable();
        const Interactions train = Interactions::fromTable(t, kTrainRows);
        const FixedScores model = handModel();
        EvalOptions o;
        Progress stop{[](double, std::string_view) { return false; }};
        const EvaluationResult c = evaluate(model, train, t, kTestRows, o, stop);
        QVERIFY(c.cancelled);
        QVERIFY(!c.ranking.computed);
        QVERIFY(!c.rating.computed);

        // Cancelled during the ranking stage (after the rating metrics were done).
        int calls = 0;
        Progress late{[&calls](double, std::string_view stage) {
            ++calls;
            return stage != "ranking";
        }};
        const EvaluationResult c2 = evaluate(model, train, t, kTestRows, o, late);
        QVERIFY(c2.cancelled);
        QVERIFY(calls >= 2);
        QVERIFY(!c2.ranking.computed && !c2.rating.computed);

        const FixedScores small({{1, 2}, {3, 4}, {5, 6}});
        QVERIFY(!evaluate(small, train, t, kTestRows, o).error.empty());
        const std::vector<std::uint32_t> bad = {99};
        QVERIFY(!evaluate(model, train, t, bad, o).error.empty());
        o.k = 0;
        QVERIFY(!evaluate(model, train, t, kTestRows, o).error.empty());
    }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
