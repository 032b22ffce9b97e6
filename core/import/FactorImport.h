#pragma once
#include "eval/Metrics.h"
#include "import/FactorFileReader.h"
#include "import/FactorMapping.h"
#include "store/RunStore.h"
#include "store/Workspace.h"
#include "util/Progress.h"
#include <cstdint>
#include <string>

namespace rs {

/// A factor model trained elsewhere, to store as a run of model "imported".
struct FactorImportRequest {
    std::int64_t datasetId = 0;
    std::string itemsPath;             ///< required
    std::string usersPath;             ///< optional: empty = fold users in from training ratings
    FactorFileOptions itemsFormat;     ///< how to read the items file
    FactorFileOptions usersFormat;     ///< how to read the users file
    std::string kind = "rating";       ///< "rating" or "implicit" (ImportedFactors' kind)
    double mean = 0.0;                 ///< the global mean added to every score
    std::string source;                ///< free text; empty = the items file name
    double reg = 0.02, regBias = 0.02; ///< fold-in weights (ImportedFactors' reg, reg_bias)
    /// The split to evaluate on: a spec ("random:0.2:seed=0", see parseSplitSpec), or a stored
    /// split id; neither = no split (every rating is training data, no metrics).
    std::string split;
    std::int64_t splitId = 0;
    EvalOptions eval; ///< allRelevant is forced for implicit datasets, as for trained runs
};

/// What an import did. On failure (`ok` false) nothing was written to the workspace.
struct FactorImportResult {
    bool ok = false;
    std::string error; ///< what and where ("items.csv:7: ...")
    RunInfo run;       ///< the stored run (id > 0) with its metrics when evaluated
    int k = 0;
    FactorSideReport items, users;
    bool evaluated = false;
    EvaluationResult evaluation;
    std::size_t trainRows = 0, testRows = 0;
};

/// Imports an items factor file (and optionally a users one) for a dataset of the workspace:
/// reads and validates both (same k), maps their ids onto the dataset's users and items
/// (unknown ids are skipped and reported, missing ones get zero factors), folds users in by
/// ridge regression on their training ratings when there is no users file (RidgeFoldIn with
/// reg and regBias, the same solve the explanations use), evaluates on the split exactly as a
/// trained run is evaluated (evaluate()) and stores a run of model "imported" with status done.
/// Everything is computed before anything is written; the run is written in one transaction.
FactorImportResult importFactorModel(Workspace& ws, const FactorImportRequest& request,
                                     const Progress& progress = {});

} // namespace rs
