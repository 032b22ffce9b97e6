#pragma once
#include "compare/ExplanationAgreement.h"
#include "compare/MetricComparison.h"
#include "compare/OverlapMatrix.h"
#include "compare/PopularityProfile.h"
#include "compare/ProtocolCheck.h"
#include "eval/PopularitySegments.h"
#include "store/RunStore.h"
#include "store/Workspace.h"
#include "util/Progress.h"
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace rs {

/// What compareRuns() computes and how much of it.
struct CompareOptions {
    int k = 10; ///< top-K of the overlap, popularity and explanation parts
    /// Users sampled for the model-based parts: overlap, popularity, explanations (0 = every
    /// common user). The paired tests always use every user of the stored series.
    std::size_t users = 0;
    std::uint64_t seed = 0;  ///< of the user sample
    int threads = 2;         ///< users are spread over this many threads
    int popularityBins = 10; ///< quantile bins of the popularity profile
    /// Compare explanations (for explainUsers > 0). In ComparisonResult::options: whether they
    /// were compared, i.e. false when explainUsers was 0.
    bool explanations = true;
    std::size_t explainUsers = 30;       ///< users whose shared recommendations are explained
    std::size_t explainItemsPerUser = 3; ///< shared items explained per user and pair of runs
    /// Per-user series for the scatter data (display name as stored, e.g. "NDCG@10"); empty for
    /// none.
    std::string scatterMetric = "NDCG@10";
};

/// A per-user metric of two runs, aligned over the users both evaluated (for a scatter plot).
struct UserScatter {
    std::string metric;
    std::size_t a = 0, b = 0;         ///< run positions
    std::vector<std::string> userIds; ///< external ids, ascending dense index
    std::vector<double> valuesA, valuesB;
};

/// Everything the comparison page shows, computed headless.
struct ComparisonResult {
    std::string error; ///< non-empty when nothing could be compared (unknown run, datasets differ)
    bool cancelled = false;
    CompareOptions options;
    std::vector<RunInfo> runs; ///< in the order asked (a run may appear twice)
    std::int64_t datasetId = 0;
    std::string datasetName;
    ProtocolCheck protocol;
    std::vector<MetricRow> metrics;   ///< aggregates as stored
    std::vector<PairedMetric> paired; ///< every pair a < b, every per-user series both store
    OverlapMatrix overlap;            ///< top-K lists from the models
    std::vector<PopularityProfile> popularity; ///< per run
    /// Per run: popularity bias of the same sampled top-K lists per user segment of the run's
    /// training data (3 quantile segments), with the run's stored NDCG@K and R@K series averaged
    /// per segment over every user they hold (see segmentReport).
    std::vector<SegmentReport> activitySegments, mainstreamSegments;
    ExplanationAgreement explanations;
    std::vector<UserScatter> scatter; ///< options.scatterMetric for every pair a < b
    double seconds = 0.0;

    const std::vector<SegmentReport>& segments(UserSegmentBy by) const {
        return by == UserSegmentBy::Activity ? activitySegments : mainstreamSegments;
    }
};

/// Compares the runs `runIds` (at least two, on one dataset) of the workspace: metrics and
/// their paired tests from the stored per-user series, and — from the trained models loaded
/// with loadRunContext — top-K overlap, popularity profiles and explanation agreement. Uses
/// the caller's connection (call from a worker). Progress: loading, recommending, explaining;
/// a cancel returns with `cancelled` set.
ComparisonResult compareRuns(Workspace& ws, std::span<const std::int64_t> runIds,
                             const CompareOptions& options, const Progress& progress = {});

} // namespace rs
