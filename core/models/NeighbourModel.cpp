#include "models/NeighbourModel.h"

#include "models/BaselineSolver.h"
#include "models/EpochReporter.h"
#include "models/ParamBlocks.h"
#include "models/RatingError.h"
#include "models/SimilarityBuilder.h"

#include <algorithm>
#include <cmath>

namespace rs {

namespace {

/// Copy of `m` with every value replaced by its residual from the baselines; `transposed` says
/// whether rows are items (so row index = item, column = user).
CsrMatrix residuals(const CsrMatrix& m, const Biases& b, bool rowsAreItems) {
    CsrMatrix r = m;
    for (std::uint32_t row = 0; row < m.rows; ++row) {
        for (std::uint64_t k = m.rowPtr[row]; k < m.rowPtr[row + 1]; ++k) {
            const std::uint32_t col = m.colIdx[k];
            r.values[k] -= rowsAreItems ? b.predict(col, row) : b.predict(row, col);
        }
    }
    return r;
}

} // namespace

NeighbourModel::NeighbourModel(bool itemBased) : m_itemBased(itemBased) {
    m_params
        .addChoice("similarity", m_config.similarity, {"cosine", "pearson", "pearson_baseline"},
                   "similarity between neighbours")
        .addChoice("prediction", m_config.prediction, {"baseline", "mean"},
                   "baseline: b_ui + weighted residuals (KNNBaseline); mean: weighted mean")
        .addInt("k", m_config.k, 1, 100000, "neighbours used per prediction")
        .addInt("min_k", m_config.minK, 1, 100000, "fewer usable neighbours: fall back")
        .addInt("max_neighbours", m_config.maxNeighbours, 0, 1000000,
                "neighbours kept per row (0: as many as fit in memory_mb)")
        .addInt("memory_mb", m_config.memoryMb, 1, 1 << 20,
                "memory budget for the lists when max_neighbours is 0")
        .addDouble("shrinkage", m_config.shrinkage, {0.0, 1e9},
                   "similarity *= (n-1)/(n-1+shrinkage); 0 = none")
        .addInt("min_support", m_config.minSupport, 1, 1000000, "least common ratings for a pair")
        .addInt("bsl_epochs", m_config.bslEpochs, 1, 10000, "baseline ALS sweeps")
        .addDouble("bsl_reg_u", m_config.bslRegU, {0.0, 1e9}, "baseline user shrinkage")
        .addDouble("bsl_reg_i", m_config.bslRegI, {0.0, 1e9}, "baseline item shrinkage");
}

FitResult NeighbourModel::fit(const Interactions& data, const FitOptions& options,
                              const Progress& progress) {
    FitResult result;
    EpochReporter reporter(options, progress, result, 1);
    if (!reporter.stage(0.0, "baselines")) {
        result.status = FitStatus::Cancelled;
        return result;
    }
    Trained t;
    BaselineConfig bc;
    bc.solver = "als";
    bc.epochs = m_config.bslEpochs;
    bc.regUser = m_config.bslRegU;
    bc.regItem = m_config.bslRegI;
    t.biases = BaselineSolver::fit(data, bc, options.seed);
    t.byUser = data.byUser;
    t.byItem = data.byItem;

    SimilarityOptions so;
    so.kind = m_config.similarity == "pearson" ? SimilarityKind::Pearson : SimilarityKind::Cosine;
    so.shrinkage = m_config.shrinkage;
    so.minSupport = m_config.minSupport;
    so.threads = std::max(1, options.threads);
    const CsrMatrix& rows = m_itemBased ? data.byItem : data.byUser;
    const CsrMatrix& cols = m_itemBased ? data.byUser : data.byItem;
    so.maxNeighbours = listLimit(rows.rows);
    Progress simProgress{
        [&](double f, std::string_view text) { return reporter.stage(0.02 + 0.9 * f, text); }};
    bool ok;
    if (m_config.similarity == "pearson_baseline") {
        const CsrMatrix rr = residuals(rows, t.biases, m_itemBased);
        const CsrMatrix cr = residuals(cols, t.biases, !m_itemBased);
        ok = buildNeighbourLists(rr, cr, so, simProgress, t.lists);
    } else {
        ok = buildNeighbourLists(rows, cols, so, simProgress, t.lists);
    }
    if (!ok) {
        result.status = FitStatus::Cancelled;
        return result;
    }
    const double train = trainRmse(t);
    const double val = validationRmse(
        options.validation, [&](std::uint32_t u, std::uint32_t i) { return predictWith(t, u, i); });
    if (!reporter.epochDone(1, train, val)) {
        result.status = FitStatus::Cancelled;
        return result;
    }
    m_state = std::move(t);
    return result;
}

std::size_t NeighbourModel::listLimit(std::uint32_t rows) const {
    if (m_config.maxNeighbours > 0)
        return std::size_t(m_config.maxNeighbours);
    const double perEntry = sizeof(std::uint32_t) + sizeof(float);
    const double budget = double(m_config.memoryMb) * 1024.0 * 1024.0;
    return std::max<std::size_t>(
        1, std::size_t(budget / (perEntry * std::max<std::uint32_t>(rows, 1))));
}

double NeighbourModel::trainRmse(const Trained& t) const {
    // Estimated on a fixed, evenly spaced sample of at most kTrainSample training ratings.
    constexpr std::size_t kTrainSample = 5000;
    const CsrMatrix& m = t.byUser;
    const std::size_t step = std::max<std::size_t>(1, m.nnz() / kTrainSample);
    double sse = 0.0;
    std::size_t n = 0;
    std::uint32_t u = 0;
    for (std::size_t k = 0; k < m.nnz(); k += step) {
        while (m.rowPtr[u + 1] <= k)
            ++u;
        const double e = double(m.values[k]) - predictWith(t, u, m.colIdx[k]);
        sse += e * e;
        ++n;
    }
    return n ? std::sqrt(sse / double(n)) : 0.0;
}

namespace {

/// Appends the entries common to a neighbour list and a rating row (both ascending by index):
/// galloping binary searches when one side is much longer, a linear merge otherwise.
void intersect(std::span<const std::uint32_t> nb, std::span<const float> sims,
               std::span<const std::uint32_t> row, std::span<const float> vals,
               std::vector<NeighbourModel::Match>& out) {
    if (nb.size() > 8 * row.size()) {
        auto lo = nb.begin();
        for (std::size_t r = 0; r < row.size(); ++r) {
            lo = std::lower_bound(lo, nb.end(), row[r]);
            if (lo == nb.end())
                break;
            if (*lo == row[r])
                out.push_back({sims[std::size_t(lo - nb.begin())], row[r], vals[r]});
        }
    } else if (row.size() > 8 * nb.size()) {
        auto lo = row.begin();
        for (std::size_t k = 0; k < nb.size(); ++k) {
            lo = std::lower_bound(lo, row.end(), nb[k]);
            if (lo == row.end())
                break;
            if (*lo == nb[k])
                out.push_back({sims[k], nb[k], vals[std::size_t(lo - row.begin())]});
        }
    } else {
        std::size_t a = 0, b = 0;
        while (a < nb.size() && b < row.size()) {
            if (nb[a] < row[b]) {
                ++a;
            } else if (row[b] < nb[a]) {
                ++b;
            } else {
                out.push_back({sims[a], nb[a], vals[b]});
                ++a;
                ++b;
            }
        }
    }
}

} // namespace

float NeighbourModel::combine(const Trained& t, std::uint32_t user, std::uint32_t item,
                              std::vector<Match>& m) const {
    const bool bslMode = baselineMode();
    const float base = bslMode ? t.biases.predict(user, item) : t.biases.mean;
    // The k most similar (ties: lower index), summed in that order so every path agrees.
    auto better = [](const Match& a, const Match& b) {
        return a.sim != b.sim ? a.sim > b.sim : a.index < b.index;
    };
    const std::size_t k = std::size_t(m_config.k);
    if (m.size() > k) {
        std::nth_element(m.begin(), m.begin() + std::ptrdiff_t(k - 1), m.end(), better);
        m.resize(k);
    }
    std::sort(m.begin(), m.end(), better);
    double num = 0.0, den = 0.0;
    for (const Match& x : m) {
        float r = x.r;
        if (bslMode)
            r -= m_itemBased ? t.biases.predict(user, x.index) : t.biases.predict(x.index, item);
        num += double(x.sim) * r;
        den += x.sim;
    }
    const int count = int(m.size());
    if (count < m_config.minK || !(den > 0))
        return base;
    return bslMode ? float(double(base) + num / den) : float(num / den);
}

float NeighbourModel::predictWith(const Trained& t, std::uint32_t user, std::uint32_t item) const {
    std::vector<Match> matches;
    if (user < t.byUser.rows && item < t.byUser.cols) {
        // x: the compared entity, y: the other one; y's ratings of x's neighbours.
        const std::uint32_t x = m_itemBased ? item : user;
        const std::uint32_t y = m_itemBased ? user : item;
        const CsrMatrix& lookup = m_itemBased ? t.byUser : t.byItem;
        intersect(t.lists.neighbours(x), t.lists.similarities(x), lookup.rowCols(y),
                  lookup.rowValues(y), matches);
    }
    return combine(t, user, item, matches);
}

float NeighbourModel::score(std::uint32_t user, std::uint32_t item) const {
    return predictWith(m_state, user, item);
}

void NeighbourModel::scoreAll(std::uint32_t user, std::vector<float>& out) const {
    out.resize(numItems());
    if (user >= numUsers()) {
        for (std::uint32_t i = 0; i < numItems(); ++i)
            out[i] = predictWith(m_state, user, i);
        return;
    }
    if (m_itemBased)
        scoreAllItemBased(user, out);
    else
        scoreAllUserBased(user, out);
}

void NeighbourModel::scoreAllItemBased(std::uint32_t user, std::vector<float>& out) const {
    scoreAllFromRatings(user, m_state.byUser.rowCols(user), m_state.byUser.rowValues(user), out);
}

float NeighbourModel::predictFromRatings(std::uint32_t user, std::uint32_t item,
                                         std::span<const std::uint32_t> items,
                                         std::span<const float> values,
                                         std::vector<Match>& matches) const {
    matches.clear();
    if (item < numItems())
        intersect(m_state.lists.neighbours(item), m_state.lists.similarities(item), items, values,
                  matches);
    const float p = combine(m_state, user, item, matches);
    if (int(matches.size()) < m_config.minK)
        matches.clear();
    return p;
}

float NeighbourModel::predictWithNeighbours(std::uint32_t user, std::uint32_t item,
                                            std::vector<Match>& matches) const {
    const Trained& t = m_state;
    matches.clear();
    if (user < t.byUser.rows && item < t.byUser.cols) {
        const std::uint32_t x = m_itemBased ? item : user;
        const std::uint32_t y = m_itemBased ? user : item;
        const CsrMatrix& lookup = m_itemBased ? t.byUser : t.byItem;
        intersect(t.lists.neighbours(x), t.lists.similarities(x), lookup.rowCols(y),
                  lookup.rowValues(y), matches);
    }
    return combineNeighbours(user, item, matches);
}

float NeighbourModel::combineNeighbours(std::uint32_t user, std::uint32_t item,
                                        std::vector<Match>& matches) const {
    const float p = combine(m_state, user, item, matches);
    if (int(matches.size()) < m_config.minK)
        matches.clear();
    return p;
}

void NeighbourModel::scoreAllFromRatings(std::uint32_t user, std::span<const std::uint32_t> items,
                                         std::span<const float> values,
                                         std::vector<float>& out) const {
    const Trained& t = m_state;
    out.resize(numItems());
    // The user's ratings as a dense row; NaN = not rated.
    std::vector<float> dense(numItems(), std::nanf(""));
    for (std::size_t k = 0; k < items.size(); ++k)
        if (items[k] < numItems())
            dense[items[k]] = values[k];
    std::vector<Match> matches;
    for (std::uint32_t i = 0; i < numItems(); ++i) {
        const auto nb = t.lists.neighbours(i);
        const auto sims = t.lists.similarities(i);
        matches.clear();
        for (std::size_t k = 0; k < nb.size(); ++k)
            if (!std::isnan(dense[nb[k]]))
                matches.push_back({sims[k], nb[k], dense[nb[k]]});
        out[i] = combine(t, user, i, matches);
    }
}

void NeighbourModel::scoreAllUserBased(std::uint32_t user, std::vector<float>& out) const {
    const Trained& t = m_state;
    const std::uint32_t n = numItems();
    // Bucket the neighbours' ratings by item (two passes, CSR style).
    const auto nb = t.lists.neighbours(user);
    const auto sims = t.lists.similarities(user);
    std::vector<std::uint32_t> start(std::size_t(n) + 1, 0);
    for (std::uint32_t v : nb)
        for (std::uint32_t i : t.byUser.rowCols(v))
            ++start[i + 1];
    for (std::uint32_t i = 0; i < n; ++i)
        start[i + 1] += start[i];
    std::vector<Match> all(start[n]);
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::size_t k = 0; k < nb.size(); ++k) {
        const auto cols = t.byUser.rowCols(nb[k]);
        const auto vals = t.byUser.rowValues(nb[k]);
        for (std::size_t m = 0; m < cols.size(); ++m)
            all[fill[cols[m]]++] = {sims[k], nb[k], vals[m]};
    }
    std::vector<Match> matches;
    for (std::uint32_t i = 0; i < n; ++i) {
        matches.assign(all.begin() + start[i], all.begin() + start[i + 1]);
        out[i] = combine(t, user, i, matches);
    }
}

