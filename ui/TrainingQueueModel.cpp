#include "TrainingQueueModel.h"

#include "MetricFormat.h"

#include <QColor>
#include <QFont>

namespace rs::ui {

QString TrainingQueueModel::stateName(QueuedRun::State state) {
    switch (state) {
    case QueuedRun::State::Queued:
        return tr("queued");
    case QueuedRun::State::Running:
        return tr("running");
    case QueuedRun::State::Done:
        return tr("done");
    case QueuedRun::State::Cancelled:
        return tr("cancelled");
    case QueuedRun::State::Failed:
        return tr("failed");
    }
    return {};
}

void TrainingQueueModel::append(QueuedRun run) {
    const int row = int(m_runs.size());
    beginInsertRows({}, row, row);
    m_runs.push_back(std::move(run));
    endInsertRows();
}

bool TrainingQueueModel::remove(int id) {
    const int row = rowOf(id);
    if (row < 0)
        return false;
    beginRemoveRows({}, row, row);
    m_runs.erase(m_runs.begin() + row);
    endRemoveRows();
    return true;
}

QueuedRun* TrainingQueueModel::find(int id) {
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_runs[std::size_t(row)];
}

const QueuedRun* TrainingQueueModel::find(int id) const {
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_runs[std::size_t(row)];
}

const QueuedRun* TrainingQueueModel::at(int row) const {
    return row >= 0 && row < int(m_runs.size()) ? &m_runs[std::size_t(row)] : nullptr;
}

int TrainingQueueModel::rowOf(int id) const {
    for (std::size_t r = 0; r < m_runs.size(); ++r)
        if (m_runs[r].id == id)
            return int(r);
    return -1;
}

void TrainingQueueModel::changed(int id) {
    const int row = rowOf(id);
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int TrainingQueueModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_runs.size());
}

int TrainingQueueModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString TrainingQueueModel::resultText(const QueuedRun& r) const {
    switch (r.state) {
    case QueuedRun::State::Queued:
        return tr("waiting");
    case QueuedRun::State::Running:
        return r.stage.isEmpty() ? tr("starting…") : r.stage;
    case QueuedRun::State::Cancelled:
    case QueuedRun::State::Failed:
        return r.message;
    case QueuedRun::State::Done:
        break;
    }
    QString text = tr("run #%1").arg(r.runId);
    const QString metrics = MetricFormat::headline(r.metrics);
    if (!metrics.isEmpty())
        text += QStringLiteral(" · ") + metrics;
    if (!r.message.isEmpty())
        text += QStringLiteral(" · ") + r.message;
    return text;
}

QVariant TrainingQueueModel::data(const QModelIndex& index, int role) const {
    const QueuedRun* r = index.isValid() ? at(index.row()) : nullptr;
    if (!r)
        return {};
    if (role == IdRole)
        return r->id;
    if (role == StateRole)
        return int(r->state);
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (Column(index.column())) {
        case Number:
            return r->id;
        case Model:
            return QString::fromStdString(r->request.model);
        case Dataset:
            return r->datasetName;
        case Split:
            return r->splitText;
        case State:
            return stateName(r->state);
        case Result:
            return resultText(*r);
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::ForegroundRole && index.column() == State) {
        switch (r->state) {
        case QueuedRun::State::Running:
            return QColor(0x1f, 0x5f, 0xaf);
        case QueuedRun::State::Done:
            return QColor(0x2e, 0x7d, 0x32);
        case QueuedRun::State::Failed:
            return QColor(0xb3, 0x26, 0x1e);
        case QueuedRun::State::Cancelled:
            return QColor(0x80, 0x80, 0x80);
        case QueuedRun::State::Queued:
            break;
        }
    }
    if (role == Qt::FontRole && index.column() == State && r->state == QueuedRun::State::Running) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return {};
}

QVariant TrainingQueueModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Number:
        return QStringLiteral("#");
    case Model:
        return tr("Model");
    case Dataset:
        return tr("Dataset");
    case Split:
        return tr("Split");
    case State:
        return tr("State");
    case Result:
        return tr("Result");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace rs::ui
