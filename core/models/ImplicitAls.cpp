#include "models/ImplicitAls.h"

#include "models/EpochReporter.h"
#include "models/ParamBlocks.h"
#include "models/Rng.h"
#include "models/ShardRunner.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace rs {

namespace {

using RowMatrix = ImplicitAls::RowMatrix;
using Confidence = std::function<float(float)>;

/// Per-thread work space of the row solves (reused between rows to avoid allocations).
struct Scratch {
    RowMatrix yu;          ///< the row's fixed-side vectors, n x k
    Eigen::VectorXf c, w;  ///< confidences c and c - 1
    Eigen::MatrixXf a, wy; ///< normal matrix, weighted vectors
    Eigen::VectorXf b, x, r, p, ap, t;
};

/// Confidence of an observed entry with sample weight w: c = 1 + w (conf(value) - 1), so a
/// weight scales the entry's extra confidence (IPS, re-weighting); w = 1 gives conf(value).
inline float weightedConfidence(const Confidence& conf, float value, float w) {
    const float c = conf(value);
    return w == 1.0f ? c : 1.0f + w * (c - 1.0f);
}

/// Gathers the fixed-side rows and confidences of one row of the data.
void gather(const RowMatrix& fixed, std::span<const std::uint32_t> cols,
            std::span<const float> values, std::span<const float> weights, const Confidence& conf,
            Scratch& s) {
    const Eigen::Index n = Eigen::Index(cols.size());
    s.yu.resize(n, fixed.cols());
    s.c.resize(n);
    for (Eigen::Index j = 0; j < n; ++j) {
        s.yu.row(j) = fixed.row(cols[std::size_t(j)]);
        s.c[j] = weightedConfidence(conf, values.empty() ? 1.0f : values[std::size_t(j)],
                                    weights.empty() ? 1.0f : weights[std::size_t(j)]);
    }
    s.w = s.c.array() - 1.0f;
}

/// Exact solution of (G + reg I + Yu' diag(c - 1) Yu) x = Yu' c, with gramReg = G + reg I.
void exactSolve(const Eigen::MatrixXf& gramReg, Scratch& s) {
    s.a = gramReg;
    s.wy.noalias() = s.w.asDiagonal() * s.yu;
    s.a.noalias() += s.yu.transpose() * s.wy;
    s.b.noalias() = s.yu.transpose() * s.c;
    s.x = s.a.llt().solve(s.b);
}

/// out = (G + reg I) v + Yu' diag(c - 1) Yu v, without forming the matrix.
void applyA(const Eigen::MatrixXf& gramReg, Scratch& s, const Eigen::VectorXf& v,
            Eigen::VectorXf& out) {
    s.t.noalias() = s.yu * v;
    s.t.array() *= s.w.array();
    out.noalias() = gramReg * v;
    out.noalias() += s.yu.transpose() * s.t;
}

/// `steps` conjugate-gradient steps on the same system, starting from s.x.
void cgSolve(const Eigen::MatrixXf& gramReg, Scratch& s, int steps) {
    s.b.noalias() = s.yu.transpose() * s.c;
    applyA(gramReg, s, s.x, s.ap);
    s.r = s.b - s.ap;
    s.p = s.r;
    float rs = s.r.squaredNorm();
    for (int it = 0; it < steps && rs > 1e-20f; ++it) {
        applyA(gramReg, s, s.p, s.ap);
        const float pap = s.p.dot(s.ap);
        if (!(pap > 0.0f))
            break;
        const float step = rs / pap;
        s.x += step * s.p;
        s.r -= step * s.ap;
        const float next = s.r.squaredNorm();
        s.p = s.r + (next / rs) * s.p;
        rs = next;
    }
}

/// M'M, summed over two fixed halves of the rows (on two threads when threads > 1), so the
/// result is the same bits for any thread count.
Eigen::MatrixXf gramOf(const RowMatrix& m, int threads = 1) {
    const Eigen::Index half = m.rows() / 2;
    Eigen::MatrixXf part[2];
    auto job = [&](int h) {
        const auto rows = h == 0 ? m.topRows(half) : m.bottomRows(m.rows() - half);
        part[h] = Eigen::MatrixXf::Zero(m.cols(), m.cols());
        part[h].selfadjointView<Eigen::Lower>().rankUpdate(rows.transpose());
    };
    if (threads > 1) {
        runShards(2, job);
    } else {
        job(0);
        job(1);
    }
    Eigen::MatrixXf g = part[0] + part[1];
    return g.selfadjointView<Eigen::Lower>();
}

Eigen::MatrixXf plusReg(Eigen::MatrixXf gram, double reg) {
    gram.diagonal().array() += float(reg);
    return gram;
}

/// Solves every row of `target` (one per row of `data`) with `fixed` (whose Gram matrix is
/// `gram`) held constant. cgSteps <= 0 means the exact (Cholesky) solve.
void halfStep(const CsrMatrix& data, const RowMatrix& fixed, const Eigen::MatrixXf& gram,
              RowMatrix& target, double reg, const Confidence& conf, int cgSteps, int threads) {
    const Eigen::MatrixXf gramReg = plusReg(gram, reg);
    const std::vector<std::uint32_t> bounds = splitUsersByLoad(data, threads);
    runShards(int(bounds.size()) - 1, [&](int shard) {
        Scratch s;
        for (std::uint32_t r = bounds[std::size_t(shard)]; r < bounds[std::size_t(shard) + 1];
             ++r) {
            if (data.rowSize(r) == 0) {
                target.row(r).setZero(); // the exact solution without observations
                continue;
            }
            gather(fixed, data.rowCols(r), data.rowValues(r), data.rowWeights(r), conf, s);
            if (cgSteps <= 0) {
                exactSolve(gramReg, s);
            } else {
                s.x = target.row(r).transpose();
                cgSolve(gramReg, s, cgSteps);
            }
            target.row(r) = s.x.transpose();
        }
    });
}

/// L = sum_u x_u' (Y'Y) x_u + sum_observed [c (1 - s)^2 - s^2] + reg (|X|^2 + |Y|^2), where the
/// first sum is computed as <Y'Y, X'X> from the given Gram matrices; the observed terms are
/// summed per shard of users.
double weightedObjective(const CsrMatrix& byUser, const RowMatrix& x, const RowMatrix& y,
                         const Eigen::MatrixXf& gramX, const Eigen::MatrixXf& gramY, double reg,
                         const Confidence& conf, int threads) {
    double total = gramY.cast<double>().cwiseProduct(gramX.cast<double>()).sum();
    const std::vector<std::uint32_t> bounds = splitUsersByLoad(byUser, threads);
    std::vector<double> part(bounds.size() - 1, 0.0);
    runShards(int(part.size()), [&](int shard) {
        double sum = 0.0;
        for (std::uint32_t u = bounds[std::size_t(shard)]; u < bounds[std::size_t(shard) + 1];
             ++u) {
            const auto cols = byUser.rowCols(u);
            const auto vals = byUser.rowValues(u);
            const auto ws = byUser.rowWeights(u);
            for (std::size_t j = 0; j < cols.size(); ++j) {
                const double s = double(x.row(u).dot(y.row(cols[j])));
                const float c = weightedConfidence(conf, vals[j], ws.empty() ? 1.0f : ws[j]);
                sum += double(c) * (1.0 - s) * (1.0 - s) - s * s;
            }
        }
        part[std::size_t(shard)] = sum;
    });
    for (double p : part)
        total += p;
    total += reg * (double(x.squaredNorm()) + double(y.squaredNorm()));
    return total;
}

void randomise(RowMatrix& m, const CsrMatrix& rows, double std, Rng& rng) {
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            m(r, c) = float(rng.normal() * std);
    for (std::uint32_t r = 0; r < rows.rows; ++r)
        if (rows.rowSize(r) == 0)
            m.row(r).setZero();
}

} // namespace

