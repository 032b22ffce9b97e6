// Projection benchmark (issue 6): the latent-space map of a trained model on the demo dataset.
// Imports ../shared ml-latest-small into a temporary workspace, trains each model on a random
// 0.2 split, then times the map the Latent space page computes (buildEmbeddingSpace: factors,
// neighbour index, PCA or t-SNE of the items with 5+ ratings, the rest placed) and reports how
// much the map groups items by genre: the share of the 10 nearest map neighbours with the same
// main genre (items with 20+ ratings) against the share expected at random.
//
//   bench_projection [--models biasedmf,als] [--threads 2] [--repeat 1]
//                    [--ratings PATH] [--movies PATH] [--min 5]
// One JSON line per (model, method, repeat).
#include "BenchCommon.h"

#include "import/ImportJob.h"
#include "latent/EmbeddingSpace.h"
#include "latent/ItemGenres.h"
#include "store/Workspace.h"
#include "train/RunContext.h"
#include "train/TrainingJob.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

using namespace rs;

namespace {

struct Config {
    std::vector<std::string> models = {"biasedmf", "als"};
    std::string ratings, movies;
    int threads = 2;
    int repeat = 1;
    int minInteractions = 5;
};

bool parse(int argc, char** argv, Config& c) {
    const std::string shared = bench::sharedDir();
    c.ratings = shared + "/datasets/ml-latest-small/ratings.csv";
    c.movies = shared + "/datasets/ml-latest-small/movies.csv";
    for (int k = 1; k + 1 < argc; k += 2) {
        const std::string key = argv[k], value = argv[k + 1];
        if (key == "--models") {
            c.models.clear();
            std::stringstream in(value);
            for (std::string m; std::getline(in, m, ',');)
                c.models.push_back(m);
        } else if (key == "--threads") {
            c.threads = std::stoi(value);
        } else if (key == "--repeat") {
            c.repeat = std::max(1, std::stoi(value));
        } else if (key == "--ratings") {
            c.ratings = value;
        } else if (key == "--movies") {
            c.movies = value;
        } else if (key == "--min") {
            c.minInteractions = std::stoi(value);
        } else {
            std::fprintf(stderr, "unknown option %s\n", key.c_str());
            return false;
        }
    }
    if (!std::filesystem::exists(c.ratings)) {
        std::fprintf(stderr, "no ratings at %s (pass --ratings)\n", c.ratings.c_str());
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    Config c;
    if (!parse(argc, argv, c))
        return 2;
    char dirTemplate[] = "/tmp/recscope-bench-projection-XXXXXX";
    if (!mkdtemp(dirTemplate))
        return 1;
    const std::filesystem::path dir = dirTemplate;
    int status = 0;
    {
        Workspace ws((dir / "bench.recscope").string());
        const ImportResult imported = bench::importDemo(ws, c.ratings, c.movies);
        if (imported.status != ImportStatus::Ok)
            return 1;
        for (const std::string& model : c.models) {
            TrainingRequest req;
            req.datasetId = imported.datasetId;
            req.model = model;
            req.split = "random:0.2:seed=0";
            req.threads = c.threads;
            const TrainingOutcome trained = runTraining(ws, req, {});
            std::string error;
            const auto ctx = trained.status == TrainingStatus::Done
                                 ? loadRunContext(ws, trained.run.id, error)
                                 : nullptr;
            if (!ctx) {
                std::fprintf(stderr, "%s: %s %s\n", model.c_str(), trained.error.c_str(),
                             error.c_str());
                status = 1;
                continue;
            }
            const std::vector<std::string> genres = mainGenres(ctx->items);
            for (LayoutMethod method : {LayoutMethod::Pca, LayoutMethod::Tsne})
                for (int r = 0; r < c.repeat; ++r) {
                    EmbeddingRequest request;
                    request.method = method;
                    request.useCache = false;
                    request.minInteractions = c.minInteractions;
                    request.tsne.threads = c.threads;
                    bool cancelled = false;
                    const auto t0 = std::chrono::steady_clock::now();
                    const auto space =
                        buildEmbeddingSpace(*ctx, nullptr, request, {}, error, cancelled);
                    const double seconds = bench::secondsSince(t0);
                    if (!space) {
                        std::fprintf(stderr, "%s: %s\n", model.c_str(), error.c_str());
                        status = 1;
                        break;
                    }
                    std::vector<std::uint32_t> rows;
                    for (std::uint32_t i = 0; i < space->size(); ++i)
                        if (space->popularity[i] >= 20 && !genres[i].empty())
                            rows.push_back(i);
                    const LabelAgreement a =
                        neighbourLabelAgreement(space->layout.xy, genres, rows, 10);
                    std::printf("{\"model\":\"%s\",\"method\":\"%s\",\"items\":%zu,\"fitted\":%zu,"
                                "\"factors\":%d,\"seconds\":%.3f,\"kl\":%.4f,"
                                "\"genre_agreement\":%.4f,\"genre_random\":%.4f,"
                                "\"agreement_items\":%zu}\n",
                                model.c_str(), layoutMethodName(method), space->size(),
                                space->fittedCount(), space->index->dimensions(), seconds,
                                space->layout.klDivergence, a.observed, a.random, a.rows);
                    std::fflush(stdout);
                }
        }
    }
    std::filesystem::remove_all(dir);
    return status;
}
