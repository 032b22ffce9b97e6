#include "ComparisonMetricsModel.h"

#include "MetricFormat.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <cmath>
#include <limits>

namespace rs::ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString pValue(double p) {
    if (std::isnan(p))
        return QObject::tr("n/a");
    if (p < 0.0001)
        return QStringLiteral("< 0.0001");
    return QString::number(p, 'f', 4);
}

QString signedValue(double v) {
    if (std::isnan(v))
        return QObject::tr("n/a");
    return (v > 0 ? QStringLiteral("+") : QString()) + MetricFormat::value(v);
}

} // namespace

ComparisonMetricsModel::ComparisonMetricsModel(QObject* parent) : QAbstractTableModel(parent) {}

void ComparisonMetricsModel::setResult(std::shared_ptr<const rs::ComparisonResult> result,
                                       const QStringList& runLabels) {
    beginResetModel();
    m_result = std::move(result);
    m_labels = runLabels;
    m_a = 0;
    m_b = 1;
    endResetModel();
}

void ComparisonMetricsModel::setPair(std::size_t a, std::size_t b) {
    if (a == m_a && b == m_b)
        return;
    m_a = a;
    m_b = b;
    if (rowCount() > 0)
        emit dataChanged(index(0, pairColumn(Delta)), index(rowCount() - 1, pairColumn(PWilcoxon)));
    emit headerDataChanged(Qt::Horizontal, pairColumn(Delta), pairColumn(PWilcoxon));
}

int ComparisonMetricsModel::rowOf(const QString& metric) const {
    if (!m_result)
        return -1;
    const std::string name = metric.toStdString();
    for (std::size_t r = 0; r < m_result->metrics.size(); ++r)
        if (m_result->metrics[r].name == name)
            return int(r);
    return -1;
}

std::string ComparisonMetricsModel::seriesFor(const std::string& metric) {
    // The aggregate mean average precision and mean reciprocal rank are the means of the
    // per-user AP and RR series; every other ranking metric keeps its name.
    if (metric.rfind("MAP@", 0) == 0)
        return metric.substr(1);
    if (metric.rfind("MRR@", 0) == 0)
        return metric.substr(1);
    return metric;
}

int ComparisonMetricsModel::betterDirection(const std::string& metric) {
    for (const char* prefix : {"P@", "R@", "NDCG@", "MAP@", "HR@", "MRR@"})
        if (metric.rfind(prefix, 0) == 0)
            return 1;
    if (metric == "Coverage")
        return 1;
    if (metric == "RMSE" || metric == "MAE")
        return -1;
    return 0; // novelty, diversity, popularity: a matter of taste, not better or worse
}

const rs::PairedMetric* ComparisonMetricsModel::paired(int row) const {
    if (!m_result || row < 0 || std::size_t(row) >= m_result->metrics.size())
        return nullptr;
    const std::string series = seriesFor(m_result->metrics[std::size_t(row)].name);
    for (const rs::PairedMetric& p : m_result->paired)
        if (p.a == m_a && p.b == m_b && p.metric == series)
            return &p;
    return nullptr;
}

int ComparisonMetricsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_result ? 0 : int(m_result->metrics.size());
}

int ComparisonMetricsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_result ? 0 : runCount() + PairColumns;
}

QVariant ComparisonMetricsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const rs::MetricRow& row = m_result->metrics[std::size_t(index.row())];
    const int column = index.column();
    if (column < runCount()) {
        const std::optional<double> v = row.values[std::size_t(column)];
        switch (role) {
        case Qt::DisplayRole:
            return v ? MetricFormat::value(*v) : QStringLiteral("—");
        case ValueRole:
            return v ? *v : kNaN;
        case Qt::TextAlignmentRole:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::ToolTipRole:
            return v ? QString::number(*v, 'g', 10)
                     : tr("%1 did not store this metric").arg(m_labels.value(column));
        default:
            return {};
        }
    }
    const rs::PairedMetric* p = paired(index.row());
    const auto which = PairColumn(column - runCount());
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (!p) {
        if (role == Qt::DisplayRole)
            return QStringLiteral("—");
        if (role == ValueRole)
            return kNaN;
        if (role == Qt::ToolTipRole)
            return tr("No per-user series of %1 in both runs: no paired test")
                .arg(QString::fromStdString(row.name));
        return {};
    }
    const bool significant = p->t.p < 0.05 && p->wilcoxon.p < 0.05;
    switch (role) {
    case Qt::DisplayRole:
        switch (which) {
        case Delta:
            return signedValue(p->t.meanDelta);
        case Interval:
            return std::isnan(p->t.ciLow)
                       ? tr("n/a")
                       : QStringLiteral("[%1, %2]")
                             .arg(signedValue(p->t.ciLow), signedValue(p->t.ciHigh));
        case PT:
            return pValue(p->t.p);
        case PWilcoxon:
            return pValue(p->wilcoxon.p);
        case PairColumns:
            break;
        }
        return {};
    case ValueRole:
        switch (which) {
        case Delta:
            return p->t.meanDelta;
        case Interval:
            return p->t.ciLow;
        case PT:
            return p->t.p;
        case PWilcoxon:
            return p->wilcoxon.p;
        case PairColumns:
            break;
        }
        return kNaN;
    case Qt::ForegroundRole: {
        const int better = betterDirection(row.name);
        if (which == Delta && significant && better != 0)
            return QBrush(p->t.meanDelta * better > 0 ? QColor(0x1e, 0x7b, 0x3a)
                                                      : QColor(0xb0, 0x2a, 0x1e));
        return {};
    }
    case Qt::FontRole:
        if (which == Delta && significant) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        return tr("%1 over %2 users in both runs: mean %3 → %4, sd of the differences %5; "
                  "Wilcoxon: %6 non-zero differences (%7)")
            .arg(QString::fromStdString(p->metric))
            .arg(p->users)
            .arg(MetricFormat::value(p->meanA), MetricFormat::value(p->meanB),
                 MetricFormat::value(p->t.sdDelta))
            .arg(p->wilcoxon.n)
            .arg(p->wilcoxon.exact ? tr("exact") : tr("normal approximation"));
    default:
        return {};
    }
}

QVariant ComparisonMetricsModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const {
    if (!m_result)
        return {};
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section >= 0 &&
            std::size_t(section) < m_result->metrics.size())
            return QString::fromStdString(m_result->metrics[std::size_t(section)].name);
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (section < runCount())
        return m_labels.value(section);
    const QString a =
        QStringLiteral("#%1").arg(m_a < m_result->runs.size() ? m_result->runs[m_a].id : 0);
    const QString b =
        QStringLiteral("#%1").arg(m_b < m_result->runs.size() ? m_result->runs[m_b].id : 0);
    switch (PairColumn(section - runCount())) {
    case Delta:
        return role == Qt::DisplayRole
                   ? tr("Δ %1 − %2").arg(b, a)
                   : tr("Mean per-user difference, run %1 minus run %2 "
                        "(bold: both tests p < 0.05; green/red: better/worse for accuracy metrics)")
                         .arg(b, a);
    case Interval:
        return tr("95% CI");
    case PT:
        return role == Qt::DisplayRole ? tr("p (t)") : tr("Two-sided paired t-test");
    case PWilcoxon:
        return role == Qt::DisplayRole ? tr("p (Wilcoxon)")
                                       : tr("Two-sided Wilcoxon signed-rank test");
    case PairColumns:
        break;
    }
    return {};
}

} // namespace rs::ui
