// Import benchmark at the engine level: importRatings() of a ratings file into a fresh workspace,
// printing the time spent in each stage, rows/s and peak memory as one JSON line.
// usage: bench_import RATINGS.csv WORKSPACE.recscope
#include "BenchCommon.h"
#include "import/ImportJob.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>

using namespace rs;

namespace {} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench_import RATINGS.csv WORKSPACE.recscope\n");
        return 2;
    }
    std::remove(argv[2]);
    Workspace ws(argv[2]);
    ImportOptions o;
    o.ratingsPath = argv[1];
    o.datasetName = "bench";
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    std::map<std::string, double> stageStart;
    std::string current;
    std::vector<std::pair<std::string, double>> stages;
    Progress p{[&](double, std::string_view stage) {
        if (stage != current) {
            const double now = std::chrono::duration<double>(Clock::now() - t0).count();
            if (!current.empty())
                stages.emplace_back(current, now - stageStart[current]);
            current = std::string(stage);
            stageStart[current] = now;
        }
        return true;
    }};
    ImportResult r = importRatings(ws, o, p);
    const double total = std::chrono::duration<double>(Clock::now() - t0).count();
    if (!current.empty())
        stages.emplace_back(current, total - stageStart[current]);
    if (r.status != ImportStatus::Ok) {
        std::fprintf(stderr, "import failed: %s\n", r.error.c_str());
        return 1;
    }
    std::printf("{\"ratings\":%lld,\"users\":%lld,\"items\":%lld,\"seconds\":%.3f,"
                "\"rows_per_second\":%.0f,\"peak_rss_mib\":%ld,\"stages\":{",
                (long long)r.ratings, (long long)r.users, (long long)r.items, total,
                double(r.ratings) / total, bench::peakRssKb() / 1024);
    for (std::size_t k = 0; k < stages.size(); ++k)
        std::printf("%s\"%s\":%.3f", k ? "," : "", stages[k].first.c_str(), stages[k].second);
    std::printf("}}\n");
    return 0;
}
