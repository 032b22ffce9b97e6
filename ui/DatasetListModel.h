#pragma once
#include "store/DatasetStore.h"

#include <QAbstractListModel>
#include <QIcon>
#include <vector>

namespace rs::ui {

/// The datasets of the workspace for the browser's list. Names are editable in place: an edit
/// emits renameRequested (the page runs the rename as a job) instead of writing itself.
class DatasetListModel : public QAbstractListModel {
    Q_OBJECT
public:
    static constexpr int IdRole = Qt::UserRole + 1;
    using QAbstractListModel::QAbstractListModel;

    void setDatasets(std::vector<rs::DatasetInfo> datasets);
    const std::vector<rs::DatasetInfo>& datasets() const { return m_datasets; }
    /// Row of the dataset with `id`, or -1.
    int rowOf(qint64 id) const;
    const rs::DatasetInfo* at(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

signals:
    void renameRequested(qint64 id, const QString& newName);

private:
    std::vector<rs::DatasetInfo> m_datasets;
    QIcon m_icon{QStringLiteral(":/icons/dataset.svg")};
};

} // namespace rs::ui