ModelState NeighbourModel::save() const {
    const Trained& t = m_state;
    ModelState s;
    s.model = name();
    s.hyper = m_params.toMap();
    t.biases.save(s);
    ParamBlock ratings{"ratings", std::int64_t(t.byUser.nnz()), 3, {}};
    ratings.data.reserve(t.byUser.nnz() * 3);
    for (std::uint32_t u = 0; u < t.byUser.rows; ++u) {
        for (std::uint64_t k = t.byUser.rowPtr[u]; k < t.byUser.rowPtr[u + 1]; ++k) {
            ratings.data.push_back(float(u));
            ratings.data.push_back(float(t.byUser.colIdx[k]));
            ratings.data.push_back(t.byUser.values[k]);
        }
    }
    s.blocks.push_back(std::move(ratings));
    std::vector<float> counts(t.lists.rows());
    for (std::uint32_t x = 0; x < t.lists.rows(); ++x)
        counts[x] = float(t.lists.ptr[x + 1] - t.lists.ptr[x]);
    s.blocks.push_back(blocks::column("neighbour_count", counts));
    std::vector<float> index(t.lists.index.begin(), t.lists.index.end());
    s.blocks.push_back(blocks::column("neighbour_index", index));
    s.blocks.push_back(blocks::column("neighbour_sim", t.lists.sim));
    return s;
}

