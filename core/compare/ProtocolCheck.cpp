#include "compare/ProtocolCheck.h"

#include <algorithm>
#include <set>
#include <vector>

namespace rs {

namespace {

std::string runName(const RunInfo& r) {
    return "run " + std::to_string(r.id) + " (" + r.model + ")";
}

std::string splitName(const RunInfo& r) {
    if (r.splitId <= 0)
        return "no test split";
    return "split " + std::to_string(r.splitId) +
           (r.splitSpec.empty() ? "" : " '" + r.splitSpec + "'");
}

/// The kind of a protocol part: its first word ("RMSE/MAE" for the rating metrics, "full" for
/// "full ranking over ..." of the ranking metrics).
std::string partKind(const std::string& part) {
    return part.substr(0, part.find(' '));
}

/// Whether two protocol texts agree on every part both have (parts are joined by "; "): a
/// ranking-only model lacks the RMSE/MAE part of a rating model, which is no difference.
bool sameProtocolParts(const std::string& a, const std::string& b) {
    auto parts = [](const std::string& text) {
        std::vector<std::string> out;
        for (std::size_t start = 0; start <= text.size();) {
            const std::size_t end = std::min(text.find("; ", start), text.size());
            if (end > start)
                out.push_back(text.substr(start, end - start));
            start = end + 2;
        }
        return out;
    };
    const auto pa = parts(a), pb = parts(b);
    for (const std::string& x : pa)
        for (const std::string& y : pb)
            if (partKind(x) == partKind(y) && x != y)
                return false;
    return true;
}

} // namespace

ProtocolCheck checkProtocol(std::span<const RunInfo> runs,
                            const std::function<bool(std::size_t, std::size_t)>& sameTestRows) {
    ProtocolCheck c;
    if (runs.size() < 2) {
        c.error = "a comparison needs at least two runs";
        return c;
    }
    const RunInfo& first = runs[0];
    for (std::size_t r = 1; r < runs.size(); ++r)
        if (runs[r].datasetId != first.datasetId) {
            c.sameDataset = false;
            c.error = runName(runs[r]) + " is on dataset " + std::to_string(runs[r].datasetId) +
                      " but " + runName(first) + " is on dataset " +
                      std::to_string(first.datasetId) +
                      ": only runs on the same dataset can be compared";
            return c;
        }
    for (std::size_t r = 1; r < runs.size(); ++r) {
        const RunInfo& run = runs[r];
        const bool split = run.splitId == first.splitId ||
                           (run.splitId > 0 && first.splitId > 0 && sameTestRows(0, r));
        if (!split) {
            c.sameSplit = false;
            c.warnings.push_back(runName(run) + " was evaluated on " + splitName(run) + ", " +
                                 runName(first) + " on " + splitName(first) +
                                 ": the metrics measure different test sets and the paired "
                                 "tests cover only the users both evaluated");
        }
        if (!sameProtocolParts(run.protocol, first.protocol)) {
            c.sameProtocol = false;
            c.warnings.push_back(runName(run) + " was evaluated with '" + run.protocol + "', " +
                                 runName(first) + " with '" + first.protocol + "'");
        }
    }
    std::set<std::int64_t> seen;
    for (const RunInfo& run : runs) {
        if (!seen.insert(run.id).second)
            continue;
        if (run.status != "done")
            c.warnings.push_back(runName(run) + " has status '" + run.status + "'");
        if (run.splitId <= 0)
            c.warnings.push_back(runName(run) +
                                 " was trained on the whole dataset: it has no test metrics");
    }
    return c;
}

} // namespace rs
