#include "import/FactorImport.h"

#include "train/RunRecording.h"

#include "explain/RidgeFoldIn.h"
#include "models/ImportedFactors.h"
#include "split/Split.h"
#include "store/DatasetStore.h"
#include "store/SplitStore.h"

#include <chrono>

namespace rs {

namespace {

/// Solves every user's bias and factors by ridge regression on the user's training ratings with
/// the item side of `f` fixed (the fold-in explanations use); users without ratings stay zero.
std::int64_t foldInUsers(FactorSet& f, const Interactions& train, double reg, double regBias,
                         const Progress& progress, bool& cancelled) {
    explain::RidgeItemSide side;
    side.Q = f.Q.data();
    side.stride = f.stride;
    side.k = f.k;
    side.items = f.items;
    side.itemBias = f.bi.data();
    side.mean = f.mean;
    side.reg = reg;
    side.regBias = regBias;
    std::int64_t solved = 0;
    for (std::uint32_t u = 0; u < f.users && u < train.numUsers(); ++u) {
        if (u % 256 == 0 && !progress(double(u) / double(f.users), "folding in users")) {
            cancelled = true;
            return solved;
        }
        if (train.byUser.rowSize(u) == 0)
            continue;
        const explain::RidgeFoldIn fold(side, train.byUser.rowCols(u), train.byUser.rowValues(u));
        const Eigen::VectorXd x = fold.userParameters();
        f.bu[u] = float(x[0]);
        for (int d = 0; d < f.k; ++d)
            f.P[std::size_t(u) * f.stride + std::size_t(d)] = float(x[d + 1]);
        ++solved;
    }
    return solved;
}

/// Progress over [from, to) of the whole job.
Progress slice(const Progress& p, double from, double to) {
    return Progress{[&p, from, to](double f, std::string_view stage) {
        return p(from + (to - from) * f, stage);
    }};
}

std::string describeUnknown(const FactorSideReport& r, const char* side,
                            const std::string& dataset) {
    std::string text = "none of the " + std::to_string(r.rows) + " ids in " + r.file + " is " +
                       side + " of dataset '" + dataset + "'";
    if (!r.unknownExamples.empty())
        text += " (e.g. " + r.unknownExamples.front() + ")";
    return text;
}

} // namespace

FactorImportResult importFactorModel(Workspace& ws, const FactorImportRequest& req,
                                     const Progress& progress) {
    FactorImportResult out;
    auto fail = [&](std::string message) {
        out.ok = false;
        out.error = std::move(message);
        return out;
    };
    const auto t0 = std::chrono::steady_clock::now();
    if (req.kind != "rating" && req.kind != "implicit")
        return fail("kind must be rating or implicit, got '" + req.kind + "'");
    if (req.splitId > 0 && !req.split.empty())
        return fail("give a split spec or a stored split id, not both");
    if (req.itemsPath.empty())
        return fail("an items factor file is required");
    const auto info = DatasetStore(ws).get(req.datasetId);
    if (!info)
        return fail("no dataset with id " + std::to_string(req.datasetId));

    // Read and validate the files.
    std::string error;
    FactorFile items, users;
    if (!readFactorFile(req.itemsPath, req.itemsFormat, items, error, slice(progress, 0.0, 0.2)))
        return fail(error);
    const bool usersFromFile = !req.usersPath.empty();
    if (usersFromFile) {
        if (!readFactorFile(req.usersPath, req.usersFormat, users, error,
                            slice(progress, 0.2, 0.4)))
            return fail(error);
        if (users.k != items.k)
            return fail(users.fileName + ":" + std::to_string(users.lines.front()) + ": " +
                        std::to_string(users.k) + " factors per row, but " + items.fileName +
                        " has " + std::to_string(items.k) + " (line " +
                        std::to_string(items.lines.front()) + ")");
    }
    out.k = items.k;

    // The dataset, its split and the training ratings.
    if (!progress(0.4, "loading ratings"))
        return fail("cancelled");
    const RatingTable table = DatasetStore(ws).loadRatings(req.datasetId);
    SplitResult split;
    std::string specText;
    if ((req.splitId > 0 || !req.split.empty()) &&
        !resolveRunSplit(ws, req.datasetId, req.split, req.splitId, table, split, specText, error))
        return fail(error);
    const Interactions train = Interactions::fromTable(table, split.trainRows);
    out.trainRows =
        split.testRows.empty() && split.trainRows.empty() ? table.size() : split.trainRows.size();
    out.testRows = split.testRows.size();

    // Map the rows onto the dataset's ids.
    FactorSet f;
    f.resize(table.numUsers(), table.numItems(), items.k);
    f.mean = float(req.mean);
    out.items = mapFactorRows(items, table.itemIds, f.Q, f.stride, f.bi);
    if (out.items.mapped == 0)
        return fail(describeUnknown(out.items, "an item", info->name));
    if (usersFromFile) {
        out.users = mapFactorRows(users, table.userIds, f.P, f.stride, f.bu);
        if (out.users.mapped == 0)
            return fail(describeUnknown(out.users, "a user", info->name));
    } else {
        bool cancelled = false;
        out.users.foldedIn =
            foldInUsers(f, train, req.reg, req.regBias, slice(progress, 0.45, 0.6), cancelled);
        if (cancelled)
            return fail("cancelled");
        out.users.missing = std::int64_t(f.users) - out.users.foldedIn;
    }

    ImportedFactors model;
    const std::vector<std::pair<std::string, std::string>> params = {
        {"kind", req.kind},
        {"reg", HyperParams::formatReal(req.reg)},
        {"reg_bias", HyperParams::formatReal(req.regBias)},
        {"source", req.source.empty() ? items.fileName : req.source},
        {"items_file", items.fileName},
        {"users_file", usersFromFile ? users.fileName : std::string()}};
    for (const auto& [key, value] : params)
        if (!model.setHyperParameter(key, value, error))
            return fail(error);
    model.setFactors(std::move(f));

    RunInfo& run = out.run;
    run.datasetId = req.datasetId;
    run.model = model.name();
    run.params = model.hyperParameters();
    run.status = "done";
    run.message = "imported from " + items.fileName +
                  (usersFromFile ? " and " + users.fileName : std::string(", users folded in"));
    run.splitSpec = specText;
    run.fitSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    // Evaluate as a trained run is evaluated.
    if (!split.testRows.empty()) {
        EvalOptions eo = req.eval;
        eo.allRelevant = eo.allRelevant || info->implicit;
        eo.keepLists = false;
        out.evaluation =
            evaluate(model, train, table, split.testRows, eo, slice(progress, 0.6, 0.95));
        if (out.evaluation.cancelled)
            return fail("cancelled");
        out.evaluated = out.evaluation.error.empty();
        run.evalSeconds = out.evaluation.seconds;
        run.protocol = out.evaluation.protocol;
        run.metrics = out.evaluation.summary();
    }
    if (!progress(0.95, "saving"))
        return fail("cancelled");

    // Write: the split (a stored one is referenced, an identical one reused) and the run.
    const ModelState state = model.save();
    NewRun nr;
    nr.info = run;
    nr.model = &state;
    nr.userMetrics = userMetricSeriesOf(out.evaluation);
    try {
        const NewRunSplit newSplit{specText, std::int64_t(table.size()), &split.testRows};
        if (req.splitId > 0)
            nr.info.splitId = req.splitId;
        else if (!specText.empty())
            nr.split = &newSplit;
        RunStore(ws).save(nr);
    } catch (const std::exception& e) {
        return fail(std::string("saving the run failed: ") + e.what());
    }
    run = nr.info;
    out.ok = true;
    progress(1.0, "done");
    return out;
}

} // namespace rs
