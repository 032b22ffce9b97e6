#include "debias/Debias.h"

#include <charconv>
#include <stdexcept>

namespace rs {

namespace {

std::string num(double v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 4);
    return std::string(buf, r.ptr);
}

std::string percent(double share) {
    return num(100.0 * share) + "%";
}

} // namespace

std::optional<DebiasResult> applyDebias(const Interactions& train, const DebiasSpec& spec,
                                        const DebiasInputs& inputs, std::string& error) {
    DebiasResult out;
    auto fact = [&](std::string name, std::string value) {
        out.facts.emplace_back(std::move(name), std::move(value));
    };
    if (spec.isNone()) {
        out.data = train;
        return out;
    }
    if (spec.method == DebiasSpec::Method::Ips) {
        std::optional<Propensities> p;
        if (spec.column.empty())
            p = popularityPropensities(train, spec.eta);
        else
            p = columnPropensities(train, inputs.column, inputs.itemIds, spec.column, error);
        if (!p)
            return std::nullopt;
        IpsOptions o;
        o.maxWeight = spec.clip;
        o.selfNormalise = spec.normalise;
        IpsWeights w = ipsWeights(train, *p, o);
        out.data = train;
        out.data.setWeights(w.weights);
        fact("propensity", p->source);
        fact("weights", "min " + num(w.minWeight) + ", mean " + num(w.meanWeight) + ", max " +
                            num(w.maxWeight));
        fact("clipped", std::to_string(w.clipped) + " of " + std::to_string(train.size()));
        fact("effective_size", num(w.effectiveSize) + " of " + std::to_string(train.size()));
        out.ips = std::move(w);
        return out;
    }
    RebalanceResult r;
    try {
        r = rebalance(train, spec.rebalanceOptions());
    } catch (const std::invalid_argument& e) {
        error = e.what();
        return std::nullopt;
    }
    if (spec.method == DebiasSpec::Method::Down) {
        std::vector<char> keep(r.weights.size());
        for (std::size_t k = 0; k < keep.size(); ++k)
            keep[k] = r.weights[k] > 0.0f;
        out.data = train.subset(keep);
    } else {
        out.data = train;
        out.data.setWeights(r.weights);
    }
    std::string before, target, after;
    for (std::size_t s = 0; s < r.strata.size(); ++s) {
        const char* sep = s ? " / " : "";
        before += sep + percent(r.strata[s].beforeShare);
        target += sep + percent(r.strata[s].targetShare);
        after += sep + percent(r.strata[s].afterShare);
    }
    fact("strata_shares_before", before);
    fact("strata_shares_target", target);
    fact("strata_shares_after", after);
    fact("interactions",
         std::to_string(r.entriesAfter) + " of " + std::to_string(r.entriesBefore) + " kept");
    fact("users", std::to_string(r.usersAfter) + " of " + std::to_string(r.usersBefore));
    if (spec.method == DebiasSpec::Method::Down)
        fact("protected", std::to_string(r.protectedEntries) + " kept to keep their users");
    out.rebalance = std::move(r);
    return out;
}

} // namespace rs
