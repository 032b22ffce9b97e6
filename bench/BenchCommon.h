// Small helpers shared by the benchmark programs (header-only: each bench/*.cpp is its own
// executable).
#pragma once
#include "data/Interactions.h"
#include "data/RatingTable.h"
#include "eval/Metrics.h"
#include "import/ImportJob.h"
#include "models/Recommender.h"
#include "models/Rng.h"
#include "store/Workspace.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace bench {

/// Peak resident set size of this process in KiB (VmHWM), 0 when unknown.
inline long peakRssKb() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stol(line.substr(6));
    return 0;
}

/// The shared material folder: $RECSCOPE_SHARED_DIR, else ../shared next to the source tree
/// (RECSCOPE_SOURCE_DIR is defined by bench/CMakeLists.txt).
inline std::string sharedDir() {
    if (const char* env = std::getenv("RECSCOPE_SHARED_DIR"))
        return env;
    return std::string(RECSCOPE_SOURCE_DIR) + "/../shared";
}

inline double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// Dense indices for external ids, shared by the train and test files of one split.
struct IdSpace {
    static constexpr std::uint32_t kUnknown = 0xffffffffu;
    std::unordered_map<std::string, std::uint32_t> users, items;
};

/// Appends the "user,item,rating" lines of a CSV file with a header line to `t`. New ids are
/// added to `ids` (and to t.userIds/itemIds) when `grow`, else they map to IdSpace::kUnknown.
inline bool appendCsvRatings(const std::string& path, IdSpace& ids, rs::RatingTable& t,
                             bool grow = true) {
    std::ifstream in(path);
    if (!in) {
        std::fprintf(stderr, "cannot open %s\n", path.c_str());
        return false;
    }
    auto intern = [grow](std::unordered_map<std::string, std::uint32_t>& m,
                         std::vector<std::string>& names, const std::string& s) {
        if (auto it = m.find(s); it != m.end())
            return it->second;
        if (!grow)
            return IdSpace::kUnknown;
        const auto n = std::uint32_t(m.size());
        m.emplace(s, n);
        names.push_back(s);
        return n;
    };
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        const auto c1 = line.find(','), c2 = line.find(',', c1 + 1);
        if (line.empty() || c1 == std::string::npos || c2 == std::string::npos)
            continue;
        t.users.push_back(intern(ids.users, t.userIds, line.substr(0, c1)));
        t.items.push_back(intern(ids.items, t.itemIds, line.substr(c1 + 1, c2 - c1 - 1)));
        t.values.push_back(std::stof(line.substr(c2 + 1)));
    }
    return true;
}

/// A train/test split of one table: the train rows first, then the test rows (a test file's
/// rows, or a seeded random `holdout` fraction of the train file's).
struct SplitData {
    rs::RatingTable table;
    std::vector<std::uint32_t> trainRows, testRows;
    rs::Interactions train;
};

/// Loads a train/test file pair into one table (test ids unseen in train become cold users or
/// items); with holdout > 0 the test file is ignored and a seeded random fraction of the train
/// file is held out instead. Prints the sizes to stderr.
inline bool loadSplitFiles(const std::string& trainPath, const std::string& testPath,
                           SplitData& out, double holdout = 0.0, std::uint64_t splitSeed = 7) {
    IdSpace ids;
    if (!appendCsvRatings(trainPath, ids, out.table))
        return false;
    const std::size_t trainSize = out.table.size();
    if (holdout > 0.0) {
        rs::Rng rng(splitSeed);
        for (std::uint32_t r = 0; r < trainSize; ++r)
            (rng.uniform() < holdout ? out.testRows : out.trainRows).push_back(r);
    } else {
        if (!appendCsvRatings(testPath, ids, out.table))
            return false;
        for (std::uint32_t r = 0; r < out.table.size(); ++r)
            (r < trainSize ? out.trainRows : out.testRows).push_back(r);
    }
    out.train = rs::Interactions::fromTable(out.table, out.trainRows);
    std::fprintf(stderr, "%zu train, %zu %s ratings, %u users, %u items\n", out.trainRows.size(),
                 out.testRows.size(), holdout > 0.0 ? "validation" : "test", out.table.numUsers(),
                 out.table.numItems());
    return true;
}

