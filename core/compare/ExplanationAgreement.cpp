#include "compare/ExplanationAgreement.h"

#include "compare/ListOverlap.h"
#include "compare/ParallelFor.h"
#include "compare/RankCorrelation.h"
#include "explain/Explainer.h"
#include "train/RunContext.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>

namespace rs {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<EvidenceItem> byContribution(std::span<const EvidenceItem> evidence) {
    std::vector<EvidenceItem> sorted(evidence.begin(), evidence.end());
    std::sort(sorted.begin(), sorted.end(), [](const EvidenceItem& x, const EvidenceItem& y) {
        return x.contribution != y.contribution ? x.contribution > y.contribution : x.item < y.item;
    });
    return sorted;
}

std::vector<std::uint32_t> firstItems(const std::vector<EvidenceItem>& sorted, std::size_t m) {
    std::vector<std::uint32_t> items;
    for (std::size_t i = 0; i < sorted.size() && i < m; ++i)
        items.push_back(sorted[i].item);
    return items;
}

/// One user's sums for one pair of runs.
struct PairSums {
    std::size_t pairs = 0, spearmanPairs = 0;
    double top3 = 0.0, top5 = 0.0, spearman = 0.0;
};

/// What one explanation contributes: its evidence and method.
struct ExplainedItem {
    EvidenceMethod method = EvidenceMethod::None;
    std::vector<EvidenceItem> evidence;
};

} // namespace

EvidenceAgreement evidenceAgreement(std::span<const EvidenceItem> a,
                                    std::span<const EvidenceItem> b) {
    const std::vector<EvidenceItem> sa = byContribution(a), sb = byContribution(b);
    EvidenceAgreement r;
    r.top3Jaccard = listJaccard(firstItems(sa, 3), firstItems(sb, 3));
    r.top5Jaccard = listJaccard(firstItems(sa, 5), firstItems(sb, 5));
    std::map<std::uint32_t, double> contributionB;
    for (const EvidenceItem& e : b)
        contributionB[e.item] = e.contribution;
    std::vector<double> x, y;
    for (const EvidenceItem& e : a)
        if (auto it = contributionB.find(e.item); it != contributionB.end()) {
            x.push_back(e.contribution);
            y.push_back(it->second);
        }
    r.sharedItems = x.size();
    r.spearman = spearman(x, y);
    return r;
}

ExplanationAgreement explanationAgreement(std::span<const RunContext* const> runs,
                                          const TopLists& lists,
                                          const ExplanationAgreementOptions& options,
                                          const Progress& progress) {
    ExplanationAgreement out;
    const std::size_t n = runs.size();
    std::vector<std::unique_ptr<Explainer>> explainers(n);
    out.runs.resize(n);
    for (std::size_t r = 0; r < n; ++r) {
        std::string error;
        explainers[r] = makeExplainer(*runs[r], error);
        out.runs[r].available = explainers[r] != nullptr;
        out.runs[r].note = error;
    }
    out.usersSampled = std::min(options.users, lists.users.size());

    std::vector<std::pair<std::size_t, std::size_t>> pairIndex;
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = a + 1; b < n; ++b)
            pairIndex.emplace_back(a, b);
    // perUser[p][q]: sums of user p for pair q; methods[p][r]: run r's evidence method seen.
    std::vector<std::vector<PairSums>> perUser(out.usersSampled,
                                               std::vector<PairSums>(pairIndex.size()));
    std::vector<std::vector<int>> methods(out.usersSampled, std::vector<int>(n, -1));
    ExplainOptions explainOptions;
    explainOptions.k = lists.k;
    explainOptions.counterfactual = false;

    const bool finished = parallelFor(
        out.usersSampled, options.threads,
        [&](std::size_t p) {
            const std::uint32_t user = lists.users[p];
            std::map<std::pair<std::size_t, std::uint32_t>, ExplainedItem> cache;
            auto explained = [&](std::size_t r, std::uint32_t item) -> const ExplainedItem& {
                auto [it, fresh] = cache.try_emplace({r, item});
                if (fresh) {
                    Explanation e = explainers[r]->explain(user, item, explainOptions);
                    it->second.method = e.evidenceMethod;
                    it->second.evidence = std::move(e.evidence);
                    methods[p][r] = int(e.evidenceMethod);
                }
                return it->second;
            };
            for (std::size_t q = 0; q < pairIndex.size(); ++q) {
                const auto [a, b] = pairIndex[q];
                if (!explainers[a] || !explainers[b])
                    continue;
                const auto la = lists.list(a, p), lb = lists.list(b, p);
                std::size_t used = 0;
                for (std::uint32_t item : la) {
                    if (used >= options.itemsPerUser)
                        break;
                    if (std::find(lb.begin(), lb.end(), item) == lb.end())
                        continue;
                    ++used;
                    const ExplainedItem& ea = explained(a, item);
                    const ExplainedItem& eb = explained(b, item);
                    if (ea.evidence.empty() || eb.evidence.empty())
                        continue;
                    const EvidenceAgreement g = evidenceAgreement(ea.evidence, eb.evidence);
                    PairSums& s = perUser[p][q];
                    ++s.pairs;
                    s.top3 += g.top3Jaccard;
                    s.top5 += g.top5Jaccard;
                    if (!std::isnan(g.spearman)) {
                        s.spearman += g.spearman;
                        ++s.spearmanPairs;
                    }
                }
            }
        },
        [&](std::size_t done) {
            return progress(out.usersSampled ? double(done) / double(out.usersSampled) : 1.0,
                            "explaining");
        });
    if (!finished) {
        out.cancelled = true;
        return out;
    }

    for (std::size_t r = 0; r < n; ++r) {
        ExplainerAvailability& av = out.runs[r];
        int method = -1;
        for (const auto& m : methods)
            method = std::max(method, m[r]);
        if (method >= 0)
            av.method = EvidenceMethod(method);
        av.evidence = av.available && method > int(EvidenceMethod::None);
        if (av.available && method == int(EvidenceMethod::None))
            av.note = "the model's explanations cite no per-rating evidence";
    }
    for (std::size_t q = 0; q < pairIndex.size(); ++q) {
        ExplanationPairAgreement g;
        g.a = pairIndex[q].first;
        g.b = pairIndex[q].second;
        PairSums total;
        for (const auto& user : perUser) {
            const PairSums& s = user[q];
            g.users += s.pairs ? 1 : 0;
            total.pairs += s.pairs;
            total.spearmanPairs += s.spearmanPairs;
            total.top3 += s.top3;
            total.top5 += s.top5;
            total.spearman += s.spearman;
        }
        g.pairs = total.pairs;
        g.spearmanPairs = total.spearmanPairs;
        g.top3Jaccard = total.pairs ? total.top3 / double(total.pairs) : kNaN;
        g.top5Jaccard = total.pairs ? total.top5 / double(total.pairs) : kNaN;
        g.spearman = total.spearmanPairs ? total.spearman / double(total.spearmanPairs) : kNaN;
        g.comparable = total.pairs > 0;
        for (const std::size_t r : {g.a, g.b}) {
            if (!g.note.empty())
                break;
            if (!out.runs[r].available)
                g.note = "run " + std::to_string(runs[r]->run.id) + " has no explainer";
            else if (!out.runs[r].note.empty())
                g.note = "run " + std::to_string(runs[r]->run.id) + ": " + out.runs[r].note;
        }
        if (!g.comparable && g.note.empty())
            g.note = "no recommendation shared by both runs was explained";
        out.pairs.push_back(std::move(g));
    }
    return out;
}

} // namespace rs
