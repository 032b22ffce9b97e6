#pragma once
#include "debias/Rebalance.h"
#include <optional>
#include <string>
#include <string_view>

namespace rs {

/// How a run's training data is debiased before the fit (the preprocessing "debias" stage).
/// Text form, like a split spec: "none", "ips:eta=0.5:clip=20:normalise=1",
/// "ips:column=propensity", "down:strata=3:flatten=1:seed=0", "over:target=0.5/0.3/0.2",
/// "reweight:strata=5:flatten=0.5".
struct DebiasSpec {
    enum class Method { None, Ips, Down, Over, Reweight } method = Method::None;
    // IPS: propensities from popularity^eta, or from an item metadata column.
    double eta = 0.5;
    std::string column;
    double clip = 0.0;     ///< maximum weight (0 = none)
    bool normalise = true; ///< self-normalised weights (mean 1)
    // Rebalancing (down, over, reweight).
    int strata = 3;
    std::vector<double> target; ///< explicit shares per stratum; empty = use flatten
    double flatten = 1.0;
    int minPerUser = 1;
    std::uint64_t seed = 0;

    bool isNone() const { return method == Method::None; }
    /// True for the methods whose result carries per-entry weights (the model must use them).
    bool needsSampleWeights() const;
    RebalanceOptions rebalanceOptions() const;
    bool operator==(const DebiasSpec&) const = default;
};

/// Parses the text form ("" and "none" are no debiasing); nullopt with `error` naming the bad
/// part otherwise.
std::optional<DebiasSpec> parseDebiasSpec(std::string_view text, std::string& error);
/// Canonical text: every option of the method, so parseDebiasSpec(text) gives `spec` back.
/// "" for no debiasing.
std::string debiasSpecText(const DebiasSpec& spec);
/// A short human description ("IPS, popularity^0.5, clipped at 20, self-normalised").
std::string debiasSummary(const DebiasSpec& spec);
/// The model name of a run as lists show it: "biasedmf", or "biasedmf + IPS" (+ down-sampled,
/// over-sampled, re-weighted) when its training data was debiased (`debias`: DebiasSpec text).
std::string modelWithDebias(const std::string& model, std::string_view debias);

} // namespace rs
