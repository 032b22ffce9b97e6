#include "eval/Metrics.h"

#include "eval/RankingMetrics.h"
#include "eval/TopK.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <limits>
#include <optional>
#include <thread>

namespace rs {

namespace {

/// Shortest round-trip text of `v`, with ".0" for whole numbers ("4.0", "3.5").
std::string formatThreshold(double v) {
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    std::string s(buf, p);
    if (s.find_first_of(".eEn") == std::string::npos)
        s += ".0";
    return s;
}

double meanOf(const std::vector<float>& v) {
    double s = 0.0;
    for (float x : v)
        s += x;
    return v.empty() ? 0.0 : s / double(v.size());
}

/// Test users' relevant items as a compact CSR: users ascending, items ascending and unique.
struct RelevantSets {
    std::vector<std::uint32_t> users;
    std::vector<std::size_t> start; ///< users.size() + 1 offsets into items
    std::vector<std::uint32_t> items;
    std::size_t usersWithoutRelevant = 0;

    std::span<const std::uint32_t> of(std::size_t p) const {
        return {items.data() + start[p], items.data() + start[p + 1]};
    }
};

RelevantSets relevantSets(const RatingTable& table, std::span<const std::uint32_t> testRows,
                          const EvalOptions& options) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> rel;
    std::vector<std::uint32_t> testUsers;
    testUsers.reserve(testRows.size());
    for (std::uint32_t r : testRows) {
        testUsers.push_back(table.users[r]);
        if (options.allRelevant || double(table.values[r]) >= options.threshold)
            rel.emplace_back(table.users[r], table.items[r]);
    }
    std::sort(rel.begin(), rel.end());
    rel.erase(std::unique(rel.begin(), rel.end()), rel.end());
    std::sort(testUsers.begin(), testUsers.end());
    testUsers.erase(std::unique(testUsers.begin(), testUsers.end()), testUsers.end());

    RelevantSets s;
    for (const auto& [u, i] : rel) {
        if (s.users.empty() || s.users.back() != u) {
            s.users.push_back(u);
            s.start.push_back(s.items.size());
        }
        s.items.push_back(i);
    }
    s.start.push_back(s.items.size());
    s.usersWithoutRelevant = testUsers.size() - s.users.size();
    return s;
}

/// Computes the per-user values of `out` (already sized) for the evaluated positions p with
/// p % stride == first. The thread that gets `progress` reports it; a cancel stops every thread.
struct RankingJob {
    const Recommender& model;
    const Interactions& train;
    const RelevantSets& rel;
    const std::vector<char>& allowed;
    const ItemPopularity& pop;
    const ItemSimilarity& similarity;
    int k;
    RankingMetrics& out;
    std::atomic<bool>& cancel;
    std::atomic<std::size_t>& done;

