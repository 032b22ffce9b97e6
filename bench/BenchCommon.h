// Small helpers shared by the benchmark programs (header-only: each bench/*.cpp is its own
// executable).
#pragma once
#include "data/RatingTable.h"
#include "import/ImportJob.h"
#include "store/Workspace.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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
