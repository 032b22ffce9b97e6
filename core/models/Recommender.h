#pragma once
#include "data/Interactions.h"
#include "data/ModelState.h"
#include "util/Progress.h"
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace rs {

enum class FitStatus { Done, Cancelled, Diverged, Failed };

/// One point of a model's learning curve.
struct EpochRecord {
    int epoch = 0;
    double trainLoss = 0.0;     ///< the model's own objective (or RMSE for rating models)
    double validationLoss = -1; ///< < 0 when no validation data was given
    double seconds = 0.0;
};

/// Options common to every fit.
struct FitOptions {
    std::uint64_t seed = 42;
    int threads = 1; ///< 1 = deterministic
    const Interactions* validation = nullptr;
    /// Called after every epoch (from the fitting thread); return false to cancel.
    std::function<bool(const EpochRecord&)> onEpoch;
};

struct FitResult {
    FitStatus status = FitStatus::Done;
    std::vector<EpochRecord> history;
    std::string message;
};

/// A scored item of a top-N list.
struct ScoredItem {
    std::uint32_t item = 0;
    float score = 0.0f;
};

/// The small interface every model implements. Hyper-parameters are set by name (text values,
/// as they come from the command line or a form) before fit(); unknown names are an error.
class Recommender {
public:
    virtual ~Recommender() = default;
    virtual std::string name() const = 0;
    /// Hyper-parameter names with their current values (as text), in display order.
    virtual std::vector<std::pair<std::string, std::string>> hyperParameters() const = 0;
    /// Sets one hyper-parameter; returns false with `error` for an unknown name or a bad value.
    virtual bool setHyperParameter(const std::string& key, const std::string& value,
                                   std::string& error) = 0;
    /// True for models that predict rating values (RMSE/MAE make sense).
    virtual bool predictsRatings() const = 0;
    /// False for models that are brought in trained (imported factors): fit() always fails.
    virtual bool trainable() const { return true; }
    /// True for models whose fit() uses per-entry sample weights (CsrMatrix::weights: IPS,
    /// over-sampling, loss re-weighting) in their loss. The others must not be given weights.
    virtual bool supportsSampleWeights() const { return false; }

    /// Trains on `data`. Leaves the previously trained state untouched when cancelled.
    virtual FitResult fit(const Interactions& data, const FitOptions& options,
                          const Progress& progress) = 0;
    /// Predicted score of (user, item) after fit().
    virtual float score(std::uint32_t user, std::uint32_t item) const = 0;
    /// Scores of every item for `user` (size numItems). Default loops over score().
    virtual void scoreAll(std::uint32_t user, std::vector<float>& out) const;
    /// Top-k items by score, excluding `exclude` (sorted ascending, e.g. the user's train items).
    std::vector<ScoredItem> recommend(std::uint32_t user, int k,
                                      std::span<const std::uint32_t> exclude) const;

    virtual std::uint32_t numUsers() const = 0;
    virtual std::uint32_t numItems() const = 0;

    virtual ModelState save() const = 0;
    virtual bool load(const ModelState& state, std::string& error) = 0;
};

/// Creates a model by registry name ("popularity", "baseline", "itemknn", "userknn", "biasedmf",
/// "svdpp", "als", "bpr", "nais", "lightgcn", "imported"); nullptr for an unknown name.
std::unique_ptr<Recommender> createRecommender(const std::string& name);
/// Creates a model and sets `params` on it; nullptr with `error` for an unknown name or a bad
/// hyper-parameter (the error names it).
std::unique_ptr<Recommender>
createRecommender(const std::string& name,
                  const std::vector<std::pair<std::string, std::string>>& params,
                  std::string& error);
/// Registry names, in display order.
std::vector<std::string> recommenderNames();
/// The registry names of models that RecScope can train (all but "imported").
std::vector<std::string> trainableRecommenderNames();

} // namespace rs
