#include "whatif/DataWhatIf.h"

#include "debias/Debias.h"
#include "explain/Explainer.h"

#include <algorithm>
#include <chrono>
#include <set>

namespace rs {

namespace {

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

bool allRemovals(const std::vector<DataEdit>& edits) {
    return std::all_of(edits.begin(), edits.end(),
                       [](const DataEdit& e) { return e.kind == DataEdit::Kind::RemoveRating; });
}

std::set<std::uint32_t> itemsOf(const std::vector<ScoredItem>& list) {
    std::set<std::uint32_t> out;
    for (const ScoredItem& s : list)
        out.insert(s.item);
    return out;
}

/// The run's own debiasing applied to edited data, so that a retrain differs from the stored
/// model only by the edit. nullopt with `error` when it cannot be re-applied.
std::optional<Interactions> fitDataOf(const RunContext& ctx, const Interactions& edited,
                                      std::string& note, std::string& error) {
    const auto spec = parseDebiasSpec(ctx.run.debias, error);
    if (!spec)
        return std::nullopt;
    if (spec->isNone())
        return edited;
    if (!spec->column.empty()) {
        error = "the run's IPS propensities come from a metadata column, which a what-if "
                "cannot re-apply";
        return std::nullopt;
    }
    DebiasInputs inputs;
    for (const ItemLabel& l : ctx.items)
        inputs.itemIds.push_back(l.id);
    auto debiased = applyDebias(edited, *spec, inputs, error);
    if (!debiased)
        return std::nullopt;
    note += " The run's debiasing (" + debiasSummary(*spec) + ") was applied to the edited data.";
    return std::move(debiased->data);
}

} // namespace

DataWhatIfResult runDataWhatIf(const RunContext& ctx, const DataWhatIfRequest& req,
                               const Progress& progress) {
    const auto t0 = std::chrono::steady_clock::now();
    DataWhatIfResult r;
    if (req.user >= ctx.numUsers() || req.item >= ctx.numItems()) {
        r.error = "the user or item is outside the run's data";
        return r;
    }
    if (req.edits.empty()) {
        r.error = "no change to the data was given";
        return r;
    }
    const int k = std::max(1, req.k);
    std::string error;
    const auto explainer = makeExplainer(ctx, error); // may be null: no explanations then
    ExplainOptions eo;
    eo.k = k;
    eo.counterfactual = false;
    r.before = ctx.recommend(req.user, k);
    r.scoreBefore = ctx.model->score(req.user, req.item);
    r.rankBefore = ctx.rankOf(req.user, req.item);
    if (explainer)
        r.explanationBefore = explainer->explain(req.user, req.item, eo);
    // Said with the dataset's own ids (applyDataEdits only knows indices).
    for (const DataEdit& e : req.edits) {
        if (e.kind != DataEdit::Kind::RemoveRating || e.user >= ctx.numUsers() ||
            e.item >= ctx.numItems())
            continue;
        const auto rated = ctx.trainItems(e.user);
        if (!std::binary_search(rated.begin(), rated.end(), e.item)) {
            r.error = "user " + ctx.userIds[e.user] + " has no training rating of item " +
                      ctx.items[e.item].id + " to remove";
            return r;
        }
    }
    const auto edited = applyDataEdits(ctx.train, req.edits, r.error);
    if (!edited)
        return r;

    // Only the user's own ratings removed: re-solve the user with everything else fixed.
    if (req.preferFoldIn && explainer && editsOnlyUser(req.edits, req.user) &&
        allRemovals(req.edits)) {
        std::vector<std::uint32_t> removed;
        for (const DataEdit& e : req.edits)
            removed.push_back(e.item);
        std::sort(removed.begin(), removed.end());
        r.method = "fold-in";
        r.note = "Only this user's ratings changed: the user was re-solved with every other "
                 "parameter fixed (the model's fold-in), without retraining.";
        r.after = explainer->topNWithout(req.user, removed, k);
        r.rankAfter = explainer->rankWithout(req.user, req.item, removed);
        std::vector<float> scores;
        explainer->scoresWithout(req.user, removed, scores);
        r.scoreAfter = req.item < scores.size() ? scores[req.item] : 0.0;
        r.seconds = secondsSince(t0);
        return r;
    }

    // Otherwise: train the run's model again, same hyper-parameters, seed and threads.
    if (!ctx.model->trainable()) {
        r.error = "the run's model was imported, so it cannot be trained again on edited data";
        return r;
    }
    r.method = "retrain";
    r.note = "The model was trained again on the edited data with the run's hyper-parameters, "
             "seed and threads.";
    const auto fitData = fitDataOf(ctx, *edited, r.note, r.error);
    if (!fitData)
        return r;
    auto model = createRecommender(ctx.run.model, ctx.run.params, r.error);
    if (!model)
        return r;
    if (fitData->weighted() && !model->supportsSampleWeights()) {
        r.error = ctx.run.model + " cannot train with sample weights: remove the item instead "
                                  "of down-weighting it";
        return r;
    }
    FitOptions fo;
    fo.seed = ctx.run.seed;
    fo.threads = req.threads > 0 ? req.threads : std::max(1, ctx.run.threads);
    Progress fitProgress{
        [&](double f, std::string_view stage) { return progress(0.9 * f, stage); }};
    const auto fitStart = std::chrono::steady_clock::now();
    const FitResult fit = model->fit(*fitData, fo, fitProgress);
    r.fitSeconds = secondsSince(fitStart);
    if (fit.status == FitStatus::Cancelled) {
        r.cancelled = true;
        r.error = "the what-if was cancelled";
        return r;
    }
    if (fit.status != FitStatus::Done) {
        r.error = "training on the edited data " +
                  std::string(fit.status == FitStatus::Diverged ? "diverged" : "failed") +
                  (fit.message.empty() ? "" : ": " + fit.message);
        return r;
    }
    const auto after = derivedRunContext(ctx, std::move(model), *edited);
    r.after = after->recommend(req.user, k);
    r.scoreAfter = after->model->score(req.user, req.item);
    r.rankAfter = after->rankOf(req.user, req.item);
    if (const auto again = makeExplainer(*after, error))
        r.explanationAfter = again->explain(req.user, req.item, eo);

    // Everyone's top-K before and after: who changed, and the edited items' exposure.
    std::set<std::uint32_t> named;
    for (const DataEdit& e : req.edits)
        named.insert(e.item);
    for (std::uint32_t item : named)
        r.exposure.push_back({item, 0, 0});
    const std::uint32_t users = ctx.numUsers();
    for (std::uint32_t u = 0; u < users; ++u) {
        if (u % 64 == 0 && !progress(0.9 + 0.1 * double(u) / double(users), "comparing users")) {
            r.cancelled = true;
            r.error = "the what-if was cancelled";
            return r;
        }
        if (ctx.train.byUser.rowSize(u) == 0 && after->train.byUser.rowSize(u) == 0)
            continue;
        const auto b = itemsOf(ctx.recommend(u, k));
        const auto a = itemsOf(after->recommend(u, k));
        ++r.usersCompared;
        r.usersChanged += a != b ? 1 : 0;
        for (ItemExposureChange& x : r.exposure) {
            x.before += b.count(x.item) ? 1 : 0;
            x.after += a.count(x.item) ? 1 : 0;
        }
    }
    r.seconds = secondsSince(t0);
    return r;
}

} // namespace rs
