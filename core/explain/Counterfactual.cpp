// findCounterfactual(): the greedy counterfactual of an explanation.
//
// Order: the evidence items with a positive (finite) contribution that are training ratings of
// the user, largest contribution first (equal ones by lower item index) - "greedy by
// influence". Only the first min(budget, count) of them are candidates; prefix m means "the
// first m candidates removed".
//
// What "smallest" means: the returned prefix m is verified to drop the item out of the top-k
// (re-solved with scoresWithout and ranked as recommend() does) and prefix m - 1 is verified
// not to (prefix 0 is the re-solved baseline); every other prefix the search checked below m
// kept the item in the top-k too. When dropping out is monotone in m (removing more of the
// most supportive ratings never brings the item back), m is exactly the smallest prefix of
// the greedy order that works; otherwise it is the first boundary the search met. It is not
// the smallest subset of the ratings (that search is exponential).
//
// Search (each check is one re-solve and one full ranking): from the last checked prefix, the
// next prefix is predicted as the shortest extension whose summed contributions exceed the
// item's lead over the k-th best other candidate, at least `step` further (step doubles after
// every prefix that still kept the item, so the growth phase takes O(log budget) checks).
// Once a prefix drops it, the prefix one shorter is checked (usually the prediction was right
// and that ends the search), then the gap between the longest kept and the shortest dropping
// prefix is bisected.
#include "explain/Explainer.h"

#include "explain/RemovalRanking.h"
#include "train/RunContext.h"

#include <algorithm>
#include <cmath>

namespace rs {

namespace {

/// The greedy candidates: positive contributions of the user's training ratings, largest
/// first, each item once, at most `budget`.
std::vector<EvidenceItem> greedyCandidates(std::span<const EvidenceItem> evidence,
                                           std::span<const std::uint32_t> train, int budget) {
    auto positionOf = [&train](std::uint32_t item) {
        const auto it = std::lower_bound(train.begin(), train.end(), item);
        return it != train.end() && *it == item ? std::ptrdiff_t(it - train.begin()) : -1;
    };
    std::vector<EvidenceItem> sorted;
    for (const EvidenceItem& e : evidence)
        if (std::isfinite(e.contribution) && e.contribution > 0 && positionOf(e.item) >= 0)
            sorted.push_back(e);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const EvidenceItem& a, const EvidenceItem& b) {
                         return a.contribution != b.contribution ? a.contribution > b.contribution
                                                                 : a.item < b.item;
                     });
    std::vector<char> taken(train.size(), 0);
    std::vector<EvidenceItem> c;
    for (const EvidenceItem& e : sorted) {
        if (c.size() >= std::size_t(std::max(budget, 0)))
            break;
        char& t = taken[std::size_t(positionOf(e.item))];
        if (!t)
            c.push_back(e);
        t = 1;
    }
    return c;
}

/// The shortest prefix longer than `from` whose contributions beyond `from` add up to more
/// than `lead`; `n` when none does.
int predictedPrefix(const std::vector<EvidenceItem>& c, int from, double lead) {
    double sum = 0;
    for (int m = from + 1; m <= int(c.size()); ++m) {
        sum += c[std::size_t(m - 1)].contribution;
        if (sum > lead)
            return m;
    }
    return int(c.size());
}

/// "3 ratings that raise" / "1 rating that raises".
std::string ratingsThatRaise(int m) {
    return std::to_string(m) + (m == 1 ? " rating that raises" : " ratings that raise");
}

} // namespace

Counterfactual findCounterfactual(const Explainer& explainer, std::uint32_t user,
                                  std::uint32_t item, std::span<const EvidenceItem> evidence, int k,
                                  int budget) {
    Counterfactual cf;
    cf.searched = true;
    cf.budget = budget;
    const std::vector<EvidenceItem> c =
        greedyCandidates(evidence, explainer.context().trainItems(user), budget);
    const int n = int(c.size());
    std::vector<std::uint32_t> order(c.size());
    std::transform(c.begin(), c.end(), order.begin(), [](const EvidenceItem& e) { return e.item; });
    int checks = 0;
    auto check = [&](int m) {
        ++checks;
        return standingWithout(explainer, user, item,
                               std::span<const std::uint32_t>(order.data(), std::size_t(m)), k);
    };
    auto drops = [k](const CandidateStanding& s) { return s.rank > k; };
    const std::string topK = "the top " + std::to_string(k);

    const CandidateStanding base = check(0);
    cf.rankAfter = base.rank;
    cf.scoreAfter = base.score;
    if (base.rank == 0) {
        cf.searched = false;
        cf.note = "not searched: the user rated this item in training";
        return cf;
    }
    if (drops(base)) {
        cf.note = "re-solved without any removal the item already ranks " +
                  std::to_string(base.rank) + ", outside " + topK +
                  ", so no removal can be credited";
        return cf;
    }
    if (n == 0) {
        cf.note = budget <= 0 ? "no removals allowed (budget " + std::to_string(budget) + ")"
                              : "none of the user's ratings raises this score";
        return cf;
    }

    // Growth: lo = longest prefix known to keep the item, hi = shortest known to drop it.
    int lo = 0, hi = -1, step = 1;
    CandidateStanding atLo = base, atHi;
    while (true) {
        const double lead = atLo.score - atLo.kthOther;
        const int next = std::min(n, std::max(predictedPrefix(c, lo, lead), lo + step));
        const CandidateStanding s = check(next);
        if (drops(s)) {
            hi = next;
            atHi = s;
            break;
        }
        lo = next;
        atLo = s;
        if (next == n)
            break;
        step *= 2;
    }
    if (hi < 0) {
        cf.rankAfter = atLo.rank;
        cf.scoreAfter = atLo.score;
        cf.note =
            (n < budget ? "only " + std::to_string(n) +
                              (n == 1 ? " rating raises this score; removing it"
                                      : " ratings raise this score; removing all of them")
                        : "removing the " + ratingsThatRaise(n) + " this score most (the budget)") +
            " still leaves it at rank " + std::to_string(atLo.rank) + " in " + topK;
        return cf;
    }

    // Minimality: the prefix one shorter first, then bisect (lo, hi).
    if (hi - lo > 1) {
        const CandidateStanding s = check(hi - 1);
        if (drops(s)) {
            hi = hi - 1;
            atHi = s;
        } else {
            lo = hi - 1;
            atLo = s;
        }
    }
    while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        const CandidateStanding s = check(mid);
        if (drops(s)) {
            hi = mid;
            atHi = s;
        } else {
            lo = mid;
            atLo = s;
        }
    }
    cf.found = true;
    cf.removed.assign(order.begin(), order.begin() + hi);
    cf.rankAfter = atHi.rank;
    cf.scoreAfter = atHi.score;
    cf.note = "removing the " + ratingsThatRaise(hi) + " this score most moves it from rank " +
              std::to_string(base.rank) + " to " + std::to_string(atHi.rank) + ", out of " + topK;
    if (hi > 1)
        cf.note += "; one fewer leaves it at rank " + std::to_string(atLo.rank);
    cf.note += " (" + std::to_string(checks) + " re-solves)";
    return cf;
}

} // namespace rs
