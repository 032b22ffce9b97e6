#include "RunsTableModel.h"

#include "MetricFormat.h"
#include "RunCatalog.h"

#include <QColor>

namespace rs::ui {

void RunsTableModel::setCatalog(RunCatalog catalog) {
    beginResetModel();
    m_catalog = std::move(catalog);
    m_metrics.clear();
    for (const rs::RunInfo& r : m_catalog.runs)
        for (const auto& m : r.metrics) {
            const QString name = QString::fromStdString(m.first);
            if (!m_metrics.contains(name))
                m_metrics << name;
        }
    endResetModel();
}

const rs::RunInfo* RunsTableModel::at(int row) const {
    return row >= 0 && row < int(m_catalog.runs.size()) ? &m_catalog.runs[std::size_t(row)]
                                                        : nullptr;
}

int RunsTableModel::rowOf(qint64 runId) const {
    for (std::size_t r = 0; r < m_catalog.runs.size(); ++r)
        if (m_catalog.runs[r].id == runId)
            return int(r);
    return -1;
}

int RunsTableModel::metricColumn(const QString& metric) const {
    const int k = int(m_metrics.indexOf(metric));
    return k < 0 ? -1 : FixedColumns + k;
}

QString RunsTableModel::paramsText(const rs::RunInfo& run) {
    QStringList parts;
    for (const auto& [key, value] : run.params)
        parts << QStringLiteral("%1=%2").arg(QString::fromStdString(key),
                                             QString::fromStdString(value));
    return parts.join(QStringLiteral(", "));
}

int RunsTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_catalog.runs.size());
}

int RunsTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : FixedColumns + int(m_metrics.size());
}

QVariant RunsTableModel::display(const rs::RunInfo& r, int column) const {
    switch (column) {
    case Run:
        return QString::number(r.id);
    case Dataset:
        return m_catalog.datasetName(r.datasetId);
    case Model:
        return runModelText(r);
    case Split:
        return r.splitSpec.empty() ? tr("(whole dataset)") : QString::fromStdString(r.splitSpec);
    case Params:
        return paramsText(r);
    case Seed:
        return QString::number(r.seed);
    case FitSeconds:
        return QString::number(r.fitSeconds, 'f', 2);
    case Status:
        return QString::fromStdString(r.status);
    case Protocol:
        return QString::fromStdString(r.protocol);
    default:
        break;
    }
    const int k = column - FixedColumns;
    if (k < 0 || k >= m_metrics.size())
        return {};
    const auto v = r.metric(m_metrics[k].toStdString());
    return v ? MetricFormat::value(*v) : QString();
}

QVariant RunsTableModel::sortValue(const rs::RunInfo& r, int column) const {
    switch (column) {
    case Run:
        return qlonglong(r.id);
    case Seed:
        return qulonglong(r.seed);
    case FitSeconds:
        return r.fitSeconds;
    default:
        break;
    }
    if (column >= FixedColumns) {
        const auto v = r.metric(m_metrics[column - FixedColumns].toStdString());
        return v ? QVariant(*v) : QVariant();
    }
    return display(r, column);
}

QVariant RunsTableModel::data(const QModelIndex& index, int role) const {
    const rs::RunInfo* r = index.isValid() ? at(index.row()) : nullptr;
    if (!r || index.column() >= columnCount())
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return display(*r, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Status && !r->message.empty())
            return QString::fromStdString(r->message);
        return display(*r, index.column());
    case SortRole:
        return sortValue(*r, index.column());
    case RunIdRole:
        return qlonglong(r->id);
    case DatasetIdRole:
        return qlonglong(r->datasetId);
    case Qt::TextAlignmentRole:
        if (index.column() == Run || index.column() == Seed || index.column() == FitSeconds ||
            index.column() >= FixedColumns)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Status && r->status != "done")
            return QColor(0xb3, 0x26, 0x1e);
        return {};
    default:
        return {};
    }
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    if (role == Qt::ToolTipRole && section >= FixedColumns)
        return tr("Mean over the evaluated test users");
    if (role != Qt::DisplayRole)
        return {};
    static const char* const names[] = {
        QT_TR_NOOP("Run"),     QT_TR_NOOP("Dataset"),    QT_TR_NOOP("Model"),
        QT_TR_NOOP("Split"),   QT_TR_NOOP("Parameters"), QT_TR_NOOP("Seed"),
        QT_TR_NOOP("Fit (s)"), QT_TR_NOOP("Status"),     QT_TR_NOOP("Protocol")};
    if (section < FixedColumns)
        return tr(names[section]);
    return m_metrics[section - FixedColumns];
}

} // namespace rs::ui
