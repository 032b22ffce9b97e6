#include "train/RunRecording.h"

#include "store/SplitStore.h"

namespace rs {

bool resolveRunSplit(Workspace& ws, std::int64_t datasetId, const std::string& spec,
                     std::int64_t splitId, const RatingTable& table, SplitResult& split,
                     std::string& specText, std::string& error) {
    if (splitId > 0) {
        auto stored = SplitStore(ws).get(splitId);
        if (!stored || stored->datasetId != datasetId) {
            error = "split " + std::to_string(splitId) + " does not belong to this dataset";
            return false;
        }
        specText = stored->spec;
        split.testRows = stored->testRows;
        std::size_t t = 0;
        for (std::uint32_t r = 0; r < table.size(); ++r) {
            if (t < split.testRows.size() && split.testRows[t] == r)
                ++t;
            else
                split.trainRows.push_back(r);
        }
        return true;
    }
    const SplitSpec parsed = parseSplitSpec(spec, error);
    if (!error.empty())
        return false;
    split = makeSplit(table, parsed);
    if (!split.ok()) {
        error = split.error;
        return false;
    }
    specText = describe(parsed);
    return true;
}

std::vector<UserMetricSeries> userMetricSeriesOf(const EvaluationResult& evaluation) {
    std::vector<UserMetricSeries> out;
    const auto& ranking = evaluation.ranking;
    const auto& rating = evaluation.rating;
    for (const auto& [name, values] : evaluation.perUserSeries()) {
        if (!values || values->empty())
            continue;
        const bool ratingSeries = values == &rating.userRmse || values == &rating.userMae;
        out.push_back({name, ratingSeries ? rating.users : ranking.users, *values});
    }
    return out;
}

} // namespace rs
