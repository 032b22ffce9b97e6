#include "explain/EvidenceGrid.h"

#include "explain/Explainer.h"
#include "store/DatasetQueries.h"
#include "train/RunContext.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

namespace rs {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

EvidenceColumn columnOf(const RunContext& ctx, const Explanation& e) {
    EvidenceColumn c;
    c.item = e.item;
    const ItemLabel& label = ctx.items[e.item];
    c.itemId = label.id;
    c.title = label.title;
    c.genres = label.genres;
    c.score = e.score;
    c.rank = e.rank;
    c.evidenceBaseScore = e.evidenceBaseScore;
    return c;
}

/// 1-based average ranks of `v` (ties share the mean of their positions).
std::vector<double> averageRanks(const std::vector<double>& v) {
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(),
              [&v](std::size_t a, std::size_t b) { return v[a] < v[b]; });
    std::vector<double> ranks(v.size());
    for (std::size_t start = 0; start < order.size();) {
        std::size_t end = start + 1;
        while (end < order.size() && v[order[end]] == v[order[start]])
            ++end;
        const double mean = 0.5 * double(start + 1 + end); // mean of positions start+1 .. end
        for (std::size_t t = start; t < end; ++t)
            ranks[order[t]] = mean;
        start = end;
    }
    return ranks;
}

void requireSameShape(const EvidenceGrid& a, const EvidenceGrid& b) {
    bool same = a.rows.size() == b.rows.size() && a.columns.size() == b.columns.size();
    for (std::size_t r = 0; same && r < a.rows.size(); ++r)
        same = a.rows[r].item == b.rows[r].item;
    for (std::size_t c = 0; same && c < a.columns.size(); ++c)
        same = a.columns[c].item == b.columns[c].item;
    if (!same)
        throw std::invalid_argument("columnAgreement: the grids have different rows or columns");
}

} // namespace

std::vector<double> EvidenceGrid::columnValues(std::size_t column) const {
    std::vector<double> out(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r)
        out[r] = value(r, column);
    return out;
}

std::vector<std::uint32_t> topColumns(const RunContext& ctx, std::uint32_t user, int n) {
    std::vector<std::uint32_t> items;
    if (n <= 0 || user >= ctx.numUsers())
        return items;
    for (const ScoredItem& s : ctx.recommend(user, n))
        items.push_back(s.item);
    return items;
}

EvidenceGrid buildEvidenceGrid(const Explainer& explainer, std::uint32_t user,
                               std::span<const std::uint32_t> columns, const Progress& progress) {
    return buildEvidenceGrid(explainer, user, explainer.context().trainItems(user), columns,
                             progress);
}

EvidenceGrid buildEvidenceGrid(const Explainer& explainer, std::uint32_t user,
                               std::span<const std::uint32_t> rowItems,
                               std::span<const std::uint32_t> columns, const Progress& progress) {
    const auto t0 = std::chrono::steady_clock::now();
    const RunContext& ctx = explainer.context();
    if (user >= ctx.numUsers())
        throw std::out_of_range("evidence grid: user " + std::to_string(user) +
                                " is outside the run's dataset");
    EvidenceGrid grid;
    grid.model = ctx.model->name();
    grid.runId = ctx.run.id;
    grid.datasetId = ctx.run.datasetId;
    grid.user = user;
    grid.userId = ctx.userIds[user];

    const auto history = ctx.trainItems(user);
    const auto ratings = ctx.trainValues(user);
    std::unordered_map<std::uint32_t, std::size_t> rowOf;
    grid.rows.reserve(rowItems.size());
    for (std::uint32_t item : rowItems) {
        if (item >= ctx.numItems())
            throw std::out_of_range("evidence grid: row item " + std::to_string(item) +
                                    " is outside the run's dataset");
        if (!rowOf.emplace(item, grid.rows.size()).second)
            throw std::invalid_argument("evidence grid: row item " + std::to_string(item) +
                                        " is given twice");
        EvidenceRow row;
        row.item = item;
        row.itemId = ctx.items[item].id;
        row.title = ctx.items[item].title;
        row.genres = ctx.items[item].genres;
        const auto it = std::lower_bound(history.begin(), history.end(), item);
        row.inHistory = it != history.end() && *it == item;
        row.rating = row.inHistory ? ratings[std::size_t(it - history.begin())] : 0.0f;
        grid.rows.push_back(std::move(row));
    }

    const std::size_t nc = columns.size();
    grid.values.assign(grid.rows.size() * nc, 0.0);
    std::vector<double> attention(grid.values.size(), 0.0);
    // Whether any evidence item was placed, and whether every one carried an attention weight.
    bool anyEvidence = false, allAttention = true;
    ExplainOptions options;
    options.counterfactual = false;
    for (std::size_t c = 0; c < nc; ++c) {
        if (!progress(double(c) / double(std::max<std::size_t>(nc, 1)), "explaining")) {
            grid.cancelled = true;
            break;
        }
        const Explanation e = explainer.explain(user, columns[c], options);
        if (c == 0)
            grid.method = e.evidenceMethod;
        if (grid.note.empty())
            grid.note = e.evidenceNote;
        EvidenceColumn column = columnOf(ctx, e);
        for (const EvidenceItem& ev : e.evidence) {
            const auto row = rowOf.find(ev.item);
            if (row == rowOf.end())
                continue;
            grid.values[row->second * nc + c] = ev.contribution;
            attention[row->second * nc + c] = ev.attention;
            anyEvidence = true;
            allAttention = allAttention && ev.attention >= 0;
            ++column.evidenceCount;
        }
        grid.columns.push_back(std::move(column));
    }
    if (anyEvidence && allAttention)
        grid.attention = std::move(attention);
    if (grid.cancelled) {
        // Keep the shape consistent: the columns explained so far.
        const std::size_t done = grid.columns.size();
        auto keep = [&](std::vector<double>& m) {
            if (m.empty())
                return;
            std::vector<double> kept(grid.rows.size() * done);
            for (std::size_t r = 0; r < grid.rows.size(); ++r)
                for (std::size_t c = 0; c < done; ++c)
                    kept[r * done + c] = m[r * nc + c];
            m = std::move(kept);
        };
        keep(grid.values);
        keep(grid.attention);
    } else {
        progress(1.0, "explaining");
    }
    grid.signedValues =
        std::any_of(grid.values.begin(), grid.values.end(), [](double v) { return v < 0; });
    grid.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return grid;
}

