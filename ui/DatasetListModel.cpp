#include "DatasetListModel.h"

#include "DatasetFormat.h"

#include <QIcon>

namespace rs::ui {

void DatasetListModel::setDatasets(std::vector<rs::DatasetInfo> datasets) {
    beginResetModel();
    m_datasets = std::move(datasets);
    endResetModel();
}

int DatasetListModel::rowOf(qint64 id) const {
    for (std::size_t k = 0; k < m_datasets.size(); ++k)
        if (m_datasets[k].id == id)
            return int(k);
    return -1;
}

const rs::DatasetInfo* DatasetListModel::at(int row) const {
    return row >= 0 && row < int(m_datasets.size()) ? &m_datasets[std::size_t(row)] : nullptr;
}

int DatasetListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_datasets.size());
}

QVariant DatasetListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto& d = m_datasets[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole: // control characters of a name shown visibly, on one line
        return visibleText(QString::fromStdString(d.name));
    case Qt::EditRole: // the stored name exactly
        return QString::fromStdString(d.name);
    case Qt::ToolTipRole:
        return tr("%1\n%2 ratings · %3 users · %4 items\nimported %5")
            .arg(visibleText(QString::fromStdString(d.name)), formatCount(d.numRatings),
                 formatCount(d.numUsers), formatCount(d.numItems),
                 QString::fromStdString(d.createdAt));
    case Qt::DecorationRole:
        return m_icon;
    case IdRole:
        return qint64(d.id);
    default:
        return {};
    }
}

bool DatasetListModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString name = value.toString().trimmed();
    auto& d = m_datasets[std::size_t(index.row())];
    if (name.isEmpty() || name.toStdString() == d.name)
        return false;
    // Shown at once; the list is refreshed from the workspace when the rename job is done
    // (which also undoes this if the rename failed).
    d.name = name.toStdString();
    emit dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole});
    emit renameRequested(d.id, name);
    return true;
}

Qt::ItemFlags DatasetListModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

} // namespace rs::ui
