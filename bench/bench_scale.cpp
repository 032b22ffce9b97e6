// Scale benchmark: fits models on a large ratings CSV (e.g. 25M rows from gen_ratings) and prints
// one JSON line per model with seconds per epoch and the process's peak memory so far.
// usage: bench_scale FILE.csv [--models biasedmf,als] [--epochs 3] [--threads 2] [--factors K]
//                    [--set key=value ...] [--repeat 1]
// --epochs sets "epochs" (ALS: "iterations"), --factors (default: each model's own) and --set
// only the models that have that hyper-parameter (so baseline and itemknn can be listed too);
// --repeat N fits each model N times and reports the median fit (fit_seconds_min the fastest).
#include "BenchCommon.h"
#include "data/IdMap.h"
#include "data/Interactions.h"
#include "models/Recommender.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace rs;

namespace {

/// Minimal loader for generated files (user,item,rating[,ts]; optional header).
RatingTable load(const char* path) {
    RatingTable t;
    IdMap users, items;
    std::FILE* f = std::fopen(path, "rb");
    if (!f) {
        std::perror(path);
        std::exit(1);
    }
    char line[512];
    while (std::fgets(line, sizeof line, f)) {
        char* c1 = std::strchr(line, ',');
        char* c2 = c1 ? std::strchr(c1 + 1, ',') : nullptr;
        if (!c2)
            continue;
        char* end = std::strpbrk(c2 + 1, ",\r\n");
        float v = 0;
        if (std::from_chars(c2 + 1, end ? end : c2 + 1 + std::strlen(c2 + 1), v).ec != std::errc())
            continue; // header
        t.users.push_back(users.intern(std::string_view(line, std::size_t(c1 - line))));
        t.items.push_back(items.intern(std::string_view(c1 + 1, std::size_t(c2 - c1 - 1))));
        t.values.push_back(v);
    }
    std::fclose(f);
    t.userIds = users.takeIds();
    t.itemIds = items.takeIds();
    return t;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_scale FILE.csv [--models a,b] [--epochs N] "
                             "[--threads T] [--factors K] [--set key=value] [--repeat N]\n");
        return 2;
    }
    std::string models = "biasedmf,als", epochs = "3", threads = "2", factors;
    bench::Params set;
    int repeat = 1;
    for (int a = 2; a + 1 < argc; a += 2) {
        std::string k = argv[a];
        if (k == "--models")
            models = argv[a + 1];
        else if (k == "--epochs")
            epochs = argv[a + 1];
        else if (k == "--threads")
            threads = argv[a + 1];
        else if (k == "--factors")
            factors = argv[a + 1];
        else if (k == "--set") {
            if (!bench::addKeyValue(argv[a + 1], set))
                return 2;
        } else if (k == "--repeat")
            repeat = std::max(1, std::atoi(argv[a + 1]));
    }
    auto t0 = std::chrono::steady_clock::now();
    const RatingTable table = load(argv[1]);
    const Interactions data = Interactions::fromTable(table);
    const double loadSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "loaded %zu ratings, %u users, %u items in %.1f s, peak %ld MiB\n",
                 data.size(), data.numUsers(), data.numItems(), loadSeconds,
                 bench::peakRssKb() / 1024);
    std::stringstream ss(models);
    std::string name;
    while (std::getline(ss, name, ',')) {
        const std::string epochKey = name == "als" ? "iterations" : "epochs";
        bench::Params wanted = {{epochKey, epochs}};
        if (!factors.empty())
            wanted.emplace_back("factors", factors);
        wanted.insert(wanted.end(), set.begin(), set.end());
        const bench::Params params = bench::paramsFor(name, wanted);
        std::string err;
        FitOptions fo;
        fo.threads = std::stoi(threads);
        std::vector<double> seconds;
        FitResult r;
        std::string paramText;
        for (int k = 0; k < repeat; ++k) {
            auto model = createRecommender(name, params, err);
            if (!model) {
                std::fprintf(stderr, "%s: %s\n", name.c_str(), err.c_str());
                return 2;
            }
            auto start = std::chrono::steady_clock::now();
            r = model->fit(data, fo, {});
            seconds.push_back(bench::secondsSince(start));
            if (r.status != FitStatus::Done) {
                std::fprintf(stderr, "%s: fit failed: %s\n", name.c_str(), r.message.c_str());
                return 1;
            }
            if (paramText.empty())
                for (const auto& [key, value] : model->hyperParameters())
                    paramText +=
                        (paramText.empty() ? "" : ",") + ("\"" + key + "\":\"" + value + "\"");
        }
        const double s = bench::statsOf(seconds).median;
        const double perEpoch = r.history.empty() ? s : s / double(r.history.size());
        std::printf("{\"model\":\"%s\",\"ratings\":%zu,\"threads\":%s,\"epochs\":%zu,"
                    "\"fit_seconds\":%.3f,\"fit_seconds_min\":%.3f,\"repeat\":%d,"
                    "\"seconds_per_epoch\":%.3f,\"final_loss\":%.5f,\"load_seconds\":%.3f,"
                    "\"peak_rss_mib\":%ld,\"params\":{%s}}\n",
                    name.c_str(), data.size(), threads.c_str(), r.history.size(), s,
                    *std::min_element(seconds.begin(), seconds.end()), repeat, perEpoch,
                    r.history.empty() ? 0.0 : r.history.back().trainLoss, loadSeconds,
                    bench::peakRssKb() / 1024, paramText.c_str());
        std::fflush(stdout);
    }
    return 0;
}
