#include "debias/Propensity.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace rs {

namespace {

std::string exponentText(double x) {
    std::ostringstream s;
    s << x;
    return s.str();
}

} // namespace

Propensities popularityPropensities(const Interactions& train, double exponent) {
    Propensities p;
    p.source = "popularity^" + exponentText(exponent);
    const CsrMatrix& byItem = train.byItem;
    std::uint32_t most = 0;
    for (std::uint32_t i = 0; i < byItem.rows; ++i)
        most = std::max(most, byItem.rowSize(i));
    p.byItem.assign(byItem.rows, 0.0);
    for (std::uint32_t i = 0; i < byItem.rows; ++i)
        if (const std::uint32_t n = byItem.rowSize(i); n > 0)
            p.byItem[i] = std::pow(double(n) / double(most), exponent);
    return p;
}

std::optional<Propensities> columnPropensities(const Interactions& train,
                                               std::span<const std::optional<double>> values,
                                               std::span<const std::string> itemIds,
                                               const std::string& column, std::string& error) {
    Propensities p;
    p.source = "column '" + column + "'";
    p.byItem.assign(train.numItems(), 0.0);
    std::size_t bad = 0;
    std::string examples;
    for (std::uint32_t i = 0; i < train.numItems(); ++i) {
        if (train.byItem.rowSize(i) == 0)
            continue;
        const std::optional<double> v = i < values.size() ? values[i] : std::nullopt;
        if (v && std::isfinite(*v) && *v > 0.0 && *v <= 1.0) {
            p.byItem[i] = *v;
            continue;
        }
        if (++bad <= 3)
            examples += (examples.empty() ? "" : ", ") +
                        (i < itemIds.size() ? itemIds[i] : std::to_string(i));
    }
    if (bad > 0) {
        error = "propensity column '" + column + "' has no value in (0, 1] for " +
                std::to_string(bad) + " trained item" + (bad == 1 ? "" : "s") + " (e.g. item " +
                examples + ")";
        return std::nullopt;
    }
    return p;
}

IpsWeights ipsWeights(const Interactions& train, const Propensities& propensities,
                      const IpsOptions& options) {
    IpsWeights out;
    const CsrMatrix& m = train.byUser;
    out.weights.resize(m.nnz());
    double sum = 0.0;
    for (std::uint64_t k = 0; k < m.nnz(); ++k) {
        const double p = propensities.byItem.at(m.colIdx[k]);
        double w = p > 0.0 ? 1.0 / p : 0.0;
        if (options.maxWeight > 0.0 && w > options.maxWeight) {
            w = options.maxWeight;
            ++out.clipped;
        }
        out.weights[k] = float(w);
        sum += w;
    }
    const double n = double(m.nnz());
    if (options.selfNormalise && sum > 0.0) {
        const double scale = n / sum;
        for (float& w : out.weights)
            w = float(double(w) * scale);
    }
    double total = 0.0, squares = 0.0;
    out.minWeight = out.weights.empty() ? 0.0 : double(out.weights.front());
    for (float w : out.weights) {
        total += w;
        squares += double(w) * w;
        out.minWeight = std::min(out.minWeight, double(w));
        out.maxWeight = std::max(out.maxWeight, double(w));
    }
    out.meanWeight = n > 0 ? total / n : 0.0;
    out.effectiveSize = squares > 0.0 ? total * total / squares : 0.0;
    return out;
}

} // namespace rs
