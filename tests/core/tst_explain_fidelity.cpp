// The model-independent half of explanations (issue 4): what-if rankings, explain(), the greedy
// counterfactual, deletion curves, batch fidelity and factor profiles, checked against brute
// force and hand-computed values. A test-local linear item-to-item model has exactly known
// re-solves, so these tests do not depend on the model-specific explainers.
#include "LinearTermsModel.h"
#include "ModelsTestData.h"
#include "explain/Explainer.h"
#include "models/BiasedMf.h"
#include "models/ImplicitAls.h"
#include "models/Rng.h"
#include "train/RunContext.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

using namespace rs;

namespace {

/// Exact terms of W(j, i) * r_uj, handed to explain() in reverse order (it must sort them).
class LinearExplainer : public test::LinearTermsExplainer {
public:
    explicit LinearExplainer(const RunContext& ctx)
        : LinearTermsExplainer(ctx, {"history item", "", false, true}) {}
};

std::unique_ptr<RunContext> makeContext(std::uint32_t users, std::uint32_t items,
                                        const std::vector<test::Triple>& ratings,
                                        std::vector<double> w) {
    auto ctx = std::make_unique<RunContext>();
    ctx->train = test::makeInteractions(users, items, ratings);
    ctx->model = std::make_unique<test::LinearTermsModel>("linear-test", items, std::move(w));
    ctx->model->fit(ctx->train, {}, {});
    for (std::uint32_t u = 0; u < users; ++u)
        ctx->userIds.push_back("u" + std::to_string(u));
    for (std::uint32_t i = 0; i < items; ++i)
        ctx->items.push_back({"i" + std::to_string(i), "Item " + std::to_string(i), ""});
    return ctx;
}

/// Random users with 6..14 ratings (1..5) over `items` items; integer weights in -1..3 so that
/// equal scores are common; the last item's weights are NaN (its score is NaN for everyone).
std::unique_ptr<RunContext> randomContext(std::uint32_t users, std::uint32_t items,
                                          std::uint64_t seed) {
    Rng rng(seed);
    std::vector<test::Triple> ratings;
    for (std::uint32_t u = 0; u < users; ++u) {
        std::vector<std::uint32_t> all(items - 1);
        for (std::uint32_t i = 0; i + 1 < items; ++i)
            all[i] = i;
        rng.shuffle(all.data(), all.size());
        const std::uint32_t n = std::min(6 + rng.below(9), items - 1);
        for (std::uint32_t t = 0; t < n; ++t)
            ratings.emplace_back(u, all[t], float(1 + rng.below(5)));
    }
    std::vector<double> w(std::size_t(items) * items);
    for (std::uint32_t j = 0; j < items; ++j)
        for (std::uint32_t i = 0; i < items; ++i)
            w[std::size_t(j) * items + i] = i + 1 == items
                                                ? std::numeric_limits<double>::quiet_NaN()
                                                : double(int(rng.below(5)) - 1);
    return makeContext(users, items, ratings, std::move(w));
}

/// The hand-made case: user 0 rates h1..h4 (items 1..4) with 1. Target T = item 0 gets 3, 2, 1,
/// 0 from h1..h4; h4 gives C1..C6 (items 5..10) 5.5, 4.5, ..., 0.5; items 11..14 stay at 0.
std::unique_ptr<RunContext> handContext() {
    const std::uint32_t items = 15;
    std::vector<double> w(items * items, 0.0);
    auto set = [&](std::uint32_t j, std::uint32_t i, double v) { w[j * items + i] = v; };
    set(1, 0, 3);
    set(2, 0, 2);
    set(3, 0, 1);
    for (std::uint32_t c = 0; c < 6; ++c)
        set(4, 5 + c, 5.5 - c);
    return makeContext(1, items, {{0, 1, 1.f}, {0, 2, 1.f}, {0, 3, 1.f}, {0, 4, 1.f}},
                       std::move(w));
}

float cleanScore(float s) {
    return std::isnan(s) ? -std::numeric_limits<float>::infinity() : s;
}

/// Brute force: every candidate once `removed` are gone, best first (score, then index).
std::vector<std::uint32_t> bruteOrder(const RunContext& ctx, std::uint32_t user,
                                      const std::vector<std::uint32_t>& removed) {
    const auto& m = dynamic_cast<const test::LinearTermsModel&>(*ctx.model);
    const auto train = ctx.trainItems(user);
    std::vector<std::pair<float, std::uint32_t>> c;
    for (std::uint32_t i = 0; i < ctx.numItems(); ++i) {
        const bool rated = std::find(train.begin(), train.end(), i) != train.end();
        const bool back = std::find(removed.begin(), removed.end(), i) != removed.end();
        if (!rated || back)
            c.emplace_back(cleanScore(m.scoreWithout(user, i, removed)), i);
    }
    std::sort(c.begin(), c.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<std::uint32_t> order;
    for (const auto& p : c)
        order.push_back(p.second);
    return order;
}

int bruteRank(const RunContext& ctx, std::uint32_t user, std::uint32_t item,
              const std::vector<std::uint32_t>& removed) {
    const auto order = bruteOrder(ctx, user, removed);
    const auto it = std::find(order.begin(), order.end(), item);
    return it == order.end() ? 0 : int(it - order.begin()) + 1;
}

/// The greedy order findCounterfactual() documents: positive contributions, largest first,
/// equal ones by lower item index.
std::vector<std::uint32_t> greedyOrder(std::vector<EvidenceItem> evidence) {
    std::vector<EvidenceItem> pos;
    for (const auto& e : evidence)
        if (e.contribution > 0)
            pos.push_back(e);
    std::sort(pos.begin(), pos.end(), [](const EvidenceItem& a, const EvidenceItem& b) {
        return a.contribution != b.contribution ? a.contribution > b.contribution : a.item < b.item;
    });
    std::vector<std::uint32_t> order;
    for (const auto& e : pos)
        order.push_back(e.item);
    return order;
}

/// True when `mean` * draws is a sum of `draws` values from `values` (repetition allowed).
bool isMeanOfDraws(double mean, int draws, const std::vector<int>& values) {
    std::set<int> sums{0};
    for (int d = 0; d < draws; ++d) {
        std::set<int> next;
        for (int s : sums)
            for (int v : values)
                next.insert(s + v);
        sums = std::move(next);
    }
    const double total = mean * draws;
    return std::abs(total - std::round(total)) < 1e-9 && sums.count(int(std::round(total)));
}

} // namespace

class TestExplainFidelity : public QObject {
    Q_OBJECT

private slots:
    void whatIfRankingsMatchBruteForce() {
        const auto ctx = randomContext(12, 40, 7);
        const LinearExplainer ex(*ctx);
        Rng rng(11);
        int ties = 0;
        for (std::uint32_t u = 0; u < ctx->numUsers(); ++u) {
            const auto train = ctx->trainItems(u);
            // Nothing removed: the same as the trained model's rank.
            for (std::uint32_t i = 0; i < ctx->numItems(); ++i)
                QCOMPARE(ex.rankWithout(u, i, {}), ctx->rankOf(u, i));
            for (int trial = 0; trial < 6; ++trial) {
                std::vector<std::uint32_t> removed(train.begin(), train.end());
                rng.shuffle(removed.data(), removed.size()); // any order
                removed.resize(rng.below(std::uint32_t(removed.size()) + 1));
                if (trial == 5) // an item the user may not have rated, or a repeat
                    removed.push_back(ctx->numItems() - 2);
                const auto order = bruteOrder(*ctx, u, removed);
                for (int k : {1, 5, 60}) {
                    const auto top = ex.topNWithout(u, removed, k);
                    QCOMPARE(int(top.size()), std::min<int>(k, int(order.size())));
                    for (std::size_t r = 0; r < top.size(); ++r) {
                        QCOMPARE(top[r].item, order[r]);
                        const auto& m = dynamic_cast<const test::LinearTermsModel&>(*ctx->model);
                        QCOMPARE(top[r].score, cleanScore(m.scoreWithout(u, order[r], removed)));
                        if (r > 0 && top[r].score == top[r - 1].score)
                            ++ties;
                    }
                }
                for (std::uint32_t i = 0; i < ctx->numItems(); ++i)
                    QCOMPARE(ex.rankWithout(u, i, removed), bruteRank(*ctx, u, i, removed));
                // A NaN score ranks last among the candidates.
                const auto& m = dynamic_cast<const test::LinearTermsModel&>(*ctx->model);
                if (std::isnan(m.scoreWithout(u, ctx->numItems() - 1, removed)))
                    QCOMPARE(ex.rankWithout(u, ctx->numItems() - 1, removed), int(order.size()));
            }
        }
        QVERIFY2(ties > 20, "the data should exercise the equal-score rule");
        QCOMPARE(ex.topNWithout(0, {}, 0).size(), std::size_t(0));
    }

