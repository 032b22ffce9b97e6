// libFuzzer target: restoring a trained model from the workspace (model_hyper / model_params
// rows, see ModelBlobInput.h for the input format).
//
// The rows are decoded with the functions RunStore::loadModel uses (store/ModelStateCodec.h);
// a damaged row ends there (loadModel throws). Otherwise the model is created by name from the
// registry and loaded as loadTrainedModel does. When load() accepts the state, the model must
// score: score() for a few known users and items and one past the end of each (unknown ids),
// scoreAll() sized numItems(), and recommend(). ASan/UBSan reports are crashes.
#include "ModelBlobInput.h"

#include "models/Recommender.h"
#include "store/ModelStateCodec.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

[[noreturn]] void failCheck(const char* what, const std::string& detail = {}) {
    std::fprintf(stderr, "fuzz_model_blob: %s %s\n", what, detail.c_str());
    std::abort();
}

/// Loaded models are scored at most this many items per scoreAll(): a damaged state may claim
/// billions of items with empty (0-column) blocks, which is legal but not worth the time here.
constexpr std::uint32_t kMaxItems = 1u << 16;

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::vector<std::string> names = rs::recommenderNames();
    rs::fuzz::InputReader in(data, size);
    unsigned modelIndex = 0, hyperRows = 0;
    if (!in.u8(modelIndex) || !in.u8(hyperRows))
        return 0;
    rs::ModelState state;
    rs::decodeModelHyperRow(state, "__model", names[modelIndex % names.size()]);
    for (unsigned h = 0; h < hyperRows; ++h) {
        std::string key, value;
        if (!in.text(key) || !in.text(value))
            return 0;
        rs::decodeModelHyperRow(state, key, value);
    }
    std::string error;
    while (!in.done()) {
        std::string name;
        std::int64_t version = 0, rows = 0, cols = 0;
        std::uint32_t n = 0;
        if (!in.text(name) || !in.integer(version) || !in.integer(rows) || !in.integer(cols) ||
            !in.integer(n))
            break;
        if (!rs::decodeModelParamRow(state, name, version, rows, cols, in.bytes(n), error)) {
            if (error.empty())
                failCheck("decodeModelParamRow failed without an error");
            return 0;
        }
    }

    auto model = rs::createRecommender(state.model);
    if (!model)
        return 0;
    error.clear();
    if (!model->load(state, error)) {
        if (error.empty())
            failCheck("load failed without an error", state.model);
        return 0;
    }

    const std::uint32_t nu = model->numUsers();
    const std::uint32_t ni = model->numItems();
    const std::uint32_t users[] = {0, nu / 2, nu > 0 ? nu - 1 : 0, nu};
    const std::uint32_t items[] = {0, ni / 2, ni > 0 ? ni - 1 : 0, ni};
    for (const std::uint32_t u : users)
        for (const std::uint32_t i : items)
            (void)model->score(u, i);
    if (ni <= kMaxItems) {
        std::vector<float> all;
        for (const std::uint32_t u : {users[0], users[2], users[3]}) {
            model->scoreAll(u, all);
            if (all.size() != ni)
                failCheck("scoreAll size differs from numItems()", state.model);
        }
        const std::uint32_t exclude[] = {0};
        const auto top = model->recommend(users[0], 5, std::span<const std::uint32_t>(exclude));
        if (top.size() > 5)
            failCheck("recommend returned more than k items", state.model);
        for (const auto& s : top)
            if (s.item >= ni || s.item == 0)
                failCheck("recommend returned an excluded or unknown item", state.model);
    }
    // The state saved from the loaded model must load again.
    const rs::ModelState saved = model->save();
    auto again = rs::createRecommender(state.model);
    error.clear();
    if (!again->load(saved, error))
        failCheck("a loaded model's own save() does not load", state.model + ": " + error);
    return 0;
}