bool addRatingTimes(EvidenceGrid& grid, Workspace& ws) {
    const auto profile = DatasetQueries(ws, grid.datasetId).userProfile(grid.userId);
    std::unordered_map<std::string, std::int64_t> when;
    for (const RatingRow& r : profile)
        if (r.hasTimestamp)
            when.emplace(r.itemId, r.timestamp);
    if (when.empty())
        return false;
    for (EvidenceRow& row : grid.rows) {
        const auto it = when.find(row.itemId);
        row.hasTimestamp = it != when.end();
        row.timestamp = row.hasTimestamp ? it->second : 0;
    }
    return true;
}

EvidenceGrid evidenceShares(const EvidenceGrid& grid) {
    EvidenceGrid out = grid;
    const std::size_t nr = grid.rowCount(), nc = grid.columnCount();
    for (std::size_t c = 0; c < nc; ++c) {
        double total = 0;
        for (std::size_t r = 0; r < nr; ++r)
            if (!std::isnan(grid.value(r, c)))
                total += std::abs(grid.value(r, c));
        for (std::size_t r = 0; r < nr; ++r) {
            const double v = grid.value(r, c);
            out.values[r * nc + c] = std::isnan(v) ? v : total > 0 ? std::abs(v) / total : 0.0;
        }
    }
    out.signedValues = false;
    return out;
}

EvidenceGrid evidenceWeights(const EvidenceGrid& grid) {
    if (!grid.hasAttention())
        return evidenceShares(grid);
    EvidenceGrid out = grid;
    out.values = grid.attention;
    out.signedValues = false;
    return out;
}

double rankCorrelation(std::span<const double> a, std::span<const double> b) {
    if (a.size() != b.size())
        throw std::invalid_argument("rankCorrelation: the series differ in length");
    std::vector<double> x, y;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!std::isnan(a[i]) && !std::isnan(b[i])) {
            x.push_back(a[i]);
            y.push_back(b[i]);
        }
    if (x.size() < 2)
        return kNaN;
    const std::vector<double> rx = averageRanks(x), ry = averageRanks(y);
    const double mean = 0.5 * double(x.size() + 1);
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double dx = rx[i] - mean, dy = ry[i] - mean;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if (sxx <= 0 || syy <= 0)
        return kNaN;
    return sxy / std::sqrt(sxx * syy);
}

std::vector<double> columnAgreement(const EvidenceGrid& a, const EvidenceGrid& b) {
    requireSameShape(a, b);
    std::vector<double> out(a.columnCount());
    std::vector<double> x, y;
    for (std::size_t c = 0; c < a.columnCount(); ++c) {
        x.clear();
        y.clear();
        for (std::size_t r = 0; r < a.rowCount(); ++r)
            if (a.rows[r].inHistory && b.rows[r].inHistory) {
                x.push_back(a.value(r, c));
                y.push_back(b.value(r, c));
            }
        out[c] = rankCorrelation(x, y);
    }
    return out;
}

GridComparison compareGrids(std::span<const Explainer* const> explainers, std::uint32_t user,
                            std::span<const std::uint32_t> columns, const Progress& progress) {
    GridComparison out;
    if (explainers.empty()) {
        out.error = "no runs to compare";
        return out;
    }
    const RunContext& first = explainers[0]->context();
    for (const Explainer* e : explainers) {
        const RunContext& ctx = e->context();
        if (ctx.run.datasetId != first.run.datasetId || ctx.numItems() != first.numItems() ||
            ctx.numUsers() != first.numUsers()) {
            out.error = "runs " + std::to_string(first.run.id) + " and " +
                        std::to_string(ctx.run.id) + " were trained on different datasets";
            return out;
        }
    }
    if (user >= first.numUsers())
        throw std::out_of_range("compareGrids: user " + std::to_string(user) +
                                " is outside the dataset");
    std::vector<std::uint32_t> rows;
    for (const Explainer* e : explainers) {
        const auto items = e->context().trainItems(user);
        rows.insert(rows.end(), items.begin(), items.end());
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());

    const double n = double(explainers.size());
    for (std::size_t g = 0; g < explainers.size(); ++g) {
        Progress part{[&progress, g, n](double f, std::string_view stage) {
            return progress((double(g) + f) / n, stage);
        }};
        out.grids.push_back(buildEvidenceGrid(*explainers[g], user, rows, columns, part));
        if (out.grids.back().cancelled) {
            out.cancelled = true;
            return out;
        }
    }
    for (std::size_t i = 0; i < out.grids.size(); ++i)
        for (std::size_t j = i + 1; j < out.grids.size(); ++j) {
            GridComparison::Pair p;
            p.first = i;
            p.second = j;
            p.perColumn = columnAgreement(out.grids[i], out.grids[j]);
            double sum = 0;
            int defined = 0;
            for (double v : p.perColumn)
                if (!std::isnan(v)) {
                    sum += v;
                    ++defined;
                }
            p.mean = defined > 0 ? sum / defined : kNaN;
            out.pairs.push_back(std::move(p));
        }
    return out;
}

} // namespace rs
