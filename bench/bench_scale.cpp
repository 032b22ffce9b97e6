// Scale benchmark: fits models on a large ratings CSV (e.g. 25M rows from gen_ratings) and prints
// one JSON line per model with seconds per epoch and the process's peak memory so far.
// usage: bench_scale FILE.csv [--models biasedmf,als] [--epochs 3] [--threads 2] [--factors 100]
#include "BenchCommon.h"
#include "data/IdMap.h"
#include "data/Interactions.h"
#include "models/Recommender.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

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
                             "[--threads T] [--factors K]\n");
        return 2;
    }
    std::string models = "biasedmf,als", epochs = "3", threads = "2", factors = "100";
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
        std::string err;
        auto model = createRecommender(name, {{epochKey, epochs}, {"factors", factors}}, err);
        if (!model) {
            std::fprintf(stderr, "%s: %s\n", name.c_str(), err.c_str());
            return 2;
        }
        FitOptions fo;
        fo.threads = std::stoi(threads);
        auto start = std::chrono::steady_clock::now();
        FitResult r = model->fit(data, fo, {});
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double perEpoch = r.history.empty() ? s : s / double(r.history.size());
        std::printf(
            "{\"model\":\"%s\",\"ratings\":%zu,\"factors\":%s,\"threads\":%s,\"epochs\":%zu,"
            "\"fit_seconds\":%.3f,\"seconds_per_epoch\":%.3f,\"final_loss\":%.5f,"
            "\"peak_rss_mib\":%ld}\n",
            name.c_str(), data.size(), factors.c_str(), threads.c_str(), r.history.size(), s,
            perEpoch, r.history.empty() ? 0.0 : r.history.back().trainLoss,
            bench::peakRssKb() / 1024);
        std::fflush(stdout);
    }
    return 0;
}
