#include "split/Split.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <string_view>
#include <system_error>

namespace rs {

namespace {

/// Uniform integer in [0, n) from a 64-bit engine by rejection, identical on every platform
/// (std::uniform_int_distribution is not).
std::uint64_t below(std::mt19937_64& rng, std::uint64_t n) {
    const std::uint64_t limit =
        std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
    std::uint64_t x = rng();
    while (x >= limit)
        x = rng();
    return x % n;
}

/// Fisher-Yates shuffle (std::shuffle's order differs between standard libraries).
void shuffle(std::vector<std::uint32_t>& v, std::mt19937_64& rng) {
    for (std::size_t k = v.size(); k > 1; --k)
        std::swap(v[k - 1], v[below(rng, k)]);
}

/// round(fraction * n), halves up, never above n.
std::size_t share(double fraction, std::size_t n) {
    const double x = std::floor(fraction * double(n) + 0.5);
    return std::min(n, std::size_t(std::max(0.0, x)));
}

/// Rows of each user, in row order.
std::vector<std::vector<std::uint32_t>> rowsByUser(const RatingTable& t) {
    std::uint32_t users = t.numUsers();
    for (std::uint32_t u : t.users)
        users = std::max(users, u + 1);
    std::vector<std::vector<std::uint32_t>> by(users);
    for (std::uint32_t r = 0; r < t.size(); ++r)
        by[t.users[r]].push_back(r);
    return by;
}

/// Sorts rows oldest first; equal times keep row order.
void sortByTime(std::vector<std::uint32_t>& rows, const RatingTable& t) {
    std::stable_sort(rows.begin(), rows.end(), [&t](std::uint32_t a, std::uint32_t b) {
        return t.timestamps[a] < t.timestamps[b];
    });
}

/// Marks `isTest` rows into the two ascending lists.
SplitResult fromMask(const std::vector<char>& isTest) {
    SplitResult out;
    for (std::uint32_t r = 0; r < isTest.size(); ++r)
        (isTest[r] ? out.testRows : out.trainRows).push_back(r);
    return out;
}

std::string checkSpec(const RatingTable& t, const SplitSpec& s) {
    if (t.users.size() != t.size() || t.items.size() != t.size())
        return "the rating table's columns differ in length";
    if (t.size() > std::numeric_limits<std::uint32_t>::max())
        return "the rating table has too many rows for 32-bit row indices";
    switch (s.kind) {
    case SplitSpec::Random:
    case SplitSpec::PerUser:
    case SplitSpec::TemporalGlobal:
        if (!(s.testFraction > 0.0 && s.testFraction < 1.0))
            return "the test fraction must be between 0 and 1 (exclusive), got " +
                   std::to_string(s.testFraction);
        break;
    case SplitSpec::TemporalLastN:
        if (s.lastN < 1)
            return "lastn needs N >= 1, got " + std::to_string(s.lastN);
        break;
    case SplitSpec::KFold:
        if (s.folds < 2)
            return "k-fold needs at least 2 folds, got " + std::to_string(s.folds);
        if (s.fold < 0 || s.fold >= s.folds)
            return "fold must be in [0, " + std::to_string(s.folds - 1) + "], got " +
                   std::to_string(s.fold);
        break;
    case SplitSpec::Predefined:
        return "a predefined split comes from separate train and test files; import them as such";
    }
    const bool temporal = s.kind == SplitSpec::TemporalGlobal || s.kind == SplitSpec::TemporalLastN;
    if (temporal && !t.hasTimestamps())
        return "a temporal split needs timestamps, and this dataset has no time column";
    if (temporal && t.timestamps.size() != t.size())
        return "the rating table's timestamp column differs in length";
    return {};
}

} // namespace

SplitResult makeSplit(const RatingTable& t, const SplitSpec& s) {
    if (std::string error = checkSpec(t, s); !error.empty()) {
        SplitResult out;
        out.error = std::move(error);
        return out;
    }
    const std::size_t n = t.size();
    std::mt19937_64 rng(s.seed);
    std::vector<char> isTest(n, 0);

    switch (s.kind) {
    case SplitSpec::Random: {
        std::vector<std::uint32_t> order(n);
        std::iota(order.begin(), order.end(), 0u);
        shuffle(order, rng);
        for (std::size_t k = 0, m = share(s.testFraction, n); k < m; ++k)
            isTest[order[k]] = 1;
        break;
    }
    case SplitSpec::PerUser:
        // Users in index order, each with its own shuffle drawn from the one stream.
        for (auto& rows : rowsByUser(t)) {
            if (rows.size() < 2)
                continue;
            shuffle(rows, rng);
            const std::size_t m = std::min(share(s.testFraction, rows.size()), rows.size() - 1);
            for (std::size_t k = 0; k < m; ++k)
                isTest[rows[k]] = 1;
        }
        break;
    case SplitSpec::TemporalGlobal: {
        std::vector<std::uint32_t> order(n);
        std::iota(order.begin(), order.end(), 0u);
        sortByTime(order, t);
        for (std::size_t k = n - share(s.testFraction, n); k < n; ++k)
            isTest[order[k]] = 1;
        break;
    }
    case SplitSpec::TemporalLastN:
        for (auto& rows : rowsByUser(t)) {
            if (rows.size() < 2)
                continue;
            sortByTime(rows, t);
            const std::size_t m = std::min<std::size_t>(std::size_t(s.lastN), rows.size() - 1);
            for (std::size_t k = rows.size() - m; k < rows.size(); ++k)
                isTest[rows[k]] = 1;
        }
        break;
    case SplitSpec::KFold: {
        std::vector<std::uint32_t> order(n);
        std::iota(order.begin(), order.end(), 0u);
        shuffle(order, rng);
        // Fold f holds positions [f*n/folds, (f+1)*n/folds): an exact partition.
        const std::size_t folds = std::size_t(s.folds), f = std::size_t(s.fold);
        for (std::size_t k = f * n / folds; k < (f + 1) * n / folds; ++k)
            isTest[order[k]] = 1;
        break;
    }
    case SplitSpec::Predefined:
        break; // rejected by checkSpec
    }
    return fromMask(isTest);
}

namespace {

constexpr std::array<std::pair<SplitSpec::Kind, std::string_view>, 6> kKinds{{
    {SplitSpec::Random, "random"},
    {SplitSpec::PerUser, "peruser"},
    {SplitSpec::TemporalGlobal, "temporal"},
    {SplitSpec::TemporalLastN, "lastn"},
    {SplitSpec::KFold, "kfold"},
    {SplitSpec::Predefined, "predefined"},
}};

/// Shortest text that reads back as exactly `v`.
std::string formatReal(double v) {
    char buf[64];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, p) : std::to_string(v);
}

bool parseReal(std::string_view s, double& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && ec == std::errc() && p == s.data() + s.size() && std::isfinite(out);
}

template <class Int> bool parseInt(std::string_view s, Int& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && ec == std::errc() && p == s.data() + s.size();
}

std::vector<std::string_view> fields(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t colon = text.find(':', start);
        out.push_back(text.substr(start, colon - start));
        if (colon == std::string_view::npos)
            return out;
        start = colon + 1;
    }
}