    void explainComposesAndSorts() {
        const auto ctx = randomContext(8, 40, 3);
        const LinearExplainer ex(*ctx);
        const auto& m = dynamic_cast<const test::LinearTermsModel&>(*ctx->model);
        for (std::uint32_t u = 0; u < ctx->numUsers(); ++u) {
            const auto top = ctx->recommend(u, 12);
            for (std::size_t r = 0; r < top.size(); ++r) {
                ExplainOptions o;
                o.k = 10;
                const Explanation e = ex.explain(u, top[r].item, o);
                QCOMPARE(e.model, std::string("linear-test"));
                QCOMPARE(e.score, double(m.score(u, top[r].item)));
                QCOMPARE(e.rank, int(r) + 1);
                QCOMPARE(e.k, 10);
                QVERIFY(e.seconds > 0);
                QCOMPARE(e.evidence.size(), ctx->trainItems(u).size());
                for (std::size_t j = 1; j < e.evidence.size(); ++j) {
                    const auto &a = e.evidence[j - 1], &b = e.evidence[j];
                    QVERIFY(a.contribution > b.contribution ||
                            (a.contribution == b.contribution && a.item < b.item));
                }
                QCOMPARE(e.counterfactual.searched, e.rank <= 10);
                QCOMPARE(e.counterfactual.budget, 20);
                if (e.rank > 10)
                    QVERIFY(e.counterfactual.note.find("outside the top 10") != std::string::npos);
            }
            // A rated item: rank 0 and no counterfactual.
            const Explanation rated = ex.explain(u, ctx->trainItems(u)[0], {});
            QCOMPARE(rated.rank, 0);
            QVERIFY(!rated.counterfactual.searched);
            QVERIFY(rated.counterfactual.note.find("rated") != std::string::npos);
            // Not requested.
            ExplainOptions off;
            off.counterfactual = false;
            const Explanation quiet = ex.explain(u, top[0].item, off);
            QVERIFY(!quiet.counterfactual.searched);
            QVERIFY(quiet.counterfactual.note.find("not requested") != std::string::npos);
        }
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, ex.explain(99, 0, {}));
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, ex.explain(0, 99, {}));
    }

    void counterfactualIsTheSmallestGreedyPrefix() {
        const auto ctx = randomContext(40, 40, 5);
        const LinearExplainer ex(*ctx);
        int cases = 0, longer = 0, monotone = 0;
        for (std::uint32_t u = 0; u < ctx->numUsers(); ++u) {
            for (const int k : {1, 3, 10}) {
                for (const ScoredItem& rec : ctx->recommend(u, k)) {
                    ExplainOptions o;
                    o.k = k;
                    o.counterfactual = false;
                    const Explanation e = ex.explain(u, rec.item, o);
                    const int budget = 6;
                    const Counterfactual cf =
                        findCounterfactual(ex, u, rec.item, e.evidence, k, budget);
                    QVERIFY(cf.searched);
                    QCOMPARE(cf.budget, budget);
                    // Brute force over every prefix of the greedy order within the budget.
                    auto order = greedyOrder(e.evidence);
                    order.resize(std::min<std::size_t>(order.size(), budget));
                    std::vector<int> rankAt(order.size() + 1);
                    for (std::size_t m = 0; m <= order.size(); ++m)
                        rankAt[m] =
                            bruteRank(*ctx, u, rec.item, {order.begin(), order.begin() + m});
                    int first = -1;
                    bool isMonotone = true;
                    for (std::size_t m = 1; m <= order.size(); ++m) {
                        if (first < 0 && rankAt[m] > k)
                            first = int(m);
                        if (rankAt[m - 1] > k && rankAt[m] <= k)
                            isMonotone = false;
                    }
                    ++cases;
                    if (cf.found) {
                        const std::size_t m = cf.removed.size();
                        QVERIFY(m >= 1 && m <= order.size());
                        QVERIFY(std::equal(cf.removed.begin(), cf.removed.end(), order.begin()));
                        // The documented guarantee: m drops it, m - 1 does not.
                        QVERIFY(rankAt[m] > k);
                        QVERIFY(rankAt[m - 1] <= k);
                        QCOMPARE(cf.rankAfter, rankAt[m]);
                        const auto& model =
                            dynamic_cast<const test::LinearTermsModel&>(*ctx->model);
                        QCOMPARE(cf.scoreAfter,
                                 double(model.scoreWithout(u, rec.item, cf.removed)));
                        // The claim holds when re-checked through the public what-if.
                        QVERIFY(ex.rankWithout(u, rec.item, cf.removed) > k);
                        if (m >= 2)
                            ++longer;
                    }
                    if (isMonotone) {
                        ++monotone;
                        QCOMPARE(cf.found, first > 0);
                        if (first > 0)
                            QCOMPARE(int(cf.removed.size()), first);
                        else
                            QCOMPARE(cf.rankAfter, rankAt.back());
                    }
                }
            }
        }
        qInfo("%d cases, %d prefixes of 2+ ratings, %d monotone", cases, longer, monotone);
        QVERIFY2(cases > 300 && longer > 40 && monotone > cases * 3 / 4,
                 qPrintable(QString("cases %1, prefixes of 2+ %2, monotone %3")
                                .arg(cases)
                                .arg(longer)
                                .arg(monotone)));
    }

    void counterfactualOnTheHandCase() {
        const auto ctx = handContext();
        const LinearExplainer ex(*ctx);
        // Prefixes of h1 (3), h2 (2), h3 (1): T falls to 3, 1, 0 = rank 4, 6, 7.
        struct Case {
            int k;
            std::vector<std::uint32_t> removed;
            int rankAfter;
            double scoreAfter;
        };
        for (const Case& c : {Case{1, {1}, 4, 3.0}, Case{3, {1}, 4, 3.0}, Case{4, {1, 2}, 6, 1.0},
                              Case{6, {1, 2, 3}, 7, 0.0}}) {
            ExplainOptions o;
            o.k = c.k;
            const Explanation e = ex.explain(0, 0, o);
            QCOMPARE(e.rank, 1);
            QCOMPARE(e.score, 6.0);
            const Counterfactual& cf = e.counterfactual;
            QVERIFY(cf.searched);
            QVERIFY(cf.found);
            QCOMPARE(cf.removed, c.removed);
            QCOMPARE(cf.rankAfter, c.rankAfter);
            QCOMPARE(cf.scoreAfter, c.scoreAfter);
            if (c.k == 4)
                QVERIFY2(cf.note.rfind("removing the 2 ratings that raise this score most moves "
                                       "it from rank 1 to 6, out of the top 4; one fewer leaves "
                                       "it at rank 4 (",
                                       0) == 0,
                         cf.note.c_str());
        }
    }

    void counterfactualNoneWithinBudget() {
        const auto ctx = handContext();
        const LinearExplainer ex(*ctx);
        ExplainOptions o;
        o.k = 6;
        o.counterfactualBudget = 2; // needs 3
        Explanation e = ex.explain(0, 0, o);
        QVERIFY(e.counterfactual.searched);
        QVERIFY(!e.counterfactual.found);
        QVERIFY(e.counterfactual.removed.empty());
        QCOMPARE(e.counterfactual.budget, 2);
        QCOMPARE(e.counterfactual.rankAfter, 6);
        QCOMPARE(e.counterfactual.scoreAfter, 1.0);
        QCOMPARE(e.counterfactual.note, std::string("removing the 2 ratings that raise this score "
                                                    "most (the budget) still leaves it at rank 6 "
                                                    "in the top 6"));
        // Only three ratings raise T; without them it still ranks 7 of a top 7.
        o.k = 7;
        o.counterfactualBudget = 20;
        e = ex.explain(0, 0, o);
        QVERIFY(e.counterfactual.searched);
        QVERIFY(!e.counterfactual.found);
        QCOMPARE(e.counterfactual.rankAfter, 7);
        QCOMPARE(e.counterfactual.note, std::string("only 3 ratings raise this score; removing "
                                                    "all of them still leaves it at rank 7 in "
                                                    "the top 7"));
        // Budget 0.
        const Counterfactual none = findCounterfactual(ex, 0, 0, e.evidence, 7, 0);
        QVERIFY(none.searched && !none.found);
        QVERIFY(none.note.find("budget 0") != std::string::npos);
    }

    void deletionCurveByHand() {
        const auto ctx = handContext();
        const LinearExplainer ex(*ctx);
        const Explanation e = ex.explain(0, 0, {});
        // Evidence order h1 (3), h2 (2), h3 (1), h4 (0); removing h4 too zeroes every C.
        const DeletionCurve curve = deletionCurve(ex, e, 6, 5, 1);
        QCOMPARE(curve.rankBefore, 1);
        QCOMPARE(curve.rankTop, (std::vector<int>{4, 6, 7, 1})); // capped by the history (4)
        QCOMPARE(int(curve.rankRandom.size()), 4);
        // Single removals give 4, 3, 2, 1 (h1..h4); every mean is a mean of 5 such draws.
        const std::vector<std::uint32_t> h{1, 2, 3, 4};
        for (int m = 1; m <= 4; ++m) {
            std::vector<int> ranks;
            std::vector<bool> pick(4, false);
            std::fill(pick.begin(), pick.begin() + m, true);
            do {
                std::vector<std::uint32_t> removed;
                for (int t = 0; t < 4; ++t)
                    if (pick[std::size_t(t)])
                        removed.push_back(h[std::size_t(t)]);
                ranks.push_back(bruteRank(*ctx, 0, 0, removed));
            } while (std::prev_permutation(pick.begin(), pick.end()));
            if (m == 1)
                QCOMPARE(ranks, (std::vector<int>{4, 3, 2, 1}));
            QVERIFY2(isMeanOfDraws(curve.rankRandom[std::size_t(m - 1)], 5, ranks),
                     qPrintable(QString("m %1: %2").arg(m).arg(curve.rankRandom[m - 1])));
        }
        QCOMPARE(curve.rankRandom[3], 1.0); // all four removed whatever the draw
        // Seeded: the same seed gives the same curve; fewer steps when asked.
        QCOMPARE(deletionCurve(ex, e, 6, 5, 1).rankRandom, curve.rankRandom);
        QCOMPARE(deletionCurve(ex, e, 2, 5, 1).rankTop, (std::vector<int>{4, 6}));
        // Across seeds the single-removal mean takes other values (it is random).
        std::set<double> means;
        for (std::uint64_t s = 0; s < 20; ++s)
            means.insert(deletionCurve(ex, e, 1, 5, s).rankRandom[0]);
        QVERIFY(means.size() > 1);
    }

    void fidelityAggregatesAndIsDeterministic() {
        const auto ctx = randomContext(30, 40, 9);
        const LinearExplainer ex(*ctx);
        FidelityOptions o;
        o.users = 1000; // more than there are: every user
        o.k = 5;
        o.maxRemoved = 3;
        o.seed = 4;
        const FidelityReport a = measureFidelity(ex, o, {});
        o.threads = 3;
        const FidelityReport b = measureFidelity(ex, o, {});
        QCOMPARE(a.users, 30);
        QVERIFY(!a.cancelled);
        QCOMPARE(a.model, std::string("linear-test"));
        QCOMPARE(a.k, 5);
        QCOMPARE(int(a.deletion.size()), 3);
        QCOMPARE(b.users, a.users);
        QCOMPARE(b.counterfactualsClaimed, a.counterfactualsClaimed);
        QCOMPARE(b.meanCounterfactualSize, a.meanCounterfactualSize);
        for (std::size_t m = 0; m < a.deletion.size(); ++m) {
            QCOMPARE(b.deletion[m].meanRankTop, a.deletion[m].meanRankTop);
            QCOMPARE(b.deletion[m].meanRankRandom, a.deletion[m].meanRankRandom);
            QCOMPARE(b.deletion[m].flippedRandom, a.deletion[m].flippedRandom);
        }
        QVERIFY(a.counterfactualsClaimed > 5);
        QCOMPARE(a.counterfactualsValid, a.counterfactualsClaimed);
        QCOMPARE(a.validityRate, 1.0);

        // The top-m side by brute force over every user's top-1 item.
        for (int m = 1; m <= 3; ++m) {
            double rank = 0, drop = 0, flipped = 0;
            int n = 0;
            for (std::uint32_t u = 0; u < ctx->numUsers(); ++u) {
                const std::uint32_t item = bruteOrder(*ctx, u, {}).front();
                const Explanation e = ex.explain(u, item, {});
                std::vector<std::uint32_t> removed;
                double sum = 0;
                for (int t = 0; t < m; ++t) {
                    removed.push_back(e.evidence[std::size_t(t)].item);
                    sum += e.evidence[std::size_t(t)].contribution;
                }
                const int r = bruteRank(*ctx, u, item, removed);
                rank += r;
                drop += sum;
                flipped += r > 5 ? 1 : 0;
                ++n;
            }
            const DeletionPoint& p = a.deletion[std::size_t(m - 1)];
            QCOMPARE(p.removed, m);
            QVERIFY(std::abs(p.meanRankTop - rank / n) < 1e-9);
            QVERIFY(std::abs(p.meanScoreDropTop - drop / n) < 1e-4);
            QVERIFY(std::abs(p.flippedTop - flipped / n) < 1e-9);
            // Exact terms: no m ratings lower the score more than the m largest terms.
            QVERIFY(p.meanScoreDropTop >= p.meanScoreDropRandom - 1e-6);
            QVERIFY(p.meanRankTop > p.meanRankRandom);
        }

        // A sample: the same seed gives the same report, another seed another sample.
        o.users = 10;
        o.threads = 2;
        const FidelityReport s1 = measureFidelity(ex, o, {});
        const FidelityReport s2 = measureFidelity(ex, o, {});
        QCOMPARE(s1.users, 10);
        QCOMPARE(s2.deletion[0].meanRankTop, s1.deletion[0].meanRankTop);
        QCOMPARE(s2.deletion[2].meanRankRandom, s1.deletion[2].meanRankRandom);
        QCOMPARE(s2.counterfactualsClaimed, s1.counterfactualsClaimed);
        bool differs = false;
        for (std::uint64_t seed = 5; seed < 10 && !differs; ++seed) {
            o.seed = seed;
            const FidelityReport s3 = measureFidelity(ex, o, {});
            differs = s3.deletion[0].meanRankTop != s1.deletion[0].meanRankTop ||
                      s3.deletion[0].meanRankRandom != s1.deletion[0].meanRankRandom;
        }
        QVERIFY(differs);
    }

    void fidelityCancels() {
        const auto ctx = randomContext(30, 40, 9);
        const LinearExplainer ex(*ctx);
        FidelityOptions o;
        o.users = 30;
        for (int threads : {1, 2}) {
            o.threads = threads;
            int calls = 0;
            double last = -1;
            bool ordered = true;
            Progress p{[&](double f, std::string_view stage) {
                ordered = ordered && f >= last && !stage.empty();
                last = f;
                return ++calls < 4; // the initial report plus three users
            }};
            const FidelityReport r = measureFidelity(ex, o, p);
            QVERIFY(r.cancelled);
            QVERIFY(ordered);
            QVERIFY2(r.users >= 3 && r.users < 30, qPrintable(QString::number(r.users)));
        }
        o.threads = 1;
        const FidelityReport none =
            measureFidelity(ex, o, Progress{[](double, std::string_view) { return false; }});
        QVERIFY(none.cancelled);
        QCOMPARE(none.users, 0);
        QVERIFY(none.deletion.empty());
        // Reported to the end when not cancelled.
        double final = 0;
        const FidelityReport full =
            measureFidelity(ex, o, Progress{[&](double f, std::string_view) {
                                final = f;
                                return true;
                            }});
        QVERIFY(!full.cancelled);
        QCOMPARE(final, 1.0);
    }

    void describeFactorsFindsPlantedGenres() {
        // 60 items: factor 0 is the Comedy indicator, factor 1 minus the Horror indicator plus
        // a little noise, factor 2 the item index. Item 59 has one rating and huge values.
        const std::uint32_t items = 60, users = 8;
        const int k = 3;
        std::vector<test::Triple> ratings;
        for (std::uint32_t i = 0; i < items; ++i)
            for (std::uint32_t u = 0; u < (i == items - 1 ? 1u : 6u); ++u)
                ratings.emplace_back(u, i, 4.f);
        Rng rng(2);
        std::vector<float> q(items * k), p(users * k, 0.1f);
        std::vector<std::string> genres(items);
        for (std::uint32_t i = 0; i < items; ++i) {
            const bool comedy = i % 2 == 0, horror = i % 3 == 0;
            std::string g;
            if (comedy)
                g += "Comedy|";
            if (horror)
                g += "Horror|";
            if (rng.below(2))
                g += "Drama|";
            genres[i] = g.empty() ? "(no genres listed)" : g.substr(0, g.size() - 1);
            q[i * k + 0] = comedy ? 1.f : 0.f;
            q[i * k + 1] = (horror ? -1.f : 0.f) + 0.05f * float(rng.normal());
            q[i * k + 2] = float(i);
        }
        for (int f = 0; f < k; ++f)
            q[(items - 1) * k + std::size_t(f)] = 100.f;

        for (const std::string model : {"biasedmf", "als"}) {
            ModelState s;
            s.model = model;
            s.blocks.push_back({"user_factors", users, k, p});
            s.blocks.push_back({"item_factors", items, k, q});
            if (model == "biasedmf") {
                s.blocks.push_back({"global_mean", 1, 1, {3.5f}});
                s.blocks.push_back({"user_bias", users, 1, std::vector<float>(users, 0.f)});
                s.blocks.push_back({"item_bias", items, 1, std::vector<float>(items, 0.f)});
            }
            RunContext ctx;
            ctx.model = createRecommender(model);
            std::string error;
            QVERIFY2(ctx.model->load(s, error), error.c_str());
            ctx.train = test::makeInteractions(users, items, ratings);
            for (std::uint32_t u = 0; u < users; ++u)
                ctx.userIds.push_back("u" + std::to_string(u));
            for (std::uint32_t i = 0; i < items; ++i)
                ctx.items.push_back(
                    {"i" + std::to_string(i), "Item " + std::to_string(i), genres[i]});

            const auto profiles = describeFactors(ctx, 4, 5);
            QCOMPARE(int(profiles.size()), k);
            const FactorProfile& comedy = profiles[0];
            QCOMPARE(comedy.factor, 0);
            QCOMPARE(comedy.genres.front().first, std::string("Comedy"));
            QVERIFY(std::abs(comedy.genres.front().second - 1.0) < 1e-9);
            QVERIFY2(comedy.name.find("Comedy+") != std::string::npos, comedy.name.c_str());
            for (const auto& [g, r] : comedy.genres)
                QVERIFY(g != "(no genres listed)" && !g.empty());
            // The extremes skip item 59 (one rating); ties go to the lower index.
            QCOMPARE(comedy.topItems.size(), std::size_t(4));
            QCOMPARE(comedy.topItems[0].first, 0u);
            QCOMPARE(comedy.topItems[3].first, 6u);
            QCOMPARE(comedy.bottomItems[0].first, 1u);
            QCOMPARE(comedy.bottomItems[0].second, 0.f);

            const FactorProfile& horror = profiles[1];
            QCOMPARE(horror.genres.front().first, std::string("Horror"));
            QVERIFY(horror.genres.front().second < -0.95);
            QVERIFY2(horror.name.find("Horror-") != std::string::npos, horror.name.c_str());

            const FactorProfile& ramp = profiles[2];
            QCOMPARE(ramp.topItems[0], (std::pair<std::uint32_t, float>(58u, 58.f)));
            QCOMPARE(ramp.topItems[1].first, 57u);
            QCOMPARE(ramp.bottomItems[0], (std::pair<std::uint32_t, float>(0u, 0.f)));
            // Every r against a direct Pearson computation over items 0..58.
            QCOMPARE(ramp.genres.size(), std::size_t(3));
            for (const auto& [g, r] : ramp.genres) {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                const double n = items - 1;
                for (std::uint32_t i = 0; i + 1 < items; ++i) {
                    const double x = i, y = genres[i].find(g) != std::string::npos ? 1 : 0;
                    sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
                }
                const double expected =
                    (sxy - sx * sy / n) / std::sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
                QVERIFY2(std::abs(r - expected) < 1e-9, g.c_str());
            }
            for (std::size_t g = 1; g < ramp.genres.size(); ++g)
                QVERIFY(std::abs(ramp.genres[g - 1].second) >= std::abs(ramp.genres[g].second));
        }
        // Models without item factors have no profiles.
        const auto linear = randomContext(3, 10, 1);
        QVERIFY(describeFactors(*linear).empty());
    }
};

QTEST_GUILESS_MAIN(TestExplainFidelity)
#include "tst_explain_fidelity.moc"