bool NeighbourModel::load(const ModelState& state, std::string& error) {
    Trained t;
    if (!blocks::checkHeader(state, name(), 1, error) || !t.biases.load(state, error))
        return false;
    const std::uint32_t nu = std::uint32_t(t.biases.user.size());
    const std::uint32_t ni = std::uint32_t(t.biases.item.size());
    const std::uint32_t nx = m_itemBased ? ni : nu;
    const ParamBlock* ratings = blocks::require(state, "ratings", -1, 3, error);
    const ParamBlock* counts =
        ratings ? blocks::require(state, "neighbour_count", nx, 1, error) : nullptr;
    const ParamBlock* index =
        counts ? blocks::require(state, "neighbour_index", -1, 1, error) : nullptr;
    const ParamBlock* sim =
        index ? blocks::require(state, "neighbour_sim", index->rows, 1, error) : nullptr;
    if (!sim)
        return false;
    const std::size_t n = std::size_t(ratings->rows);
    std::vector<std::uint32_t> us(n), is(n);
    std::vector<float> vs(n);
    for (std::size_t k = 0; k < n; ++k) {
        const float u = ratings->data[3 * k], i = ratings->data[3 * k + 1];
        if (!(u >= 0 && u < float(nu) && i >= 0 && i < float(ni))) {
            error = "block 'ratings' has an index outside the model";
            return false;
        }
        us[k] = std::uint32_t(u);
        is[k] = std::uint32_t(i);
        vs[k] = ratings->data[3 * k + 2];
    }
    t.byUser = CsrMatrix::fromTriplets(nu, ni, us, is, vs);
    t.byItem = t.byUser.transposed();
    t.lists.ptr.assign(std::size_t(nx) + 1, 0);
    for (std::uint32_t x = 0; x < nx; ++x) {
        const float c = counts->data[x];
        if (!(c >= 0 && c <= float(nx))) {
            error = "block 'neighbour_count' has an invalid count";
            return false;
        }
        t.lists.ptr[x + 1] = t.lists.ptr[x] + std::uint64_t(c);
    }
    if (t.lists.ptr[nx] != std::uint64_t(index->rows)) {
        error = "neighbour counts do not add up to the neighbour lists' length";
        return false;
    }
    t.lists.index.resize(std::size_t(index->rows));
    for (std::size_t k = 0; k < t.lists.index.size(); ++k) {
        const float v = index->data[k];
        if (!(v >= 0 && v < float(nx))) {
            error = "block 'neighbour_index' has an index outside the model";
            return false;
        }
        t.lists.index[k] = std::uint32_t(v);
    }
    t.lists.sim = sim->data;
    if (!m_params.setAll(state.hyper, error))
        return false;
    m_state = std::move(t);
    return true;
}

} // namespace rs