ImplicitAls::ImplicitAls() {
    m_params.addInt("factors", m_factors, 1, 1024, "latent dimensions")
        .addDouble("reg", m_reg, {0.0, 1e6, true}, "L2 weight on the factors")
        .addDouble("alpha", m_alpha, {0.0, 1e6}, "confidence slope: c = 1 + alpha * value")
        .addInt("iterations", m_iterations, 1, 10000, "alternating passes (users, then items)")
        .addChoice("solver", m_solver, {"cg", "cholesky"},
                   "cg: a few warm-started conjugate-gradient steps; cholesky: exact")
        .addInt("cg_steps", m_cgSteps, 1, 100, "conjugate-gradient steps per solve")
        .addBool("binarize", m_binarize, "treat every observed value as 1")
        .addDouble("init_std", m_initStd, {0.0, 10.0}, "std of the initial factors");
}

float ImplicitAls::confidence(float value) const {
    const float r = m_binarize ? 1.0f : std::max(value, 0.0f);
    return 1.0f + float(m_alpha) * r;
}

FitResult ImplicitAls::fit(const Interactions& data, const FitOptions& options,
                           const Progress& progress) {
    FitResult result;
    EpochReporter reporter(options, progress, result, m_iterations, "objective");
    if (!reporter.stage(0.0, "initialising")) {
        result.status = FitStatus::Cancelled;
        return result;
    }
    const Confidence conf = [this](float v) { return confidence(v); };
    const int cgSteps = m_solver == "cholesky" ? 0 : m_cgSteps;
    RowMatrix x(data.numUsers(), m_factors), y(data.numItems(), m_factors);
    Rng rng(options.seed);
    randomise(x, data.byUser, m_initStd, rng);
    randomise(y, data.byItem, m_initStd, rng);

    Eigen::MatrixXf gramY = gramOf(y, options.threads);
    for (int it = 1; it <= m_iterations; ++it) {
        halfStep(data.byUser, y, gramY, x, m_reg, conf, cgSteps, options.threads);
        if (!reporter.stage((it - 0.5) / m_iterations,
                            "iteration " + std::to_string(it) + ": users solved")) {
            result.status = FitStatus::Cancelled;
            return result;
        }
        const Eigen::MatrixXf gramX = gramOf(x, options.threads);
        halfStep(data.byItem, x, gramX, y, m_reg, conf, cgSteps, options.threads);
        gramY = gramOf(y, options.threads);
        const double loss =
            weightedObjective(data.byUser, x, y, gramX, gramY, m_reg, conf, options.threads);
        if (reporter.diverged(it, loss, "try a larger reg or a smaller alpha"))
            return result;
        if (!reporter.epochDone(it, loss)) {
            result.status = FitStatus::Cancelled;
            return result;
        }
    }
    m_users = std::move(x);
    m_items = std::move(y);
    m_itemGram = std::move(gramY);
    return result;
}

