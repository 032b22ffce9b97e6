#pragma once
#include "models/Biases.h"
#include "models/NeighbourLists.h"
#include "models/ParameterisedRecommender.h"
#include "models/Recommender.h"

namespace rs {

/// Neighbourhood rating model shared by ItemKnn (compares items) and UserKnn (compares users).
/// Below, "x" is the compared kind (items for item-based) and "y" the other kind.
///
/// fit(): baselines b_ui = mean + b_u + b_i by ALS (bsl_epochs, bsl_reg_u, bsl_reg_i); then for
/// every x the top `max_neighbours` most similar x' (positive similarities only, from sparse
/// co-occurrence, never a dense x-by-x matrix). Similarities: "cosine", "pearson" (over common
/// y) and "pearson_baseline" (cosine of the residuals r - b_ui), each multiplied by
/// (n-1)/(n-1+shrinkage) for n common ratings when shrinkage > 0; pairs with fewer than
/// min_support common ratings are dropped. `max_neighbours` = 0 (the default) keeps as many as
/// fit in `memory_mb` (512 MB: all of them on MovieLens-small; keeping only 200 costs about
/// 0.004 RMSE there because a user's rated items are rarely all among an item's closest).
/// The fit history has one record whose train RMSE is estimated on a fixed sample of at most
/// 5000 training ratings.
///
/// Prediction of (u, i): the k most similar neighbours of x (ties: lower index) that are rated
/// with y give
///   prediction "mean":     sum(s * r) / sum(s)                      (KNNBasic)
///   prediction "baseline": b_ui + sum(s * (r - b)) / sum(s)         (KNNBaseline)
/// With fewer than min_k such neighbours (or an unknown user/item) the prediction falls back to
/// b_ui ("baseline") or the global mean ("mean").
///
/// Saved blocks: global_mean, user_bias, item_bias, "ratings" (nnz x 3: user, item, rating),
/// "neighbour_count" (x-count x 1), "neighbour_index" and "neighbour_sim" (total x 1).
/// Indices are stored as floats, exact below 2^24.
class NeighbourModel : public ParameterisedRecommender {
public:
    bool predictsRatings() const override { return true; }

    FitResult fit(const Interactions& data, const FitOptions& options,
                  const Progress& progress) override;
    float score(std::uint32_t user, std::uint32_t item) const override;
    void scoreAll(std::uint32_t user, std::vector<float>& out) const override;

    std::uint32_t numUsers() const override { return m_state.byUser.rows; }
    std::uint32_t numItems() const override { return m_state.byUser.cols; }

    ModelState save() const override;
    bool load(const ModelState& state, std::string& error) override;

    /// True for ItemKnn.
    bool itemBased() const { return m_itemBased; }
    /// Kept similarity of x to x' (0 when x' is not among x's neighbours).
    float similarity(std::uint32_t x, std::uint32_t other) const {
        return m_state.lists.find(x, other);
    }
    const NeighbourLists& neighbourLists() const { return m_state.lists; }
    const Biases& biases() const { return m_state.biases; }

    /// A neighbour usable for one prediction: its similarity, index and rating.
    struct Match {
        float sim;
        std::uint32_t index;
        float r;
    };

    // Read-only views for explanations (item-based: "what if the user had rated only these").
    bool baselinePrediction() const { return baselineMode(); }
    /// Item-based: the prediction of (user, item) from the user's ratings `items` (ascending)
    /// and `values` instead of the stored ones, exactly as score() combines them; `matches` is
    /// left holding the neighbours used, most similar first (empty when it fell back).
    float predictFromRatings(std::uint32_t user, std::uint32_t item,
                             std::span<const std::uint32_t> items, std::span<const float> values,
                             std::vector<Match>& matches) const;
    /// Item-based: scores of every item from those ratings (as scoreAll() from the stored ones).
    void scoreAllFromRatings(std::uint32_t user, std::span<const std::uint32_t> items,
                             std::span<const float> values, std::vector<float>& out) const;
    /// Both kinds: score(user, item), leaving in `matches` the neighbours it used, most similar
    /// first (empty when it fell back to the baseline or the mean).
    float predictWithNeighbours(std::uint32_t user, std::uint32_t item,
                                std::vector<Match>& matches) const;
    /// Both kinds: the prediction from candidate neighbours `matches` (any order; similarity,
    /// index of the compared entity, its rating) exactly as score() combines them: keeps the k
    /// most similar (ties: lower index), most similar first, in `matches` (cleared when fewer
    /// than min_k remain and the prediction falls back).
    float combineNeighbours(std::uint32_t user, std::uint32_t item,
                            std::vector<Match>& matches) const;
    /// The longest neighbour list fit() keeps for each of `rows` compared entities
    /// (max_neighbours, or what fits in memory_mb when it is 0).
    std::size_t listLimit(std::uint32_t rows) const;

protected:
    explicit NeighbourModel(bool itemBased);

private:
    struct Config {
        std::string similarity = "pearson_baseline";
        std::string prediction = "baseline";
        int k = 40;
        int minK = 1;
        int maxNeighbours = 0;
        int memoryMb = 512;
        double shrinkage = 100.0;
        int minSupport = 1;
        int bslEpochs = 10;
        double bslRegU = 15.0;
        double bslRegI = 10.0;
    };
    /// Everything prediction needs; fit() builds a new one and swaps it in at the end.
    struct Trained {
        Biases biases;
        CsrMatrix byUser, byItem; ///< training ratings, both orientations
        NeighbourLists lists;
    };
    float predictWith(const Trained& t, std::uint32_t user, std::uint32_t item) const;
    void scoreAllItemBased(std::uint32_t user, std::vector<float>& out) const;
    void scoreAllUserBased(std::uint32_t user, std::vector<float>& out) const;
    double trainRmse(const Trained& t) const;
    float combine(const Trained& t, std::uint32_t user, std::uint32_t item,
                  std::vector<Match>& matches) const;
    bool baselineMode() const { return m_config.prediction == "baseline"; }

    bool m_itemBased;
    Config m_config;
    Trained m_state;
};

} // namespace rs