bool usesFraction(SplitSpec::Kind k) {
    return k == SplitSpec::Random || k == SplitSpec::PerUser || k == SplitSpec::TemporalGlobal;
}
bool usesSeed(SplitSpec::Kind k) {
    return k == SplitSpec::Random || k == SplitSpec::PerUser || k == SplitSpec::KFold;
}

/// Applies one "key=value" (or the positional number when key is empty) to `spec`.
bool applyField(SplitSpec& spec, std::string_view key, std::string_view value, std::string& error) {
    const std::string kind = splitKindName(spec.kind);
    auto bad = [&](const std::string& what) {
        error = kind + ": " + what + ", got '" + std::string(value) + "'";
        return false;
    };
    if (key.empty())
        key = usesFraction(spec.kind)                 ? "test"
              : spec.kind == SplitSpec::TemporalLastN ? "n"
              : spec.kind == SplitSpec::KFold         ? "folds"
                                                      : "";
    if (key == "test" && usesFraction(spec.kind)) {
        if (!parseReal(value, spec.testFraction) || spec.testFraction <= 0.0 ||
            spec.testFraction >= 1.0)
            return bad("the test fraction must be a number between 0 and 1");
    } else if (key == "n" && spec.kind == SplitSpec::TemporalLastN) {
        if (!parseInt(value, spec.lastN) || spec.lastN < 1)
            return bad("N must be an integer >= 1");
    } else if (key == "folds" && spec.kind == SplitSpec::KFold) {
        if (!parseInt(value, spec.folds) || spec.folds < 2)
            return bad("the number of folds must be an integer >= 2");
    } else if (key == "fold" && spec.kind == SplitSpec::KFold) {
        if (!parseInt(value, spec.fold) || spec.fold < 0)
            return bad("fold must be an integer >= 0");
    } else if (key == "seed" && usesSeed(spec.kind)) {
        if (!parseInt(value, spec.seed))
            return bad("seed must be a non-negative integer");
    } else {
        error = key.empty() ? kind + " takes no number"
                            : kind + " has no option '" + std::string(key) + "'";
        return false;
    }
    return true;
}

} // namespace

std::string splitKindName(SplitSpec::Kind kind) {
    for (const auto& [k, name] : kKinds)
        if (k == kind)
            return std::string(name);
    return "unknown";
}

SplitSpec parseSplitSpec(const std::string& text, std::string& error) {
    error.clear();
    const std::vector<std::string_view> parts = fields(text);
    SplitSpec spec;
    bool known = false;
    for (const auto& [k, name] : kKinds)
        if (parts[0] == name) {
            spec.kind = k;
            known = true;
        }
    if (!known) {
        error = "unknown split kind '" + std::string(parts[0]) +
                "' (expected random, peruser, temporal, lastn, kfold or predefined)";
        return {};
    }
    for (std::size_t p = 1; p < parts.size(); ++p) {
        const std::string_view part = parts[p];
        const std::size_t eq = part.find('=');
        const bool positional = eq == std::string_view::npos;
        if (positional && p != 1) {
            error = "'" + std::string(part) + "' must be written as key=value";
            return {};
        }
        const std::string_view key = positional ? std::string_view{} : part.substr(0, eq);
        const std::string_view value = positional ? part : part.substr(eq + 1);
        if (!positional && key.empty()) {
            error = "missing option name before '=' in '" + std::string(part) + "'";
            return {};
        }
        if (!applyField(spec, key, value, error))
            return {};
    }
    if (spec.kind == SplitSpec::KFold && spec.fold >= spec.folds) {
        error = "kfold: fold must be below the number of folds (" + std::to_string(spec.folds) +
                "), got " + std::to_string(spec.fold);
        return {};
    }
    return spec;
}

std::string describe(const SplitSpec& s) {
    std::string out = splitKindName(s.kind);
    if (usesFraction(s.kind))
        out += ":" + formatReal(s.testFraction);
    if (s.kind == SplitSpec::TemporalLastN)
        out += ":" + std::to_string(s.lastN);
    if (s.kind == SplitSpec::KFold)
        out += ":" + std::to_string(s.folds) + ":fold=" + std::to_string(s.fold);
    if (usesSeed(s.kind))
        out += ":seed=" + std::to_string(s.seed);
    return out;
}

} // namespace rs