float ImplicitAls::score(std::uint32_t user, std::uint32_t item) const {
    if (user >= numUsers() || item >= numItems())
        return 0.0f;
    return m_users.row(user).dot(m_items.row(item));
}

void ImplicitAls::scoreAll(std::uint32_t user, std::vector<float>& out) const {
    out.assign(numItems(), 0.0f);
    if (user >= numUsers())
        return;
    Eigen::Map<Eigen::VectorXf>(out.data(), Eigen::Index(out.size())).noalias() =
        m_items * m_users.row(user).transpose();
}

Eigen::VectorXf ImplicitAls::foldInUser(std::span<const std::uint32_t> items,
                                        std::span<const float> values) const {
    const int k = factors();
    std::vector<std::uint32_t> cols;
    std::vector<float> vals;
    for (std::size_t j = 0; j < items.size(); ++j)
        if (items[j] < numItems()) {
            cols.push_back(items[j]);
            vals.push_back(j < values.size() ? values[j] : 1.0f);
        }
    if (cols.empty())
        return Eigen::VectorXf::Zero(k);
    const Eigen::MatrixXf gramReg = plusReg(m_itemGram, m_reg);
    Scratch s;
    gather(
        m_items, cols, vals, {}, [this](float v) { return confidence(v); }, s);
    exactSolve(gramReg, s);
    return s.x;
}

bool ImplicitAls::refreshUserFactors(const Interactions& data, int threads) {
    if (data.numUsers() != numUsers() || data.numItems() != numItems())
        return false;
    const Confidence conf = [this](float v) { return confidence(v); };
    halfStep(data.byUser, m_items, m_itemGram, m_users, m_reg, conf, 0, threads);
    return true;
}

double ImplicitAls::objective(const Interactions& data) const {
    if (data.numUsers() != numUsers() || data.numItems() != numItems())
        return std::nan("");
    const Confidence conf = [this](float v) { return confidence(v); };
    return weightedObjective(data.byUser, m_users, m_items, gramOf(m_users), m_itemGram, m_reg,
                             conf, 1);
}

ModelState ImplicitAls::save() const {
    ModelState s;
    s.model = name();
    s.hyper = m_params.toMap();
    const std::size_t k = std::size_t(m_items.cols());
    s.blocks.push_back(
        blocks::make("user_factors", m_users.rows(), m_users.cols(), m_users.data(), k));
    s.blocks.push_back(
        blocks::make("item_factors", m_items.rows(), m_items.cols(), m_items.data(), k));
    return s;
}

bool ImplicitAls::load(const ModelState& state, std::string& error) {
    if (!blocks::checkHeader(state, name(), 1, error))
        return false;
    const ParamBlock* u = blocks::require(state, "user_factors", -1, -1, error);
    if (!u)
        return false;
    const ParamBlock* i = blocks::require(state, "item_factors", -1, u->cols, error);
    if (!i || !m_params.setAll(state.hyper, error))
        return false;
    m_users = Eigen::Map<const RowMatrix>(u->data.data(), u->rows, u->cols);
    m_items = Eigen::Map<const RowMatrix>(i->data.data(), i->rows, i->cols);
    m_itemGram = gramOf(m_items);
    return true;
}

} // namespace rs
