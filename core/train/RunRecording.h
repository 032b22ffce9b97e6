#pragma once
#include "data/RatingTable.h"
#include "eval/Metrics.h"
#include "split/Split.h"
#include "store/RunStore.h"
#include "store/Workspace.h"
#include <cstdint>
#include <string>
#include <vector>

namespace rs {

/// The train/test rows of a run: the stored split `splitId` (which must belong to dataset
/// `datasetId`) when it is > 0, else a new split made from `spec` (see parseSplitSpec). Sets
/// `specText` to the split's description; false with `error` otherwise. Shared by every way a
/// run is made (training, importing factors) so they split identically.
bool resolveRunSplit(Workspace& ws, std::int64_t datasetId, const std::string& spec,
                     std::int64_t splitId, const RatingTable& table, SplitResult& split,
                     std::string& specText, std::string& error);

/// The per-user metric series of an evaluation as the run stores them (users aligned with the
/// rating or the ranking part, empty series left out).
std::vector<UserMetricSeries> userMetricSeriesOf(const EvaluationResult& evaluation);

} // namespace rs
