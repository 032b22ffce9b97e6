#pragma once
#include "explain/Explanation.h"
#include "train/RunContext.h"
#include "util/Progress.h"
#include "whatif/DataEdit.h"
#include <optional>
#include <string>
#include <vector>

namespace rs {

/// A counterfactual on the data: change the training data (DataEdit) and see how one user's
/// recommendations and the explanation of one of them change, and how the edited items'
/// exposure across all users changes.
struct DataWhatIfRequest {
    std::uint32_t user = 0; ///< the user whose top-K is compared
    std::uint32_t item = 0; ///< the recommendation whose explanation is compared
    std::vector<DataEdit> edits;
    int k = 10;
    /// Threads of a retrain; 0 = the run's own (so an edit that changes nothing reproduces the
    /// stored model exactly for models that are deterministic for a seed and thread count).
    int threads = 0;
    bool preferFoldIn = true; ///< re-solve the user when only their ratings change
};

/// How exposed an edited item is: in how many users' top-K lists it appears.
struct ItemExposureChange {
    std::uint32_t item = 0;
    int before = 0, after = 0;
};

struct DataWhatIfResult {
    std::string error; ///< non-empty when nothing could be computed
    bool cancelled = false;
    /// "fold-in": only the user's own ratings changed and the model re-solved that user with
    /// everything else fixed (cheap, exact for the model's fold-in); "retrain": the model was
    /// trained again with the run's hyper-parameters and seed on the edited data.
    std::string method;
    std::string note;
    std::vector<ScoredItem> before, after;                          ///< the user's top-K
    double scoreBefore = 0, scoreAfter = 0;                         ///< of the explained item
    int rankBefore = 0, rankAfter = 0;                              ///< 0 = rated (not a candidate)
    std::optional<Explanation> explanationBefore, explanationAfter; ///< after: retrain only
    std::vector<ItemExposureChange> exposure; ///< items named by the edits (retrain only)
    int usersCompared = 0, usersChanged = 0;  ///< users whose top-K differs (retrain only)
    double fitSeconds = 0, seconds = 0;
};

/// Answers the what-if for run context `ctx`. Progress covers the retrain (cancel returns with
/// `cancelled`). Safe to run on a worker thread: `ctx` is only read.
DataWhatIfResult runDataWhatIf(const RunContext& ctx, const DataWhatIfRequest& request,
                               const Progress& progress = {});

} // namespace rs
