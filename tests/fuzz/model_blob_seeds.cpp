// Writes seed inputs for fuzz_model_blob into the directory given as argv[1]: every registry
// model trained on a tiny planted data set (the imported model from a biased-MF state), saved and
// encoded as ModelBlobInput.h describes, plus a few truncated copies. Run by hand when the model
// formats change (see scripts/fuzz.sh); the outputs live in tests/fuzz/corpus/fuzz_model_blob.
#include "ModelBlobInput.h"

#include "data/Interactions.h"
#include "models/Recommender.h"
#include "models/Rng.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

rs::Interactions tinyRatings(std::uint32_t users, std::uint32_t items, std::uint64_t seed) {
    rs::Rng rng(seed);
    rs::RatingTable t;
    for (std::uint32_t u = 0; u < users; ++u)
        for (std::uint32_t i = 0; i < items; ++i)
            if (rng.uniform() < 0.5) {
                t.users.push_back(u);
                t.items.push_back(i);
                t.values.push_back(float(1 + (u * 7 + i * 3) % 5));
            }
    for (std::uint32_t u = 0; u < users; ++u)
        t.userIds.push_back("u" + std::to_string(u));
    for (std::uint32_t i = 0; i < items; ++i)
        t.itemIds.push_back("i" + std::to_string(i));
    return rs::Interactions::fromTable(t);
}

void write(const std::filesystem::path& dir, const std::string& name, const std::string& bytes) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    const auto names = rs::recommenderNames();
    const rs::Interactions data = tinyRatings(6, 5, 7);
    rs::ModelState mfState;
    int written = 0;
    for (unsigned index = 0; index < names.size(); ++index) {
        auto model = rs::createRecommender(names[index]);
        if (!model->trainable())
            continue;
        std::string error;
        for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
                 {"factors", "2"}, {"epochs", "2"}, {"iterations", "2"}, {"k", "3"},
                 {"attention", "2"}, {"layers", "1"}, {"bsl_epochs", "1"}}) {
            std::string ignored;
            bool known = false;
            for (const auto& hp : model->hyperParameters())
                known = known || hp.first == key;
            if (known && !model->setHyperParameter(key, value, ignored))
                std::fprintf(stderr, "%s: %s=%s: %s\n", names[index].c_str(), key.c_str(),
                             value.c_str(), ignored.c_str());
        }
        rs::FitOptions options;
        options.seed = 3;
        const auto fit = model->fit(data, options, rs::Progress{});
        if (fit.status != rs::FitStatus::Done) {
            std::fprintf(stderr, "%s: fit failed: %s\n", names[index].c_str(),
                         fit.message.c_str());
            return 1;
        }
        const rs::ModelState state = model->save();
        if (names[index] == "biasedmf")
            mfState = state;
        const std::string bytes = rs::fuzz::encodeModelInput(index, state);
        write(dir, "valid-" + names[index], bytes);
        write(dir, "truncated-" + names[index], bytes.substr(0, bytes.size() * 2 / 3));
        written += 2;
    }
    for (unsigned index = 0; index < names.size(); ++index)
        if (names[index] == "imported" && !mfState.blocks.empty()) {
            mfState.model = "imported";
            mfState.hyper.clear();
            write(dir, "valid-imported", rs::fuzz::encodeModelInput(index, mfState));
            ++written;
        }
    std::printf("wrote %d seeds to %s\n", written, dir.c_str());
    return 0;
}
