#pragma once
#include "models/FactorSet.h"
#include "models/HyperParams.h"
#include "models/Recommender.h"

namespace rs {

/// A biased factor model trained outside RecScope (Spark ALS, implicit, LightFM, Surprise, ...)
/// and imported from factor files (see import/FactorImport.h):
///   score(u, i) = mean + b_u + b_i + p_u . q_i
/// with mean and biases 0 when the files had none. It is never trained here: fit() fails with a
/// message saying so; the parameters arrive through setFactors() or load().
///
/// Hyper-parameters: kind (rating | implicit: whether scores are rating predictions, so whether
/// RMSE/MAE make sense), reg and reg_bias (the weights of the ridge fold-in that explanations
/// and an items-only import use to solve a user's bias and factors), and three free-text
/// entries kept for the record: source (e.g. "Spark ALS rank 50"), items_file, users_file
/// (empty when the user side was folded in).
/// Saved blocks: global_mean, user_bias, item_bias, user_factors (users x k), item_factors.
class ImportedFactors : public Recommender {
public:
    ImportedFactors();
    std::string name() const override { return "imported"; }
    std::vector<std::pair<std::string, std::string>> hyperParameters() const override;
    bool setHyperParameter(const std::string& key, const std::string& value,
                           std::string& error) override;
    bool predictsRatings() const override { return m_kind == "rating"; }
    bool trainable() const override { return false; }

    /// Always FitStatus::Failed: imported models are not trained in RecScope.
    FitResult fit(const Interactions& data, const FitOptions& options,
                  const Progress& progress) override;
    float score(std::uint32_t user, std::uint32_t item) const override;
    void scoreAll(std::uint32_t user, std::vector<float>& out) const override;

    std::uint32_t numUsers() const override { return m_f.users; }
    std::uint32_t numItems() const override { return m_f.items; }

    ModelState save() const override;
    bool load(const ModelState& state, std::string& error) override;

    /// Replaces the parameters (the importer's way in).
    void setFactors(FactorSet f) { m_f = std::move(f); }
    const FactorSet& factors() const { return m_f; }

private:
    /// The free-text entry `key`, or nullptr when it is not one.
    std::string* textEntry(const std::string& key);

    std::string m_kind = "rating";
    double m_reg = 0.02, m_regBias = 0.02;
    /// The free-text entries (name, value), shown after the HyperParams ones.
    std::vector<std::pair<std::string, std::string>> m_text = {
        {"source", ""}, {"items_file", ""}, {"users_file", ""}};
    HyperParams m_params;
    FactorSet m_f;
};

} // namespace rs
