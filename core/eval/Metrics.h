#pragma once
#include "data/Interactions.h"
#include "data/RatingTable.h"
#include "eval/BeyondAccuracy.h"
#include "models/Recommender.h"
#include "util/Progress.h"
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace rs {

/// What evaluate() computes and how.
struct EvalOptions {
    int k = 10;                 ///< list length of the ranking metrics
    double threshold = 4.0;     ///< a test item is relevant when its value >= threshold ...
    bool allRelevant = false;   ///< ... or always (implicit data: every test item is relevant)
    int threads = 2;            ///< users are split over this many threads
    bool ratingMetrics = true;  ///< RMSE/MAE; computed only when the model predictsRatings()
    bool rankingMetrics = true; ///< accuracy and beyond-accuracy of top-K lists
    /// Candidates: every item with a training interaction that the user has not rated in train
    /// (false), or every item of the catalogue that the user has not rated in train (true).
    bool rankColdItems = false;
    /// Similarity for intra-list diversity; empty = cosine of the training matrix columns.
    ItemSimilarity similarity;
    bool keepLists = true; ///< keep every evaluated user's top-K list in the result
};

/// RMSE and MAE of model.score(u, i) against the test values.
struct RatingMetrics {
    std::string protocol;
    bool computed = false;
    std::size_t pairs = 0;          ///< test pairs scored
    std::size_t skippedPairs = 0;   ///< pairs whose user or item is outside the model
    std::size_t evaluatedUsers = 0; ///< users with at least one scored pair
    double rmse = 0.0;
    double mae = 0.0;
    /// Per user with at least one scored test pair (ascending user index).
    std::vector<std::uint32_t> users;
    std::vector<float> userRmse, userMae;
};

/// Full-ranking top-K metrics. Per-user vectors are aligned with `users`; every aggregate is the
/// mean over the evaluated users (users with at least one relevant test item).
struct RankingMetrics {
    std::string protocol; ///< e.g. "full ranking over unrated train items, relevant = rating >=
                          ///< 4.0, K=10"
    bool computed = false;
    int k = 10;
    std::size_t evaluatedUsers = 0;
    std::size_t usersWithoutRelevant = 0; ///< test users skipped: no relevant test item
    std::size_t candidateItems = 0;       ///< catalogue the lists were drawn from
    std::vector<std::uint32_t> users;

    // Accuracy, per user and mean.
    std::vector<float> precision, recall, ndcg, ap, hit, rr;
    double meanPrecision = 0, meanRecall = 0, meanNdcg = 0, map = 0, hitRate = 0, mrr = 0;

    // Beyond accuracy. novelty: mean self-information -log2(pop_i / |U|) of the list's items;
    // diversity: intra-list diversity; arp: mean pop_i of the list (pop_i = training interactions
    // of item i); longTail: share of the list outside the short head (the most popular items
    // holding 20% of training interactions).
    std::vector<float> novelty, diversity, arp, longTail;
    double meanNovelty = 0, meanDiversity = 0, meanArp = 0, meanLongTail = 0;
    /// Share of candidate items that appear in at least one list.
    double coverage = 0;
    /// Gini coefficient of exposure (number of lists containing the item) over candidate items.
    double gini = 0;

    /// users.size() * k items, row r = the list of users[r] best first; shorter lists are padded
    /// with kNoItem. Empty unless EvalOptions::keepLists.
    std::vector<std::uint32_t> lists;
    static constexpr std::uint32_t kNoItem = 0xffffffffu;
};

struct EvaluationResult {
    std::string protocol; ///< both parts' protocols joined
    RatingMetrics rating;
    RankingMetrics ranking;
    double seconds = 0.0;
    bool cancelled = false;
    std::string error; ///< non-empty when nothing could be evaluated

    /// Aggregates as (name, value) pairs in display order, e.g. ("NDCG@10", 0.15).
    std::vector<std::pair<std::string, double>> summary() const;
    /// Per-user series as (name, values) pairs, aligned with ranking.users (the rating series are
    /// aligned with rating.users).
    std::vector<std::pair<std::string, const std::vector<float>*>> perUserSeries() const;
};

/// Evaluates `model` (trained on `train`) on the rows `testRows` of `table`, whose user and item
/// indices are those of `train`. Ranking: for each test user with >= 1 relevant test item, every
/// candidate item the user has not rated in train is scored with Recommender::scoreAll and the K
/// best kept (ties by lower item index). Users are split over EvalOptions::threads threads;
/// results do not depend on the number of threads. Progress is reported from the calling thread;
/// a cancel returns with `cancelled` set and no metrics.
EvaluationResult evaluate(const Recommender& model, const Interactions& train,
                          const RatingTable& table, std::span<const std::uint32_t> testRows,
                          const EvalOptions& options, const Progress& progress = {});

/// RMSE/MAE part alone (also used by evaluate()).
RatingMetrics ratingMetrics(const Recommender& model, const RatingTable& table,
                            std::span<const std::uint32_t> testRows);

} // namespace rs