using Params = std::vector<std::pair<std::string, std::string>>;

/// Adds a --set "key=value" to `out`; false (with a message) when there is no '='.
inline bool addKeyValue(const std::string& kv, Params& out) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos) {
        std::fprintf(stderr, "--set expects key=value\n");
        return false;
    }
    out.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    return true;
}

/// The comma-separated parts of `s` (empty parts dropped).
inline std::vector<std::string> splitList(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    std::string part;
    while (std::getline(in, part, ','))
        if (!part.empty())
            out.push_back(part);
    return out;
}

/// The pairs of `set` that model `name` has as hyper-parameters.
inline Params paramsFor(const std::string& name, const Params& set) {
    Params out;
    const auto model = rs::createRecommender(name);
    if (model)
        for (const auto& [key, value] : set)
            for (const auto& [known, current] : model->hyperParameters())
                if (key == known)
                    out.emplace_back(key, value);
    return out;
}

/// The options every split benchmark takes: --train F --test F (default: the ../shared split),
/// --seed S, --threads T, --k K, --threshold X, --set key=value.
struct SplitBenchArgs {
    std::string trainPath, testPath;
    std::uint64_t seed = 42;
    int threads = 2;
    rs::EvalOptions eval;
    Params set;
    bool bad = false; ///< a --set without '=' (reported)

    SplitBenchArgs() {
        const std::string shared = sharedDir();
        trainPath = shared + "/datasets/ml-latest-small-split/mlsmall_train.csv";
        testPath = shared + "/datasets/ml-latest-small-split/mlsmall_test.csv";
    }

    /// The evaluation options with the benchmark's thread count.
    rs::EvalOptions evalOptions() const {
        rs::EvalOptions eo = eval;
        eo.threads = threads;
        return eo;
    }

    /// Takes `flag` (its value from `next()`) when it is one of the common options.
    template <class Next> bool take(const std::string& flag, Next&& next) {
        if (flag == "--train")
            trainPath = next();
        else if (flag == "--test")
            testPath = next();
        else if (flag == "--seed")
            seed = std::strtoull(next().c_str(), nullptr, 10);
        else if (flag == "--threads")
            threads = std::max(1, std::atoi(next().c_str()));
        else if (flag == "--k")
            eval.k = std::max(1, std::atoi(next().c_str()));
        else if (flag == "--threshold")
            eval.threshold = std::atof(next().c_str());
        else if (flag == "--set")
            bad = !addKeyValue(next(), set) || bad;
        else
            return false;
        return true;
    }
};

/// Median, 95th percentile and maximum of a sample.
struct Stats {
    double median = 0, p95 = 0, max = 0;
};

inline Stats statsOf(std::vector<double> v) {
    Stats s;
    if (v.empty())
        return s;
    std::sort(v.begin(), v.end());
    s.median = v[v.size() / 2];
    s.p95 = v[std::min(v.size() - 1, std::size_t(double(v.size()) * 0.95))];
    s.max = v.back();
    return s;
}

/// Imports a MovieLens-style ratings file (and its movies file when it exists) into `ws` as
/// dataset "ml-latest-small", printing an error on failure.
inline rs::ImportResult importDemo(rs::Workspace& ws, const std::string& ratings,
                                   const std::string& movies) {
    rs::ImportOptions io;
    io.datasetName = "ml-latest-small";
    io.ratingsPath = ratings;
    if (std::filesystem::exists(movies))
        io.itemsPath = movies;
    const rs::ImportResult imported = rs::importRatings(ws, io, {});
    if (imported.status != rs::ImportStatus::Ok)
        std::fprintf(stderr, "import failed: %s\n", imported.error.c_str());
    return imported;
}

} // namespace bench
