#include "debias/DebiasSpec.h"

#include <charconv>
#include <cmath>
#include <vector>

namespace rs {

namespace {

std::vector<std::string_view> colonFields(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t c = text.find(':', start);
        out.push_back(text.substr(start, c == std::string_view::npos ? c : c - start));
        if (c == std::string_view::npos)
            return out;
        start = c + 1;
    }
}

bool readDouble(std::string_view v, double& out) {
    const auto r = std::from_chars(v.data(), v.data() + v.size(), out);
    return r.ec == std::errc() && r.ptr == v.data() + v.size() && std::isfinite(out);
}

template <class Int> bool readInt(std::string_view v, Int& out) {
    const auto r = std::from_chars(v.data(), v.data() + v.size(), out);
    return r.ec == std::errc() && r.ptr == v.data() + v.size();
}

std::string number(double v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

bool applyOption(DebiasSpec& s, std::string_view key, std::string_view value, std::string& error) {
    const std::string what = "'" + std::string(key) + "=" + std::string(value) + "'";
    auto bad = [&](const char* expected) {
        error = "debias option " + what + ": " + expected;
        return false;
    };
    const bool ips = s.method == DebiasSpec::Method::Ips;
    if (ips && key == "eta")
        return readDouble(value, s.eta) && s.eta >= 0.0 && s.eta <= 4.0
                   ? true
                   : bad("expected an exponent from 0 to 4");
    if (ips && key == "column") {
        if (value.empty())
            return bad("expected a metadata column name");
        s.column = std::string(value);
        return true;
    }
    if (ips && key == "clip")
        return readDouble(value, s.clip) && (s.clip == 0.0 || s.clip >= 1.0)
                   ? true
                   : bad("expected 0 (no clipping) or a maximum weight >= 1");
    if (ips && key == "normalise") {
        if (value != "0" && value != "1")
            return bad("expected 0 or 1");
        s.normalise = value == "1";
        return true;
    }
    if (!ips && key == "strata")
        return readInt(value, s.strata) && s.strata >= 2 && s.strata <= 20
                   ? true
                   : bad("expected 2 to 20 strata");
    if (!ips && key == "flatten")
        return readDouble(value, s.flatten) && s.flatten >= 0.0 && s.flatten <= 1.0
                   ? true
                   : bad("expected a value from 0 (keep) to 1 (uniform)");
    if (!ips && key == "target") {
        s.target.clear();
        double sum = 0.0;
        std::size_t start = 0;
        while (start <= value.size()) {
            const std::size_t slash = value.find('/', start);
            const std::string_view part =
                value.substr(start, slash == std::string_view::npos ? slash : slash - start);
            double x = 0.0;
            if (!readDouble(part, x) || x <= 0.0)
                return bad("expected positive shares separated by '/', e.g. 0.5/0.3/0.2");
            s.target.push_back(x);
            sum += x;
            if (slash == std::string_view::npos)
                break;
            start = slash + 1;
        }
        if (std::abs(sum - 1.0) > 1e-6)
            return bad("the shares must sum to 1");
        s.strata = int(s.target.size());
        return s.strata >= 2 && s.strata <= 20 ? true : bad("expected 2 to 20 shares");
    }
    if (!ips && key == "min")
        return readInt(value, s.minPerUser) && s.minPerUser >= 0 && s.minPerUser <= 1000
                   ? true
                   : bad("expected a minimum of 0 to 1000 interactions per user");
    if (!ips && key == "seed")
        return readInt(value, s.seed) ? true : bad("expected a non-negative integer");
    error = "unknown debias option '" + std::string(key) + "' for " +
            (ips ? "ips (eta, column, clip, normalise)"
                 : "rebalancing (strata, flatten, target, min, seed)");
    return false;
}

} // namespace

bool DebiasSpec::needsSampleWeights() const {
    return method == Method::Ips || method == Method::Over || method == Method::Reweight;
}

RebalanceOptions DebiasSpec::rebalanceOptions() const {
    RebalanceOptions o;
    o.mode = method == Method::Over       ? RebalanceMode::Over
             : method == Method::Reweight ? RebalanceMode::Reweight
                                          : RebalanceMode::Down;
    o.strata = strata;
    o.target = target;
    o.flatten = flatten;
    o.minPerUser = minPerUser;
    o.seed = seed;
    return o;
}

std::optional<DebiasSpec> parseDebiasSpec(std::string_view text, std::string& error) {
    error.clear();
    DebiasSpec s;
    if (text.empty() || text == "none")
        return s;
    const std::vector<std::string_view> parts = colonFields(text);
    const std::string_view kind = parts[0];
    if (kind == "ips")
        s.method = DebiasSpec::Method::Ips;
    else if (kind == "down")
        s.method = DebiasSpec::Method::Down;
    else if (kind == "over")
        s.method = DebiasSpec::Method::Over;
    else if (kind == "reweight")
        s.method = DebiasSpec::Method::Reweight;
    else {
        error = "unknown debias method '" + std::string(kind) +
                "' (expected none, ips, down, over or reweight)";
        return std::nullopt;
    }
    for (std::size_t p = 1; p < parts.size(); ++p) {
        const std::size_t eq = parts[p].find('=');
        if (eq == std::string_view::npos || eq == 0) {
            error = "debias option '" + std::string(parts[p]) + "' must be written as key=value";
            return std::nullopt;
        }
        if (!applyOption(s, parts[p].substr(0, eq), parts[p].substr(eq + 1), error))
            return std::nullopt;
    }
    return s;
}

std::string debiasSpecText(const DebiasSpec& s) {
    using M = DebiasSpec::Method;
    switch (s.method) {
    case M::None:
        return {};
    case M::Ips:
        return "ips:" + (s.column.empty() ? "eta=" + number(s.eta) : "column=" + s.column) +
               ":clip=" + number(s.clip) + ":normalise=" + (s.normalise ? "1" : "0");
    case M::Down:
    case M::Over:
    case M::Reweight: {
        std::string t = std::string(rebalanceModeName(s.rebalanceOptions().mode));
        if (s.target.empty()) {
            t += ":strata=" + std::to_string(s.strata) + ":flatten=" + number(s.flatten);
        } else {
            t += ":target=";
            for (std::size_t k = 0; k < s.target.size(); ++k)
                t += (k ? "/" : "") + number(s.target[k]);
        }
        if (s.method == M::Down)
            t += ":min=" + std::to_string(s.minPerUser);
        if (s.method != M::Reweight)
            t += ":seed=" + std::to_string(s.seed);
        return t;
    }
    }
    return {};
}

std::string debiasSummary(const DebiasSpec& s) {
    using M = DebiasSpec::Method;
    std::string strata =
        s.target.empty()
            ? std::to_string(s.strata) + " popularity strata, flatten " + number(s.flatten)
            : std::to_string(s.target.size()) + " popularity strata, target shares";
    switch (s.method) {
    case M::None:
        return "none";
    case M::Ips:
        return "IPS, propensity " +
               (s.column.empty() ? "popularity^" + number(s.eta) : "column '" + s.column + "'") +
               (s.clip > 0 ? ", weights clipped at " + number(s.clip) : "") +
               (s.normalise ? ", self-normalised" : "");
    case M::Down:
        return "down-sampling, " + strata;
    case M::Over:
        return "over-sampling, " + strata;
    case M::Reweight:
        return "loss re-weighting, " + strata;
    }
    return {};
}

std::string modelWithDebias(const std::string& model, std::string_view debias) {
    std::string error;
    const auto spec = parseDebiasSpec(debias, error);
    if (!spec)
        return model + " + " + std::string(debias);
    switch (spec->method) {
    case DebiasSpec::Method::None:
        return model;
    case DebiasSpec::Method::Ips:
        return model + " + IPS";
    case DebiasSpec::Method::Down:
        return model + " + down-sampled";
    case DebiasSpec::Method::Over:
        return model + " + over-sampled";
    case DebiasSpec::Method::Reweight:
        return model + " + re-weighted";
    }
    return model;
}

} // namespace rs
