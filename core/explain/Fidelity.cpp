// Deletion curves and the batch fidelity check (issue 4 point 2).
//
// Every rank here is measured in the explainer's what-if world: Explainer::scoresWithout() with
// the removed ratings gone (removed items recommendable again, other training items excluded),
// ranked as recommend() does. "Before" is that world with nothing removed (the re-solved
// baseline), so the points of a curve are comparable with each other even for models whose
// re-solved scores differ slightly from the trained ones.
//
// Random draws: one generator (rs::Rng, portable) per curve, seeded with the given seed; for
// m = 1, 2, ... and each draw in turn, m distinct history items are taken by a partial
// Fisher-Yates shuffle of the user's training items.
#include "explain/Explainer.h"

#include "explain/RemovalRanking.h"
#include "models/Rng.h"
#include "train/RunContext.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

namespace rs {

namespace {

/// Every re-solved standing behind one deletion curve.
struct CurveDetail {
    CandidateStanding before;
    std::vector<CandidateStanding> top;                 ///< [m-1]
    std::vector<std::vector<CandidateStanding>> random; ///< [m-1][draw]
};

CurveDetail curveDetail(const Explainer& explainer, const Explanation& e, int maxRemoved,
                        int randomDraws, std::uint64_t seed) {
    CurveDetail d;
    const auto history = explainer.context().trainItems(e.user);
    const int steps =
        std::max(0, std::min({maxRemoved, int(history.size()), int(e.evidence.size())}));
    const int draws = std::max(1, randomDraws);
    d.before = standingWithout(explainer, e.user, e.item, {}, 0);

    std::vector<std::uint32_t> removed;
    for (int m = 1; m <= steps; ++m) {
        removed.push_back(e.evidence[std::size_t(m - 1)].item);
        d.top.push_back(standingWithout(explainer, e.user, e.item, removed, 0));
    }
    Rng rng(seed);
    std::vector<std::uint32_t> pool(history.begin(), history.end());
    for (int m = 1; m <= steps; ++m) {
        auto& atM = d.random.emplace_back();
        for (int draw = 0; draw < draws; ++draw) {
            for (std::size_t t = 0; t < std::size_t(m); ++t)
                std::swap(pool[t], pool[t + rng.below(std::uint32_t(pool.size() - t))]);
            atM.push_back(
                standingWithout(explainer, e.user, e.item,
                                std::span<const std::uint32_t>(pool.data(), std::size_t(m)), 0));
        }
    }
    return d;
}

double meanRank(const std::vector<CandidateStanding>& v) {
    double sum = 0;
    for (const CandidateStanding& s : v)
        sum += s.rank;
    return v.empty() ? 0.0 : sum / double(v.size());
}

/// One sampled user's share of the fidelity report.
struct UserOutcome {
    bool done = false;
    CurveDetail curve;
    bool claimed = false, valid = false;
    std::size_t counterfactualSize = 0;
};

UserOutcome explainUser(const Explainer& explainer, std::uint32_t user, const FidelityOptions& o) {
    UserOutcome out;
    // The explained item is the user's top-1 recommendation: the one an analyst most often
    // asks about, and always in the top-K, so the counterfactual applies.
    const auto recs = explainer.context().recommend(user, 1);
    if (recs.empty())
        return out;
    ExplainOptions eo;
    eo.k = o.k;
    eo.counterfactual = false;
    eo.counterfactualBudget = o.counterfactualBudget;
    const Explanation e = explainer.explain(user, recs.front().item, eo);
    const std::uint64_t seed = o.seed + 0x9e3779b97f4a7c15ull * (std::uint64_t(user) + 1);
    out.curve = curveDetail(explainer, e, o.maxRemoved, 5, seed);
    if (e.rank >= 1 && e.rank <= o.k) {
        const Counterfactual cf =
            findCounterfactual(explainer, user, e.item, e.evidence, o.k, o.counterfactualBudget);
        if (cf.found) {
            out.claimed = true;
            out.counterfactualSize = cf.removed.size();
            // Independent re-check of the claim through the public what-if.
            out.valid = explainer.rankWithout(user, e.item, cf.removed) > o.k;
        }
    }
    out.done = true;
    return out;
}

void aggregate(const std::vector<UserOutcome>& outcomes, const FidelityOptions& o,
               FidelityReport& r) {
    double cfSizeSum = 0;
    for (int m = 1; m <= o.maxRemoved; ++m) {
        DeletionPoint p;
        p.removed = m;
        int n = 0;
        for (const UserOutcome& u : outcomes) {
            if (!u.done || int(u.curve.top.size()) < m)
                continue;
            ++n;
            const CandidateStanding& top = u.curve.top[std::size_t(m - 1)];
            const auto& random = u.curve.random[std::size_t(m - 1)];
            p.meanRankTop += top.rank;
            p.meanRankRandom += meanRank(random);
            p.meanScoreDropTop += u.curve.before.score - top.score;
            p.flippedTop += top.rank > o.k ? 1.0 : 0.0;
            double drop = 0, flipped = 0;
            for (const CandidateStanding& s : random) {
                drop += u.curve.before.score - s.score;
                flipped += s.rank > o.k ? 1.0 : 0.0;
            }
            p.meanScoreDropRandom += drop / double(random.size());
            p.flippedRandom += flipped / double(random.size());
        }
        if (n == 0)
            break;
        for (double* v : {&p.meanRankTop, &p.meanRankRandom, &p.meanScoreDropTop,
                          &p.meanScoreDropRandom, &p.flippedTop, &p.flippedRandom})
            *v /= n;
        r.deletion.push_back(p);
    }
    for (const UserOutcome& u : outcomes) {
        if (!u.done)
            continue;
        ++r.users;
        if (u.claimed) {
            ++r.counterfactualsClaimed;
            cfSizeSum += double(u.counterfactualSize);
            if (u.valid)
                ++r.counterfactualsValid;
        }
    }
    r.validityRate =
        r.counterfactualsClaimed ? double(r.counterfactualsValid) / r.counterfactualsClaimed : 1.0;
    r.meanCounterfactualSize =
        r.counterfactualsClaimed ? cfSizeSum / r.counterfactualsClaimed : 0.0;
}

/// Users with at least one training rating and at least one item left to recommend, in a
/// seeded random order, at most `count` of them.
std::vector<std::uint32_t> sampleUsers(const RunContext& ctx, int count, std::uint64_t seed) {
    std::vector<std::uint32_t> eligible;
    for (std::uint32_t u = 0; u < ctx.numUsers(); ++u) {
        const std::size_t n = ctx.trainItems(u).size();
        if (n > 0 && n < ctx.numItems())
            eligible.push_back(u);
    }
    Rng rng(seed);
    rng.shuffle(eligible.data(), eligible.size());
    eligible.resize(std::min(eligible.size(), std::size_t(std::max(count, 0))));
    return eligible;
}

} // namespace

DeletionCurve deletionCurve(const Explainer& explainer, const Explanation& explanation,
                            int maxRemoved, int randomDraws, std::uint64_t seed) {
    const CurveDetail d = curveDetail(explainer, explanation, maxRemoved, randomDraws, seed);
    DeletionCurve curve;
    curve.rankBefore = d.before.rank;
    for (const CandidateStanding& s : d.top)
        curve.rankTop.push_back(s.rank);
    for (const auto& draws : d.random)
        curve.rankRandom.push_back(meanRank(draws));
    return curve;
}

FidelityReport measureFidelity(const Explainer& explainer, const FidelityOptions& options,
                               const Progress& progress) {
    const auto t0 = std::chrono::steady_clock::now();
    const RunContext& ctx = explainer.context();
    FidelityReport report;
    report.model = ctx.model ? ctx.model->name() : std::string();
    report.runId = ctx.run.id;
    report.k = options.k;

    const std::vector<std::uint32_t> users = sampleUsers(ctx, options.users, options.seed);
    std::vector<UserOutcome> outcomes(users.size());
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::mutex mutex; // serialises progress calls and the first error
    std::size_t finished = 0;
    std::exception_ptr error;
    const std::string stage = "explaining " + std::to_string(users.size()) + " users";
    if (!progress(0.0, stage))
        stop = true;

    auto work = [&] {
        while (!stop) {
            const std::size_t i = next++;
            if (i >= users.size())
                return;
            try {
                outcomes[i] = explainUser(explainer, users[i], options);
            } catch (...) {
                const std::lock_guard lock(mutex);
                if (!error)
                    error = std::current_exception();
                stop = true;
                return;
            }
            const std::lock_guard lock(mutex);
            ++finished;
            if (!progress(double(finished) / double(users.size()), stage))
                stop = true;
        }
    };
    const int threads =
        int(std::min<std::size_t>(std::size_t(std::max(options.threads, 1)), users.size()));
    if (threads <= 1) {
        work();
    } else {
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back(work);
        for (std::thread& t : pool)
            t.join();
    }
    if (error)
        std::rethrow_exception(error);

    report.cancelled = stop.load() && finished < users.size();
    aggregate(outcomes, options, report);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return report;
}

} // namespace rs