    void run(std::size_t first, std::size_t stride, const Progress* progress) {
        std::vector<float> scores;
        std::vector<std::uint32_t> list, heap;
        const std::size_t n = rel.users.size();
        std::size_t mine = 0; // users done by this thread
        for (std::size_t p = first; p < n; p += stride) {
            if (cancel.load(std::memory_order_relaxed))
                return;
            const std::uint32_t u = rel.users[p];
            model.scoreAll(u, scores);
            scores.resize(allowed.size(), -std::numeric_limits<float>::infinity());
            selectTopK(scores, train.byUser.rowCols(u), allowed, k, list, heap);
            const UserRankingValues v = rankingValues(list, rel.of(p), k);
            out.precision[p] = v.precision;
            out.recall[p] = v.recall;
            out.ndcg[p] = v.ndcg;
            out.ap[p] = v.ap;
            out.hit[p] = v.hit;
            out.rr[p] = v.rr;
            out.novelty[p] = float(listNovelty(list, pop));
            out.diversity[p] = float(listDiversity(list, similarity));
            out.arp[p] = float(listPopularity(list, pop));
            out.longTail[p] = float(listLongTailShare(list, pop));
            std::copy(list.begin(), list.end(), out.lists.begin() + std::ptrdiff_t(p * k));
            const std::size_t finished = done.fetch_add(1) + 1;
            ++mine;
            if (progress && (mine % 8 == 0 || p + stride >= n) &&
                !(*progress)(double(finished) / double(n), "ranking")) {
                cancel.store(true);
                return;
            }
        }
    }
};

std::string rankingProtocol(const EvalOptions& o) {
    std::string s = o.rankColdItems ? "full ranking over all unrated items"
                                    : "full ranking over unrated train items";
    s += o.allRelevant ? ", relevant = every test item"
                       : ", relevant = rating >= " + formatThreshold(o.threshold);
    return s + ", K=" + std::to_string(o.k);
}

/// Fills `res.ranking`; returns false when cancelled.
bool rankingMetrics(const Recommender& model, const Interactions& train, const RatingTable& table,
                    std::span<const std::uint32_t> testRows, const EvalOptions& options,
                    const Progress& progress, EvaluationResult& res) {
    RankingMetrics& m = res.ranking;
    m.protocol = rankingProtocol(options);
    m.k = options.k;
    const RelevantSets rel = relevantSets(table, testRows, options);
    const std::size_t n = rel.users.size();
    m.users = rel.users;
    m.evaluatedUsers = n;
    m.usersWithoutRelevant = rel.usersWithoutRelevant;

    const std::uint32_t items = train.numItems();
    std::vector<char> allowed(items, 1);
    if (!options.rankColdItems)
        for (std::uint32_t i = 0; i < items; ++i)
            allowed[i] = train.byItem.rowSize(i) > 0 ? 1 : 0;
    m.candidateItems = std::size_t(std::count(allowed.begin(), allowed.end(), 1));

    const ItemPopularity pop = ItemPopularity::fromTrain(train);
    std::optional<ItemCosine> cosine;
    ItemSimilarity similarity = options.similarity;
    if (!similarity) {
        cosine.emplace(train);
        similarity = [&cosine](std::uint32_t a, std::uint32_t b) { return (*cosine)(a, b); };
    }

    const std::size_t k = std::size_t(std::max(options.k, 0));
    for (auto* v : {&m.precision, &m.recall, &m.ndcg, &m.ap, &m.hit, &m.rr, &m.novelty,
                    &m.diversity, &m.arp, &m.longTail})
        v->assign(n, 0.0f);
    m.lists.assign(n * k, RankingMetrics::kNoItem);

    std::atomic<bool> cancel{false};
    std::atomic<std::size_t> done{0};
    RankingJob job{model, train, rel, allowed, pop, similarity, options.k, m, cancel, done};
    const std::size_t threads = std::clamp<std::size_t>(std::size_t(std::max(options.threads, 1)),
                                                        1, std::max<std::size_t>(n, 1));
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t)
        pool.emplace_back([&job, t, threads] { job.run(t, threads, nullptr); });
    job.run(0, threads, &progress);
    for (auto& t : pool)
        t.join();
    if (cancel.load())
        return false;

    m.meanPrecision = meanOf(m.precision);
    m.meanRecall = meanOf(m.recall);
    m.meanNdcg = meanOf(m.ndcg);
    m.map = meanOf(m.ap);
    m.hitRate = meanOf(m.hit);
    m.mrr = meanOf(m.rr);
    m.meanNovelty = meanOf(m.novelty);
    m.meanDiversity = meanOf(m.diversity);
    m.meanArp = meanOf(m.arp);
    m.meanLongTail = meanOf(m.longTail);

    // Rows of m.lists (padding kNoItem lies outside the catalogue); the candidates are the
    // allowed items: those with training interactions unless cold items are ranked too.
    std::vector<std::span<const std::uint32_t>> rows;
    rows.reserve(n);
    for (std::size_t p = 0; p < n; ++p)
        rows.push_back(std::span<const std::uint32_t>(m.lists).subspan(p * k, k));
    const ListExposure exposure = listExposure(pop, rows, options.rankColdItems);
    m.coverage = exposure.coverage;
    m.gini = exposure.gini;
    if (!options.keepLists)
        m.lists.clear();
    m.computed = true;
    return true;
}

} // namespace

RatingMetrics ratingMetrics(const Recommender& model, const RatingTable& table,
                            std::span<const std::uint32_t> testRows) {
    RatingMetrics m;
    struct Acc {
        double sse = 0, sae = 0;
        std::uint32_t n = 0;
    };
    std::vector<Acc> perUser(model.numUsers());
    double sse = 0.0, sae = 0.0;
    for (std::uint32_t r : testRows) {
        const std::uint32_t u = table.users[r], i = table.items[r];
        if (u >= model.numUsers() || i >= model.numItems()) {
            ++m.skippedPairs;
            continue;
        }
        const double e = double(model.score(u, i)) - double(table.values[r]);
        sse += e * e;
        sae += std::abs(e);
        ++m.pairs;
        perUser[u].sse += e * e;
        perUser[u].sae += std::abs(e);
        ++perUser[u].n;
    }
    if (m.pairs) {
        m.rmse = std::sqrt(sse / double(m.pairs));
        m.mae = sae / double(m.pairs);
    }
    for (std::uint32_t u = 0; u < perUser.size(); ++u)
        if (perUser[u].n) {
            m.users.push_back(u);
            m.userRmse.push_back(float(std::sqrt(perUser[u].sse / perUser[u].n)));
            m.userMae.push_back(float(perUser[u].sae / perUser[u].n));
        }
    m.evaluatedUsers = m.users.size();
    m.protocol = "RMSE/MAE over " + std::to_string(m.pairs) + " test pairs";
    m.computed = true;
    return m;
}

EvaluationResult evaluate(const Recommender& model, const Interactions& train,
                          const RatingTable& table, std::span<const std::uint32_t> testRows,
                          const EvalOptions& options, const Progress& progress) {
    const auto t0 = std::chrono::steady_clock::now();
    EvaluationResult res;
    if (model.numItems() != train.numItems() || model.numUsers() != train.numUsers()) {
        res.error = "the model has " + std::to_string(model.numUsers()) + " users and " +
                    std::to_string(model.numItems()) + " items but the training data has " +
                    std::to_string(train.numUsers()) + " and " + std::to_string(train.numItems()) +
                    "; was it trained on this data?";
        return res;
    }
    for (std::uint32_t r : testRows)
        if (r >= table.size() || table.users[r] >= train.numUsers() ||
            table.items[r] >= train.numItems()) {
            res.error = "test row " + std::to_string(r) +
                        " is outside the table or refers to a user or item the training data "
                        "does not have";
            return res;
        }
    if (options.k < 1) {
        res.error = "K must be at least 1";
        return res;
    }
    if (!progress(0.0, "evaluating")) {
        res.cancelled = true;
        return res;
    }
    if (options.ratingMetrics && model.predictsRatings())
        res.rating = ratingMetrics(model, table, testRows);
    if (options.rankingMetrics &&
        !rankingMetrics(model, train, table, testRows, options, progress, res)) {
        res = EvaluationResult{};
        res.cancelled = true;
        return res;
    }
    res.protocol = res.rating.computed ? res.rating.protocol : std::string();
    if (res.ranking.computed)
        res.protocol += (res.protocol.empty() ? "" : "; ") + res.ranking.protocol;
    res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return res;
}

std::vector<std::pair<std::string, double>> EvaluationResult::summary() const {
    std::vector<std::pair<std::string, double>> s;
    if (rating.computed) {
        s.emplace_back("RMSE", rating.rmse);
        s.emplace_back("MAE", rating.mae);
    }
    if (ranking.computed) {
        const std::string k = "@" + std::to_string(ranking.k);
        s.emplace_back("P" + k, ranking.meanPrecision);
        s.emplace_back("R" + k, ranking.meanRecall);
        s.emplace_back("NDCG" + k, ranking.meanNdcg);
        s.emplace_back("MAP" + k, ranking.map);
        s.emplace_back("HR" + k, ranking.hitRate);
        s.emplace_back("MRR" + k, ranking.mrr);
        s.emplace_back("Coverage", ranking.coverage);
        s.emplace_back("Novelty", ranking.meanNovelty);
        s.emplace_back("ILD", ranking.meanDiversity);
        s.emplace_back("ARP", ranking.meanArp);
        s.emplace_back("LongTail", ranking.meanLongTail);
        s.emplace_back("Gini", ranking.gini);
    }
    return s;
}

std::vector<std::pair<std::string, const std::vector<float>*>>
EvaluationResult::perUserSeries() const {
    std::vector<std::pair<std::string, const std::vector<float>*>> s;
    if (rating.computed) {
        s.emplace_back("RMSE", &rating.userRmse);
        s.emplace_back("MAE", &rating.userMae);
    }
    if (ranking.computed) {
        const std::string k = "@" + std::to_string(ranking.k);
        s.emplace_back("P" + k, &ranking.precision);
        s.emplace_back("R" + k, &ranking.recall);
        s.emplace_back("NDCG" + k, &ranking.ndcg);
        s.emplace_back("AP" + k, &ranking.ap);
        s.emplace_back("HR" + k, &ranking.hit);
        s.emplace_back("RR" + k, &ranking.rr);
        s.emplace_back("Novelty", &ranking.novelty);
        s.emplace_back("ILD", &ranking.diversity);
        s.emplace_back("ARP", &ranking.arp);
        s.emplace_back("LongTail", &ranking.longTail);
    }
    return s;
}

} // namespace rs
